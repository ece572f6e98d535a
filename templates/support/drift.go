package support

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// DriftKind says how a response deviated from the spec.
type DriftKind int

const (
	// DriftUnknownField is a property the spec does not declare, in an
	// object whose schema does not allow extra properties. It is kept as
	// received: the struct's UnknownFields returns it, and encoding the
	// struct again sends it back.
	DriftUnknownField DriftKind = iota + 1
	// DriftUnknownEnumValue is a value the spec's enum does not list. It is
	// kept in the field as received.
	DriftUnknownEnumValue
	// DriftMissingRequired is a property the spec marks required that the
	// payload lacks. The field holds its zero value.
	DriftMissingRequired
	// DriftUnmatchedUnion is a payload that matches none of the variants the
	// spec lists for a oneOf/anyOf (an unlisted discriminator value). It is
	// kept raw in the union's Unknown field.
	DriftUnmatchedUnion
)

// String names the kind: "unknown field", "unknown enum value", "missing
// required field", "unmatched union".
func (k DriftKind) String() string {
	switch k {
	case DriftUnknownField:
		return "unknown field"
	case DriftUnknownEnumValue:
		return "unknown enum value"
	case DriftMissingRequired:
		return "missing required field"
	case DriftUnmatchedUnion:
		return "unmatched union"
	}
	return "DriftKind(" + strconv.Itoa(int(k)) + ")"
}

// Drift is one deviation from the spec that the decoder tolerated in a
// successful response: the call still returns its result.
type Drift struct {
	// Operation is the operation called, as errors name it ("Charges.List").
	Operation string
	// Path locates the value in the response body, as a JSONPath:
	// "$.data[3].status", `$.metadata["order id"]`.
	Path string
	// Kind is what deviated.
	Kind DriftKind
	// Detail names what deviated: the unknown field's name, the enum value
	// the spec does not list (at most 64 bytes), the missing field's name,
	// or the union's Go type. Field values are never included.
	Detail string
}

// String is "Charges.List: $.data[3].status: unknown enum value \"on_hold\"".
func (d Drift) String() string {
	s := d.Operation + ": " + d.Path + ": " + d.Kind.String()
	if d.Detail != "" {
		s += " " + strconv.Quote(d.Detail)
	}
	return s
}

// DriftError is the error of a call made with WithStrictDecoding whose
// response deviated from the spec. The call returns no result.
type DriftError struct {
	// Operation is the operation called ("Charges.List").
	Operation string
	// Drifts are all the deviations of the response, in the order the
	// handler receives them.
	Drifts []Drift
	api    string
}

// Error lists the drifts, one per line after the first.
func (e *DriftError) Error() string {
	var b strings.Builder
	b.WriteString(e.api + ": " + e.Operation + ": response deviates from the spec (strict decoding): ")
	b.WriteString(strconv.Itoa(len(e.Drifts)) + " drift")
	if len(e.Drifts) != 1 {
		b.WriteByte('s')
	}
	for _, d := range e.Drifts {
		b.WriteString("\n\t" + d.Path + ": " + d.Kind.String())
		if d.Detail != "" {
			b.WriteString(" " + strconv.Quote(d.Detail))
		}
	}
	return b.String()
}

// opgDriftConfig is set on the client by WithDriftHandler or
// WithStrictDecoding; nil (the default) skips the drift check entirely.
type opgDriftConfig struct {
	handler func(context.Context, Drift)
	strict  bool
}

// opgDriftCall is the drift check of one call: the client's settings, the
// API's opgDriftTypes and the caller's context, handed to the handler.
type opgDriftCall struct {
	*opgDriftConfig
	types opgDriftTypes
	ctx   context.Context
}

// WithDriftHandler calls h, once per deviation and in the calling
// goroutine before the call returns, for every way a successful JSON
// response deviated from the spec while still decoding: an unknown field, an
// enum value the spec does not list, a missing required field, a union
// payload matching no listed variant. Decoding stays lenient. This is how a
// team learns that the provider's API changed before its reconciliation
// breaks:
//
//	client, err := NewClient(WithDriftHandler(func(ctx context.Context, d Drift) {
//		slog.WarnContext(ctx, "API drift", "operation", d.Operation, "path", d.Path, "kind", d.Kind.String())
//	}))
//
// Without it (and without WithStrictDecoding) responses are not checked at
// all, at no cost.
func WithDriftHandler(h func(ctx context.Context, d Drift)) Option {
	return opgOption("WithDriftHandler", func(c *opgConfig) error {
		if h == nil {
			return opgErr("nil handler")
		}
		if c.drift == nil {
			c.drift = &opgDriftConfig{}
		}
		c.drift.handler = h
		return nil
	})
}

