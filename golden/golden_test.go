// Package golden holds opgen's golden tests: each directory under testdata/ is one case, a small spec for one
// feature area, with the Go files opgen must generate from it.
//
// A case directory holds
//
//	spec.yaml            the input (never rewritten); other *.yaml files beside it may be $ref'd
//	<file>.go.golden     the expected output, one per generated file (runtime_*_gen.go are the templates
//	                     verbatim: they are only checked to exist)
//	overlay.yaml         optional OpenAPI Overlay 1.0 document applied to spec.yaml before generating
//	want.err             for a negative case instead: substrings, one per line, the error must contain; at least
//	                     one of them names a location (spec.yaml:LINE or a #/json/pointer)
//	client_test.go.txt   optional hand-written httptest tests of the generated client, run in the compile step
//	options.yaml         optional target options, as in opgen.yaml: lenient, unicode_identifiers
//
// Run `go test ./golden -update` to rewrite the *.go.golden files from the generator's output (stale ones are
// deleted); specs, want.err and client tests are never touched.
package golden

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/opgen-sdk/opgen/internal/gofs"
	"github.com/opgen-sdk/opgen/internal/opgen"
	"github.com/opgen-sdk/opgen/internal/roundtrip"
	"github.com/opgen-sdk/opgen/internal/unused"
	"github.com/opgen-sdk/opgen/templates"
)

var update = flag.Bool("update", false, "rewrite the expected *.go.golden files from the generator's output (inputs are never touched)")

const (
	testdataDir   = "testdata"
	specName      = "spec.yaml"
	goldenSuffix  = ".go.golden"
	wantErrName   = "want.err"
	overlayName   = "overlay.yaml"
	optionsName   = "options.yaml"
	clientTestTxt = "client_test.go.txt"
	// fuzzPkg is the package of fuzz targets the compile step adds to the module. Its test binary also runs the
	// client tests of every case and of every plain twin.
	fuzzPkg = "zzfuzz"
	// clientTestsFile is a case's client_test.go.txt in its package, and clientIndexFile the list of its tests,
	// GoldenClientTests: ordinary files, so that one test binary (fuzzPkg's) runs the tests of every case and twin
	// instead of one binary per case and twin.
	clientTestsFile = "zz_client_tests.go"
	clientIndexFile = "zz_client_index.go"
	// plainDir holds every positive case generated again with json_codecs: false (encoding/json's reflection), the
	// oracle of the codec fuzz targets; its client tests run too.
	plainDir = "zzplain"
	// modulePath is the module the compile step writes every positive case into, one package directory each.
	modulePath = "opgen.test/golden"
)

// goldenCase is one directory of testdata.
type goldenCase struct {
	name     string // directory name
	dir      string // testdata/<name>
	pkg      string // Go package name: the directory name sanitized
	negative bool   // has want.err
}

// generated is one run of the pipeline over a case.
type generated struct {
	files map[string][]byte
	err   error
	fuzz  roundtrip.Package // the types and examples of the fuzz target
}

var (
	casesOnce sync.Once
	allCases  []goldenCase
	casesErr  error

	genMu      sync.Mutex
	genCache   = map[string]*cachedOutput{}
	plainCache = map[string]*cachedOutput{}
)

// cachedOutput is a case's output, generated once per test binary.
type cachedOutput struct {
	once sync.Once
	g    generated
}

// cases lists the case directories, sorted.
func cases(t *testing.T) []goldenCase {
	t.Helper()
	casesOnce.Do(func() {
		entries, err := os.ReadDir(testdataDir)
		if err != nil {
			casesErr = fmt.Errorf("reading %s: %w", testdataDir, err)
			return
		}
		pkgs := map[string]string{}
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			c := goldenCase{name: e.Name(), dir: filepath.Join(testdataDir, e.Name()), pkg: packageName(e.Name())}
			if _, err := os.Stat(filepath.Join(c.dir, specName)); err != nil {
				casesErr = fmt.Errorf("%s: every case directory needs a %s: %w", c.dir, specName, err)
				return
			}
			_, errWant := os.Stat(filepath.Join(c.dir, wantErrName))
			c.negative = errWant == nil
			if other, dup := pkgs[c.pkg]; dup {
				casesErr = fmt.Errorf("%s and %s both become package %s: rename one", other, c.dir, c.pkg)
				return
			}
			pkgs[c.pkg] = c.dir
			allCases = append(allCases, c)
		}
		if len(allCases) == 0 {
			casesErr = fmt.Errorf("no case directories in %s", testdataDir)
		}
	})
	if casesErr != nil {
		t.Fatal(casesErr)
	}
	return allCases
}

