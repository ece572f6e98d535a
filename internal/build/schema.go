package build

import (
	"encoding/json"
	"fmt"
	"go/token"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/model"
	"github.com/opgen-sdk/opgen/internal/naming"
	"github.com/opgen-sdk/opgen/internal/wireform"
)

// Type expressions used everywhere.
func builtin(name string) *model.TypeRef { return &model.TypeRef{Kind: model.RefBuiltin, Name: name} }
func qual(path, name string) *model.TypeRef {
	return &model.TypeRef{Kind: model.RefNamed, ImportPath: path, Name: name}
}
func named(t *model.Type) *model.TypeRef {
	return &model.TypeRef{Kind: model.RefNamed, Name: t.Name, Decl: t}
}
func sliceOf(e *model.TypeRef) *model.TypeRef { return &model.TypeRef{Kind: model.RefSlice, Elem: e} }
func mapOf(e *model.TypeRef) *model.TypeRef   { return &model.TypeRef{Kind: model.RefMap, Elem: e} }
func ptrTo(e *model.TypeRef) *model.TypeRef   { return &model.TypeRef{Kind: model.RefPointer, Elem: e} }
func nullableOf(e *model.TypeRef) *model.TypeRef {
	return &model.TypeRef{Kind: model.RefNullable, Elem: e}
}
func optionalOf(e *model.TypeRef) *model.TypeRef {
	return &model.TypeRef{Kind: model.RefOptional, Elem: e}
}

// unwraps reports whether a type expression only wraps its Elem (pointer, Opt, Nullable): walks through a field's
// type to the value it holds go through these.
func unwraps(t *model.TypeRef) bool {
	return t != nil && (t.Kind == model.RefPointer || t.Kind == model.RefNullable || t.Kind == model.RefOptional)
}

// runtime names the support types copied from templates/.
func runtimeType(name string) *model.TypeRef { return &model.TypeRef{Kind: model.RefNamed, Name: name} }

func rawJSON() *model.TypeRef { return qual("encoding/json", "RawMessage") }

// types returns the schema's JSON types without "null".
func types(s *openapi3.Schema) []string {
	if s.Type == nil {
		return nil
	}
	var out []string
	for _, t := range s.Type.Slice() {
		if t != "null" {
			out = append(out, t)
		}
	}
	return out
}

func isNullSchema(s *openapi3.Schema) bool {
	return s != nil && s.Type != nil && s.Type.Is("null")
}

// nullable reports whether null is a valid value of the schema (3.0 nullable, 3.1 type arrays, oneOf null).
func nullable(sr *openapi3.SchemaRef) bool {
	return nullableSeen(sr, nil)
}

// nullableSeen is nullable through oneOf/anyOf branches: oneOf [Pet, integer] allows null when Pet does.
func nullableSeen(sr *openapi3.SchemaRef, seen map[*openapi3.Schema]bool) bool {
	if sr == nil || sr.Value == nil || seen[sr.Value] {
		return false
	}
	s := sr.Value
	if s.Nullable || (s.Type != nil && s.Type.IncludesNull()) {
		return true
	}
	// The usual 3.0 way to make a $ref nullable: allOf: [{$ref: X}, {nullable: true}].
	for _, m := range s.AllOf {
		if m != nil && m.Value != nil && m.Ref == "" && m.Value.Nullable && bareSchema(m.Value) && m.Value.Type == nil {
			return true
		}
	}
	for _, alts := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
		for _, a := range alts {
			if a != nil && isNullSchema(a.Value) {
				return true
			}
		}
	}
	if len(s.OneOf)+len(s.AnyOf) > 0 {
		if seen == nil {
			seen = map[*openapi3.Schema]bool{}
		}
		seen[s] = true
		for _, alts := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
			for _, a := range alts {
				if nullableSeen(a, seen) {
					return true
				}
			}
		}
	}
	if len(s.Enum) > 0 {
		for _, v := range s.Enum {
			if v == nil {
				return true
			}
		}
	}
	return false
}

