package reliability

import (
	"os"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/internal/faults"
)

const (
	docPath     = "../../docs/RELIABILITY.md"
	matrixBegin = "<!-- fault matrix: generated from internal/faults (Matrix); regenerate with OPGEN_UPDATE_DOCS=1 go test ./sdktest/reliability -run TestDocMatrix -->\n"
	matrixEnd   = "<!-- end of fault matrix -->\n"
)

// TestDocMatrix keeps the fault table of docs/RELIABILITY.md equal to faults.Matrix, the expectations both fault
// suites replay. With OPGEN_UPDATE_DOCS=1 it rewrites the table instead.
func TestDocMatrix(t *testing.T) {
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	i, j := strings.Index(text, matrixBegin), strings.Index(text, matrixEnd)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the fault matrix markers:\n%s%s", docPath, matrixBegin, matrixEnd)
	}
	want := faults.Markdown()
	got := text[i+len(matrixBegin) : j]
	if got == want {
		return
	}
	if os.Getenv("OPGEN_UPDATE_DOCS") == "1" {
		if err := os.WriteFile(docPath, []byte(text[:i+len(matrixBegin)]+want+text[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the fault matrix of %s differs from faults.Matrix: run OPGEN_UPDATE_DOCS=1 go test ./sdktest/reliability -run TestDocMatrix\nwant:\n%s", docPath, want)
}
