package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/opgen-sdk/opgen/internal/apidiff"
	"github.com/opgen-sdk/opgen/internal/gofs"
	"github.com/opgen-sdk/opgen/internal/opgen"
)

// apiChanges compares, for each target whose output directory already holds generated files, the Go API of
// those files with the API of the new ones. A target generated for the first time has no changes (nil). When
// the existing files cannot be parsed the comparison is skipped with a warning, or fails when it is needed
// (-fail-on-breaking).
func apiChanges(targets []opgen.Target, results []*opgen.Result, needed bool, stderr io.Writer) ([][]apidiff.Change, bool) {
	diffs := make([][]apidiff.Change, len(targets))
	ok := true
	for i, t := range targets {
		old, err := generatedFiles(t.Out)
		if err == nil && len(old) == 0 {
			continue
		}
		var before, after *apidiff.API
		if err == nil {
			before, err = apidiff.Parse(old)
		}
		if err == nil {
			after, err = apidiff.Parse(results[i].Files)
		}
		if err != nil {
			if needed {
				fmt.Fprintf(stderr, "opgen: %s: cannot compare with the API generated before: %v\n"+
					"opgen: fix or delete the existing generated files in %s, or run without -fail-on-breaking\n", t.Package, err, t.Out)
				ok = false
			} else {
				fmt.Fprintf(stderr, "opgen: warning: %s: API changes not listed: cannot compare with the API generated before: %v\n", t.Package, err)
			}
			continue
		}
		diffs[i] = apidiff.Compare(before, after)
	}
	return diffs, ok
}

// generatedFiles reads the files opgen generated in dir before: *_gen.go files carrying the opgen header.
func generatedFiles(dir string) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ownedSuffix) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		if bytes.Contains(firstLines(b, 5), []byte(gofs.Header)) {
			files[e.Name()] = b
		}
	}
	return files, nil
}

// firstLines returns the first n lines of b.
func firstLines(b []byte, n int) []byte {
	end := 0
	for range n {
		i := bytes.IndexByte(b[end:], '\n')
		if i < 0 {
			return b
		}
		end += i + 1
	}
	return b[:end]
}

// breaking counts the breaking changes of every target.
func breaking(diffs [][]apidiff.Change) int {
	n := 0
	for _, d := range diffs {
		n += apidiff.Breaking(d)
	}
	return n
}

// printAPIChanges prints a target's API changes, breaking ones first and marked BREAKING; nothing when none.
func printAPIChanges(w io.Writer, pkg string, changes []apidiff.Change) {
	if len(changes) == 0 {
		return
	}
	b := apidiff.Breaking(changes)
	fmt.Fprintf(w, "%s: API changes: %d breaking, %d compatible\n", pkg, b, len(changes)-b)
	for _, c := range changes {
		mark := "         "
		if c.Breaking {
			mark = "BREAKING "
		}
		fmt.Fprintf(w, "  %s%s\n", mark, c)
	}
}
