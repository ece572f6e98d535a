package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/internal/shared"
)

// scratch is a module whose packages pass, fail (in a subtest, with logs at two depths), panic, fail to build,
// have no test files, and skip for want of ../shared (a top-level test and a subtest) or for another reason.
var scratch = map[string]string{
	"go.mod": "module scratch\n\ngo 1.24\n",
	"pass/pass_test.go": `package pass

import "testing"

func TestPass(t *testing.T) { t.Log("a log line go test hides") }
func TestShared(t *testing.T) { t.Skip("` + shared.SkipMark + `: ../shared/corpus not found") }
func TestOther(t *testing.T) { t.Skip("not for want of the shared folder") }
func TestSub(t *testing.T) {
	t.Run("seeds", func(t *testing.T) { t.Skip("` + shared.SkipMark + `: ../shared/seeds not found") })
	t.Run("fine", func(t *testing.T) {})
}
`,
	"fail/fail_test.go": `package fail

import "testing"

func TestPass(t *testing.T) { t.Log("hidden: the test passed") }
func TestFail(t *testing.T) {
	t.Log("before")
	t.Run("sub", func(t *testing.T) { t.Error("bad thing") })
	t.Run("ok", func(t *testing.T) { t.Log("hidden: the subtest passed") })
	t.Log("after")
}
`,
	"panics/panics_test.go": `package panics

import "testing"

func TestPanic(t *testing.T) { panic("boom") }
`,
	"broken/broken_test.go": "package broken\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) { undefined() }\n",
	"notests/notests.go":    "package notests\n",
}

// varying is what differs between two runs: durations, addresses and goroutine numbers.
var varying = regexp.MustCompile(`\d+\.\d+s|\(cached\)|0x[0-9a-f]+\??|goroutine \d+`)

func normalize(s string) string { return varying.ReplaceAllString(s, "X") }

func writeScratch(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range scratch {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestSameAsGoTest: testall prints what go test prints (one package at a time, so that the order is the same),
// with the same exit status, and then the line naming the tests skipped for want of ../shared.
func TestSameAsGoTest(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command on a scratch module")
	}
	dir := writeScratch(t)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	args := []string{"-p=1", "-count=1", "./..."}

	cmd := exec.Command("go", append([]string{"test"}, args...)...)
	cmd.Dir = dir
	var goOut, goErr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &goOut, &goErr
	goStatus := 0
	if err := cmd.Run(); err != nil {
		goStatus = cmd.ProcessState.ExitCode()
	}

	var out, errOut bytes.Buffer
	status := run(dir, args, &out, &errOut)
	if status != goStatus || status == 0 {
		t.Errorf("exit status %d, go test's %d (non-zero: a package fails)", status, goStatus)
	}
	want := "skipped for want of ../shared: TestShared (scratch/pass), TestSub/seeds (scratch/pass) (put the shared folder beside the checkout or set OPGEN_SHARED)\n"
	got, ok := strings.CutSuffix(out.String(), want)
	if !ok {
		t.Fatalf("the output does not end with the summary line\n%s\ngot:\n%s", want, out.String())
	}
	if normalize(got) != normalize(goOut.String()) {
		t.Errorf("stdout differs from go test's\ngo test:\n%s\ntestall:\n%s", goOut.String(), got)
	}
	if errOut.String() != goErr.String() {
		t.Errorf("stderr differs from go test's\ngo test:\n%s\ntestall:\n%s", goErr.String(), errOut.String())
	}
	for _, hidden := range []string{"hidden:", "not for want"} {
		if strings.Contains(out.String(), hidden) {
			t.Errorf("testall printed %q, which go test hides", hidden)
		}
	}
	for _, shown := range []string{"    --- FAIL: TestFail/sub", "        fail_test.go:8: bad thing", "panic: boom", "FAIL\tscratch/broken [build failed]", "undefined: undefined"} {
		if !strings.Contains(out.String()+errOut.String(), shown) {
			t.Errorf("testall's output lacks %q", shown)
		}
	}
}

// TestPassingRun: a run that passes exits 0; with -json the events pass through and the summary goes to stderr.
func TestPassingRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command on a scratch module")
	}
	dir := writeScratch(t)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	var out, errOut bytes.Buffer
	if status := run(dir, []string{"-count=1", "./pass"}, &out, &errOut); status != 0 {
		t.Fatalf("exit status %d for a passing package:\n%s%s", status, out.String(), errOut.String())
	}
	if !regexp.MustCompile(`(?m)^ok  \tscratch/pass\t`).MatchString(out.String()) || strings.Count(out.String(), "\n") != 2 {
		t.Errorf("want the ok line and the summary line, got:\n%s", out.String())
	}

	out.Reset()
	errOut.Reset()
	if status := run(dir, []string{"-json", "-count=1", "./pass"}, &out, &errOut); status != 0 {
		t.Fatalf("-json: exit status %d:\n%s", status, errOut.String())
	}
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if !strings.HasPrefix(l, "{") {
			t.Errorf("-json: stdout holds a line that is not an event: %q", l)
		}
	}
	if !strings.HasPrefix(errOut.String(), shared.SkipMark+": TestShared (scratch/pass)") {
		t.Errorf("-json: the summary is not on stderr:\n%s", errOut.String())
	}
}

// TestRealSkips runs a test of this repository that needs ../shared with OPGEN_SHARED pointing at an empty
// folder: the summary line names it.
func TestRealSkips(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test")
	}
	t.Setenv(shared.Env, t.TempDir())
	var out, errOut bytes.Buffer
	// With the outer run's -race, the package is built as the outer run built it (from the build cache).
	status := run("", append(raceFlag, "-count=1", "-run=^TestCorpus$", "github.com/opgen-sdk/opgen/internal/spec"), &out, &errOut)
	if status != 0 {
		t.Fatalf("exit status %d:\n%s%s", status, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), shared.SkipMark+": TestCorpus (internal/spec)") {
		t.Errorf("the summary does not name internal/spec's TestCorpus:\n%s", out.String())
	}
}

// TestReadmeAndCIAgree: the README's test command is testall, and .ci/run runs the same command.
func TestReadmeAndCIAgree(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	ci, err := os.ReadFile("../../.ci/run")
	if err != nil {
		t.Fatal(err)
	}
	const pkgs = "github.com/opgen-sdk/opgen/..."
	cmd := regexp.MustCompile("(?m)^go run ./internal/testall (.*) " + regexp.QuoteMeta(pkgs) + "$").FindSubmatch(readme)
	if cmd == nil {
		t.Fatalf("README.md has no line `go run ./internal/testall ... %s`", pkgs)
	}
	// ${OPGEN_CI_TESTFLAGS:-} is empty in CI; .ci/under-load passes -cpu 1 -count=1 through it.
	want := "go run ./internal/testall " + string(cmd[1]) + ` ${OPGEN_CI_TESTFLAGS:-} "$PKGS"`
	if !strings.Contains(string(ci), "\nPKGS="+pkgs+"\n") || !strings.Contains(string(ci), "\n"+want+"\n") {
		t.Errorf(".ci/run does not run the README's test command: want PKGS=%s and the line\n%s", pkgs, want)
	}
}
