// Package rtcheck is the round-trip checker that opgen copies, as source, into the tests it generates for a
// generated package (the corpus example round trip and the fuzz targets): decode a JSON document the way a
// generated client decodes a response, encode it again, and compare. It imports only the standard library, and
// its names start with rt so that the copy cannot collide with a generated package's names.
package rtcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// rtDecode decodes data into v as a generated client decodes a response body: numbers in free-form values
// become json.Number, and trailing data is an error.
func rtDecode(data []byte, v any) error {
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

// rtRoundTrip decodes data into the value newV returns, encodes it again and compares the result with data
// (rtDiff). It returns the re-encoded document, the differences ("" when none) and the decode or encode error.
func rtRoundTrip(data []byte, newV func() any) (out []byte, diff string, err error) {
	v := newV()
	if err := rtDecode(data, v); err != nil {
		return nil, "", fmt.Errorf("decode: %w", err)
	}
	out, err = json.Marshal(v)
	if err != nil {
		return nil, "", fmt.Errorf("encode: %w", err)
	}
	return out, rtDiff(data, out), nil
}

// errRTSkip marks an input that does not decode into the type: nothing to check.
var errRTSkip = errors.New("the input does not decode into the type")

// rtStable checks that decode -> encode -> decode is stable for data (a document valid for the type: every
// required member present): the second decoded value equals the first
// (rtEqual) and re-encoding it gives the same document as the first encoding (rtDiff). It returns errRTSkip when
// data does not decode at all, and a descriptive error for any instability.
func rtStable(data []byte, newV func() any) error {
	v1 := newV()
	if err := rtDecode(data, v1); err != nil {
		return errRTSkip
	}
	var doc any
	if rtDecode(data, &doc) != nil || rtMissingRequired(doc, reflect.TypeOf(v1).Elem(), 0) {
		// Not valid for the type: a required member is missing, which the encoder then sends as its zero value
		// (or the constant the spec gives it). Nothing to say about stability.
		return errRTSkip
	}
	e1, err := json.Marshal(v1)
	if err != nil {
		return fmt.Errorf("a decoded value does not encode: %v\ninput: %s", err, data)
	}
	if rtKeepsUnknown(reflect.TypeOf(v1), 0) {
		// A response type keeps what it does not declare: every member of the input, unknown ones and nulls
		// included, must be in its re-encoding.
		for _, d := range rtDiffs(data, e1) {
			if d.Kind == "lost" {
				return fmt.Errorf("a member is lost on re-encoding: %s\ninput:   %s\nencoded: %s", d.Text, data, e1)
			}
		}
	}
	v2 := newV()
	if err := rtDecode(e1, v2); err != nil {
		return fmt.Errorf("the encoding of a decoded value does not decode: %v\ninput:   %s\nencoded: %s", err, data, e1)
	}
	if path := rtEqual(reflect.ValueOf(v1), reflect.ValueOf(v2), "$"); path != "" {
		return fmt.Errorf("the second decode differs from the first at %s\ninput:   %s\nencoded: %s", path, data, e1)
	}
	e2, err := json.Marshal(v2)
	if err != nil {
		return fmt.Errorf("a re-decoded value does not encode: %v\ninput:   %s\nencoded: %s", err, data, e1)
	}
	if d := rtDiff(e1, e2); d != "" {
		return fmt.Errorf("encode(decode(x)) and its re-encoding differ: %s\ninput:   %s\nfirst:   %s\nsecond:  %s", d, data, e1, e2)
	}
	return nil
}

// rtKeepsUnknown reports whether a value of type t keeps the members its schema does not declare, so that its
// re-encoding loses none: a generated struct with the runtime's opgKeeper field (a response type; request-only types
// have none), or a union, slice, map or pointer of such.
func rtKeepsUnknown(t reflect.Type, depth int) bool {
	for depth < 32 && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map) {
		t, depth = t.Elem(), depth+1
	}
	if t.Kind() != reflect.Struct || depth >= 32 {
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.Type.Name() == "opgKeeper" {
			return true
		}
	}
	variants := 0
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if _, tagged := f.Tag.Lookup("json"); tagged || !f.IsExported() {
			return false
		}
		// A union: every object variant must keep.
		if e := f.Type; e.Kind() == reflect.Pointer && e.Elem().Kind() == reflect.Struct && e.Elem().PkgPath() == t.PkgPath() {
			if !rtKeepsUnknown(e.Elem(), depth+1) {
				return false
			}
			variants++
		}
	}
	return variants > 0
}

