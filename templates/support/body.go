package support

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// opgMaxRequestBody caps a request body buffered for retries (32 MiB).
const opgMaxRequestBody = 32 << 20

// requestBody is a request body. reader may be called once per attempt and
// must return the same bytes each time; logBody returns the bytes to log at
// LevelTrace (redacted before logging), or nil for binary bodies.
type requestBody interface {
	contentType() string
	reader() (io.Reader, error)
	logBody() []byte
}

// opgBytesBody is a request body held in memory.
type opgBytesBody struct {
	ct  string
	b   []byte
	err error
	log bool // whether the bytes may be logged (after redaction)
}

func (b *opgBytesBody) contentType() string { return b.ct }

func (b *opgBytesBody) reader() (io.Reader, error) {
	if b.err != nil {
		return nil, b.err
	}
	return bytes.NewReader(b.b), nil
}

func (b *opgBytesBody) logBody() []byte {
	if !b.log {
		return nil
	}
	return b.b
}

// jsonBodyAs encodes v as JSON and sends it with the spec's JSON media type
// (application/merge-patch+json, application/vnd.api+json...).
func jsonBodyAs(contentType string, v any) requestBody { return opgJSONBody(contentType, v, nil) }

// jsonBody encodes v as JSON (without HTML escaping).
func jsonBody(v any) requestBody { return opgJSONBody("application/json", v, nil) }

// jsonBodyWithout is jsonBodyAs for a body whose schema marks properties
// readOnly: the properties at those paths (see opgStripReadOnly) are never
// sent, even when v is a decoded response sent back. A separate function so
// that a package without readOnly properties has no JSON rewriting code.
func jsonBodyWithout(contentType string, v any, readOnly ...[]string) requestBody {
	return opgJSONBody(contentType, v, func(b []byte) ([]byte, error) { return opgStripReadOnly(b, readOnly) })
}

// opgJSONBody encodes v as JSON (without HTML escaping), rewritten by edit
// when it is not nil.
func opgJSONBody(contentType string, v any, edit func([]byte) ([]byte, error)) requestBody {
	body := &opgJSONBuf{opgBytesBody: opgBytesBody{ct: contentType, log: true}}
	enc := json.NewEncoder(&body.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return &opgBytesBody{ct: contentType, err: fmt.Errorf("encoding JSON body: %w", err)}
	}
	body.b = bytes.TrimSuffix(body.buf.Bytes(), []byte("\n"))
	if edit != nil {
		b, err := edit(body.b)
		if err != nil {
			return &opgBytesBody{ct: contentType, err: fmt.Errorf("encoding JSON body: %w", err)}
		}
		body.b = b
	}
	return &body.opgBytesBody
}

// opgJSONBuf is an opgBytesBody with the buffer it was encoded into (one
// allocation for both).
type opgJSONBuf struct {
	opgBytesBody
	buf bytes.Buffer
}

// formStyle is the encoding of one property of a form body (the spec's
// encoding object, or a Swagger 2.0 collectionFormat): Style "form",
// "spaceDelimited", "pipeDelimited", "tabDelimited" or "deepObject".
type formStyle struct {
	Name    string
	Style   string
	Explode bool
}

