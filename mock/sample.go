package mock

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// SampleRequest is a request to one operation that the mock accepts: path parameters, required query, header
// and cookie parameters, a placeholder credential and a body, taken from the spec's examples where it has them
// and synthesized from the schemas otherwise. Handler.SampleRequest makes one.
type SampleRequest struct {
	Operation   string            // operationId, or "METHOD /path"
	Method      string            // GET, POST...
	Path        string            // from the mock's root: the operation's server path (variables at their defaults) and the spec's path, parameters filled in and escaped
	PathParams  map[string]string // the path parameters' values
	Query       url.Values        // required query parameters (and an API key sent in the query)
	Header      http.Header       // required header parameters and the credential
	Body        []byte            // nil when the operation takes no body
	ContentType string            // the body's media type
}

// SampleRequest returns a valid request to the operation named by its operationId, or by "METHOD /path" as
// written in the spec. The same handler (seed) gives the same sample.
func (h *Handler) SampleRequest(operation string) (*SampleRequest, error) {
	for _, rt := range h.routes {
		if rt.id == operation || strings.EqualFold(rt.method+" "+rt.template, operation) {
			return h.sample(rt), nil
		}
	}
	return nil, fmt.Errorf("mock: %s has no operation %q: give an operationId or \"METHOD /path\" (Operations lists them)", h.display, operation)
}

// NewRequest builds the HTTP request against the mock at rootURL (httptest.Server.URL: Path already holds the
// server path).
func (s *SampleRequest) NewRequest(ctx context.Context, rootURL string) (*http.Request, error) {
	u := strings.TrimRight(rootURL, "/") + s.Path
	if len(s.Query) > 0 {
		u += "?" + s.Query.Encode()
	}
	var body io.Reader
	if s.Body != nil {
		body = bytes.NewReader(s.Body)
	}
	req, err := http.NewRequestWithContext(ctx, s.Method, u, body)
	if err != nil {
		return nil, err
	}
	for k, v := range s.Header {
		req.Header[k] = append([]string(nil), v...)
	}
	if s.Body != nil && s.ContentType != "" {
		req.Header.Set("Content-Type", s.ContentType)
	}
	return req, nil
}

func (h *Handler) sample(rt *route) *SampleRequest {
	syn := newSynth(h.cfg.seed, "sample "+rt.id, forRequest)
	s := &SampleRequest{Operation: rt.id, Method: rt.method, PathParams: map[string]string{}, Query: url.Values{}, Header: http.Header{}}
	for _, p := range operationParams(rt) {
		required := p.Required || p.In == "path"
		if !required {
			continue
		}
		v := paramValue(p, syn)
		switch p.In {
		case "path":
			s.PathParams[p.Name] = jsonScalar(v)
		case "query":
			addQueryValue(s.Query, p, v)
		case "header":
			switch strings.ToLower(p.Name) {
			case "content-type", "accept", "authorization":
				continue
			}
			s.Header.Set(p.Name, scalarOrJoined(v))
		case "cookie":
			s.Header.Add("Cookie", (&http.Cookie{Name: p.Name, Value: scalarOrJoined(v)}).String())
		}
	}
	s.Path = strings.TrimRight(routePrefix(rt), "/") + braceRe.ReplaceAllStringFunc(rt.template, func(m string) string {
		return url.PathEscape(s.PathParams[m[1:len(m)-1]])
	})
	h.sampleCredentials(rt, s)
	if rb := rt.op.RequestBody; rb != nil && rb.Value != nil && len(rb.Value.Content) > 0 {
		s.ContentType, s.Body = sampleBody(rb.Value.Content, syn)
	}
	return s
}

// operationParams are the operation's parameters merged with its path item's (the operation's win).
func operationParams(rt *route) []*openapi3.Parameter {
	seen := map[string]bool{}
	var out []*openapi3.Parameter
	for _, ps := range []openapi3.Parameters{rt.op.Parameters, rt.pathItem.Parameters} {
		for _, ref := range ps {
			if ref == nil || ref.Value == nil {
				continue
			}
			key := ref.Value.In + " " + ref.Value.Name
			if !seen[key] {
				seen[key] = true
				out = append(out, ref.Value)
			}
		}
	}
	return out
}