// packageName turns a case directory name into a Go package name: lower-case letters and digits only.
func packageName(dir string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(dir) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	s := b.String()
	if s == "" || s[0] >= '0' && s[0] <= '9' || token.IsKeyword(s) {
		s = "case" + s
	}
	return s
}

// run generates a case from specFile (the spec is displayed as spec.yaml in headers and errors).
func run(c goldenCase, specFile string) generated { return runWith(c, specFile, false) }

// runWith generates a case, with json_codecs: false when plain (into plainDir/<pkg>).
func runWith(c goldenCase, specFile string, plain bool) generated {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a hang guard: a loaded machine must not trip it
	defer cancel()
	t := opgen.Target{
		Spec:       specName,
		SpecFile:   specFile,
		Package:    c.pkg,
		Out:        c.pkg,
		ImportPath: modulePath + "/" + c.pkg,
	}
	if plain {
		t.Out = plainDir + "/" + c.pkg
		t.ImportPath = modulePath + "/" + plainDir + "/" + c.pkg
		t.Options.NoJSONCodecs = true
	}
	// An overlay.yaml beside the spec is applied to it (OpenAPI Overlay 1.0).
	if o := filepath.Join(c.dir, overlayName); fileExists(o) {
		t.Options.Overlays = []opgen.Overlay{{Name: overlayName, File: o}}
	}
	opts, err := caseOptions(c)
	if err != nil {
		return generated{err: err}
	}
	t.Options.Lenient = opts.Lenient
	t.Options.UnicodeIdentifiers = opts.UnicodeIdentifiers
	res, err := opgen.Generate(ctx, t)
	if err != nil {
		return generated{err: err}
	}
	return generated{files: res.Files, fuzz: roundtrip.FuzzPackage(res.Model, res.Doc, t.ImportPath, c.name)}
}

// options are the target options a case may set in options.yaml.
type options struct {
	Lenient            bool `yaml:"lenient"`
	UnicodeIdentifiers bool `yaml:"unicode_identifiers"`
}

// caseOptions reads the case's options.yaml; none is the zero options.
func caseOptions(c goldenCase) (options, error) {
	var o options
	raw, err := os.ReadFile(filepath.Join(c.dir, optionsName))
	if errors.Is(err, os.ErrNotExist) {
		return o, nil
	}
	if err != nil {
		return o, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&o); err != nil {
		return o, fmt.Errorf("%s: %v", filepath.Join(c.dir, optionsName), err)
	}
	return o, nil
}

// output is the case's generated output, computed once per test binary and shared by the tests.
func output(c goldenCase) generated {
	genMu.Lock()
	e, ok := genCache[c.name]
	if !ok {
		e = &cachedOutput{}
		genCache[c.name] = e
	}
	genMu.Unlock()
	e.once.Do(func() { e.g = run(c, filepath.Join(c.dir, specName)) })
	return e.g
}

// plainOutput is the case's output with json_codecs: false, computed once per test binary.
func plainOutput(c goldenCase) generated {
	genMu.Lock()
	e, ok := plainCache[c.name]
	if !ok {
		e = &cachedOutput{}
		plainCache[c.name] = e
	}
	genMu.Unlock()
	e.once.Do(func() { e.g = runWith(c, filepath.Join(c.dir, specName), true) })
	return e.g
}

func isRuntime(name string) bool {
	return strings.HasPrefix(name, "runtime_") && strings.HasSuffix(name, "_gen.go")
}

// runtimeNames are the runtime files a generated package may hold: each is a template trimmed to what the
// package uses (internal/opgen's trimRuntime), so a package holds a subset of them.
func runtimeNames(t *testing.T) []string {
	t.Helper()
	src, err := templates.Files()
	if err != nil {
		t.Fatalf("templates.Files: %v", err)
	}
	var names []string
	for name := range src {
		names = append(names, "runtime_"+strings.TrimSuffix(name, ".go")+"_gen.go")
	}
	sort.Strings(names)
	return names
}