// nonNull returns the alternatives that are not the null schema.
func nonNull(alts openapi3.SchemaRefs) openapi3.SchemaRefs {
	var out openapi3.SchemaRefs
	for _, a := range alts {
		if a == nil || a.Value == nil || isNullSchema(a.Value) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// goTypeOverride reads x-go-type ("Name" or "import/path.Name") and the config's type mapping.
func (b *builder) goTypeOverride(sr *openapi3.SchemaRef, ptr string) *model.TypeRef {
	var spec string
	if sr.Value != nil {
		if v, ok := sr.Value.Extensions["x-go-type"].(string); ok {
			spec = v
		}
	}
	if v, ok := b.in.TypeMapping[ptr]; ok {
		spec = v
	}
	if sr.Ref != "" {
		if v, ok := b.in.TypeMapping[sr.Ref]; ok {
			spec = v
		}
		if i := strings.LastIndex(sr.Ref, "/"); i >= 0 {
			if v, ok := b.in.TypeMapping[sr.Ref[i+1:]]; ok {
				spec = v
			}
		}
	}
	if spec == "" {
		return nil
	}
	if !validGoType(spec) {
		b.downgrade(ptr, spec, fmt.Sprintf("x-go-type %q is not a Go type (Name, import/path.Name, []T, *T, map[string]T); ignored", spec))
		return nil
	}
	var ext map[string]any
	if sr.Value != nil {
		ext = sr.Value.Extensions
	}
	return b.goTypeRef(spec, ext, ptr)
}

// stdQualifiers are the standard library packages an x-go-type may name by their package name alone
// ("time.Duration", "json.RawMessage"): the import path is not in doubt.
var stdQualifiers = map[string]string{
	"time": "time", "json": "encoding/json", "big": "math/big", "url": "net/url", "netip": "net/netip",
	"net": "net", "http": "net/http", "io": "io", "fs": "io/fs", "os": "os", "bytes": "bytes", "strings": "strings",
	"strconv": "strconv", "fmt": "fmt", "context": "context", "sql": "database/sql", "driver": "database/sql/driver",
	"template": "text/template", "mail": "net/mail", "rand": "math/rand/v2",
}

// goTypeImport reads x-go-type-import in oapi-codegen's two forms: "import/path", or {path: import/path, name:
// alias}. The alias is not needed: the generated file names the package itself.
func goTypeImport(ext map[string]any) string {
	switch v := ext["x-go-type-import"].(type) {
	case string:
		return v
	case map[string]any:
		if p, ok := v["path"].(string); ok {
			return p
		}
	}
	return ""
}

// goTypeRef turns an x-go-type into a type expression. A qualified name ("decimal.Decimal") takes its import path
// from x-go-type-import; without one, only standard library packages are known by name. Anything else is
// refused: "import decimal" does not build.
func (b *builder) goTypeRef(spec string, ext map[string]any, ptr string) *model.TypeRef {
	imp := goTypeImport(ext)
	if imp != "" && !goImportPathRe.MatchString(imp) {
		b.fail(ptr, fmt.Sprintf("x-go-type-import %q is not an import path", imp))
		return rawJSON()
	}
	var bad string
	t := goTypeFromStringWith(spec, func(qualifier string) string {
		if strings.Contains(qualifier, "/") {
			return qualifier // a full import path
		}
		if imp != "" {
			return imp
		}
		if p := stdQualifiers[qualifier]; p != "" {
			return p
		}
		bad = qualifier
		return qualifier
	})
	if bad != "" {
		b.fail(ptr, fmt.Sprintf("x-go-type %q names package %s without saying where it is: add x-go-type-import: <import path> "+
			"(or {path: <import path>, name: %s}) beside it, or write the full path (example.com/mod/%s.%s)",
			spec, bad, bad, bad, spec[strings.LastIndex(spec, ".")+1:]))
		return rawJSON()
	}
	return t
}

// goImportPathRe is a conservative import path: module path characters only.
var goImportPathRe = regexp.MustCompile(`^[A-Za-z0-9_~+-]+(?:[./][A-Za-z0-9_~+-]+)*$`)

// validGoType says whether goTypeFromString can take s: a Go identifier, or import/path.Name, under any number
// of [], * and map[string]. Spec text that is anything else must not reach the output as a type.
func validGoType(s string) bool {
	for {
		switch {
		case strings.HasPrefix(s, "[]"):
			s = s[2:]
		case strings.HasPrefix(s, "*"):
			s = s[1:]
		case strings.HasPrefix(s, "map[string]"):
			s = s[len("map[string]"):]
		default:
			if i := strings.LastIndex(s, "."); i > 0 {
				return goImportPathRe.MatchString(s[:i]) && naming.IsValidIdent(s[i+1:])
			}
			return naming.IsValidIdent(s)
		}
	}
}

// goTypeFromStringWith parses "int64", "time.Duration", "github.com/x/y.T", "[]string", "*T"; importPath maps
// what stands before the last dot to an import path.
func goTypeFromStringWith(s string, importPath func(string) string) *model.TypeRef {
	switch {
	case strings.HasPrefix(s, "[]"):
		return sliceOf(goTypeFromStringWith(s[2:], importPath))
	case strings.HasPrefix(s, "*"):
		return ptrTo(goTypeFromStringWith(s[1:], importPath))
	case strings.HasPrefix(s, "map[string]"):
		return mapOf(goTypeFromStringWith(s[len("map[string]"):], importPath))
	}
	if i := strings.LastIndex(s, "."); i > 0 {
		return qual(importPath(s[:i]), s[i+1:])
	}
	switch s {
	case "string", "bool", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
		"float32", "float64", "any", "byte", "rune":
		return builtin(s)
	}
	return runtimeType(s)
}

// typeOf returns the Go type for a schema reference. name is the name an inline schema that needs a named type
// gets; ptr is the schema's JSON pointer.
func (b *builder) typeOf(sr *openapi3.SchemaRef, name, ptr string) *model.TypeRef {
	if sr == nil || sr.Value == nil {
		return rawJSON()
	}
	if o := b.goTypeOverride(sr, ptr); o != nil {
		return o
	}
	s := sr.Value
	if t, ok := b.comp[s]; ok {
		if t.Kind == 0 && !b.filling[t] {
			// Fill a component on first use, so the referring field sees its kind: a named map or slice is not
			// made a pointer, whatever the order of the schema names.
			b.fill(t, s, t.Pointer)
		}
		return named(t)
	}
	if t, ok := b.ext[s]; ok {
		return named(t)
	}
	if t := b.componentByRef(sr.Ref, s); t != nil {
		// A $ref with sibling keywords (3.1: description, summary, deprecated...) is loaded as a copy of the
		// target with the siblings merged in: it is still the referenced type, never a suffixed duplicate.
		return named(t)
	}
	if sr.Ref != "" {
		// A schema in another file (or a deeper pointer): name it after the ref's last segment, once.
		seg := sr.Ref[strings.LastIndex(sr.Ref, "/")+1:]
		// A component of another file is declared as that file's own generation declares it (a string with a
		// format, an int64, a decimal: a named type of its own), so that its name and methods survive the $ref.
		if b.needsNamedType(s) || isComponentRef(sr.Ref) {
			t := &model.Type{Name: b.scope.Claim(b.goTypeName(s.Extensions, seg, name), "Model"), Pointer: sr.Ref}
			b.ext[s] = t
			b.types = append(b.types, t)
			b.fill(t, s, sr.Ref)
			return named(t)
		}
	}
	return b.inline(s, name, ptr)
}

// isComponentRef reports whether ref points at a whole component schema (file.yaml#/components/schemas/Name,
// Swagger 2.0's #/definitions/Name), not into one.
func isComponentRef(ref string) bool {
	_, frag, ok := strings.Cut(ref, "#")
	if !ok {
		return false
	}
	for _, prefix := range []string{"/components/schemas/", "/definitions/"} {
		if name, ok := strings.CutPrefix(frag, prefix); ok && name != "" && !strings.Contains(name, "/") {
			return true
		}
	}
	return false
}

// componentByRef returns the declared type of a local component schema reference ("" or another file: nil),
// filling it first if no field has used it yet.
func (b *builder) componentByRef(ref string, s *openapi3.Schema) *model.Type {
	const prefix = "#/components/schemas/"
	if !strings.HasPrefix(ref, prefix) || b.doc.Components == nil {
		return nil
	}
	name := unescapePointer(ref[len(prefix):])
	if strings.Contains(name, "/") {
		return nil // a pointer into a component, not the component itself
	}
	sr := b.doc.Components.Schemas[name]
	if sr == nil || sr.Value == nil || !sameShape(s, sr.Value) {
		return nil
	}
	t := b.compPtr[ref]
	if t == nil {
		return nil
	}
	if t.Kind == 0 && !b.filling[t] {
		b.fill(t, sr.Value, t.Pointer)
	}
	return t
}

// sameShape reports whether a (a $ref's loaded copy) adds nothing to b that shapes a Go type: the siblings only
// describe (description, summary, deprecated, examples). Siblings that add properties or change the type keep
// their own declaration.
func sameShape(a, b *openapi3.Schema) bool {
	if a == b {
		return true
	}
	return fmt.Sprint(types(a)) == fmt.Sprint(types(b)) && len(a.Properties) == len(b.Properties) &&
		len(a.Required) == len(b.Required) && len(a.Enum) == len(b.Enum) && a.Items == b.Items &&
		len(a.AllOf) == len(b.AllOf) && len(a.OneOf) == len(b.OneOf) && len(a.AnyOf) == len(b.AnyOf) &&
		a.Format == b.Format && a.AdditionalProperties.Schema == b.AdditionalProperties.Schema &&
		(a.Const == nil) == (b.Const == nil) && a.Extensions["x-go-type"] == b.Extensions["x-go-type"]
}

// needsNamedType reports whether a schema becomes a declared type rather than a type expression.
func (b *builder) needsNamedType(s *openapi3.Schema) bool {
	if len(s.AllOf) > 0 || len(nonNull(s.OneOf)) > 1 || len(nonNull(s.AnyOf)) > 1 {
		return true
	}
	if len(s.Enum) > 0 || s.Const != nil {
		return true
	}
	ts := types(s)
	if len(ts) > 1 {
		return true
	}
	if len(s.Properties) > 0 {
		return true
	}
	if (len(ts) == 0 || ts[0] == "object") && s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has &&
		s.AdditionalProperties.Schema == nil {
		return true
	}
	return false
}

// inline maps a schema that is not a component to a type expression, declaring a named type when needed.
func (b *builder) inline(s *openapi3.Schema, name, ptr string) *model.TypeRef {
	// Wrappers that only add a description or nullability: allOf/oneOf/anyOf with one real member.
	if len(s.Properties) == 0 && len(s.Enum) == 0 && s.Const == nil {
		if len(s.AllOf) > 0 && len(s.OneOf) == 0 && len(s.AnyOf) == 0 {
			if sh := b.allOfShape(s, ptr, name); sh.member != nil {
				return b.typeOf(sh.member, name, sh.ptr)
			} else if sh.conflict {
				return rawJSON()
			}
		}
		if len(s.AllOf) == 0 {
			if alts := nonNull(s.OneOf); len(alts) == 1 && len(s.AnyOf) == 0 {
				return b.typeOf(alts[0], name, ptr+"/oneOf/0")
			}
			if alts := nonNull(s.AnyOf); len(alts) == 1 && len(s.OneOf) == 0 {
				return b.typeOf(alts[0], name, ptr+"/anyOf/0")
			}
		}
	}
	if b.needsNamedType(s) {
		if v, ok := s.Extensions["x-go-type-name"].(string); ok {
			// oapi-codegen's spelling for naming an inline schema's type: the name would otherwise be derived
			// from where the schema sits (TransactionFieldsStatus), which moving a property changes.
			if p := b.namer.Pinned(v); naming.IsValidIdent(p) && token.IsExported(p) {
				name = p
			} else {
				b.downgrade(ptr, name, fmt.Sprintf("x-go-type-name %q is not an exported Go identifier; ignored", v))
			}
		}
		t := &model.Type{Name: b.scope.Claim(name, "Value"), Pointer: ptr}
		b.ext[s] = t
		b.types = append(b.types, t)
		b.fill(t, s, ptr)
		return named(t)
	}
	return b.exprOf(s, name, ptr)
}

// exprOf maps a schema that needs no declaration of its own.
func (b *builder) exprOf(s *openapi3.Schema, name, ptr string) *model.TypeRef {
	ts := types(s)
	t := ""
	if len(ts) == 1 {
		t = ts[0]
	} else if len(ts) == 0 {
		switch {
		case len(s.Properties) > 0 || s.AdditionalProperties.Schema != nil || s.AdditionalProperties.Has != nil:
			t = "object"
		case s.Items != nil:
			t = "array"
		}
	}
	if s.Not != nil {
		b.downgrade(ptr+"/not", name, "`not` cannot be expressed in Go types; it is ignored (the server still checks it)")
	}
	switch t {
	case "string":
		return stringType(s)
	case "integer":
		switch s.Format {
		case "int32":
			return builtin("int32")
		case "uint32":
			return builtin("uint32")
		case "uint64", "uint":
			return builtin("uint64")
		case "int8", "int16", "uint8", "uint16":
			return builtin(s.Format)
		}
		return builtin("int64")
	case "number":
		switch s.Format {
		case "decimal", "money", "currency":
			return runtimeType("Decimal")
		case "float":
			return builtin("float32")
		case "int32":
			return builtin("int32")
		case "int64":
			return builtin("int64")
		}
		return builtin("float64")
	case "boolean":
		return builtin("bool")
	case "array":
		if len(s.PrefixItems) > 0 && s.Items == nil {
			b.downgrade(ptr, name, "prefixItems (tuples) are decoded as raw JSON elements")
			return sliceOf(rawJSON())
		}
		return sliceOf(b.elemType(s.Items, name+"Item", ptr+"/items"))
	case "object":
		if ap := s.AdditionalProperties.Schema; ap != nil {
			return mapOf(b.elemType(ap, name+"Value", ptr+"/additionalProperties"))
		}
		return mapOf(builtin("any"))
	case "null":
		return rawJSON()
	}
	// No type at all: any JSON value. Raw JSON keeps numbers exact, unlike any.
	return rawJSON()
}

// elemType is the Go type of an array item or a map value: Nullable[T] when the schema allows null, so that
// ["a",null,"b"] and {"a":null} keep their nulls apart from zero values. Raw JSON keeps null by itself.
func (b *builder) elemType(sr *openapi3.SchemaRef, name, ptr string) *model.TypeRef {
	if sr != nil && sr.Value != nil && sr.Value.Extensions[wireform.Extension] != nil {
		b.downgrade(ptr, name, wireform.Extension+" is honoured on object properties: the SDK decodes array items and map "+
			"values in their canonical form only (the mock accepts the alternative forms everywhere)")
	}
	t := b.typeOf(sr, name, ptr)
	if !nullable(sr) || isRawJSON(t) || (t.Kind == model.RefBuiltin && t.Name == "any") {
		return t
	}
	return nullableOf(t)
}

// isRawJSON reports whether t is json.RawMessage, which holds any JSON value null included.
func isRawJSON(t *model.TypeRef) bool {
	return t != nil && t.Kind == model.RefNamed && t.ImportPath == "encoding/json" && t.Name == "RawMessage"
}

func stringType(s *openapi3.Schema) *model.TypeRef {
	switch s.Format {
	case "date-time":
		return qual("time", "Time")
	case "date":
		return runtimeType("Date")
	case "decimal", "money":
		return runtimeType("DecimalString") // a JSON string, unlike Decimal (a JSON number)
	// format: currency on a string is the ISO 4217 code in the specs that use it (Twilio's price_unit: "USD"), not
	// an amount: a DecimalString refused "USD" and so the whole response. On a number it is an amount (above).
	case "byte":
		return sliceOf(builtin("byte"))
	}
	return builtin("string")
}

// fill completes a declared type from its schema.
func (b *builder) fill(t *model.Type, s *openapi3.Schema, ptr string) {
	if b.filling[t] {
		return
	}
	b.filling[t] = true
	for _, ext := range []string{"x-opgen-json-string", "x-opgen-sibling-discriminator"} {
		if _, ok := s.Extensions[ext]; ok {
			defer func() {
				if t.Kind != model.KindUnion {
					b.downgrade(ptr, t.Name, ext+" applies to a oneOf; ignored here")
				}
			}()
		}
	}
	t.Doc = b.schemaDoc(s, t.Name, ptr)
	if v, ok := s.Extensions["x-go-type"].(string); ok && v != "" && !validGoType(v) {
		b.downgrade(ptr, t.Name, fmt.Sprintf("x-go-type %q is not a Go type (Name, import/path.Name, []T, *T, map[string]T); ignored", v))
	} else if ok && v != "" {
		// The user's own type stands in; the component's name stays usable as an alias of it.
		t.Kind = model.KindAlias
		t.Underlying = b.goTypeRef(v, s.Extensions, ptr)
		return
	}
	if d := s.Discriminator; d != nil && d.PropertyName != "" && len(s.OneOf) == 0 && len(s.AnyOf) == 0 && b.comp[s] == t {
		if children := b.discriminatorChildren(s, t); len(children) > 0 {
			b.fillParentUnion(t, s, ptr, children)
			return
		}
	}
	switch {
	case len(s.AllOf) > 0 && len(s.Properties) == 0 && len(s.Enum) == 0 && s.Const == nil && len(s.OneOf) == 0 &&
		len(s.AnyOf) == 0 && !b.embedsMember(s) && b.allOfOneMember(t, s, ptr):
	case len(s.AllOf) > 0:
		b.fillStruct(t, s, ptr)
	case len(s.Properties) == 0 && len(s.Enum) == 0 && s.Const == nil && b.oneMember(t, s, ptr):
	case len(nonNull(s.OneOf)) > 1:
		b.fillUnion(t, s, nonNull(s.OneOf), ptr, "oneOf", true)
	case len(nonNull(s.AnyOf)) > 1:
		b.fillUnion(t, s, nonNull(s.AnyOf), ptr, "anyOf", false)
	case len(s.Enum) > 0 || s.Const != nil:
		b.fillEnum(t, s, ptr)
	case len(types(s)) > 1:
		b.fillTypeUnion(t, s, ptr)
	case len(s.Properties) > 0 || (s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has):
		b.fillStruct(t, s, ptr)
	default:
		u := b.exprOf(s, t.Name, ptr)
		t.Underlying = u
		if u.Kind == model.RefNamed {
			// Decimal, time.Time, other declared types: an alias keeps their methods.
			t.Kind = model.KindAlias
		} else {
			t.Kind = model.KindNamed
		}
	}
}

// bareSchema reports whether s only annotates or constrains a value (type, format, nullable, description, limits)
// without giving it a structure of its own: no properties, items, additionalProperties, enum, const, required,
// composition or $ref'd type. An allOf member that is bare contributes no Go type of its own.
func bareSchema(s *openapi3.Schema) bool {
	return len(s.Properties) == 0 && s.Items == nil && s.AdditionalProperties.Schema == nil &&
		s.AdditionalProperties.Has == nil && len(s.Enum) == 0 && s.Const == nil && len(s.Required) == 0 &&
		len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) == 0 && s.Not == nil && s.Discriminator == nil &&
		s.Extensions["x-go-type"] == nil
}

// allOfShaped is what an allOf's members amount to.
type allOfShaped struct {
	member   *openapi3.SchemaRef // the one member whose type the allOf takes (nil: merge objects, or conflict)
	ptr      string              // its pointer
	conflict bool                // the members cannot all hold: reported, the value is kept as raw JSON
}

// allOfShape decides what an allOf with no properties of its own is. Members that are bare (nullable: true, a
// description, constraints) shape nothing. When one member is left, or every shaping member is the same
// non-object JSON type, the allOf takes that member's type: allOf: [{$ref: Name}, {nullable: true}] is a
// nullable Name, never a struct. Members of different JSON types (a string and an object) cannot all hold: that
// is reported and the value kept as raw JSON. Object members are merged into one struct (member nil).
func (b *builder) allOfShape(s *openapi3.Schema, ptr, name string) allOfShaped {
	var shaping []int
	kinds := map[string][]string{} // JSON kind -> member pointers
	for i, m := range s.AllOf {
		if m == nil || m.Value == nil {
			continue
		}
		p := fmt.Sprintf("%s/allOf/%d", ptr, i)
		if k := kindClass(b.memberKind(m.Value)); k != "" {
			kinds[k] = append(kinds[k], p)
		}
		if m.Ref != "" || !bareSchema(m.Value) {
			shaping = append(shaping, i)
		}
	}
	if own := types(s); len(own) == 1 {
		k := kindClass(own[0])
		kinds[k] = append(kinds[k], ptr+"/type")
	}
	if len(kinds) > 1 {
		var parts []string
		for _, k := range naming.SortedKeys(kinds) {
			parts = append(parts, k+" ("+strings.Join(kinds[k], ", ")+")")
		}
		b.downgrade(ptr, name, "allOf members of different JSON types cannot all hold: "+strings.Join(parts, " and ")+
			"; generated as json.RawMessage, which keeps any value as received")
		return allOfShaped{conflict: true}
	}
	if len(shaping) == 1 {
		i := shaping[0]
		p := fmt.Sprintf("%s/allOf/%d", ptr, i)
		return allOfShaped{member: s.AllOf[i], ptr: p}
	}
	if len(shaping) == 0 {
		// Only bare members: the first that has a type says what the value is (integer before number: it is the
		// narrower of the two).
		for i, m := range s.AllOf {
			if m != nil && m.Value != nil && len(types(m.Value)) == 1 && types(m.Value)[0] == "integer" {
				return allOfShaped{member: m, ptr: fmt.Sprintf("%s/allOf/%d", ptr, i)}
			}
		}
		for i, m := range s.AllOf {
			if m != nil && m.Value != nil && len(types(m.Value)) == 1 {
				return allOfShaped{member: m, ptr: fmt.Sprintf("%s/allOf/%d", ptr, i)}
			}
		}
		return allOfShaped{}
	}
	if _, obj := kinds["object"]; obj || len(kinds) == 0 {
		return allOfShaped{}
	}
	// Several shaping members of one non-object type (a $ref'd enum narrowed by another): the first $ref names
	// the type, or the first member when none is a $ref.
	for _, i := range shaping {
		if s.AllOf[i].Ref != "" {
			return allOfShaped{member: s.AllOf[i], ptr: fmt.Sprintf("%s/allOf/%d", ptr, i)}
		}
	}
	i := shaping[0]
	return allOfShaped{member: s.AllOf[i], ptr: fmt.Sprintf("%s/allOf/%d", ptr, i)}
}

// kindClass puts integer with number: an integer member narrows a number one, it does not contradict it.
func kindClass(k string) string {
	if k == "integer" {
		return "number"
	}
	return k
}

// memberKind is the JSON type an allOf member requires, or "" when it does not say.
func (b *builder) memberKind(s *openapi3.Schema) string {
	if ts := types(s); len(ts) == 1 {
		return ts[0]
	} else if len(ts) > 1 {
		return ""
	}
	switch {
	case len(s.Properties) > 0 || s.AdditionalProperties.Schema != nil || s.AdditionalProperties.Has != nil:
		return "object"
	case s.Items != nil:
		return "array"
	case len(s.Enum) > 0:
		if vt := valueTypes(s.Enum); len(vt) == 1 {
			return vt[0]
		}
	}
	if len(s.AllOf) > 0 {
		sh := allOfKinds(b, s, map[*openapi3.Schema]bool{})
		if len(sh) == 1 {
			return sh[0]
		}
	}
	return ""
}

// allOfKinds lists the JSON types an allOf's members require (for a member that is itself an allOf).
func allOfKinds(b *builder, s *openapi3.Schema, seen map[*openapi3.Schema]bool) []string {
	if seen[s] {
		return nil
	}
	seen[s] = true
	kinds := map[string]bool{}
	if len(s.Properties) > 0 {
		kinds["object"] = true
	}
	for _, m := range s.AllOf {
		if m == nil || m.Value == nil {
			continue
		}
		if len(m.Value.AllOf) > 0 && len(types(m.Value)) == 0 {
			for _, k := range allOfKinds(b, m.Value, seen) {
				kinds[k] = true
			}
			continue
		}
		if k := kindClass(b.memberKind(m.Value)); k != "" {
			kinds[k] = true
		}
	}
	return naming.SortedKeys(kinds)
}

// allOfOneMember fills a declared type whose allOf takes one member's type (see allOfShape): an alias of a
// named type, or a named type over a type expression. It reports false when the members merge into a struct.
func (b *builder) allOfOneMember(t *model.Type, s *openapi3.Schema, ptr string) bool {
	sh := b.allOfShape(s, ptr, t.Name)
	if sh.conflict {
		t.Kind = model.KindAlias
		t.Underlying = rawJSON()
		return true
	}
	if sh.member == nil {
		return false
	}
	if sh.member.Value == nil || isDiscriminatorParent(sh.member.Value) {
		// A child of a discriminated parent is a struct of its own even when it adds no field: an alias of the
		// parent (a union of its children) would decode into itself.
		return false
	}
	u := b.typeOf(sh.member, t.Name+"Value", sh.ptr)
	t.Underlying = u
	if u.Kind == model.RefNamed {
		t.Kind = model.KindAlias
	} else {
		t.Kind = model.KindNamed
	}
	return true
}

// oneMember declares a component that is a oneOf/anyOf of one schema besides null (oneOf: [$ref: Cat, type: null],
// the 3.1 way to write a nullable reference) as that schema's type, as allOf: [$ref, nullable] is: where it is
// used, the null it allows makes the field, element or body nullable. Raw JSON would lose the member's type.
func (b *builder) oneMember(t *model.Type, s *openapi3.Schema, ptr string) bool {
	var alt *openapi3.SchemaRef
	var p string
	switch {
	case len(s.AnyOf) == 0 && len(nonNull(s.OneOf)) == 1:
		alt, p = nonNull(s.OneOf)[0], ptr+"/oneOf/"+strconv.Itoa(slices.Index(s.OneOf, nonNull(s.OneOf)[0]))
	case len(s.OneOf) == 0 && len(nonNull(s.AnyOf)) == 1:
		alt, p = nonNull(s.AnyOf)[0], ptr+"/anyOf/"+strconv.Itoa(slices.Index(s.AnyOf, nonNull(s.AnyOf)[0]))
	default:
		return false
	}
	if alt.Value == nil {
		return false
	}
	u := b.typeOf(alt, t.Name+"Value", p)
	t.Underlying = u
	if u.Kind == model.RefNamed {
		t.Kind = model.KindAlias
	} else {
		t.Kind = model.KindNamed
	}
	return true
}

// isDiscriminatorParent reports whether s is a base schema with a discriminator whose children extend it with
// allOf (the 3.x spelling without oneOf, and Swagger 2.0's discriminator).
func isDiscriminatorParent(s *openapi3.Schema) bool {
	return s.Discriminator != nil && s.Discriminator.PropertyName != "" && len(s.OneOf) == 0 && len(s.AnyOf) == 0
}

// discriminatorChild is one subtype of a discriminated parent.
type discriminatorChild struct {
	name   string // component name
	schema *openapi3.SchemaRef
	values []string
}

// discriminatorChildren lists the subtypes of a discriminated parent, sorted by component name: the mapping's
// targets, with their values, and every component whose allOf references the parent, under its own name (the
// implicit mapping). Mapped values are never also given implicitly.
func (b *builder) discriminatorChildren(s *openapi3.Schema, parent *model.Type) []*discriminatorChild {
	if b.doc.Components == nil {
		return nil
	}
	schemas := b.doc.Components.Schemas
	parentRef := parent.Pointer
	byName := map[string]*discriminatorChild{}
	for _, v := range naming.SortedKeys(s.Discriminator.Mapping) {
		ref := s.Discriminator.Mapping[v].Ref
		name := ref[strings.LastIndex(ref, "/")+1:]
		if !strings.HasPrefix(ref, "#/components/schemas/") && strings.ContainsAny(ref, "/.") {
			continue // another file: not a component of this package
		}
		sr := schemas[unescapePointer(name)]
		if sr == nil || sr.Value == nil || sr.Value == s {
			continue
		}
		c := byName[name]
		if c == nil {
			c = &discriminatorChild{name: name, schema: sr}
			byName[name] = c
		}
		c.values = append(c.values, v)
	}
	for _, name := range naming.SortedKeys(schemas) {
		sr := schemas[name]
		if sr == nil || sr.Value == nil || sr.Value == s || byName[name] != nil {
			continue
		}
		if extends(sr.Value, s, parentRef, map[*openapi3.Schema]bool{}) {
			byName[name] = &discriminatorChild{name: name, schema: sr, values: []string{name}}
		}
	}
	var out []*discriminatorChild
	for _, name := range naming.SortedKeys(byName) {
		out = append(out, byName[name])
	}
	return out
}

// extends reports whether s reaches parent through allOf, directly or through another subtype (Lion: allOf
// [Cat], Cat: allOf [Pet]).
func extends(s, parent *openapi3.Schema, parentRef string, seen map[*openapi3.Schema]bool) bool {
	if seen[s] {
		return false
	}
	seen[s] = true
	for _, m := range s.AllOf {
		if m == nil || m.Value == nil {
			continue
		}
		if m.Value == parent || (parentRef != "" && m.Ref == parentRef) || extends(m.Value, parent, parentRef, seen) {
			return true
		}
	}
	return false
}

// unescapePointer undoes escapePointer on one token.
func unescapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// fillParentUnion makes a discriminated parent a union of its subtypes, so that an operation returning the parent
// decodes into the child the payload names, with the child's own fields. The parent's own fields are the Base
// variant (a payload naming the parent itself); a value the spec does not list is kept raw in Unknown.
func (b *builder) fillParentUnion(t *model.Type, s *openapi3.Schema, ptr string, children []*discriminatorChild) {
	t.Kind = model.KindUnion
	prop := s.Discriminator.PropertyName
	u := &model.Union{OneOf: true, Discriminator: prop}
	vs := naming.NewScope()
	vs.Reserve("MarshalJSON", "UnmarshalJSON", "String", "Value")
	variant := func(sr *openapi3.SchemaRef, ref *model.TypeRef, values []string, vptr string) {
		v := &model.Variant{Type: ref, JSONKind: "object", DiscriminatorValues: values}
		v.Name = vs.Claim(trimUnionName(refName(ref, len(u.Variants)), t.Name), "Variant")
		c := &collected{props: map[string]*openapi3.SchemaRef{}, ptrs: map[string]string{}, required: map[string]bool{}}
		b.collect(sr.Value, vptr, c, 0)
		v.Known = naming.SortedKeys(c.props)
		v.Required = naming.SortedKeys(c.required)
		u.Variants = append(u.Variants, v)
	}
	base := &model.Type{Name: b.scope.Claim(t.Name+"Base", "Fields"), Pointer: ptr}
	b.types = append(b.types, base)
	b.filling[base] = true
	b.fillStruct(base, s, ptr)
	base.Doc = []string{base.Name + " holds the fields " + t.Name + " declares itself: a payload whose " + strconv.Quote(prop) +
		" names " + t.Name + " rather than one of its subtypes.", "", "Spec: " + ptr}
	selfName := ptr[strings.LastIndex(ptr, "/")+1:]
	variant(&openapi3.SchemaRef{Value: s}, named(base), []string{unescapePointer(selfName)}, ptr)
	for _, c := range children {
		cptr := "#/components/schemas/" + escapePointer(c.name)
		variant(c.schema, b.typeOf(&openapi3.SchemaRef{Ref: cptr, Value: c.schema.Value}, c.name, cptr), c.values, cptr)
	}
	u.Unknown = vs.Claim("Unknown", "Raw")
	t.Union = u
}

// collected is an object schema with allOf flattened.
type collected struct {
	props    map[string]*openapi3.SchemaRef
	ptrs     map[string]string
	required map[string]bool
	extra    *openapi3.SchemaRef
	closed   bool
	// kinds holds, per property, the JSON types its declarations require and where: two of them is a
	// contradiction (an allOf member types it string, another integer).
	kinds map[string]map[string]string
	// seen holds the schemas already collected: an allOf cycle (A: allOf [A]) ends, and a schema reached twice
	// (A: allOf [B, B], or diamonds) is merged once instead of exponentially often.
	seen map[*openapi3.Schema]bool
}

func (b *builder) collect(s *openapi3.Schema, ptr string, c *collected, depth int) {
	if depth > 64 || c.seen[s] {
		return
	}
	if c.seen == nil {
		c.seen = map[*openapi3.Schema]bool{}
	}
	c.seen[s] = true
	for i, part := range s.AllOf {
		if part == nil || part.Value == nil {
			continue
		}
		p := fmt.Sprintf("%s/allOf/%d", ptr, i)
		if part.Ref != "" {
			p = part.Ref
		}
		b.collect(part.Value, p, c, depth+1)
	}
	for _, k := range naming.SortedKeys(s.Properties) {
		if p := s.Properties[k]; p != nil && p.Value != nil {
			if kd := kindClass(b.memberKind(p.Value)); kd != "" {
				if c.kinds == nil {
					c.kinds = map[string]map[string]string{}
				}
				if c.kinds[k] == nil {
					c.kinds[k] = map[string]string{}
				}
				if _, ok := c.kinds[k][kd]; !ok {
					c.kinds[k][kd] = ptr + "/properties/" + escapePointer(k)
				}
			}
		}
		if prev, ok := c.props[k]; ok && prev != s.Properties[k] && prev.Value != s.Properties[k].Value {
			// Later allOf members refine earlier ones; the last declaration wins.
			c.ptrs[k] = ptr + "/properties/" + escapePointer(k)
		}
		c.props[k] = s.Properties[k]
		if _, ok := c.ptrs[k]; !ok {
			c.ptrs[k] = ptr + "/properties/" + escapePointer(k)
		}
	}
	for _, r := range s.Required {
		c.required[r] = true
	}
	if s.AdditionalProperties.Schema != nil {
		c.extra = s.AdditionalProperties.Schema
	}
	if s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has {
		c.closed = true
	}
}

var builtinSensitive = map[string]bool{
	"card_number": true, "cvv": true, "cvv2": true, "cvc": true, "password": true, "secret": true,
	"private_key": true, "secret_key": true,
}

func (b *builder) fillStruct(t *model.Type, s *openapi3.Schema, ptr string) {
	t.Kind = model.KindStruct
	c := &collected{props: map[string]*openapi3.SchemaRef{}, ptrs: map[string]string{}, required: map[string]bool{},
		seen: map[*openapi3.Schema]bool{}}
	fields := naming.NewScope()
	// Methods a struct may get; fields must not take their names.
	fields.Reserve("MarshalJSON", "UnmarshalJSON", "String", "Error", "Valid", "Values")
	// A decoded object keeps what its fields cannot hold (markRest may take it back for a request-only type):
	// the accessor's name is taken before any property's, so that neither can shadow the other.
	t.Rest = &model.Rest{Field: fields.Claim("opgRest"), Accessor: fields.Claim(restAccessor)}
	for _, e := range b.embedMembers(t, s, ptr) {
		// The member's fields come with its struct, promoted: they are not copied (collect skips the schema).
		c.seen[e.sr.Value] = true
		fields.Reserve(e.ref.Name)
		t.Fields = append(t.Fields, &model.Field{Name: e.ref.Name, Type: e.ref, Embedded: true, Promoted: true,
			Doc: []string{e.ref.Name + " holds the fields " + t.Name + " shares with the other types built on it (x-opgen-embed)."}})
	}
	b.collect(s, ptr, c, 0)
	for _, f := range t.Fields {
		if !f.Embedded {
			continue
		}
		for _, g := range f.Type.Decl.JSONFields() {
			if p, ok := c.ptrs[g.JSONName]; ok {
				b.downgrade(p, t.Name+"."+g.JSONName, "declared again beside the embedded "+f.Name+
					" (x-opgen-embed): the value decodes into "+t.Name+"'s own field, and "+f.Name+"."+g.Name+" stays unset")
			}
		}
	}
	for k, sr := range c.props {
		if sr != nil && sr.Value != nil && isSensitive(sr.Value, k) {
			// The struct may print itself masked (fmt.Formatter, below): no field may be called Format.
			fields.Reserve("Format")
			break
		}
	}
	for _, k := range naming.SortedKeys(c.props) {
		sr := c.props[k]
		if sr == nil || sr.Value == nil {
			continue
		}
		p := c.ptrs[k]
		if !tagSafe(k) {
			// encoding/json cannot name this property in a struct tag; it travels in the extra-properties map.
			b.downgrade(p, t.Name+"."+k, "property name cannot be a Go struct tag; kept in the AdditionalProperties map as raw JSON")
			if c.extra == nil || c.extra.Value == nil || !isAnySchema(c.extra.Value) {
				// A typed additionalProperties schema need not fit this property's value: the map holds raw JSON.
				if c.extra != nil {
					b.downgrade(ptr+"/additionalProperties", t.Name, "the extra-properties map also carries property "+
						strconv.Quote(k)+", so it holds raw JSON instead of the additionalProperties type")
				}
				c.extra = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
			}
			continue
		}
		goName := b.goTypeName(sr.Value.Extensions, k, "Field")
		if sr.Ref != "" && sr.Value.Extensions["x-go-name"] != nil {
			goName = b.goTypeName(nil, k, "Field")
		}
		f := &model.Field{
			Name:      fields.Claim(goName, "Field"),
			JSONName:  k,
			Required:  c.required[k],
			Nullable:  nullable(sr),
			ReadOnly:  sr.Value.ReadOnly,
			WriteOnly: sr.Value.WriteOnly && !sr.Value.ReadOnly,
			Format:    sr.Value.Format,
		}
		// A writeOnly property never comes back: required or not, it is optional in Go, so that a decoded
		// response re-encodes without a zero value the server never sent.
		requiredOnSend := f.Required && f.WriteOnly
		if f.WriteOnly {
			f.Required = false
		}
		var base *model.TypeRef
		if kinds := c.kinds[k]; len(kinds) > 1 {
			var parts []string
			for _, kd := range naming.SortedKeys(kinds) {
				parts = append(parts, kd+" at "+kinds[kd])
			}
			b.downgrade(p, t.Name+"."+k, "property typed two ways by allOf members ("+strings.Join(parts, ", ")+
				"); generated as json.RawMessage, which keeps any value as received")
			base = rawJSON()
		} else {
			base = b.typeOf(sr, inlineName(t.Name, b.namer.Join(k)), p)
		}
		f.Type, f.Omit = fieldType(base, f.Required, f.Nullable)
		f.Check = b.numberCheck(sr.Value, base, p, t.Name+"."+k)
		if len(c.kinds[k]) <= 1 {
			f.WireForms, f.WireEnum = b.wireForms(sr, p)
		}
		f.Doc = fieldDoc(sr.Value, f, base)
		if requiredOnSend {
			f.Doc = append(f.Doc, "Required in requests; write-only: never returned.")
		}
		if f.Required && !f.Nullable {
			f.Const = constOf(sr.Value, base)
		}
		if isSensitive(sr.Value, k) {
			f.Sensitive = true
			b.sensitive[k] = true
			// fmt prints a nested pointer as an address, never what it points to: only values need masking.
			t.MaskedFormat = t.MaskedFormat || f.Type.Kind != model.RefPointer
		}
		t.Fields = append(t.Fields, f)
	}
	b.resolveCurrencies(t, c.ptrs)
	if c.extra != nil {
		base := b.elemType(c.extra, t.Name+"Value", ptr+"/additionalProperties")
		// The map holds the undeclared members, typed: no accessor for them raw.
		t.Rest.Accessor = ""
		t.Extra = &model.Field{
			Name: fields.Claim("AdditionalProperties", "Extra"),
			Type: mapOf(base),
			Doc:  []string{"AdditionalProperties holds the properties the spec does not declare by name."},
		}
	}
	b.resolveTagged(t, ptr)
}

// resolveTagged finds, for each field of t holding a union tagged by a sibling property
// (x-opgen-sibling-discriminator), that sibling: a string or string enum, optional or not. A missing or unfit
// sibling fails the build; a union that is nullable or held in an extra-properties struct is decoded by its shape
// alone, as reported.
func (b *builder) resolveTagged(t *model.Type, ptr string) {
	for _, f := range t.Fields {
		ft := f.Type
		if ft.Kind == model.RefPointer {
			ft = ft.Elem
		}
		if f.Type.Kind == model.RefNullable && f.Type.Elem.Decl != nil && f.Type.Elem.Decl.Union != nil && f.Type.Elem.Decl.Union.Sibling != "" {
			b.downgrade(ptr+"/properties/"+escapePointer(f.JSONName), t.Name+"."+f.JSONName,
				"x-opgen-sibling-discriminator on a nullable property is not supported: the value decodes by its shape")
			continue
		}
		if ft.Kind != model.RefNamed || ft.Decl == nil || ft.Decl.Union == nil || ft.Decl.Union.Sibling == "" {
			continue
		}
		name := ft.Decl.Union.Sibling
		var tag *model.Field
		for _, g := range t.JSONFields() {
			if g.JSONName == name {
				tag = g
			}
		}
		at := ptr + "/properties/" + escapePointer(f.JSONName)
		if tag == nil || !stringTag(tag.Type) {
			what := "which " + t.Name + " does not declare"
			if tag != nil {
				what = "which is not a string"
			}
			b.fail(at, fmt.Sprintf("x-opgen-sibling-discriminator names property %q, %s", name, what))
			return
		}
		if t.Extra != nil {
			b.downgrade(at, t.Name+"."+f.JSONName, "x-opgen-sibling-discriminator in an object keeping additional properties is not supported: the value decodes by its shape")
			continue
		}
		t.Tagged = append(t.Tagged, &model.SiblingTagged{Field: f, Tag: tag})
	}
}

// stringTag reports whether a field's type reads as a string: string, a string enum, or Opt of one.
func stringTag(r *model.TypeRef) bool {
	if r.Kind == model.RefOptional {
		r = r.Elem
	}
	switch {
	case r.Kind == model.RefBuiltin:
		return r.Name == "string"
	case r.Kind == model.RefNamed && r.ImportPath == "" && r.Decl != nil:
		return r.Decl.Enum != nil && r.Decl.Enum.Base == "string" || r.Decl.Kind == model.KindNamed && r.Decl.Underlying != nil &&
			r.Decl.Underlying.Kind == model.RefBuiltin && r.Decl.Underlying.Name == "string"
	}
	return false
}

// embedMember is an allOf member a struct embeds instead of copying its fields (x-opgen-embed).
type embedMember struct {
	sr  *openapi3.SchemaRef
	ref *model.TypeRef
}

// embedsMember reports whether one of s's own allOf members is a component marked x-opgen-embed: the schema is
// then a struct embedding it, even when it adds no property (an alias would make it the same type).
func (b *builder) embedsMember(s *openapi3.Schema) bool {
	for _, part := range s.AllOf {
		if part != nil && part.Value != nil && part.Ref != "" && embedMarked(part.Value) {
			return true
		}
	}
	return false
}

func embedMarked(s *openapi3.Schema) bool {
	v, ok := s.Extensions["x-opgen-embed"].(bool)
	return ok && v
}

// embedMembers returns the allOf members of s that t embeds: $refs to a component marked `x-opgen-embed: true`
// whose struct can be embedded. A member that cannot (it would bring JSON, fmt or error methods that Go would
// promote into t, replacing t's own encoding or printing) is reported and its fields are copied as before.
func (b *builder) embedMembers(t *model.Type, s *openapi3.Schema, ptr string) []embedMember {
	var out []embedMember
	seen := map[*openapi3.Schema]bool{}
	for i, part := range s.AllOf {
		if part == nil || part.Value == nil || part.Ref == "" || !embedMarked(part.Value) || seen[part.Value] {
			continue
		}
		seen[part.Value] = true
		p := fmt.Sprintf("%s/allOf/%d", ptr, i)
		if why := notEmbeddable(part.Value); why != "" {
			b.downgrade(p, t.Name, "x-opgen-embed on "+part.Ref+" ignored: "+why+"; its fields are copied into "+t.Name)
			continue
		}
		ref := b.typeOf(part, t.Name+"Base", p)
		if ref.Kind != model.RefNamed || ref.ImportPath != "" || ref.Decl == nil || ref.Decl.Kind != model.KindStruct {
			b.downgrade(p, t.Name, "x-opgen-embed on "+part.Ref+" ignored: it is not generated as a struct; its fields are copied into "+t.Name)
			continue
		}
		if ref.Decl == t {
			continue
		}
		out = append(out, embedMember{sr: part, ref: ref})
	}
	return out
}

// notEmbeddable says why a schema marked x-opgen-embed cannot be embedded ("" when it can): Go promotes an
// embedded struct's methods, so a member that gets MarshalJSON (extra properties, constants), Format (sensitive
// fields) or Error would take over the embedding struct's.
func notEmbeddable(s *openapi3.Schema) string {
	switch {
	case len(s.Properties) == 0:
		return "it declares no properties"
	case len(s.OneOf) > 0 || len(s.AnyOf) > 0 || s.Discriminator != nil:
		return "it is a union"
	case s.AdditionalProperties.Schema != nil || (s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has):
		return "it keeps additional properties (its JSON methods would replace the embedding struct's)"
	case s.Extensions["x-go-type"] != nil:
		return "it is replaced by x-go-type"
	}
	for _, k := range naming.SortedKeys(s.Properties) {
		p := s.Properties[k]
		if p == nil || p.Value == nil {
			continue
		}
		if isSensitive(p.Value, k) {
			return "property " + strconv.Quote(k) + " is sensitive (its masked Format would replace the embedding struct's)"
		}
		if slices.Contains(s.Required, k) && (p.Value.Const != nil || len(p.Value.Enum) == 1) {
			return "required property " + strconv.Quote(k) + " is a constant (its MarshalJSON would replace the embedding struct's)"
		}
		if p.Value.Extensions[wireform.Extension] != nil {
			return "property " + strconv.Quote(k) + " accepts alternative wire forms (x-opgen-also-accept: its UnmarshalJSON would replace the embedding struct's)"
		}
	}
	return ""
}

// wireForms reads x-opgen-also-accept on a property (or the schema its $ref names): the alternative JSON forms its
// decoder accepts, and the enum's values for "any-case". A malformed extension fails the build at its pointer.
func (b *builder) wireForms(sr *openapi3.SchemaRef, ptr string) ([]string, []string) {
	forms, err := wireform.Of(sr.Value)
	if err != nil {
		if sr.Ref != "" && strings.HasPrefix(sr.Ref, "#/") {
			ptr = sr.Ref
		}
		b.fail(ptr+"/"+escapePointer(wireform.Extension), err.Error())
		return nil, nil
	}
	var names, enum []string
	for _, f := range forms {
		names = append(names, string(f))
	}
	if forms.Has(wireform.AnyCase) {
		enum = wireform.EnumStrings(sr.Value)
	}
	return names, enum
}

// inlineName names a property's inline type after its parent, without repeating the parent's name:
// Charge.status -> ChargeStatus, Error.error_code -> ErrorCode.
func inlineName(parent, prop string) string {
	if strings.HasPrefix(prop, parent) && len(prop) > len(parent) {
		return prop
	}
	return parent + prop
}

// isAnySchema reports whether s accepts any JSON value (no type and no constraints that shape a Go type).
func isAnySchema(s *openapi3.Schema) bool {
	return s.Type == nil && len(s.Properties) == 0 && s.Items == nil && len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) == 0 &&
		len(s.Enum) == 0 && s.Const == nil && s.AdditionalProperties.Schema == nil
}

