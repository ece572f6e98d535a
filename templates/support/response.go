package support

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
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
	// lostIfUndecodable: the call was not safe to retry, so a body that does
	// not decode is a success whose result is lost (ErrOutcomeUnknown).
	lostIfUndecodable bool
	// drift, when set, has decodeJSON check the body against the spec
	// (WithDriftHandler, WithStrictDecoding). One pointer, nil by default:
	// a client without those options pays for nothing else.
	drift *opgDriftCall
}

// decodeJSON decodes the body into v (numbers in `any` fields become
// json.Number, never float64). It fails, naming the operation, on an empty
// body unless v points to a pointer, map, slice or interface (which stay
// nil), on nesting deeper than 512 levels, on trailing data and on malformed
// JSON.
func (r *response) decodeJSON(op *operationDef, v any) error {
	fail := func(msg string, err error) error { return r.undecodable(op, msg, err) }
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
	if ok, err := opgDecodeBody(body, v); ok {
		// A generated struct, or a slice of them, decodes itself: one check of the body, no reflection per object.
		if err != nil {
			return r.decodeFail(fail, err)
		}
		if r.drift != nil {
			return r.checkDrift(op, reflect.TypeOf(v), body)
		}
		return nil
	}
	if !opgNeedsNumber(reflect.TypeOf(v)) {
		// No interface in v's type, so UseNumber changes nothing: json.Unmarshal
		// decodes the same without a Decoder's copy of the body. Malformed or
		// trailing data take the Decoder path below, for its error.
		err := json.Unmarshal(body, v)
		if err == nil {
			if r.drift != nil {
				return r.checkDrift(op, reflect.TypeOf(v), body)
			}
			return nil
		}
		if se := (*json.SyntaxError)(nil); !errors.As(err, &se) {
			return r.decodeFail(fail, err)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return r.decodeFail(fail, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fail("trailing data after the JSON value", nil)
	}
	if r.drift != nil {
		return r.checkDrift(op, reflect.TypeOf(v), body)
	}
	return nil
}

// undecodable is the error of a success response whose body cannot be read
// into the result: it names the operation, and marks the outcome unknown when
// the call was not safe to retry.
func (r *response) undecodable(op *operationDef, msg string, err error) error {
	e := &opgCallError{api: r.api, msg: "decoding " + strconv.Itoa(r.StatusCode) + " response: " + msg}
	if op != nil {
		e.op = op.ID
	}
	if r.lostIfUndecodable {
		e.msg += "; outcome unknown: the server answered " + strconv.Itoa(r.StatusCode) + " but the result is unreadable: look it up before sending the request again"
		e.errs = append(e.errs, ErrOutcomeUnknown)
	}
	if err != nil {
		e.errs = append(e.errs, err)
	}
	return e
}

// decodeBase64 is the bytes of a body the spec says travels base64-encoded
// (format byte, contentEncoding base64). Line breaks (MIME wraps at 76
// columns) and missing padding are accepted; the URL-safe alphabet is not
// the one the spec names, and is refused like any other malformed body.
func (r *response) decodeBase64(op *operationDef) ([]byte, error) {
	text := strings.Map(func(c rune) rune {
		if c == '\r' || c == '\n' || c == ' ' || c == '\t' {
			return -1
		}
		return c
	}, string(r.Body))
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(text, "="))
	if err != nil {
		return nil, r.undecodable(op, "the body is not base64: "+err.Error(), err)
	}
	return b, nil
}

func (r *response) decodeFail(fail func(string, error) error, err error) error {
	ct := r.Header.Get("Content-Type")
	if ct != "" {
		return fail("(Content-Type "+strconv.Quote(opgTruncate(ct, 64))+"): "+err.Error(), err)
	}
	return fail(err.Error(), err)
}

// opgUnmarshal is json.Unmarshal that keeps the numbers of free-form (any)
// values exact, as json.Number: the decoders of types with their own
// UnmarshalJSON (Nullable, unions, extra properties) call it, since the
// response Decoder's UseNumber does not reach inside them. 2^53+1 keeps its
// digits and 1e400 does not fail the response.
func opgUnmarshal(data []byte, v any) error {
	if !opgNeedsNumber(reflect.TypeOf(v)) {
		return json.Unmarshal(data, v)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

// opgNumberTypes caches opgNeedsNumber: reflect.Type -> bool.
var opgNumberTypes sync.Map

// opgNeedsNumber reports whether a value of type t holds an interface
// anywhere (the only place where Decoder.UseNumber makes a difference).
func opgNeedsNumber(t reflect.Type) bool {
	if v, ok := opgNumberTypes.Load(t); ok {
		return v.(bool)
	}
	has := opgHasInterface(t, map[reflect.Type]bool{})
	opgNumberTypes.Store(t, has)
	return has
}

func opgHasInterface(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t == nil {
		return true
	}
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return opgHasInterface(t.Elem(), seen)
	case reflect.Map:
		return opgHasInterface(t.Key(), seen) || opgHasInterface(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			if opgHasInterface(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// opgJSONTooDeep reports whether the JSON text nests objects and arrays
// deeper than max. It does not validate the JSON. Strings are skipped with
// bytes.IndexByte (most of a document is strings): a quote ends one unless an
// odd number of backslashes precedes it.
func opgJSONTooDeep(b []byte, max int) bool {
	if bytes.Count(b, []byte("{"))+bytes.Count(b, []byte("[")) <= max {
		return false // not that many brackets in all (a fast, vectorised count)
	}
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			for {
				j := bytes.IndexByte(b[i+1:], '"')
				if j < 0 {
					return false
				}
				i += 1 + j
				n := 0
				for b[i-1-n] == '\\' {
					n++
				}
				if n%2 == 0 {
					break
				}
			}
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

// opgHeaderReader is a generated <Operation>Headers type: it reads the
// response headers its operation declares.
type opgHeaderReader interface{ readHeaders(h http.Header) }

// WithResponseHeaders fills dst, a generated <Operation>Headers value of the
// operation called, with the response headers the spec declares, typed
// (integers, dates, Retry-After as a duration, ETag and Link verbatim). It
// is filled when a response arrived, 2xx or not; a header that is absent or
// does not parse is left nil.
//
//	var h culqi.ChargesCreateHeaders
//	charge, err := client.Charges.Create(ctx, params, culqi.WithResponseHeaders(&h))
func WithResponseHeaders(dst interface{ readHeaders(h http.Header) }) RequestOption {
	return opgRequestOption("WithResponseHeaders", func(c *opgCallConfig) error {
		if dst == nil || reflect.ValueOf(dst).IsNil() {
			return opgErr("nil destination")
		}
		c.headerDst = dst
		return nil
	})
}

// headerString is the header's value, verbatim (several values joined by
// ", "), or nil when absent.
func headerString(h http.Header, name string) *string {
	vs := h.Values(name)
	if len(vs) == 0 {
		return nil
	}
	s := strings.Join(vs, ", ")
	return &s
}

// headerList splits a comma-separated header into its trimmed elements.
func headerList(h http.Header, name string) []string {
	var out []string
	for _, v := range h.Values(name) {
		for _, e := range strings.Split(v, ",") {
			if e = strings.TrimSpace(e); e != "" {
				out = append(out, e)
			}
		}
	}
	return out
}

// headerInt parses an integer header of T's size; nil when absent or not an
// integer of that size.
func headerInt[T int32 | int64](h http.Header, name string) *T {
	v := strings.TrimSpace(h.Get(name))
	if v == "" {
		return nil
	}
	var bits int
	var zero T
	switch any(zero).(type) {
	case int32:
		bits = 32
	default:
		bits = 64
	}
	n, err := strconv.ParseInt(v, 10, bits)
	if err != nil {
		return nil
	}
	t := T(n)
	return &t
}

// headerFloat parses a number header.
func headerFloat(h http.Header, name string) *float64 {
	v := strings.TrimSpace(h.Get(name))
	if v == "" {
		return nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return nil
	}
	return &f
}

// headerBool parses a boolean header.
func headerBool(h http.Header, name string) *bool {
	v := strings.TrimSpace(h.Get(name))
	if v == "" {
		return nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return nil
	}
	return &b
}

// headerTime parses a date header: RFC 3339 (format: date-time), else an
// HTTP date (Date, Last-Modified, Expires).
func headerTime(h http.Header, name string) *time.Time {
	v := strings.TrimSpace(h.Get(name))
	if v == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		if t, err = http.ParseTime(v); err != nil {
			return nil
		}
	}
	return &t
}

// headerRetryAfter reads Retry-After, delay-seconds or an HTTP date (then
// the time left until it, measured from the response's Date header when
// there is one, else from now; never negative).
func headerRetryAfter(h http.Header, name string) *time.Duration {
	v := strings.TrimSpace(h.Get(name))
	if v == "" {
		return nil
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 && n <= int64(time.Duration(1<<63-1)/time.Second) {
		d := time.Duration(n) * time.Second
		return &d
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return nil
	}
	now := time.Now()
	if date, err := http.ParseTime(h.Get("Date")); err == nil {
		now = date
	}
	d := max(at.Sub(now), 0)
	return &d
}