// TestGolden compares each case's output with its *.go.golden files (or its error with want.err), after
// generating it twice and requiring byte-identical results.
func TestGolden(t *testing.T) {
	runtimes := runtimeNames(t)
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			first := output(c)
			second := run(c, filepath.Join(c.dir, specName))
			checkDeterministic(t, c, first, second)
			if c.negative {
				checkError(t, c, first)
				return
			}
			if first.err != nil {
				t.Fatalf("%s: generation failed:\n%v", filepath.Join(c.dir, specName), first.err)
			}
			checkNoDirectives(t, c, first.files)
			checkASCIIIdents(t, c, first.files)
			for name := range first.files {
				if isRuntime(name) && !slices.Contains(runtimes, name) {
					t.Errorf("%s: runtime file %s matches no template in templates/support", c.dir, name)
				}
			}
			if *update {
				updateGoldens(t, c, first.files)
				return
			}
			compareGoldens(t, c, first.files)
		})
	}
}

// TestRuntimeAllUsed type-checks each positive case's output and fails on any unexported declaration of its
// runtime copy that nothing uses: what staticcheck's U1000 would report if the files were not marked generated.
// The runtime is trimmed to what the package reaches (internal/opgen's trimRuntime), and the cases between them
// use every feature.
func TestRuntimeAllUsed(t *testing.T) {
	for _, c := range cases(t) {
		if c.negative {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			for _, g := range []generated{output(c), plainOutput(c)} {
				if g.err != nil {
					t.Fatalf("%s: generation failed (see TestGolden): %v", c.dir, g.err)
				}
				problems, err := unused.Runtime(g.files, "runtime_")
				if err != nil {
					t.Fatalf("%s: %v", c.dir, err)
				}
				for _, p := range problems {
					t.Errorf("%s: %s", c.dir, p)
				}
			}
		})
	}
}

// directiveRE matches compiler and tool directives at the start of a line; spec text must never produce one.
var directiveRE = regexp.MustCompile(`(?m)^//(go:|line |export |extern )`)

// checkNoDirectives requires that no generated file (runtime copies aside) holds a directive: descriptions such
// as "//go:generate rm -rf /" must stay comment text.
func checkNoDirectives(t *testing.T, c goldenCase, files map[string][]byte) {
	t.Helper()
	for name, b := range files {
		if isRuntime(name) {
			continue
		}
		if loc := directiveRE.FindIndex(b); loc != nil {
			line := 1 + bytes.Count(b[:loc[0]], []byte("\n"))
			t.Errorf("%s: %s:%d holds a directive: spec text must never become one", c.dir, name, line)
		}
	}
}

// checkASCIIIdents requires every identifier of the generated files to be ASCII, opgen's default unless the case
// sets unicode_identifiers: spec names in any script must be folded or spelled.
func checkASCIIIdents(t *testing.T, c goldenCase, files map[string][]byte) {
	t.Helper()
	if o, _ := caseOptions(c); o.UnicodeIdentifiers {
		return
	}
	for _, name := range unionKeys(files, nil) {
		fset := token.NewFileSet()
		f := fset.AddFile(name, -1, len(files[name]))
		var s scanner.Scanner
		s.Init(f, files[name], nil, 0)
		for {
			pos, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			if tok == token.IDENT && !isASCIIText(lit) {
				t.Errorf("%s: %s: identifier %q is not ASCII", c.dir, fset.Position(pos), lit)
			}
		}
	}
}

func isASCIIText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func checkDeterministic(t *testing.T, c goldenCase, a, b generated) {
	t.Helper()
	if (a.err == nil) != (b.err == nil) {
		t.Fatalf("%s: non-deterministic: first run error %v, second run error %v", c.dir, a.err, b.err)
	}
	if a.err != nil {
		if a.err.Error() != b.err.Error() {
			t.Fatalf("%s: non-deterministic error text:\nfirst:  %v\nsecond: %v", c.dir, a.err, b.err)
		}
		return
	}
	for _, name := range unionKeys(a.files, b.files) {
		if !bytes.Equal(a.files[name], b.files[name]) {
			t.Errorf("%s: %s differs between two runs over the same spec:\n%s", c.dir, name,
				gofs.Diff(name, a.files[name], b.files[name]))
		}
	}
}