// tagSafe reports whether a JSON property name can stand in a struct tag that encoding/json and vet accept.
func tagSafe(name string) bool {
	if name == "" || name == "-" {
		return false
	}
	for _, r := range name {
		switch {
		case r == ' ':
			// encoding/json takes it, but vet's structtag check flags a space in a tag value.
			return false
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~", r):
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			// encoding/json ignores a tag name with any other rune (an emoji, a quote, a comma) and would match
			// the field by its Go name instead: the property would be silently lost.
			return false
		}
	}
	return true
}

// fieldType applies the optional/nullable scheme (docs/TYPES.md): required values are plain; optional scalars are
// Opt[T] (read as a value, absence detectable, sent only when set, a decoded zero re-encoded); optional objects and
// unions are pointers; slices and maps stay as they are, omitted when nil; nullable ones are Nullable[T], which tells
// null from absent.
func fieldType(base *model.TypeRef, required, isNullable bool) (*model.TypeRef, model.OmitKind) {
	if isNullable {
		if required {
			return nullableOf(base), model.OmitNone
		}
		return nullableOf(base), model.OmitZero
	}
	if required {
		return base, model.OmitNone
	}
	switch base.Kind {
	case model.RefSlice, model.RefMap:
		return base, model.OmitZero
	case model.RefNamed:
		if base.ImportPath == "encoding/json" && base.Name == "RawMessage" {
			return base, model.OmitZero
		}
		if d := base.Decl; d != nil && (d.Kind == model.KindNamed || d.Kind == model.KindAlias) && d.Underlying != nil &&
			(d.Underlying.Kind == model.RefSlice || d.Underlying.Kind == model.RefMap) {
			return base, model.OmitZero
		}
	}
	if optScalar(base, 0) {
		return optionalOf(base), model.OmitZero
	}
	return ptrTo(base), model.OmitEmpty
}

