package mock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// validateMultipart checks a multipart/form-data body against the operation's schema, part by part, the way the
// generated SDKs and the OpenAPI rules encode one: a file (format binary or byte, a contentMediaType) is a part
// whose Content-Type must be one the encoding object lists (application/octet-stream, a client's "type not
// known", is accepted for any file); an array is one part per element; an object is one JSON part; a scalar is
// its text. The parts then make a JSON object validated against the schema (required, enum, minimum...).
// kin-openapi's own multipart decoder refuses an octet-stream file part whose encoding lists types, and cannot
// tell a JSON part from text, so the mock does this itself.
func (h *Handler) validateMultipart(rt *route, ct string, mt *openapi3.MediaType, body []byte) *apiError {
	status := validationStatus(rt.op)
	fail := func(field, format string, args ...any) *apiError {
		return &apiError{status: status, field: field, message: fmt.Sprintf(format, args...)}
	}
	_, params, err := mime.ParseMediaType(ct)
	if err != nil || params["boundary"] == "" {
		return &apiError{status: http.StatusBadRequest, message: fmt.Sprintf("Content-Type %q names no multipart boundary", ct)}
	}
	if mt.Schema == nil || mt.Schema.Value == nil {
		return nil
	}
	schema := mt.Schema.Value
	type part struct {
		contentType string
		data        []byte
		file        bool
	}
	parts := map[string][]part{}
	r := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		p, err := r.NextRawPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return &apiError{status: http.StatusBadRequest, message: "the multipart body cannot be read: " + firstLine(err.Error())}
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return &apiError{status: http.StatusBadRequest, message: "the multipart body cannot be read: " + firstLine(err.Error())}
		}
		name := p.FormName()
		if name == "" {
			return &apiError{status: http.StatusBadRequest, message: "a multipart part has no name (Content-Disposition: form-data; name=...)"}
		}
		parts[name] = append(parts[name], part{contentType: p.Header.Get("Content-Type"), data: data, file: p.FileName() != ""})
	}
	obj := map[string]any{}
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		ps := schema.Properties[name]
		if ps == nil || ps.Value == nil {
			if ap := schema.AdditionalProperties.Has; ap != nil && !*ap {
				return fail(name, "part %q is not a property of the request body (it has %s)", name, strings.Join(sortedKeys(schema.Properties), ", "))
			}
			continue // additional properties: no schema to check them against
		}
		s := ps.Value
		item, repeated := s, s.Type.Is("array") && s.Items != nil && s.Items.Value != nil
		if repeated {
			item = s.Items.Value
		}
		if !repeated && len(parts[name]) > 1 {
			return fail(name, "part %q is sent %d times, but it is no array", name, len(parts[name]))
		}
		enc := mt.Encoding[name]
		var vals []any
		for _, pt := range parts[name] {
			switch {
			case isFileSchema(item):
				if want := partTypes(enc, item); pt.contentType != "" && !strings.EqualFold(baseType(pt.contentType), "application/octet-stream") && !typeAllowed(pt.contentType, want) {
					return &apiError{status: http.StatusUnsupportedMediaType, field: name, message: fmt.Sprintf(
						"part %q has Content-Type %q; the spec accepts %s", name, pt.contentType, strings.Join(want, ", "))}
				}
				if item.Format == "byte" {
					vals = append(vals, strings.TrimSpace(string(pt.data)))
				} else {
					vals = append(vals, "") // binary: any bytes
				}
			case item.Type.Is("object") || item.Type.Is("array") || len(item.Properties) > 0 || len(item.AllOf) > 0 || len(item.OneOf) > 0 || len(item.AnyOf) > 0:
				if want := partTypes(enc, item); pt.contentType != "" && !typeAllowed(pt.contentType, want) {
					return &apiError{status: http.StatusUnsupportedMediaType, field: name, message: fmt.Sprintf(
						"part %q has Content-Type %q; the spec accepts %s", name, pt.contentType, strings.Join(want, ", "))}
				}
				var v any
				dec := json.NewDecoder(bytes.NewReader(pt.data))
				dec.UseNumber()
				if err := dec.Decode(&v); err != nil {
					return fail(name, "part %q is not JSON: %s", name, firstLine(err.Error()))
				}
				vals = append(vals, toFloats(v))
			default:
				v, err := scalarPart(item, string(pt.data))
				if err != nil {
					return fail(name, "part %q is invalid: %s", name, err.Error())
				}
				vals = append(vals, v)
			}
		}
		if repeated {
			obj[name] = vals
		} else if len(vals) == 1 {
			obj[name] = vals[0]
		}
	}
	if err := schema.VisitJSON(obj, formatOptions...); err != nil {
		return requestError(rt, &openapi3filter.RequestError{RequestBody: rt.op.RequestBody.Value, Reason: "doesn't match schema", Err: err})
	}
	return nil
}

func isFileSchema(s *openapi3.Schema) bool {
	return s != nil && (s.Format == "binary" || s.Format == "byte" || s.ContentMediaType != "")
}

// partTypes are the media types a part may carry: the encoding object's contentType (a comma-separated list,
// ranges such as image/* allowed), else the schema's contentMediaType, else the default of its kind.
func partTypes(enc *openapi3.Encoding, s *openapi3.Schema) []string {
	if enc != nil && enc.ContentType != "" {
		var out []string
		for t := range strings.SplitSeq(enc.ContentType, ",") {
			if t = strings.TrimSpace(t); t != "" {
				out = append(out, t)
			}
		}
		return out
	}
	if s.ContentMediaType != "" {
		return []string{s.ContentMediaType}
	}
	if isFileSchema(s) {
		return []string{"*/*"}
	}
	return []string{"application/json"}
}

func baseType(ct string) string {
	t, _, _ := strings.Cut(ct, ";")
	return strings.ToLower(strings.TrimSpace(t))
}

// typeAllowed reports whether a part's Content-Type is one of the wanted types or ranges (image/*, */*).
func typeAllowed(ct string, want []string) bool {
	got := baseType(ct)
	for _, w := range want {
		w = baseType(w)
		switch {
		case w == "*/*" || w == got:
			return true
		case strings.HasSuffix(w, "/*") && strings.HasPrefix(got, strings.TrimSuffix(w, "*")):
			return true
		case w == "application/json" && strings.HasSuffix(got, "+json"):
			return true
		}
	}
	return false
}

// scalarPart reads a scalar part as its schema's type: integers and numbers as numbers, booleans as booleans,
// anything else as the text.
func scalarPart(s *openapi3.Schema, text string) (any, error) {
	switch {
	case s.Type.Is("integer"):
		n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", text)
		}
		return float64(n), nil
	case s.Type.Is("number"):
		f, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", text)
		}
		return f, nil
	case s.Type.Is("boolean"):
		b, err := strconv.ParseBool(strings.TrimSpace(text))
		if err != nil {
			return nil, fmt.Errorf("%q is not a boolean", text)
		}
		return b, nil
	}
	return text, nil
}
