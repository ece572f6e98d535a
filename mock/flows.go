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

// primarySuccess is the status and response a successful call is answered with: 201 for a POST that documents
// it (a create's "created", not an alternative 200 such as Culqi's 3-D Secure review), else the lowest 2xx.
func primarySuccess(rt *route) (int, *openapi3.Response) {
	if rt.method == http.MethodPost && rt.op.Responses != nil {
		if rr := rt.op.Responses.Value("201"); rr != nil && rr.Value != nil {
			return http.StatusCreated, rr.Value
		}
	}
	return successResponse(rt.op)
}

// chooseExample picks the documented response example that fits the request best:
//
//  1. the example named like the request example the body equals;
//  2. among the examples whose discriminator property (the request schema's discriminator, or the property
//     every oneOf variant fixes to one value) has the request's value; when none has it, the first example
//     with that value in another operation's response of the same schema, one of the same method first (a
//     store charge at merchant level answered with the store charge the customer-level operation documents);
//  3. for an operation on a stored object (capture, refund), the example most like the object (same
//     provider, brand, currency...); else the example named like the request example most like the body
//     (the same fields present, the same booleans: Sky's 3-D Secure retry gets the 3-D Secure answer), when
//     at least two request examples have an answer of their name;
//  4. else the media type's example, else the first named one.
//
// ok is false when the media type has no example.
func (h *Handler) chooseExample(rt *route, mt *openapi3.MediaType, r *http.Request, reqBody any, like any) (any, bool) {
	if mt == nil {
		return nil, false
	}
	var names []string
	for _, n := range sortedKeys(mt.Examples) {
		if ex := mt.Examples[n]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			names = append(names, n)
		}
	}
	if name := h.requestExampleName(rt.op, r, reqBody); name != "" {
		if ex, ok := namedExample(mt, name); ok {
			return ex, true
		}
	}
	var reqMT *openapi3.MediaType
	if rt.op.RequestBody != nil && rt.op.RequestBody.Value != nil {
		reqMT = rt.op.RequestBody.Value.Content.Get(r.Header.Get("Content-Type"))
	}
	cands := names
	if body, ok := reqBody.(map[string]any); ok && reqMT != nil && reqMT.Schema != nil {
		if prop := discriminatorProperty(reqMT.Schema); prop != "" {
			if val, ok := body[prop]; ok && isScalar(val) {
				var matched []string
				for _, n := range cands {
					if ex, ok := mt.Examples[n].Value.Value.(map[string]any); ok && sameScalar(ex[prop], val) {
						matched = append(matched, n)
					}
				}
				if m, ok := mt.Example.(map[string]any); ok && len(matched) == 0 && sameScalar(m[prop], val) {
					return deepCopy(m), true
				}
				if len(matched) > 0 {
					cands = matched
				} else if ex, ok := h.sameSchemaExample(rt, mt.Schema, prop, val); ok {
					return ex, true
				}
			}
		}
	}
	if len(cands) > 0 {
		best, bestScore := "", 0
		switch {
		case like != nil:
			for _, n := range cands {
				if s := valueScore(like, mt.Examples[n].Value.Value); best == "" || s > bestScore {
					best, bestScore = n, s
				}
			}
		case reqBody != nil && reqMT != nil && len(reqMT.Examples) > 1:
			// A choice between documented variants: at least two request examples answered by name.
			scored := 0
			for _, n := range cands {
				rex := reqMT.Examples[n]
				if rex == nil || rex.Value == nil || rex.Value.Value == nil {
					continue
				}
				scored++
				if s := shapeScore(reqBody, rex.Value.Value); best == "" || s > bestScore {
					best, bestScore = n, s
				}
			}
			if scored < 2 {
				best = ""
			}
		}
		if best != "" {
			return namedExample(mt, best)
		}
		if len(cands) < len(names) {
			return namedExample(mt, cands[0])
		}
	}
	return firstExample(mt)
}