// formBody encodes v (a struct or map) as application/x-www-form-urlencoded:
// v is marshalled to JSON, then flattened, so json tags, omitempty/omitzero
// and Decimal apply. A top-level array of scalars follows its formStyle, by
// default form with explode (repeated keys: l=1&l=2; without explode l=1,2
// with a literal delimiter). Objects use bracket notation ({"a":{"b":1}} is
// a[b]=1) unless their formStyle is form (exploded: b=1; else a=b,1); arrays
// inside objects, and arrays of objects, are indexed (a[l][0]=1). Object
// keys are sorted, arrays keep their order; nulls, empty objects and empty
// arrays are left out.
func formBody(v any, styles ...formStyle) requestBody {
	const ct = "application/x-www-form-urlencoded"
	raw, err := json.Marshal(v)
	if err != nil {
		return &opgBytesBody{ct: ct, err: fmt.Errorf("encoding form body: %w", err)}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return &opgBytesBody{ct: ct, err: fmt.Errorf("encoding form body: %w", err)}
	}
	obj, ok := tree.(map[string]any)
	if !ok {
		if tree == nil {
			return &opgBytesBody{ct: ct, log: true}
		}
		return &opgBytesBody{ct: ct, err: errors.New("encoding form body: not an object")}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		st := formStyle{Name: k, Style: "form", Explode: true}
		custom := false
		for _, s := range styles {
			if s.Name == k {
				st, custom = s, true
			}
		}
		switch val := obj[k].(type) {
		case []any:
			if !opgAllScalars(val) {
				opgFlattenForm(k, val, &parts)
				continue
			}
			if st.Explode || st.Style == "deepObject" {
				for _, e := range val {
					opgFlattenForm(k, e, &parts)
				}
				continue
			}
			esc := make([]string, 0, len(val))
			for _, e := range val {
				esc = append(esc, url.QueryEscape(opgScalarText(e)))
			}
			parts = append(parts, url.QueryEscape(k)+"="+strings.Join(esc, opgQueryDelimiter(st.Style)))
		case map[string]any:
			if !custom || st.Style != "form" || !opgAllScalarValues(val) {
				opgFlattenForm(k, val, &parts)
				continue
			}
			sub := make([]string, 0, len(val))
			for sk := range val {
				sub = append(sub, sk)
			}
			sort.Strings(sub)
			if st.Explode {
				for _, sk := range sub {
					opgFlattenForm(sk, val[sk], &parts)
				}
				continue
			}
			var kv []string
			for _, sk := range sub {
				if val[sk] != nil {
					kv = append(kv, url.QueryEscape(sk), url.QueryEscape(opgScalarText(val[sk])))
				}
			}
			if len(kv) > 0 {
				parts = append(parts, url.QueryEscape(k)+"="+strings.Join(kv, ","))
			}
		default:
			opgFlattenForm(k, val, &parts)
		}
	}
	return &opgBytesBody{ct: ct, b: []byte(strings.Join(parts, "&")), log: true}
}

func opgAllScalars(vs []any) bool {
	for _, v := range vs {
		switch v.(type) {
		case map[string]any, []any, nil:
			return false
		}
	}
	return true
}

func opgAllScalarValues(m map[string]any) bool {
	for _, v := range m {
		switch v.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}

// opgScalarText is the text of a decoded JSON scalar.
func opgScalarText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

func opgFlattenForm(prefix string, v any, out *[]string) {
	switch v := v.(type) {
	case nil:
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			name := k
			if prefix != "" {
				name = prefix + "[" + k + "]"
			}
			opgFlattenForm(name, v[k], out)
		}
	case []any:
		for i, e := range v {
			opgFlattenForm(prefix+"["+strconv.Itoa(i)+"]", e, out)
		}
	default:
		*out = append(*out, url.QueryEscape(prefix)+"="+url.QueryEscape(opgScalarText(v)))
	}
}

// formValuesBody encodes v as application/x-www-form-urlencoded.
func formValuesBody(v url.Values) requestBody {
	return &opgBytesBody{ct: "application/x-www-form-urlencoded", b: []byte(v.Encode()), log: true}
}

// textBody sends s with the given content type.
func textBody(contentType, s string) requestBody {
	return &opgBytesBody{ct: contentType, b: []byte(s), log: true}
}

// base64Body sends b base64-encoded (standard alphabet, padded), as a body
// whose schema says format byte or contentEncoding base64 travels. It is
// never logged.
func base64Body(contentType string, b []byte) requestBody {
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	return &opgBytesBody{ct: contentType, b: []byte(base64.StdEncoding.EncodeToString(b))}
}

// readerBody sends the bytes of r (a binary upload). They are buffered, up
// to 32 MiB, so that a retry sends them again; they are never logged.
func readerBody(contentType string, r io.Reader) requestBody {
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	b, err := opgReadCapped(r, opgMaxRequestBody)
	return &opgBytesBody{ct: contentType, b: b, err: err}
}

// multipartPart is one part of a multipart/form-data body: a field (Value)
// or, when Reader is set, a file (FileName, ContentType).
type multipartPart struct {
	Name        string
	FileName    string
	ContentType string
	Value       string
	Reader      io.Reader
	json        bool  // a JSON part: Content-Type without a file name
	err         error // the part could not be encoded
}