// locationRE matches what a want.err line must hold at least once: file:line or a JSON pointer.
var locationRE = regexp.MustCompile(`(\.ya?ml:\d+|#/)`)

func checkError(t *testing.T, c goldenCase, g generated) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(c.dir, wantErrName))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	located := false
	for _, l := range strings.Split(string(raw), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			want = append(want, l)
			located = located || locationRE.MatchString(l)
		}
	}
	if len(want) == 0 || !located {
		t.Fatalf("%s/%s: list the substrings the error must contain, one per line, at least one naming a location (spec.yaml:LINE or #/pointer); the error is:\n%v",
			c.dir, wantErrName, g.err)
	}
	if g.err == nil {
		t.Fatalf("%s: generation succeeded; want an error containing:\n%s", c.dir, strings.Join(want, "\n"))
	}
	if !errors.Is(g.err, opgen.ErrSpec) {
		t.Errorf("%s: error is not marked opgen.ErrSpec (exit code 1): %v", c.dir, g.err)
	}
	msg := g.err.Error()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("%s: error does not contain %q; the error is:\n%s", c.dir, w, msg)
		}
	}
	if strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine ") {
		t.Errorf("%s: error looks like a panic:\n%s", c.dir, msg)
	}
}

func goldenPath(c goldenCase, name string) string { return filepath.Join(c.dir, name+".golden") }

// expected reads the case's *.go.golden files: generated file name -> contents.
func expected(t *testing.T, c goldenCase) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), goldenSuffix) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(c.dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(e.Name(), ".golden")] = b
	}
	return out
}

func compareGoldens(t *testing.T, c goldenCase, got map[string][]byte) {
	t.Helper()
	want := expected(t, c)
	if len(want) == 0 {
		t.Fatalf("%s: no *%s files: run `go test ./golden -update` to create them, then review them", c.dir, goldenSuffix)
	}
	for _, name := range unionKeys(want, got) {
		w, inWant := want[name]
		g, inGot := got[name]
		switch {
		case isRuntime(name) && inWant:
			t.Errorf("%s: %s is a runtime copy and must not have a golden file: delete it", c.dir, goldenPath(c, name))
		case isRuntime(name):
		case !inGot:
			t.Errorf("%s: %s is no longer generated (stale golden file); run `go test ./golden -update` if that is intended", c.dir, goldenPath(c, name))
		case !inWant:
			t.Errorf("%s: %s is generated but has no golden file; run `go test ./golden -update` and review it", c.dir, name)
		case !bytes.Equal(w, g):
			t.Errorf("%s: %s differs from the golden file (run `go test ./golden -update` if the change is intended):\n%s",
				c.dir, name, gofs.Diff(goldenPath(c, name), w, g))
		}
	}
}

// updateGoldens writes the generated files (runtime copies excepted) as *.go.golden and deletes stale ones. It
// writes only files whose contents changed.
func updateGoldens(t *testing.T, c goldenCase, got map[string][]byte) {
	t.Helper()
	for name, b := range got {
		if isRuntime(name) {
			continue
		}
		p := goldenPath(c, name)
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, b) {
			continue
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("updated %s", p)
	}
	for name := range expected(t, c) {
		if _, ok := got[name]; !ok || isRuntime(name) {
			if err := os.Remove(goldenPath(c, name)); err != nil {
				t.Fatal(err)
			}
			t.Logf("removed stale %s", goldenPath(c, name))
		}
	}
}

