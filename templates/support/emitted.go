package support

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// This file holds the helpers that generated models and operations call: unions, extra properties, error text,
// parameter formatting of collections, multipart values and webhook decoding.

// formatEach formats every element of a slice parameter.
func formatEach[T any](vs []T) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, formatParam(v))
	}
	return out
}

// pathParamStyle formats a scalar path parameter in an OpenAPI style other
// than "simple": "label" (.v) or "matrix" (;name=v). The value is escaped.
func pathParamStyle(name string, v any, style string) string {
	return pathParamArray(name, []string{formatParam(v)}, style, false)
}

// pathParamArray formats an array path parameter, each element escaped:
// "simple" (a,b), "label" (.a,b; exploded .a.b) or "matrix" (;name=a,b;
// exploded ;name=a;name=b).
func pathParamArray(name string, vs []string, style string, explode bool) string {
	esc := make([]string, len(vs))
	for i, v := range vs {
		esc[i] = url.PathEscape(v) // escapes ',' and ';': an element never reads as a separator
	}
	switch style {
	case "label":
		if explode {
			return "." + strings.Join(esc, ".")
		}
		return "." + strings.Join(esc, ",")
	case "matrix":
		n := ";" + url.PathEscape(name) + "="
		if explode {
			return n + strings.Join(esc, n)
		}
		return n + strings.Join(esc, ",")
	}
	return strings.Join(esc, ",")
}

// pathParamObject formats an object path parameter (pairs as objectPairs
// gives them), keys and values escaped: "simple" (k,v,k2,v2; exploded
// k=v,k2=v2), "label" (.k,v,k2,v2; exploded .k=v.k2=v2) or "matrix"
// (;name=k,v,k2,v2; exploded ;k=v;k2=v2).
func pathParamObject(name string, kv [][2]string, style string, explode bool) string {
	parts := make([]string, 0, 2*len(kv))
	for _, p := range kv {
		k, v := url.PathEscape(p[0]), url.PathEscape(p[1])
		if explode {
			parts = append(parts, k+"="+v)
		} else {
			parts = append(parts, k, v)
		}
	}
	sep := ","
	switch {
	case style == "label" && explode:
		sep = "."
	case style == "matrix" && explode:
		sep = ";"
	}
	out := strings.Join(parts, sep)
	switch {
	case style == "label":
		return "." + out
	case style == "matrix" && explode:
		return ";" + out
	case style == "matrix":
		return ";" + url.PathEscape(name) + "=" + out
	}
	return out
}

// objectPairs turns an object-valued parameter (a struct or map) into sorted key/value pairs, by its JSON form.
func objectPairs(v any) [][2]string {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([][2]string, 0, len(keys))
	for _, k := range keys {
		pairs = append(pairs, [2]string{k, rawText(m[k])})
	}
	return pairs
}

// rawText is the text of a JSON scalar: strings unquoted, numbers as written, others as JSON.
func rawText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(bytes.TrimSpace(raw))
}

// multipartValue formats a non-file multipart field: scalars as text, anything else as JSON.
func multipartValue(v any) string {
	switch v.(type) {
	// Decimal and Date are fmt.Stringers: naming them here would keep them in a package that has neither.
	case string, bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64,
		fmt.Stringer:
		return formatParam(v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return formatParam(v)
	}
	return rawText(b)
}

// multipartMapBody sends a map as multipart fields, in sorted order.
func multipartMapBody(m map[string]string) requestBody {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]multipartPart, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, multipartPart{Name: k, Value: m[k]})
	}
	return multipartBody(parts)
}

