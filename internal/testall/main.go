// Command testall is the README's test command: it runs `go test` with the arguments it is given and prints what
// go test prints, then one line naming the tests that skipped for want of ../shared (the folder beside the
// checkout with the providers' documents and the corpus):
//
//	go run ./internal/testall -race -timeout 30m github.com/opgen-sdk/opgen/...
//
// go test hides everything a passing package prints unless -v is given, skip messages included, so a test cannot
// say by itself that it skipped. testall runs `go test -json`, prints each package's result as go test would
// without -v (the "ok" line of a passing package; the output of the failing tests and the FAIL line of a failing
// one; build errors on stderr), and reads the skip events: a test whose skip message starts with shared.SkipMark
// is listed. With -v it prints every line; with -json it passes the events through and writes the summary line on
// stderr. It exits with go test's status (go run turns any failure into exit status 1).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strings"
	"sync"

	"github.com/opgen-sdk/opgen/internal/shared"
)

func main() {
	os.Exit(run("", os.Args[1:], os.Stdout, os.Stderr))
}

// run runs go test -json with args in dir ("": the current directory) and returns the exit status to leave with.
func run(dir string, args []string, stdout, stderr io.Writer) int {
	mode := quiet
	for _, a := range args {
		if a == "--" {
			break // what follows is for the test binaries
		}
		switch strings.TrimLeft(a, "-") {
		case "v", "v=true":
			mode = max(mode, verbose)
		case "json", "json=true":
			mode = raw
		}
	}
	// go test's stderr and the build errors read from its events go to the same place, from two goroutines.
	stderr = &lockedWriter{w: stderr}
	cmd := exec.Command("go", append([]string{"test", "-json"}, args...)...)
	cmd.Dir, cmd.Stdin, cmd.Stderr = dir, os.Stdin, stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintf(stderr, "testall: %v\n", err)
		return 1
	}
	// An interrupt reaches go test too (same process group): wait for it to stop and report what it did.
	signal.Ignore(os.Interrupt)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "testall: go test: %v\n", err)
		return 1
	}
	p := newPrinter(mode, stdout, stderr)
	readErr := p.read(pipe)
	waitErr := cmd.Wait()
	if p.anyFailed && mode == quiet {
		fmt.Fprintln(stdout, "FAIL") // go test's last line when a package failed; -json leaves it out
	}
	summary := stdout
	if mode == raw {
		summary = stderr // stdout stays a stream of JSON events
	}
	if line := p.summary(); line != "" {
		fmt.Fprintln(summary, line)
	} else if dir, ok := shared.Dir(); ok {
		fmt.Fprintf(summary, "../shared found (%s): no test skipped for want of it\n", dir)
	}
	if readErr != nil {
		fmt.Fprintf(stderr, "testall: reading go test's output: %v\n", readErr)
		return 1
	}
	if waitErr != nil {
		if code := cmd.ProcessState.ExitCode(); code > 0 {
			return code
		}
		fmt.Fprintf(stderr, "testall: go test: %v\n", waitErr)
		return 1
	}
	return 0
}

// lockedWriter serialises writes (and, having no ReadFrom, makes io.Copy write through Write).
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// mode is how much of the test output is printed.
type mode int

const (
	quiet   mode = iota // as go test without -v
	verbose             // every line, as go test -v
	raw                 // the JSON events, as go test -json
)

// event is one line of go test -json (cmd/test2json), build events included.
type event struct {
	Action     string
	Package    string
	Test       string
	Output     string
	ImportPath string // build-output and build-fail events name the package being built here
}

// pkgState is what the printer keeps of a package until its result.
type pkgState struct {
	top   []item           // the package's own output and its top-level tests, in order
	tests map[string]*test // by full name
}

// test is one test (or subtest) of a package.
type test struct {
	items  []item // its output and its subtests, in the order they printed or ended
	result string // its "--- FAIL: name (1.2s)" line
	failed bool
	ended  bool
}

// item is a line of output, or a subtest at the point it ended.
type item struct {
	text string
	sub  *test
}

// printer turns go test -json events into go test's ordinary output and collects the skips.
type printer struct {
	mode           mode
	stdout, stderr io.Writer
	pkgs           map[string]*pkgState
	skipped        map[string]bool // "Test (pkg)" of each test that skipped with shared.SkipMark
	skipOutput     map[string]bool // package+test -> its output held SkipMark
	anyFailed      bool
}

func newPrinter(m mode, stdout, stderr io.Writer) *printer {
	return &printer{mode: m, stdout: stdout, stderr: stderr, pkgs: map[string]*pkgState{},
		skipped: map[string]bool{}, skipOutput: map[string]bool{}}
}

// read consumes the event stream to its end.
func (p *printer) read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	for sc.Scan() {
		p.line(sc.Bytes())
	}
	p.flushUnfinished()
	return sc.Err()
}

