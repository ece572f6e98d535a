// Package hostile holds tests that feed opgen specs written to break a code generator: spec text that tries to
// end a comment or a string and become code, names that are Go keywords or the runtime's own names, non-ASCII
// names, and sizes far beyond real APIs. Each case generates, the output of all cases is vetted (type-checked)
// and, but for the two largest, built once in a scratch module, and every file is inspected (go/parser,
// go/scanner) to prove the spec text stayed inert.
package hostile

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/opgen-sdk/opgen/internal/model"
	"github.com/opgen-sdk/opgen/internal/opgen"
	"github.com/opgen-sdk/opgen/templates"
)

// marker is in every hostile text: wherever it shows up in the output, it must be inside a comment or a string
// literal, never in a code token.
const marker = "pwned"

// texts try every way out of a comment, a string literal or a struct tag. Each holds the marker.
var texts = []string{
	"*/ func init() { panic(\"pwned\") } /*",
	"}\nfunc init() { panic(\"pwned\") }\n",
	"`; func init() { panic(\"pwned\") }; var _ = `",
	"//go:generate rm -rf / pwned",
	"\n//go:generate rm -rf / pwned\n//line pwned.go:1\n",
	"/* pwned */ var pwned = 1",
	"\"; var pwned = \"",
	"\\\"; var pwned = \\\"",
	"pwned\r\nfunc init() {}\r// \u2028 \u2029 \x00 \x7f \u202e",
	"json:\"pwned\" xml:\"`\"",
	"${pwned} $(rm -rf /) %s %v %!d pwned",
	"pwned */\n\n/*\n*/ package main",
	"\t\v\f pwned \ufeff",
}

type (
	m = map[string]any
	l = []any
)

// hcase is one hostile spec.
type hcase struct {
	name string
	doc  m
	// literals must each come back unchanged from a string literal of the output.
	literals []string
	// budget limits the generation's CPU time (the wall time where there is no CPU clock) without the race detector
	// (0: 10 s; raceFactor times that with it).
	budget time.Duration
	// typeCheckOnly: go vet type-checks the output (and vets it) but go build does not compile it. What this
	// package tests is that hostile input comes out as valid Go, which the type-check decides; the compiler's back
	// end (most of a compile) adds nothing to it. The two largest cases (211,000 and 390,000 lines, repeating
	// what the small cases hold) cost a large share of the suite's compile time with an empty build cache; the
	// small cases are still compiled, and the corpus compiles packages as large (stripe's).
	typeCheckOnly bool
}

func openapi(extra m) m {
	doc := m{"openapi": "3.0.3", "info": m{"title": "hostile", "version": "1"}, "paths": m{}}
	for k, v := range extra {
		doc[k] = v
	}
	return doc
}

func okResponse(schema any) m {
	r := m{"description": "ok"}
	if schema != nil {
		r["content"] = m{"application/json": m{"schema": schema}}
	}
	return m{"200": r}
}

