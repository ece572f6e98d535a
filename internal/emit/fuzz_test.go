package emit_test

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/internal/build"
	"github.com/opgen-sdk/opgen/internal/corpus"
	"github.com/opgen-sdk/opgen/internal/emit"
	"github.com/opgen-sdk/opgen/internal/spec"
	"github.com/opgen-sdk/opgen/templates"
)

// FuzzEmit emits every mutated document that loads and builds. The rule: emit.Files never panics, never hangs
// (each input is bounded by corpus.InputTimeout) and never fails on a built model; every file it returns parses,
// and no name is declared twice (at package level, against the runtime support, or as a method of one type).
//
//	go test ./internal/emit -run '^$' -fuzz FuzzEmit -fuzztime 5m
func FuzzEmit(f *testing.F) {
	for _, s := range corpus.Seeds() {
		f.Add(s)
	}
	reserved, err := templates.Identifiers()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file := filepath.Join(t.TempDir(), "spec.yaml")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		corpus.Bounded(corpus.InputTimeout, "load + build + emit", func() {
			doc, err := spec.Load(context.Background(), file, spec.LoadOptions{Lenient: true, DisplayPath: "spec.yaml"})
			if err != nil {
				t.Skip("does not load")
			}
			pkg, err := build.Build(build.Input{Doc: doc.T, SpecPath: "spec.yaml", Package: "api", Reserved: reserved})
			if err != nil {
				t.Skip("does not build")
			}
			files, err := emit.Files(pkg)
			if err != nil {
				t.Fatalf("emit.Files failed on a built model: %v", err)
			}
			CheckGoFiles(t, files, reserved)
		})
	})
}

// CheckGoFiles parses every file and reports names declared twice.
func CheckGoFiles(t *testing.T, files map[string][]byte, reserved []string) {
	t.Helper()
	fset := token.NewFileSet()
	top := map[string]string{}
	for _, r := range reserved {
		top[r] = "the runtime support"
	}
	methods := map[string]string{}
	fields := map[string]bool{} // "Type.Field"
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, files[name], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("%s does not parse: %v", name, err)
		}
		declare := func(id *ast.Ident) {
			if id.Name == "_" {
				return
			}
			if id.Name == "init" {
				t.Fatalf("%s declares func init", name)
			}
			if prev, dup := top[id.Name]; dup {
				t.Fatalf("%s: %s declared again (first in %s)", fset.Position(id.Pos()), id.Name, prev)
			}
			top[id.Name] = name
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					declare(d.Name)
					continue
				}
				key := recvName(d.Recv.List[0].Type) + "." + d.Name.Name
				if prev, dup := methods[key]; dup {
					t.Fatalf("%s: method %s declared again (first in %s)", fset.Position(d.Pos()), key, prev)
				}
				methods[key] = name
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						declare(s.Name)
						if st, ok := s.Type.(*ast.StructType); ok {
							checkFields(t, fset, fields, s.Name.Name, st)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							declare(n)
						}
					}
				}
			}
		}
	}
	// A method and a field of the same name on one struct do not compile either.
	for key := range methods {
		typ, m, _ := strings.Cut(key, ".")
		if fields[typ+"."+m] {
			t.Fatalf("type %s has both a field and a method %s", typ, m)
		}
	}
}

// checkFields fails on a struct field declared twice and records each field as "Type.Field" in fields.
func checkFields(t *testing.T, fset *token.FileSet, fields map[string]bool, typ string, st *ast.StructType) {
	t.Helper()
	seen := map[string]bool{}
	for _, fl := range st.Fields.List {
		ids := fl.Names
		if len(ids) == 0 { // embedded
			ids = []*ast.Ident{{Name: recvName(fl.Type)}}
		}
		for _, id := range ids {
			if id.Name == "_" {
				continue
			}
			if seen[id.Name] {
				t.Fatalf("%s: struct %s has field %s twice", fset.Position(fl.Pos()), typ, id.Name)
			}
			seen[id.Name] = true
			fields[typ+"."+id.Name] = true
		}
	}
}

