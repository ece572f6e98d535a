package support

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
)

// The generated decoders (issue 19): a struct keeping its extras (opgRest)
// gets an opgDecodeJSON method that walks its JSON object member by member,
// without reflection at the struct level, and hands each member to its
// field's own decoder: a nested generated struct directly, Opt, Nullable,
// unions and times through their UnmarshalJSON, plain scalars through
// opgDecodeField; any other field (a slice of scalars, a map, a free-form
// value) through encoding/json. Undeclared members and nulls are kept in the
// same walk. What encoding/json does is the rule, member by member: keys
// matched exactly then ignoring case, a null leaving a value as it is, the
// first *json.UnmarshalTypeError of a value encoding/json decodes itself
// returned after the whole object, any other error at once, and so any error
// of a field that decodes itself (its UnmarshalJSON, opgOwnErrors).

// How a generated decoder treats a member (opgMemberDecoder's opgDecodeMember).
const (
	opgUndeclared uint8 = iota // not a declared property: kept as an unknown member
	opgDeclared                // a declared property whose field cannot hold a null: a null is kept in opgRest
	opgKeepsOwn                // a declared property whose field keeps a null itself (Opt, Nullable, a struct)

	// opgOwnErrors, added to a kind, says that encoding/json would decode the
	// field through its own UnmarshalJSON, whose error, whatever it is, ends
	// the decoding at once: encoding/json defers only the type mismatches it
	// finds itself.
	opgOwnErrors uint8 = 4
)

// opgMemberDecoder is a generated struct (a pointer to it) whose method
// opgDecodeMember decodes one member into its field and says how it treated
// it. It is a method, not a closure, so that the code generated per field is
// one switch case, printed once.
type opgMemberDecoder interface {
	opgDecodeMember(key, value []byte) (uint8, error)
}

// opgMemberFunc is the member decoder of a struct of type T that needs state
// across the walk (a union tagged by a sibling member, decoded after it).
type opgMemberFunc[T any] func(key, value []byte) (uint8, error)

func (f opgMemberFunc[T]) opgDecodeMember(key, value []byte) (uint8, error) { return f(key, value) }

// opgTypeNamer names the Go type a member decoder that is not a pointer to
// the struct decodes into (opgMemberFunc).
type opgTypeNamer interface{ opgType() reflect.Type }

func (opgMemberFunc[T]) opgType() reflect.Type { return reflect.TypeFor[T]() }

// opgDecodedType is the Go type an opgMemberDecoder decodes into, named in a
// *json.UnmarshalTypeError: the struct its pointer points to, or T of an
// opgMemberFunc.
func opgDecodedType(dec opgMemberDecoder) reflect.Type {
	if t, ok := dec.(opgTypeNamer); ok {
		return t.opgType()
	}
	return reflect.TypeOf(dec).Elem()
}

