package lint

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestGeneratedDocsStartWithName holds generated code to Go's doc-comment convention (staticcheck's ST1020,
// ST1021 and ST1022, which staticcheck itself skips in generated files): the doc comment of every exported
// function, method, type, constant and variable starts with its name ("Create creates a charge.", not
// "Create: Create a charge"). It reads the committed SDKs and every golden case's expected output.
func TestGeneratedDocsStartWithName(t *testing.T) {
	root := filepath.Join("..", "..")
	var files []string
	for _, pattern := range []string{"generated/*/*_gen.go", "golden/testdata/*/*_gen.go.golden"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("found only %d generated files", len(files))
	}
	var bad []string
	for _, path := range files {
		if strings.Contains(filepath.Base(path), "runtime_") {
			continue // the runtime templates are hand-written and covered by the lint above
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, path)
		for _, msg := range misnamedDocs(f) {
			bad = append(bad, rel+": "+msg)
		}
	}
	sort.Strings(bad)
	for i, b := range bad {
		if i == 40 {
			t.Errorf("... and %d more", len(bad)-40)
			break
		}
		t.Error(b)
	}
}

// misnamedDocs lists the exported declarations whose doc comment does not start with their name, optionally
// after an article, as staticcheck's ST1020-ST1022 require.
func misnamedDocs(f *ast.File) []string {
	var out []string
	check := func(name string, doc *ast.CommentGroup) {
		if doc == nil || !ast.IsExported(name) {
			return
		}
		starts := func(text string) bool { return strings.HasPrefix(text, name+" ") || strings.HasPrefix(text, name+"\n") }
		text := doc.Text()
		ok := starts(text)
		for _, a := range []string{"A ", "An ", "The "} {
			ok = ok || starts(strings.TrimPrefix(text, a))
		}
		if !ok {
			first, _, _ := strings.Cut(doc.Text(), "\n")
			out = append(out, name+": "+first)
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			check(d.Name.Name, d.Doc)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					doc := s.Doc
					if doc == nil && len(d.Specs) == 1 {
						doc = d.Doc
					}
					check(s.Name.Name, doc)
				case *ast.ValueSpec:
					doc := s.Doc
					if doc == nil && len(d.Specs) == 1 {
						doc = d.Doc
					}
					if len(s.Names) == 1 {
						check(s.Names[0].Name, doc)
					}
				}
			}
		}
	}
	return out
}
