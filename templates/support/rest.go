package support

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// opgRest is what a decoded JSON object carried beyond what its generated
// struct declares, kept so that encoding the struct again gives back the
// object received (a forwarded webhook, a contract test, a cache): the
// members the spec does not declare, the declared properties that arrived as
// a null their field cannot hold, and a null in place of the whole object.
// A struct built in Go has none (a nil *opgRest): nothing to preserve.
type opgRest struct {
	// unknown is a JSON object of the undeclared members, each value as
	// received (compacted); nil when there are none.
	unknown json.RawMessage
	// nulls are the JSON names, sorted, of declared properties that arrived
	// as null where the field cannot hold one (a pointer, slice, map, plain
	// value): re-encoded as null while the field is still its zero value.
	nulls []string
	// null says the object itself arrived as null (a struct value, such as an
	// array element, cannot be nil): re-encoded as null while every field is
	// still zero.
	null bool
}

// opgKeeper is the type of a generated struct's field holding its opgRest:
// an interface rather than a pointer, so that the struct stays printable
// with every fmt verb vet accepts for it (vet refuses %x for a struct with a
// nested pointer to a struct).
type opgKeeper interface{ kept() *opgRest }

func (r *opgRest) kept() *opgRest { return r }

// opgKeptOf is the opgRest a generated struct's field holds, or nil.
func opgKeptOf(k opgKeeper) *opgRest {
	if k == nil {
		return nil
	}
	return k.kept()
}

// opgObjectField is one declared property of a struct's JSON form.
type opgObjectField struct {
	name      string
	index     []int // the struct field (through embedded structs)
	keepsNull bool  // the field keeps a null itself (Opt, Nullable, raw JSON, a struct with an opgRest)
}

// opgObjectInfo is the JSON form of a struct type: its declared properties
// by name, as encoding/json matches them (exactly, then ignoring case).
type opgObjectInfo struct {
	fields map[string]opgObjectField
	names  []string // for the case-insensitive match, in field order
	rest   int      // the index of the opgKeeper field, -1 when none
}

var (
	opgObjectInfos sync.Map // reflect.Type -> *opgObjectInfo
	opgKeeperType  = reflect.TypeFor[opgKeeper]()
	opgRawJSONType = reflect.TypeFor[json.RawMessage]()
)

// opgObjectOf describes the struct type t, once per type.
func opgObjectOf(t reflect.Type) *opgObjectInfo {
	if v, ok := opgObjectInfos.Load(t); ok {
		return v.(*opgObjectInfo)
	}
	info := &opgObjectInfo{fields: make(map[string]opgObjectField, t.NumField()), rest: -1}
	var add func(t reflect.Type, path []int)
	add = func(t reflect.Type, path []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Type == opgKeeperType {
				if len(path) == 0 {
					info.rest = i
				}
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
				// An embedded struct (x-opgen-embed): encoding/json promotes its fields.
				add(f.Type, append(slices.Clone(path), i))
				continue
			}
			if !f.IsExported() || name == "-" || f.Anonymous {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if _, dup := info.fields[name]; dup && len(path) > 0 {
				continue // the outer struct's own field wins, as in encoding/json
			}
			info.fields[name] = opgObjectField{name: name, index: append(slices.Clone(path), i), keepsNull: opgKeepsNull(f.Type)}
			info.names = append(info.names, name)
		}
	}
	add(t, nil)
	v, _ := opgObjectInfos.LoadOrStore(t, info)
	return v.(*opgObjectInfo)
}

// opgKeepsNull reports whether a field of type t holds a decoded null itself,
// so that its own encoding sends it back.
func opgKeepsNull(t reflect.Type) bool {
	if t == opgRawJSONType {
		return true // raw JSON keeps "null"
	}
	if t.Kind() != reflect.Struct {
		return false
	}
	if t.PkgPath() == opgKeeperType.PkgPath() && (strings.HasPrefix(t.Name(), "Opt[") || strings.HasPrefix(t.Name(), "Nullable[")) {
		return true // Opt and Nullable record it
	}
	for i := range t.NumField() {
		if t.Field(i).Type == opgKeeperType {
			return true // a generated struct records it in its own opgRest
		}
	}
	return false
}

// lookup finds the declared property a member's key names, as encoding/json
// does: the exact name first, then one equal under Unicode case folding.
func (o *opgObjectInfo) lookup(key []byte) (opgObjectField, bool) {
	if f, ok := o.fields[string(key)]; ok {
		return f, true
	}
	for _, n := range o.names {
		if bytes.EqualFold([]byte(n), key) {
			return o.fields[n], true
		}
	}
	return opgObjectField{}, false
}

// opgDecodeObject decodes data into *p, a generated struct seen through a
// type without methods, and records in *rest what the struct's fields cannot
// hold (opgRest). data is one JSON value that encoding/json has checked.
func opgDecodeObject[P any](data []byte, p *P, rest *opgKeeper) error {
	if err := opgUnmarshal(data, p); err != nil {
		return err
	}
	return opgKeepExtras[P](data, rest)
}