// rtUnknownMember is the member rtWithUnknown adds: a name no spec declares, and a value that a lossy codec would
// change (an integer beyond 2^53, a decimal with a trailing zero, HTML characters, a null).
const rtUnknownMember = "zz_opgen_unknown"

var rtUnknownValue = json.RawMessage(`{"n":123456789012345678901234567890,"d":1.50,"s":"<&>","a":[null,{}]}`)

// rtUnknownFor returns the first of the values rtWithUnknown may add that a value of type t holds exactly: it
// decodes into t and re-encodes to the same JSON. It is nil when none does (a struct with required members, a
// date): such a map gets no member added.
func rtUnknownFor(t reflect.Type) json.RawMessage {
	for _, c := range []json.RawMessage{rtUnknownValue, json.RawMessage(`"<&>"`), json.RawMessage(`1.50`),
		json.RawMessage(`9007199254740993`), json.RawMessage(`true`), json.RawMessage(`{}`)} {
		v := reflect.New(t)
		if rtDecode(c, v.Interface()) != nil {
			continue
		}
		if out, err := json.Marshal(v.Elem().Interface()); err == nil && rtDiff(c, out) == "" {
			return c
		}
	}
	return nil
}

// rtWithUnknown returns data with rtUnknownMember added to every object that decodes into a generated struct
// keeping undeclared members (rtKeepsUnknown), at every depth; false when there is none. Unions are not entered:
// which variant an object is depends on its members. In a struct with additionalProperties an undeclared member is
// an entry of its typed map: the member added there is a value of the map's type (rtUnknownFor), or none.
func rtWithUnknown(data []byte, newV func() any) ([]byte, bool) {
	var doc any
	if rtDecode(data, &doc) != nil {
		return nil, false
	}
	added := false
	var walk func(v any, t reflect.Type, depth int) any
	walk = func(v any, t reflect.Type, depth int) any {
		if depth > 64 || v == nil {
			return v
		}
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Slice, reflect.Array:
			if a, ok := v.([]any); ok && t.Elem().Kind() != reflect.Uint8 {
				for i := range a {
					a[i] = walk(a[i], t.Elem(), depth+1)
				}
			}
			return v
		case reflect.Map:
			if m, ok := v.(map[string]any); ok {
				for k := range m {
					m[k] = walk(m[k], t.Elem(), depth+1)
				}
			}
			return v
		case reflect.Struct:
		default:
			return v
		}
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		keeps := false
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.Type.Name() == "opgKeeper" {
				keeps = true
			}
		}
		if !keeps {
			return v
		}
		var extra reflect.Type // the value type of the typed map holding the undeclared members (additionalProperties)
		declared := map[string]bool{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.IsExported() && name == "-" && f.Type.Kind() == reflect.Map && f.Type.Key().Kind() == reflect.String {
				extra = f.Type.Elem()
			}
			if !f.IsExported() || name == "" || name == "-" {
				continue
			}
			declared[strings.ToLower(name)] = true
			mv, present := m[name]
			if !present {
				continue
			}
			ft := f.Type
			// Opt holds its value in Value, Nullable in value: the member is of that type.
			if ft.Kind() == reflect.Struct && ft.NumField() > 0 && (ft.Field(0).Name == "Value" || ft.Field(0).Name == "value") &&
				ft.PkgPath() == t.PkgPath() && strings.Contains(ft.Name(), "[") {
				ft = ft.Field(0).Type
			}
			m[name] = walk(mv, ft, depth+1)
		}
		unknown := rtUnknownValue
		if extra != nil {
			// An undeclared member is an entry of the typed map, not an unknown member: it is walked as the map's
			// value type, and the one added must be a value of that type.
			for k, mv := range m {
				if !declared[strings.ToLower(k)] {
					m[k] = walk(mv, extra, depth+1)
				}
			}
			unknown = rtUnknownFor(extra)
		}
		if _, taken := m[rtUnknownMember]; !taken && unknown != nil {
			m[rtUnknownMember] = unknown
			added = true
		}
		return m
	}
	doc = walk(doc, reflect.TypeOf(newV()), 0)
	if !added {
		return nil, false
	}
	out, err := json.Marshal(doc)
	return out, err == nil
}

