package spec_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/opgen-sdk/opgen/internal/corpus"
	"github.com/opgen-sdk/opgen/internal/spec"
)

// FuzzLoad feeds mutated YAML/JSON documents to spec.Load. The rule: it never panics, never hangs (each input is
// bounded by corpus.InputTimeout), and it either returns a document or an error made of located problems (each
// names the file and a line or a JSON pointer).
//
//	go test ./internal/spec -run '^$' -fuzz FuzzLoad -fuzztime 5m
func FuzzLoad(f *testing.F) {
	for _, s := range corpus.Seeds() {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, data []byte, lenient bool) {
		dir := t.TempDir()
		file := filepath.Join(dir, "spec.yaml")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var (
			doc *spec.Doc
			err error
		)
		corpus.Bounded(corpus.InputTimeout, "spec.Load", func() {
			doc, err = spec.Load(context.Background(), file, spec.LoadOptions{Lenient: lenient, DisplayPath: "spec.yaml"})
		})
		CheckLoadResult(t, doc, err)
	})
}

// CheckLoadResult asserts the loader's contract on one result.
func CheckLoadResult(t *testing.T, doc *spec.Doc, err error) {
	t.Helper()
	if err == nil {
		if doc == nil || doc.T == nil {
			t.Fatal("Load returned neither a document nor an error")
		}
		return
	}
	if doc != nil {
		t.Errorf("Load returned a document and an error: %v", err)
	}
	var ps spec.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error is %T, want spec.Problems: %v", err, err)
	}
	if len(ps) == 0 {
		t.Fatal("error is an empty spec.Problems")
	}
	for _, p := range ps {
		if p.File != "spec.yaml" {
			t.Errorf("problem names file %q, want spec.yaml: %s", p.File, p)
		}
		if p.Line <= 0 && p.Pointer == "" {
			t.Errorf("problem has neither a line nor a pointer: %s", p)
		}
		if p.Message == "" {
			t.Errorf("problem without a message: %s", p)
		}
	}
}
