package unused

import (
	"slices"
	"testing"
)

func TestRuntime(t *testing.T) {
	files := map[string][]byte{
		"api.go": []byte(`package api

import "strings"

func Exported() string { return used() + strings.ToUpper(viaIface{}.name()) + string(grouped) }

type named interface{ name() string }

var _ named = viaIface{}
`),
		"runtime_x_gen.go": []byte(`package api

func used() string { return "" }

func unusedFunc() {}

type viaIface struct{}

func (viaIface) name() string { return "" }

func (viaIface) orphan() {}

const (
	grouped = 'a' + iota
	groupedSibling
)

var unusedVar int
`),
		"notes.txt": []byte("not Go"),
	}
	got, err := Runtime(files, "runtime_")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"runtime_x_gen.go:11:17: orphan is unused",
		"runtime_x_gen.go:18:5: unusedVar is unused",
		"runtime_x_gen.go:5:6: unusedFunc is unused",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}

	if _, err := Runtime(map[string][]byte{"a.go": []byte("package api\n\nvar x int = \"s\"\n")}, "runtime_"); err == nil {
		t.Error("a package that does not type-check: no error")
	}
}
