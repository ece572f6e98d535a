package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"time"
)

// MaxSeedSize is the largest spec Seeds returns: mutating a big document is slow and rarely finds more.
const MaxSeedSize = 32 << 10

// Seeds returns small specs to seed fuzz targets with: the golden cases (golden/testdata/*/spec.yaml), the
// loader's test data (internal/spec/testdata), the CLI's test data, and the small specs of the shared corpus when
// it is present. Files over MaxSeedSize are left out. The order is stable.
func Seeds() [][]byte {
	root, ok := repoRoot()
	if !ok {
		return nil
	}
	var files []string
	for _, pattern := range []string{
		"golden/testdata/*/*.yaml",
		"internal/spec/testdata/*.yaml",
		"internal/spec/testdata/*.json",
		"cmd/opgen/testdata/*.yaml",
	} {
		m, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(pattern)))
		files = append(files, m...)
	}
	if dir, ok := Dir(); ok {
		if specs, err := List(dir); err == nil {
			for _, s := range specs {
				files = append(files, s.File)
			}
		}
	}
	sort.Strings(files)
	var out [][]byte
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil || !st.Mode().IsRegular() || st.Size() > MaxSeedSize {
			continue
		}
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, b)
		}
	}
	return out
}

// repoRoot finds the repository root (the folder holding go.mod) from the current directory upwards.
func repoRoot() (string, bool) {
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// InputTimeout bounds one fuzz input; generous so that -race runs of the seeds stay well inside it.
const InputTimeout = 30 * time.Second

// Bounded runs fn and kills the process, printing every goroutine's stack, if it has not returned within d: a
// hang is a finding, and the fuzzer keeps the input that crashed its worker.
func Bounded(d time.Duration, what string, fn func()) {
	timer := time.AfterFunc(d, func() {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		fmt.Fprintf(os.Stderr, "%s did not finish within %s: hang\n\n%s\n", what, d, buf)
		panic(fmt.Sprintf("%s: hang (over %s)", what, d))
	})
	defer timer.Stop()
	fn()
}
