package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// opKind is what an operation does to a stored resource.
type opKind int

const (
	kindNone opKind = iota
	kindCreate
	kindList
	kindGet
	kindUpdate
	kindDelete
	kindAction // an operation on a stored object that answers the object: capture, refund, cancel
)

// resource is a kind of object the spec identifies by an id path parameter: its item path ends with {id} and
// its collection path is the item path without that segment.
type resource struct {
	item     string           // /customers/{customer_id}/cards/{card_id}
	coll     string           // /customers/{customer_id}/cards
	idParam  string           // card_id
	idSchema *openapi3.Schema // the id parameter's schema, which new ids must satisfy
	schema   *openapi3.Schema // the object's schema: the success body of its get (else of its create)
}

// stateInfo is what a route does in stateful mode.
type stateInfo struct {
	kind      opKind
	res       *resource
	ancestors []*resource // resources whose item path is a prefix of the route's path: they must exist
	effect    *effect     // x-opgen-mock-effect: the stored object a create also changes
}

var lastParamRe = regexp.MustCompile(`^\{([^{}/]+)\}$`)

// classifyRoutes finds the resources of the spec and what each route does to them. A resource is kept only
// when the spec can create it: a POST on its collection path (or on the collection path + /create, as Culqi's
// /v2/recurrent/plans/create).
func classifyRoutes(routes []*route) {
	posts := map[string]bool{}
	for _, r := range routes {
		if r.method == http.MethodPost {
			posts[r.template] = true
		}
	}
	resources := map[string]*resource{} // by item path
	for _, r := range routes {
		segs := splitPath(r.template)
		if len(segs) < 2 {
			continue
		}
		m := lastParamRe.FindStringSubmatch(segs[len(segs)-1])
		if m == nil {
			continue
		}
		coll := "/" + strings.Join(segs[:len(segs)-1], "/")
		if !posts[coll] && !posts[coll+"/create"] {
			continue
		}
		res := resources[r.template]
		if res == nil {
			res = &resource{item: r.template, coll: coll, idParam: m[1]}
			resources[r.template] = res
		}
		if res.idSchema == nil {
			res.idSchema = r.paramSchema(m[1])
		}
	}
	byColl := map[string]*resource{}
	for _, res := range resources {
		byColl[res.coll] = res
		byColl[res.coll+"/create"] = res
	}
	for _, r := range routes {
		info := stateInfo{}
		if res := resources[r.template]; res != nil {
			info.res = res
			switch r.method {
			case http.MethodGet:
				info.kind = kindGet
			case http.MethodPut, http.MethodPatch:
				info.kind = kindUpdate
			case http.MethodDelete:
				info.kind = kindDelete
			}
		} else if res := byColl[r.template]; res != nil {
			switch {
			case r.method == http.MethodPost:
				info.res, info.kind = res, kindCreate
			case r.method == http.MethodGet && r.template == res.coll:
				info.res, info.kind = res, kindList
			}
		}
		if info.kind == kindNone {
			info.res = nil
		}
		r.state = info
	}
	for _, res := range resources {
		res.schema = objectSchema(routes, res)
	}
	for _, r := range routes {
		info := r.state
		// An operation on a stored object that answers that object (a POST /charges/{id}/capture or /refund, a
		// DELETE /payouts/{id} that answers the cancelled payout) changes it rather than answering an example.
		if res := actionTarget(r, resources); res != nil && (info.kind == kindNone || info.kind == kindDelete) {
			info.res, info.kind = res, kindAction
		}
		// Parents must exist: /customers/{customer_id} for /customers/{customer_id}/cards, and the item itself
		// for another operation on it (POST /charges/{id}/capture).
		segs := splitPath(r.template)
		for n := 2; n <= len(segs); n++ {
			if res := resources["/"+strings.Join(segs[:n], "/")]; res != nil && res != info.res {
				info.ancestors = append(info.ancestors, res)
			}
		}
		r.state = info
	}
}

// store holds the resources created through the mock, by collection path (parent ids substituted).
type store struct {
	mu    sync.Mutex
	colls map[string]*collection
	seq   uint64
}

type collection struct {
	ids   []string
	items map[string]any
}

func newStore() *store { return &store{colls: map[string]*collection{}} }

func (s *store) get(coll, id string) (any, bool) {
	c := s.colls[coll]
	if c == nil {
		return nil, false
	}
	v, ok := c.items[id]
	return v, ok
}

