// Package norace runs a test package's tests without the race detector, even under `go test -race`.
//
// The race detector makes the generator several times slower and finds nothing in a test that runs it on one
// goroutine at a time: the golden, hostile, corpus and loader tests spent most of the README test command's time
// there. The generator's concurrent parts (the loader's early parse, validation beside build and emit, parallel
// rendering and runtime trimming) keep their race tests in internal/opgen and cmd/opgen, which do not use this.
//
// A package opts in with
//
//	func TestMain(m *testing.M) { norace.Main(m) }
//
// Without -race, Main is m.Run. With it, Main builds the package's test binary again without -race (`go test -c`,
// the build cache serving everything but the link) and runs it with the same arguments, standard output and
// error, and exits with its status: every test and assertion runs, only not under the race detector. The child
// writes the test log the go command reads to cache the result (-test.testlogfile is passed on), so a change to
// a file a test reads still invalidates the cached result.
package norace

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// childEnv marks the test binary Main started, which then runs its tests itself whatever it was built with.
const childEnv = "OPGEN_NORACE_CHILD"

// Main runs the package's tests, without the race detector when the test binary has it.
func Main(m *testing.M) {
	if !raceEnabled || os.Getenv(childEnv) != "" || testing.CoverMode() != "" {
		// Coverage needs the instrumented binary go test built: run in it.
		os.Exit(m.Run())
	}
	os.Exit(rerun())
}

// rerun builds this package's test binary without -race and runs it with this process's arguments.
func rerun() int {
	dir, err := os.MkdirTemp("", "norace-")
	if err != nil {
		return fail("a temporary folder: %v", err)
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "norace.test")
	args := []string{"test", "-c", "-o", bin}
	if tags := buildSetting("-tags"); tags != "" {
		args = append(args, "-tags="+tags)
	}
	build := exec.Command("go", append(args, ".")...) // a test runs in its package's folder
	build.Env = append(os.Environ(), "GOFLAGS="+withoutRace(os.Getenv("GOFLAGS")))
	if out, err := build.CombinedOutput(); err != nil {
		return fail("building the tests without -race: go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	child := exec.Command(bin, os.Args[1:]...)
	child.Stdin, child.Stdout, child.Stderr = os.Stdin, os.Stdout, os.Stderr
	child.Env = append(os.Environ(), childEnv+"=1")
	killWithParent(child)
	if err := child.Run(); err != nil {
		if code := child.ProcessState.ExitCode(); code > 0 {
			return code
		}
		return fail("running the tests built without -race: %v", err)
	}
	return 0
}

// buildSetting returns a setting of this test binary's build (e.g. -tags), "" when absent.
func buildSetting(key string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, s := range info.Settings {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}

// withoutRace drops -race from GOFLAGS.
func withoutRace(goflags string) string {
	var keep []string
	for _, f := range strings.Fields(goflags) {
		if f != "-race" && f != "--race" && f != "-race=true" && f != "--race=true" {
			keep = append(keep, f)
		}
	}
	return strings.Join(keep, " ")
}

func fail(format string, args ...any) int {
	// FAIL at the start of a line: test2json and the go command read it as the package's failure.
	fmt.Fprintf(os.Stderr, "norace: "+format+"\nFAIL\n", args...)
	return 1
}
