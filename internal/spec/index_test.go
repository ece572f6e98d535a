package spec

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/opgen-sdk/opgen/internal/corpus"
	"github.com/opgen-sdk/opgen/internal/shared"
)

// posIndexCases are YAML documents whose pointers posIndex must answer as the tree does: anchors and aliases (as
// keys, values, sequence elements, inside themselves), merge keys, local $refs (chains, cycles, to nothing, not a
// string), non-string and duplicate-looking keys, empty keys, and documents that are not mappings.
var posIndexCases = []string{
	"a: 1\nb: [x, {c: 2}]\n",
	"a: &x {b: 1, c: [1, 2]}\nd: *x\ne: [*x, *x]\n*x : 3\n",
	"base: &b {p: 1}\nm:\n  <<: *b\n  q: 2\n",
	"s: &s [a, *s]\nm: &m {k: *m}\n",
	"components:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {properties: {x: {type: string}}}\n" +
		"    C: {$ref: '#/components/schemas/C'}\n    D: {$ref: '#/nowhere'}\n    E: {$ref: [1]}\n    F: {$ref: other.yaml#/X}\n" +
		"    G: {$ref: '#/components/schemas/A', extra: 1}\n",
	"? [1, 2]\n: seq key\n? {a: 1}\n: map key\n1: one\ntrue: yes\nnull: n\n'': empty\n~: tilde\n",
	"- a\n- {b: c}\n- [d]\n",
	"just a scalar\n",
	"a: !!str 1\nb: !custom {c: 1}\nc: |\n  block\n  text\nd: >\n  folded\n",
	"{\"a\": {\"$ref\": \"#/b\"}, \"b\": {\"c\": [1, {\"d\": 2}]}}",
	"a/b: 1\nc~d: 2\nx:\n  '0': zero\n  l: [a, b, c]\n",
}

// TestPosIndexLikeTree: the compact index answers every pointer of the cases as lookup on the yaml.v3 tree does.
func TestPosIndexLikeTree(t *testing.T) {
	for _, src := range posIndexCases {
		checkPosIndex(t, src, []byte(src))
	}
}

// TestPosIndexLikeTreeFiles: the same on the spec tests' documents, the golden cases' specs and our five specs.
func TestPosIndexLikeTreeFiles(t *testing.T) {
	root := filepath.Join("..", "..")
	var files []string
	for _, pattern := range []string{"internal/spec/testdata/*.yaml", "internal/spec/testdata/*.json", "golden/testdata/*/spec.yaml", "specs/*.yaml"} {
		m, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(pattern)))
		files = append(files, m...)
	}
	if len(files) < 60 {
		t.Fatalf("only %d files", len(files))
	}
	checkPosIndexFiles(t, files)
}

// TestPosIndexLikeTreeCorpus is TestPosIndexLikeTreeFiles on the corpus (../shared).
func TestPosIndexLikeTreeCorpus(t *testing.T) {
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
	checkPosIndexFiles(t, files)
}

func checkPosIndexFiles(t *testing.T, files []string) {
	t.Helper()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkPosIndex(t, f, data)
	}
}

// checkPosIndex compares, on every pointer of the document (each also with a token that is not there, with
// sequence indexes that are not, and through every local $ref), the index's answer with the tree's.
func checkPosIndex(t *testing.T, name string, data []byte) {
	t.Helper()
	var root yaml.Node
	if err := parseIndex(data, &root); err != nil {
		if err = parseIndex(yamlSafeJSON(data), &root); err != nil {
			return
		}
	}
	x := newPosIndex(&root)
	ptrs := [][]string{nil, {""}, {"nothing"}}
	var walk func(n *yaml.Node, path []string, depth int)
	walk = func(n *yaml.Node, path []string, depth int) {
		if depth > 12 {
			return
		}
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
			n = n.Content[0]
		}
		at := func(tok string) []string { return append(path[:len(path):len(path)], tok) }
		if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
			ptrs = append(ptrs, at("zz"), at("-1"), at("01"), at(strconv.Itoa(len(n.Content))))
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				ptrs = append(ptrs, at(k.Value))
				if k.Value == "$ref" && strings.HasPrefix(v.Value, "#/") {
					// Through the $ref: every key of what it points to.
					for _, tok := range []string{"properties", "type", "x", "c", "0", "p"} {
						ptrs = append(ptrs, at(tok), append(at(tok), "x"))
					}
				}
				walk(v, at(k.Value), depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				ptrs = append(ptrs, at(strconv.Itoa(i)))
				walk(c, at(strconv.Itoa(i)), depth+1)
			}
		}
	}
	walk(&root, nil, 0)
	bad := 0
	for _, p := range ptrs {
		wl, wc := lookup(&root, p, 0)
		gl, gc := x.lookup(p, 0)
		if (gl != wl || gc != wc) && bad < 5 {
			bad++
			t.Errorf("%s: %q: index %d:%d, tree %d:%d", name, pointer(p...), gl, gc, wl, wc)
		}
	}
}

// TestPositionAfterParse: once Parse has returned (on a file past compactIndexFrom), Position answers from the
// index and RawJSON from the tree parsed again, both as before; the document keeps no tree until RawJSON asks.
func TestPositionAfterParse(t *testing.T) {
	defer func(n int) { compactIndexFrom = n }(compactIndexFrom)
	compactIndexFrom = 0
	file := filepath.Join(t.TempDir(), "spec.yaml")
	src := "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n" +
		"    A:\n      type: object\n      example: {n: 12.50, big: 9007199254740993}\n    B: {$ref: '#/components/schemas/A'}\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(context.Background(), file, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.root != nil || d.idx == nil {
		t.Fatalf("after Load: tree kept %v, index %v", d.root != nil, d.idx != nil)
	}
	if l, c := d.Position("#/components/schemas/B/example"); l != 8 || c != 7 {
		t.Errorf("Position through the $ref = %d:%d, want 8:7", l, c)
	}
	if raw, ok := d.RawJSON("#/components/schemas/B/example"); !ok || string(raw) != `{"n":12.50,"big":9007199254740993}` {
		t.Errorf("RawJSON = %s, %v", raw, ok)
	}
}