// optScalar reports whether an optional field of this type is an Opt: a comparable scalar whose zero value is a
// legitimate value (a string, number, bool, enum, Decimal, Date or time.Time, or a named type over one).
func optScalar(t *model.TypeRef, depth int) bool {
	if t == nil || depth > 16 {
		return false
	}
	switch t.Kind {
	case model.RefBuiltin:
		switch t.Name {
		case "string", "bool", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
			"float32", "float64":
			return true
		}
		return false
	case model.RefNamed:
	default:
		return false
	}
	if t.ImportPath != "" {
		return t.ImportPath == "time" && t.Name == "Time"
	}
	d := t.Decl
	if d == nil {
		// A runtime type (or the user's own, from x-go-type, which may not be comparable).
		return t.Name == "Decimal" || t.Name == "DecimalString" || t.Name == "Date"
	}
	switch d.Kind {
	case model.KindEnum:
		return true
	case model.KindNamed, model.KindAlias:
		return optScalar(d.Underlying, depth+1)
	}
	return false
}

func isSensitive(s *openapi3.Schema, name string) bool {
	if v, ok := s.Extensions["x-opgen-sensitive"].(bool); ok {
		return v
	}
	return s.WriteOnly || s.Format == "password" || builtinSensitive[strings.ToLower(name)]
}

