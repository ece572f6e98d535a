package consumer

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/internal/config"
	"github.com/opgen-sdk/opgen/internal/gofs"
	"github.com/opgen-sdk/opgen/internal/opgen"
)

// sdkModules are the SDK modules under generated/, one per target of specs/opgen.yaml.
func sdkModules(t *testing.T) []string {
	t.Helper()
	cfg, err := config.Load("../../specs/opgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, target := range cfg.Targets {
		out = append(out, target.Package)
	}
	if len(out) == 0 {
		t.Fatal("specs/opgen.yaml lists no targets")
	}
	return out
}

// goOffline runs the go command in dir with no network, no workspace and no module proxy: a module that needs
// anything but the standard library and the local replacements fails here.
func goOffline(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	// -trimpath: the scratch module lives in a new temporary folder on every run, and without it that folder is part
	// of every build and vet cache key, so unchanged generated packages would be compiled and vetted again each run.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=mod -trimpath", "GONOSUMDB=", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return string(out)
}

// checkStdlibOnly requires the consumer module's go.sum to name no module and `go list -m all` to list only the
// consumer and the modules it replaces locally.
func checkStdlibOnly(t *testing.T, dir string, local ...string) {
	t.Helper()
	if b, err := os.ReadFile(filepath.Join(dir, "go.sum")); err == nil && len(strings.TrimSpace(string(b))) > 0 {
		t.Errorf("go.sum of a module importing only the SDK names modules:\n%s", b)
	}
	mods := strings.Fields(goOffline(t, dir, "list", "-m", "-f", "{{.Path}}", "all"))
	want := append([]string{"example.com/consumer"}, local...)
	if strings.Join(mods, " ") != strings.Join(want, " ") {
		t.Errorf("go list -m all = %v, want %v", mods, want)
	}
}

// TestSDKModulesRequireNothing builds a consumer module that imports every SDK under generated/ (each replaced by
// its local directory, as a published version would be fetched) and checks that the build needs nothing but the
// standard library: no go.sum line, no module besides the SDKs, each SDK's go.mod without a require. One consumer
// for all of them: a requirement of any one SDK would show in its go.sum all the same.
func TestSDKModulesRequireNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := t.TempDir()
	var gomod, imports, calls strings.Builder
	gomod.WriteString("module example.com/consumer\n\ngo 1.24\n")
	var mods []string
	for _, pkg := range sdkModules(t) {
		sdkDir, err := filepath.Abs(filepath.Join("..", "..", "generated", pkg))
		if err != nil {
			t.Fatal(err)
		}
		own, err := os.ReadFile(filepath.Join(sdkDir, "go.mod"))
		if err != nil {
			t.Fatalf("generated/%s has no go.mod of its own: %v", pkg, err)
		}
		modPath := "github.com/opgen-sdk/opgen/generated/" + pkg
		if !strings.Contains(string(own), "module "+modPath+"\n") {
			t.Errorf("generated/%s/go.mod does not declare module %s:\n%s", pkg, modPath, own)
		}
		if strings.Contains(string(own), "require") {
			t.Errorf("generated/%s/go.mod requires modules:\n%s", pkg, own)
		}
		mods = append(mods, modPath)
		gomod.WriteString("\nrequire " + modPath + " v0.0.0\n\nreplace " + modPath + " => " + sdkDir + "\n")
		imports.WriteString("\t\"" + modPath + "\"\n")
		calls.WriteString("\t_, err = " + pkg + ".NewClient()\n\tfmt.Println(err)\n")
	}
	sort.Strings(mods)
	write(t, filepath.Join(dir, "go.mod"), gomod.String())
	write(t, filepath.Join(dir, "main.go"), "package main\n\nimport (\n\t\"fmt\"\n\n"+imports.String()+")\n\nfunc main() {\n\tvar err error\n"+calls.String()+"}\n")
	goOffline(t, dir, "mod", "tidy")
	goOffline(t, dir, "build", "./...")
	checkStdlibOnly(t, dir, mods...)
}

// TestGeneratedInUserModuleRequiresNothing generates a package the way a user does, into a module of their own,
// and checks the same: what opgen writes needs only the standard library.
func TestGeneratedInUserModuleRequiresNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	cfg, err := config.Load("../../specs/opgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/consumer\n\ngo 1.24\n")
	var imports strings.Builder
	for _, target := range cfg.Targets {
		target.Out = filepath.Join(dir, target.Package)
		target.ImportPath = "example.com/consumer/" + target.Package
		res, err := opgen.Generate(context.Background(), target)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := gofs.Write(target.Out, res.Files, "_gen.go"); err != nil {
			t.Fatal(err)
		}
		imports.WriteString("\t_ \"example.com/consumer/" + target.Package + "\"\n")
	}
	write(t, filepath.Join(dir, "main.go"), "package main\n\nimport (\n"+imports.String()+")\n\nfunc main() {}\n")
	goOffline(t, dir, "mod", "tidy")
	goOffline(t, dir, "build", "./...")
	checkStdlibOnly(t, dir)
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
