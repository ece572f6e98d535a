package contract

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestEverySpecHasAContract is the guard above runContract's per-operation one: every spec that
// specs/opgen.yaml generates an SDK from must have a Test function in this package that hands it to runContract,
// so a new SDK cannot ship without contract tests.
func TestEverySpecHasAContract(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "specs", "opgen.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Targets []struct {
			Spec string `yaml:"spec"`
		} `yaml:"targets"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf("specs/opgen.yaml: %v", err)
	}
	if len(cfg.Targets) == 0 {
		t.Fatal("specs/opgen.yaml lists no targets")
	}
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	srcs := map[string][]byte{}
	for _, f := range files {
		if srcs[f], err = os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
	}
	have, err := contractSpecs(srcs)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range cfg.Targets {
		if _, ok := have[tg.Spec]; !ok {
			t.Errorf("specs/opgen.yaml generates an SDK from %s, but no Test function in sdktest/contract runs runContract with specFile %q: add <pkg>_test.go with its cases", tg.Spec, tg.Spec)
		}
	}
}

// contractSpecs returns, for each specFile given as a string literal to runContract(t, &sdkContract{...}) inside a
// top-level Test function, the name of that function.
func contractSpecs(srcs map[string][]byte) (map[string]string, error) {
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, name := range slices.Sorted(mapsKeys(srcs)) {
		f, err := parser.ParseFile(fset, name, srcs[name], 0)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || fn.Body == nil || !strings.HasPrefix(fn.Name.Name, "Test") {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 2 {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "runContract" {
					return true
				}
				u, ok := call.Args[1].(*ast.UnaryExpr)
				if !ok || u.Op != token.AND {
					return true
				}
				lit, ok := u.X.(*ast.CompositeLit)
				if !ok {
					return true
				}
				if id, ok := lit.Type.(*ast.Ident); !ok || id.Name != "sdkContract" {
					return true
				}
				for _, e := range lit.Elts {
					kv, ok := e.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					key, ok := kv.Key.(*ast.Ident)
					if !ok || key.Name != "specFile" {
						continue
					}
					if bl, ok := kv.Value.(*ast.BasicLit); ok && bl.Kind == token.STRING {
						if s, err := strconv.Unquote(bl.Value); err == nil {
							out[s] = fn.Name.Name
						}
					}
				}
				return true
			})
		}
	}
	return out, nil
}

func TestContractSpecs(t *testing.T) {
	srcs := map[string][]byte{
		"a_test.go": []byte(`package contract
func TestA(t *testing.T) { runContract(t, &sdkContract{specFile: "a.yaml", serverPath: "/v1"}) }
func TestB(t *testing.T) { c := &sdkContract{specFile: "b.yaml"}; _ = c } // never run
func helper(t *testing.T) { runContract(t, &sdkContract{specFile: "c.yaml"}) } // not a Test function
func TestD(t *testing.T) { t.Run("x", func(t *testing.T) { runContract(t, &sdkContract{specFile: "d.yaml"}) }) }
`),
	}
	got, err := contractSpecs(srcs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.yaml": "TestA", "d.yaml": "TestD"}
	if len(got) != len(want) {
		t.Fatalf("contractSpecs = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("contractSpecs = %v, want %v", got, want)
		}
	}
}
