package corpus

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/internal/roundtrip"
)

// listed is one reviewed class of examples that do not round-trip exactly through no fault of the generator: the
// examples of spec whose validation error (invalid) or loss (lossy) contains match.
type listed struct {
	spec, match, reason string
}

// invalidExamples are the corpus response examples that do not satisfy their own schema (kin-openapi's validator,
// as a response): mistakes of the providers' documents, each reviewed. They are still decoded and re-encoded, but
// not judged: a lossy result may be the example's fault. An invalid example no entry matches fails the test.
var invalidExamples = []listed{
	{"box", `property "accessed" is missing`, "shared_link examples omit the required accessed member"},
	{"box", `"/shared_link": doesn't match schema due to: Value is not nullable`, "shared_link is null in examples, not nullable in the schema"},
	{"checkout-com", `property "actions" is missing`, "an example's _links lacks the required actions link"},
	{"checkout-com", `"/0/response_code": value must be a string`, "response_code is a number in the example, a string in the schema"},
	{"docker", `"/Status/hello": value must be an object`, `Volume.Status is "map of objects"; the example maps to a string`},
	{"docker", `"/Containers/0": value must be an array`, "SystemDataUsage's example holds container objects where the schema (wrongly) nests arrays"},
	{"openai", `"/user": Value is not nullable`, "user is null in the examples, a non-nullable string in the schema"},
	{"openai", `property "state_variables" is missing`, "workflow examples omit the required state_variables"},
	{"openai", `"/id": property "id" is missing`, "output items in the examples lack their required id"},
	{"twilio-api", `price": value must be a number`, `prices are strings in the examples ("-0.0200"), numbers in the schemas`},
	{"twilio-api", `"/available_phone_numbers/0/latitude": value must be a number`, "latitude is a string in the example, a number in the schema"},
	{"twilio-api", `reason_conference_ended": value is not one of the allowed values`, "the example's reason is not among the schema's enum values"},
	{"twilio-api", `sms_application_sid": minimum string length is 34`, "sms_application_sid is empty in the examples, a 34-character SID in the schema"},
	{"twilio-api", `trunk_sid": string doesn't match the regular expression`, "trunk_sid in the example is not a TK SID"},
	{"xero-accounting", `Value is not nullable`, "null addresses in examples where the schema has no nullable"},
	{"xero-accounting", `ReceiptNumber": value must be a string`, "ReceiptNumber is a number in the examples, a string in the schema"},
	{"xero-accounting", `value must be an object`, "examples give an array or a string where the schema has an object (Invoice, an error's element)"},
	{"xero-accounting", `IsReconciled": value must be a boolean`, `IsReconciled is the string "true" in the examples`},
	{"xero-accounting", `"/Budgets": value must be an array`, "Budgets is an object in the example, an array in the schema"},
}

// lossyExamples are valid examples whose round trip loses or changes a declared member, or that do not decode:
// generator bugs. None is listed: fix the generator instead, or list it with the bug named in the reason.
var lossyExamples = []listed{}

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
	cmd.Env = scratchEnv("OPGEN_RT_OUT=" + resFile)
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
	used := map[string]bool{} // class + " " + index in its list
	counts := map[string]int{}
	for _, r := range results {
		p := byPkg[r.Pkg]
		e := p.Examples[r.Index]
		where := p.Spec + ": " + e.Location + " (operation " + e.OperationID + ", status " + e.Status + ", " + e.MediaType + ")"
		into := roundtrip.GoType(p.Name, e.Type) + typeSuffix(e)
		// Members the schema does not declare are kept and sent back like the others (and every example is also
		// round-tripped with an unknown member added to each object): any difference is a loss.
		var lost []string
		for _, d := range r.Diffs {
			lost = append(lost, d.Text)
		}
		var class, detail string
		switch {
		case e.Invalid != "":
			class, detail = "invalid", "the example is invalid for its own schema (the provider's document is wrong): "+e.Invalid
		case r.Err != "":
			class, detail = "lossy", "the example does not decode into "+into+": "+r.Err
		case len(lost) > 0:
			class, detail = "lossy", "the example does not survive decode -> encode into "+into+": "+strings.Join(first(lost, 5), "; ")
		default:
			counts["exact"]++
			continue
		}
		counts[class]++
		lists := map[string][]listed{"invalid": invalidExamples, "lossy": lossyExamples}
		if i, ok := match(lists[class], p.Spec, detail); ok {
			used[class+" "+strconv.Itoa(i)] = true
			t.Logf("%s: %s [listed: %s]", where, detail, lists[class][i].reason)
			continue
		}
		t.Errorf("%s: %s\n\tonce reviewed, list it in %sExamples with the reason", where, detail, class)
	}
	for class, list := range map[string][]listed{"invalid": invalidExamples, "lossy": lossyExamples} {
		for i, l := range list {
			if !used[class+" "+strconv.Itoa(i)] {
				t.Errorf("%sExamples lists %s %q (%s), but no such example is %s any more: remove it", class, l.spec, l.match, l.reason, class)
			}
		}
	}
	t.Logf("examples: %d round-tripped: %d exact, %d invalid for their schema, %d lossy",
		len(results), counts["exact"], counts["invalid"], counts["lossy"])
	return len(results)
}

// match finds the entry of list that covers an example of spec whose report is detail.
func match(list []listed, spec, detail string) (int, bool) {
	for i, l := range list {
		if l.spec == spec && strings.Contains(detail, l.match) {
			return i, true
		}
	}
	return 0, false
}

func typeSuffix(e roundtrip.Example) string {
	if e.Error {
		return " (error body)"
	}
	return ""
}