// recvName is the type name of a receiver or embedded field expression: T, *T, T[X], pkg.T.
func recvName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.SelectorExpr:
			return x.Sel.Name
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// FuzzSynth reads its input as a stream of choices and writes a spec from them: schemas of every kind (enums,
// unions with and without discriminators, allOf, recursion, nullable, formats), operations with every parameter
// location and style, bodies of every content type, servers, security schemes and paging; all named from a pool
// of awkward names (Go keywords, the runtime's own names, near-collisions, non-ASCII, hostile text). Mutating
// bytes of YAML rarely gets past the loader; this reaches the builder and the emitter with documents that load.
// The rule is FuzzEmit's.
//
//	go test ./internal/emit -run '^$' -fuzz FuzzSynth -fuzztime 5m
func FuzzSynth(f *testing.F) {
	for i := range 64 {
		seed := make([]byte, 64+i*8)
		for j := range seed {
			seed[j] = byte((j*131 + i*71 + j*j*7) % 251)
		}
		f.Add(seed)
	}
	reserved, err := templates.Identifiers()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := synthesize(data, reserved)
		b, err := json.MarshalIndent(doc, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "spec.json")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		corpus.Bounded(corpus.InputTimeout, "load + build + emit of a synthesized spec", func() {
			loaded, err := spec.Load(context.Background(), file, spec.LoadOptions{Lenient: true, DisplayPath: "spec.json"})
			if err != nil {
				t.Skipf("does not load: %v", err)
			}
			pkg, err := build.Build(build.Input{Doc: loaded.T, SpecPath: "spec.json", Package: "api", Reserved: reserved})
			if err != nil {
				if !strings.Contains(err.Error(), "#/") {
					t.Fatalf("Build error names no JSON pointer: %v\nspec:\n%s", err, b)
				}
				return
			}
			files, err := emit.Files(pkg)
			if err != nil {
				t.Fatalf("emit.Files failed on a built model: %v\nspec:\n%s", err, b)
			}
			CheckGoFiles(t, files, reserved)
		})
	})
}

// chooser hands out choices from the fuzz input; an exhausted input always answers 0.
type chooser struct {
	data []byte
	pos  int
}

func (c *chooser) n(max int) int {
	if max <= 1 || c.pos >= len(c.data) {
		return 0
	}
	v := int(c.data[c.pos])
	c.pos++
	if max > 256 && c.pos < len(c.data) {
		v = v<<8 | int(c.data[c.pos])
		c.pos++
	}
	return v % max
}

func (c *chooser) bool() bool { return c.n(2) == 1 }

func pick[T any](c *chooser, from []T) T { return from[c.n(len(from))] }

// synthNames is the name pool: every schema, property, parameter, operation, tag and enum value is drawn from it.
var synthNames = []string{
	"id", "ID", "Id", "name", "type", "string", "error", "func", "nil", "iota", "int", "any", "map", "default", "var",
	"init", "main", "ctx", "err", "req", "resp", "opts", "params", "body", "result", "c", "s", "_", "__", "-", "",
	"foo-bar", "foo_bar", "FooBar", "fooBar", "foo bar", "foo.bar", "foo/bar", "foo~bar", "foo{bar}", "$ref", "@type",
	"123", "1st", "2nd", "Ñandú", "日本語", "Straße", "😀", "İd", "a\u0301", "\u200b", "x-y", "X_Y", "xY",
	"Pet", "Pets", "PetList", "PetsListResponse", "ListPets", "Params", "Response", "Body", "Request", "Value", "Item",
	"Nullable", "Decimal", "APIError", "Option", "Client", "Environment", "String", "GoString", "MarshalJSON",
	"UnmarshalJSON", "Error", "Valid", "Values", "Extra", "AdditionalProperties", "core",
	"*/ pwned /*", "}\nfunc init() {}", "`pwned`", "\"pwned\"", "//go:generate pwned",
}

var synthFormats = []string{"", "date-time", "date", "time", "byte", "binary", "uuid", "email", "uri", "decimal",
	"int32", "int64", "float", "double", "password", "duration", "unknown-format"}

type synth struct {
	c        *chooser
	v31      bool
	schemas  []string
	reserved []string
}

func synthesize(data []byte, reserved []string) map[string]any {
	s := &synth{c: &chooser{data: data}, reserved: reserved}
	s.v31 = s.c.bool()
	version := "3.0.3"
	if s.v31 {
		version = "3.1.0"
	}
	// Names first, so $refs can point forwards and backwards (and to themselves).
	for range s.c.n(7) {
		s.schemas = append(s.schemas, s.name())
	}
	schemas := map[string]any{}
	for _, n := range s.schemas {
		schemas[n] = s.schema(0)
	}
	doc := map[string]any{
		"openapi": version,
		"info":    map[string]any{"title": s.name(), "version": "1", "description": s.name()},
		"paths":   map[string]any{},
	}
	comps := map[string]any{}
	if len(schemas) > 0 {
		comps["schemas"] = schemas
	}
	if s.c.bool() {
		comps["securitySchemes"] = s.securitySchemes()
	}
	doc["components"] = comps
	if s.c.bool() {
		doc["servers"] = s.servers()
	}
	paths := doc["paths"].(map[string]any)
	for range s.c.n(5) {
		path, item := s.pathItem()
		paths[path] = item
	}
	return doc
}