// discriminatorProperty is the property that selects the variant of a request body: the schema's
// discriminator (or that of an allOf/oneOf member), else the property every oneOf/anyOf variant fixes to one
// value (an enum of one value, or const).
func discriminatorProperty(ref *openapi3.SchemaRef) string {
	if ref == nil || ref.Value == nil {
		return ""
	}
	sc := ref.Value
	if sc.Discriminator != nil && sc.Discriminator.PropertyName != "" {
		return sc.Discriminator.PropertyName
	}
	for _, group := range []openapi3.SchemaRefs{sc.AllOf, sc.OneOf, sc.AnyOf} {
		for _, m := range group {
			if m != nil && m.Value != nil && m.Value.Discriminator != nil && m.Value.Discriminator.PropertyName != "" {
				return m.Value.Discriminator.PropertyName
			}
		}
	}
	variants := sc.OneOf
	if len(variants) == 0 {
		variants = sc.AnyOf
	}
	if len(variants) < 2 {
		return ""
	}
	var common []string
	for i, v := range variants {
		fv := flatten(v)
		if fv == nil {
			return ""
		}
		var fixed []string
		for name, p := range fv.Properties {
			if pv := flatten(p); pv != nil && (len(pv.Enum) == 1 || pv.Const != nil) {
				fixed = append(fixed, name)
			}
		}
		if i == 0 {
			common = fixed
			continue
		}
		var keep []string
		for _, n := range common {
			for _, f := range fixed {
				if n == f {
					keep = append(keep, n)
				}
			}
		}
		common = keep
	}
	if len(common) == 0 {
		return ""
	}
	sort.Strings(common)
	return common[0]
}

// sameSchemaExample is the first example, among the success responses of every operation whose schema is sc,
// whose property prop has the value val: those of another operation of the same kind (another create) first,
// then of the same method.
func (h *Handler) sameSchemaExample(self *route, sc *openapi3.SchemaRef, prop string, val any) (any, bool) {
	if sc == nil || sc.Value == nil {
		return nil, false
	}
	// The shape of a path: whether it ends in a parameter, or in a literal after one (an action such as
	// /payments/{id}/refunds), or in a literal after a literal (a collection: a create).
	shape := func(r *route) int {
		segs := splitPath(r.template)
		switch {
		case len(segs) > 0 && strings.Contains(segs[len(segs)-1], "{"):
			return 0
		case len(segs) > 1 && strings.Contains(segs[len(segs)-2], "{"):
			return 1
		}
		return 2
	}
	createLike := func(r *route) bool {
		return r.state.kind == kindCreate || (r.state.kind == kindNone && r.method == http.MethodPost && shape(r) == 2)
	}
	rank := func(r *route) int {
		switch {
		case r.method == self.method && createLike(r) == createLike(self):
			return 0 // another create
		case r.method == self.method:
			return 1
		}
		return 2
	}
	order := slices.Clone(h.routes)
	sort.SliceStable(order, func(i, j int) bool { return rank(order[i]) < rank(order[j]) })
	for _, rt := range order {
		if rt.op.Responses == nil {
			continue
		}
		for _, code := range sortedKeys(rt.op.Responses.Map()) {
			if len(code) != 3 || code[0] != '2' {
				continue
			}
			rr := rt.op.Responses.Value(code)
			if rr == nil || rr.Value == nil {
				continue
			}
			mt := jsonMedia(rr.Value.Content)
			if mt == nil || mt.Schema == nil || mt.Schema.Value != sc.Value {
				continue
			}
			for _, v := range exampleValues(mt) {
				if m, ok := v.(map[string]any); ok && sameScalar(m[prop], val) {
					return foreignIDsCleared(rt, sc.Value, deepCopy(m).(map[string]any)), true
				}
			}
		}
	}
	return nil, false
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any, nil:
		return false
	}
	return true
}

// sameScalar compares two JSON scalars by value: 100 equals 100.0, "a" equals "a".
func sameScalar(a, b any) bool {
	if a == nil || b == nil || !isScalar(a) || !isScalar(b) {
		return false
	}
	as, bs := jsonScalar(a), jsonScalar(b)
	if as == bs {
		return true
	}
	af, aerr := strconv.ParseFloat(as, 64)
	bf, berr := strconv.ParseFloat(bs, 64)
	_, aStr := a.(string)
	_, bStr := b.(string)
	return aerr == nil && berr == nil && !aStr && !bStr && af == bf
}

// leaves flattens a JSON value into its leaf paths ("provider.data.use_3d_secure") and scalar values; arrays
// merge their elements under "path[]".
func leaves(v any, path string, out map[string]any) {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 && path != "" {
			out[path] = "{}"
		}
		for k, x := range t {
			p := k
			if path != "" {
				p = path + "." + k
			}
			leaves(x, p, out)
		}
	case []any:
		out[path+"[]"] = "[]"
		for _, x := range t {
			leaves(x, path+"[]", out)
		}
	default:
		if t != nil {
			out[path] = t
		}
	}
}

