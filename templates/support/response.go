package support

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
)

// opgMaxJSONDepth bounds the nesting of JSON documents decoded or logged.
const opgMaxJSONDepth = 512

// response is a successful (2xx) response. Body holds the whole body, unless
// the request asked for a stream: then Stream must be closed by the caller.
type response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
	Stream     io.ReadCloser

	api string
}

// decodeJSON decodes the body into v (numbers in `any` fields become
// json.Number, never float64). It fails, naming the operation, on an empty
// body unless v points to a pointer, map, slice or interface (which stay
// nil), on nesting deeper than 512 levels, on trailing data and on malformed
// JSON.
func (r *response) decodeJSON(op *operationDef, v any) error {
	fail := func(msg string, err error) error {
		e := &opgCallError{api: r.api, msg: "decoding " + strconv.Itoa(r.StatusCode) + " response: " + msg}
		if op != nil {
			e.op = op.ID
		}
		if err != nil {
			e.errs = []error{err}
		}
		return e
	}
	if v == nil {
		return nil
	}
	body := bytes.TrimSpace(r.Body)
	if len(body) == 0 {
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() {
			switch rv.Elem().Kind() {
			case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface:
				return nil
			}
		}
		return fail("empty body", nil)
	}
	if opgJSONTooDeep(body, opgMaxJSONDepth) {
		return fail("JSON nested deeper than "+strconv.Itoa(opgMaxJSONDepth)+" levels", nil)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		ct := r.Header.Get("Content-Type")
		if ct != "" {
			return fail("(Content-Type "+strconv.Quote(opgTruncate(ct, 64))+"): "+err.Error(), err)
		}
		return fail(err.Error(), err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fail("trailing data after the JSON value", nil)
	}
	return nil
}

// opgJSONTooDeep reports whether the JSON text nests objects and arrays
// deeper than max. It does not validate the JSON.
func opgJSONTooDeep(b []byte, max int) bool {
	depth, inStr, esc := 0, false, false
	for _, c := range b {
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '{', '[':
			depth++
			if depth > max {
				return true
			}
		case '}', ']':
			depth--
		}
	}
	return false
}
