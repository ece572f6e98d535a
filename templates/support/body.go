package support

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"net/url"
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

// jsonBody encodes v as JSON (without HTML escaping). readOnly lists the
// paths of the properties the spec marks readOnly (see opgStripReadOnly):
// they are never sent, even when v is a decoded response sent back.
func jsonBody(v any, readOnly ...[]string) requestBody {
	body := &opgJSONBody{opgBytesBody: opgBytesBody{ct: "application/json", log: true}}
	enc := json.NewEncoder(&body.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return &opgBytesBody{ct: "application/json", err: fmt.Errorf("encoding JSON body: %w", err)}
	}
	body.b = bytes.TrimSuffix(body.buf.Bytes(), []byte("\n"))
	if len(readOnly) > 0 {
		b, err := opgStripReadOnly(body.b, readOnly)
		if err != nil {
			return &opgBytesBody{ct: "application/json", err: fmt.Errorf("encoding JSON body: %w", err)}
		}
		body.b = b
	}
	return &body.opgBytesBody
}

// opgJSONBody is an opgBytesBody with the buffer it was encoded into (one
// allocation for both).
type opgJSONBody struct {
	opgBytesBody
	buf bytes.Buffer
}

// formBody encodes v (a struct or map) as application/x-www-form-urlencoded
// with bracket notation: v is marshalled to JSON, then flattened, so json
// tags, omitempty/omitzero and Decimal apply: {"a":{"b":1},"l":[1,2]}
// becomes a[b]=1&l[0]=1&l[1]=2. Object keys are sorted, arrays keep their
// order; nulls, empty objects and empty arrays are left out.
func formBody(v any, readOnly ...[]string) requestBody {
	const ct = "application/x-www-form-urlencoded"
	raw, err := json.Marshal(v)
	if err == nil {
		raw, err = opgStripReadOnly(raw, readOnly)
	}
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
	var parts []string
	opgFlattenForm("", obj, &parts)
	return &opgBytesBody{ct: ct, b: []byte(strings.Join(parts, "&")), log: true}
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
	case string:
		*out = append(*out, url.QueryEscape(prefix)+"="+url.QueryEscape(v))
	case json.Number:
		*out = append(*out, url.QueryEscape(prefix)+"="+url.QueryEscape(v.String()))
	case bool:
		*out = append(*out, url.QueryEscape(prefix)+"="+strconv.FormatBool(v))
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
}

// multipartBody encodes parts as multipart/form-data. Files are buffered,
// up to 32 MiB in all, so that a retry sends the same bytes; readers are
// not closed. The body is never logged.
func multipartBody(parts []multipartPart) requestBody {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	body := &opgBytesBody{ct: w.FormDataContentType()}
	for _, p := range parts {
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
