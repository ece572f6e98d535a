package opgen

import (
	"context"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// featureSpec is a small API with one operation; extra adds paths, schemas and webhooks for one feature.
func featureSpec(paths, schemas, top string) string {
	return `openapi: 3.1.0
info: {title: Shop, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /items/{id}:
    get:
      operationId: getItem
      tags: [items]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Item"}
` + paths + `components:
  schemas:
    Item:
      type: object
      required: [id]
      properties:
        id: {type: string}
        count: {type: integer, format: int32}
` + schemas + top
}

const listPath = `  /items:
    get:
      operationId: listItems
      tags: [items]
      x-opgen-pagination: {style: offset, offset: offset, limit: limit, items: data}
      parameters:
        - {name: offset, in: query, schema: {type: integer}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {$ref: "#/components/schemas/Item"}}
`

const uploadPath = `  /uploads:
    post:
      operationId: upload
      tags: [items]
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                name: {type: string}
                file: {type: string, format: binary}
      responses:
        "204": {description: done}
`

const keyedPath = `  /orders:
    post:
      operationId: createOrder
      tags: [items]
      parameters:
        - {name: X-Request-Token, in: header, x-opgen-idempotency-key: true, schema: {type: string}}
      responses:
        "204": {description: done}
`

const webhooksTop = `webhooks:
  itemCreated:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Event"}
      responses:
        "200": {description: ok}
`

const eventSchema = `    Event:
      type: object
      x-opgen-webhook-payload: true
      required: [id, type]
      properties:
        id: {type: string}
        type: {$ref: "#/components/schemas/EventType"}
    EventType:
      type: string
      x-opgen-webhook-events: true
      enum: [item.created, item.deleted]
`

// runtimeFeatures lists, per feature, the runtime declarations that exist only for it.
var runtimeFeatures = map[string][]string{
	"decimal":    {"Decimal", "ParseDecimal", "MustParseDecimal", "NewDecimalFromMinorUnits"},
	"date":       {"Date", "ParseDate", "DateOf"},
	"nullable":   {"Nullable", "NewNullable", "Null"},
	"pagination": {"paginateOffset"},
	"multipart":  {"multipartBody"},
	"webhooks":   {"decodeWebhook"},
	// An API that takes no idempotency key offers no WithIdempotencyKey: it could only fail.
	"idempotency": {"WithIdempotencyKey", "opgIdempotencyKey"},
}

// core is what every client keeps, whatever its spec uses.
var core = []string{"Ptr", "NewClient", "WithHTTPClient", "WithBaseURL", "APIError", "ValidationError", "ErrOutcomeUnknown", "WithResponseInfo", "ResponseInfo"}

// TestTrimRuntimeByFeature generates one spec per feature and checks that the package holds the runtime of that
// feature, and none of the others': no decimal without a decimal, no paginator without pagination.
func TestTrimRuntimeByFeature(t *testing.T) {
	cases := map[string]string{
		"none":        featureSpec("", "", ""),
		"decimal":     featureSpec("", "    Price:\n      type: object\n      properties:\n        amount: {type: string, format: decimal}\n", ""),
		"date":        featureSpec("", "    Born:\n      type: object\n      properties:\n        on: {type: string, format: date}\n", ""),
		"nullable":    featureSpec("", "    Note:\n      type: object\n      properties:\n        text: {type: [string, \"null\"]}\n", ""),
		"pagination":  featureSpec(listPath, "", ""),
		"multipart":   featureSpec(uploadPath, "", ""),
		"webhooks":    featureSpec("", eventSchema, webhooksTop),
		"idempotency": featureSpec(keyedPath, "", ""),
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			files := generateSpec(t, src)
			decls := topLevel(t, files)
			for feature, names := range runtimeFeatures {
				for _, n := range names {
					if got, want := decls[n], feature == name; got != want {
						t.Errorf("spec using %s: declares %s = %v, want %v", name, n, got, want)
					}
				}
			}
			for _, n := range core {
				if !decls[n] {
					t.Errorf("spec using %s: %s is missing", name, n)
				}
			}
			checkAllUsed(t, files)
		})
	}
}