// opgDecodeMembers decodes the JSON object data (valid JSON) into the
// generated struct dec, member by member, and records in *rest what the
// fields cannot hold. names lists the declared properties in field order,
// separated by NUL, for the case-insensitive match. The fields that decode a
// member themselves and keep its null (Opt, Nullable, json.RawMessage) are
// not switch cases of dec but a table: own holds them in the order of their
// sorted JSON names ownNames, so that what is generated per such field is
// its name and its address. It is not generic: one copy serves every struct
// of the package.
func opgDecodeMembers(data []byte, dec opgMemberDecoder, names string, rest *opgKeeper, ownNames []string, own ...json.Unmarshaler) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return &json.SyntaxError{}
	}
	switch data[0] {
	case 'n':
		// encoding/json leaves a struct as it is on null; the null itself is kept.
		*rest = &opgRest{null: true}
		return nil
	case '{':
	default:
		return &json.UnmarshalTypeError{Value: opgJSONKind(data[0]), Type: opgDecodedType(dec)}
	}
	var r *opgRest
	var unknown *bytes.Buffer
	var typeErr, err error
	opgEachMember(data, func(key, rawKey, value []byte) {
		if err != nil {
			return
		}
		member := func(key []byte) (uint8, error) {
			if i := opgOwnIndex(ownNames, key); i >= 0 {
				return opgKeepsOwn | opgOwnErrors, own[i].UnmarshalJSON(value)
			}
			return dec.opgDecodeMember(key, value)
		}
		kind, e := member(key)
		if kind == opgUndeclared {
			if name, ok := opgFoldName(names, key); ok {
				kind, e = member([]byte(name))
				key = []byte(name)
			}
		}
		itsOwn := kind&opgOwnErrors != 0
		kind &^= opgOwnErrors
		if e != nil {
			if _, ok := e.(*json.UnmarshalTypeError); ok && !itsOwn {
				if typeErr == nil {
					typeErr = e
				}
			} else {
				err = e
				return
			}
		}
		switch {
		case kind == opgUndeclared:
			if unknown == nil {
				unknown = bytes.NewBuffer(make([]byte, 0, len(rawKey)+len(value)+8))
				unknown.WriteByte('{')
			} else {
				unknown.WriteByte(',')
			}
			unknown.Write(rawKey)
			unknown.WriteByte(':')
			if json.Compact(unknown, value) != nil {
				unknown.Write(value)
			}
		case kind == opgDeclared && len(value) == 4 && string(value) == "null":
			if r == nil {
				r = &opgRest{}
			}
			if !slices.Contains(r.nulls, string(key)) {
				r.nulls = append(r.nulls, string(key))
			}
		}
	})
	if err != nil {
		return err
	}
	if unknown != nil {
		if r == nil {
			r = &opgRest{}
		}
		unknown.WriteByte('}')
		r.unknown = unknown.Bytes()
	}
	if r != nil {
		slices.Sort(r.nulls)
	}
	if r != nil {
		*rest = r
	} else {
		*rest = nil
	}
	return typeErr
}

// opgOwnIndex finds key in the sorted names, exactly: its index, or -1. A
// short table is scanned, comparing lengths first (most names differ in
// length from the key, and no string compare is called for them); a long
// one is searched.
func opgOwnIndex(names []string, key []byte) int {
	if len(names) <= 16 {
		for i, n := range names {
			if len(n) == len(key) && n == string(key) {
				return i
			}
		}
		return -1
	}
	lo, hi := 0, len(names)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if names[m] < string(key) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(names) && names[lo] == string(key) {
		return lo
	}
	return -1
}

// opgFoldName finds the declared name (in the NUL-separated names) equal to
// key under Unicode case folding, as encoding/json matches a key that is not
// any name exactly.
func opgFoldName(names string, key []byte) (string, bool) {
	for names != "" {
		n, more, _ := strings.Cut(names, "\x00")
		if bytes.EqualFold([]byte(n), key) {
			return n, true
		}
		names = more
	}
	return "", false
}

// opgJSONKind names the JSON type of a value starting with c, as
// json.UnmarshalTypeError does.
func opgJSONKind(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	}
	return "number"
}

// opgSyntaxError is encoding/json's error for data that is not JSON.
func opgSyntaxError(data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	return &json.SyntaxError{}
}

// opgStructDecoder is a generated struct with its own decoder.
type opgStructDecoder[T any] interface {
	*T
	opgDecodeJSON(data []byte) error
}

// opgDecodeStructPtr decodes a member into a pointer to a generated struct:
// a null sets it to nil, anything else decodes into the struct it points to
// (a new one when nil), as encoding/json does.
func opgDecodeStructPtr[T any, P opgStructDecoder[T]](value []byte, dst **T) error {
	if string(value) == "null" {
		*dst = nil
		return nil
	}
	if *dst == nil {
		*dst = new(T)
	}
	return P(*dst).opgDecodeJSON(value)
}

