package support

import (
	"encoding"
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// pathParam formats a path parameter (see formatParam) and escapes it for use
// as one path segment.
func pathParam(v any) string { return url.PathEscape(formatParam(v)) }

// formatParam renders a parameter value as text: strings (and named string
// types) as is, bools, integers, floats in shortest form (money is never a
// float: it is Decimal), Decimal and Date in their wire form, time.Time as
// RFC 3339 with nanoseconds, then encoding.TextMarshaler and fmt.Stringer,
// else fmt.Sprint. Pointers are dereferenced; a nil pointer is "".
func formatParam(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case Decimal:
		return x.String()
	case Date:
		return x.String()
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case []byte:
		return string(x)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return ""
		}
		return formatParam(rv.Elem().Interface())
	}
	if tm, ok := v.(encoding.TextMarshaler); ok {
		if b, err := tm.MarshalText(); err == nil {
			return string(b)
		}
	}
	if s, ok := v.(fmt.Stringer); ok {
		return s.String()
	}
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Float32:
		return strconv.FormatFloat(rv.Float(), 'f', -1, 32)
	case reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// query is a query string under construction: name=value pairs sorted by
// name as url.Values.Encode sorts them (a repeated name keeps the order its
// values were added in), each escaped as it is added, so that the delimiters
// of an explode: false array or object (the "," of form, "|" of
// pipeDelimited, "%20" of spaceDelimited, "%09" of Swagger's tsv) stay
// literal on the wire while a delimiter inside a value is escaped: a value
// "a,b" and the two values "a" and "b" never look alike.
type query struct{ pairs [][2]string }

func (q *query) add(name, escapedValue string) {
	q.pairs = append(q.pairs, [2]string{url.QueryEscape(name), escapedValue})
}

// encode is the query string, without the leading "?".
func (q *query) encode() string {
	if q == nil || len(q.pairs) == 0 {
		return ""
	}
	sort.SliceStable(q.pairs, func(i, j int) bool { return q.pairs[i][0] < q.pairs[j][0] })
	var b strings.Builder
	for i, p := range q.pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p[0])
		b.WriteByte('=')
		b.WriteString(p[1])
	}
	return b.String()
}

// addQuery adds one scalar query parameter. A nil pointer adds nothing.
func addQuery(q *query, name string, v any) {
	if v == nil {
		return
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return
	}
	q.add(name, url.QueryEscape(formatParam(v)))
}

// opgQueryDelimiter is the escaped delimiter of an explode: false array in a
// style: "spaceDelimited" (%20), "pipeDelimited" (|), "tabDelimited" (%09,
// Swagger 2.0's collectionFormat tsv), else "," (form; Swagger's csv).
func opgQueryDelimiter(style string) string {
	switch style {
	case "spaceDelimited":
		return "%20"
	case "pipeDelimited":
		return "|"
	case "tabDelimited":
		return "%09"
	}
	return ","
}

// addQueryArray adds an array query parameter in an OpenAPI style: "form"
// (explode: name=a&name=b; else name=a,b), "spaceDelimited" (name=a%20b),
// "pipeDelimited" (name=a|b) or "tabDelimited" (name=a%09b); the delimited
// styles with explode repeat the name like form. Elements are escaped, the
// delimiter is not. An empty array adds nothing.
func addQueryArray(q *query, name string, vs []string, style string, explode bool) {
	if len(vs) == 0 {
		return
	}
	if explode {
		for _, v := range vs {
			q.add(name, url.QueryEscape(v))
		}
		return
	}
	esc := make([]string, len(vs))
	for i, v := range vs {
		esc[i] = url.QueryEscape(v)
	}
	q.add(name, strings.Join(esc, opgQueryDelimiter(style)))
}

// addQueryObject adds an object query parameter: style "form" with explode
// (k=v for each pair), "form" without explode (name=k,v,k2,v2, commas
// literal) or "deepObject" (name[k]=v). Pairs are added in the order given.
func addQueryObject(q *query, name string, kv [][2]string, style string, explode bool) {
	if len(kv) == 0 {
		return
	}
	switch {
	case style == "deepObject":
		for _, p := range kv {
			q.add(name+"["+p[0]+"]", url.QueryEscape(p[1]))
		}
	case explode:
		for _, p := range kv {
			q.add(p[0], url.QueryEscape(p[1]))
		}
	default:
		parts := make([]string, 0, 2*len(kv))
		for _, p := range kv {
			parts = append(parts, url.QueryEscape(p[0]), url.QueryEscape(p[1]))
		}
		q.add(name, strings.Join(parts, ","))
	}
}

// escapeDotSegments percent-encodes every path segment that is "." or ".."
// (after the parameters were filled in), so that neither net/http, a proxy
// nor the server resolves it into another resource: Delete(ctx, "..", id)
// must not become a request on /cards/ID.
func escapeDotSegments(path string) string {
	if !strings.Contains(path, ".") {
		return path
	}
	segs := strings.Split(path, "/")
	changed := false
	for i, s := range segs {
		if s == "." || s == ".." {
			segs[i] = strings.Repeat("%2E", len(s))
			changed = true
		}
	}
	if !changed {
		return path
	}
	return strings.Join(segs, "/")
}
