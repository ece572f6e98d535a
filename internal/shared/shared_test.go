package shared

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fakeTB records a skip instead of stopping a test.
type fakeTB struct {
	testing.TB
	skipped string
}

func (f *fakeTB) Helper()          {}
func (f *fakeTB) Skip(args ...any) { f.skipped = fmt.Sprint(args...) }

func TestNeedSkipsWithTheMark(t *testing.T) {
	empty := t.TempDir()
	t.Setenv(Env, empty)
	tb := &fakeTB{}
	Need(tb, "corpus")
	if !strings.HasPrefix(tb.skipped, SkipMark+": ../shared/corpus not found in $OPGEN_SHARED") {
		t.Errorf("skip message %q", tb.skipped)
	}

	if err := os.Mkdir(filepath.Join(empty, "corpus"), 0o755); err != nil {
		t.Fatal(err)
	}
	tb = &fakeTB{}
	if got := Need(tb, "corpus"); got != filepath.Join(empty, "corpus") || tb.skipped != "" {
		t.Errorf("Need = %q (skipped %q), want the corpus folder", got, tb.skipped)
	}

	t.Setenv(Env, filepath.Join(empty, "absent"))
	if _, ok := Dir(); ok {
		t.Error("Dir found a folder that does not exist")
	}
}

// TestDirBesideTheCheckout: without $OPGEN_SHARED, the folder is "shared" beside the checkout, found from any
// module of the workspace (sdktest is a module of its own).
func TestDirBesideTheCheckout(t *testing.T) {
	t.Setenv(Env, "")
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	sub := filepath.Join(repo, "sdktest", "contract")
	for _, d := range []string{sub, filepath.Join(root, "shared")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(repo, "go.mod"), "module "+rootModule+"\n\ngo 1.26\n")
	write(filepath.Join(repo, "sdktest", "go.mod"), "module "+rootModule+"/sdktest\n\ngo 1.26\n")
	t.Chdir(sub)
	if d, ok := Dir(); !ok || d != filepath.Join(root, "shared") {
		t.Errorf("Dir() = %q, %v; want %s", d, ok, filepath.Join(root, "shared"))
	}
}

// TestEveryReaderGoesThroughShared: no Go file outside this package names the shared folder by a path of its own,
// so that every test that needs it skips with SkipMark (and honours $OPGEN_SHARED).
func TestEveryReaderGoesThroughShared(t *testing.T) {
	root, ok := checkout()
	if !ok {
		t.Fatal("the checkout's root is not found")
	}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			switch rel {
			case ".git", "generated", filepath.Join("internal", "shared"):
				return filepath.SkipDir
			}
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err == nil && (s == "shared" || strings.Contains(s, "../shared/") || strings.HasSuffix(s, "../shared")) && !strings.Contains(s, " ") {
				t.Errorf("%s: %q: find the shared folder with internal/shared (Need, Path or Dir)", fset.Position(lit.Pos()), s)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
