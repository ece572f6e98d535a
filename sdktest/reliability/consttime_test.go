package reliability

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestWebhookCredentialsComparedInConstantTime inspects verifyWebhookBasicAuth in the runtime template and in the
// copy every generated SDK carries: the received and the expected credentials are compared only through
// subtle.ConstantTimeCompare (user name and password both, combined with & so neither comparison short-circuits
// the other), never with ==, != or an early-exit equality function. Timing cannot be measured reliably on a
// shared machine; this fails the moment someone writes `pass == password`.
func TestWebhookCredentialsComparedInConstantTime(t *testing.T) {
	files := []string{"../../templates/support/emitted.go"}
	for _, pkg := range []string{"openpaymx", "openpaype", "openpayco", "culqi", "sky"} {
		files = append(files, filepath.Join("../../generated", pkg, "runtime_emitted_gen.go"))
	}
	for _, path := range files {
		t.Run(strings.TrimPrefix(path, "../../"), func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			fn := findFunc(f, "verifyWebhookBasicAuth")
			if fn == nil {
				t.Fatal("no verifyWebhookBasicAuth")
			}
			for _, p := range constantTimeProblems(fset, fn) {
				t.Error(p)
			}
		})
	}

	// The inspection itself catches the usual mistakes.
	for name, body := range map[string]string{
		"==": `user, pass, ok := r.BasicAuth()
	if !ok || user != username || pass != password { return errors.New("no") }
	return nil`,
		"&&": `user, pass, _ := r.BasicAuth()
	gotU, gotP := sha256.Sum256([]byte(user)), sha256.Sum256([]byte(pass))
	wantU, wantP := sha256.Sum256([]byte(username)), sha256.Sum256([]byte(password))
	if subtle.ConstantTimeCompare(gotU[:], wantU[:]) == 1 && subtle.ConstantTimeCompare(gotP[:], wantP[:]) == 1 { return nil }
	return errors.New("no")`,
		"bytes.Equal": `user, pass, _ := r.BasicAuth()
	if subtle.ConstantTimeCompare([]byte(user), []byte(username)) != 1 || !bytes.Equal([]byte(pass), []byte(password)) { return errors.New("no") }
	return nil`,
	} {
		src := "package p\nfunc verifyWebhookBasicAuth(api string, r *http.Request, username, password string) error {\n\t" + body + "\n}\n"
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "mutant.go", src, 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(constantTimeProblems(fset, findFunc(f, "verifyWebhookBasicAuth"))) == 0 {
			t.Errorf("a comparison with %s went unnoticed", name)
		}
	}
}

func findFunc(f *ast.File, name string) *ast.FuncDecl {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == name {
			return fd
		}
	}
	return nil
}

// constantTimeProblems lists the ways fn compares credentials other than in constant time.
func constantTimeProblems(fset *token.FileSet, fn *ast.FuncDecl) []string {
	var problems []string
	errorf := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	// Tainted: the expected credentials (every string parameter but the API name), what r.BasicAuth returns, and
	// everything computed from them.
	tainted := map[string]bool{}
	for _, field := range fn.Type.Params.List {
		for _, n := range field.Names {
			if n.Name != "api" && n.Name != "r" {
				tainted[n.Name] = true
			}
		}
	}
	if !tainted["username"] || !tainted["password"] {
		return []string{fmt.Sprintf("parameters changed: %v", tainted)}
	}
	mentions := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.Ident:
				found = found || tainted[x.Name]
			case *ast.SelectorExpr:
				found = found || x.Sel.Name == "BasicAuth"
			}
			return !found
		})
		return found
	}
	for changed := true; changed; {
		changed = false
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok {
				return true
			}
			for _, rhs := range as.Rhs {
				if !mentions(rhs) {
					continue
				}
				for _, lhs := range as.Lhs {
					if id, ok := lhs.(*ast.Ident); ok && id.Name != "_" && !tainted[id.Name] {
						tainted[id.Name], changed = true, true
					}
				}
			}
			return true
		})
	}
	if !tainted["user"] && !tainted["gotU"] {
		return []string{fmt.Sprintf("the received credentials were not traced (tainted: %v): update this test with the function", tainted)}
	}

	isEmpty := func(e ast.Expr) bool {
		bl, ok := e.(*ast.BasicLit)
		if !ok || bl.Kind != token.STRING {
			return false
		}
		s, err := strconv.Unquote(bl.Value)
		return err == nil && s == ""
	}
	isCTC := func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return false
		}
		sel, ok := c.Fun.(*ast.SelectorExpr)
		pkg, _ := func() (*ast.Ident, bool) {
			if !ok {
				return nil, false
			}
			id, ok := sel.X.(*ast.Ident)
			return id, ok
		}()
		return ok && pkg != nil && pkg.Name == "subtle" && sel.Sel.Name == "ConstantTimeCompare"
	}
	containsCTC := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool { found = found || isCTC(m); return !found })
		return found
	}
	ctc := 0
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.BinaryExpr:
			switch x.Op {
			case token.EQL, token.NEQ:
				// Comparing an expected credential with "" (is one configured?) leaks nothing received.
				if (mentions(x.X) || mentions(x.Y)) && !isEmpty(x.X) && !isEmpty(x.Y) && !containsCTC(x) {
					errorf("%s: credentials compared with %s: not constant time", fset.Position(x.Pos()), x.Op)
				}
			case token.LAND, token.LOR:
				if containsCTC(x.X) || containsCTC(x.Y) {
					errorf("%s: constant-time comparisons joined with %s: the second is skipped when the first fails", fset.Position(x.Pos()), x.Op)
				}
			}
		case *ast.CallExpr:
			if isCTC(x) {
				ctc++
				for _, a := range x.Args {
					if !mentions(a) {
						errorf("%s: ConstantTimeCompare of something that is not a credential", fset.Position(a.Pos()))
					}
				}
			}
			if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok {
					switch id.Name + "." + sel.Sel.Name {
					case "bytes.Equal", "bytes.Compare", "strings.Compare", "strings.EqualFold", "bytes.EqualFold",
						"reflect.DeepEqual", "slices.Equal", "hmac.Equal":
						if mentions(x) {
							errorf("%s: credentials compared with %s.%s: not constant time", fset.Position(x.Pos()), id.Name, sel.Sel.Name)
						}
					}
				}
			}
		case *ast.SwitchStmt:
			if x.Tag != nil && mentions(x.Tag) {
				errorf("%s: switch on a credential", fset.Position(x.Pos()))
			}
		}
		return true
	})
	if ctc < 2 {
		errorf("%d subtle.ConstantTimeCompare calls, want one for the user name and one for the password", ctc)
	}
	return problems
}