// rtDifference is one difference between two JSON documents: the JSON pointer, the kind ("lost": a member the
// first has and the second lacks; "added"; "changed") and a description.
type rtDifference struct {
	Ptr  string `json:"ptr"`
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// rtDiff compares two JSON documents semantically: object member order and whitespace do not matter, numbers are
// compared as exact decimal values (1.50 equals 1.5, 2^53+1 does not equal 2^53), and two strings that are the same
// RFC 3339 instant are equal. It returns up to five differences, each with its JSON pointer ("" when equal).
func rtDiff(a, b []byte) string {
	diffs := rtDiffs(a, b)
	var out []string
	for i, d := range diffs {
		if i == 5 {
			out = append(out, fmt.Sprintf("... (%d more)", len(diffs)-5))
			break
		}
		out = append(out, d.Text)
	}
	return strings.Join(out, "; ")
}

// rtDiffs is rtDiff's list: at most 21 differences.
func rtDiffs(a, b []byte) []rtDifference {
	var va, vb any
	if err := rtDecode(a, &va); err != nil {
		return []rtDifference{{"", "changed", "the first document is not JSON: " + err.Error()}}
	}
	if err := rtDecode(b, &vb); err != nil {
		return []rtDifference{{"", "changed", "the second document is not JSON: " + err.Error()}}
	}
	var diffs []rtDifference
	rtCompareJSON(va, vb, "", &diffs)
	return diffs
}

func rtCompareJSON(a, b any, ptr string, diffs *[]rtDifference) {
	if len(*diffs) > 20 {
		return
	}
	at := ptr
	if at == "" {
		at = "/"
	}
	changed := func(format string, args ...any) {
		*diffs = append(*diffs, rtDifference{ptr, "changed", at + ": " + fmt.Sprintf(format, args...)})
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			changed("object became %s", rtShort(b))
			return
		}
		keys := make([]string, 0, len(x)+len(y))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := ptr + "/" + strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
			xv, inX := x[k]
			yv, inY := y[k]
			if !inY {
				// encoding/json matches a member to a declared property ignoring case: re-encoded under the
				// declared spelling, it is the same member.
				for yk, v := range y {
					if _, both := x[yk]; !both && strings.EqualFold(yk, k) {
						yv, inY = v, true
						break
					}
				}
			}
			switch {
			case !inY:
				*diffs = append(*diffs, rtDifference{p, "lost", fmt.Sprintf("%s: lost (was %s)", p, rtShort(xv))})
			case !inX:
				*diffs = append(*diffs, rtDifference{p, "added", fmt.Sprintf("%s: added (%s)", p, rtShort(yv))})
			default:
				rtCompareJSON(xv, yv, p, diffs)
			}
		}
	case []any:
		y, ok := b.([]any)
		if !ok {
			changed("array became %s", rtShort(b))
			return
		}
		if len(x) != len(y) {
			changed("%d elements became %d", len(x), len(y))
		}
		for i := 0; i < len(x) && i < len(y); i++ {
			rtCompareJSON(x[i], y[i], ptr+"/"+strconv.Itoa(i), diffs)
		}
	case json.Number:
		y, ok := b.(json.Number)
		if !ok || !rtSameNumber(string(x), string(y)) {
			changed("%s became %s", x, rtShort(b))
		}
	case string:
		y, ok := b.(string)
		if !ok || !rtSameString(x, y) {
			changed("%s became %s", rtShort(a), rtShort(b))
		}
	default: // bool, nil
		if a != b {
			changed("%s became %s", rtShort(a), rtShort(b))
		}
	}
}