// NewFilePart gives a file to upload the file name and Content-Type its
// multipart part carries. Pass the result where an operation takes an
// io.Reader file; r is read once per request. Without it an *os.File sends
// its base name, another reader the field's name, and the Content-Type is
// the one the spec gives the part, else application/octet-stream.
func NewFilePart(r io.Reader, filename, contentType string) io.Reader {
	return &opgFilePart{Reader: r, name: filename, ct: contentType}
}

type opgFilePart struct {
	io.Reader
	name, ct string
}

// multipartFile is the part of a file field: its file name and type from
// NewFilePart, else an *os.File's base name (else the field name) and the
// spec's type (else application/octet-stream).
func multipartFile(field string, r io.Reader, specType string) multipartPart {
	p := multipartPart{Name: field, FileName: field, ContentType: specType, Reader: r}
	switch f := r.(type) {
	case *opgFilePart:
		if f.name != "" {
			p.FileName = f.name
		}
		if f.ct != "" {
			p.ContentType = f.ct
		}
	case interface{ Name() string }: // *os.File
		if n := filepath.Base(f.Name()); n != "." && n != string(filepath.Separator) {
			p.FileName = n
		}
	}
	return p
}

// multipartJSON is a part holding v as JSON, with the part's Content-Type.
func multipartJSON(field string, v any, contentType string) multipartPart {
	b, err := json.Marshal(v)
	if err != nil {
		return multipartPart{Name: field, err: fmt.Errorf("multipart part %q: %w", field, err)}
	}
	if contentType == "" {
		contentType = "application/json"
	}
	return multipartPart{Name: field, ContentType: contentType, Value: string(b), json: true}
}

// multipartBody encodes parts as multipart/form-data. Files are buffered,
// up to 32 MiB in all, so that a retry sends the same bytes; readers are
// not closed. The body is never logged.
func multipartBody(parts []multipartPart) requestBody {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	body := &opgBytesBody{ct: w.FormDataContentType()}
	for _, p := range parts {
		if p.err != nil {
			body.err = p.err
			return body
		}
		if p.json || (p.Reader == nil && p.FileName == "" && p.ContentType != "") {
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", `form-data; name="`+opgQuoteEscaper.Replace(p.Name)+`"`)
			h.Set("Content-Type", p.ContentType)
			pw, err := w.CreatePart(h)
			if err == nil {
				_, err = io.WriteString(pw, p.Value)
			}
			if err != nil {
				body.err = err
				return body
			}
			continue
		}
		if p.Reader == nil && p.FileName == "" {
			if err := w.WriteField(p.Name, p.Value); err != nil {
				body.err = err
				return body
			}
			continue
		}
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", multipart.FileContentDisposition(p.Name, p.FileName))
		ct := p.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		h.Set("Content-Type", ct)
		pw, err := w.CreatePart(h)
		if err != nil {
			body.err = err
			return body
		}
		var r io.Reader = strings.NewReader(p.Value)
		if p.Reader != nil {
			r = p.Reader
		}
		left := int64(opgMaxRequestBody - buf.Len())
		if _, err := opgCopyCapped(pw, r, left); err != nil {
			body.err = fmt.Errorf("multipart part %q: %w", p.Name, err)
			return body
		}
	}
	if err := w.Close(); err != nil {
		body.err = err
		return body
	}
	body.b = buf.Bytes()
	return body
}

// opgQuoteEscaper escapes a multipart field name as mime/multipart does.
var opgQuoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"")

var errOpgBodyTooLarge = errors.New("request body larger than 32 MiB")

func opgReadCapped(r io.Reader, max int64) ([]byte, error) {
	if r == nil {
		return nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("reading request body: %w", err)
	}
	if int64(len(b)) > max {
		return nil, errOpgBodyTooLarge
	}
	return b, nil
}

func opgCopyCapped(w io.Writer, r io.Reader, max int64) (int64, error) {
	n, err := io.Copy(w, io.LimitReader(r, max+1))
	if err != nil {
		return n, err
	}
	if n > max {
		return n, errOpgBodyTooLarge
	}
	return n, nil
}