func unionKeys(a, b map[string][]byte) []string {
	set := map[string]bool{}
	for k := range a {
		set[k] = true
	}
	for k := range b {
		set[k] = true
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestGoldenCompile writes the output of every positive case into one temporary module (a package directory per
// case, plus each case's client_test.go.txt as an ordinary file of the package), then builds, vets and tests it
// there, once: the client tests of all cases run in one test binary (and the plain twins' in another).
func TestGoldenCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not compiling the generated packages (go build, vet and the client tests take 10-30s)")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("the go command is not in PATH (%v): cannot compile the generated packages", err)
	}
	mod := t.TempDir()
	if keep := os.Getenv("OPGEN_GOLDEN_MODULE"); keep != "" {
		// To debug a failure in the generated packages: the module is written there, and left there.
		mod = keep
	}
	writeFile(t, filepath.Join(mod, "go.mod"), []byte("module "+modulePath+"\n\ngo 1.26\n"))
	byPkg := map[string]goldenCase{}
	var fuzzed []roundtrip.Package
	var pairs []roundtrip.CodecPair
	var clientCases []string // packages with client tests
	for _, c := range cases(t) {
		if c.negative {
			continue
		}
		g, pg := output(c), plainOutput(c)
		if g.err != nil || pg.err != nil {
			t.Errorf("%s: generation failed (see TestGolden): %v %v", c.dir, g.err, pg.err)
			continue
		}
		byPkg[c.pkg] = c
		fuzzed = append(fuzzed, g.fuzz)
		plain := pg.fuzz
		plain.Name = plainDir + c.pkg // imported beside the case's own package, under this name
		pairs = append(pairs, roundtrip.CodecPair{Codecs: g.fuzz, Plain: plain})
		dir := filepath.Join(mod, c.pkg)
		for name, b := range g.files {
			writeFile(t, filepath.Join(dir, name), b)
		}
		if c.name == "unknown-members" && !bytes.Contains(g.files["models_gen.go"], []byte("opgDecodeJSON")) {
			t.Errorf("%s: no generated decoder in models_gen.go with json_codecs left at its default (true)", c.dir)
		}
		for name, b := range pg.files {
			if !isRuntime(name) && bytes.Contains(b, []byte("opgDecodeJSON")) && c.name != "sibling-union" && c.name != "wire-forms" {
				// (A struct whose union a sibling selects, or with alternative forms, keeps its generated decoder:
				// model.Rest.Codec.)
				t.Errorf("%s: %s generated with json_codecs: false holds a generated decoder", c.dir, name)
			}
			writeFile(t, filepath.Join(mod, plainDir, c.pkg, name), b)
		}
		src, err := os.ReadFile(filepath.Join(c.dir, clientTestTxt))
		switch {
		case err == nil:
			loc := packageClauseRE.FindIndex(src)
			if loc == nil {
				t.Fatalf("%s/%s has no package clause", c.dir, clientTestTxt)
			}
			// The package clause names the case's package, whatever the file says.
			src = append(append(append([]byte(nil), src[:loc[0]]...), "package "+c.pkg...), src[loc[1]:]...)
			tests, err := clientTests(src)
			if err != nil {
				t.Fatalf("%s/%s: %v", c.dir, clientTestTxt, err)
			}
			for _, d := range []string{dir, filepath.Join(mod, plainDir, c.pkg)} {
				writeFile(t, filepath.Join(d, clientTestsFile), src)
				writeFile(t, filepath.Join(d, clientIndexFile), clientIndex(c.pkg, tests))
			}
			clientCases = append(clientCases, c.pkg)
		case !errors.Is(err, os.ErrNotExist):
			t.Fatal(err)
		}
	}
	// One package of fuzz targets, Fuzz<case> each: decode -> encode -> decode of every JSON type of every case,
	// its seeds run with the client tests (one more link, not one per case).
	src, err := roundtrip.FuzzFile(fuzzPkg, fuzzed)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, fuzzPkg, "fuzz_test.go"), src)
	writeFile(t, filepath.Join(mod, fuzzPkg, "rtcheck_test.go"), roundtrip.Checker(fuzzPkg))
	// Fuzz targets FuzzCodec<case> and FuzzCodecs: every type of every case decodes the same input as the same
	// type generated with json_codecs: false (encoding/json's reflection, the oracle).
	codecSrc, err := roundtrip.CodecFuzzFile(fuzzPkg, pairs)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, fuzzPkg, "codec_fuzz_test.go"), codecSrc)
	writeFile(t, filepath.Join(mod, fuzzPkg, "rtcodec_test.go"), roundtrip.CodecChecker(fuzzPkg))
	// The client tests of every case and of its plain twin, in fuzzPkg's test binary.
	if len(clientCases) > 0 {
		writeFile(t, filepath.Join(mod, fuzzPkg, "clients_test.go"),
			clientRunner(fuzzPkg, "TestClients", modulePath+"/", clientCases))
		writeFile(t, filepath.Join(mod, fuzzPkg, "plainclients_test.go"),
			clientRunner(fuzzPkg, "TestPlainClients", modulePath+"/"+plainDir+"/", clientCases))
	}
	if t.Failed() {
		t.FailNow()
	}
	// -trimpath: the scratch module lives in a new temporary folder on every run, and without it that folder is part
	// of every build and vet cache key, so unchanged generated packages would be compiled and vetted again each run.
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod -trimpath", "GO111MODULE=on", "GOTOOLCHAIN=local")
	goCmd := func(args ...string) {
		t.Helper()
		// A hang guard only: under load average 40-50 on 2 cores, go build took 3m43s here and a go test passed
		// the 5 minutes this was, killing a run that would have passed. The test binary's -timeout still applies.
		ctx, cancel := context.WithTimeout(context.Background(), 25*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, goBin, args...)
		cmd.Dir, cmd.Env = mod, env
		start := time.Now()
		out, err := cmd.CombinedOutput()
		if err == nil {
			cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			t.Logf("go %s: %v (%v CPU)\n%s", strings.Join(args, " "), time.Since(start).Round(time.Millisecond),
				cpu.Round(time.Millisecond), bytes.TrimSpace(out))
		} else {
			t.Fatalf("go %s in the module of generated packages failed (%v)%s\n%s", strings.Join(args, " "), err,
				blame(out, byPkg), out)
		}
	}
	goCmd("build", "./...")
	goCmd("vet", "./...")
	// One test binary: the seeds of every fuzz target, and the client tests of every case and plain twin (vet
	// already ran over them). Every package it needs, client tests included, is in the cache from the build above:
	// only the binary is compiled and linked (one binary per case cost more than the tests' run).
	//
	// Without -race: the seeds are single-goroutine, and a client test calls its client from one goroutine against
	// a loopback httptest server. The runtime's concurrent parts (the connection trace the transport's goroutines
	// write, the shared caches, many calls on one client at once) are race-tested in templates/support (its
	// load test among them) and in sdktest, which stay under -race; here the detector cost the race build of
	// every case's package (about a minute of CPU with an empty build cache) and found nothing those do not.
	goCmd("test", "-count=1", "-vet=off", "-timeout=600s", "./"+fuzzPkg)
	// A bounded fuzz run of the codec targets when asked (.ci/run sets OPGEN_CODEC_FUZZTIME; docs/FUZZING.md).
	if d := os.Getenv("OPGEN_CODEC_FUZZTIME"); d != "" {
		total, err := time.ParseDuration(d)
		if err != nil || total < 4*time.Second {
			t.Fatalf("OPGEN_CODEC_FUZZTIME=%q: want the total time of the codec fuzz run, at least 4s, such as 50s", d)
		}
		for _, target := range codecFuzzTargets {
			per := time.Duration(float64(total) * target.share).Round(time.Second)
			goCmd("test", "-run=^$", "-fuzz=^"+target.name+"$", "-fuzztime="+per.String(), "-parallel=2", "./"+fuzzPkg)
		}
	}
}

