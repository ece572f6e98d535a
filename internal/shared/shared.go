// Package shared finds ../shared, the read-only folder beside the checkout that holds the providers' documents
// (seeds/), reference facts (reference/) and the real-world corpus (corpus/). It is never copied into the
// repository, so every test that reads it skips when it is absent, through Need, with a message that starts with
// SkipMark: the test runner (internal/testall, the README's test command) lists those tests in one summary line.
package shared

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Env names the variable that says where the shared folder is, when it is not ../shared beside the checkout.
const Env = "OPGEN_SHARED"

// SkipMark starts the skip message of every test that needs the shared folder and did not find it.
const SkipMark = "skipped for want of ../shared"

// rootModule is the generator's module path: the checkout is the folder whose go.mod declares it.
const rootModule = "github.com/opgen-sdk/opgen"

// Dir returns the shared folder: $OPGEN_SHARED when set, else "shared" beside the checkout (the checkout is found
// upwards from the working directory, so tests of every workspace module, sdktest's included, agree). ok is
// false when the folder does not exist.
func Dir() (dir string, ok bool) {
	if d := os.Getenv(Env); d != "" {
		return d, isDir(d)
	}
	root, found := checkout()
	if !found {
		return "", false
	}
	d := filepath.Join(filepath.Dir(root), "shared")
	return d, isDir(d)
}

// Path returns elem joined to the shared folder, and whether that file or folder exists.
func Path(elem ...string) (string, bool) {
	dir, ok := Dir()
	if !ok {
		return "", false
	}
	p := filepath.Join(append([]string{dir}, elem...)...)
	_, err := os.Stat(p)
	return p, err == nil
}

// Need returns the path of elem in the shared folder, or skips the test (with SkipMark) when it is absent.
func Need(t testing.TB, elem ...string) string {
	t.Helper()
	p, ok := Path(elem...)
	if !ok {
		t.Skip(Why(elem...))
	}
	return p
}

// Why is the skip message of a test that needs elem of the shared folder: it says what is missing and how to
// provide it. Tests that find the folder by other means (e.g. $OPGEN_CORPUS) skip with it too.
func Why(elem ...string) string {
	what := "../shared"
	if len(elem) > 0 {
		what = "../shared/" + filepath.ToSlash(filepath.Join(elem...))
	}
	where := "not found beside the checkout"
	if d := os.Getenv(Env); d != "" {
		where = fmt.Sprintf("not found in $%s (%s)", Env, d)
	}
	return fmt.Sprintf("%s: %s %s; put the shared folder beside the checkout or set %s", SkipMark, what, where, Env)
}

// checkout returns the repository's root: the nearest folder upwards from the working directory whose go.mod
// declares the generator's module.
func checkout() (string, bool) {
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && declares(string(b), rootModule) {
			return d, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// declares reports whether the go.mod text declares module path.
func declares(gomod, path string) bool {
	for _, line := range strings.Split(gomod, "\n") {
		f := strings.Fields(strings.TrimSpace(line))
		if len(f) == 2 && f[0] == "module" && strings.Trim(f[1], `"`) == path {
			return true
		}
	}
	return false
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