// mergeExtraJSON adds the extra properties to a marshalled object. Declared fields win over extras of the same
// name, so an extra can never overwrite a typed value.
func mergeExtraJSON[V any](base []byte, extra map[string]V) ([]byte, error) {
	if len(extra) == 0 {
		return base, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(base, &fields); err != nil {
		return nil, err
	}
	for k, v := range extra {
		if _, declared := fields[k]; declared {
			continue
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		fields[k] = b
	}
	return json.Marshal(fields)
}

// splitExtraJSON keeps the properties of an object that are not declared.
func splitExtraJSON[V any](data []byte, dst *map[string]V, known []string) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	for _, k := range known {
		delete(fields, k)
	}
	if len(fields) == 0 {
		*dst = nil
		return nil
	}
	out := make(map[string]V, len(fields))
	for k, raw := range fields {
		var v V
		if err := opgUnmarshal(raw, &v); err != nil {
			return fmt.Errorf("property %q: %w", k, err)
		}
		out[k] = v
	}
	*dst = out
	return nil
}

// errorBodyText is the Error() text of an API error body: "code: message", with card numbers masked.
func errorBodyText(typeName, code, msg string) string {
	var s string
	switch {
	case code != "" && msg != "":
		s = code + ": " + msg
	case msg != "":
		s = msg
	case code != "":
		s = code
	default:
		s = typeName
	}
	return opgMaskCardNumbers(s)
}

// unionShape is what a union variant's payload looks like.
type unionShape struct {
	name     string // the variant's Go field, for errors
	kind     string // object, array, string, number, integer, boolean, any
	required []string
	known    []string
	enum     []string // a scalar variant's listed values (strings unquoted, numbers as written)
	// fixed are the properties an object variant fixes to one string (a const): another value there rules it out.
	fixed [][2]string
}

func unionEmptyError(typeName string) error {
	return errors.New(typeName + ": no variant is set")
}

func unionDecodeError(typeName string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", typeName, err)
	}
	return fmt.Errorf("%s: the discriminator names no known variant", typeName)
}

// unionDiscriminator reads a string property of an object payload.
func unionDiscriminator(data []byte, prop string) (string, bool, error) {
	if !bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		return "", false, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return "", false, err
	}
	raw, ok := fields[prop]
	if !ok {
		return "", false, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return rawText(raw), true, nil
	}
	return s, true, nil
}

// unionPick chooses the one variant a oneOf payload matches. A variant is a candidate when the payload's JSON type
// fits it and an object carries every property it requires. The best candidate is, in this order: the one whose
// JSON type fits exactly (an integer variant for 5 before a number variant, both before an untyped one); for an
// object, the one whose constants (a property fixed to one string) the payload does not contradict; for a
// scalar, the one whose enum lists it, then one without an enum, then one whose enum does not list it (an enum
// still takes a value added since when it is the only candidate); the one that declares most of the payload's
// properties; the one with fewest declared properties the payload lacks (so
// a discriminated parent's Base wins over a child whose own properties are all absent). Two object variants
// equal on all three are a true tie: the payload does not say which it is, and the error names both rather than
// the spec's order deciding. Scalar variants of one JSON type read the same value: the first listed is taken.
func unionPick(typeName string, data []byte, shapes []unionShape) (int, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return -1, fmt.Errorf("%s: empty payload", typeName)
	}
	kind := jsonKindOf(trimmed)
	var fields map[string]json.RawMessage
	if kind == "object" {
		if err := json.Unmarshal(trimmed, &fields); err != nil {
			return -1, fmt.Errorf("%s: %w", typeName, err)
		}
	}
	type score struct{ kind, fixed, listed, known, missing int }
	better := func(a, b score) int {
		switch {
		case a.kind != b.kind:
			return a.kind - b.kind
		case a.fixed != b.fixed:
			return a.fixed - b.fixed
		case a.listed != b.listed:
			return a.listed - b.listed
		case a.known != b.known:
			return a.known - b.known
		}
		return b.missing - a.missing
	}
	best, tie := -1, -1
	var bestScore score
	var names []string
	for i, s := range shapes {
		names = append(names, s.kind)
		if !kindFits(s.kind, kind, trimmed) {
			continue
		}
		sc := score{kind: kindRank(s.kind, kind), listed: enumRank(s.enum, trimmed)}
		if kind == "object" {
			if !hasAll(fields, s.required) {
				continue
			}
			if fixedFit(fields, s.fixed) {
				sc.fixed = 1
			}
			sc.known = countKnown(fields, s.known)
			sc.missing = len(s.known) - sc.known
		}
		switch c := better(sc, bestScore); {
		case best < 0 || c > 0:
			best, bestScore, tie = i, sc, -1
		case c == 0 && tie < 0:
			tie = i
		}
	}
	if best < 0 {
		return -1, fmt.Errorf("%s: a JSON %s matches none of its variants (%s)", typeName, kind, strings.Join(names, ", "))
	}
	if tie >= 0 && kind == "object" && shapes[best].kind == "object" {
		return -1, fmt.Errorf("%s: the payload matches %s and %s equally (the same properties known and missing); "+
			"a oneOf takes exactly one, so neither is chosen", typeName, shapeName(shapes, best), shapeName(shapes, tie))
	}
	return best, nil
}