// rtSameNumber compares two JSON numbers exactly. Numbers with huge exponents, which big.Rat would expand, are
// compared by their text.
func rtSameNumber(a, b string) bool {
	if a == b {
		return true
	}
	if rtHugeExponent(a) || rtHugeExponent(b) {
		return strings.EqualFold(a, b)
	}
	x, okx := new(big.Rat).SetString(a)
	y, oky := new(big.Rat).SetString(b)
	return okx && oky && x.Cmp(y) == 0
}

func rtHugeExponent(s string) bool {
	i := strings.IndexAny(s, "eE")
	if i < 0 {
		return false
	}
	e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
	return err != nil || e > 4000 || e < -4000
}

// rtSameString: equal text, or the same instant written two ways (2020-01-01T00:00:00.000Z and
// 2020-01-01T00:00:00Z; +00:00 and Z): time.Time re-encodes a date-time in its own form.
func rtSameString(a, b string) bool {
	if a == b {
		return true
	}
	ta, errA := time.Parse(time.RFC3339Nano, a)
	tb, errB := time.Parse(time.RFC3339Nano, b)
	return errA == nil && errB == nil && ta.Equal(tb)
}

func rtShort(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 80 {
		b = append(b[:77:77], "..."...)
	}
	return string(b)
}

var (
	rtTimeType = reflect.TypeOf(time.Time{})
	rtRawType  = reflect.TypeOf(json.RawMessage{})
)

// rtEqual compares two decoded values field by field, unexported state included (Opt's and Nullable's set
// flags), and returns the Go path of the first difference ("" when equal). Times are compared as instants and raw
// JSON semantically (encoding compacts it).
func rtEqual(a, b reflect.Value, path string) string {
	if a.IsValid() != b.IsValid() {
		return path
	}
	if !a.IsValid() {
		return ""
	}
	if a.Type() != b.Type() {
		return path + " (type)"
	}
	switch a.Type() {
	case rtTimeType:
		if a.CanInterface() {
			if !a.Interface().(time.Time).Equal(b.Interface().(time.Time)) {
				return path
			}
			return ""
		}
		// Unexported (inside Nullable): compared field by field below, which a parsed time passes when it is
		// the same instant in the same zone.
	case rtRawType:
		if a.IsNil() != b.IsNil() || rtDiff(a.Bytes(), b.Bytes()) != "" && !(a.Len() == 0 && b.Len() == 0) {
			return path
		}
		return ""
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path
			}
			return ""
		}
		return rtEqual(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			f := a.Type().Field(i)
			if p := rtEqual(a.Field(i), b.Field(i), path+"."+f.Name); p != "" {
				return p
			}
		}
	case reflect.Slice, reflect.Array:
		if a.Kind() == reflect.Slice && a.IsNil() != b.IsNil() {
			return path + " (nil)"
		}
		if a.Len() != b.Len() {
			return path + " (length)"
		}
		for i := 0; i < a.Len(); i++ {
			if p := rtEqual(a.Index(i), b.Index(i), path+"["+strconv.Itoa(i)+"]"); p != "" {
				return p
			}
		}
	case reflect.Map:
		if a.IsNil() != b.IsNil() {
			return path + " (nil)"
		}
		if a.Len() != b.Len() {
			return path + " (length)"
		}
		iter := a.MapRange()
		for iter.Next() {
			bv := b.MapIndex(iter.Key())
			if !bv.IsValid() {
				return fmt.Sprintf("%s[%v] (missing)", path, iter.Key())
			}
			if p := rtEqual(iter.Value(), bv, fmt.Sprintf("%s[%v]", path, iter.Key())); p != "" {
				return p
			}
		}
	case reflect.String:
		if a.String() != b.String() {
			return path
		}
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			return path
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if a.Int() != b.Int() {
			return path
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if a.Uint() != b.Uint() {
			return path
		}
	case reflect.Float32, reflect.Float64:
		if a.Float() != b.Float() {
			return path
		}
	case reflect.Func, reflect.Chan, reflect.UnsafePointer, reflect.Complex64, reflect.Complex128:
		// Not data a JSON decoder fills.
	}
	return ""
}

