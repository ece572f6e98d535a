package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/internal/build"
	"github.com/opgen-sdk/opgen/internal/corpus"
	"github.com/opgen-sdk/opgen/internal/model"
	"github.com/opgen-sdk/opgen/internal/spec"
	"github.com/opgen-sdk/opgen/templates"
)

// FuzzBuild builds the model of every mutated document that loads (leniently). The rule: Build never panics,
// never hangs (each input is bounded by corpus.InputTimeout), and either returns an error that names a JSON
// pointer or a model whose every type and operation has a name.
//
//	go test ./internal/build -run '^$' -fuzz FuzzBuild -fuzztime 5m
func FuzzBuild(f *testing.F) {
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
		corpus.Bounded(corpus.InputTimeout, "spec.Load + build.Build", func() {
			doc, err := spec.Load(context.Background(), file, spec.LoadOptions{Lenient: true, DisplayPath: "spec.yaml"})
			if err != nil {
				t.Skip("does not load")
			}
			pkg, err := build.Build(build.Input{Doc: doc.T, SpecPath: "spec.yaml", Package: "api", Reserved: reserved})
			if err != nil {
				if !strings.Contains(err.Error(), "#/") {
					t.Fatalf("Build error names no JSON pointer: %v", err)
				}
				return
			}
			checkModel(t, pkg)
		})
	})
}

// checkModel asserts the invariants emit relies on: every type, field, constant and operation is named, and
// package-level names are unique.
func checkModel(t *testing.T, pkg *model.Package) {
	t.Helper()
	seen := map[string]string{}
	claim := func(name, what string) {
		if name == "" {
			t.Fatalf("%s has no Go name", what)
		}
		if prev, dup := seen[name]; dup {
			t.Fatalf("package-level name %s given to %s and %s", name, prev, what)
		}
		seen[name] = what
	}
	for _, ty := range pkg.Types {
		claim(ty.Name, "type at "+ty.Pointer)
		for _, f := range ty.Fields {
			if f.Name == "" || f.Type == nil {
				t.Fatalf("type %s: field %q has no Go name or type", ty.Name, f.JSONName)
			}
		}
		if ty.Enum != nil {
			for _, v := range ty.Enum.Values {
				claim(v.Name, "constant of "+ty.Name)
			}
		}
	}
	if pkg.Client == nil {
		return
	}
	for _, op := range pkg.Client.Operations {
		if op.Method == "" || op.VarName == "" {
			t.Fatalf("operation at %s has no method or variable name", op.Pointer)
		}
	}
}
