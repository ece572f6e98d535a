package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/opgen-sdk/opgen/internal/opgen"
	"github.com/opgen-sdk/opgen/internal/roundtrip"
	"github.com/opgen-sdk/opgen/internal/shared"
)

// refused lists the corpus specs kin-openapi cannot load, with the JSON pointer the refusal must name. A spec
// that starts loading (or fails elsewhere) fails the test: update the list with the reason.
var refused = map[string]string{
	// Tag descriptions are {$ref: ...} objects; OpenAPI wants a string there.
	"digitalocean": "#/tags/0/description",
}

// locatedRe is the shape of a located problem: "file.yaml:24:5: #/pointer: message".
var locatedRe = regexp.MustCompile(`\.(?:ya?ml|json)[^:\s]*:\d+:\d+: #/\S+: `)

type outcome struct {
	spec     Spec
	pkg      string
	res      *opgen.Result
	err      error
	elapsed  time.Duration
	examples []roundtrip.Example
	skipped  []roundtrip.Skipped
}

// TestCorpus generates every corpus spec (models and client, default options) into one scratch module, builds and vets
// it once, and checks that each spec's report accounts for every operation and component schema.
//
// It reads ../shared/corpus (or $OPGEN_CORPUS) and skips when absent. With $OPGEN_CORPUS_REPORT set, the
// reports of all specs are written there as a JSON array.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	dir, ok := Dir()
	if !ok {
		t.Skip(shared.Why("corpus"))
	}
	specs, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) == 0 {
		t.Fatalf("corpus %s holds no specs", dir)
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the generated code: %v", err)
	}
	start := time.Now()
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module corpustest\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	// Generate, a few specs at a time.
	outs := make([]*outcome, len(specs))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i, s := range specs {
		outs[i] = &outcome{spec: s, pkg: PackageName(s.Name)}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			o := outs[i]
			t0 := time.Now()
			o.res, o.err = opgen.Generate(context.Background(), opgen.Target{
				Spec:       s.Name + "/" + s.Root,
				SpecFile:   s.File,
				Package:    o.pkg,
				ImportPath: "corpustest/" + o.pkg,
				// Default options: the acceptance policy, not -lenient, is what a first-time user meets.
			})
			o.elapsed = time.Since(t0)
			if o.err == nil {
				o.examples, o.skipped = roundtrip.Collect(o.res.Model, o.res.Doc)
				o.res.Model, o.res.Doc = nil, nil // a large spec's document is not kept for the build
			}
		})
	}
	wg.Wait()
	genTime := time.Since(start)

	built := map[string]*outcome{} // package dir -> outcome
	var reports []opgen.Report
	for _, o := range outs {
		name := o.spec.Name
		if want, isRefused := refused[name]; isRefused {
			switch {
			case o.err == nil:
				t.Errorf("%s: generated, but it is listed as refused (%s): remove it from the refused list", name, want)
			case !strings.Contains(o.err.Error(), want) || !locatedRe.MatchString(o.err.Error()):
				t.Errorf("%s: the refusal must name file:line:col and pointer %s; got:\n%v", name, want, o.err)
			default:
				t.Logf("%s: refused as expected: %s", name, firstLine(o.err.Error()))
			}
			continue
		}
		if o.err != nil {
			t.Errorf("%s: generation failed: %v", name, o.err)
			continue
		}
		pkgDir := filepath.Join(mod, o.pkg)
		if err := os.MkdirAll(pkgDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for fn, b := range o.res.Files {
			if err := os.WriteFile(filepath.Join(pkgDir, fn), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		built[o.pkg] = o
		reports = append(reports, o.res.Report)
		checkReport(t, o)
	}
	if path := os.Getenv("OPGEN_CORPUS_REPORT"); path != "" {
		b, err := json.MarshalIndent(reports, "", "  ")
		if err == nil {
			err = os.WriteFile(path, b, 0o644)
		}
		if err != nil {
			t.Errorf("writing the report: %v", err)
		}
	}
	if len(built) == 0 {
		t.Fatal("nothing generated")
	}

	// One build and one vet of the whole module, without the race detector.
	t1 := time.Now()
	goTool(t, goBin, mod, built, "build", "./...")
	buildTime := time.Since(t1)
	t2 := time.Now()
	goTool(t, goBin, mod, built, "vet", "./...")
	vetTime := time.Since(t2)

	// The response examples, decoded, re-encoded and compared: one more package in the same module, compiled
	// against the packages the build above left in the cache, linked and run once.
	t3 := time.Now()
	nExamples := checkExamples(t, goBin, mod, outs, built)
	examplesTime := time.Since(t3)

	var lines int
	var table strings.Builder
	fmt.Fprintf(&table, "%-22s %6s %6s %6s %8s %8s\n", "spec", "ops", "types", "warns", "lines", "gen")
	for _, o := range outs {
		if o.res == nil {
			continue
		}
		n := 0
		for _, b := range o.res.Files {
			n += bytes.Count(b, []byte("\n"))
		}
		lines += n
		fmt.Fprintf(&table, "%-22s %6d %6d %6d %8d %8s\n", o.spec.Name, o.res.Report.Operations, o.res.Report.Types,
			len(o.res.Report.Warnings), n, o.elapsed.Round(time.Millisecond))
	}
	checkPagination(t, outs)
	t.Logf("corpus: %d specs, %d generated (%d lines); generate %s, go build %s, go vet %s, %d examples round-tripped in %s, total %s\n%s",
		len(specs), len(built), lines, genTime.Round(time.Millisecond), buildTime.Round(time.Millisecond),
		vetTime.Round(time.Millisecond), nExamples, examplesTime.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), table.String())
}

// checkReport asserts that every operation and component schema the spec declares has exactly one report entry
// of the right kind, found by its JSON pointer; and likewise for webhook and callback operations.
func checkReport(t *testing.T, o *outcome) {
	t.Helper()
	inv, err := Count(o.spec.File)
	if err != nil {
		t.Errorf("%s: counting the spec: %v", o.spec.Name, err)
		return
	}
	byKind := map[string]map[string]int{} // kind -> pointer -> entries
	for _, e := range o.res.Report.Entries {
		ptr := e.Location
		if i := strings.Index(ptr, ": #/"); i >= 0 {
			ptr = ptr[i+2:]
		}
		if byKind[e.Kind] == nil {
			byKind[e.Kind] = map[string]int{}
		}
		byKind[e.Kind][ptr]++
		if e.Status != "exact" && e.Reason == "" {
			t.Errorf("%s: report entry %s %s is %s without a reason", o.spec.Name, e.Kind, e.Location, e.Status)
		}
	}
	check := func(kind string, want []string) {
		got := byKind[kind]
		var missing, dup []string
		for _, p := range want {
			switch got[p] {
			case 0:
				missing = append(missing, p)
			case 1:
			default:
				dup = append(dup, p)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: %d of %d %s(s) missing from the report, e.g. %s", o.spec.Name, len(missing), len(want), kind, strings.Join(first(missing, 5), ", "))
		}
		if len(dup) > 0 {
			t.Errorf("%s: %d %s(s) reported more than once, e.g. %s", o.spec.Name, len(dup), kind, strings.Join(first(dup, 5), ", "))
		}
	}
	check("operation", inv.Operations)
	check("schema", inv.Schemas)
	check("webhook", inv.Webhooks)
	check("callback", inv.Callbacks)

	if len(byKind["operation"]) != len(inv.Operations) {
		t.Errorf("%s: the report lists %d operations, the spec declares %d", o.spec.Name, len(byKind["operation"]), len(inv.Operations))
	}
	// A downgraded operation is generated too (with a looser type somewhere inside it, which the report names).
	generated := 0
	for _, e := range o.res.Report.Entries {
		if e.Kind == "operation" && (e.Status == "exact" || e.Status == "downgraded") {
			generated++
		}
	}
	if generated != o.res.Report.Operations {
		t.Errorf("%s: %d operations reported generated, but the client has %d", o.spec.Name, generated, o.res.Report.Operations)
	}
}

// goTool runs `go <args>` in the scratch module and attributes each error line to the spec whose package it names.
func goTool(t *testing.T, goBin, mod string, built map[string]*outcome, args ...string) {
	t.Helper()
	cmd := exec.Command(goBin, args...)
	cmd.Dir = mod
	cmd.Env = scratchEnv()
	out, err := cmd.CombinedOutput()
	if err == nil {
		return
	}
	perSpec := map[string][]string{}
	var other []string
	cur := ""
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if p, ok := strings.CutPrefix(l, "# corpustest/"); ok {
			cur = p
			continue
		}
		pkg := cur
		if i := strings.IndexAny(l, "/:"); i > 0 && built[strings.TrimPrefix(l[:i], "vet: ")] != nil {
			pkg = strings.TrimPrefix(l[:i], "vet: ")
		}
		if built[pkg] != nil {
			perSpec[pkg] = append(perSpec[pkg], l)
		} else {
			other = append(other, l)
		}
	}
	pkgs := make([]string, 0, len(perSpec))
	for p := range perSpec {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		t.Errorf("%s: go %s failed:\n%s", built[p].spec.Name, args[0], strings.Join(first(perSpec[p], 20), "\n"))
	}
	if len(other) > 0 || len(pkgs) == 0 {
		t.Errorf("go %s failed (%v):\n%s", strings.Join(args, " "), err, strings.Join(first(other, 40), "\n"))
	}
}

// scratchEnv is the environment of every go command run in a scratch module: the build, the vet and the example
// round trip's go test share it, so the round trip compiles none of the generated packages again.
//
// -trimpath: the scratch module lives in a new temporary folder on every run, and without it that folder is part of
// every build and vet cache key, so unchanged generated packages would be compiled and vetted again each run. It
// must be the same for every command: a go test without it compiled all the corpus packages (stripe, openai, github
// ...) a second time, under other cache keys, to link the round-trip test. Nothing else that keys the cache is set
// (no CGO_ENABLED): the standard library compiled for these builds is the one golden's, hostile's and the
// downstream tests' scratch modules use.
func scratchEnv(extra ...string) []string {
	return append(append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod -trimpath"), extra...)
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("... (%d more)", len(s)-n))
	}
	return s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