func ref(name string) m {
	return m{"$ref": "#/components/schemas/" + strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")}
}

// textCase puts hostile text in every free-text place of a spec: descriptions, titles, summaries, examples,
// defaults, enum values, servers, tags, header and security scheme names, paths and doc notes.
func textCase() hcase {
	t := func(i int) string { return texts[i%len(texts)] }
	var enum l
	for _, s := range texts {
		enum = append(enum, s)
	}
	props := m{}
	for i := range texts {
		props[fmt.Sprintf("field%d", i)] = m{
			"type": "string", "description": t(i), "title": t(i + 1), "example": t(i + 2), "default": t(i + 3),
			"pattern":          "^" + strings.NewReplacer("\n", "", "\r", "", "\x00", "").Replace(t(i+4)) + "$",
			"x-opgen-doc-note": t(i + 5),
		}
	}
	props["kind"] = m{"type": "string", "enum": enum, "description": t(3)}
	props["count"] = m{"type": "integer", "default": 5, "example": 7, "description": t(4)}
	// Extensions that name Go code: not Go names or types, so they must be ignored (and reported).
	props["typed"] = m{"type": "string", "x-go-type": "string }\nfunc init() { panic(\"pwned\") }\nvar _ = struct{"}
	props["named"] = m{"type": "string", "x-go-name": "X int }; func init() { panic(\"pwned\") }; type Y struct {"}
	schemas := m{
		"Thing": m{"type": "object", "description": t(0), "title": t(1), "properties": props, "example": m{"a": t(2)},
			"x-opgen-doc-note": t(6)},
		"Kind":  m{"type": "string", "enum": enum, "description": t(7), "default": t(8)},
		"Alias": m{"type": "object", "x-go-type": "map[string]string; func init() { panic(\"pwned\") }"},
	}
	var params l
	for i := range 4 {
		params = append(params, m{"name": fmt.Sprintf("q%d", i), "in": "query", "description": t(i), "example": t(i + 1),
			"schema": m{"type": "string", "default": t(i + 2), "enum": l{t(i + 2), t(i + 3)}}})
	}
	params = append(params, m{"name": "X-Header", "in": "header", "description": t(9), "schema": m{"type": "string", "default": t(10)}})
	op := m{
		"operationId": "getThing", "summary": t(0), "description": t(1), "tags": l{"things"}, "parameters": params,
		"responses": m{
			"200":     m{"description": t(2), "content": m{"application/json": m{"schema": ref("Thing"), "example": m{"x": t(3)}}}},
			"default": m{"description": t(4), "content": m{"application/json": m{"schema": ref("Thing")}}},
		},
		"x-opgen-doc-note": t(5),
	}
	post := m{
		"operationId": "createThing", "description": t(6), "tags": l{"things"},
		"requestBody": m{"description": t(7), "required": true, "content": m{"application/json": m{"schema": ref("Thing"), "example": m{"y": t(8)}}}},
		"responses":   okResponse(ref("Thing")),
	}
	return hcase{
		name: "text",
		doc: openapi(m{
			"info": m{"title": t(0), "description": t(1), "version": t(2), "termsOfService": t(3),
				"contact": m{"name": t(4), "url": "https://example.com/" + marker}, "x-opgen-doc-note": t(5)},
			"tags": l{m{"name": "things", "description": t(6)}},
			"servers": l{
				m{"url": "https://{tenant}.example.com/v1", "description": t(7),
					"variables": m{"tenant": m{"default": "a\"pwned`*/", "description": t(8), "enum": l{"a\"pwned`*/", "b\n*/pwned"}}}},
				m{"url": "https://sandbox.example.com/" + marker + "/*/`\"", "description": t(9)},
			},
			"paths": m{"/things/{id}": m{"get": op, "parameters": l{m{"name": "id", "in": "path", "required": true, "description": t(10), "schema": m{"type": "string"}}}}, "/things": m{"post": post},
				hostilePath: m{"get": m{"operationId": "getHostilePath", "description": t(12), "responses": okResponse(nil)}}},
			"components": m{"schemas": schemas, "securitySchemes": m{"key": m{"type": "apiKey", "in": "header", "name": "X-Key-" + marker, "description": t(11)}}},
			"security":   l{m{"key": l{}}},
		}),
		literals: append(slices.Clone(texts), hostilePath, "a\"pwned`*/", "b\n*/pwned", "https://sandbox.example.com/"+marker+"/*/`\"", "X-Key-"+marker),
	}
}

// hostilePath is a path template that tries to leave the string literal it is printed in.
const hostilePath = "/a\"b`*/pwned/\\x/%s"

// goWords are the Go keywords and predeclared identifiers, and a few names the generated package uses itself.
var goWords = []string{
	"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go", "goto",
	"if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var",
	"any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64", "int", "int8", "int16",
	"int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "true", "false", "iota",
	"nil", "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max", "min", "new",
	"panic", "print", "println", "real", "recover", "init", "main", "_", "__", "ctx", "err", "req", "resp", "opts", "c",
	"s", "body", "params", "result", "json", "http", "url", "time", "context", "fmt", "strings", "errors", "io",
}

// namesCase uses Go keywords, predeclared identifiers and the runtime support's own names as schema, property,
// parameter, header, operationId, tag and enum names.
func namesCase(runtimeNames []string) hcase {
	words := append(slices.Clone(goWords), runtimeNames...)
	schemas := m{}
	props := m{}
	var enum l
	for _, w := range words {
		props[w] = m{"type": "string"}
		enum = append(enum, w)
	}
	for _, w := range words {
		schemas[w] = m{"type": "object", "properties": props}
	}
	schemas["Words"] = m{"type": "string", "enum": enum}
	paths := m{}
	for i, w := range goWords {
		var params l
		for _, p := range goWords[:20] {
			params = append(params, m{"name": p, "in": "query", "schema": m{"type": "string"}})
		}
		params = append(params, m{"name": w, "in": "header", "schema": m{"type": "string"}})
		paths[fmt.Sprintf("/%s/{%s}", w, "type")] = m{
			"parameters": l{m{"name": "type", "in": "path", "required": true, "schema": m{"type": "string"}}},
			"post": m{
				"operationId": w, "tags": l{goWords[(i+1)%len(goWords)]}, "parameters": params,
				"requestBody": m{"content": m{"application/json": m{"schema": ref(w)}}},
				"responses":   okResponse(ref(goWords[(i+2)%len(goWords)])),
			},
		}
	}
	// The budget is 30 s like manyops': the case takes about 7.5 s of CPU on a quiet machine and 9 to 13 s
	// at load 30 to 55 (CPU time too grows when cores are shared), which failed the former 10 s under load;
	// a quadratic blow-up in the names, which this guards against, would cost many times that.
	return hcase{name: "names", budget: 30 * time.Second, typeCheckOnly: true, doc: openapi(m{"paths": paths, "components": m{"schemas": schemas}}), literals: words}
}

// unicodeCase uses non-ASCII and near-colliding names.
func unicodeCase() hcase {
	names := []string{"Ñandú", "日本語", "Straße", "STRASSE", "😀", "😀😀", "Ωμέγα", "İstanbul", "ǅemal", "ﬁle", "a\u0301",
		"á", "foo-bar", "foo_bar", "FooBar", "foo bar", "foo.bar", "foo/bar", "foo~bar", "$ref", "123", "1st", "-", "𝔘𝔫𝔦", "\u200bzw"}
	schemas := m{}
	props := m{}
	var enum l
	for _, n := range names {
		props[n] = m{"type": "string"}
		enum = append(enum, n)
	}
	for _, n := range names {
		schemas[n] = m{"type": "object", "properties": props}
	}
	schemas["Names"] = m{"type": "string", "enum": enum}
	paths := m{}
	for i, n := range names {
		paths[fmt.Sprintf("/p%d", i)] = m{"get": m{
			"operationId": n, "tags": l{n},
			"parameters": l{m{"name": n, "in": "query", "schema": m{"type": "string"}}},
			"responses":  okResponse(ref(n)),
		}}
	}
	return hcase{name: "unicode", doc: openapi(m{"paths": paths, "components": m{"schemas": schemas}}), literals: names}
}

// bigEnumCase is an enum of 5,000 values, some of which normalise to the same Go name.
func bigEnumCase() hcase {
	var enum l
	var lits []string
	for i := range 5000 {
		v := fmt.Sprintf("value_%d", i)
		switch i % 5 {
		case 1:
			v = fmt.Sprintf("value-%d", i-1) // the same Go name as the previous one
		case 2:
			v = fmt.Sprintf("%d %s", i, texts[i%len(texts)])
		}
		enum = append(enum, v)
		lits = append(lits, v)
	}
	return hcase{name: "bigenum", doc: openapi(m{"components": m{"schemas": m{"Big": m{"type": "string", "enum": enum}}}}), literals: lits}
}

// deepCase nests 200 levels: objects in objects, arrays of arrays, allOf in allOf.
func deepCase() hcase {
	var obj any = m{"type": "string"}
	var arr any = m{"type": "string"}
	var all any = m{"type": "object", "properties": m{"leaf": m{"type": "string"}}}
	for i := range 200 {
		obj = m{"type": "object", "properties": m{fmt.Sprintf("c%d", i): obj}}
		arr = m{"type": "array", "items": arr}
		all = m{"allOf": l{all, m{"type": "object", "properties": m{fmt.Sprintf("p%d", i): m{"type": "string"}}}}}
	}
	return hcase{name: "deep", doc: openapi(m{"components": m{"schemas": m{"DeepObject": obj, "DeepArray": arr, "DeepAllOf": all}}})}
}

// recursiveCase has schemas that refer to themselves through allOf, oneOf and properties.
func recursiveCase() hcase {
	return hcase{name: "recursive", doc: openapi(m{
		"paths": m{"/a": m{"get": m{"operationId": "getA", "responses": okResponse(ref("A"))}}},
		"components": m{"schemas": m{
			"A":    m{"allOf": l{ref("A"), m{"type": "object", "properties": m{"x": m{"type": "string"}}}}},
			"B":    m{"allOf": l{ref("C")}, "properties": m{"b": ref("B")}},
			"C":    m{"allOf": l{ref("B")}, "properties": m{"c": ref("C")}},
			"D":    m{"oneOf": l{ref("D"), m{"type": "string"}}},
			"E":    m{"type": "object", "properties": m{"self": ref("E"), "list": m{"type": "array", "items": ref("E")}, "map": m{"type": "object", "additionalProperties": ref("E")}}},
			"F":    m{"type": "array", "items": ref("F")},
			"G":    m{"type": "object", "additionalProperties": ref("G")},
			"H":    ref("I"),
			"I":    m{"anyOf": l{ref("H"), m{"type": "integer"}}},
			"Loop": m{"allOf": l{ref("Loop")}},
			"Only": m{"allOf": l{ref("Only")}, "description": "allOf of itself alone"},
			"N":    m{"oneOf": l{ref("N"), m{"type": "null"}}, "nullable": true},
			"M":    m{"anyOf": l{ref("M")}},
			// Reached twice at every level: 2^70 paths unless each schema is merged once.
			"Twice": m{"allOf": l{ref("Twice"), ref("Twice"), ref("Chain0")}},
			// A union whose variants find their discriminator value through an allOf cycle.
			"Pet": m{"oneOf": l{ref("Cat"), ref("Dog")}, "discriminator": m{"propertyName": "kind"}},
			"Cat": m{"allOf": l{ref("Cat"), m{"type": "object", "required": l{"kind"}, "properties": m{"kind": m{"type": "string", "enum": l{"cat"}}}}}},
			"Dog": m{"allOf": l{ref("Cat"), ref("Dog"), m{"type": "object", "properties": m{"kind": m{"type": "string", "enum": l{"dog"}}}}}},
		}},
	})}
}

// chain adds Chain0..Chain69 to the recursive case: each is allOf its successor twice (a ladder of diamonds).
func chain(c hcase) hcase {
	schemas := c.doc["components"].(m)["schemas"].(m)
	for i := range 70 {
		schemas[fmt.Sprintf("Chain%d", i)] = m{"allOf": l{ref(fmt.Sprintf("Chain%d", i+1)), ref(fmt.Sprintf("Chain%d", i+1)),
			m{"type": "object", "properties": m{fmt.Sprintf("f%d", i): m{"type": "string"}}}}}
	}
	schemas["Chain70"] = m{"type": "object", "properties": m{"end": m{"type": "string"}}}
	return c
}

// manyOpsCase has 10,000 operations on 2,500 paths.
func manyOpsCase() hcase {
	paths := m{}
	for i := range 2500 {
		item := m{}
		for j, method := range []string{"get", "put", "post", "delete"} {
			op := m{"operationId": fmt.Sprintf("op%d_%d", i, j), "tags": l{fmt.Sprintf("group%d", i%50)},
				"parameters": l{m{"name": "id", "in": "path", "required": true, "schema": m{"type": "integer"}},
					m{"name": "limit", "in": "query", "schema": m{"type": "integer"}}},
				"responses": okResponse(ref("Item"))}
			if method != "get" && method != "delete" {
				op["requestBody"] = m{"content": m{"application/json": m{"schema": ref("Item")}}}
			}
			item[method] = op
		}
		paths[fmt.Sprintf("/r%d/{id}", i)] = item
	}
	return hcase{name: "manyops", budget: 30 * time.Second, typeCheckOnly: true, doc: openapi(m{"paths": paths, "components": m{"schemas": m{
		"Item": m{"type": "object", "properties": m{"id": m{"type": "integer"}, "name": m{"type": "string"}}}}}})}
}

// generated is one case's output.
type generated struct {
	c       hcase
	pkg     string
	files   map[string][]byte
	model   *model.Package
	elapsed time.Duration
}

func TestHostileSpecs(t *testing.T) {
	runtimeNames, err := templates.Identifiers()
	if err != nil {
		t.Fatal(err)
	}
	cases := []hcase{textCase(), namesCase(runtimeNames), unicodeCase(), bigEnumCase(), deepCase(), chain(recursiveCase()), manyOpsCase()}
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module hostiletest\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var outs []*generated
	for _, c := range cases {
		g := generate(t, mod, c, runtimeNames)
		if g == nil {
			continue
		}
		outs = append(outs, g)
		t.Run(c.name, func(t *testing.T) { inspect(t, g, runtimeNames) })
	}
	compiled := []string{"build"}
	for _, g := range outs {
		if !g.c.typeCheckOnly {
			compiled = append(compiled, "./"+g.pkg)
		}
	}
	start := time.Now()
	if len(compiled) > 1 {
		goTool(t, mod, compiled...)
	}
	buildTime := time.Since(start)
	start = time.Now()
	goTool(t, mod, "vet", "./...")
	var summary []string
	for _, g := range outs {
		lines := 0
		for _, b := range g.files {
			lines += strings.Count(string(b), "\n")
		}
		summary = append(summary, fmt.Sprintf("%s %s (%d lines)", g.c.name, g.elapsed.Round(time.Millisecond), lines))
	}
	t.Logf("generated: %s; go build (all but the type-check-only cases) %s, go vet %s", strings.Join(summary, ", "), buildTime.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// generate writes the case's spec, generates it (lenient: some cases are invalid on purpose) and writes the output
// into mod/<case>; the inspection reads the model the generation returns.
func generate(t *testing.T, mod string, c hcase, runtimeNames []string) *generated {
	t.Helper()
	data, err := json.MarshalIndent(c.doc, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "spec.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	g := &generated{c: c, pkg: "h" + c.name}
	start := time.Now()
	cpu0, cpuOK := cpuTime()
	res, err := opgen.Generate(context.Background(), opgen.Target{
		Spec: "spec.json", SpecFile: file, Package: g.pkg, ImportPath: "hostiletest/" + g.pkg,
		Options: opgen.Options{Lenient: true},
	})
	g.elapsed = time.Since(start)
	// The budget is checked on CPU time where there is one: the wall clock also counts the time spent waiting for
	// a core, which made this test fail on a loaded machine (load average 15 on 2 cores).
	spent, clock := g.elapsed, "wall"
	if cpu1, ok := cpuTime(); ok && cpuOK {
		spent, clock = cpu1-cpu0, "CPU"
	}
	if err != nil {
		t.Errorf("%s: generation failed: %v", c.name, err)
		return nil
	}
	budget := c.budget
	if budget == 0 {
		budget = 10 * time.Second
	}
	budget *= raceFactor
	t.Logf("%s: generation took %s of %s time (%s wall)", c.name, spent, clock, g.elapsed)
	if spent > budget {
		t.Errorf("%s: generation took %s of %s time (%s wall), over its budget of %s", c.name, spent, clock, g.elapsed, budget)
	}
	g.files = res.Files
	dir := filepath.Join(mod, g.pkg)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range res.Files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The model the files were printed from: loading and building the spec again cost as much as generating it
	// (the names and manyops cases are 150,000 and 390,000 lines).
	g.model = res.Model
	return g
}

// fixedNames are the package-level names the emitter prints that are neither in the model nor in the runtime
// support (internal/opgen's fixedNames).
var fixedNames = []string{"apiDef", "NewClient", "ParseEvent", "VerifyWebhook"}

// modelNames collects every Go name the model decides (fields named like *Name, VarName, Method...).
func modelNames(pkg *model.Package) map[string]bool {
	out := map[string]bool{}
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(v.MapIndex(k))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				f := v.Type().Field(i)
				fv := v.Field(i)
				if fv.Kind() == reflect.String && (strings.HasSuffix(f.Name, "Name") || slices.Contains([]string{"Method", "EnvType", "EnumType", "ErrorDecoder"}, f.Name)) {
					out[fv.String()] = true
				} else {
					walk(fv)
				}
			}
		}
	}
	walk(reflect.ValueOf(pkg))
	return out
}

// inspect proves the spec text stayed inert in one case's output.
func inspect(t *testing.T, g *generated, runtimeNames []string) {
	allowed := modelNames(g.model)
	for _, n := range append(slices.Clone(runtimeNames), fixedNames...) {
		allowed[n] = true
	}
	literals := map[string]bool{}
	fset := token.NewFileSet()
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range g.files {
			if !yield(n) {
				return
			}
		}
	})
	for _, name := range names {
		src := g.files[name]
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Errorf("%s does not parse: %v", name, err)
			continue
		}
		if f.Name.Name != g.pkg {
			t.Errorf("%s: package %s, want %s", name, f.Name.Name, g.pkg)
		}
		runtimeFile := strings.HasPrefix(name, "runtime_")
		// Top-level declarations: only what the model (or the runtime support) declares; no init.
		for _, d := range f.Decls {
			for _, id := range topLevelNames(d) {
				if id.Name == "init" {
					t.Errorf("%s: func init declared", fset.Position(id.Pos()))
				} else if !runtimeFile && id.Name != "_" && !allowed[id.Name] {
					t.Errorf("%s: top-level %s is declared by neither the model nor the runtime support", fset.Position(id.Pos()), id.Name)
				}
			}
		}
		// Comments stay comments: spec text never forms a directive or a block comment.
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				lc := strings.ToLower(c.Text)
				if strings.HasPrefix(c.Text, "//go:") || strings.HasPrefix(c.Text, "//line ") || strings.HasPrefix(c.Text, "/*line ") || strings.HasPrefix(c.Text, "//export ") {
					t.Errorf("%s: directive in the output: %q", fset.Position(c.Pos()), c.Text)
				}
				if strings.Contains(lc, marker) && !strings.HasPrefix(c.Text, "//") {
					t.Errorf("%s: spec text in a block comment: %q", fset.Position(c.Pos()), c.Text)
				}
			}
		}
		// Code tokens never carry spec text; string literals are collected to be read back.
		var sc scanner.Scanner
		file := fset.AddFile(name+".scan", -1, len(src))
		sc.Init(file, src, func(pos token.Position, msg string) { t.Errorf("%s: scan: %s", pos, msg) }, scanner.ScanComments)
		for {
			pos, tok, lit := sc.Scan()
			if tok == token.EOF {
				break
			}
			switch tok {
			case token.COMMENT:
			case token.STRING, token.CHAR:
				if v, err := strconv.Unquote(lit); err == nil {
					literals[v] = true
				} else {
					t.Errorf("%s: literal %s does not unquote: %v", fset.Position(pos), lit, err)
				}
			case token.IDENT:
				// A Go name the model decided may come from spec text (an enum value's constant); any other
				// identifier holding spec text is code the spec wrote.
				if strings.Contains(strings.ToLower(lit), marker) && !allowed[lit] {
					t.Errorf("%s: spec text became code: %s %q", fset.Position(pos), tok, lit)
				}
			default:
				if strings.Contains(strings.ToLower(lit), marker) {
					t.Errorf("%s: spec text became code: %s %q", fset.Position(pos), tok, lit)
				}
			}
		}
	}
	var missing []string
	for _, want := range g.c.literals {
		if !literals[want] {
			missing = append(missing, strconv.Quote(want))
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d spec string(s) not found unchanged in any string literal of the output, e.g. %s", len(missing), strings.Join(missing[:min(5, len(missing))], ", "))
	}
}

