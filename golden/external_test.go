package golden

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestExternalFileTypes requires that a schema reached through a $ref into another file of a case (billing.yaml
// beside spec.yaml) gets the Go type that file's own generation gives it: the same declaration (a named string,
// an int64, a Decimal alias, an enum with the same constants, a union), never an inlined base type. Every other
// *.yaml of a positive case that is an OpenAPI document is generated alone and compared.
func TestExternalFileTypes(t *testing.T) {
	compared := 0
	for _, c := range cases(t) {
		if c.negative {
			continue
		}
		others, _ := filepath.Glob(filepath.Join(c.dir, "*.yaml"))
		for _, other := range others {
			base := filepath.Base(other)
			if base == specName || base == overlayName {
				continue
			}
			head, err := os.ReadFile(other)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(head, []byte("openapi:")) && !bytes.HasPrefix(head, []byte("swagger:")) {
				continue
			}
			whole := output(c)
			alone := run(c, other)
			if whole.err != nil || alone.err != nil {
				t.Errorf("%s: generating: %v / %s alone: %v", c.dir, whole.err, base, alone.err)
				continue
			}
			got, want := declarations(t, whole.files), declarations(t, alone.files)
			names := make([]string, 0, len(want))
			for name := range want {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				g, ok := got[name]
				if !ok {
					t.Errorf("%s: %s declares %s, which the spec reaching it does not declare", c.dir, base, name)
					continue
				}
				compared++
				if g != want[name] {
					t.Errorf("%s: %s through a $ref into %s:\n%s\nwant, as %s alone gives it:\n%s", c.dir, name, base, g, base, want[name])
				}
			}
		}
	}
	if compared == 0 {
		t.Fatal("no case has a second OpenAPI file whose types were compared")
	}
}

// declarations maps each type a generated package declares (runtime files aside) to its declaration without
// comments, followed by the constants of that type (an enum's values).
func declarations(t *testing.T, files map[string][]byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	consts := map[string][]string{}
	fset := token.NewFileSet()
	print := func(n any) string {
		var b bytes.Buffer
		if err := printer.Fprint(&b, fset, n); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for name, src := range files {
		if isRuntime(name) || !strings.HasSuffix(name, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, src, 0) // no comments: Spec: lines name the file they come from
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, sp := range gd.Specs {
				switch s := sp.(type) {
				case *ast.TypeSpec:
					if st, ok := s.Type.(*ast.StructType); ok {
						// The field keeping a decoded object's extras depends on whether any response holds the
						// type (a request-only type has none), which the file alone cannot know: not the type's shape.
						var fields []*ast.Field
						for _, fl := range st.Fields.List {
							if id, ok := fl.Type.(*ast.Ident); !ok || id.Name != "opgKeeper" {
								fields = append(fields, fl)
							}
						}
						st.Fields.List = fields
					}
					out[s.Name.Name] = print(s)
				case *ast.ValueSpec:
					if id, ok := s.Type.(*ast.Ident); ok && gd.Tok == token.CONST {
						consts[id.Name] = append(consts[id.Name], print(s))
					}
				}
			}
		}
	}
	for name, cs := range consts {
		sort.Strings(cs)
		out[name] += "\n" + strings.Join(cs, "\n")
	}
	return out
}