func (s *store) put(coll, id string, v any) {
	c := s.colls[coll]
	if c == nil {
		c = &collection{items: map[string]any{}}
		s.colls[coll] = c
	}
	if _, ok := c.items[id]; !ok {
		c.ids = append(c.ids, id)
	}
	c.items[id] = v
}

// remove deletes an item and everything nested under it (a customer's cards).
func (s *store) remove(coll, id string) bool {
	c := s.colls[coll]
	if c == nil {
		return false
	}
	if _, ok := c.items[id]; !ok {
		return false
	}
	delete(c.items, id)
	for i, x := range c.ids {
		if x == id {
			c.ids = append(c.ids[:i], c.ids[i+1:]...)
			break
		}
	}
	prefix := strings.TrimSuffix(coll, "/") + "/" + id + "/"
	for k := range s.colls {
		if strings.HasPrefix(k, prefix) {
			delete(s.colls, k)
		}
	}
	return true
}

func (s *store) list(coll string) []any {
	c := s.colls[coll]
	if c == nil {
		return []any{}
	}
	out := make([]any, 0, len(c.ids))
	for _, id := range c.ids {
		out = append(out, deepCopy(c.items[id]))
	}
	return out
}

// concrete fills a path template with the request's path parameters.
func concrete(tmpl string, params map[string]string) string {
	return braceRe.ReplaceAllStringFunc(tmpl, func(m string) string { return params[m[1:len(m)-1]] })
}

// stateful answers the operations that create, read, list, update or delete a stored resource. handled is
// false for the other operations, which get the stateless answer (after their parent resources were checked).
func (h *Handler) stateful(rt *route, params map[string]string, query url.Values, reqBody any,
	base func(like any) (*reply, *apiError)) (*reply, *apiError, bool) {
	info := rt.state
	st := h.state
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, anc := range info.ancestors {
		if _, ok := st.get(concrete(anc.coll, params), params[anc.idParam]); !ok {
			return nil, notFound(anc, params), true
		}
	}
	if info.res == nil {
		return nil, nil, false
	}
	res := info.res
	coll := concrete(res.coll, params)
	id := params[res.idParam]
	switch info.kind {
	case kindCreate:
		if aerr := h.uniqueConflict(rt, reqBody, coll); aerr != nil {
			return nil, aerr, true
		}
		var changed map[string]any
		var changedID string
		body, _ := reqBody.(map[string]any)
		if e := info.effect; e != nil && body != nil {
			var aerr *apiError
			if changedID, changed, aerr = h.effectTarget(e, body); aerr != nil {
				return nil, aerr, true
			}
		}
		rep, aerr := base(nil)
		if aerr != nil {
			return nil, aerr, true
		}
		obj, ok := rep.body.(map[string]any)
		if !ok {
			return rep, nil, true // nothing to store: not an object
		}
		if m, ok := reqBody.(map[string]any); ok {
			before := deepCopy(obj).(map[string]any)
			mergeFields(obj, m, h.responseSchema(rt, rep.status))
			followAmounts(before, obj)
		}
		key := idKey(obj, res.idParam)
		newID := h.newID(obj[key], res.idSchema, func(id string) bool { _, taken := st.get(coll, id); return taken })
		obj[key] = newID
		st.put(coll, jsonScalar(newID), deepCopy(obj))
		rep.body = obj
		if changed != nil {
			info.effect.apply(changed, body)
			st.put(info.effect.res.coll, changedID, changed)
		}
		return rep, nil, true
	case kindList:
		rep, aerr := base(nil)
		if aerr != nil {
			return nil, aerr, true
		}
		if rep.hasBody {
			h.page(rt, query, rep, filterItems(rt, res, query, st.list(coll)))
		}
		return rep, nil, true
	case kindGet, kindUpdate, kindDelete, kindAction:
		obj, ok := st.get(coll, id)
		if !ok {
			return nil, notFound(res, params), true
		}
		rep, aerr := base(obj)
		if aerr != nil {
			return nil, aerr, true
		}
		switch info.kind {
		case kindGet:
			rep.body, rep.hasBody = h.declaredShape(rt, rep, obj), true
			if rep.contentType == "" {
				rep.contentType = "application/json"
			}
		case kindUpdate:
			if m, ok := obj.(map[string]any); ok {
				if b, ok := reqBody.(map[string]any); ok {
					// Into the stored object by its own schema: an update's answer may be a different shape.
					sc := flatten(&openapi3.SchemaRef{Value: res.schema})
					if sc == nil {
						sc = h.responseSchema(rt, rep.status)
					}
					mergeFields(m, b, sc)
				}
			}
			st.put(coll, id, obj)
			if rep.hasBody {
				rep.body = h.declaredShape(rt, rep, obj)
			}
		case kindAction:
			if m, ok := obj.(map[string]any); ok && rep.hasBody {
				after := h.applyAction(rt, m, rep, reqBody)
				st.put(coll, id, after)
				rep.body = deepCopy(after)
			}
		case kindDelete:
			st.remove(coll, id)
			if m, ok := rep.body.(map[string]any); ok {
				if v, ok := obj.(map[string]any); ok {
					key := idKey(m, res.idParam)
					if _, has := m[key]; has {
						m[key] = v[idKey(v, res.idParam)]
					}
				}
				if _, has := m["deleted"]; has {
					m["deleted"] = true
				}
			}
		}
		return rep, nil, true
	}
	return nil, nil, false
}