func fieldDoc(s *openapi3.Schema, f *model.Field, base *model.TypeRef) []string {
	doc := docLines(s.Description)
	if len(doc) == 0 && s.Title != "" {
		doc = docLines(s.Title)
	}
	doc = fieldLead(f.Name, doc, f.JSONName)
	if c := constraintDoc(s); c != "" {
		doc = append(doc, c)
	}
	doc = append(doc, docNote(s.Extensions)...)
	if f.Required && f.Nullable {
		doc = append(doc, "Required; may be null.")
	} else if f.Required {
		doc = append(doc, "Required.")
	}
	if s.ReadOnly {
		doc = append(doc, "Read-only: set by the server.")
	}
	if s.Deprecated {
		if len(doc) > 0 {
			doc = append(doc, "") // a paragraph of its own, as go doc expects; no blank line opening the comment
		}
		doc = append(doc, "Deprecated: the spec marks this field deprecated.")
	}
	return doc
}

// valueTypes returns, sorted, the JSON types of an enum's values (null left out); integer and number make number.
func valueTypes(values []any) []string {
	kinds := map[string]bool{}
	for _, v := range values {
		switch x := v.(type) {
		case nil:
		case string:
			kinds["string"] = true
		case bool:
			kinds["boolean"] = true
		case float64:
			if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
				kinds["integer"] = true
			} else {
				kinds["number"] = true
			}
		case int, int64:
			kinds["integer"] = true
		case []any:
			kinds["array"] = true
		default:
			kinds["object"] = true
		}
	}
	if kinds["integer"] && kinds["number"] {
		delete(kinds, "integer")
	}
	return naming.SortedKeys(kinds)
}

