package norace

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestMain(m *testing.M) { Main(m) }

// failEnv makes TestFailsOnRequest fail, for TestRerun.
const failEnv = "OPGEN_NORACE_TEST_FAIL"

// TestWithoutRace: under go test -race, the tests run in a binary built without the race detector.
func TestWithoutRace(t *testing.T) {
	if raceEnabled {
		t.Fatal("the tests run under the race detector: Main did not run them in a binary built without it")
	}
}

func TestFailsOnRequest(t *testing.T) {
	if os.Getenv(failEnv) != "" {
		t.Fatal("failing on request")
	}
}

// TestRerun builds this package's tests with -race and runs them: Main must run them again without the race
// detector, pass the arguments on, and leave with the tests' status.
func TestRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a test binary")
	}
	bin := filepath.Join(t.TempDir(), "race.test")
	if out, err := exec.Command("go", "test", "-race", "-c", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go test -race -c: %v\n%s", err, out)
	}
	env := func(extra ...string) []string {
		var out []string
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, childEnv+"=") && !strings.HasPrefix(kv, failEnv+"=") {
				out = append(out, kv)
			}
		}
		return append(out, extra...)
	}
	cmd := exec.Command(bin, "-test.v", "-test.run=^(TestWithoutRace|TestFailsOnRequest)$")
	cmd.Env = env()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the race-built tests failed: %v\n%s", err, out)
	}
	for _, want := range []string{"--- PASS: TestWithoutRace", "--- PASS: TestFailsOnRequest"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the output lacks %q (the arguments were not passed on?):\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "TestRerun") {
		t.Errorf("-test.run was not passed on: TestRerun ran:\n%s", out)
	}

	cmd = exec.Command(bin, "-test.run=^TestFailsOnRequest$")
	cmd.Env = env(failEnv + "=1")
	out, err = cmd.CombinedOutput()
	if err == nil || cmd.ProcessState.ExitCode() != 1 {
		t.Errorf("a failing test: exit status %d (%v), want 1:\n%s", cmd.ProcessState.ExitCode(), err, out)
	}
	if !strings.Contains(string(out), "failing on request") {
		t.Errorf("the failing test's output is missing:\n%s", out)
	}
}