// notFound is the 404 for an id that was never created (or was deleted).
func notFound(res *resource, params map[string]string) *apiError {
	coll := concrete(res.coll, params)
	return &apiError{status: http.StatusNotFound, field: res.idParam, message: fmt.Sprintf(
		"%s %q does not exist on this mock: create it first with POST %s (the mock is stateful and starts empty)",
		res.idParam, params[res.idParam], coll)}
}

// idKey is the property that holds an object's id: "id", else the id parameter's name, else "id".
func idKey(obj map[string]any, idParam string) string {
	if _, ok := obj["id"]; ok {
		return "id"
	}
	if _, ok := obj[idParam]; ok {
		return idParam
	}
	return "id"
}

// paramSchema is the schema of a path parameter of the route, from its operation or path item.
func (r *route) paramSchema(name string) *openapi3.Schema {
	for _, ps := range []openapi3.Parameters{r.op.Parameters, r.pathItem.Parameters} {
		for _, p := range ps {
			if p != nil && p.Value != nil && p.Value.In == "path" && p.Value.Name == name && p.Value.Schema != nil {
				return p.Value.Schema.Value
			}
		}
	}
	return nil
}

// newID makes a fresh id shaped like sample (the example's id: same prefix, length and kind of characters;
// numbers stay numbers), valid for the id parameter's schema when there is one, and not taken.
func (h *Handler) newID(sample any, param *openapi3.Schema, taken func(string) bool) any {
	for try := 0; ; try++ {
		h.state.seq++
		n := h.state.seq
		syn := newSynth(h.cfg.seed, "id "+strconv.FormatUint(n, 10), forResponse)
		var id any
		switch t := sample.(type) {
		case float64, json.Number, int, int64:
			id = json.Number(strconv.FormatUint(1000+n, 10))
		case string:
			id = shapedLike(t, syn)
		default:
			id = syn.word(20)
		}
		if s, ok := id.(string); ok && param != nil && param.VisitJSON(s) != nil {
			p := *param
			p.Example, p.Default, p.Examples, p.Enum = nil, nil, nil, nil
			if v, ok := syn.value(&openapi3.SchemaRef{Value: &p}).(string); ok {
				id = v
			}
		}
		if !taken(jsonScalar(id)) || try >= 10 {
			return id
		}
	}
}

