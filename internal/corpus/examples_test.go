package corpus

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/internal/roundtrip"
)

// invalidExamples are the corpus response examples that do not satisfy their own schema (mistakes of the
// providers' documents), each reviewed, keyed by spec name and the example's JSON pointer, with the reason.
// They are still decoded and re-encoded; the round trip is not judged, since a lossy result may be the example's
// fault. An invalid example not listed here fails the test.
var invalidExamples = map[string]string{}

// undeclaredExamples are valid examples holding members their schema does not declare (a misspelt or a
// forgotten property): generated structs keep declared members only, so these are dropped.
var undeclaredExamples = map[string]string{}

// lossyExamples are valid examples whose round trip loses or changes data, each with the reason. A generator bug
// listed here says so.
var lossyExamples = map[string]string{}

// checkExamples round-trips every response example of the generated specs in one `go test` of one package of the
// scratch module, and reports each loss with the example's location. It returns the number of examples checked.
func checkExamples(t *testing.T, goBin, mod string, outs []*outcome, built map[string]*outcome) int {
	t.Helper()
	var pkgs []roundtrip.Package
	for _, o := range outs {
		if built[o.pkg] != o || len(o.examples) == 0 {
			continue
		}
		for _, s := range o.skipped {
			t.Logf("%s: %s: example not checked: %s", o.spec.Name, s.Location, s.Reason)
		}
		pkgs = append(pkgs, roundtrip.Package{Name: o.pkg, ImportPath: "corpustest/" + o.pkg, Spec: o.spec.Name, Examples: o.examples})
	}
	if len(pkgs) == 0 {
		return 0
	}
	files, err := roundtrip.CorpusFiles("zzroundtrip", pkgs)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(mod, "zzroundtrip")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	resFile := filepath.Join(t.TempDir(), "results.json")
	cmd := exec.Command(goBin, "test", "-count=1", "-vet=off", "./zzroundtrip/")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "CGO_ENABLED=0", "OPGEN_RT_OUT="+resFile)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the example round trip did not run (%v):\n%s", err, strings.Join(first(strings.Split(string(out), "\n"), 40), "\n"))
		return 0
	}
	b, err := os.ReadFile(resFile)
	if err != nil {
		t.Fatal(err)
	}
	var results []struct {
		Pkg   string `json:"pkg"`
		Index int    `json:"index"`
		Err   string `json:"err"`
		Diffs []struct {
			Ptr  string `json:"ptr"`
			Kind string `json:"kind"`
			Text string `json:"text"`
		} `json:"diffs"`
	}
	if err := json.Unmarshal(b, &results); err != nil {
		t.Fatal(err)
	}
	byPkg := map[string]roundtrip.Package{}
	for _, p := range pkgs {
		byPkg[p.Name] = p
	}
	used := map[string]bool{}
	counts := map[string]int{}
	for _, r := range results {
		p := byPkg[r.Pkg]
		e := p.Examples[r.Index]
		key := p.Spec + " " + e.Pointer
		where := p.Spec + ": " + e.Location + " (operation " + e.OperationID + ", status " + e.Status + ", " + e.MediaType + ")"
		into := roundtrip.GoType(p.Name, e.Type) + typeSuffix(e)
		var lost, undeclared []string
		for _, d := range r.Diffs {
			if d.Kind != "added" && !roundtrip.Declared(e.Schema, d.Ptr) {
				undeclared = append(undeclared, d.Ptr)
			} else {
				lost = append(lost, d.Text)
			}
		}
		var class, detail string
		switch {
		case e.Invalid != "":
			class, detail = "invalid", "the example is invalid for its own schema (the provider's document is wrong): "+e.Invalid
		case r.Err != "":
			class, detail = "lossy", "the example does not decode into "+into+": "+r.Err
		case len(lost) > 0:
			class, detail = "lossy", "the example does not survive decode -> encode into "+into+": "+strings.Join(first(lost, 5), "; ")
		case len(undeclared) > 0:
			class, detail = "undeclared", "the example holds members its schema does not declare (dropped on decode, as every undeclared member): "+strings.Join(first(undeclared, 5), ", ")
		default:
			counts["exact"]++
			continue
		}
		counts[class]++
		if reason, ok := allowed(class, p.Spec, e.Pointer); ok {
			used[class+" "+key] = true
			t.Logf("%s: %s [listed: %s]", where, detail, reason)
			continue
		}
		t.Errorf("%s: %s\n\tonce reviewed, list it in %sExamples with the reason", where, detail, class)
	}
	for class, m := range map[string]map[string]string{"invalid": invalidExamples, "undeclared": undeclaredExamples, "lossy": lossyExamples} {
		for k := range m {
			if !used[class+" "+k] {
				t.Errorf("%s is listed in %sExamples, but no such example is %s any more: remove it", k, class, class)
			}
		}
	}
	t.Logf("examples: %d round-tripped: %d exact, %d invalid for their schema, %d with undeclared members, %d lossy",
		len(results), counts["exact"], counts["invalid"], counts["undeclared"], counts["lossy"])
	return len(results)
}

// allowed looks an example up in the list of its class.
func allowed(class, spec, ptr string) (string, bool) {
	m := map[string]map[string]string{"invalid": invalidExamples, "undeclared": undeclaredExamples, "lossy": lossyExamples}[class]
	r, ok := m[spec+" "+ptr]
	return r, ok
}

func typeSuffix(e roundtrip.Example) string {
	if e.Error {
		return " (error body)"
	}
	return ""
}
