package rtcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
)

// The differential check of the generated JSON codecs (issue 19): the same input decoded by a type of a package
// generated with its codecs (json_codecs: true, the default) and by the same type of the package generated again
// with json_codecs: false, whose types decode through encoding/json's reflection: the oracle. Every difference
// is a bug of the generated codecs, which must be encoding/json member for member.

// rtCodecPair is one type of a generated package (newV) and the same type generated without codecs (newO).
type rtCodecPair struct {
	name       string
	newV, newO func() any
}

// rtCodecSame decodes in (and, into the value prev decoded into, in again: encoding/json merges into what a
// value holds) with both types of p, and fails on the first difference: the class of the error (none, a type
// mismatch, a syntax error, another), the decoded value (every field, unexported state and kept unknown members
// included), UnknownFields, and the encoding of the decoded value, byte for byte.
func rtCodecSame(p rtCodecPair, prev, in []byte) error {
	if err := rtCodecSameInto(p, nil, in); err != nil {
		return err
	}
	if prev != nil {
		if err := rtCodecSameInto(p, prev, in); err != nil {
			return fmt.Errorf("decoding into a value that holds %s: %w", prev, err)
		}
	}
	return nil
}

func rtCodecSameInto(p rtCodecPair, prev, in []byte) error {
	v, o := p.newV(), p.newO()
	if prev != nil {
		ev, eo := json.Unmarshal(prev, v), json.Unmarshal(prev, o)
		if rtErrClass(ev) != rtErrClass(eo) {
			return fmt.Errorf("%s: error %q (%s), encoding/json %q (%s)\ninput: %s", p.name, ev, rtErrClass(ev), eo, rtErrClass(eo), prev)
		}
		if ev != nil {
			// What the values hold after an error is not all compared: nothing to decode into.
			return nil
		}
	}
	ev, eo := json.Unmarshal(in, v), json.Unmarshal(in, o)
	if cv, co := rtErrClass(ev), rtErrClass(eo); cv != co {
		return fmt.Errorf("%s: error %v (%s), encoding/json %v (%s)\ninput: %s", p.name, ev, cv, eo, co, in)
	}
	c := rtErrClass(ev)
	if c != "none" && c != "type" {
		// encoding/json stops at such an error: what the value holds by then is not a contract.
		return nil
	}
	// After a type mismatch the declared fields must still be encoding/json's (it decodes past the ones it finds
	// itself, and stops at one an UnmarshalJSON returns); what the object kept beyond them is not a contract.
	if path := rtEqualAcross(reflect.ValueOf(v), reflect.ValueOf(o), "$", 0, c == "type"); path != "" {
		return fmt.Errorf("%s: the decoded value differs from encoding/json's at %s\ninput: %s", p.name, path, in)
	}
	if c == "type" {
		return nil
	}
	if uv, uo, ok := rtUnknownFields(v, o); ok && !reflect.DeepEqual(uv, uo) {
		return fmt.Errorf("%s: UnknownFields %s, encoding/json %s\ninput: %s", p.name, rtShowRaw(uv), rtShowRaw(uo), in)
	}
	bv, errV := json.Marshal(v)
	bo, errO := json.Marshal(o)
	if (errV == nil) != (errO == nil) {
		return fmt.Errorf("%s: encoding error %v, encoding/json %v\ninput: %s", p.name, errV, errO, in)
	}
	if !bytes.Equal(bv, bo) {
		return fmt.Errorf("%s: encodes as %s, encoding/json as %s\ninput: %s", p.name, bv, bo, in)
	}
	return nil
}

// rtErrClass is the class of a decode error, the part of it the generated codecs must match.
func rtErrClass(err error) string {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case err == nil:
		return "none"
	case errors.As(err, &te):
		return "type"
	case errors.As(err, &se):
		return "syntax"
	}
	return "other"
}

// rtUnknownFields calls UnknownFields on both values when their types have it.
func rtUnknownFields(v, o any) (map[string]json.RawMessage, map[string]json.RawMessage, bool) {
	mv := reflect.ValueOf(v).MethodByName("UnknownFields")
	mo := reflect.ValueOf(o).MethodByName("UnknownFields")
	if !mv.IsValid() || !mo.IsValid() || mv.Type().NumIn() != 0 || mv.Type().NumOut() != 1 {
		return nil, nil, false
	}
	uv, _ := mv.Call(nil)[0].Interface().(map[string]json.RawMessage)
	uo, _ := mo.Call(nil)[0].Interface().(map[string]json.RawMessage)
	return uv, uo, true
}