func (b *builder) fillEnum(t *model.Type, s *openapi3.Schema, ptr string) {
	values := s.Enum
	if s.Const != nil {
		values = []any{s.Const}
	}
	base := "string"
	ts := types(s)
	typ := s.Type
	if len(ts) == 0 {
		// No type (common with const in 3.1): the values' JSON kind is the type, so `const: 2` decodes 2.
		ts = valueTypes(values)
		if len(ts) > 1 {
			b.downgrade(ptr, t.Name, "enum of values of several JSON types ("+strings.Join(ts, ", ")+") without a type: generated as json.RawMessage, values listed in the doc")
			// An alias: a defined type would lose json.RawMessage's methods and travel as base64.
			t.Kind = model.KindAlias
			t.Underlying = rawJSON()
			t.Doc = append(t.Doc, "", "Values: "+enumList(values))
			return
		}
		if len(ts) == 1 {
			typ = &openapi3.Types{ts[0]}
		}
	}
	if len(ts) == 1 && ts[0] == "integer" {
		base = "int64"
	}
	if len(ts) == 1 && (ts[0] == "number" || ts[0] == "boolean" || ts[0] == "object" || ts[0] == "array") {
		// Only string and integer enums become constants; other enums keep their plain type.
		b.downgrade(ptr, t.Name, "enum of "+ts[0]+" values: generated as the plain type, values listed in the doc")
		t.Kind = model.KindNamed
		t.Underlying = b.exprOf(&openapi3.Schema{Type: typ, Format: s.Format, Items: s.Items,
			AdditionalProperties: s.AdditionalProperties}, t.Name, ptr)
		if t.Underlying.Kind == model.RefNamed {
			t.Kind = model.KindAlias
		}
		t.Doc = append(t.Doc, "", "Values: "+enumList(values))
		return
	}
	if len(ts) == 1 && len(types(s)) == 1 {
		// Values of another JSON type than the schema's (["1","2"] under type: integer) say two things at once:
		// the constants follow the type, and the report says which values were converted.
		var odd []string
		for _, v := range values {
			if v == nil {
				continue
			}
			vk := valueTypes([]any{v})
			if len(vk) == 1 && vk[0] != ts[0] && !(ts[0] == "number" && vk[0] == "integer") {
				j, _ := json.Marshal(v)
				odd = append(odd, string(j)+" ("+vk[0]+")")
			}
		}
		if len(odd) > 0 {
			b.downgrade(ptr, t.Name, "enum values of another JSON type than the schema's type "+ts[0]+": "+
				strings.Join(odd, ", ")+"; the constants are "+ts[0]+"s, and a payload of the values' type will not decode")
		}
	}
	t.Kind = model.KindEnum
	e := &model.Enum{Base: base}
	if v, ok := s.Extensions["x-opgen-webhook-events"].(bool); ok && v {
		e.WebhookEvents = true
	}
	var texts []string
	seen := map[string]bool{}
	for _, v := range values {
		if v == nil {
			continue
		}
		var text string
		switch x := v.(type) {
		case string:
			text = x
		case float64:
			if base == "int64" && x == math.Trunc(x) {
				text = strconv.FormatInt(int64(x), 10)
			} else {
				text = strconv.FormatFloat(x, 'f', -1, 64)
			}
		case bool:
			text = strconv.FormatBool(x)
		default:
			j, _ := json.Marshal(x)
			text = string(j)
		}
		if base == "int64" {
			if _, err := strconv.ParseInt(text, 10, 64); err != nil {
				b.downgrade(ptr, t.Name, fmt.Sprintf("integer enum value %q is not an integer; skipped", text))
				continue
			}
		}
		if seen[text] {
			continue
		}
		seen[text] = true
		texts = append(texts, text)
	}
	// Names are decided over the values in sorted order, so reordering the enum never renames a constant.
	sorted := append([]string(nil), texts...)
	sort.Strings(sorted)
	names := map[string]string{}
	descs := enumDescriptions(s)
	given := b.enumVarNames(s, t.Name, ptr)
	// Given names are claimed first, so a derived name never takes the spelling the spec chose.
	for _, text := range sorted {
		if g, ok := given[text]; ok {
			names[text] = b.scope.Claim(g)
		}
	}
	for _, text := range sorted {
		if _, ok := names[text]; ok {
			continue
		}
		suffix := b.namer.Join(text)
		if strings.HasPrefix(text, "-") && base == "int64" {
			suffix = "Minus" + suffix
		}
		if suffix == "" {
			if text == "" {
				suffix = "Empty"
			} else {
				suffix = "Value"
			}
		}
		names[text] = b.enumConstName(t.Name, suffix)
	}
	for _, text := range texts {
		v := &model.EnumValue{Name: names[text], Value: text}
		if d, ok := descs[text]; ok {
			v.Doc = docLines(d)
		}
		e.Values = append(e.Values, v)
	}
	t.Enum = e
	e.Groups = b.enumGroups(s, e, t.Name, ptr)
}

// enumConstName names an enum constant Type+Value (BadEnum2, OrderStatusCode). When a type already has that name
// (types are named before any constant: a type BadEnum2 or OrderStatusCode), the constant is Type+"Value"+Value
// (BadEnumValue2, OrderStatusValueCode), which still reads as a value of its type. Otherwise (two values of one
// enum with one Go form, "a-b" and "a.b") a number is appended.
func (b *builder) enumConstName(typeName, suffix string) string {
	if name := typeName + suffix; !b.scope.Taken(name) {
		return b.scope.Claim(name)
	}
	if name := typeName + "Value" + suffix; b.isTypeName(typeName+suffix) && !b.scope.Taken(name) {
		return b.scope.Claim(name)
	}
	return b.scope.Claim(typeName + suffix)
}

// isTypeName reports whether a declared type has the name (not a constant, a method or a field).
func (b *builder) isTypeName(name string) bool {
	for _, t := range b.types {
		if t.Name == name {
			return true
		}
	}
	return false
}