// codecFuzzTargets are the codec fuzz targets a bounded run fuzzes, and the share of OPGEN_CODEC_FUZZTIME each
// gets: every type of every case (with the most seeds to go through first), then the cases whose types keep most
// (unknown members, nulls, unions) and accept alternative forms.
var codecFuzzTargets = []struct {
	name  string
	share float64
}{{"FuzzCodecs", 0.5}, {"FuzzCodecUnknownmembers", 0.25}, {"FuzzCodecWireforms", 0.25}}

var (
	packageClauseRE = regexp.MustCompile(`(?m)^package [A-Za-z_][A-Za-z0-9_]*`)
	pkgPathRE       = regexp.MustCompile(`(?m)(?:^|\s|/)(?:\./)?([a-z][a-z0-9]*)/[A-Za-z0-9_]+\.go:\d+`)
	failPkgRE       = regexp.MustCompile(`(?m)^(?:FAIL|---|#)\s+` + regexp.QuoteMeta(modulePath) + `/([a-z0-9]+)`)
	// failClientRE matches a failing client test in the one binary that runs them: TestClients/<pkg>/TestX or
	// TestPlainClients/<pkg>/TestX.
	failClientRE = regexp.MustCompile(`(?m)^\s*--- FAIL: Test(?:Plain)?Clients/([a-z0-9]+)`)
)