// enumRank is 2 when a variant's enum lists the scalar payload, 1 when the variant has no enum, 0 when its enum
// does not list it: oneOf [Status, string] takes "paid" as a Status and "new" as the string.
func enumRank(enum []string, raw []byte) int {
	if len(enum) == 0 {
		return 1
	}
	text := string(raw)
	if len(raw) > 0 && raw[0] == '"' {
		if err := json.Unmarshal(raw, &text); err != nil {
			return 0
		}
	}
	for _, e := range enum {
		if e == text {
			return 2
		}
	}
	return 0
}

func shapeName(shapes []unionShape, i int) string {
	if shapes[i].name != "" {
		return shapes[i].name
	}
	return "variant " + strconv.Itoa(i+1)
}

// kindRank is how exactly a variant's JSON type fits the payload's: 2 exactly, 1 a number variant for an
// integer payload, 0 an untyped variant.
func kindRank(want, got string) int {
	switch {
	case want == "any" || want == "":
		return 0
	case want == "number" && got == "number":
		return 1
	}
	return 2
}

func jsonKindOf(b []byte) string {
	switch b[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

func kindFits(want, got string, raw []byte) bool {
	switch want {
	case "any", "":
		return true
	case "integer":
		return got == "number" && !bytes.ContainsAny(raw, ".eE")
	}
	return want == got
}

// decodeWebhook decodes a webhook body with the same nesting bound as responses.
func decodeWebhook(body []byte, v any) error {
	if opgJSONTooDeep(body, opgMaxJSONDepth) {
		return errors.New("webhook body nests too deeply")
	}
	if err := opgUnmarshal(body, v); err != nil {
		return fmt.Errorf("decoding webhook body: %w", err)
	}
	return nil
}

// verifyWebhookBasicAuth checks that a webhook notification carries the HTTP basic credentials configured for the
// webhook. Both values are compared in constant time (as SHA-256 digests, so their lengths do not leak either);
// the errors never show a received or expected value.
func verifyWebhookBasicAuth(api string, r *http.Request, username, password string) error {
	fail := func(msg string) error { return errors.New(api + ": webhook: " + msg) }
	if password == "" {
		return fail("no webhook password given to verify against: pass the password set when the webhook was created")
	}
	if r == nil {
		return fail("nil *http.Request")
	}
	user, pass, ok := r.BasicAuth()
	if !ok {
		return fail("the request carries no HTTP basic credentials")
	}
	gotU, gotP := sha256.Sum256([]byte(user)), sha256.Sum256([]byte(pass))
	wantU, wantP := sha256.Sum256([]byte(username)), sha256.Sum256([]byte(password))
	if subtle.ConstantTimeCompare(gotU[:], wantU[:])&subtle.ConstantTimeCompare(gotP[:], wantP[:]) != 1 {
		return fail("the HTTP basic credentials do not match the webhook's")
	}
	return nil
}

// newWebhookTestRequest builds the server-side request a webhook handler receives for payload (JSON, POST, with
// the HTTP basic credentials when a user name or password is given), as httptest.NewRequest would: for tests of
// the user's handler, not to be sent with an http.Client.
func newWebhookTestRequest(api string, payload any, username, password string) (*http.Request, error) {
	if rv := reflect.ValueOf(payload); !rv.IsValid() || (rv.Kind() == reflect.Pointer && rv.IsNil()) {
		return nil, errors.New(api + ": webhook: nil event")
	}
	b, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("%s: webhook: encoding the event: %w", api, err)
	}
	r, err := http.NewRequest(http.MethodPost, "http://example.com/webhook", bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: webhook: %w", api, err)
	}
	r.Header.Set("Content-Type", "application/json")
	if username != "" || password != "" {
		r.SetBasicAuth(username, password)
	}
	r.RequestURI = "/webhook"
	r.RemoteAddr = "192.0.2.1:1234"
	return r, nil
}

// unionTag makes sure the encoded variant carries its discriminator: when
// the property is absent or empty it is set to values[0]; when it holds a
// value not in values and strict is set (the values are the spec's own,
// from a mapping or a const), the value is refused, since the API would read
// the payload as another variant.
//
// taken narrows the refusal for a union that decodes a value nobody lists by
// the payload's shape (it has no Unknown field): there only the values other
// variants list are refused, so a response decoded with a new value is sent
// back as received, while a value that selects another variant never leaves.
// A nil taken refuses every unlisted value: such a union keeps those payloads
// in Unknown instead.
func unionTag(typeName, variant string, data []byte, prop string, values []string, strict bool, taken []string) ([]byte, error) {
	if len(values) == 0 || !bytes.HasPrefix(data, []byte("{")) {
		return data, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, err
	}
	raw, ok := fields[prop]
	if ok && string(raw) != `""` && string(raw) != "null" {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			s = string(raw)
		}
		for _, v := range values {
			if s == v {
				return data, nil
			}
		}
		if !strict || taken != nil && !slices.Contains(taken, s) {
			return data, nil
		}
		quoted := make([]string, len(values))
		for i, v := range values {
			quoted[i] = strconv.Quote(v)
		}
		return nil, &ValidationError{Field: prop, Reason: "discriminator " + strconv.Quote(s) + " does not select " + variant,
			text: typeName + ": " + variant + " is sent with " + strconv.Quote(prop) + " " + strconv.Quote(s) + ", which selects another variant; leave it unset or use " + strings.Join(quoted, ", ")}
	}
	tag, _ := json.Marshal(values[0])
	fields[prop] = tag
	if !ok {
		// Absent: put it first, leaving the rest of the bytes as they are.
		rest := bytes.TrimSpace(data[1:])
		out := make([]byte, 0, len(data)+len(prop)+len(tag)+5)
		out = append(out, '{')
		out = strconv.AppendQuote(out, prop)
		out = append(out, ':')
		out = append(out, tag...)
		if !bytes.HasPrefix(rest, []byte("}")) {
			out = append(out, ',')
		}
		return append(out, rest...), nil
	}
	return json.Marshal(fields)
}