// enumGroups reads x-opgen-enum-groups: a map group name -> list of enum values. Each group becomes a method
// Is<Group>() on the enum type, so code branches on a meaning ("declined") rather than on a list of codes it
// has to keep in step with the provider's table. A value the enum does not list, or two groups with one Go
// name, are reported and left out.
func (b *builder) enumGroups(s *openapi3.Schema, e *model.Enum, typeName, ptr string) []*model.EnumGroup {
	raw, ok := s.Extensions["x-opgen-enum-groups"]
	if !ok {
		return nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		b.downgrade(ptr+"/x-opgen-enum-groups", typeName, "x-opgen-enum-groups is not a map of group name -> list of values; ignored")
		return nil
	}
	byText := map[string]*model.EnumValue{}
	for _, v := range e.Values {
		byText[v.Value] = v
	}
	var out []*model.EnumGroup
	methods := map[string]string{}
	for _, key := range naming.SortedKeys(m) {
		list, ok := m[key].([]any)
		method := "Is" + b.namer.Join(key)
		switch {
		case !ok:
			b.downgrade(ptr+"/x-opgen-enum-groups/"+escapePointer(key), typeName, fmt.Sprintf("group %q is not a list of values; ignored", key))
			continue
		case method == "Is":
			b.downgrade(ptr+"/x-opgen-enum-groups/"+escapePointer(key), typeName, fmt.Sprintf("group %q has no Go form; ignored", key))
			continue
		case methods[method] != "":
			b.downgrade(ptr+"/x-opgen-enum-groups/"+escapePointer(key), typeName, fmt.Sprintf("groups %q and %q are both %s; %q ignored", methods[method], key, method, key))
			continue
		}
		methods[method] = key
		g := &model.EnumGroup{Method: method, Key: key}
		for _, item := range list {
			v := byText[enumText(item)]
			if v == nil {
				b.downgrade(ptr+"/x-opgen-enum-groups/"+escapePointer(key), typeName, fmt.Sprintf("group %q lists %v, which the enum does not; left out", key, item))
				continue
			}
			g.Values = append(g.Values, v)
		}
		if len(g.Values) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// enumVarNameKeys are the spellings of the enum-names extension that peers read: x-enum-varnames (oapi-codegen,
// openapi-generator) and x-enumNames (NSwag, oapi-codegen), then opgen's own.
var enumVarNameKeys = []string{"x-enum-varnames", "x-enumNames", "x-opgen-enum-varnames"}

// enumVarNames returns the Go constant name for each enum value the spec names: a list in enum order (the peers'
// form) or a map value -> name. The type name is prepended (ErrorCode + CardDeclined) unless the name already
// starts with it, so constants of different enums never collide. A list whose length differs from the enum, a
// name that has no Go form, or two values given one name are reported and the derived names kept for them.
func (b *builder) enumVarNames(s *openapi3.Schema, typeName, ptr string) map[string]string {
	out := map[string]string{}
	values := s.Enum
	for _, key := range enumVarNameKeys {
		raw, ok := s.Extensions[key]
		if !ok {
			continue
		}
		given := map[string]string{}
		switch d := raw.(type) {
		case []any:
			if len(d) != len(values) {
				b.downgrade(ptr+"/"+key, typeName, fmt.Sprintf("%s lists %d names for %d enum values; names not used (give one name per value, in enum order)", key, len(d), len(values)))
				continue
			}
			for i, v := range d {
				if str, ok := v.(string); ok {
					given[enumText(values[i])] = str
				}
			}
		case map[string]any:
			for k, v := range d {
				if str, ok := v.(string); ok {
					given[k] = str
				}
			}
		default:
			b.downgrade(ptr+"/"+key, typeName, key+" is neither a list nor a map; names not used")
			continue
		}
		used := map[string]string{}
		for _, text := range naming.SortedKeys(given) {
			if _, done := out[text]; done {
				continue
			}
			suffix := b.namer.Join(given[text])
			if suffix == "" {
				b.downgrade(ptr+"/"+key, typeName, fmt.Sprintf("%s name %q for value %q has no Go form; the derived name is used", key, given[text], text))
				continue
			}
			name := suffix
			if !strings.HasPrefix(name, typeName) {
				name = typeName + suffix
			}
			if other, dup := used[name]; dup {
				b.downgrade(ptr+"/"+key, typeName, fmt.Sprintf("%s gives values %q and %q the one name %q; the derived name is used for %q", key, other, text, given[text], text))
				continue
			}
			used[name] = text
			out[text] = name
		}
	}
	return out
}

// enumText is an enum value as the constant table keys it: integers without a fraction, strings as they are.
func enumText(v any) string {
	if f, ok := v.(float64); ok && f == math.Trunc(f) {
		return strconv.FormatInt(int64(f), 10)
	}
	return fmt.Sprint(v)
}

// enumDescriptions reads x-enum-descriptions / x-enumDescriptions (list or map), a common vendor extension.
func enumDescriptions(s *openapi3.Schema) map[string]string {
	out := map[string]string{}
	for _, key := range []string{"x-enum-descriptions", "x-enumDescriptions", "x-opgen-enum-descriptions"} {
		switch d := s.Extensions[key].(type) {
		case map[string]any:
			for k, v := range d {
				if str, ok := v.(string); ok {
					out[k] = str
				}
			}
		case []any:
			for i, v := range d {
				if i < len(s.Enum) {
					if str, ok := v.(string); ok {
						out[enumText(s.Enum[i])] = str
					}
				}
			}
		}
	}
	return out
}

func enumList(values []any) string {
	var parts []string
	for _, v := range values {
		j, _ := json.Marshal(v)
		parts = append(parts, string(j))
	}
	return strings.Join(parts, ", ")
}

// jsonKind says what a payload of this schema looks like, for union decoding.
func (b *builder) jsonKind(s *openapi3.Schema) string {
	return b.jsonKindSeen(s, map[*openapi3.Schema]bool{})
}

// jsonKindSeen is jsonKind that stops on a schema it has seen (D: oneOf [D, null]).
func (b *builder) jsonKindSeen(s *openapi3.Schema, seen map[*openapi3.Schema]bool) string {
	if seen[s] {
		return "any"
	}
	seen[s] = true
	ts := types(s)
	if len(ts) == 1 {
		return ts[0]
	}
	if len(s.AllOf) > 0 && len(s.Properties) == 0 {
		// An allOf of one non-object type (a nullable $ref to a string schema) is that type.
		if ks := allOfKinds(b, s, map[*openapi3.Schema]bool{}); len(ks) == 1 && ks[0] != "object" {
			for _, m := range s.AllOf {
				if m != nil && m.Value != nil && kindClass(b.memberKind(m.Value)) == ks[0] {
					return b.jsonKindSeen(m.Value, seen)
				}
			}
		}
	}
	switch {
	case len(s.Properties) > 0 || len(s.AllOf) > 0 || s.AdditionalProperties.Schema != nil:
		return "object"
	case s.Items != nil:
		return "array"
	case len(s.Enum) > 0:
		if _, ok := s.Enum[0].(string); ok {
			return "string"
		}
	}
	if alts := nonNull(s.OneOf); len(alts) == 1 && alts[0].Value != nil {
		return b.jsonKindSeen(alts[0].Value, seen)
	}
	return "any"
}

func (b *builder) fillUnion(t *model.Type, s *openapi3.Schema, alts openapi3.SchemaRefs, ptr, kw string, oneOf bool) {
	t.Kind = model.KindUnion
	u := &model.Union{OneOf: oneOf}
	if len(s.Properties) > 0 || len(s.AllOf) > 0 {
		b.downgrade(ptr, t.Name, kw+" beside properties/allOf: the shared properties are carried by each variant")
	}
	mapping := map[string][]string{} // ref -> discriminator values
	if d := s.Discriminator; d != nil && d.PropertyName != "" {
		u.Discriminator = d.PropertyName
		for _, k := range naming.SortedKeys(d.Mapping) {
			ref := d.Mapping[k].Ref
			if !strings.Contains(ref, "/") && !strings.Contains(ref, ".") {
				ref = "#/components/schemas/" + ref
			}
			mapping[ref] = append(mapping[ref], k)
		}
	}
	vs := naming.NewScope()
	vs.Reserve("MarshalJSON", "UnmarshalJSON", "String", "Value")
	explicit := u.Discriminator != ""
	for i, a := range alts {
		p := fmt.Sprintf("%s/%s/%d", ptr, kw, i)
		ref := b.typeOf(a, t.Name+"Option"+strconv.Itoa(i+1), p)
		v := &model.Variant{Type: ref, JSONKind: b.jsonKind(a.Value)}
		base := trimUnionName(variantName(b, a, ref, i), t.Name)
		v.Name = vs.Claim(base, "Variant")
		if u.Discriminator != "" {
			if vals, ok := mapping[a.Ref]; ok {
				v.DiscriminatorValues = vals
				v.TagStrict = true
			} else if dv := constValue(a.Value, u.Discriminator); dv != "" {
				v.DiscriminatorValues = []string{dv}
				v.TagStrict = true
			} else if a.Ref != "" {
				// Implicit mapping: the schema's name, which real payloads often do not use; an unlisted value
				// then still goes to the shape check.
				v.DiscriminatorValues = []string{a.Ref[strings.LastIndex(a.Ref, "/")+1:]}
				explicit = false
			} else {
				explicit = false
			}
		}
		if v.JSONKind != "object" && a.Value != nil {
			for _, ev := range a.Value.Enum {
				if ev != nil {
					v.Enum = append(v.Enum, enumText(ev))
				}
			}
		}
		if v.JSONKind == "object" {
			c := &collected{props: map[string]*openapi3.SchemaRef{}, ptrs: map[string]string{}, required: map[string]bool{}}
			b.collect(a.Value, p, c, 0)
			v.Known = naming.SortedKeys(c.props)
			for _, k := range v.Known {
				if ps := c.props[k]; ps != nil && ps.Value != nil {
					// The discriminator is read before the shape (an unlisted value must stay lenient there).
					if cv, ok := fixedString(ps.Value); ok && k != u.Discriminator {
						v.Fixed = append(v.Fixed, [2]string{k, cv})
					}
				}
			}
			for _, r := range naming.SortedKeys(c.required) {
				// A writeOnly property is never in a response: requiring it would make the variant unmatchable.
				if ps := c.props[r]; ps != nil && ps.Value != nil && ps.Value.WriteOnly {
					continue
				}
				v.Required = append(v.Required, r)
			}
		}
		u.Variants = append(u.Variants, v)
	}
	if b.siblingDiscriminator(t, s, u, alts, ptr) {
		explicit = len(u.Variants) > 0
	}
	if v, ok := s.Extensions["x-opgen-json-string"].(bool); ok && v {
		u.JSONString = true
	}
	if explicit && len(u.Variants) > 0 {
		u.Unknown = vs.Claim("Unknown", "Raw")
	}
	if unionAllowsNull(s, alts) {
		u.Null = vs.Claim("Null", "JSONNull")
	}
	u.Shared = sharedValues(u.Variants)
	t.Union = u
}

// siblingDiscriminator reads x-opgen-sibling-discriminator, {property: <name>, mapping: {<value>: <$ref>}}, on a
// oneOf that is a property of an object: the named sibling property's value selects the variant, as a
// discriminator would from inside the payload. Every mapping target must be one of the oneOf's $refs. It reports
// whether the union is tagged that way; a malformed extension fails the build at its pointer.
func (b *builder) siblingDiscriminator(t *model.Type, s *openapi3.Schema, u *model.Union, alts openapi3.SchemaRefs, ptr string) bool {
	raw, ok := s.Extensions["x-opgen-sibling-discriminator"]
	if !ok {
		return false
	}
	at := ptr + "/x-opgen-sibling-discriminator"
	m, ok := raw.(map[string]any)
	prop, _ := m["property"].(string)
	mapping, _ := m["mapping"].(map[string]any)
	if !ok || prop == "" || len(mapping) == 0 || len(m) != 2 {
		b.fail(at, "x-opgen-sibling-discriminator must be {property: <sibling property name>, mapping: {<value>: <$ref of a oneOf member>}}")
		return false
	}
	if !u.OneOf || u.Discriminator != "" {
		b.fail(at, "x-opgen-sibling-discriminator applies to a oneOf without a discriminator of its own")
		return false
	}
	for _, k := range naming.SortedKeys(mapping) {
		ref, _ := mapping[k].(string)
		if ref != "" && !strings.Contains(ref, "/") {
			ref = "#/components/schemas/" + ref
		}
		i := slices.IndexFunc(alts, func(a *openapi3.SchemaRef) bool { return a.Ref == ref })
		if i < 0 {
			b.fail(at+"/mapping/"+escapePointer(k), fmt.Sprintf("value %q maps to %q, which is not one of the oneOf's $refs", k, ref))
			return false
		}
		v := u.Variants[i]
		v.SiblingValues = append(v.SiblingValues, k)
	}
	u.Sibling = prop
	return true
}

// unionAllowsNull reports whether a union's payload may be JSON null: the schema allows it (a null branch,
// nullable, a type list with "null") or one of its branches does. The union then holds the null itself, as no
// branch's Go type can (a branch field is nil when unset).
func unionAllowsNull(s *openapi3.Schema, alts openapi3.SchemaRefs) bool {
	if nullable(&openapi3.SchemaRef{Value: s}) {
		return true
	}
	for _, a := range alts {
		if nullable(a) {
			return true
		}
	}
	return false
}

// fixedString returns the one string a property schema allows (const, or an enum of one string value).
func fixedString(s *openapi3.Schema) (string, bool) {
	if c, ok := s.Const.(string); ok {
		return c, true
	}
	if len(s.Enum) == 1 {
		if e, ok := s.Enum[0].(string); ok {
			return e, true
		}
	}
	return "", false
}

// sharedValues returns, sorted, the discriminator values more than one variant declares.
func sharedValues(vs []*model.Variant) []string {
	count := map[string]int{}
	for _, v := range vs {
		seen := map[string]bool{}
		for _, dv := range v.DiscriminatorValues {
			if !seen[dv] {
				seen[dv] = true
				count[dv]++
			}
		}
	}
	var shared []string
	for _, dv := range naming.SortedKeys(count) {
		if count[dv] > 1 {
			shared = append(shared, dv)
		}
	}
	return shared
}

// constValue finds a one-value enum or const on a property, which some specs use instead of a mapping.
func constValue(s *openapi3.Schema, prop string) string {
	return constValueSeen(s, prop, map[*openapi3.Schema]bool{})
}

func constValueSeen(s *openapi3.Schema, prop string, seen map[*openapi3.Schema]bool) string {
	if s == nil || seen[s] {
		return ""
	}
	seen[s] = true
	if p := s.Properties[prop]; p != nil && p.Value != nil {
		if p.Value.Const != nil {
			return fmt.Sprint(p.Value.Const)
		}
		if len(p.Value.Enum) == 1 {
			return fmt.Sprint(p.Value.Enum[0])
		}
	}
	for _, a := range s.AllOf {
		if v := constValueSeen(a.Value, prop, seen); v != "" {
			return v
		}
	}
	return ""
}

// trimUnionName drops the union's own name from a variant's: ChargeRequest{Card: ...} rather than
// ChargeRequest{CardChargeRequest: ...}.
func trimUnionName(variant, union string) string {
	if rest := strings.TrimSuffix(variant, union); rest != variant && rest != "" && naming.IsValidIdent(rest) {
		return rest
	}
	if rest := strings.TrimPrefix(variant, union); rest != variant && rest != "" && rest[0] >= 'A' && rest[0] <= 'Z' {
		return rest
	}
	return variant
}

func variantName(b *builder, a *openapi3.SchemaRef, ref *model.TypeRef, i int) string {
	if a.Value != nil && a.Value.Title != "" {
		if n := b.namer.Exported(a.Value.Title); n != "" {
			return n
		}
	}
	return refName(ref, i)
}

func refName(ref *model.TypeRef, i int) string {
	switch ref.Kind {
	case model.RefNamed:
		r, size := utf8.DecodeRuneInString(ref.Name)
		return string(unicode.ToUpper(r)) + ref.Name[size:]
	case model.RefBuiltin:
		switch ref.Name {
		case "string":
			return "String"
		case "bool":
			return "Bool"
		case "float64", "float32":
			return "Number"
		case "any":
			return "Any"
		}
		return "Int"
	case model.RefSlice:
		return refName(ref.Elem, i) + "List"
	case model.RefMap:
		return refName(ref.Elem, i) + "Map"
	}
	return "Variant" + strconv.Itoa(i+1)
}

// fillTypeUnion handles 3.1 type arrays with several non-null types, e.g. ["string", "integer"].
func (b *builder) fillTypeUnion(t *model.Type, s *openapi3.Schema, ptr string) {
	t.Kind = model.KindUnion
	u := &model.Union{OneOf: true}
	vs := naming.NewScope()
	vs.Reserve("MarshalJSON", "UnmarshalJSON", "String", "Value")
	for i, typ := range types(s) {
		cp := *s
		cp.Type = &openapi3.Types{typ}
		ref := b.exprOf(&cp, t.Name+"Option"+strconv.Itoa(i+1), ptr)
		if typ == "object" && len(s.Properties) > 0 {
			ref = b.typeOf(&openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"object"},
				Properties: s.Properties, Required: s.Required}}, t.Name+"Object", ptr)
		}
		u.Variants = append(u.Variants, &model.Variant{Name: vs.Claim(refName(ref, i), "Variant"), Type: ref, JSONKind: typ})
	}
	if unionAllowsNull(s, nil) {
		u.Null = vs.Claim("Null", "JSONNull")
	}
	t.Union = u
}