func (s *synth) name() string {
	if s.c.n(8) == 0 && len(s.reserved) > 0 {
		return pick(s.c, s.reserved)
	}
	n := pick(s.c, synthNames)
	if s.c.n(6) == 0 {
		n += pick(s.c, synthNames)
	}
	return n
}

func (s *synth) ref() map[string]any {
	n := pick(s.c, s.schemas)
	return map[string]any{"$ref": "#/components/schemas/" + strings.ReplaceAll(strings.ReplaceAll(n, "~", "~0"), "/", "~1")}
}

func (s *synth) schema(depth int) any {
	kinds := 14
	if depth >= 4 {
		kinds = 5 // scalars only
	}
	if len(s.schemas) > 0 && s.c.n(4) == 0 {
		return s.ref()
	}
	var out map[string]any
	switch s.c.n(kinds) {
	case 0:
		out = map[string]any{"type": "string", "format": pick(s.c, synthFormats)}
	case 1:
		out = map[string]any{"type": "integer", "format": pick(s.c, []string{"", "int32", "int64"})}
	case 2:
		out = map[string]any{"type": "number", "format": pick(s.c, []string{"", "float", "double", "decimal"})}
	case 3:
		out = map[string]any{"type": "boolean"}
	case 4:
		var vals []any
		for range 1 + s.c.n(6) {
			vals = append(vals, s.name())
		}
		out = map[string]any{"type": "string", "enum": vals}
	case 5:
		var vals []any
		for range 1 + s.c.n(5) {
			vals = append(vals, s.c.n(7)-3)
		}
		out = map[string]any{"type": "integer", "enum": vals}
	case 6:
		out = map[string]any{"type": "array", "items": s.schema(depth + 1)}
	case 7, 8:
		props := map[string]any{}
		var req []any
		for range s.c.n(5) {
			p := s.name()
			props[p] = s.schema(depth + 1)
			if s.c.bool() {
				req = append(req, p)
			}
		}
		out = map[string]any{"type": "object", "properties": props}
		if len(req) > 0 {
			out["required"] = req
		}
		switch s.c.n(4) {
		case 1:
			out["additionalProperties"] = true
		case 2:
			out["additionalProperties"] = s.schema(depth + 1)
		case 3:
			out["additionalProperties"] = false
		}
	case 9:
		out = map[string]any{"type": "object", "additionalProperties": s.schema(depth + 1)}
	case 10, 11:
		key := pick(s.c, []string{"oneOf", "anyOf"})
		var alts []any
		for range 1 + s.c.n(4) {
			alts = append(alts, s.schema(depth+1))
		}
		out = map[string]any{key: alts}
		if s.c.bool() {
			prop := s.name()
			out["discriminator"] = map[string]any{"propertyName": prop}
			if len(s.schemas) > 0 && s.c.bool() {
				out["discriminator"].(map[string]any)["mapping"] = map[string]any{s.name(): s.ref()["$ref"]}
			}
		}
		if s.c.bool() {
			out["properties"] = map[string]any{s.name(): s.schema(depth + 1)}
		}
	case 12:
		var parts []any
		for range 1 + s.c.n(3) {
			parts = append(parts, s.schema(depth+1))
		}
		out = map[string]any{"allOf": parts}
	case 13:
		out = map[string]any{}
		if s.c.bool() {
			out["description"] = s.name()
		}
	}
	switch s.c.n(8) {
	case 1:
		if s.v31 {
			if t, ok := out["type"].(string); ok {
				out["type"] = []any{t, "null"}
			}
		} else {
			out["nullable"] = true
		}
	case 2:
		out["readOnly"] = true
	case 3:
		out["writeOnly"] = true
	case 4:
		out["x-go-name"] = s.name()
	case 5:
		out["description"] = s.name()
		out["default"] = s.name()
	case 6:
		out["x-opgen-sensitive"] = true
	case 7:
		out["deprecated"] = true
	}
	return out
}

