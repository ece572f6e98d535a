package mock

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
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

// canonicalParams rewrites the query and path parameters whose schema accepts an enum value in any letter case
// (x-opgen-also-accept: [any-case]) into the listed spelling, in r.URL and params. The other forms do not apply to
// parameters: their values are text already.
func (h *Handler) canonicalParams(r *http.Request, rt *route, params map[string]string) {
	if !docHasWireForms(h.doc) {
		return
	}
	var q url.Values
	changed := false
	for _, ps := range []openapi3.Parameters{rt.pathItem.Parameters, rt.op.Parameters} {
		for _, pr := range ps {
			if pr == nil || pr.Value == nil || pr.Value.Schema == nil || pr.Value.Schema.Value == nil {
				continue
			}
			p, s := pr.Value, pr.Value.Schema.Value
			forms, err := wireform.Of(s)
			if err != nil || !forms.Has(wireform.AnyCase) {
				continue
			}
			enum := wireform.EnumStrings(s)
			switch p.In {
			case openapi3.ParameterInPath:
				if v, ok := params[p.Name]; ok {
					if nv, ch := wireform.Normalize(v, wireform.Forms{wireform.AnyCase}, enum); ch {
						params[p.Name] = nv.(string)
					}
				}
			case openapi3.ParameterInQuery:
				if q == nil {
					q = r.URL.Query()
				}
				vals := q[p.Name]
				for i, v := range vals {
					if nv, ch := wireform.Normalize(v, wireform.Forms{wireform.AnyCase}, enum); ch {
						vals[i], changed = nv.(string), true
					}
				}
			}
		}
	}
	if changed {
		r.URL.RawQuery = q.Encode()
	}
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
	nv, changed := wireform.Canonical(v, mt.Schema.Value)
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
