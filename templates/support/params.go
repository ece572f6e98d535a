package support

import (
	"encoding"
	"fmt"
	"net/url"
	"reflect"
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

// addQuery adds one scalar query parameter. A nil pointer adds nothing.
func addQuery(q url.Values, name string, v any) {
	if v == nil {
		return
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return
	}
	q.Add(name, formatParam(v))
}

// addQueryArray adds an array query parameter in an OpenAPI style: "form"
// (explode: name=a&name=b; else name=a,b), "spaceDelimited" (name=a b) or
// "pipeDelimited" (name=a|b); the delimited styles with explode repeat the
// name like form. An empty array adds nothing.
func addQueryArray(q url.Values, name string, vs []string, style string, explode bool) {
	if len(vs) == 0 {
		return
	}
	if explode {
		for _, v := range vs {
			q.Add(name, v)
		}
		return
	}
	sep := ","
	switch style {
	case "spaceDelimited":
		sep = " "
	case "pipeDelimited":
		sep = "|"
	}
	q.Add(name, strings.Join(vs, sep))
}

// addQueryObject adds an object query parameter: style "form" with explode
// (k=v for each pair), "form" without explode (name=k,v,k2,v2) or
// "deepObject" (name[k]=v). Pairs are added in the order given.
func addQueryObject(q url.Values, name string, kv [][2]string, style string, explode bool) {
	if len(kv) == 0 {
		return
	}
	switch {
	case style == "deepObject":
		for _, p := range kv {
			q.Add(name+"["+p[0]+"]", p[1])
		}
	case explode:
		for _, p := range kv {
			q.Add(p[0], p[1])
		}
	default:
		parts := make([]string, 0, 2*len(kv))
		for _, p := range kv {
			parts = append(parts, p[0], p[1])
		}
		q.Add(name, strings.Join(parts, ","))
	}
}
