package mock

import (
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// apiError is an error the mock answers in the API's own error shape.
type apiError struct {
	status  int
	message string // what went wrong and what to do
	field   string // the offending parameter or body field (dotted path), if any
	header  http.Header

	simulated bool           // asked for with Prefer: not a problem of the request
	pinned    any            // a documented example to send as it is (Prefer: example=...)
	forced    map[string]any // code properties given their value (Prefer: example=card_declined read as a code's name)
}

// errorResponse finds the response an error with this status is described by, for an operation (nil: any
// operation of the document). exact reports whether the response is the one of this very status (or its
// range), whose description and examples may then be used as they are.
func (h *Handler) errorResponse(op *openapi3.Operation, status int) (resp *openapi3.Response, exact bool) {
	if op != nil && op.Responses != nil {
		if r := op.Responses.Status(status); r != nil && r.Value != nil && jsonMedia(r.Value.Content) != nil {
			return r.Value, true
		}
		if r := op.Responses.Default(); r != nil && r.Value != nil && jsonMedia(r.Value.Content) != nil {
			return r.Value, false
		}
		if r := bestErrorResponse(op.Responses); r != nil {
			return r, false
		}
	}
	// Not described by the operation: the first operation that describes this status, else any error shape.
	for _, rt := range h.routes {
		if r := rt.op.Responses; r != nil {
			if rr := r.Value(strconv.Itoa(status)); rr != nil && rr.Value != nil && jsonMedia(rr.Value.Content) != nil {
				return rr.Value, true
			}
		}
	}
	return h.docError, false
}

// bestErrorResponse is a 4xx/5xx response of responses with a JSON body, 400 first, then by status.
func bestErrorResponse(responses *openapi3.Responses) *openapi3.Response {
	if responses == nil {
		return nil
	}
	var codes []string
	for code, r := range responses.Map() {
		if r == nil || r.Value == nil || jsonMedia(r.Value.Content) == nil {
			continue
		}
		if len(code) == 3 && (code[0] == '4' || code[0] == '5') {
			codes = append(codes, code)
		}
	}
	if len(codes) == 0 {
		return nil
	}
	sort.Slice(codes, func(i, j int) bool {
		if (codes[i] == "400") != (codes[j] == "400") {
			return codes[i] == "400"
		}
		return codes[i] < codes[j]
	})
	return responses.Value(codes[0]).Value
}

// docErrorResponse picks the document's usual error shape: the 400 (else default, else any 4xx) response
// described most often.
func docErrorResponse(routes []*route) *openapi3.Response {
	count := map[*openapi3.Response]int{}
	var order []*openapi3.Response
	for _, rt := range routes {
		if rt.op.Responses == nil {
			continue
		}
		r := rt.op.Responses.Value("400")
		if r == nil || r.Value == nil || jsonMedia(r.Value.Content) == nil {
			r = rt.op.Responses.Default()
		}
		var v *openapi3.Response
		if r != nil && r.Value != nil && jsonMedia(r.Value.Content) != nil {
			v = r.Value
		} else {
			v = bestErrorResponse(rt.op.Responses)
		}
		if v == nil {
			continue
		}
		if count[v] == 0 {
			order = append(order, v)
		}
		count[v]++
	}
	var best *openapi3.Response
	for _, r := range order {
		if best == nil || count[r] > count[best] {
			best = r
		}
	}
	return best
}

// errorBody builds the body of an error: the documented example of that status with its message patched when
// there is one, else a value built from the error schema with the message, field and codes filled by name,
// else a plain {"code", "message"} object.
func (h *Handler) errorBody(op *openapi3.Operation, e *apiError, requestID string) (contentType string, body any, headers http.Header) {
	resp, exact := h.errorResponse(op, e.status)
	if resp == nil {
		return "application/json", map[string]any{"code": e.status, "message": e.message}, nil
	}
	ct, mt := jsonMediaType(resp.Content)
	headers = h.responseHeaders(resp, requestID)
	fill := errorFill{status: e.status, message: e.message, field: e.field, requestID: requestID, forced: e.forced}
	if exact {
		if resp.Description != nil {
			fill.description = *resp.Description
		}
	}
	if exact {
		if ex, ok := firstExample(mt); ok {
			var sc *openapi3.Schema
			if mt.Schema != nil {
				sc = mt.Schema.Value
			}
			return ct, fill.patch(ex, sc), headers
		}
	}
	if mt.Schema == nil || mt.Schema.Value == nil {
		return ct, map[string]any{"code": e.status, "message": e.message}, headers
	}
	syn := newSynth(h.cfg.seed, "error "+strconv.Itoa(e.status), forResponse)
	return ct, fill.build(mt.Schema, syn, 0), headers
}

// errorFill fills the fields of an error object by their names.
type errorFill struct {
	status      int
	message     string
	field       string
	requestID   string
	description string // the description of the response of this very status, naming its codes
	forced      map[string]any
}

// fieldKind classifies an error object's property by its name.
type fieldKind int

const (
	kindOther fieldKind = iota
	kindMessage
	kindTitle
	kindParam
	kindStatus
	kindCode
	kindRequestID
)

func classify(name string, sc *openapi3.Schema) fieldKind {
	n := strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(name))
	typ := ""
	if sc != nil {
		typ = schemaType(sc)
	}
	hasEnum := sc != nil && len(sc.Enum) > 0
	switch {
	case strings.Contains(n, "requestid") || strings.Contains(n, "traceid") || strings.Contains(n, "trackingid") || strings.Contains(n, "correlationid") || n == "debugid":
		return kindRequestID
	case n == "param" || n == "parameter" || n == "field" || n == "fieldname" || n == "property" || n == "attribute" || n == "invalidparam" || n == "pointer":
		return kindParam
	case (n == "status" || n == "statuscode" || n == "httpcode" || n == "httpstatus" || n == "httpstatuscode" || n == "code") && typ == "integer" && !hasEnum:
		return kindStatus
	case n == "title" && typ == "string":
		return kindTitle
	case (strings.Contains(n, "message") || strings.Contains(n, "description") || n == "detail" || n == "details" || n == "msg" || n == "error" || n == "reason") && typ == "string":
		return kindMessage
	case n == "code" || n == "errorcode" || n == "type" || n == "errortype" || n == "category" || n == "kind" || n == "reason" || n == "declinecode" || strings.HasSuffix(n, "code"):
		return kindCode
	}
	return kindOther
}