// unionMany returns a *ValidationError when more than one of a oneOf's
// variants is set (set[i] for names[i]), nil otherwise.
func unionMany(typeName string, names []string, set ...bool) error {
	n := 0
	for _, s := range set {
		if s {
			n++
		}
	}
	if n <= 1 {
		return nil
	}
	var on []string
	for i, s := range set {
		if s {
			on = append(on, names[i])
		}
	}
	return opgUnionManyError(typeName, on...)
}

// withoutReadOnly is v encoded as JSON without the readOnly properties at
// paths (see opgStripReadOnly), for a form body: formBody encodes it as is.
// An encoding error is kept and returned when formBody encodes it.
func withoutReadOnly(v any, paths ...[]string) json.Marshaler {
	raw, err := json.Marshal(v)
	if err == nil {
		raw, err = opgStripReadOnly(raw, paths)
	}
	return opgPreEncoded{raw: raw, err: err}
}

// The union helpers for anyOf (several branches may hold at once) and for JSON null as a union value.

// unionPart is one set branch of an anyOf, already encoded.
type unionPart struct {
	name string
	data []byte
}

// unionMerge encodes an anyOf's set branches as the one JSON value the API receives. One branch is sent as it is.
// Several object branches are merged into one object: the first branch's properties in their order, then each
// later branch's new ones. A property two branches set to different values, or branches that are not all objects
// and differ, is a *ValidationError naming both branches (never their values, which may be card data): nothing
// is sent rather than one branch silently winning. Branches that encode to equal JSON are one value.
func unionMerge(typeName string, parts []unionPart) ([]byte, error) {
	switch len(parts) {
	case 0:
		return nil, unionEmptyError(typeName)
	case 1:
		return parts[0].data, nil
	}
	objects := true
	for _, p := range parts {
		if t := bytes.TrimSpace(p.data); len(t) == 0 || t[0] != '{' {
			objects = false
		}
	}
	if !objects {
		for _, p := range parts[1:] {
			if !jsonEqual(parts[0].data, p.data) {
				return nil, &ValidationError{Field: typeName, Reason: "branches " + parts[0].name + " and " + p.name + " are set to different values",
					text: typeName + ": branches " + parts[0].name + " and " + p.name + " are both set, to different JSON values that are not " +
						"both objects; one JSON value is sent: set one of them"}
			}
		}
		return parts[0].data, nil
	}
	var order []string
	vals := map[string]json.RawMessage{}
	from := map[string]string{}
	for _, p := range parts {
		keys, raws, err := objectMembers(p.data)
		if err != nil {
			return nil, fmt.Errorf("%s: branch %s: %w", typeName, p.name, err)
		}
		for i, k := range keys {
			if prev, ok := vals[k]; ok {
				if !jsonEqual(prev, raws[i]) {
					return nil, &ValidationError{Field: k, Reason: "branches " + from[k] + " and " + p.name + " set it to different values",
						text: typeName + ": branches " + from[k] + " and " + p.name + " set " + fmt.Sprintf("%q", k) +
							" to different values; an anyOf sends one object: make them agree or set one branch"}
				}
				continue
			}
			vals[k], from[k] = raws[i], p.name
			order = append(order, k)
		}
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range order {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(k)
		b.Write(key)
		b.WriteByte(':')
		b.Write(vals[k])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// objectMembers returns an object's properties in the order they appear, with their raw values.
func objectMembers(data []byte) ([]string, []json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, errors.New("not a JSON object")
	}
	var keys []string
	var raws []json.RawMessage
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		k, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, err
		}
		keys, raws = append(keys, k), append(raws, raw)
	}
	return keys, raws, nil
}