// shapeScore says how much a request looks like a request example: a point per field of the request the
// example also sends, a point per boolean both set alike, a point off per field of the request the example
// lacks or boolean they set differently. Examples are often fuller than a real request, so the fields only the
// example sends count only to break ties (fewer is better).
func shapeScore(req, example any) int {
	a, b := map[string]any{}, map[string]any{}
	leaves(req, "", a)
	leaves(example, "", b)
	score := 0
	for k, x := range a {
		y, ok := b[k]
		if !ok {
			score--
			continue
		}
		score++
		xb, xok := x.(bool)
		yb, yok := y.(bool)
		if xok && yok {
			if xb == yb {
				score++
			} else {
				score--
			}
		}
	}
	extra := 0
	for k := range b {
		if _, ok := a[k]; !ok {
			extra++
		}
	}
	return score*1000 - min(extra, 999)
}

// valueScore counts the leaf values two objects share (the same provider name, card brand, currency...).
func valueScore(a, b any) int {
	x, y := map[string]any{}, map[string]any{}
	leaves(a, "", x)
	leaves(b, "", y)
	n := 0
	for k, v := range x {
		if w, ok := y[k]; ok && isScalar(v) && sameScalar(v, w) {
			n++
		}
	}
	return n
}

// statusLike reports whether a property holds an object's state: status, state, or a name ending in them.
func statusLike(name string) bool {
	n := strings.ToLower(name)
	return n == "status" || n == "state" || strings.HasSuffix(n, "_status") || strings.HasSuffix(n, "_state")
}

// moneyLike are the properties a sub-object created by an action takes from its parent unless the request
// gives them: a refund is for the charge's amount and in its currency.
var moneyLike = map[string]bool{"amount": true, "currency": true, "currency_code": true}

// applyAction runs an operation on a stored object (POST /charges/{id}/capture, /refund; a DELETE that answers
// the object, such as cancelling a payout) and returns the object after it: the stored object, with
//   - the state properties (status, state, *_status) of the documented answer;
//   - the object-valued properties the answer documents and the stored object lacks, or that are named like the
//     action (a refund's `refund` transaction; synthesized from the schema when no answer is documented), each
//     with a fresh id, its parent's amount and currency, and the request's fields;
//   - else the request's fields (a capture's amount);
//   - the values the response's description states in backticks ("The captured charge (`capture: true`)").
func (h *Handler) applyAction(rt *route, stored map[string]any, rep *reply, reqBody any) map[string]any {
	out := deepCopy(stored).(map[string]any)
	sc := h.responseSchema(rt, rep.status)
	body, _ := reqBody.(map[string]any)
	created := false
	target := actionProperty(rt, sc)
	if ex, ok := rep.body.(map[string]any); ok && rep.fromExample {
		for _, k := range sortedKeys(ex) {
			v := ex[k]
			if v == nil {
				continue
			}
			if statusLike(k) && isScalar(v) {
				out[k] = v
				continue
			}
			sub, isObj := v.(map[string]any)
			if cur, has := stored[k]; (has && cur != nil && k != target) || !isObj {
				continue
			}
			out[k] = h.actionObject(deepCopy(sub).(map[string]any), stored, body, sc, k)
			created = true
		}
	}
	// Without a documented one: the object property named like the action (POST .../refund and a `refund`
	// property), synthesized from its schema, is what the action creates, replacing an earlier one.
	if k := target; !created && k != "" {
		syn := newSynth(h.cfg.seed, rt.id+" "+k, forResponse)
		if sub, ok := syn.value(sc.Properties[k]).(map[string]any); ok {
			out[k] = h.actionObject(sub, stored, body, sc, k)
			created = true
		}
	}
	if !created && body != nil {
		mergeFields(out, body, sc)
	}
	if rt.op.Responses != nil {
		if rr := rt.op.Responses.Status(rep.status); rr != nil && rr.Value != nil && rr.Value.Description != nil {
			describedValuesInto(out, *rr.Value.Description, sc)
		}
	}
	return out
}

// statedValueRe finds "`name: value`" (or `name=value`) in a description.
var statedValueRe = regexp.MustCompile("`([A-Za-z_][A-Za-z0-9_]*)\\s*[:=]\\s*([^`]+)`")

// describedValuesInto sets the properties a response description states a value of ("`capture: true`") when the
// schema declares the property and the value fits it.
func describedValuesInto(obj map[string]any, desc string, sc *openapi3.Schema) {
	if sc == nil {
		return
	}
	for _, m := range statedValueRe.FindAllStringSubmatch(desc, -1) {
		p := sc.Properties[m[1]]
		if p == nil || p.Value == nil {
			continue
		}
		raw := strings.TrimSpace(m[2])
		var v any = strings.Trim(raw, `"'`)
		switch {
		case raw == "true":
			v = true
		case raw == "false":
			v = false
		case raw == "null":
			v = nil
		default:
			if f, err := strconv.ParseFloat(raw, 64); err == nil {
				v = f
			}
		}
		if flatten(p).VisitJSON(v, openapi3.VisitAsResponse(), openapi3.DisableReadOnlyValidation()) == nil {
			obj[m[1]] = v
		}
	}
}