// build makes an error value from the schema.
func (f errorFill) build(ref *openapi3.SchemaRef, syn *synth, depth int) any {
	sc := flatten(ref)
	if sc == nil || schemaType(sc) != "object" || depth > 3 {
		return syn.value(ref)
	}
	required := map[string]bool{}
	for _, r := range sc.Required {
		required[r] = true
	}
	out := map[string]any{}
	for _, name := range sortedKeys(sc.Properties) {
		p := sc.Properties[name]
		if p == nil || p.Value == nil || p.Value.WriteOnly {
			continue
		}
		pv := flatten(p)
		if v, ok := f.forced[name]; ok {
			out[name] = v
			continue
		}
		switch classify(name, pv) {
		case kindMessage:
			out[name] = f.message
			if len(pv.Enum) > 0 { // a fixed message (PayPal's): the documented one that fits the status
				if v, ok := f.code(pv); ok {
					out[name] = v
				}
			}
		case kindTitle:
			out[name] = http.StatusText(f.status)
		case kindParam:
			if f.field != "" || required[name] {
				if schemaType(pv) == "array" {
					out[name] = []any{f.field}
				} else {
					out[name] = f.field
				}
			}
		case kindStatus:
			out[name] = f.status
		case kindRequestID:
			if schemaType(pv) == "string" {
				out[name] = f.requestID
			} else if required[name] {
				out[name] = syn.value(p)
			}
		case kindCode:
			// A code from an enum the status can select (Openpay's category and error_code, Culqi's type);
			// other codes (a decline code, a free-form code) only when required.
			if v, ok := f.code(pv); ok && (required[name] || primaryCode(name)) {
				out[name] = v
			} else if required[name] {
				out[name] = syn.value(p)
			}
		default:
			lname := strings.ToLower(name)
			nested := strings.Contains(lname, "error") || strings.Contains(lname, "detail") || strings.Contains(lname, "issue")
			switch {
			case schemaType(pv) == "object" && (required[name] || nested):
				out[name] = f.build(p, syn, depth+1)
			case schemaType(pv) == "array" && nested && pv.Items != nil:
				out[name] = []any{f.build(pv.Items, syn, depth+1)}
			case len(pv.Enum) > 0:
				// An enumerated property (Culqi's object: error, PayPal's name: INVALID_REQUEST): the value that
				// fits the status.
				if v, ok := f.code(pv); ok {
					out[name] = v
				}
			case required[name]:
				out[name] = syn.value(p)
			}
		}
	}
	return out
}