// jsonEqual reports whether two JSON texts hold the same value (object members in any order, numbers compared
// by their text).
func jsonEqual(a, b []byte) bool {
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) == nil && json.Compact(&cb, b) == nil && bytes.Equal(ca.Bytes(), cb.Bytes()) {
		return true
	}
	va, ea := decodeNumbers(a)
	vb, eb := decodeNumbers(b)
	return ea == nil && eb == nil && reflect.DeepEqual(va, vb)
}

func decodeNumbers(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// unionMatches returns, in the spec's order, every anyOf branch the payload fits: its JSON type fits, an object
// carries every property the branch requires and no other value where the branch fixes a constant (unless that
// rules out every branch), and, when some fitting branch declares one of the payload's
// properties, the branch declares one of them too or declares none (a free-form object). The caller decodes the
// payload into each and keeps those that decode.
func unionMatches(typeName string, data []byte, shapes []unionShape) ([]int, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%s: empty payload", typeName)
	}
	kind := jsonKindOf(trimmed)
	var fields map[string]json.RawMessage
	if kind == "object" {
		if err := json.Unmarshal(trimmed, &fields); err != nil {
			return nil, fmt.Errorf("%s: %w", typeName, err)
		}
	}
	var fit, sharing []int
	var names []string
	for i, s := range shapes {
		names = append(names, s.kind)
		if !kindFits(s.kind, kind, trimmed) || (kind == "object" && !hasAll(fields, s.required)) {
			continue
		}
		fit = append(fit, i)
	}
	if len(fit) == 0 {
		return nil, fmt.Errorf("%s: a JSON %s matches none of its branches (%s)", typeName, kind, strings.Join(names, ", "))
	}
	if kind == "object" {
		// A branch that fixes a property to another constant ("object": "bank_account" for a card) is not
		// this payload, unless every branch is ruled out that way (a value added since: stay lenient).
		var ok []int
		for _, i := range fit {
			if fixedFit(fields, shapes[i].fixed) {
				ok = append(ok, i)
			}
		}
		if len(ok) > 0 {
			fit = ok
		}
		for _, i := range fit {
			if len(shapes[i].known) == 0 || countKnown(fields, shapes[i].known) > 0 {
				sharing = append(sharing, i)
			}
		}
	}
	if kind == "object" && len(sharing) > 0 && len(sharing) < len(fit) {
		// A branch that shares no property with the payload only fits because all its properties are optional.
		onlyFree := true
		for _, i := range sharing {
			if len(shapes[i].known) > 0 {
				onlyFree = false
			}
		}
		if !onlyFree {
			return sharing, nil
		}
	}
	return fit, nil
}