// rtMissingRequired reports whether the decoded JSON document v lacks a member the Go type t requires at any
// depth: a field of a struct with JSON tags whose tag has neither omitempty nor omitzero (opgen's required
// members). Unions and types that decode themselves from other shapes (Date, Decimal, times) are not looked into.
func rtMissingRequired(v any, t reflect.Type, depth int) bool {
	if depth > 64 || v == nil {
		return false
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice:
		if a, ok := v.([]any); ok {
			for _, e := range a {
				if rtMissingRequired(e, t.Elem(), depth+1) {
					return true
				}
			}
		}
		return false
	case reflect.Map:
		if m, ok := v.(map[string]any); ok {
			for _, e := range m {
				if rtMissingRequired(e, t.Elem(), depth+1) {
					return true
				}
			}
		}
		return false
	case reflect.Struct:
	default:
		return false
	}
	name := t.Name()
	switch {
	case strings.HasPrefix(name, "Nullable["):
		if f, ok := t.FieldByName("value"); ok {
			return rtMissingRequired(v, f.Type, depth+1)
		}
		return false
	case strings.HasPrefix(name, "Opt["):
		if f, ok := t.FieldByName("Value"); ok {
			return rtMissingRequired(v, f.Type, depth+1)
		}
		return false
	}
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		jn, opts, _ := strings.Cut(tag, ",")
		if tag == "" && f.Anonymous && f.Type.Kind() == reflect.Struct {
			// An embedded struct's members are the object's own.
			if rtMissingRequired(v, f.Type, depth+1) {
				return true
			}
			continue
		}
		if !f.IsExported() || tag == "" || jn == "-" {
			continue
		}
		e, present := m[jn]
		required := !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero")
		if required && (!present || e == nil && !rtTakesNull(f.Type)) {
			return true // absent, or null where null decodes as absent
		}
		if rtMissingRequired(e, f.Type, depth+1) {
			return true
		}
	}
	return false
}

// rtTakesNull: null is a value of t (not the same as absent).
func rtTakesNull(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	}
	return strings.HasPrefix(t.Name(), "Nullable[")
}

// rtMutate turns a valid JSON document into another valid JSON document, driven by script: each two bytes pick a
// node and an edit (null, delete, another number or string, a flipped boolean, a copy of another node, an
// unknown member, an empty container). The edits keep the document JSON, so that most results still decode into
// the type the document was written for and the fuzzer spends its time past the decoder's first check. A doc
// that is not JSON is returned as it is.
func rtMutate(doc, script []byte) []byte {
	var root any
	if rtDecode(doc, &root) != nil {
		return doc
	}
	for len(script) >= 2 {
		op, pick := script[0], int(script[1])
		script = script[2:]
		nodes := rtNodes(&root)
		n := nodes[pick%len(nodes)]
		switch op % 9 {
		case 0:
			n.set(nil)
		case 1:
			n.remove()
		case 2:
			n.set(rtNumbers[int(op/9)%len(rtNumbers)])
		case 3:
			s := rtStrings[int(op/9)%len(rtStrings)]
			if s == "" && len(script) > 0 {
				k := min(int(script[0]), len(script)-1)
				s = strings.ToValidUTF8(string(script[1:1+k]), "?")
				script = script[1+k:]
			}
			n.set(s)
		case 4:
			b, _ := n.get().(bool)
			n.set(!b)
		case 5:
			n.set(rtCopy(nodes[int(op/9)%len(nodes)].get()))
		case 6:
			if m, ok := n.get().(map[string]any); ok {
				m["zz_opgen_fuzz"] = rtCopy(nodes[int(op/9)%len(nodes)].get())
			} else if s, ok := n.get().([]any); ok && len(s) > 0 {
				n.set(append(s, rtCopy(s[int(op/9)%len(s)])))
			}
		case 7:
			if op%2 == 0 {
				n.set(map[string]any{})
			} else {
				n.set([]any{})
			}
		case 8:
			if s, ok := n.get().(string); ok && s != "" {
				// A one-character edit: formats (dates, decimals in strings, enums) meet near misses.
				r, size := utf8.DecodeRuneInString(s)
				n.set(string(rune(int(r)+int(op/9)%3-1)) + s[size:])
			}
		}
	}
	out, err := json.Marshal(root)
	if err != nil {
		return doc
	}
	return out
}