// opgDecodeStructSlice decodes a member into a slice of generated structs:
// a null sets it to nil; an array is decoded as encoding/json decodes it
// (opgDecodeElements), an element's error being the element's own (kind
// gains opgOwnErrors); anything else is a type mismatch encoding/json finds
// itself.
func opgDecodeStructSlice[T any, P opgStructDecoder[T]](value []byte, dst *[]T, kind uint8) (uint8, error) {
	switch value[0] {
	case 'n':
		*dst = nil
		return kind, nil
	case '[':
	default:
		return kind, &json.UnmarshalTypeError{Value: opgJSONKind(value[0]), Type: reflect.TypeFor[[]T]()}
	}
	return kind | opgOwnErrors, opgDecodeElements[T, P](value, dst)
}

// opgDecodeOther decodes a member into a field the generated decoder hands
// to encoding/json (a slice or map of scalars, a free-form value, a type of
// another package), and adds opgOwnErrors to kind when its error is one an
// UnmarshalJSON or UnmarshalText returned (opgSelfDecodes), which ends
// encoding/json's decoding at once.
func opgDecodeOther[T any](value []byte, dst *T, kind uint8) (uint8, error) {
	err := opgUnmarshal(value, dst)
	if err != nil && opgSelfDecodes(reflect.TypeFor[T](), value, 0) {
		kind |= opgOwnErrors
	}
	return kind, err
}