// WithStrictDecoding makes any deviation of a successful response from the
// spec (see WithDriftHandler) fail the call with a *DriftError listing them
// all; the call then returns no result. A handler set with WithDriftHandler
// still receives each one. For tests and contract checks, not production.
func WithStrictDecoding() Option {
	return opgOption("WithStrictDecoding", func(c *opgConfig) error {
		if c.drift == nil {
			c.drift = &opgDriftConfig{}
		}
		c.drift.strict = true
		return nil
	})
}

// opgDriftInfo is what a generated type tells the drift check that its Go
// shape does not: the JSON names of its required properties (a struct), or
// that it is a union (union is then opgDriftUnion, named by the generated
// code so that a package without unions does not carry it) and the Go name
// of its Unknown field ("" when it has none).
type opgDriftInfo struct {
	required []string
	union    func(w *opgDriftWalk, t reflect.Type, info opgDriftInfo, raw []byte, path string)
	unknown  string
	// wire turns the raw value of a property that accepts alternative JSON
	// forms (x-opgen-also-accept) into its canonical form, which is what the
	// decoder stored and what the check judges: "UNPAID" for an enum that
	// takes any letter case is no unknown value.
	wire map[string]func([]byte) []byte
}

// opgDriftTypes is the opgDriftInfo of each generated struct with required
// properties and of each generated union, by Go type name; the generated
// apiDef holds it. One table rather than a method per type: a method is
// compiled twice (value and pointer receiver) for each of hundreds of types.
type opgDriftTypes map[string]opgDriftInfo

// opgDriftEnum is implemented by generated enums.
type opgDriftEnum interface{ Valid() bool }

var (
	opgDriftEnumType  = reflect.TypeFor[opgDriftEnum]()
	opgRawMessageType = reflect.TypeFor[json.RawMessage]()
	opgDriftPkg       = reflect.TypeFor[opgDriftInfo]().PkgPath()
)

// checkDrift reports the deviations of body, which decoded into a value of
// type t, to the client's handler; in strict mode any deviation is the
// returned *DriftError.
func (r *response) checkDrift(op *operationDef, t reflect.Type, body []byte) error {
	w := opgDriftWalk{types: r.drift.types}
	if op != nil {
		w.op = op.ID
	}
	w.walk(t, body, "$")
	if len(w.drifts) == 0 {
		return nil
	}
	if h := r.drift.handler; h != nil {
		ctx := r.drift.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		for _, d := range w.drifts {
			h(ctx, d)
		}
	}
	if r.drift.strict {
		return &DriftError{Operation: w.op, Drifts: w.drifts, api: r.api}
	}
	return nil
}

// opgDriftWalk compares a JSON document with the Go type it decoded into.
type opgDriftWalk struct {
	op     string
	types  opgDriftTypes
	drifts []Drift
}

func (w *opgDriftWalk) add(path string, kind DriftKind, detail string) {
	w.drifts = append(w.drifts, Drift{Operation: w.op, Path: path, Kind: kind, Detail: detail})
}

// walk checks raw against t. It only looks where the decoder succeeded:
// JSON that does not fit t is not drift (decoding failed already).
func (w *opgDriftWalk) walk(t reflect.Type, raw []byte, path string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] == 'n' {
		return // null: nullability is not checked
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == opgRawMessageType || t.PkgPath() != opgDriftPkg && t.PkgPath() != "" {
		return // raw JSON, or a type from another package (time.Time, x-go-type)
	}
	if opgDriftWrapper(t) {
		w.walk(t.Field(0).Type, raw, path)
		return
	}
	if t.Name() != "" && t.PkgPath() == opgDriftPkg && t.Kind() != reflect.Struct && t.Implements(opgDriftEnumType) {
		v := reflect.New(t)
		if json.Unmarshal(raw, v.Interface()) == nil && !v.Elem().Interface().(opgDriftEnum).Valid() {
			w.add(path, DriftUnknownEnumValue, opgTruncate(rawText(raw), 64))
		}
		return
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 || raw[0] != '[' {
			return
		}
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return
		}
		for i, item := range items {
			w.walk(t.Elem(), item, path+"["+strconv.Itoa(i)+"]")
		}
	case reflect.Map:
		if t.Key().Kind() != reflect.String || raw[0] != '{' {
			return
		}
		var fields map[string]json.RawMessage
		if json.Unmarshal(raw, &fields) != nil {
			return
		}
		for _, k := range opgSortedKeys(fields) {
			w.walk(t.Elem(), fields[k], opgDriftPath(path, k))
		}
	case reflect.Struct:
		info := w.types[t.Name()] // a type of another package returned above
		if info.union != nil {
			info.union(w, t, info, raw, path)
			return
		}
		if t.PkgPath() == opgDriftPkg && t.Name() != "" && raw[0] == '{' {
			w.object(t, info, raw, path)
		}
	}
}