// routePrefix is the path of the route's server with its variables at their defaults.
func routePrefix(rt *route) string {
	if rt.server == nil {
		return ""
	}
	defaults := map[string]string{}
	for name, v := range rt.server.Variables {
		if v != nil {
			defaults[name] = v.Default
		}
	}
	return serverPath(rt.server.URL, defaults)
}

// paramValue is a parameter's example (when its schema accepts it), else a value built from its schema (or
// its content's schema).
func paramValue(p *openapi3.Parameter, syn *synth) any {
	fits := func(v any) bool {
		return p.Schema == nil || p.Schema.Value == nil || p.Schema.Value.VisitJSON(v, formatOptions...) == nil
	}
	if p.Example != nil && fits(p.Example) {
		return deepCopy(p.Example)
	}
	for _, name := range sortedKeys(p.Examples) {
		if ex := p.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil && fits(ex.Value.Value) {
			return deepCopy(ex.Value.Value)
		}
	}
	if p.Schema != nil {
		v := syn.value(p.Schema)
		if s, ok := v.(string); ok && s == "" && p.Schema.Value != nil && p.Schema.Value.MinLength == 0 {
			v = syn.word(8) // a path segment cannot be empty
		}
		return v
	}
	for _, mt := range p.Content {
		if mt.Schema != nil {
			b, _ := jsonMarshal(syn.value(mt.Schema))
			return string(b)
		}
	}
	return "x"
}

func scalarOrJoined(v any) string {
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, x := range list {
			parts[i] = jsonScalar(x)
		}
		return strings.Join(parts, ",")
	}
	return jsonScalar(v)
}

// addQueryValue serializes a query parameter by its style: form (exploded or comma-joined), space/pipe
// delimited, or deepObject.
func addQueryValue(q url.Values, p *openapi3.Parameter, v any) {
	explode := p.Explode == nil || *p.Explode
	switch t := v.(type) {
	case []any:
		sep := ","
		switch p.Style {
		case "spaceDelimited":
			sep = " "
		case "pipeDelimited":
			sep = "|"
		}
		if explode && p.Style != "spaceDelimited" && p.Style != "pipeDelimited" {
			for _, x := range t {
				q.Add(p.Name, jsonScalar(x))
			}
			return
		}
		q.Set(p.Name, strings.Replace(scalarOrJoined(t), ",", sep, -1))
	case map[string]any:
		if p.Style == "deepObject" {
			for _, k := range sortedKeys(t) {
				q.Set(p.Name+"["+k+"]", jsonScalar(t[k]))
			}
			return
		}
		if explode {
			for _, k := range sortedKeys(t) {
				q.Set(k, jsonScalar(t[k]))
			}
			return
		}
		var parts []string
		for _, k := range sortedKeys(t) {
			parts = append(parts, k, jsonScalar(t[k]))
		}
		q.Set(p.Name, strings.Join(parts, ","))
	default:
		q.Set(p.Name, jsonScalar(v))
	}
}

// sampleCredentials adds placeholder credentials for the operation's first security requirement.
func (h *Handler) sampleCredentials(rt *route, s *SampleRequest) {
	reqs := h.requirements(rt.op)
	if len(reqs) == 0 {
		return
	}
	for _, req := range reqs {
		if len(req) == 0 {
			return
		}
	}
	for _, name := range sortedKeys(reqs[0]) {
		sc := h.scheme(name)
		if sc == nil {
			continue
		}
		switch strings.ToLower(sc.Type) {
		case "http":
			if strings.EqualFold(sc.Scheme, "basic") {
				s.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte("test_key:")))
			} else {
				s.Header.Set("Authorization", titleCase(sc.Scheme)+" test_token")
			}
		case "apikey":
			switch strings.ToLower(sc.In) {
			case "header":
				s.Header.Set(sc.Name, "test_key")
			case "query":
				s.Query.Set(sc.Name, "test_key")
			case "cookie":
				s.Header.Add("Cookie", (&http.Cookie{Name: sc.Name, Value: "test_key"}).String())
			}
		case "oauth2", "openidconnect":
			s.Header.Set("Authorization", "Bearer test_token")
		}
	}
}