// opgKeepExtras records in *rest what the JSON object data holds beyond the
// declared fields of the struct type P (opgRest), once data has been decoded
// into it.
func opgKeepExtras[P any](data []byte, rest *opgKeeper) error {
	*rest = nil
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil
	}
	if data[0] == 'n' {
		*rest = &opgRest{null: true}
		return nil
	}
	if data[0] != '{' {
		return nil
	}
	info := opgObjectOf(reflect.TypeFor[P]())
	var r *opgRest // allocated only when there is something to keep
	var unknown *bytes.Buffer
	opgEachMember(data, func(key, rawKey, value []byte) {
		f, declared := info.lookup(key)
		switch {
		case !declared:
			if unknown == nil {
				unknown = bytes.NewBuffer(make([]byte, 0, len(rawKey)+len(value)+8))
				unknown.WriteByte('{')
			} else {
				unknown.WriteByte(',')
			}
			unknown.Write(rawKey)
			unknown.WriteByte(':')
			if json.Compact(unknown, value) != nil {
				unknown.Write(value) // not reached: data was checked
			}
		case len(value) == 4 && string(value) == "null" && !f.keepsNull:
			if r == nil {
				r = &opgRest{}
			}
			if !slices.Contains(r.nulls, f.name) {
				r.nulls = append(r.nulls, f.name)
			}
		}
	})
	if unknown != nil {
		if r == nil {
			r = &opgRest{}
		}
		unknown.WriteByte('}')
		r.unknown = unknown.Bytes()
	}
	if r != nil {
		slices.Sort(r.nulls)
		*rest = r
	}
	return nil
}

// opgEncodeObject encodes *p, a generated struct seen through a type without
// methods, with what rest kept from the object it was decoded from: the
// undeclared members after the declared ones, a null for each property that
// arrived as null and whose field is still its zero value, and null for an
// object that arrived as null and is still all zero. A struct built in Go
// (rest nil) encodes as encoding/json encodes it.
func opgEncodeObject[P any](p *P, keeper opgKeeper) ([]byte, error) {
	rest := opgKeptOf(keeper)
	b, err := json.Marshal(p)
	if err != nil || rest == nil {
		return b, err
	}
	info := opgObjectOf(reflect.TypeFor[P]())
	v := reflect.ValueOf(p).Elem()
	if rest.null {
		zero := true
		for i := range v.NumField() {
			if i != info.rest && !v.Field(i).IsZero() {
				zero = false
				break
			}
		}
		if zero {
			return []byte("null"), nil
		}
	}
	var nulls []string
	for _, n := range rest.nulls {
		if f, ok := info.fields[n]; ok && v.FieldByIndex(f.index).IsZero() {
			nulls = append(nulls, n)
		}
	}
	if len(nulls) == 0 && len(rest.unknown) < 2 {
		return b, nil
	}
	out := make([]byte, 0, len(b)+len(rest.unknown)+len(nulls)*16)
	out = append(out, '{')
	written := 0
	opgEachMember(b, func(key, rawKey, value []byte) {
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(append(out, rawKey...), ':')
		if i := slices.Index(nulls, string(key)); i >= 0 {
			// A field encoded although zero (no omitempty): null in its place, as received.
			nulls[i], nulls[written] = nulls[written], nulls[i]
			written++
			value = []byte("null")
		}
		out = append(out, value...)
	})
	for _, n := range nulls[written:] {
		if len(out) > 1 {
			out = append(out, ',')
		}
		k, _ := json.Marshal(n)
		out = append(append(out, k...), ":null"...)
	}
	if members := bytes.TrimSpace(rest.unknown); len(members) > 2 {
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, members[1:len(members)-1]...)
	}
	return append(out, '}'), nil
}

// opgUnknownFields is a struct's UnknownFields: the undeclared members of the
// object it was decoded from, each as received (compacted).
func opgUnknownFields(keeper opgKeeper) map[string]json.RawMessage {
	rest := opgKeptOf(keeper)
	if rest == nil || len(rest.unknown) < 2 {
		return nil
	}
	out := map[string]json.RawMessage{}
	opgEachMember(rest.unknown, func(key, _, value []byte) {
		out[string(key)] = append(json.RawMessage(nil), value...)
	})
	return out
}

// opgTakeExtra moves the undeclared members rest kept into a struct's
// AdditionalProperties map (additionalProperties in the spec), decoding each
// into the map's value type.
func opgTakeExtra[V any](rest *opgKeeper, dst *map[string]V) error {
	*dst = nil
	r := opgKeptOf(*rest)
	if r == nil || len(r.unknown) < 2 {
		return nil
	}
	out := map[string]V{}
	var err error
	opgEachMember(r.unknown, func(key, _, value []byte) {
		var v V
		if e := opgUnmarshal(value, &v); e != nil && err == nil {
			err = fmt.Errorf("property %q: %w", key, e)
		}
		out[string(key)] = v
	})
	if err != nil {
		return err
	}
	*dst = out
	r.unknown = nil
	if len(r.nulls) == 0 && !r.null {
		*rest = nil
	}
	return nil
}

// opgEachMember calls fn for each member of the JSON object data (valid
// JSON, as encoding/json checked it), in order: the key unquoted, the key as
// written (quotes included) and the value as written.
func opgEachMember(data []byte, fn func(key, rawKey, value []byte)) {
	i := opgSkipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return
	}
	i = opgSkipSpace(data, i+1)
	for i < len(data) && data[i] == '"' {
		end := opgSkipValue(data, i)
		rawKey := data[i:end]
		key := rawKey[1 : len(rawKey)-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			var s string
			if json.Unmarshal(rawKey, &s) == nil {
				key = []byte(s)
			}
		}
		i = opgSkipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return
		}
		i = opgSkipSpace(data, i+1)
		end = opgSkipValue(data, i)
		fn(key, rawKey, data[i:end])
		i = opgSkipSpace(data, end)
		if i >= len(data) || data[i] != ',' {
			return
		}
		i = opgSkipSpace(data, i+1)
	}
}

func opgSkipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// opgSkipValue returns the end of the JSON value starting at data[i] (valid
// JSON).
func opgSkipValue(data []byte, i int) int {
	if i >= len(data) {
		return i
	}
	switch data[i] {
	case '"':
		return opgSkipString(data, i)
	case '{', '[':
		return opgSkipContainer(data, i)
	}
	for i < len(data) {
		switch data[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}