// foreignIDsCleared removes from an example borrowed from another operation the values of that operation's path
// parameters (the customer-level charge's customer_id): they name an object of its path, not of this request.
// A nullable property becomes null, another is left out.
func foreignIDsCleared(rt *route, sc *openapi3.Schema, ex map[string]any) map[string]any {
	fl := flatten(&openapi3.SchemaRef{Value: sc})
	for _, name := range pathParamNames(rt) {
		if _, ok := ex[name]; !ok {
			continue
		}
		if fl != nil && fl.Properties[name] != nil && fl.Properties[name].Value != nil && fl.Properties[name].Value.Nullable {
			ex[name] = nil
		} else {
			delete(ex, name)
		}
	}
	return ex
}

// pathParamNames are the names of a route's path parameters.
func pathParamNames(rt *route) []string {
	var out []string
	for _, m := range braceRe.FindAllStringSubmatch(rt.template, -1) {
		out = append(out, m[1])
	}
	return out
}

// pathValues puts the request's path parameters into a documented answer that has properties of their names: a
// charge created under /customers/{customer_id}/charges belongs to that customer, not to the example's. (The
// answer's own id is left to the stateful store.) Values from another operation's example that name objects of
// its path were cleared when it was borrowed.
func (h *Handler) pathValues(rt *route, params map[string]string, rep *reply) {
	m, ok := rep.body.(map[string]any)
	if !ok {
		return
	}
	sc := h.responseSchema(rt, rep.status)
	for _, name := range pathParamNames(rt) {
		if rt.state.res != nil && name == rt.state.res.idParam && rt.state.kind != kindCreate && rt.state.kind != kindList {
			continue
		}
		v, ok := m[name]
		if !ok {
			continue
		}
		// A string property, or a null one the schema types as a string (cleared from a borrowed example).
		_, isStr := v.(string)
		if v == nil && sc != nil {
			if p := sc.Properties[name]; p != nil && p.Value != nil && schemaType(flatten(p)) == "string" {
				isStr = true
			}
		}
		if isStr {
			m[name] = params[name]
		}
	}
}

// statedValues puts into an answer the values its response's description states ("3-D Secure authentication is
// required (`action_code: REVIEW`)"), so that Prefer: code=200 on a Culqi charge is the documented review answer.
func (h *Handler) statedValues(rt *route, rep *reply) {
	m, ok := rep.body.(map[string]any)
	if !ok || rt.op.Responses == nil {
		return
	}
	if rr := rt.op.Responses.Status(rep.status); rr != nil && rr.Value != nil && rr.Value.Description != nil {
		describedValuesInto(m, *rr.Value.Description, h.responseSchema(rt, rep.status))
	}
}

// actionObject completes an object an action creates inside the stored one (a refund's `refund` transaction): a
// fresh id, its parent's amount and currency (a full refund), then the request's fields.
func (h *Handler) actionObject(sub, stored, body map[string]any, sc *openapi3.Schema, prop string) map[string]any {
	if idv, ok := sub["id"]; ok {
		sub["id"] = h.newID(idv, nil, func(string) bool { return false })
	}
	for mk := range moneyLike {
		if pv, ok := stored[mk]; ok && pv != nil {
			if _, has := sub[mk]; has {
				sub[mk] = pv
			}
		}
	}
	if body != nil && sc != nil {
		if p := sc.Properties[prop]; p != nil {
			mergeFields(sub, body, flatten(p))
		}
	}
	return sub
}

// actionProperty is the object-valued property of the answer named like the action's last path segment
// ("refund" or "refunds" for POST /charges/{id}/refund), or "".
func actionProperty(rt *route, sc *openapi3.Schema) string {
	if sc == nil {
		return ""
	}
	segs := splitPath(rt.template)
	if len(segs) == 0 {
		return ""
	}
	last := strings.ToLower(segs[len(segs)-1])
	for _, name := range []string{last, strings.TrimSuffix(last, "s"), last + "s"} {
		if p := sc.Properties[name]; p != nil && p.Value != nil && schemaType(flatten(p)) == "object" {
			return name
		}
	}
	return ""
}

// exampleValues are a media type's examples: its `example`, then its named examples by name (nil ones left out).
func exampleValues(mt *openapi3.MediaType) []any {
	var out []any
	if mt.Example != nil {
		out = append(out, mt.Example)
	}
	for _, n := range sortedKeys(mt.Examples) {
		if ex := mt.Examples[n]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			out = append(out, ex.Value.Value)
		}
	}
	return out
}