// sampleBody builds a body in the media type the mock can check best: JSON, else form, else multipart, else
// the first one.
func sampleBody(c openapi3.Content, syn *synth) (string, []byte) {
	keys := sortedKeys(c)
	sort.SliceStable(keys, func(i, j int) bool { return bodyRank(keys[i]) < bodyRank(keys[j]) })
	ct := keys[0]
	mt := c[ct]
	var v any
	if ex, ok := requestExample(mt); ok {
		v = ex
	} else if mt.Schema != nil {
		v = syn.value(mt.Schema)
	}
	if strings.Contains(ct, "*") {
		ct = "application/json"
	}
	switch {
	case isJSON(ct):
		b, _ := jsonMarshal(v)
		return ct, b
	case ct == "application/x-www-form-urlencoded":
		form := url.Values{}
		if m, ok := v.(map[string]any); ok {
			for _, k := range sortedKeys(m) {
				switch x := m[k].(type) {
				case []any:
					for _, e := range x {
						form.Add(k, jsonScalar(e))
					}
				case map[string]any:
					b, _ := jsonMarshal(x)
					form.Set(k, string(b))
				default:
					form.Set(k, jsonScalar(x))
				}
			}
		}
		return ct, []byte(form.Encode())
	case ct == "multipart/form-data":
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		if m, ok := v.(map[string]any); ok {
			for _, k := range sortedKeys(m) {
				switch x := m[k].(type) {
				case map[string]any, []any:
					b, _ := jsonMarshal(x)
					_ = w.WriteField(k, string(b))
				default:
					if isBinaryProp(mt, k) {
						fw, _ := w.CreateFormFile(k, k+".bin")
						_, _ = fw.Write([]byte(jsonScalar(x)))
						continue
					}
					_ = w.WriteField(k, jsonScalar(x))
				}
			}
		}
		_ = w.Close()
		return w.FormDataContentType(), buf.Bytes()
	}
	if s, ok := v.(string); ok {
		return ct, []byte(s)
	}
	b, _ := jsonMarshal(v)
	return ct, b
}

func bodyRank(ct string) int {
	switch {
	case ct == "application/json":
		return 0
	case isJSON(ct) && !strings.Contains(ct, "*"):
		return 1
	case ct == "application/x-www-form-urlencoded":
		return 2
	case ct == "multipart/form-data":
		return 3
	case strings.HasPrefix(ct, "text/"):
		return 4
	}
	return 5
}

func isBinaryProp(mt *openapi3.MediaType, name string) bool {
	if mt.Schema == nil {
		return false
	}
	sc := flatten(mt.Schema)
	if sc == nil || sc.Properties[name] == nil || sc.Properties[name].Value == nil {
		return false
	}
	return sc.Properties[name].Value.Format == "binary"
}

// requestExample is the media type's example that fits its schema: a documented example that the schema
// rejects is skipped, so a sample is always accepted by the mock.
func requestExample(mt *openapi3.MediaType) (any, bool) {
	var candidates []any
	if mt.Example != nil {
		candidates = append(candidates, mt.Example)
	}
	for _, name := range sortedKeys(mt.Examples) {
		if ex := mt.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			candidates = append(candidates, ex.Value.Value)
		}
	}
	for _, c := range candidates {
		if mt.Schema == nil || mt.Schema.Value == nil ||
			mt.Schema.Value.VisitJSON(c, append([]openapi3.SchemaValidationOption{openapi3.VisitAsRequest()}, formatOptions...)...) == nil {
			return deepCopy(c), true
		}
	}
	return nil, false
}
