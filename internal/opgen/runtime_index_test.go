package opgen

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/templates"
)

var updateRuntimeIndex = flag.Bool("update-runtime-index", false, "rewrite runtime_index_gen.go")

const runtimeIndexFile = "runtime_index_gen.go"

// TestRuntimeIndex: runtime_index_gen.go is what parsing the runtime files gives (regenerate it with
// `go generate ./internal/opgen` after changing templates/support), the generator uses it, and a trim from the
// index gives the bytes of a trim that parses and formats, for many choices of what is kept.
func TestRuntimeIndex(t *testing.T) {
	files, err := runtimeFiles("spec.yaml", "api")
	if err != nil {
		t.Fatal(err)
	}
	want := buildRuntimeIndex(t, files)
	src := writeRuntimeIndex(t, want)
	if *updateRuntimeIndex {
		if err := os.WriteFile(runtimeIndexFile, src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile(runtimeIndexFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, src) {
		t.Fatalf("%s is stale (templates/support or the runtime analysis changed): run go generate ./internal/opgen", runtimeIndexFile)
	}
	rt, err := analyzeRuntime(files)
	if err != nil {
		t.Fatal(err)
	}
	if !rt.indexed {
		t.Fatal("analyzeRuntime parsed the runtime files although the index describes them")
	}
	ids, err := templates.Identifiers()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rt.identifiers, ids) {
		t.Errorf("index identifiers = %v\ntemplates.Identifiers = %v", rt.identifiers, ids)
	}
}

// TestRuntimeIndexStale: a runtime file the index does not describe is parsed, and trimmed as before.
func TestRuntimeIndexStale(t *testing.T) {
	files, err := runtimeFiles("spec.yaml", "api")
	if err != nil {
		t.Fatal(err)
	}
	name := slices.Sorted(maps.Keys(files))[0]
	files[name] = append(bytes.Clone(files[name]), "\n// Extra is not in the index.\nfunc Extra() {}\n"...)
	rt, err := analyzeRuntime(files)
	if err != nil {
		t.Fatal(err)
	}
	if rt.indexed {
		t.Fatal("analyzeRuntime took a changed runtime file from the index")
	}
	found := false
	for _, d := range rt.files[name].decls {
		found = found || slices.Contains(d.names, "Extra")
	}
	if !found || !slices.Contains(rt.identifiers, "Extra") {
		t.Error("the parsed analysis misses the added declaration")
	}
}

func TestDropLinesTidy(t *testing.T) {
	src := "package p\n\nimport \"fmt\"\n\n// A.\nfunc A() {}\n\n// B.\nvar B = `x\n\n\ny`\n\nfunc C() { fmt.Println() }\n"
	for _, c := range []struct {
		drop [][2]int
		want string
	}{
		{[][2]int{{5, 6}}, "package p\n\nimport \"fmt\"\n\n// B.\nvar B = `x\n\n\ny`\n\nfunc C() { fmt.Println() }\n"},
		{[][2]int{{3, 3}, {14, 14}}, "package p\n\n// A.\nfunc A() {}\n\n// B.\nvar B = `x\n\n\ny`\n"},
		{[][2]int{{8, 12}}, "package p\n\nimport \"fmt\"\n\n// A.\nfunc A() {}\n\nfunc C() { fmt.Println() }\n"},
	} {
		if got := string(dropLinesTidy([]byte(src), c.drop)); got != c.want {
			t.Errorf("dropLinesTidy(%v) =\n%s\nwant\n%s", c.drop, got, c.want)
		}
	}
}

// buildRuntimeIndex parses the runtime files and decides, file by file, whether dropping lines keeps them
// gofmt-ed: for each declaration dropped alone, each runtime type's clauses dropped alone, all of them dropped,
// and random choices, the index's trim (dropLinesTidy, imports from the index) must give what parsing the trimmed
// file and formatting it gives; a file where one differs is marked reformat.
func buildRuntimeIndex(t *testing.T, files map[string][]byte) *rtAnalysis {
	var names []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasPrefix(name, runtimePrefix) {
			names = append(names, name)
		}
	}
	rt, err := parseRuntime(files, names)
	if err != nil {
		t.Fatal(err)
	}
	rt.indexed = true
	for _, rf := range rt.files {
		for i := range rf.decls {
			d := &rf.decls[i]
			d.refs, d.sels, d.sigRefs, d.pkgs = set(d.refs), set(d.sels), set(d.sigRefs), set(d.pkgs)
			for j := range d.weak {
				d.weak[j].pkgs = set(d.weak[j].pkgs)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, name := range names {
		rf := rt.files[name]
		type choice struct {
			dropDecl map[int]bool
			dropType map[string]bool
		}
		var choices []choice
		var types []string
		all := choice{map[int]bool{}, map[string]bool{}}
		for i, d := range rf.decls {
			if !d.grouped {
				choices = append(choices, choice{map[int]bool{i: true}, nil})
				all.dropDecl[i] = true
			}
			for _, w := range d.weak {
				if !slices.Contains(types, w.typeName) {
					types = append(types, w.typeName)
				}
			}
		}
		for _, ty := range types {
			choices = append(choices, choice{nil, map[string]bool{ty: true}})
		}
		choices = append(choices, all)
		for range 40 {
			c := choice{map[int]bool{}, map[string]bool{}}
			for i, d := range rf.decls {
				if !d.grouped && rng.IntN(3) == 0 {
					c.dropDecl[i] = true
				}
			}
			for _, ty := range types {
				if rng.IntN(2) == 0 {
					c.dropType[ty] = true
				}
			}
			choices = append(choices, c)
		}
		for _, c := range choices {
			var decls []*rtDecl
			for i, d := range rf.decls {
				d.file, d.kept = name, !c.dropDecl[i]
				decls = append(decls, &d)
			}
			runtimeType, keptName := map[string]bool{}, map[string]bool{}
			for ty := range c.dropType {
				runtimeType[ty] = true
			}
			fast, fChanged, fEmpty, fErr := trimFile(name, files[name], decls, rf, runtimeType, keptName)
			slow, sChanged, sEmpty, sErr := trimFile(name, files[name], decls, nil, runtimeType, keptName)
			if sErr != nil {
				t.Fatalf("%s: trimming %v: %v", name, c, sErr)
			}
			if fErr != nil || fChanged != sChanged || fEmpty != sEmpty || !bytes.Equal(fast, slow) {
				rf.reformat = true
				break
			}
		}
	}
	return rt
}

func set(s []string) []string {
	s = slices.Compact(slices.Sorted(slices.Values(s)))
	if len(s) == 0 {
		return nil
	}
	return s
}

// writeRuntimeIndex prints the analysis as the Go source of runtime_index_gen.go.
func writeRuntimeIndex(t *testing.T, rt *rtAnalysis) []byte {
	var b bytes.Buffer
	strs := func(s []string) string {
		if len(s) == 0 {
			return "nil"
		}
		q := make([]string, len(s))
		for i, v := range s {
			q[i] = fmt.Sprintf("%q", v)
		}
		return "[]string{" + strings.Join(q, ", ") + "}"
	}
	b.WriteString("// Code generated by go generate (TestRuntimeIndex, internal/opgen/runtime_index_test.go). DO NOT EDIT.\n\n")
	b.WriteString("package opgen\n\n")
	b.WriteString("// runtimeIndex describes the runtime files (templates/support) as runtimeFiles writes them: see runtime_index.go.\n")
	fmt.Fprintf(&b, "var runtimeIndex = rtAnalysis{\nindexed: true,\nidentifiers: %s,\nfiles: map[string]*rtFile{\n", strs(rt.identifiers))
	for _, name := range slices.Sorted(maps.Keys(rt.files)) {
		rf := rt.files[name]
		fmt.Fprintf(&b, "%q: {\nsum: %#08x,\n", name, rf.sum)
		if rf.reformat {
			b.WriteString("reformat: true,\n")
		}
		b.WriteString("imports: []rtImportDecl{\n")
		for _, g := range rf.imports {
			fmt.Fprintf(&b, "{first: %d, last: %d, specs: []rtImportSpec{", g.first, g.last)
			for _, s := range g.specs {
				fmt.Fprintf(&b, "{local: %q, first: %d, last: %d}, ", s.local, s.first, s.last)
			}
			b.WriteString("}},\n")
		}
		b.WriteString("},\ndecls: []rtDecl{\n")
		for _, d := range rf.decls {
			fmt.Fprintf(&b, "{first: %d, last: %d", d.first, d.last)
			field := func(name string, v []string) {
				if len(v) > 0 {
					fmt.Fprintf(&b, ", %s: %s", name, strs(v))
				}
			}
			field("names", d.names)
			if d.recv != "" {
				fmt.Fprintf(&b, ", recv: %q, method: %q", d.recv, d.method)
			}
			field("refs", d.refs)
			field("sels", d.sels)
			field("sigRefs", d.sigRefs)
			field("pkgs", d.pkgs)
			for _, f := range []struct {
				name string
				v    bool
			}{{"blank", d.blank}, {"exported", d.exported}, {"initializer", d.initializer}, {"typeDecl", d.typeDecl}, {"grouped", d.grouped}} {
				if f.v {
					fmt.Fprintf(&b, ", %s: true", f.name)
				}
			}
			if len(d.weak) > 0 {
				b.WriteString(", weak: []weakCase{")
				for _, w := range d.weak {
					fmt.Fprintf(&b, "{typeName: %q, first: %d, last: %d, pkgs: %s}, ", w.typeName, w.first, w.last, strs(w.pkgs))
				}
				b.WriteString("}")
			}
			b.WriteString("},\n")
		}
		b.WriteString("},\n},\n")
	}
	b.WriteString("},\n}\n")
	out, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatalf("formatting the index: %v\n%s", err, b.Bytes())
	}
	return out
}