func rtShowRaw(m map[string]json.RawMessage) string {
	if m == nil {
		return "nil"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	for _, k := range keys {
		fmt.Fprintf(&b, "%q:%s ", k, m[k])
	}
	return b.String()
}

// rtEqualAcross compares two values of types declared alike in two packages (the same generated type with and
// without codecs): the same kinds and field names, every field compared, unexported ones included, and
// returns the Go path of the first difference ("" when equal). Values of one type are compared exactly as
// rtEqual does, except that raw JSON must be byte for byte the same.
func rtEqualAcross(a, b reflect.Value, path string, depth int, skipKept bool) string {
	if a.IsValid() != b.IsValid() {
		return path + " (one is missing)"
	}
	if !a.IsValid() || depth > 64 {
		return ""
	}
	if a.Type() == b.Type() {
		if a.Type() == rtRawType {
			if a.IsNil() != b.IsNil() || !bytes.Equal(a.Bytes(), b.Bytes()) {
				return path
			}
			return ""
		}
		if a.Kind() != reflect.Struct && a.Kind() != reflect.Pointer && a.Kind() != reflect.Interface &&
			a.Kind() != reflect.Slice && a.Kind() != reflect.Map {
			return rtEqual(a, b, path)
		}
	}
	if a.Kind() != b.Kind() {
		return fmt.Sprintf("%s (type %v, encoding/json's %v)", path, a.Type(), b.Type())
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s (nil: %v, encoding/json's: %v)", path, a.IsNil(), b.IsNil())
			}
			return ""
		}
		return rtEqualAcross(a.Elem(), b.Elem(), path, depth+1, skipKept)
	case reflect.Struct:
		if a.NumField() != b.NumField() {
			return path + " (fields)"
		}
		if a.Type() == rtTimeType {
			return rtEqual(a, b, path)
		}
		for i := 0; i < a.NumField(); i++ {
			f := a.Type().Field(i)
			if f.Name != b.Type().Field(i).Name {
				return path + "." + f.Name + " (field name)"
			}
			if skipKept && f.Type.Name() == "opgKeeper" {
				continue
			}
			if p := rtEqualAcross(a.Field(i), b.Field(i), path+"."+f.Name, depth+1, skipKept); p != "" {
				return p
			}
		}
	case reflect.Slice, reflect.Array:
		if a.Kind() == reflect.Slice && a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s (nil: %v, encoding/json's: %v)", path, a.IsNil(), b.IsNil())
		}
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s (length %d, encoding/json's %d)", path, a.Len(), b.Len())
		}
		if a.Type().Elem().Kind() == reflect.Uint8 {
			// Kept raw JSON ([]byte of the runtime's keeper): byte for byte.
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				return fmt.Sprintf("%s (%q, encoding/json's %q)", path, a.Bytes(), b.Bytes())
			}
			return ""
		}
		for i := 0; i < a.Len(); i++ {
			if p := rtEqualAcross(a.Index(i), b.Index(i), path+"["+strconv.Itoa(i)+"]", depth+1, skipKept); p != "" {
				return p
			}
		}
	case reflect.Map:
		if a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s (nil: %v, encoding/json's: %v)", path, a.IsNil(), b.IsNil())
		}
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s (length %d, encoding/json's %d)", path, a.Len(), b.Len())
		}
		if a.Type().Key().Kind() != reflect.String {
			return ""
		}
		iter := a.MapRange()
		for iter.Next() {
			k := reflect.New(b.Type().Key()).Elem()
			k.SetString(iter.Key().String())
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				return fmt.Sprintf("%s[%q] (missing in encoding/json's)", path, iter.Key().String())
			}
			if p := rtEqualAcross(iter.Value(), bv, fmt.Sprintf("%s[%q]", path, iter.Key().String()), depth+1, skipKept); p != "" {
				return p
			}
		}
	default:
		return rtEqualScalar(a, b, path)
	}
	return ""
}

// rtEqualScalar compares two scalars of types declared alike in two packages.
func rtEqualScalar(a, b reflect.Value, path string) string {
	differ := false
	switch a.Kind() {
	case reflect.String:
		differ = a.String() != b.String()
	case reflect.Bool:
		differ = a.Bool() != b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		differ = a.Int() != b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		differ = a.Uint() != b.Uint()
	case reflect.Float32, reflect.Float64:
		differ = a.Float() != b.Float()
	}
	if differ {
		return fmt.Sprintf("%s (%v, encoding/json's %v)", path, rtScalar(a), rtScalar(b))
	}
	return ""
}

func rtScalar(v reflect.Value) any {
	switch v.Kind() {
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint()
	case reflect.Float32, reflect.Float64:
		return v.Float()
	}
	return v.Kind()
}

// rtCodecFuzz is one input of a codec fuzz target: the type pairs[typ], and a document made for it as rtFuzz
// makes one (doc edited by script when doc is JSON, else generated from the type by script). The unedited doc,
// when JSON, is also decoded first into the value the input then decodes into. Bytes that are not JSON are
// decoded as they are too: both must refuse them alike.
func rtCodecFuzz(t interface{ Fatalf(string, ...any) }, pairs []rtCodecPair, typ uint16, doc, script []byte) {
	p := pairs[int(typ)%len(pairs)]
	var in, prev []byte
	if json.Valid(doc) {
		in, prev = rtMutate(doc, script), doc
	} else {
		if err := rtCodecSame(p, nil, doc); err != nil {
			t.Fatalf("%v", err)
		}
		s := &rtScript{b: script}
		in = rtMutate(rtGen(reflect.TypeOf(p.newV()).Elem(), s), s.b)
	}
	if err := rtCodecSame(p, prev, in); err != nil {
		t.Fatalf("%v", err)
	}
	// The generator's document with an unknown member in every object a keeping struct decodes.
	if u, ok := rtWithUnknown(in, p.newV); ok {
		if err := rtCodecSame(p, nil, u); err != nil {
			t.Fatalf("%v", err)
		}
	}
}
