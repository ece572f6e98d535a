package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/opgen-sdk/opgen/internal/opgen"
)

// peerRefused lists the peer test specs that stay refused with default options, by path under $OPGEN_PEER_SPECS,
// with a text the refusal must contain. Each is broken beyond what a generator should guess at (see
// docs/COMPATIBILITY.md).
var peerRefused = map[string]string{
	// A $ref to a schema on raw.githubusercontent.com: opgen reads local files only, by design (a build must not
	// depend on the network). Downloading the file next to the spec makes it generate.
	"oapi-codegen/references/multipackage/spec.yaml": "remote $ref refused",
}

// peerBuildFails lists the peer specs whose generated code is known not to build, with the reason.
var peerBuildFails = map[string]string{
	// oapi-codegen's own x-go-type-import extension names the package of an x-go-type (googleuuid.UUID from
	// github.com/google/uuid); opgen reads the import path from x-go-type itself (github.com/google/uuid.UUID)
	// and imports "googleuuid" as written. A scratch module without github.com/google/uuid could not build it
	// either way.
	"oapi-codegen/extensions/x_go_type/spec.yaml": "googleuuid",
}

// TestPeerSpecs runs the peers' own test specs as a corpus: every OpenAPI document (and every components-only
// file) under $OPGEN_PEER_SPECS is generated with default options into one scratch module, which is built and
// vetted. The specs are not in this repository: fetch ogen's _testdata/positive and _testdata/examples and
// oapi-codegen's internal/test into one folder per set (docs/COMPATIBILITY.md says how) and point the variable at
// it. Without it the test skips.
func TestPeerSpecs(t *testing.T) {
	dir := os.Getenv("OPGEN_PEER_SPECS")
	if dir == "" {
		t.Skip("OPGEN_PEER_SPECS not set: point it at a folder holding the peers' test specs (e.g. ogen-positive/, ogen-examples/, oapi-codegen/; see docs/COMPATIBILITY.md) to run them")
	}
	if testing.Short() {
		t.Skip("peer specs skipped in -short mode")
	}
	files, err := PeerSpecs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("%s holds no OpenAPI documents", dir)
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the generated code: %v", err)
	}
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module corpustest\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	type result struct {
		rel, set, pkg string
		err           error
		res           *opgen.Result
	}
	results := make([]*result, len(files))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i, rel := range files {
		set, _, _ := strings.Cut(rel, "/")
		results[i] = &result{rel: rel, set: set, pkg: fmt.Sprintf("%s%d", PackageName(strings.TrimSuffix(filepath.Base(rel), filepath.Ext(rel))), i)}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			r := results[i]
			r.res, r.err = opgen.Generate(context.Background(), opgen.Target{
				Spec:       rel,
				SpecFile:   filepath.Join(dir, filepath.FromSlash(rel)),
				Package:    r.pkg,
				ImportPath: "corpustest/" + r.pkg,
			})
		})
	}
	wg.Wait()

	built := map[string]*outcome{}
	byPkg := map[string]*result{}
	for _, r := range results {
		if r.err != nil {
			continue
		}
		pkgDir := filepath.Join(mod, r.pkg)
		if err := os.MkdirAll(pkgDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for fn, b := range r.res.Files {
			if err := os.WriteFile(filepath.Join(pkgDir, fn), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		built[r.pkg] = &outcome{spec: Spec{Name: r.rel}, pkg: r.pkg}
		byPkg[r.pkg] = r
	}
	buildFailed := failingPackages(goBin, mod, built, "build", "./...")
	vetFailed := failingPackages(goBin, mod, built, "vet", "./...")

	type counts struct{ total, gen, build, vet int }
	sets := map[string]*counts{}
	for _, r := range results {
		c := sets[r.set]
		if c == nil {
			c = &counts{}
			sets[r.set] = c
		}
		c.total++
		want, listed := peerRefused[r.rel]
		switch {
		case r.err != nil && listed && strings.Contains(r.err.Error(), want):
			t.Logf("%s: refused as expected: %s", r.rel, firstLine(r.err.Error()))
			continue
		case r.err != nil:
			t.Errorf("%s: generation failed:\n%v", r.rel, r.err)
			continue
		case listed:
			t.Errorf("%s: generated, but listed as refused (%s): remove it from peerRefused", r.rel, want)
		}
		c.gen++
		if msg, bad := buildFailed[r.pkg]; bad {
			if want, known := peerBuildFails[r.rel]; known && strings.Contains(msg, want) {
				t.Logf("%s: does not build, as known: %s", r.rel, firstLine(msg))
			} else {
				t.Errorf("%s: go build failed:\n%s", r.rel, msg)
			}
			continue
		}
		c.build++
		if msg, bad := vetFailed[r.pkg]; bad {
			t.Errorf("%s: go vet failed:\n%s", r.rel, msg)
			continue
		}
		c.vet++
	}
	names := make([]string, 0, len(sets))
	for s := range sets {
		names = append(names, s)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, s := range names {
		c := sets[s]
		fmt.Fprintf(&b, "%-16s %3d specs: generated %3d, built %3d, vetted %3d\n", s, c.total, c.gen, c.build, c.vet)
	}
	t.Logf("peer specs (default options):\n%s", b.String())
}

// PeerSpecs lists, relative to dir and with forward slashes, every YAML or JSON file that is an OpenAPI document
// (a top-level "openapi" or "swagger" key) or a components-only file (top-level "components" and no "paths"),
// sorted. Files that do not parse are OpenAPI test inputs for other tools' negative cases or configs: left out.
func PeerSpecs(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && path != dir {
				return filepath.SkipDir
			}
			return nil
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".yaml", ".yml", ".json":
		default:
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var top map[string]any
		if t := bytes.TrimLeft(data, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
			err = json.Unmarshal(data, &top)
		} else {
			err = yaml.Unmarshal(data, &top)
		}
		if err != nil || top == nil {
			return nil
		}
		_, isOpenAPI := top["openapi"]
		_, isSwagger := top["swagger"]
		_, hasComponents := top["components"]
		_, hasPaths := top["paths"]
		if isOpenAPI || isSwagger || hasComponents && !hasPaths {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// failingPackages runs `go <args>` in the scratch module and returns, per package that failed, its error lines.
func failingPackages(goBin, mod string, built map[string]*outcome, args ...string) map[string]string {
	cmd := exec.Command(goBin, args...)
	cmd.Dir = mod
	cmd.Env = scratchEnv()
	out, err := cmd.CombinedOutput()
	failed := map[string]string{}
	if err == nil {
		return failed
	}
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
		if built[pkg] != nil && strings.Count(failed[pkg], "\n") < 10 {
			failed[pkg] += l + "\n"
		}
	}
	return failed
}