func hasAll(fields map[string]json.RawMessage, names []string) bool {
	for _, r := range names {
		if _, ok := fields[r]; !ok {
			return false
		}
	}
	return true
}

// fixedFit reports whether the payload's properties hold the constants a variant fixes (an absent one fits: a
// payload need not repeat them).
func fixedFit(fields map[string]json.RawMessage, fixed [][2]string) bool {
	for _, f := range fixed {
		raw, ok := fields[f[0]]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) != nil || s != f[1] {
			return false
		}
	}
	return true
}

func countKnown(fields map[string]json.RawMessage, known []string) int {
	n := 0
	for _, k := range known {
		if _, ok := fields[k]; ok {
			n++
		}
	}
	return n
}

// unionNoBranch is the error of an anyOf payload that fitted branches by shape but decoded into none of them.
func unionNoBranch(typeName string, err error) error {
	if err == nil {
		return fmt.Errorf("%s: the payload decodes into none of its branches", typeName)
	}
	return err
}

// isJSONNull reports whether data is the JSON null.
func isJSONNull(data []byte) bool {
	return bytes.Equal(bytes.TrimSpace(data), []byte("null"))
}

// bodyIsNull reports whether the response body is the JSON null, which a call whose spec allows a null body
// returns as nil rather than as an empty value.
func (r *response) bodyIsNull() bool {
	return isJSONNull(r.Body)
}

// opgJSONInString returns the contents of data when data is a JSON string holding a JSON object or array (a
// payload sent encoded twice, "{\"id\":\"chr_1\"}": x-opgen-json-string), and data itself otherwise.
func opgJSONInString(data []byte) []byte {
	d := bytes.TrimSpace(data)
	if len(d) < 2 || d[0] != '"' {
		return data
	}
	var s string
	if json.Unmarshal(d, &s) != nil {
		return data
	}
	inner := bytes.TrimSpace([]byte(s))
	if len(inner) == 0 || inner[0] != '{' && inner[0] != '[' || !json.Valid(inner) {
		return data
	}
	return inner
}