// object checks a JSON object against a generated struct: its fields by
// their JSON tags, the struct's extra-properties map (a `json:"-"` map)
// allowing any other property.
func (w *opgDriftWalk) object(t reflect.Type, info opgDriftInfo, raw []byte, path string) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return
	}
	known := make(map[string]reflect.Type, t.NumField())
	open := opgDriftFields(t, known, 0)
	for _, k := range opgSortedKeys(fields) {
		ft, ok := known[k]
		switch {
		case ok:
			v := fields[k]
			if canon := info.wire[k]; canon != nil {
				v = canon(v)
			}
			w.walk(ft, v, opgDriftPath(path, k))
		case !open:
			w.add(opgDriftPath(path, k), DriftUnknownField, k)
		}
	}
	for _, k := range info.required {
		if _, ok := fields[k]; !ok {
			w.add(opgDriftPath(path, k), DriftMissingRequired, k)
		}
	}
}

// opgDriftFields records the JSON names of struct t's fields in known, those of the structs it embeds
// (x-opgen-embed) included, the outer declaration winning as in encoding/json; it reports whether t keeps
// undeclared properties in a `json:"-"` map.
func opgDriftFields(t reflect.Type, known map[string]reflect.Type, depth int) bool {
	open := false
	var embedded []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("json")
		if !ok && f.Anonymous && f.Type.Kind() == reflect.Struct && depth < 8 {
			embedded = append(embedded, f.Type)
			continue
		}
		if !ok || !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			open = open || f.Type.Kind() == reflect.Map
			continue
		}
		known[name] = f.Type
	}
	for _, e := range embedded {
		inner := make(map[string]reflect.Type)
		open = opgDriftFields(e, inner, depth+1) || open
		for k, v := range inner {
			if _, ok := known[k]; !ok {
				known[k] = v
			}
		}
	}
	return open
}

// opgDriftUnion decodes raw into the union type t again to see which variants it
// took: the Unknown field means none of the listed ones. An anyOf payload
// may fit several branches at once: a property is then unknown only when
// no branch set declares it, and a deviation seen through two branches is
// reported once.
func opgDriftUnion(w *opgDriftWalk, t reflect.Type, info opgDriftInfo, raw []byte, path string) {
	v := reflect.New(t)
	if json.Unmarshal(raw, v.Interface()) != nil {
		return
	}
	var branches [][]Drift
	for i := range t.NumField() {
		f := t.Field(i)
		fv := v.Elem().Field(i)
		if !f.IsExported() || fv.IsZero() || f.Type.Kind() == reflect.Bool {
			continue // unset, or the flag of a JSON null
		}
		if f.Name == info.unknown {
			w.add(path, DriftUnmatchedUnion, t.Name())
			return
		}
		sub := opgDriftWalk{op: w.op, types: w.types}
		payload := raw
		if k := f.Type.Kind(); k == reflect.Pointer || k == reflect.Struct {
			// An object variant may have arrived as a JSON string holding it (x-opgen-json-string).
			payload = opgJSONInString(raw)
		}
		sub.walk(f.Type, payload, path)
		branches = append(branches, sub.drifts)
	}
	seen := map[Drift]bool{}
	for _, ds := range branches {
		for _, d := range ds {
			if seen[d] || d.Kind == DriftUnknownField && !opgDriftInAll(branches, d) {
				continue
			}
			seen[d] = true
			w.drifts = append(w.drifts, d)
		}
	}
}

// opgDriftInAll reports whether every branch reported d.
func opgDriftInAll(branches [][]Drift, d Drift) bool {
	for _, ds := range branches {
		found := false
		for _, o := range ds {
			if o == d {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// opgDriftWrapper reports whether t is an Opt or a Nullable, whose first
// field holds the value. A method on them would do as well, but it would be
// compiled twice (value and pointer receiver) for every type they hold.
func opgDriftWrapper(t reflect.Type) bool {
	name := t.Name()
	return t.Kind() == reflect.Struct && t.PkgPath() == opgDriftPkg &&
		(strings.HasPrefix(name, "Opt[") || strings.HasPrefix(name, "Nullable[")) && t.NumField() > 0
}

// opgDriftPath appends a property to a JSONPath: .name for identifiers,
// ["name"] otherwise.
func opgDriftPath(path, key string) string {
	plain := key != ""
	for i, r := range key {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return path + "." + key
	}
	return path + "[" + strconv.Quote(key) + "]"
}

func opgSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
