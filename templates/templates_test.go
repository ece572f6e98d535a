package templates

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// contract lists the unexported names the generated code relies on; every
// other unexported top-level name must carry the reserved "opg" prefix.
var contract = map[string]bool{
	"apiDefinition": true, "environmentDef": true, "serverVariableDef": true, "securityKind": true,
	"securityBasic": true, "securityBearer": true, "securityAPIKeyHeader": true, "securityAPIKeyQuery": true,
	"securityAPIKeyCookie": true, "securitySchemeDef": true, "operationDef": true, "clientCore": true,
	"newClientCore": true, "request": true, "requestBody": true, "jsonBody": true, "formBody": true,
	"formValuesBody": true, "multipartPart": true, "multipartBody": true, "textBody": true, "readerBody": true,
	"response": true, "pathParam": true, "formatParam": true, "addQuery": true, "addQueryArray": true,
	"addQueryObject": true, "missingParam": true, "serverVariableOption": true, "credentialOption": true,
	"credential": true, "paginateOffset": true, "paginatePage": true, "paginateCursor": true,
}

func TestFiles(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	onDisk, _ := filepath.Glob("support/*.go")
	want := 0
	for _, f := range onDisk {
		if !strings.HasSuffix(f, "_test.go") {
			want++
		}
	}
	if len(files) != want {
		t.Fatalf("Files() has %d files, want %d", len(files), want)
	}
	for name, src := range files {
		if strings.HasSuffix(name, "_test.go") {
			t.Errorf("%s: test file embedded", name)
		}
		disk, _ := os.ReadFile(filepath.Join("support", name))
		if !bytes.Equal(disk, src) {
			t.Errorf("%s: embedded copy differs from disk", name)
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name.Name != "support" || !bytes.HasPrefix(src, []byte("package support\n")) {
			t.Errorf("%s: must start with the package clause", name)
		}
		if bytes.Contains(src, []byte("support.")) {
			t.Errorf("%s: refers to the package name", name)
		}
		for _, imp := range f.Imports {
			if p := strings.Trim(imp.Path.Value, `"`); strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
				t.Errorf("%s: non-standard import %s", name, p)
			}
		}
	}
	names, err := Identifiers()
	if err != nil || len(names) == 0 {
		t.Fatalf("Identifiers: %v %v", names, err)
	}
	// The opg prefix rule covers the runtime files; emitted.go holds helpers
	// owned by the generator, whose names are its own contract.
	for name, src := range files {
		if name == "emitted.go" {
			continue
		}
		f, _ := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
		for _, n := range topLevelNames(f) {
			if !ast.IsExported(n) && !contract[n] && !strings.HasPrefix(n, "opg") && !strings.HasPrefix(n, "errOpg") {
				t.Errorf("%s: unexported identifier %q is neither in the contract nor opg-prefixed", name, n)
			}
		}
	}
}

func topLevelNames(f *ast.File) []string {
	var out []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				out = append(out, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					out = append(out, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						out = append(out, n.Name)
					}
				}
			}
		}
	}
	return out
}