// blame names the cases whose packages the go command's output complains about.
func blame(out []byte, byPkg map[string]goldenCase) string {
	set := map[string]bool{}
	for _, re := range []*regexp.Regexp{pkgPathRE, failPkgRE, failClientRE} {
		for _, m := range re.FindAllSubmatch(out, -1) {
			if c, ok := byPkg[string(m[1])]; ok {
				set[c.name+" ("+c.dir+")"] = true
			}
		}
	}
	if len(set) == 0 {
		return ""
	}
	var names []string
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	return "; case(s): " + strings.Join(names, ", ")
}

// clientTests returns the names of the tests in a case's client_test.go.txt. Only Test functions run in the one
// binary; any other function the go test command would run (a TestMain, benchmark, fuzz target or example) is an
// error rather than left out.
func clientTests(src []byte) ([]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), clientTestTxt, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil {
			continue
		}
		name := fd.Name.Name
		for _, prefix := range []string{"Benchmark", "Example", "Fuzz"} {
			if isTestName(name, prefix) {
				return nil, fmt.Errorf("%s: only Test functions run here (the client tests share one test binary)", name)
			}
		}
		if !isTestName(name, "Test") {
			continue
		}
		if name == "TestMain" {
			return nil, fmt.Errorf("TestMain: the client tests share one test binary and cannot have one")
		}
		names = append(names, name)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no Test functions")
	}
	return names, nil
}

// isTestName reports whether name is a function go test runs with this prefix: the prefix, then nothing or a
// character that is not a lower-case letter.
func isTestName(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	return ok && (rest == "" || !unicode.IsLower([]rune(rest)[0]))
}

