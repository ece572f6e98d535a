package mock

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/opgen-sdk/opgen/internal/pattern"
)

// formatOptions validate the formats kin-openapi leaves alone by default; document-scoped, so the mock changes
// no global state of the library.
var formatOptions = []openapi3.SchemaValidationOption{
	openapi3.WithStringFormatValidator("email", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail)),
	openapi3.WithStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC9562)),
	// `format: base64` (OpenAPI 3.0's base64-transferred file content) is base64 text, with MIME line breaks.
	openapi3.WithStringFormatValidator("base64", openapi3.NewRegexpFormatValidator(`^[A-Za-z0-9+/\r\n]*=*[\r\n]*$`)),
	// Patterns are ECMA-262: a look-ahead or back-reference RE2 refuses is checked with an ECMAScript engine.
	openapi3.SetSchemaRegexCompiler(pattern.Compile),
}

// validate checks the request's parameters and body against the operation with openapi3filter. It returns
// nil when the request is valid, else the error to answer with: the status the API uses and a message naming
// the offending parameter or field.
func (h *Handler) validate(r *http.Request, rt *route, params map[string]string, body []byte) *apiError {
	opts := &openapi3filter.Options{
		AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc, // presence is checked by missingCredentials
		SkipSettingDefaults:     true,
		SchemaValidationOptions: formatOptions,
	}
	if rb := rt.op.RequestBody; rb != nil && rb.Value != nil && len(body) > 0 && len(rb.Value.Content) > 0 {
		ct := r.Header.Get("Content-Type")
		mt := rb.Value.Content.Get(ct)
		if mt == nil {
			return &apiError{status: http.StatusUnsupportedMediaType, message: fmt.Sprintf(
				"Content-Type %q is not accepted by %s: send %s", ct, rt.id, strings.Join(sortedKeys(rb.Value.Content), " or "))}
		}
		base, _, err := mime.ParseMediaType(ct)
		switch {
		case err == nil && strings.EqualFold(base, "multipart/form-data"):
			if aerr := h.validateMultipart(rt, ct, mt, body); aerr != nil {
				return aerr
			}
			opts.ExcludeRequestBody = true // checked part by part above
		case err != nil || !decodable(base, mt):
			opts.ExcludeRequestBody = true // a media type kin-openapi cannot decode (XML, ...): accepted as is
		case !isJSON(base) && mt.Schema != nil && mt.Schema.Value != nil && mt.Schema.Value.Format == "byte":
			// `format: byte` on a whole non-JSON body means the file's bytes (Xero's "byte array of file"), as
			// the SDKs send it: any bytes are accepted, not only base64 text.
			opts.ExcludeRequestBody = true
		}
	}
	route := &routers.Route{Spec: h.doc, Server: rt.server, Path: rt.template, PathItem: rt.pathItem,
		Method: rt.method, Operation: rt.op}
	var err error
	for range 3 {
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		r.ContentLength = int64(len(body))
		err = openapi3filter.ValidateRequest(r.Context(), &openapi3filter.RequestValidationInput{
			Request: r, PathParams: params, Route: route, Options: opts})
		// What kin-openapi cannot decode is the spec's business, not the client's: skip that part rather than
		// refuse a request the real API would take (Stripe's deepObject arrays, form bodies with object
		// properties).
		switch msg := errString(err); {
		case strings.Contains(msg, "invalid serialization method") && !opts.ExcludeRequestQueryParams:
			opts.ExcludeRequestQueryParams = true
			continue
		case strings.Contains(msg, "unsupported schema of request body") && !opts.ExcludeRequestBody:
			opts.ExcludeRequestBody = true
			continue
		}
		break
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err == nil {
		return nil
	}
	return requestError(rt, err)
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// decodable reports whether openapi3filter can decode (and so validate) a body of this media type.
func decodable(mediaType string, mt *openapi3.MediaType) bool {
	mediaType = strings.ToLower(mediaType)
	if openapi3filter.RegisteredBodyDecoder(mediaType) != nil || strings.HasSuffix(mediaType, "+json") {
		return true
	}
	if mt.Schema != nil && mt.Schema.Value != nil && mt.Schema.Value.Format == "binary" {
		return true
	}
	return false
}

// requestError turns a validation error into the answer: status and message naming the field.
func requestError(rt *route, err error) *apiError {
	// Several problems: the first. A body schema with allOf/oneOf gives a RequestError holding a MultiError of
	// SchemaErrors: keep the RequestError (it says the body is at fault) with its first SchemaError, so the
	// field is named in the API's error shape like any other.
	var me openapi3.MultiError
	if errors.As(err, &me) && len(me) > 0 {
		var outer *openapi3filter.RequestError
		if errors.As(err, &outer) && !errors.As(me[0], new(*openapi3filter.RequestError)) {
			inner := *outer
			inner.Err = me[0]
			err = &inner
		} else {
			err = me[0]
		}
	}
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return &apiError{status: http.StatusBadRequest, message: firstLine(err.Error())}
	}
	var se *openapi3.SchemaError
	hasSchemaErr := errors.As(re.Err, &se)
	var ptr []string
	if hasSchemaErr {
		se, ptr = innermost(se)
	}
	var pe *openapi3filter.ParseError
	isParse := errors.As(re.Err, &pe)
	status := validationStatus(rt.op)

	switch {
	case re.Parameter != nil:
		p := re.Parameter
		field := p.Name
		if hasSchemaErr {
			if ptr := fieldPath(ptr); ptr != "" {
				field += "." + ptr
			}
		}
		switch {
		case errors.Is(re.Err, openapi3filter.ErrInvalidRequired):
			return &apiError{status: status, field: field, message: fmt.Sprintf("%s parameter %q is required but missing", p.In, p.Name)}
		case errors.Is(re.Err, openapi3filter.ErrInvalidEmptyValue):
			return &apiError{status: status, field: field, message: fmt.Sprintf("%s parameter %q must not be empty", p.In, p.Name)}
		case hasSchemaErr:
			return &apiError{status: status, field: field, message: fmt.Sprintf("%s parameter %q is invalid: %s", p.In, field, schemaReason(se))}
		case isParse:
			return &apiError{status: status, field: field, message: fmt.Sprintf("%s parameter %q cannot be parsed: %s", p.In, p.Name, firstLine(pe.Error()))}
		}
		return &apiError{status: status, field: field, message: fmt.Sprintf("%s parameter %q: %s", p.In, p.Name, firstLine(re.Error()))}
	case re.RequestBody != nil:
		switch {
		case errors.Is(re.Err, openapi3filter.ErrInvalidRequired):
			return &apiError{status: http.StatusBadRequest, message: "the request body is required: send " + bodyKinds(re.RequestBody)}
		case strings.HasPrefix(re.Reason, "header Content-Type has unexpected value"):
			return &apiError{status: http.StatusUnsupportedMediaType, message: fmt.Sprintf("%s: send %s", re.Reason, bodyKinds(re.RequestBody))}
		case hasSchemaErr:
			field := fieldPath(ptr)
			if field == "" {
				field = missingProperty(se)
			}
			if m := discriminatorRe.FindStringSubmatch(se.Reason); field == "" && m != nil {
				field = m[1]
			}
			if se.SchemaField == "required" && field != "" {
				return &apiError{status: status, field: field, message: fmt.Sprintf("field %q is required but missing", field)}
			}
			if field == "" {
				return &apiError{status: status, message: "request body: " + schemaReason(se)}
			}
			return &apiError{status: status, field: field, message: fmt.Sprintf("field %q is invalid: %s", field, schemaReason(se))}
		case isParse || re.Reason == "failed to decode request body":
			return &apiError{status: http.StatusBadRequest, message: "the request body cannot be decoded: " + firstLine(re.Err.Error())}
		}
		return &apiError{status: status, message: "request body: " + firstLine(re.Error())}
	}
	return &apiError{status: status, message: firstLine(re.Error())}
}

var missingPropRe = regexp.MustCompile(`property "([^"]+)" is missing`)

// discriminatorRe finds the property a discriminator error names.
var discriminatorRe = regexp.MustCompile(`discriminator property "([^"]+)"`)

// innermost follows a schema error of an allOf (every member must hold, so its member's error is the real one)
// or of a oneOf/anyOf with a single cause down to the error of the field at fault, and returns it with its full
// JSON pointer: "card" failing its allOf becomes "card.card_number" failing its pattern.
func innermost(se *openapi3.SchemaError) (*openapi3.SchemaError, []string) {
	ptr := se.JSONPointer()
	for range 16 {
		switch se.SchemaField {
		case "allOf", "oneOf", "anyOf":
		default:
			return se, ptr
		}
		var inner *openapi3.SchemaError
		var me openapi3.MultiError
		switch {
		case errors.As(se.Origin, &me):
			if se.SchemaField != "allOf" || len(me) == 0 || !errors.As(me[0], &inner) {
				return se, ptr
			}
		case errors.As(se.Origin, &inner):
		default:
			return se, ptr
		}
		// kin-openapi marks the member's error with the outer keys too, at least in some cases: a pointer that
		// already starts with the outer one is the full one.
		if ip := inner.JSONPointer(); len(ip) >= len(ptr) && slices.Equal(ip[:len(ptr)], ptr) {
			ptr = ip
		} else {
			ptr = append(append([]string(nil), ptr...), ip...)
		}
		se = inner
	}
	return se, ptr
}

// missingProperty is the property a "required" error names when the error carries no path (JSON Schema 2020).
func missingProperty(se *openapi3.SchemaError) string {
	if m := missingPropRe.FindStringSubmatch(se.Reason); m != nil {
		return m[1]
	}
	return ""
}

// validationStatus is the status the API answers an invalid request with: 400, unless the spec keeps its 400
// for something else and has a 422 for invalid parameters: a 400 described as syntax errors only ("invalid
// syntax", "not JSON", as Culqi's invalid_request_error), or a 400 whose examples (a declined card, say) name
// no parameter while the 422's do (Culqi's parameter_error). Without a 400, 422 if documented.
func validationStatus(op *openapi3.Operation) int {
	if op.Responses == nil {
		return http.StatusBadRequest
	}
	r400, r422 := op.Responses.Value("400"), op.Responses.Value("422")
	switch {
	case r422 == nil || r422.Value == nil:
		return http.StatusBadRequest
	case r400 == nil || r400.Value == nil:
		return http.StatusUnprocessableEntity
	}
	if d := r400.Value.Description; d != nil && syntaxWordsRe.MatchString(*d) && !validationWordsRe.MatchString(*d) {
		return http.StatusUnprocessableEntity
	}
	n400, p400 := paramExamples(r400.Value)
	if _, p422 := paramExamples(r422.Value); n400 > 0 && p400 == 0 && p422 > 0 {
		return http.StatusUnprocessableEntity
	}
	return http.StatusBadRequest
}

var (
	syntaxWordsRe     = regexp.MustCompile(`(?i)\bsyntax\b|not (valid )?json|malformed|cannot be parsed|could not be parsed`)
	validationWordsRe = regexp.MustCompile(`(?i)\b(required|missing|format|fields?|param\w*)\b`)
)

// paramExamples counts a response's JSON examples, and those that name a parameter (a param-like property).
func paramExamples(r *openapi3.Response) (n, withParam int) {
	mt := jsonMedia(r.Content)
	if mt == nil {
		return 0, 0
	}
	for _, v := range exampleValues(mt) {
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		n++
		for k := range m {
			if classify(k, nil) == kindParam {
				withParam++
				break
			}
		}
	}
	return n, withParam
}

// fieldPath renders a JSON pointer as a field path: ["card", "number"] -> "card.number", ["items", "0"] -> "items[0]".
func fieldPath(ptr []string) string {
	var b strings.Builder
	for _, p := range ptr {
		if _, err := strconv.Atoi(p); err == nil && b.Len() > 0 {
			b.WriteString("[" + p + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// schemaReason is the schema error's reason without kin-openapi's schema dump.
func schemaReason(se *openapi3.SchemaError) string {
	if se.Reason != "" {
		return firstLine(se.Reason)
	}
	return fmt.Sprintf("does not match the schema's %q", se.SchemaField)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(s)
}

func bodyKinds(rb *openapi3.RequestBody) string {
	if rb == nil || len(rb.Content) == 0 {
		return "a body"
	}
	return "a body of type " + strings.Join(sortedKeys(rb.Content), " or ")
}