// fixRecursion turns struct fields that would make a type contain itself by value into pointers.
func (b *builder) fixRecursion() {
	for _, t := range b.types {
		if t.Kind != model.KindStruct {
			continue
		}
		for _, f := range t.Fields {
			if f.Type.Kind == model.RefNamed && f.Type.Decl != nil && reaches(f.Type.Decl, t, map[*model.Type]bool{}) {
				f.Type = ptrTo(f.Type)
				f.Omit = model.OmitEmpty
				if f.Required {
					f.Omit = model.OmitNone
				}
				continue
			}
			// Nullable[T] holds T by value, so a nullable reference back to the struct (a list node's next, a
			// tree's parent) becomes Nullable[*T]: still unset, null or a value, but of finite size.
			if n := innermostNullable(f.Type); n != nil && n.Elem.Kind == model.RefNamed && n.Elem.Decl != nil &&
				reaches(n.Elem.Decl, t, map[*model.Type]bool{}) {
				n.Elem = ptrTo(n.Elem)
			}
		}
	}
}

// breakAliasCycles turns an alias that leads back to itself (A: allOf [$ref: B], B: allOf [$ref: A]: no value
// is described) into json.RawMessage, reported: type A = B; type B = A does not compile.
func (b *builder) breakAliasCycles() {
	var cyclic []*model.Type
	for _, t := range b.types {
		if t.Kind != model.KindAlias {
			continue
		}
		seen := map[*model.Type]bool{}
		for cur := t; cur != nil && cur.Kind == model.KindAlias && !seen[cur]; {
			seen[cur] = true
			u := cur.Underlying
			if u == nil || u.Kind != model.RefNamed || u.Decl == nil {
				break
			}
			if u.Decl == t {
				cyclic = append(cyclic, t)
				break
			}
			cur = u.Decl
		}
	}
	for _, t := range cyclic {
		b.downgrade(t.Pointer, t.Name, "the schema is only a reference back to itself; generated as json.RawMessage")
		t.Underlying = rawJSON()
	}
}

// innermostNullable returns the last Nullable of a chain of Nullables (nil when r is not one).
func innermostNullable(r *model.TypeRef) *model.TypeRef {
	if r == nil || r.Kind != model.RefNullable {
		return nil
	}
	for r.Elem != nil && r.Elem.Kind == model.RefNullable {
		r = r.Elem
	}
	if r.Elem == nil {
		return nil
	}
	return r
}

// reaches reports whether from contains target by value (not through pointers, slices or maps).
func reaches(from, target *model.Type, seen map[*model.Type]bool) bool {
	if from == target {
		return true
	}
	if seen[from] {
		return false
	}
	seen[from] = true
	var refs []*model.TypeRef
	switch from.Kind {
	case model.KindStruct:
		for _, f := range from.Fields {
			refs = append(refs, f.Type)
		}
	case model.KindAlias, model.KindNamed:
		refs = append(refs, from.Underlying)
	}
	for _, r := range refs {
		for unwraps(r) && r.Kind != model.RefPointer {
			r = r.Elem
		}
		if r != nil && r.Kind == model.RefNamed && r.Decl != nil && reaches(r.Decl, target, seen) {
			return true
		}
	}
	return false
}
