package emit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"testing"
)

// TestRuntimeSensitiveNames keeps runtimeSensitive equal to the names the runtime redacts (opgBuiltinSensitive,
// normalised, and the card members): a name the runtime redacts but requestSecrets does not know would leave a
// request's value unscrubbed.
func TestRuntimeSensitiveNames(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "../../templates/support/redact.go", nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "opgBuiltinSensitive" {
			return true
		}
		for _, e := range vs.Values[0].(*ast.CompositeLit).Elts {
			s, err := strconv.Unquote(e.(*ast.BasicLit).Value)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, normKey(s))
		}
		return false
	})
	if len(want) == 0 {
		t.Fatal("opgBuiltinSensitive not found in templates/support/redact.go")
	}
	want = append(want, "number", "expiration")
	got := slices.Clone(runtimeSensitive)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("runtimeSensitive = %q, the runtime redacts %q", got, want)
	}
}