var (
	opgUnmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	opgTextUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// opgSelfDecodes reports whether encoding/json, decoding the JSON value into
// a t, hands it or a part of it to a method of the type (UnmarshalJSON, or
// UnmarshalText for a string), whose error ends the decoding. A value whose
// kind does not fit t is a type mismatch encoding/json finds itself. Inside a
// slice or map whose elements may decode themselves, an error counts as
// theirs.
func opgSelfDecodes(t reflect.Type, value []byte, depth int) bool {
	value = bytes.TrimSpace(value)
	if len(value) == 0 || value[0] == 'n' {
		return false
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pt := reflect.PointerTo(t)
	switch {
	case pt.Implements(opgUnmarshalerType):
		return true
	case pt.Implements(opgTextUnmarshalerType):
		return value[0] == '"'
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return value[0] == '[' && opgReachesMethods(t.Elem(), depth)
	case reflect.Map:
		return value[0] == '{' && opgReachesMethods(t.Elem(), depth)
	case reflect.Struct:
		return value[0] == '{' && opgReachesMethods(t, depth)
	}
	return false
}

// opgReachesMethods reports whether decoding a t may call an UnmarshalJSON or
// UnmarshalText method.
func opgReachesMethods(t reflect.Type, depth int) bool {
	if depth > 16 {
		return true
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(opgUnmarshalerType) || pt.Implements(opgTextUnmarshalerType) {
		return true
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return opgReachesMethods(t.Elem(), depth+1)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() && opgReachesMethods(f.Type, depth+1) {
				return true
			}
		}
	}
	return false
}

// opgDecodeElements decodes the JSON array data (valid JSON) into *dst, a
// slice of generated structs, as encoding/json decodes it: element i into
// the slice's element i, which keeps what it held (encoding/json merges into
// it, up to the slice's capacity), the length set as it goes and to the
// number of elements at the end, an empty array a new empty slice; the first
// error of an element (its UnmarshalJSON) ends the decoding there.
func opgDecodeElements[T any, P opgStructDecoder[T]](data []byte, dst *[]T) error {
	s := *dst
	i := 0
	var err error
	opgEachElement(data, func(elem []byte) {
		if err != nil {
			return
		}
		if i >= cap(s) {
			s = slices.Grow(s, 1)
		}
		if i >= len(s) {
			s = s[:i+1]
		}
		err = P(&s[i]).opgDecodeJSON(elem)
		i++
	})
	if err != nil {
		*dst = s
		return err
	}
	if i < len(s) {
		s = s[:i]
	}
	if i == 0 {
		s = []T{}
	}
	*dst = s
	return nil
}

// opgDecodeField decodes a member into a plain scalar field (a string,
// number or bool, or a named type over one): a null leaves it as it is, as
// encoding/json does.
func opgDecodeField[T any](value []byte, dst *T) error {
	if string(value) == "null" {
		return nil
	}
	return opgDecodeValue(value, dst)
}

// opgEachElement calls fn for each element of the JSON array data (valid
// JSON), in order.
func opgEachElement(data []byte, fn func(elem []byte)) {
	i := opgSkipSpace(data, 0)
	if i >= len(data) || data[i] != '[' {
		return
	}
	i = opgSkipSpace(data, i+1)
	for i < len(data) && data[i] != ']' {
		end := opgSkipValue(data, i)
		if end <= i {
			return
		}
		fn(data[i:end])
		i = opgSkipSpace(data, end)
		if i >= len(data) || data[i] != ',' {
			return
		}
		i = opgSkipSpace(data, i+1)
	}
}

// opgEnumText returns the value of the enum listed in known (separated by
// NUL) that the JSON string value holds, as a piece of known: decoding a
// listed value allocates nothing.
func opgEnumText(value []byte, known string) (string, bool) {
	if len(value) < 2 || value[0] != '"' || value[len(value)-1] != '"' || bytes.IndexByte(value, '\\') >= 0 {
		return "", false
	}
	s := value[1 : len(value)-1]
	for known != "" {
		n, more, _ := strings.Cut(known, "\x00")
		if string(s) == n {
			return n, true
		}
		known = more
	}
	return "", false
}

// opgDecodeEnum decodes a member into a string enum field: a listed value
// without allocating, any other as opgDecodeField does.
func opgDecodeEnum[T ~string](value []byte, dst *T, known string) error {
	if s, ok := opgEnumText(value, known); ok {
		*dst = T(s)
		return nil
	}
	return opgDecodeField(value, dst)
}

// opgDecodeOptEnum decodes a member into an optional string enum field: a
// listed value without allocating, anything else as Opt's UnmarshalJSON does.
func opgDecodeOptEnum[T ~string](value []byte, dst *Opt[T], known string) error {
	if s, ok := opgEnumText(value, known); ok {
		*dst = Opt[T]{Value: T(s), set: true}
		return nil
	}
	return dst.UnmarshalJSON(value)
}

// opgCodec is a generated struct's own decoder, for JSON known to be valid.
type opgCodec interface{ opgDecodeJSON(data []byte) error }

var opgCodecType = reflect.TypeFor[opgCodec]()

// opgDecodeBody decodes a response body straight into v when v is a pointer
// to a generated struct or to a slice of them, checking the body once rather
// than once per object; it reports false, having done nothing, for any other
// v or a body that is not valid JSON (encoding/json then decodes it, and
// gives its error).
func opgDecodeBody(body []byte, v any) (bool, error) {
	if c, ok := v.(opgCodec); ok {
		if !opgValid(body) {
			return false, nil
		}
		return true, c.opgDecodeJSON(body)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Slice ||
		!reflect.PointerTo(rv.Elem().Type().Elem()).Implements(opgCodecType) {
		return false, nil
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 || (body[0] != '[' && body[0] != 'n') {
		return false, nil
	}
	var buf [64]int
	ends, ok := opgValidEnds(body, buf[:0])
	if !ok {
		return false, nil
	}
	s := rv.Elem()
	if body[0] == 'n' {
		s.SetZero()
		return true, nil
	}
	// As opgDecodeElements, through reflection (v is any here), with the ends
	// of the elements the check found. The backing array is grown once, to
	// the number of elements; Grow keeps what it held past the length (in
	// which encoding/json would decode elements, as here).
	if n := len(ends); n > s.Cap() {
		s.Grow(n - s.Len())
	}
	i := 0
	var err error
	start := opgSkipSpace(body, 1)
	for _, end := range ends {
		if i >= s.Len() {
			s.SetLen(i + 1)
		}
		if err = s.Index(i).Addr().Interface().(opgCodec).opgDecodeJSON(body[start:end]); err != nil {
			break
		}
		i++
		start = opgSkipSpace(body, opgSkipSpace(body, end)+1) // past the comma
	}
	if err != nil {
		return true, err
	}
	if i < s.Len() {
		s.SetLen(i)
	}
	if i == 0 {
		s.Set(reflect.MakeSlice(s.Type(), 0, 0))
	}
	return true, nil
}