// patch copies a documented error example and puts this error's message, field, status and request id into
// it, adding the message and field properties the schema declares but the example leaves out.
func (f errorFill) patch(example any, sc *openapi3.Schema) any {
	v := deepCopy(example)
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	var props openapi3.Schemas
	if sc != nil {
		if fl := flatten(&openapi3.SchemaRef{Value: sc}); fl != nil {
			props = fl.Properties
		}
	}
	oldParam := ""
	for k, x := range m {
		if classify(k, nil) == kindParam {
			if s, ok := x.(string); ok {
				oldParam = s
			}
		}
	}
	names := map[string]bool{}
	for k := range m {
		names[k] = true
	}
	for k := range props {
		names[k] = true
	}
	for k := range names {
		var psc *openapi3.Schema
		if p := props[k]; p != nil {
			psc = flatten(p)
		}
		kind := classify(k, psc)
		_, present := m[k]
		if v, ok := f.forced[k]; ok {
			m[k] = v
			continue
		}
		if psc == nil {
			// A property of the example the schema does not declare: judge it by its value.
			switch m[k].(type) {
			case string:
				kind = classify(k, &openapi3.Schema{Type: &openapi3.Types{"string"}})
			case float64, int, int64:
				kind = classify(k, &openapi3.Schema{Type: &openapi3.Types{"integer"}})
			}
		}
		switch kind {
		case kindMessage:
			m[k] = f.message
		case kindParam:
			if f.field != "" {
				m[k] = f.field
			} else if present {
				delete(m, k)
			}
		case kindStatus:
			if present {
				m[k] = f.status
			}
		case kindRequestID:
			if _, ok := m[k].(string); ok {
				m[k] = f.requestID
			}
		case kindCode:
			// invalid_amount for the example's param "amount" becomes invalid_<field> for ours.
			if s, ok := m[k].(string); ok && oldParam != "" && f.field != "" && strings.EqualFold(s, "invalid_"+oldParam) {
				m[k] = "invalid_" + leaf(f.field)
			}
		}
	}
	return m
}

// primaryCode reports whether a code-like property is the error's main code or category (not, say, a decline
// code that only some errors carry).
func primaryCode(name string) bool {
	switch strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(name)) {
	case "code", "errorcode", "type", "errortype", "category", "kind":
		return true
	}
	return false
}

// leaf is the last element of a dotted field path.
func leaf(field string) string {
	if i := strings.LastIndexByte(field, '.'); i >= 0 {
		return field[i+1:]
	}
	return field
}

// codeStatusRe finds "code - status" pairs in a description: "1001 - 400 Bad Request", "1001 (400 Bad Request)".
var codeStatusRe = regexp.MustCompile(`(?m)([\w.]+)\s+(?:[-–:]\s+|\()(\d{3})\b`)

// statusWords are words an error code for a status tends to contain.
var statusWords = map[int][]string{
	400: {"param", "invalid", "valid", "request", "bad"},
	401: {"auth", "unauthor", "key", "credential"},
	402: {"declin", "card", "payment", "fund"},
	403: {"forbid", "permission", "access"},
	404: {"not_found", "notfound", "resource", "missing"},
	405: {"method"},
	409: {"conflict", "duplicate", "exists"},
	413: {"large", "size"},
	415: {"media", "content"},
	422: {"param", "invalid", "valid", "unprocessable"},
	429: {"limit", "rate", "many", "throttl"},
	500: {"internal", "api_error", "server"},
	503: {"unavailable", "api_error", "internal", "service", "server"},
}

// classWords are the words of a status's class, for a status whose own words fit no code: a generic request
// error for 4xx (not a parameter error: no field is at fault), a server error for 5xx.
var classWords = map[int][]string{
	4: {"invalid_request", "invalid_request_error", "request", "invalid", "bad"},
	5: {"api_error", "internal", "server", "unavailable"},
}