var (
	rtNumbers = []any{json.Number("0"), json.Number("-1"), json.Number("1.5"), json.Number("9007199254740993"),
		json.Number("1e400"), json.Number("-0"), json.Number("123456789012345678901234567890"), json.Number("1E-7"),
		json.Number("100.00"), json.Number("2147483648"), json.Number("-9223372036854775809")}
	rtStrings = []any{"", "x", "ñandú <&> \u2028 \\ \"", "2024-02-29T23:59:60.123456789+05:30", "2024-02-29",
		"100.00", "-0.000000000000000000001", "null", "{}", ""}
)

// rtNode is one place in a decoded JSON document.
type rtNode struct {
	get    func() any
	set    func(any)
	remove func()
}

func rtNodes(root *any) []rtNode {
	var out []rtNode
	var walk func(get func() any, set func(any), remove func())
	walk = func(get func() any, set func(any), remove func()) {
		out = append(out, rtNode{get: get, set: set, remove: remove})
		switch v := get().(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(func() any { return v[k] }, func(x any) { v[k] = x }, func() { delete(v, k) })
			}
		case []any:
			for i := range v {
				walk(func() any { return v[i] }, func(x any) { v[i] = x }, func() {
					set(append(v[:i:i], v[i+1:]...))
				})
			}
		}
	}
	walk(func() any { return *root }, func(x any) { *root = x }, func() { *root = nil })
	return out
}

func rtCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = rtCopy(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = rtCopy(e)
		}
		return s
	}
	return v
}

// rtScript hands out the fuzzer's bytes one at a time; once they run out, every choice is 0.
type rtScript struct {
	b     []byte
	nodes int // values generated so far: a recursive type's document stays small
}

func (s *rtScript) next() int {
	if len(s.b) == 0 {
		return 0
	}
	c := s.b[0]
	s.b = s.b[1:]
	return int(c)
}

var (
	rtUnmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
	rtRawValues   = []string{`{"a":1,"b":[null,"x"]}`, `[1,"two",{"3":true}]`, `9007199254740993`, `1e400`, `"s"`, `null`, `true`, `-0.5`}
)

// rtGen writes a JSON document of the shape Go type t decodes, choosing with s: which optional members are
// present, null or a value for Nullable, which variant of a union (through the union's own encoder, which fills
// its discriminator in), which value of an enum (its Values method) or another string, and edge-case numbers,
// strings and times. It knows the generated packages' conventions (Opt, Nullable, Decimal, Date, unions,
// enums), found by reflection, so that it serves every generated type without a schema.
func rtGen(t reflect.Type, s *rtScript) json.RawMessage {
	b, err := json.Marshal(rtGenValue(t, s, 0))
	if err != nil {
		return json.RawMessage("null")
	}
	return b
}

