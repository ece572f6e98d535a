package mock

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/wireform"
)

// Alternative wire forms (x-opgen-also-accept, docs/EXTENSIONS.md): a property the API also takes in another JSON
// form ("trial_days": "30" for an integer, "send_email": "true", an enum value in upper case). The mock turns each
// such value of a JSON request body into the canonical form before validating it, so the request is judged, and a
// stateful resource stored, as the schema declares it; a value in no accepted form is left for validation to refuse.

// wireDocs caches, per loaded document, whether any of its schemas carries the extension (most do not, and their
// bodies are then never decoded twice).
var wireDocs sync.Map // *openapi3.T -> bool

func docHasWireForms(doc *openapi3.T) bool {
	if v, ok := wireDocs.Load(doc); ok {
		return v.(bool)
	}
	seen := map[*openapi3.Schema]bool{}
	found := false
	var walk func(sr *openapi3.SchemaRef)
	walk = func(sr *openapi3.SchemaRef) {
		if found || sr == nil || sr.Value == nil || seen[sr.Value] {
			return
		}
		s := sr.Value
		seen[s] = true
		if _, ok := s.Extensions[wireform.Extension]; ok {
			found = true
			return
		}
		for _, p := range s.Properties {
			walk(p)
		}
		for _, l := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, m := range l {
				walk(m)
			}
		}
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
		walk(s.Not)
	}
	if doc.Components != nil {
		for _, sr := range doc.Components.Schemas {
			walk(sr)
		}
	}
	if doc.Paths != nil {
		for _, item := range doc.Paths.Map() {
			for _, op := range item.Operations() {
				if op.RequestBody != nil && op.RequestBody.Value != nil {
					for _, mt := range op.RequestBody.Value.Content {
						walk(mt.Schema)
					}
				}
			}
		}
	}
	wireDocs.Store(doc, found)
	return found
}

// canonicalBody is the JSON request body with its alternative wire forms turned into the canonical ones; any other
// body, and a body with none, is returned as it is. r.Body is left reading the result.
func (h *Handler) canonicalBody(r *http.Request, rt *route, body []byte) []byte {
	rb := rt.op.RequestBody
	if len(body) == 0 || rb == nil || rb.Value == nil || !docHasWireForms(h.doc) {
		return body
	}
	ct := r.Header.Get("Content-Type")
	base, _, err := mime.ParseMediaType(ct)
	if err != nil || !isJSON(base) {
		return body
	}
	mt := rb.Value.Content.Get(ct)
	if mt == nil || mt.Schema == nil {
		return body
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return body // validation reports it
	}
	nv, changed := canonicalValue(v, []*openapi3.Schema{mt.Schema.Value}, 0)
	if !changed {
		return body
	}
	out, err := json.Marshal(nv)
	if err != nil {
		return body
	}
	r.Body = io.NopCloser(bytes.NewReader(out))
	r.ContentLength = int64(len(out))
	return out
}

// canonicalValue rewrites v, described by any of the schemas ss (a property may be declared by several allOf,
// oneOf or anyOf members), into its canonical form.
func canonicalValue(v any, ss []*openapi3.Schema, depth int) (any, bool) {
	if depth > 64 {
		return v, false
	}
	ss = expand(ss, 0)
	if len(ss) == 0 {
		return v, false
	}
	switch x := v.(type) {
	case map[string]any:
		changed := false
		for k, pv := range x {
			var ps []*openapi3.Schema
			for _, s := range ss {
				if p := s.Properties[k]; p != nil && p.Value != nil {
					ps = append(ps, p.Value)
				} else if a := s.AdditionalProperties.Schema; a != nil && a.Value != nil && s.Properties[k] == nil {
					ps = append(ps, a.Value)
				}
			}
			if nv, ch := canonicalValue(pv, ps, depth+1); ch {
				x[k], changed = nv, true
			}
		}
		return x, changed
	case []any:
		var is []*openapi3.Schema
		for _, s := range ss {
			if s.Items != nil && s.Items.Value != nil {
				is = append(is, s.Items.Value)
			}
		}
		changed := false
		for i, e := range x {
			if ne, ch := canonicalValue(e, is, depth+1); ch {
				x[i], changed = ne, true
			}
		}
		return x, changed
	}
	// A scalar: left alone when one of its schemas takes it as it is (a oneOf of a string and an integer), else
	// rewritten by the first schema that accepts its form.
	for _, s := range ss {
		if takesAsIs(v, s) {
			return v, false
		}
	}
	for _, s := range ss {
		forms, err := wireform.Of(s)
		if err != nil || len(forms) == 0 {
			continue
		}
		if nv, ch := wireform.Normalize(v, forms, wireform.EnumStrings(s)); ch {
			return nv, true
		}
	}
	return v, false
}

// expand adds the allOf, oneOf and anyOf members of the schemas (to any depth), which declare properties and forms
// of the same value.
func expand(ss []*openapi3.Schema, depth int) []*openapi3.Schema {
	var out []*openapi3.Schema
	for _, s := range ss {
		if s == nil {
			continue
		}
		out = append(out, s)
		if depth > 16 {
			continue
		}
		var members []*openapi3.Schema
		for _, l := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, m := range l {
				if m != nil && m.Value != nil {
					members = append(members, m.Value)
				}
			}
		}
		out = append(out, expand(members, depth+1)...)
	}
	return out
}

// takesAsIs reports whether the schema's declared type takes the scalar v as it is, and, for a string enum, lists
// it exactly.
func takesAsIs(v any, s *openapi3.Schema) bool {
	if s.Type == nil || len(s.Type.Slice()) == 0 {
		return false // an untyped member (a bare allOf wrapper) judges nothing
	}
	switch x := v.(type) {
	case json.Number:
		if s.Type.Includes("number") {
			return true
		}
		if s.Type.Includes("integer") {
			_, err := x.Int64()
			return err == nil
		}
	case string:
		if !s.Type.Includes("string") {
			return false
		}
		if len(s.Enum) == 0 {
			return true
		}
		for _, e := range s.Enum {
			if e == x {
				return true
			}
		}
	case bool:
		return s.Type.Includes("boolean")
	}
	return false
}