// code chooses the value of a code/type/category property for this status: an enum value the response's own
// description names (Culqi: "`parameter_error`: ..."; Openpay: "Bad request (1001, ...)"), else the value the
// property's description maps to the status ("1001 - 400 Bad Request"), else the enum value whose words fit the
// status, else the property's example, default or first enum value. Without an enum there is nothing to choose
// from: false.
func (f errorFill) code(sc *openapi3.Schema) (any, bool) {
	if sc == nil {
		return nil, false
	}
	enum := sc.Enum
	if len(enum) == 0 {
		// No enum, but a description listing "code (status ...)" pairs: those codes are the choices.
		for _, m := range codeStatusRe.FindAllStringSubmatch(sc.Description, -1) {
			var v any = m[1]
			if t := schemaType(sc); t == "integer" || t == "number" {
				n, err := strconv.ParseFloat(m[1], 64)
				if err != nil {
					continue
				}
				v = n
			}
			enum = append(enum, v)
		}
		if len(enum) == 0 {
			return nil, false
		}
	}
	str := func(v any) string { return strings.ToLower(jsonScalar(v)) }
	// 1. Named by the description of the response of this status: "(1007, 3001-3005)" names 3001 to 3005 too.
	// When it names several, the one whose name fits the status (a 402's CardDeclined before its
	// TransferRejected), else the one named first.
	if d := strings.ToLower(f.description); d != "" {
		if named := describedValues(d, enum); len(named) > 0 {
			return preferFitting(named, sc, f.status, f.field), true
		}
	}
	// 1b. Values whose x-enum-descriptions give this status ("Cards (402 Payment Required): ...").
	if descs := enumDescriptionsOf(sc); len(descs) > 0 {
		var named []any
		re := regexp.MustCompile(`(^|\D)` + strconv.Itoa(f.status) + `(\D|$)`)
		for _, v := range enum {
			if re.MatchString(descs[jsonScalar(v)]) {
				named = append(named, v)
			}
		}
		if len(named) > 0 {
			return preferFitting(named, sc, f.status, f.field), true
		}
	}
	// 2. Mapped to the status by the property's description.
	status := strconv.Itoa(f.status)
	for _, m := range codeStatusRe.FindAllStringSubmatch(sc.Description, -1) {
		if m[2] != status {
			continue
		}
		for _, v := range enum {
			if str(v) == strings.ToLower(m[1]) {
				return v, true
			}
		}
	}
	// 2b. The property's description explains each value ("gateway: an error moving funds ... (e.g. a declined
	// card)"): the value whose explanation holds a word of the status.
	if segs := valueSegments(strings.ToLower(sc.Description), enum); len(segs) > 0 {
		for _, w := range statusWords[f.status] {
			for i, v := range enum {
				if seg, ok := segs[i]; ok && strings.Contains(seg, w) {
					return v, true
				}
			}
		}
	}
	// 3. Words that fit the status, else its class: a 405 or a 415 is a bad request of some kind, a 502 a
	// server error (rather than, say, the enum's first value, a card error).
	words := statusWords[f.status]
	switch {
	case f.status >= 500:
		words = append(slices.Clone(words), classWords[5]...)
	case f.status >= 400:
		words = append(slices.Clone(words), classWords[4]...)
	}
	for _, w := range words {
		for _, v := range enum { // a value that is the word (api_error) before one that contains it (limit_api_error)
			if str(v) == w {
				return v, true
			}
		}
		for _, v := range enum {
			if strings.Contains(str(v), w) {
				return v, true
			}
		}
	}
	if v, ok := schemaExample(sc); ok {
		return v, true
	}
	for _, v := range enum {
		if v != nil {
			return v, true
		}
	}
	return nil, false
}

// wordIndex is the index of word in s where it is not part of a longer word or number, or -1.
func wordIndex(s, word string) int {
	isWord := func(b byte) bool {
		return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
	}
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], word)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(word)
		if (i == 0 || !isWord(s[i-1])) && (end == len(s) || !isWord(s[end])) {
			return i
		}
		from = i + 1
	}
	return -1
}

// jsonScalar renders a scalar the way it is written in JSON (numbers without a fraction as integers).
func jsonScalar(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case nil:
		return ""
	}
	b, _ := jsonMarshal(v)
	return string(b)
}

// flatten merges allOf into one object schema (properties and required), so fields can be found by name.
func flatten(ref *openapi3.SchemaRef) *openapi3.Schema {
	if ref == nil || ref.Value == nil {
		return nil
	}
	sc := ref.Value
	if len(sc.AllOf) == 0 {
		return sc
	}
	out := *sc
	out.AllOf = nil
	out.Properties = openapi3.Schemas{}
	for k, v := range sc.Properties {
		out.Properties[k] = v
	}
	out.Required = append([]string(nil), sc.Required...)
	for _, part := range sc.AllOf {
		p := flatten(part)
		if p == nil {
			continue
		}
		for k, v := range p.Properties {
			if _, ok := out.Properties[k]; !ok {
				out.Properties[k] = v
			}
		}
		out.Required = append(out.Required, p.Required...)
		if out.Type == nil && p.Type != nil {
			out.Type = p.Type
		}
	}
	return &out
}