func topLevelNames(d ast.Decl) []*ast.Ident {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			return []*ast.Ident{d.Name}
		}
	case *ast.GenDecl:
		var out []*ast.Ident
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				out = append(out, s.Name)
			case *ast.ValueSpec:
				out = append(out, s.Names...)
			}
		}
		return out
	}
	return nil
}

// goTool runs `go <args>` in the scratch module (race detector off).
func goTool(t *testing.T, mod string, args ...string) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the generated code: %v", err)
	}
	cmd := exec.Command(goBin, args...)
	cmd.Dir = mod
	// -trimpath: the scratch module lives in a new temporary folder on every run, and without it that folder is part
	// of every build and vet cache key, so unchanged generated packages would be compiled and vetted again each run.
	// Nothing else that keys the cache (no CGO_ENABLED) is set: these builds share the standard library's compiles
	// with the other tests' scratch modules (golden, corpus, the downstream scripts).
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod -trimpath")
	if out, err := cmd.CombinedOutput(); err != nil {
		lines := strings.Split(string(out), "\n")
		t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, strings.Join(lines[:min(60, len(lines))], "\n"))
	}
}

// TestHostileRefs: a $ref may name only local files, and only regular ones of sane size. A $ref to a device (which
// would never end, or wait for input), to a network address, or to the metadata service must fail quickly with
// the $ref's location.
func TestHostileRefs(t *testing.T) {
	for _, target := range []string{
		"/dev/zero#/components/schemas/X",
		"/dev/urandom",
		"/dev/stdin",
		"file:///dev/zero",
		"http://169.254.169.254/latest/meta-data/",
		"https://example.com/spec.yaml#/components/schemas/X",
		"//example.com/x.yaml",
		"/proc/self/fd/0",
	} {
		t.Run(target, func(t *testing.T) {
			doc := openapi(m{"paths": m{"/x": m{"get": m{"operationId": "getX", "responses": okResponse(m{"$ref": target})}}}})
			data, err := json.MarshalIndent(doc, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "spec.json")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := opgen.Generate(context.Background(), opgen.Target{Spec: "spec.json", SpecFile: file, Package: "x", Options: opgen.Options{Lenient: true}})
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil {
					t.Fatalf("$ref %q generated", target)
				}
				if !regexp.MustCompile(`spec\.json:\d+:\d+: `).MatchString(err.Error()) {
					t.Errorf("$ref %q: the error does not name the spec's line: %v", target, err)
				}
				t.Logf("%v", err)
			case <-time.After(2 * time.Minute): // a hang guard, generous for a loaded machine
				t.Fatalf("$ref %q: generation did not finish in 2 minutes", target)
			}
		})
	}
}
