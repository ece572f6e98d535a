package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// EffectExtension names, on an operation that creates an object, the stored object the create also changes and
// how: what the spec cannot say otherwise (Culqi's refund, created on its own collection, lowers the charge it
// names). In stateful mode only.
//
//	x-opgen-mock-effect:
//	  target: charge_id                 # the request property holding the changed object's id
//	  collection: /v2/charges           # its collection; by default the one named like target (charge_id: charges)
//	  add: {amount_refunded: amount}    # target property += request property
//	  subtract: {current_amount: amount}
//	  set: {status: refunded}           # target property = value
const EffectExtension = "x-opgen-mock-effect"

// effect is an operation's x-opgen-mock-effect, read.
type effect struct {
	target        string
	res           *resource
	add, subtract map[string]string
	set           map[string]any
}

// readEffects reads the x-opgen-mock-effect of every create; a malformed one is an error naming the operation
// and what to write.
func readEffects(routes []*route) error {
	resources := map[*resource]bool{}
	for _, r := range routes {
		if r.state.res != nil {
			resources[r.state.res] = true
		}
	}
	for _, r := range routes {
		raw, ok := r.op.Extensions[EffectExtension]
		if !ok {
			continue
		}
		where := fmt.Sprintf("%s (%s %s): %s", r.id, r.method, r.template, EffectExtension)
		if r.state.kind != kindCreate {
			return fmt.Errorf("%s is only read on an operation that creates an object (a POST on a collection)", where)
		}
		m, ok := raw.(map[string]any)
		if !ok {
			return fmt.Errorf("%s must be an object: {target: <request property>, add: {...}, subtract: {...}, set: {...}}", where)
		}
		e := &effect{add: map[string]string{}, subtract: map[string]string{}, set: map[string]any{}}
		coll := ""
		for _, k := range sortedKeys(m) {
			v := m[k]
			switch k {
			case "target":
				s, ok := v.(string)
				if !ok || s == "" {
					return fmt.Errorf("%s: target must name the request property holding the changed object's id", where)
				}
				e.target = s
			case "collection":
				s, ok := v.(string)
				if !ok {
					return fmt.Errorf("%s: collection must be a path, e.g. /v2/charges", where)
				}
				coll = s
			case "add", "subtract":
				mm, ok := v.(map[string]any)
				if !ok {
					return fmt.Errorf("%s: %s must map a property of the changed object to a request property", where, k)
				}
				for p, q := range mm {
					qs, ok := q.(string)
					if !ok {
						return fmt.Errorf("%s: %s.%s must name a request property", where, k, p)
					}
					if k == "add" {
						e.add[p] = qs
					} else {
						e.subtract[p] = qs
					}
				}
			case "set":
				mm, ok := v.(map[string]any)
				if !ok {
					return fmt.Errorf("%s: set must map a property of the changed object to its value", where)
				}
				e.set = mm
			default:
				return fmt.Errorf("%s: unknown key %q (known: target, collection, add, subtract, set)", where, k)
			}
		}
		if e.target == "" {
			return fmt.Errorf("%s: target is missing: name the request property holding the changed object's id", where)
		}
		var found []*resource
		for res := range resources {
			if len(braceRe.FindAllString(res.coll, -1)) > 0 {
				continue // nested collections need the parent's id too: not supported
			}
			last := ""
			if segs := splitPath(res.coll); len(segs) > 0 {
				last = segs[len(segs)-1]
			}
			base := strings.TrimSuffix(e.target, "_id")
			if coll != "" && res.coll == coll || coll == "" && (last == base+"s" || last == base || last == base+"es") {
				found = append(found, res)
			}
		}
		if len(found) != 1 {
			sort.Slice(found, func(i, j int) bool { return found[i].coll < found[j].coll })
			return fmt.Errorf("%s: %d stored collections match target %q%s: give collection, the path of the changed objects' collection",
				where, len(found), e.target, map[bool]string{true: " and collection " + coll, false: ""}[coll != ""])
		}
		e.res = found[0]
		r.state.effect = e
	}
	return nil
}

// effectTarget is the stored object a create with an effect changes, or the 404 when the request names none the
// mock has.
func (h *Handler) effectTarget(e *effect, body map[string]any) (string, map[string]any, *apiError) {
	id := jsonScalar(body[e.target])
	obj, ok := h.state.get(e.res.coll, id)
	m, isMap := obj.(map[string]any)
	if !ok || !isMap {
		return "", nil, &apiError{status: http.StatusNotFound, field: e.target, message: fmt.Sprintf(
			"%s %q does not exist on this mock: create it first with POST %s (the mock is stateful and starts empty)", e.target, id, e.res.coll)}
	}
	return id, m, nil
}

// apply changes the target object as the effect says.
func (e *effect) apply(obj, body map[string]any) {
	for _, p := range sortedKeys(e.add) {
		obj[p] = addNumbers(obj[p], body[e.add[p]], 1)
	}
	for _, p := range sortedKeys(e.subtract) {
		obj[p] = addNumbers(obj[p], body[e.subtract[p]], -1)
	}
	for _, p := range sortedKeys(e.set) {
		obj[p] = deepCopy(e.set[p])
	}
}

// addNumbers is a + sign*b, an integer when both are; a missing a counts as 0, a missing b leaves a as it is.
func addNumbers(a, b any, sign float64) any {
	bf, ok := toNumber(b)
	if !ok {
		return a
	}
	af, _ := toNumber(a)
	sum := af + sign*bf
	if sum == float64(int64(sum)) {
		return json.Number(strconv.FormatInt(int64(sum), 10))
	}
	return sum
}
