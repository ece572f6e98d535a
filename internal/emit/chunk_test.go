package emit_test

import (
	"bytes"
	"context"
	"go/ast"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/opgen-sdk/opgen/internal/build"
	"github.com/opgen-sdk/opgen/internal/corpus"
	"github.com/opgen-sdk/opgen/internal/emit"
	"github.com/opgen-sdk/opgen/internal/shared"
	"github.com/opgen-sdk/opgen/internal/spec"
	"github.com/opgen-sdk/opgen/templates"
)

// TestChunkedLikeWhole: formatting a large file a run of declarations at a time prints exactly what formatting it
// whole prints, and shows inspect the same declarations. Every file of the golden cases, the spec tests' and the
// CLI tests' documents and our five specs is cut at every boundary (a piece of at least one byte) and compared
// with the file formatted whole.
func TestChunkedLikeWhole(t *testing.T) {
	root := filepath.Join("..", "..")
	var files []string
	for _, pattern := range []string{"golden/testdata/*/spec.yaml", "internal/spec/testdata/*.yaml", "internal/spec/testdata/*.json",
		"cmd/opgen/testdata/*.yaml", "specs/*.yaml"} {
		m, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(pattern)))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if cut := checkChunked(t, files, 1, 64<<10); cut < 100 {
		t.Errorf("only %d files were cut in pieces: the test does not exercise the cutting", cut)
	}
}

// TestChunkedLikeWholeCorpus is TestChunkedLikeWhole on the corpus specs (../shared), cut at every boundary.
func TestChunkedLikeWholeCorpus(t *testing.T) {
	dir := shared.Need(t, "corpus")
	if testing.Short() {
		t.Skip("-short: the corpus takes a minute")
	}
	specs, err := corpus.List(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, s := range specs {
		files = append(files, s.File)
	}
	if cut := checkChunked(t, files, 1); cut < 25 {
		t.Errorf("only %d files were cut in pieces", cut)
	}
}

// checkChunked emits every spec of files that loads and builds, whole and in pieces of each of sizes, and reports
// every difference; it returns how many files were cut at size 1.
func checkChunked(t *testing.T, files []string, sizes ...int) (cut int) {
	t.Helper()
	reserved, err := templates.Identifiers()
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		doc, err := spec.Load(context.Background(), file, spec.LoadOptions{Lenient: true})
		if err != nil {
			continue
		}
		pkg, err := build.Build(build.Input{Doc: doc.T, SpecPath: file, Package: "api", Reserved: reserved})
		if err != nil {
			continue
		}
		render := func(size int) (map[string][]byte, map[string][]string, map[string]int) {
			defer emit.SetChunkSize(size)()
			var mu sync.Mutex
			idents, trees := map[string][]string{}, map[string]int{}
			out, err := emit.Render(pkg, func(name string, f *ast.File) {
				var ids []string
				for _, d := range f.Decls {
					ast.Inspect(d, func(n ast.Node) bool {
						if id, ok := n.(*ast.Ident); ok {
							ids = append(ids, id.Name)
						}
						return true
					})
				}
				mu.Lock()
				idents[name] = append(idents[name], ids...)
				trees[name]++
				mu.Unlock()
			})
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			for _, ids := range idents {
				slices.Sort(ids)
			}
			return out, idents, trees
		}
		whole, wholeIDs, _ := render(1 << 40)
		for _, size := range sizes {
			pieces, pieceIDs, trees := render(size)
			for name, src := range whole {
				if !bytes.Equal(pieces[name], src) {
					t.Errorf("%s: %s in pieces of %d bytes differs from %s formatted whole", file, name, size, name)
					if os.Getenv("CHUNK_DUMP") != "" {
						_ = os.WriteFile(filepath.Join(os.Getenv("CHUNK_DUMP"), name+".whole"), src, 0o644)
						_ = os.WriteFile(filepath.Join(os.Getenv("CHUNK_DUMP"), name+".pieces"), pieces[name], 0o644)
					}
				}
				if !slices.Equal(pieceIDs[name], wholeIDs[name]) {
					t.Errorf("%s: %s in pieces of %d bytes shows inspect other identifiers than whole", file, name, size)
				}
				if size == 1 && trees[name] > 1 {
					cut++
				}
			}
			if len(pieces) != len(whole) {
				t.Errorf("%s: %d files in pieces, %d whole", file, len(pieces), len(whole))
			}
		}
	}
	return cut
}