func rtGenValue(t reflect.Type, s *rtScript, depth int) any {
	s.nodes++
	if depth > 6 || s.nodes > 200 {
		return nil
	}
	switch {
	case t == rtTimeType:
		if c := s.next(); c%2 == 0 {
			return []string{"2024-02-29T10:11:12Z", "2024-02-29T10:11:12.123456789+05:30", "1970-01-01T00:00:00Z", "2024-02-29T10:11:12.100-03:00"}[c/2%4]
		}
		// Built from the bytes: any instant from year 1 to 9999, any offset a zone has.
		return time.Date(1+s.next()*39, time.Month(1+s.next()%12), 1+s.next()%31, s.next()%24, s.next()%60, s.next()%60,
			s.next()*3906250, time.FixedZone("", (s.next()%57-28)*1800)).Format(time.RFC3339Nano)
	case t == rtRawType || t.Kind() == reflect.Interface:
		return json.RawMessage(rtRawValues[s.next()%len(rtRawValues)])
	}
	name := t.Name()
	if t.Kind() == reflect.Struct {
		switch {
		case strings.HasPrefix(name, "Nullable["):
			if s.next()%4 == 0 {
				return nil
			}
			if f, ok := t.FieldByName("value"); ok {
				return rtGenValue(f.Type, s, depth+1)
			}
		case strings.HasPrefix(name, "Opt["):
			if f, ok := t.FieldByName("Value"); ok {
				return rtGenValue(f.Type, s, depth+1)
			}
		case name == "Decimal":
			if c := s.next(); c%2 == 0 {
				return json.Number([]string{"100.00", "0", "-12.5", "123456789012345678901234567890.123456789", "1E+3", "0.000001"}[c/2%6])
			}
			return json.Number(rtDigits(s, true))
		case name == "Date":
			return fmt.Sprintf("%04d-%02d-%02d", 1+s.next()*39%9999, 1+s.next()%12, 1+s.next()%28)
		}
	}
	if enum := rtEnumValues(t); len(enum) > 0 {
		c := s.next()
		if c%8 == 7 {
			return "not_in_the_spec"
		}
		return enum[c%len(enum)]
	}
	switch t.Kind() {
	case reflect.Pointer:
		return rtGenValue(t.Elem(), s, depth+1)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return []byte{byte(s.next()), 0, 255}
		}
		n := s.next() % 3
		out := make([]any, n)
		for i := range out {
			out[i] = rtGenValue(t.Elem(), s, depth+1)
		}
		return out
	case reflect.Map:
		n := s.next() % 3
		out := make(map[string]any, n)
		for i := 0; i < n; i++ {
			out[[]string{"k", "ключ", "a/b~c", ""}[(i+s.next())%4]] = rtGenValue(t.Elem(), s, depth+1)
		}
		return out
	case reflect.Struct:
		if reflect.PointerTo(t).Implements(rtUnmarshaler) && rtIsUnion(t) {
			return rtGenUnion(t, s, depth)
		}
		out := map[string]any{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			jn, _, _ := strings.Cut(tag, ",")
			if !f.IsExported() || jn == "-" {
				continue
			}
			if tag == "" && f.Anonymous && f.Type.Kind() == reflect.Struct {
				// An embedded struct's members are the object's own (encoding/json flattens it).
				if inner, ok := rtGenValue(f.Type, s, depth+1).(map[string]any); ok {
					for k, v := range inner {
						if _, dup := out[k]; !dup && k != "zz_unknown" {
							out[k] = v
						}
					}
				}
				continue
			}
			if jn == "" {
				jn = f.Name
			}
			if _, opts, _ := strings.Cut(tag, ","); (strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")) && s.next()%4 == 3 {
				continue // an optional member, absent
			}
			out[jn] = rtGenValue(f.Type, s, depth+1)
		}
		if s.next()%5 == 4 {
			out["zz_unknown"] = json.RawMessage(rtRawValues[s.next()%len(rtRawValues)])
		}
		return out
	case reflect.String:
		c := s.next()
		if c%5 == 4 {
			n := s.next() % 12
			b := make([]byte, 0, n)
			for i := 0; i < n; i++ {
				b = append(b, byte(s.next()))
			}
			return strings.ToValidUTF8(string(b), "\uFFFD")
		}
		return []string{"x", "", "ñandú <&> \u2028", "2024-02-29T10:11:12Z"}[c%4]
	case reflect.Bool:
		return s.next()%2 == 1
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if c := s.next(); c%2 == 0 {
			return json.Number([]string{"0", "1", "-5", "2147483647", "9223372036854775807", "-9223372036854775808"}[c/2%6])
		}
		return json.Number(rtDigits(s, false))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return json.Number([]string{"0", "1", "255", "4294967295"}[s.next()%4])
	case reflect.Float32, reflect.Float64:
		if c := s.next(); c%2 == 0 {
			return json.Number([]string{"0", "1.5", "-0.25", "1e300", "9007199254740993", "3.4028235e38"}[c/2%6])
		}
		return json.Number(rtDigits(s, true))
	}
	return nil
}