// line handles one line of go test's standard output.
func (p *printer) line(b []byte) {
	if p.mode == raw {
		fmt.Fprintf(p.stdout, "%s\n", b)
	}
	var e event
	if len(b) == 0 || b[0] != '{' || json.Unmarshal(b, &e) != nil || (e.Action == "" && e.ImportPath == "") {
		if p.mode != raw {
			fmt.Fprintf(p.stdout, "%s\n", b) // not an event: go test printed it as is
		}
		return
	}
	key := e.Package + "\x00" + e.Test
	if e.Action == "output" && strings.Contains(e.Output, shared.SkipMark) {
		p.skipOutput[key] = true
	}
	if e.Action == "skip" && e.Test != "" && p.skipOutput[key] {
		p.skipped[fmt.Sprintf("%s (%s)", e.Test, shortPkg(e.Package))] = true
	}
	if p.mode == raw {
		return
	}
	switch e.Action {
	case "build-output":
		io.WriteString(p.stderr, e.Output) // go test prints build errors on stderr
		return
	case "build-fail":
		return
	}
	if p.mode == verbose {
		if e.Action == "output" {
			io.WriteString(p.stdout, e.Output)
		}
		return
	}
	s := p.pkgs[e.Package]
	if s == nil {
		s = &pkgState{tests: map[string]*test{}}
		p.pkgs[e.Package] = s
	}
	var t *test
	if e.Test != "" {
		if t = s.tests[e.Test]; t == nil {
			t = &test{}
			s.tests[e.Test] = t
		}
	}
	switch e.Action {
	case "output":
		switch {
		case t == nil:
			s.top = append(s.top, item{text: e.Output})
		case isFraming(e.Output):
		case strings.HasPrefix(e.Output, "--- ") && strings.Contains(e.Output, ": "+e.Test+" ("):
			t.result = e.Output
		default:
			t.items = append(t.items, item{text: e.Output})
		}
	case "pass", "fail", "skip":
		if t == nil {
			p.flush(s, e.Action == "fail")
			delete(p.pkgs, e.Package)
			return
		}
		t.ended, t.failed = true, e.Action == "fail"
		if parent := s.parent(e.Test); parent != nil {
			parent.items = append(parent.items, item{sub: t}) // a subtest's report goes where it ended
		}
	case "run":
		if s.parent(e.Test) == nil {
			s.top = append(s.top, item{sub: t}) // a top-level test's report goes where it started
		}
	}
}

// parent returns the test that name is a subtest of, nil for a top-level test.
func (s *pkgState) parent(name string) *test {
	for i := strings.LastIndex(name, "/"); i > 0; i = strings.LastIndex(name[:i], "/") {
		if t := s.tests[name[:i]]; t != nil {
			return t
		}
	}
	return nil
}

// flush prints a package's output as go test does without -v: for a passing package its result line only; for a
// failing one its own output and, for each failing (or unfinished) test, the test's result line followed by its
// output and failing subtests, indented by depth, as the testing package prints them.
func (p *printer) flush(s *pkgState, failed bool) {
	p.anyFailed = p.anyFailed || failed
	printed := map[*test]bool{}
	for _, it := range s.top {
		switch {
		case it.sub == nil && !failed:
			if strings.HasPrefix(it.text, "ok  \t") || strings.HasPrefix(it.text, "?   \t") {
				io.WriteString(p.stdout, it.text)
			}
		case it.sub == nil:
			io.WriteString(p.stdout, it.text)
		case failed && it.sub.ended && it.sub.failed && !printed[it.sub]:
			printed[it.sub] = true
			p.block(it.sub, 0)
		}
	}
	if !failed {
		return
	}
	// A test that never ended (a panic elsewhere, a timeout): its output is where the failure is.
	for _, it := range s.top {
		if it.sub != nil && !it.sub.ended && !printed[it.sub] {
			printed[it.sub] = true
			p.block(it.sub, 0)
		}
	}
}

// block prints a failed test's report at depth.
func (p *printer) block(t *test, depth int) {
	pad := strings.Repeat("    ", depth)
	if t.result != "" {
		io.WriteString(p.stdout, pad+t.result)
	}
	for _, it := range t.items {
		switch {
		case it.sub == nil:
			io.WriteString(p.stdout, pad+it.text)
		case it.sub.failed || !it.sub.ended:
			p.block(it.sub, depth+1)
		}
	}
}

// flushUnfinished prints what is left of packages whose result never came (go test was killed).
func (p *printer) flushUnfinished() {
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range p.pkgs {
			if !yield(k) {
				return
			}
		}
	}) {
		p.flush(p.pkgs[name], true)
	}
}

func isFraming(s string) bool {
	for _, f := range []string{"=== RUN ", "=== PAUSE ", "=== CONT ", "=== NAME "} {
		if strings.HasPrefix(s, f) {
			return true
		}
	}
	return false
}

// summary is the line naming the tests that skipped for want of ../shared, or "" when none did.
func (p *printer) summary() string {
	if len(p.skipped) == 0 {
		return ""
	}
	names := make([]string, 0, len(p.skipped))
	for n := range p.skipped {
		names = append(names, n)
	}
	slices.Sort(names)
	return fmt.Sprintf("%s: %s (put the shared folder beside the checkout or set %s)", shared.SkipMark,
		strings.Join(names, ", "), shared.Env)
}

// shortPkg drops the module path from a package path of this repository.
func shortPkg(pkg string) string {
	if rest, ok := strings.CutPrefix(pkg, "github.com/opgen-sdk/opgen/"); ok {
		return rest
	}
	return pkg
}
