package emit_test

import (
	"context"
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
