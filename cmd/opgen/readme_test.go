package main

import (
	"bytes"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// downstreamBlock is the README's shell block between the downstream markers.
var downstreamBlock = regexp.MustCompile("(?s)<!-- downstream:begin[^>]*-->\\s*```sh\\n(.*?)```\\s*<!-- downstream:end -->")

// TestReadmeDownstream follows the README's "Use opgen in your repository" section word for word in a scratch
// module: the files it describes (opgen.yaml, the go:generate line), then every line of its shell block, run as
// written from the module's folder. The one line it cannot run is the git clone: ../opgen is made a link to this
// checkout instead, which is what the clone would hold.
func TestReadmeDownstream(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a scratch module with the go command: skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := downstreamBlock.FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no downstream:begin/end shell block")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	if err := os.Symlink(root, filepath.Join(base, "opgen")); err != nil {
		t.Skipf("cannot link ../opgen to the checkout: %v", err)
	}
	app := filepath.Join(base, "app")
	spec, err := os.ReadFile(filepath.Join("testdata", "petstore.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{
		"go.mod":     "module example.com/app\n\ngo 1.26\n",
		"api.yaml":   string(spec),
		"opgen.yaml": "targets:\n  - spec: api.yaml          # paths are relative to this file\n    package: myapi\n    out: ./myapi\n",
		"gen.go":     "package app\n\n//go:generate go tool opgen generate -config opgen.yaml\n",
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(app, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(app, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []string{"targets:\n  - spec: api.yaml          # paths are relative to this file\n    package: myapi\n    out: ./myapi\n", "//go:generate go tool opgen generate -config opgen.yaml\n"} {
		if !bytes.Contains(readme, []byte(want)) {
			t.Fatalf("README.md no longer shows %q: update this test with it", want)
		}
	}

	out, err := exec.Command(goBin, "env", "GOMODCACHE", "GOPROXY").Output()
	if err != nil {
		t.Fatal(err)
	}
	goenv := strings.Split(strings.TrimSpace(string(out)), "\n")
	proxy := (&url.URL{Scheme: "file", Path: filepath.ToSlash(goenv[0]) + "/cache/download"}).String()
	if len(goenv) == 2 && goenv[1] != "" && goenv[1] != "off" {
		proxy += "," + goenv[1]
	}
	env := scriptEnv(proxy)

	ran := 0
	for _, line := range strings.Split(strings.TrimSpace(string(m[1])), "\n") {
		if strings.HasPrefix(line, "git clone ") {
			continue // ../opgen links to this checkout
		}
		args := strings.Fields(line)
		if len(args) == 0 || args[0] != "go" {
			t.Fatalf("README line %q: this test runs go commands only", line)
		}
		cmd := exec.Command(goBin, args[1:]...)
		cmd.Dir, cmd.Env = app, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
		ran++
	}
	if ran < 5 {
		t.Fatalf("ran %d README lines, want the whole block", ran)
	}
	for _, f := range []string{"client_gen.go", "models_gen.go", "operations_gen.go"} {
		if _, err := os.Stat(filepath.Join(app, "myapi", f)); err != nil {
			t.Errorf("the README's steps did not generate myapi/%s: %v", f, err)
		}
	}
	gomod, _ := os.ReadFile(filepath.Join(app, "go.mod"))
	if !bytes.Contains(gomod, []byte("tool github.com/opgen-sdk/opgen/cmd/opgen")) {
		t.Errorf("go.mod has no tool directive:\n%s", gomod)
	}
}