// rtDigits builds a JSON number from the script's bytes: a sign, up to 8 digits (from a small integer up to
// 10^8), and, when frac, a fraction whose trailing zeros are kept.
func rtDigits(s *rtScript, frac bool) string {
	var b strings.Builder
	c := s.next()
	if c%3 == 0 {
		b.WriteByte('-')
	}
	b.WriteString(strconv.Itoa(s.next() * (1 + s.next()*s.next())))
	if frac && c%2 == 1 {
		b.WriteByte('.')
		for n := 1 + s.next()%4; n > 0; n-- {
			b.WriteByte(byte('0' + s.next()%10))
		}
	}
	return b.String()
}

// rtEnumValues lists an enum's values through its Values method (generated for every enum), as JSON values.
func rtEnumValues(t reflect.Type) []any {
	m, ok := t.MethodByName("Values")
	if !ok || m.Type.NumIn() != 1 || m.Type.NumOut() != 1 || m.Type.Out(0).Kind() != reflect.Slice {
		return nil
	}
	vs := m.Func.Call([]reflect.Value{reflect.Zero(t)})[0]
	out := make([]any, 0, vs.Len())
	for i := 0; i < vs.Len(); i++ {
		b, err := json.Marshal(vs.Index(i).Interface())
		if err == nil {
			out = append(out, json.RawMessage(b))
		}
	}
	return out
}

// rtIsUnion: a generated union is a struct with its own decoder whose exported fields carry no JSON tags (one
// pointer, slice or map per variant, and maybe the raw Unknown).
func rtIsUnion(t reflect.Type) bool {
	n := 0
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Tag.Get("json") != "" {
			return false
		}
		n++
	}
	return n > 0
}

// rtGenUnion fills one variant of a union with a generated value and lets the union encode itself, so that the
// discriminator is what the union writes.
func rtGenUnion(t reflect.Type, s *rtScript, depth int) any {
	var fields []reflect.StructField
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() && f.Type != rtRawType {
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		return nil
	}
	// The variant the script picks; when the union refuses to encode it (a discriminator property the
	// generated value got wrong), the next one: the document must be one the spec allows.
	start := s.next()
	for k := range fields {
		f := fields[(start+k)%len(fields)]
		vt := f.Type
		if vt.Kind() == reflect.Pointer {
			vt = vt.Elem()
		}
		raw, err := json.Marshal(rtGenValue(vt, s, depth+1))
		if err != nil {
			continue
		}
		u := reflect.New(t)
		v := reflect.New(vt)
		if json.Unmarshal(raw, v.Interface()) != nil {
			continue
		}
		if f.Type.Kind() == reflect.Pointer {
			u.Elem().FieldByIndex(f.Index).Set(v)
		} else {
			u.Elem().FieldByIndex(f.Index).Set(v.Elem())
		}
		if b, err := json.Marshal(u.Interface()); err == nil {
			return json.RawMessage(b)
		}
		// Refused: a string member holds a discriminator value of another variant. Left empty, the union
		// fills its own in.
		if sv := v.Elem(); sv.Kind() == reflect.Struct {
			for i := 0; i < sv.NumField(); i++ {
				if fv := sv.Field(i); fv.Kind() == reflect.String && fv.CanSet() && fv.String() != "" {
					old := fv.String()
					fv.SetString("")
					if b, err := json.Marshal(u.Interface()); err == nil {
						return json.RawMessage(b)
					}
					fv.SetString(old)
				}
			}
		}
	}
	return nil
}