func (s *synth) pathItem() (string, map[string]any) {
	path := ""
	var pathParams []string
	for range 1 + s.c.n(3) {
		if s.c.bool() {
			p := s.name()
			pathParams = append(pathParams, p)
			path += "/{" + p + "}"
		} else {
			path += "/" + s.name()
		}
	}
	item := map[string]any{}
	for _, m := range []string{"get", "put", "post", "delete", "patch", "head", "options", "trace"} {
		if s.c.n(3) != 0 {
			continue
		}
		op := map[string]any{"responses": s.responses()}
		if s.c.n(4) != 0 {
			op["operationId"] = s.name()
		}
		if s.c.bool() {
			op["tags"] = []any{s.name()}
		}
		if s.c.n(5) == 0 {
			op["x-opgen-resource"] = s.name() + "." + s.name()
		}
		var params []any
		for _, p := range pathParams {
			params = append(params, map[string]any{"name": p, "in": "path", "required": true, "schema": s.schema(3)})
		}
		for range s.c.n(5) {
			in := pick(s.c, []string{"query", "header", "cookie", "query"})
			p := map[string]any{"name": s.name(), "in": in, "schema": s.schema(2), "required": s.c.bool()}
			if in == "query" {
				switch s.c.n(5) {
				case 1:
					p["style"], p["explode"] = "deepObject", true
				case 2:
					p["style"], p["explode"] = "spaceDelimited", false
				case 3:
					p["style"], p["explode"] = "pipeDelimited", false
				case 4:
					p["explode"] = false
				}
			}
			params = append(params, p)
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if m != "get" && m != "head" && s.c.bool() {
			ct := pick(s.c, []string{"application/json", "application/x-www-form-urlencoded", "multipart/form-data",
				"text/plain", "application/octet-stream", "application/merge-patch+json", "*/*"})
			op["requestBody"] = map[string]any{"required": s.c.bool(), "content": map[string]any{ct: map[string]any{"schema": s.schema(1)}}}
		}
		if s.c.n(6) == 0 {
			op["x-opgen-pagination"] = map[string]any{"style": pick(s.c, []string{"offset", "cursor", "token", "page"}),
				"items": pick(s.c, []string{"", "data", s.name()}), "next": s.name(), "cursor": s.name()}
		}
		item[m] = op
	}
	return path, item
}

func (s *synth) responses() map[string]any {
	out := map[string]any{}
	for range 1 + s.c.n(3) {
		code := pick(s.c, []string{"200", "201", "202", "204", "2XX", "default", "400", "404", "4XX", "500"})
		r := map[string]any{"description": s.name()}
		if code != "204" && s.c.n(4) != 0 {
			ct := pick(s.c, []string{"application/json", "application/json", "text/plain", "application/octet-stream", "application/problem+json"})
			r["content"] = map[string]any{ct: map[string]any{"schema": s.schema(1)}}
		}
		if s.c.n(4) == 0 {
			r["headers"] = map[string]any{pick(s.c, []string{"X-Request-Id", s.name()}): map[string]any{"schema": map[string]any{"type": "string"}}}
		}
		out[code] = r
	}
	return out
}

func (s *synth) servers() []any {
	var out []any
	for range 1 + s.c.n(3) {
		v := s.name()
		srv := map[string]any{"url": "https://{" + v + "}.example.com/" + s.name(), "description": s.name(),
			"variables": map[string]any{v: map[string]any{"default": s.name()}}}
		if s.c.bool() {
			srv["variables"].(map[string]any)[v].(map[string]any)["enum"] = []any{s.name(), s.name()}
		}
		if s.c.bool() {
			srv["x-opgen-environment"] = s.name()
		}
		out = append(out, srv)
	}
	return out
}

func (s *synth) securitySchemes() map[string]any {
	out := map[string]any{}
	for range 1 + s.c.n(3) {
		var sch map[string]any
		switch s.c.n(5) {
		case 0:
			sch = map[string]any{"type": "apiKey", "in": pick(s.c, []string{"header", "query", "cookie"}), "name": s.name()}
		case 1:
			sch = map[string]any{"type": "http", "scheme": "basic"}
		case 2:
			sch = map[string]any{"type": "http", "scheme": "bearer"}
		case 3:
			sch = map[string]any{"type": "oauth2", "flows": map[string]any{"clientCredentials": map[string]any{"tokenUrl": "https://x/token", "scopes": map[string]any{}}}}
		case 4:
			sch = map[string]any{"type": "http", "scheme": "basic", "x-opgen-credential": "username", "x-opgen-option": s.name()}
		}
		out[s.name()] = sch
	}
	return out
}
