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
	"unicode"
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
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if ast.IsExported(n) || contract[n] || strings.HasPrefix(n, "opg") {
			continue
		}
		if unicode.IsLower(rune(n[0])) {
			t.Errorf("unexported identifier %q is neither in the contract nor opg-prefixed", n)
		}
	}
}