// rangeRe finds numeric ranges in a description: "3001-3005", "3009–3011".
var rangeRe = regexp.MustCompile(`\b(\d+)\s*[-–]\s*(\d+)\b`)

// describedValues are the enum values a response description names, in the order it names them: as words,
// or inside a numeric range whose ends are both values of the enum ("3001-3005").
func describedValues(d string, enum []any) []any {
	type hit struct {
		at int
		v  any
	}
	var hits []hit
	index := map[string]any{}
	for _, v := range enum {
		s := strings.ToLower(jsonScalar(v))
		if s == "" {
			continue
		}
		index[s] = v
		if loc := wordIndex(d, s); loc >= 0 {
			hits = append(hits, hit{loc, v})
		}
	}
	for _, m := range rangeRe.FindAllStringSubmatchIndex(d, -1) {
		lo, _ := strconv.Atoi(d[m[2]:m[3]])
		hi, _ := strconv.Atoi(d[m[4]:m[5]])
		if _, ok := index[d[m[2]:m[3]]]; !ok || hi <= lo {
			continue
		}
		if _, ok := index[d[m[4]:m[5]]]; !ok {
			continue
		}
		for _, v := range enum {
			n, err := strconv.Atoi(jsonScalar(v))
			if err == nil && n > lo && n < hi {
				hits = append(hits, hit{m[2], v})
			}
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].at < hits[j].at })
	seen := map[string]bool{}
	var out []any
	for _, h := range hits {
		if k := jsonScalar(h.v); !seen[k] {
			seen[k] = true
			out = append(out, h.v)
		}
	}
	return out
}

// preferFitting picks among candidate values the first whose name (the value and its x-enum-varnames name) holds
// the field at fault, else a word of the status, else the first candidate.
func preferFitting(cands []any, sc *openapi3.Schema, status int, field string) any {
	names := enumVarNamesOf(sc)
	label := func(v any) string {
		k := jsonScalar(v)
		return strings.ToLower(k + " " + names[k])
	}
	// The code named after the field at fault first: a duplicate external_id is ExternalIDExists, not
	// DuplicateOrderID.
	if f := normName(leaf(field)); len(f) > 2 {
		for _, v := range cands {
			if strings.Contains(normName(label(v)), f) {
				return v
			}
		}
	}
	for _, w := range statusWords[status] {
		for _, v := range cands {
			if strings.Contains(label(v), w) {
				return v
			}
		}
	}
	return cands[0]
}

// enumVarNamesOf reads the names the spec gives enum values (x-enum-varnames, x-enumNames, x-opgen-enum-varnames;
// a list in enum order or a map value -> name), by the value as JSON text.
func enumVarNamesOf(sc *openapi3.Schema) map[string]string {
	return enumExtension(sc, "x-enum-varnames", "x-enumNames", "x-opgen-enum-varnames")
}

// enumDescriptionsOf reads x-enum-descriptions (and its spellings), by the value as JSON text.
func enumDescriptionsOf(sc *openapi3.Schema) map[string]string {
	return enumExtension(sc, "x-enum-descriptions", "x-enumDescriptions", "x-opgen-enum-descriptions")
}

func enumExtension(sc *openapi3.Schema, keys ...string) map[string]string {
	out := map[string]string{}
	if sc == nil {
		return out
	}
	for _, key := range keys {
		switch d := sc.Extensions[key].(type) {
		case map[string]any:
			for k, v := range d {
				if s, ok := v.(string); ok {
					out[k] = s
				}
			}
		case []any:
			if len(d) != len(sc.Enum) {
				continue
			}
			for i, v := range d {
				if s, ok := v.(string); ok {
					out[jsonScalar(sc.Enum[i])] = s
				}
			}
		}
	}
	return out
}

// valueSegments splits a description of the form "a: text; b: text" into the text explaining each enum value
// (by index), when it explains at least two of them.
func valueSegments(d string, enum []any) map[int]string {
	type at struct{ i, pos int }
	var found []at
	for i, v := range enum {
		s := strings.ToLower(jsonScalar(v))
		if s == "" {
			continue
		}
		if p := wordIndex(d, s); p >= 0 && strings.HasPrefix(d[p+len(s):], ":") {
			found = append(found, at{i, p})
		}
	}
	if len(found) < 2 {
		return nil
	}
	sort.Slice(found, func(a, b int) bool { return found[a].pos < found[b].pos })
	out := map[int]string{}
	for k, f := range found {
		end := len(d)
		if k+1 < len(found) {
			end = found[k+1].pos
		}
		out[f.i] = d[f.pos:end]
	}
	return out
}