var uuidRe = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// shapedLike returns a random string with the same prefix (up to the last "_"), length and character kinds as
// s: "cus_test_Lz6Yfsm7QqCPIECW" -> "cus_test_" + 16 letters and digits; hexadecimal stays hexadecimal.
func shapedLike(s string, syn *synth) string {
	if s == "" {
		return syn.word(20)
	}
	if uuidRe.MatchString(s) {
		return syn.uuid()
	}
	prefix, rest := "", s
	if i := strings.LastIndexByte(s, '_'); i >= 0 && len(s)-i-1 >= 4 {
		prefix, rest = s[:i+1], s[i+1:]
	}
	const lower, upper, digits, hex = "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789", "0123456789abcdef"
	b := []byte(prefix)
	if strings.Trim(rest, hex) == "" {
		for range rest {
			b = append(b, hex[syn.rng.IntN(16)])
		}
		return string(b)
	}
	for _, c := range []byte(rest) {
		switch {
		case c >= 'a' && c <= 'z':
			b = append(b, lower[syn.rng.IntN(26)])
		case c >= 'A' && c <= 'Z':
			b = append(b, upper[syn.rng.IntN(26)])
		case c >= '0' && c <= '9':
			b = append(b, digits[syn.rng.IntN(10)])
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// responseSchema is the JSON schema of the route's response with this status.
func (h *Handler) responseSchema(rt *route, status int) *openapi3.Schema {
	if rt.op.Responses == nil {
		return nil
	}
	rr := rt.op.Responses.Status(status)
	if rr == nil || rr.Value == nil {
		return nil
	}
	mt := jsonMedia(rr.Value.Content)
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return flatten(mt.Schema)
}

// sensitiveNames are request fields never echoed back (card_number is masked instead).
var sensitiveNames = map[string]bool{"cvv": true, "cvv2": true, "cvc": true, "password": true, "secret": true}

// mergeFields copies the request's fields into the stored object where the response schema has a property of
// that name and the value fits it: a created customer keeps the name it was given. Write-only and sensitive
// fields are left out; a card number is masked as the API would (411111XXXXXX1111).
func mergeFields(dst, src map[string]any, sc *openapi3.Schema) {
	if sc == nil {
		return
	}
	for k, v := range src {
		p := sc.Properties[k]
		if p == nil || p.Value == nil {
			continue
		}
		pv := flatten(p)
		if pv.WriteOnly || sensitiveNames[strings.ToLower(k)] {
			continue
		}
		if _, ok := pv.Extensions["x-opgen-sensitive"]; ok {
			continue
		}
		if strings.EqualFold(k, "card_number") {
			if s, ok := v.(string); ok {
				v = maskPAN(s)
			}
		}
		if sub, ok := v.(map[string]any); ok && schemaType(pv) == "object" && len(pv.Properties) > 0 {
			d, ok := dst[k].(map[string]any)
			if !ok {
				d = map[string]any{}
			}
			mergeFields(d, sub, pv)
			dst[k] = d
			continue
		}
		if pv.VisitJSON(toFloats(v), openapi3.VisitAsResponse(), openapi3.DisableReadOnlyValidation()) == nil {
			dst[k] = deepCopy(v)
		}
	}
}

// maskPAN keeps the first six and last four digits of a card number.
func maskPAN(s string) string {
	if len(s) < 12 {
		return s
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return s
		}
	}
	return s[:6] + strings.Repeat("X", len(s)-10) + s[len(s)-4:]
}

// objectSchema is the schema of a resource's objects: the success body of its get, else of its create.
func objectSchema(routes []*route, res *resource) *openapi3.Schema {
	var fromCreate *openapi3.Schema
	for _, r := range routes {
		if r.state.res != res {
			continue
		}
		switch r.state.kind {
		case kindGet:
			if sc := successSchema(r); sc != nil {
				return sc
			}
		case kindCreate:
			if fromCreate == nil {
				fromCreate = successSchema(r)
			}
		}
	}
	return fromCreate
}

// successSchema is the JSON schema of the route's primary success response (nil without one).
func successSchema(r *route) *openapi3.Schema {
	_, resp := primarySuccess(r)
	if resp == nil {
		return nil
	}
	mt := jsonMedia(resp.Content)
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// cancelWordsRe finds the words of an operation that ends an object's life without removing it.
var cancelWordsRe = regexp.MustCompile(`(?i)cancel|void|revoke|deactivate|disable|expire|close`)

// actionTarget is the resource an operation acts on and answers: a POST (PUT, PATCH) on its item path plus one
// literal segment (/charges/{id}/capture), or a DELETE on its item path whose operationId or summary says it cancels
// (voids, revokes, deactivates...), whose success body has the resource's own schema. Nil for anything else.
func actionTarget(r *route, resources map[string]*resource) *resource {
	var res *resource
	switch r.method {
	case http.MethodDelete:
		// Only a DELETE the spec calls a cancellation (Openpay's cancelPayout): an API may also answer a real
		// delete with the deleted object.
		if !cancelWordsRe.MatchString(r.op.OperationID + " " + r.op.Summary) {
			return nil
		}
		res = resources[r.template]
	case http.MethodPost, http.MethodPut, http.MethodPatch:
		segs := splitPath(r.template)
		if len(segs) < 3 || strings.Contains(segs[len(segs)-1], "{") {
			return nil
		}
		res = resources["/"+strings.Join(segs[:len(segs)-1], "/")]
	}
	if res == nil || res.schema == nil || successSchema(r) != res.schema {
		return nil
	}
	return res
}

// declaredShape is a stored object as the operation's response declares it: the object itself when the response
// has the object's schema (or the object fits it), else the documented answer with the object's values for the
// properties the answer declares (an update answering a summary, or a wrapper).
func (h *Handler) declaredShape(rt *route, rep *reply, obj any) any {
	sc := h.responseSchema(rt, rep.status)
	if sc == nil || rt.state.res == nil || successSchema(rt) == rt.state.res.schema {
		return deepCopy(obj)
	}
	if schemaType(sc) != "object" {
		return rep.body
	}
	if sc.VisitJSON(toFloats(obj), openapi3.VisitAsResponse(), openapi3.DisableReadOnlyValidation()) == nil {
		return deepCopy(obj)
	}
	base, ok := rep.body.(map[string]any)
	m, isMap := obj.(map[string]any)
	if !ok || !isMap {
		return rep.body
	}
	out := deepCopy(base).(map[string]any)
	for k, v := range m {
		p := sc.Properties[k]
		if p == nil || p.Value == nil {
			continue
		}
		if flatten(p).VisitJSON(toFloats(v), openapi3.VisitAsResponse(), openapi3.DisableReadOnlyValidation()) == nil {
			out[k] = deepCopy(v)
		}
	}
	return out
}

// filterItems keeps the stored items a list's equality filters select: a query parameter the request sends
// whose name is a property of the listed objects (Openpay's order_id), of a scalar type, and that does not page
// (offset, limit, cursors). Range filters (creation[gte]), dates and times (a "creation_date" filter may mean a
// day, or seconds where the object holds milliseconds), parameters of another type than the property and
// parameters the objects do not have are ignored.
func filterItems(rt *route, res *resource, query url.Values, items []any) []any {
	if res == nil || res.schema == nil || len(query) == 0 {
		return items
	}
	obj := flatten(&openapi3.SchemaRef{Value: res.schema})
	if obj == nil {
		return items
	}
	pg := pagingOf(rt)
	skip := map[string]bool{pg.offset: true, pg.limit: true, pg.page: true, pg.cursor: true, pg.before: true}
	for _, ps := range []openapi3.Parameters{rt.pathItem.Parameters, rt.op.Parameters} {
		for _, ref := range ps {
			if ref == nil || ref.Value == nil || ref.Value.In != "query" || skip[ref.Value.Name] || !query.Has(ref.Value.Name) {
				continue
			}
			name := ref.Value.Name
			prop := obj.Properties[name]
			if prop == nil || prop.Value == nil || ref.Value.Schema == nil || ref.Value.Schema.Value == nil {
				continue
			}
			if !equalityFilter(name, ref.Value.Schema.Value, flatten(prop)) {
				continue
			}
			want := query.Get(name)
			var kept []any
			for _, it := range items {
				m, ok := it.(map[string]any)
				if !ok {
					continue
				}
				if v, ok := m[name]; ok && isScalar(v) && (jsonScalar(v) == want || sameScalar(v, json.Number(want))) {
					kept = append(kept, it)
				}
			}
			if kept == nil {
				kept = []any{}
			}
			items = kept
		}
	}
	return items
}

var dateLikeRe = regexp.MustCompile(`(?i)date|time|created|updated|creation|_at$|_on$`)

// equalityFilter reports whether a query parameter filters by equality on the property of its name: a scalar of
// the same type (integer and number alike), and nothing about dates or times.
func equalityFilter(name string, param, prop *openapi3.Schema) bool {
	if param == nil || prop == nil || dateLikeRe.MatchString(name) {
		return false
	}
	kind := func(sc *openapi3.Schema) string {
		switch t := schemaType(sc); t {
		case "integer", "number":
			return "number"
		case "string", "boolean":
			switch sc.Format {
			case "date", "date-time", "time", "unix-time":
				return ""
			}
			return t
		}
		return ""
	}
	k := kind(param)
	return k != "" && k == kind(prop)
}

// uniqueRe finds a request property the spec says must be unique ("Must be unique among all transactions").
var uniqueRe = regexp.MustCompile(`(?i)\bmust be unique\b|\bunique (per|among|across|within|for each)\b`)

// uniqueConflict is the 409 for a create that repeats, in a property the spec says must be unique, the value of an
// object already kept (Openpay's order_id: a charge sent twice is refused, not made twice): in the same collection,
// or in any when the description says "among all" or "across all" ("unique among all transactions": charges of the
// merchant and of its customers, payouts). Only when the operation documents a 409, or answers errors with a
// default response whose codes include one for 409 (Peru's). Nil otherwise. The caller holds the store's lock.
func (h *Handler) uniqueConflict(rt *route, reqBody any, coll string) *apiError {
	body, ok := reqBody.(map[string]any)
	if !ok || !conflictDocumented(rt) || rt.op.RequestBody == nil || rt.op.RequestBody.Value == nil {
		return nil
	}
	mt := jsonMedia(rt.op.RequestBody.Value.Content)
	if mt == nil || mt.Schema == nil {
		return nil
	}
	for _, name := range sortedKeys(body) {
		v := body[name]
		unique, everywhere := uniqueProperty(mt.Schema, name)
		if !isScalar(v) || !unique {
			continue
		}
		colls := []string{coll}
		if everywhere {
			colls = sortedKeys(h.state.colls)
		}
		for _, c := range colls {
			for _, it := range h.state.list(c) {
				if m, ok := it.(map[string]any); ok && sameScalar(m[name], v) {
					return &apiError{status: http.StatusConflict, field: name, message: fmt.Sprintf(
						"%s %q is already used by %s: it must be unique (the mock keeps what this server created)",
						name, jsonScalar(v), jsonScalar(m[idKey(m, "id")]))}
				}
			}
		}
	}
	return nil
}

// conflictDocumented reports whether the operation documents a 409, or a default error response whose error codes
// (x-enum-descriptions) include one answered with 409.
func conflictDocumented(rt *route) bool {
	if rt.op.Responses == nil {
		return false
	}
	if rt.op.Responses.Value("409") != nil {
		return true
	}
	d := rt.op.Responses.Default()
	if d == nil || d.Value == nil {
		return false
	}
	mt := jsonMedia(d.Value.Content)
	if mt == nil || mt.Schema == nil {
		return false
	}
	sc := flatten(mt.Schema)
	if sc == nil {
		return false
	}
	for _, p := range sc.Properties {
		for _, desc := range enumDescriptionsOf(enumOf(p)) {
			if wordIndex(desc, "409") >= 0 {
				return true
			}
		}
	}
	return false
}

// uniqueProperty reports whether the request schema (or one of its oneOf/anyOf variants) describes the property
// as unique, and whether among all objects ("unique among all transactions") rather than its collection.
func uniqueProperty(ref *openapi3.SchemaRef, name string) (unique, everywhere bool) {
	if ref == nil || ref.Value == nil {
		return false, false
	}
	schemas := []*openapi3.SchemaRef{ref}
	schemas = append(schemas, ref.Value.OneOf...)
	schemas = append(schemas, ref.Value.AnyOf...)
	for _, sr := range schemas {
		sc := flatten(sr)
		if sc == nil {
			continue
		}
		if p := sc.Properties[name]; p != nil && p.Value != nil {
			if d := flatten(p).Description; uniqueRe.MatchString(d) {
				return true, everywhereRe.MatchString(d)
			}
		}
	}
	return false, false
}

// everywhereRe finds a uniqueness that spans every collection.
var everywhereRe = regexp.MustCompile(`(?i)\bunique (among|across) all\b`)

// followAmounts keeps a created object's derived amounts in step with the amount the request set: a sibling number
// whose name holds the amount's name and whose documented value was the amount's (Culqi's current_amount, 200
// like amount in the example) takes the new value.
func followAmounts(before, after map[string]any) {
	for k, nv := range after {
		ov, had := before[k]
		of, ok1 := toNumber(ov)
		nf, ok2 := toNumber(nv)
		if !had || !ok1 || !ok2 || of == nf {
			continue
		}
		for s, sv := range before {
			if s == k || !strings.Contains(s, k) {
				continue
			}
			if sf, ok := toNumber(sv); ok && sf == of && sameScalar(after[s], sv) {
				after[s] = deepCopy(nv)
			}
		}
	}
}

// toNumber reads a JSON number.
func toNumber(v any) (float64, bool) {
	switch t := v.(type) {
	case float64:
		return t, true
	case int:
		return float64(t), true
	case int64:
		return float64(t), true
	case json.Number:
		f, err := t.Float64()
		return f, err == nil
	}
	return 0, false
}