// TestTrimRuntimeKeepsWhatGoldenCasesUse checks the unused-declaration rule on the golden specs, which between
// them use every feature (each is also compiled, vetted and run by the golden tests).
func TestTrimRuntimeKeepsWhatGoldenCasesUse(t *testing.T) {
	specs, _ := filepath.Glob("../../golden/testdata/*/spec.yaml")
	if len(specs) == 0 {
		t.Fatal("no golden specs found")
	}
	for _, spec := range specs {
		if strings.HasPrefix(filepath.Base(filepath.Dir(spec)), "neg-") {
			continue
		}
		t.Run(filepath.Base(filepath.Dir(spec)), func(t *testing.T) {
			tg := Target{Spec: spec, Package: "api", Out: t.TempDir()}
			// A case's options.yaml (golden/golden_test.go) sets target options.
			if raw, err := os.ReadFile(filepath.Join(filepath.Dir(spec), "options.yaml")); err == nil {
				var o struct {
					Lenient            bool `yaml:"lenient"`
					UnicodeIdentifiers bool `yaml:"unicode_identifiers"`
				}
				if err := yaml.Unmarshal(raw, &o); err != nil {
					t.Fatal(err)
				}
				tg.Options.Lenient, tg.Options.UnicodeIdentifiers = o.Lenient, o.UnicodeIdentifiers
			}
			res, err := Generate(context.Background(), tg)
			if err != nil {
				t.Fatal(err)
			}
			checkAllUsed(t, res.Files)
		})
	}
}

func generateSpec(t *testing.T, src string) map[string][]byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "api.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Generate(context.Background(), Target{Spec: path, Package: "shop", Out: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return res.Files
}

func topLevel(t *testing.T, files map[string][]byte) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	fset := token.NewFileSet()
	for name, src := range files {
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					out[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						out[s.Name.Name] = true
					case *ast.ValueSpec:
						for _, n := range s.Names {
							out[n.Name] = true
						}
					}
				}
			}
		}
	}
	return out
}

// checkAllUsed type-checks the generated package and fails on any unexported package-level declaration or
// unexported method of the runtime that nothing uses: what staticcheck's U1000 would report if the files were
// not marked generated.
func checkAllUsed(t *testing.T, files map[string][]byte) {
	t.Helper()
	fset := token.NewFileSet()
	var parsed []*ast.File
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, files[name], 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("example.com/api", fset, parsed, info)
	if err != nil {
		t.Fatalf("the generated package does not type-check: %v", err)
	}
	used := map[types.Object]bool{}
	for _, obj := range info.Uses {
		used[obj] = true
	}
	for _, sel := range info.Selections {
		used[sel.Obj()] = true
	}
	// Methods that implement an interface of the package are used through it.
	var ifaceMethods = map[string]bool{}
	for _, n := range pkg.Scope().Names() {
		if it, ok := pkg.Scope().Lookup(n).Type().Underlying().(*types.Interface); ok {
			for i := range it.NumMethods() {
				ifaceMethods[it.Method(i).Name()] = true
			}
		}
	}
	inRuntime := func(obj types.Object) bool {
		return strings.HasPrefix(filepath.Base(fset.Position(obj.Pos()).Filename), runtimePrefix)
	}
	// As staticcheck does, a constant of a parenthesized group is used when one of the group is (dropping the
	// others would renumber an iota).
	group := map[types.Object]int{}
	groupUsed := map[int]bool{}
	for _, f := range parsed {
		for i, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST || !g.Lparen.IsValid() {
				continue
			}
			key := int(g.Pos())*1000 + i
			for _, s := range g.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					obj := info.Defs[n]
					group[obj] = key
					groupUsed[key] = groupUsed[key] || used[obj]
				}
			}
		}
	}
	for id, obj := range info.Defs {
		if k, ok := group[obj]; ok && groupUsed[k] {
			continue
		}
		if obj == nil || obj.Exported() || id.Name == "_" || id.Name == "init" || !inRuntime(obj) {
			continue
		}
		switch o := obj.(type) {
		case *types.Func:
			sig := o.Type().(*types.Signature)
			if sig.Recv() == nil && o.Parent() != pkg.Scope() {
				continue
			}
			if sig.Recv() != nil && ifaceMethods[o.Name()] {
				continue
			}
		case *types.TypeName, *types.Var, *types.Const:
			if o.Parent() != pkg.Scope() {
				continue
			}
		default:
			continue
		}
		if !used[obj] {
			t.Errorf("%s: %s is unused", fset.Position(obj.Pos()), obj.Name())
		}
	}
}