// clientIndex is the file listing a case's client tests for the binary that runs them.
func clientIndex(pkg string, tests []string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n\nimport \"testing\"\n\n", pkg)
	b.WriteString("// GoldenClientTests are this case's client tests (" + clientTestsFile + ").\n")
	b.WriteString("var GoldenClientTests = []testing.InternalTest{\n")
	for _, n := range tests {
		fmt.Fprintf(&b, "\t{Name: %q, F: %s},\n", n, n)
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// clientRunner is a test file of package pkg whose test fn runs the client tests of every case in cases, the
// packages imported from prefix+case: a subtest per case and per test.
func clientRunner(pkg, fn, prefix string, cases []string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"testing\"\n\n", pkg)
	for i, c := range cases {
		fmt.Fprintf(&b, "\tc%d %q\n", i, prefix+c)
	}
	fmt.Fprintf(&b, ")\n\n// %s runs the client tests of every case.\nfunc %s(t *testing.T) {\n", fn, fn)
	b.WriteString("\tfor _, c := range []struct {\n\t\tname  string\n\t\ttests []testing.InternalTest\n\t}{\n")
	for i, c := range cases {
		fmt.Fprintf(&b, "\t\t{%q, c%d.GoldenClientTests},\n", c, i)
	}
	b.WriteString("\t} {\n\t\tt.Run(c.name, func(t *testing.T) {\n\t\t\tfor _, tt := range c.tests {\n\t\t\t\tt.Run(tt.Name, tt.F)\n\t\t\t}\n\t\t})\n\t}\n}\n")
	return b.Bytes()
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGoldenReorder checks name stability: reversing the key order of every YAML mapping of a case's specs (the
// spec and any file it $refs) changes nothing in the output.
func TestGoldenReorder(t *testing.T) {
	for _, c := range cases(t) {
		if c.negative {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			orig := output(c)
			if orig.err != nil {
				t.Fatalf("%s: generation failed (see TestGolden): %v", c.dir, orig.err)
			}
			tmp := t.TempDir()
			entries, err := os.ReadDir(c.dir)
			if err != nil {
				t.Fatal(err)
			}
			changed := false
			for _, e := range entries {
				if e.IsDir() || !(strings.HasSuffix(e.Name(), ".yaml") || strings.HasSuffix(e.Name(), ".yml")) {
					continue
				}
				src, err := os.ReadFile(filepath.Join(c.dir, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				out, err := reverseYAML(src)
				if err != nil {
					t.Fatalf("%s: %v", filepath.Join(c.dir, e.Name()), err)
				}
				changed = changed || !bytes.Equal(out, src)
				writeFile(t, filepath.Join(tmp, e.Name()), out)
			}
			if !changed {
				t.Fatalf("%s: reversing the mappings changed nothing; the test proves nothing", c.dir)
			}
			got := run(c, filepath.Join(tmp, specName))
			if got.err != nil {
				t.Fatalf("%s: the reordered spec fails to generate:\n%v", c.dir, got.err)
			}
			for _, name := range unionKeys(orig.files, got.files) {
				if !bytes.Equal(orig.files[name], got.files[name]) {
					t.Errorf("%s: %s changes when the spec's mappings are reversed:\n%s", c.dir, name,
						gofs.Diff(name+" (reordered)", orig.files[name], got.files[name]))
				}
			}
		})
	}
}

// reverseYAML re-encodes a YAML document with the key order of every mapping reversed.
func reverseYAML(src []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	var walk func(n *yaml.Node)
	seen := map[*yaml.Node]bool{}
	walk = func(n *yaml.Node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		if n.Kind == yaml.MappingNode {
			pairs := len(n.Content) / 2
			rev := make([]*yaml.Node, 0, len(n.Content))
			for i := pairs - 1; i >= 0; i-- {
				rev = append(rev, n.Content[2*i], n.Content[2*i+1])
			}
			n.Content = rev
		}
		for _, ch := range n.Content {
			walk(ch)
		}
		walk(n.Alias)
	}
	walk(&doc)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// TestCaseCoverage keeps the suite honest: enough cases, at least four negative ones, and the client tests in place.
func TestCaseCoverage(t *testing.T) {
	var pos, neg int
	var clients []string
	for _, c := range cases(t) {
		if c.negative {
			neg++
			if m, _ := filepath.Glob(filepath.Join(c.dir, "*"+goldenSuffix)); len(m) > 0 {
				t.Errorf("%s: a negative case (want.err) must not hold golden files: %v", c.dir, m)
			}
			continue
		}
		pos++
		if _, err := os.Stat(filepath.Join(c.dir, clientTestTxt)); err == nil {
			clients = append(clients, c.name)
		}
	}
	if pos+neg < 24 || neg < 4 {
		t.Errorf("%d positive and %d negative cases; want at least 24 in all and 4 negative", pos, neg)
	}
	if len(clients) < 3 {
		t.Errorf("client behaviour tests in %v; want at least 3 cases with %s", clients, clientTestTxt)
	}
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// TestClientTestsOneBinary: the client tests run in one binary, so a function go test would run in a binary of
// its own (TestMain, benchmark, fuzz target, example) is refused rather than silently not run, and a failing
// client test is still blamed on its case.
func TestClientTestsOneBinary(t *testing.T) {
	const head = "package x\n\nimport \"testing\"\n\n"
	got, err := clientTests([]byte(head + "func TestA(t *testing.T) {}\nfunc Testing() {}\nfunc helper() {}\nfunc TestÉ(t *testing.T) {}\nfunc (s) TestM(t *testing.T) {}\n"))
	if err != nil || strings.Join(got, " ") != "TestA TestÉ" {
		t.Errorf("clientTests = %q, %v; want [TestA TestÉ]", got, err)
	}
	for _, fn := range []string{"TestMain(m *testing.M)", "BenchmarkX(b *testing.B)", "FuzzX(f *testing.F)", "ExampleX()", "Example()"} {
		if _, err := clientTests([]byte(head + "func TestA(t *testing.T) {}\nfunc " + fn + " {}\n")); err == nil {
			t.Errorf("a client test file with func %s: no error", fn)
		}
	}
	if _, err := clientTests([]byte(head + "func helper() {}\n")); err == nil {
		t.Error("a client test file without tests: no error")
	}
	byPkg := map[string]goldenCase{"pagination": {name: "pagination", dir: "testdata/pagination"}}
	for _, out := range []string{"    --- FAIL: TestClients/pagination/TestList (0.01s)\n", "--- FAIL: TestPlainClients/pagination (0.02s)\n"} {
		if got := blame([]byte(out), byPkg); !strings.Contains(got, "pagination (testdata/pagination)") {
			t.Errorf("blame(%q) = %q, want the pagination case", out, got)
		}
	}
}
