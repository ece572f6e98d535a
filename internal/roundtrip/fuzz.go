package roundtrip

import (
	"bytes"
	"fmt"
	"go/format"
	"strconv"
	"strings"

	"github.com/opgen-sdk/opgen/internal/model"
	"github.com/opgen-sdk/opgen/internal/spec"
)

// FuzzPackage is what the fuzz target of one generated package needs: the package's JSON types (every named type
// that goes over the wire as JSON) and, as seeds, the spec's response examples and its component schemas'
// examples.
func FuzzPackage(pkg *model.Package, doc *spec.Doc, importPath, specName string) Package {
	p := Package{Name: pkg.Name, ImportPath: importPath, Spec: specName}
	p.Examples, _ = Collect(pkg, doc)
	for _, t := range pkg.Types {
		if t.Pointer != "" && doc != nil && doc.T != nil && strings.HasPrefix(t.Pointer, "#/components/schemas/") {
			if ex := schemaExample(doc, t.Pointer); ex != nil {
				p.Examples = append(p.Examples, *ex)
				p.Examples[len(p.Examples)-1].Type = &model.TypeRef{Kind: model.RefNamed, Name: t.Name, Decl: t}
			}
		}
		if jsonType(t) {
			p.Types = append(p.Types, &model.TypeRef{Kind: model.RefNamed, Name: t.Name, Decl: t})
		}
	}
	return p
}

// schemaExample is the example a component schema gives itself, if any.
func schemaExample(doc *spec.Doc, ptr string) *Example {
	name := strings.TrimPrefix(ptr, "#/components/schemas/")
	if strings.Contains(name, "/") {
		return nil
	}
	sr := doc.T.Components.Schemas[strings.ReplaceAll(strings.ReplaceAll(name, "~1", "/"), "~0", "~")]
	if sr == nil || sr.Value == nil || sr.Value.Example == nil {
		return nil
	}
	raw, ok := doc.RawJSON(ptr + "/example")
	if !ok {
		return nil
	}
	loc := ptr + "/example"
	if line, col := doc.Position(loc); line > 0 {
		loc = fmt.Sprintf("%s:%d:%d: %s", doc.DisplayPath(), line, col, loc)
	}
	return &Example{Name: "(schema)", Pointer: ptr + "/example", Location: loc, JSON: raw}
}

// jsonType: the type travels as JSON (not a parameters, result or headers struct opgen groups things in, and not
// a multipart body whose fields are readers).
func jsonType(t *model.Type) bool {
	if strings.HasSuffix(t.Pointer, "/parameters") || strings.HasSuffix(t.Pointer, "/responses") || t.Pointer == "" && t.Kind == model.KindStruct {
		return false
	}
	readers := func(r *model.TypeRef) bool {
		for ; r != nil; r = r.Elem {
			if r.ImportPath == "io" {
				return true
			}
		}
		return false
	}
	for _, f := range t.Fields {
		if readers(f.Type) {
			return false
		}
	}
	return true
}

// FuzzFile returns a test file of package testPkg with, for each of pkgs, a fuzz target Fuzz<Name> (its types,
// seeded with the examples and with values generated from every type) and a test that the generator makes
// inputs that decode, for every type.
func FuzzFile(testPkg string, pkgs []Package) ([]byte, error) {
	var body bytes.Buffer
	w := &typeWriter{imports: map[string]string{}}
	body.WriteString(`// rtType is one type of a generated package.
type rtType struct {
	name string
	newV func() any
}

// rtSeed is a spec example of a type.
type rtSeed struct {
	typ       int
	loc, json string
}

// rtFuzz is decode -> encode -> decode of inputs made for types: an input is a JSON document (a seed, or the
// fuzzer's mutation of one) edited by script (rtMutate), or, when doc is not JSON, a document generated from the
// type by script (rtGen).
func rtFuzz(t *testing.T, types []rtType, typ uint16, doc, script []byte) {
	ty := types[int(typ)%len(types)]
	var in []byte
	if json.Valid(doc) {
		in = rtMutate(doc, script)
	} else {
		s := &rtScript{b: script}
		in = rtMutate(rtGen(reflect.TypeOf(ty.newV()).Elem(), s), s.b)
	}
	if err := rtStable(in, ty.newV); err != nil && !errors.Is(err, errRTSkip) {
		t.Fatalf("%s: %v", ty.name, err)
	}
}

// rtSeedScripts drive the generator for the seeds every type gets: all members, none, and mixed choices.
var rtSeedScripts = [][]byte{nil, {1, 1, 1, 1, 1, 1, 1, 1}, {3, 3, 3, 3, 3, 3, 3, 3}, {2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5, 9}}

func rtAddSeeds(f *testing.F, types []rtType, seeds []rtSeed) {
	for _, s := range seeds {
		f.Add(uint16(s.typ), []byte(s.json), []byte(nil))
		f.Add(uint16(s.typ), []byte(s.json), []byte{0, 3, 1, 5, 2, 9})
	}
	for i := range types {
		for _, sc := range rtSeedScripts {
			f.Add(uint16(i), []byte(nil), sc)
		}
	}
}

// rtGeneratorWorks fails when, for some type, none of 64 scripts yields a document the type decodes: the fuzzer
// would spend its time on inputs the decoder refuses at once.
func rtGeneratorWorks(t *testing.T, types []rtType) {
	for _, ty := range types {
		ok := false
		for i := 0; i < 64 && !ok; i++ {
			s := &rtScript{b: []byte{byte(i), byte(i * 7), byte(i * 3), byte(i * 5), byte(i), byte(i * 11), byte(i * 13), byte(i)}}
			in := rtGen(reflect.TypeOf(ty.newV()).Elem(), s)
			ok = rtDecode(in, ty.newV()) == nil
		}
		if !ok {
			t.Errorf("%s: no generated document decodes", ty.name)
		}
	}
}

`)
	var used []Package
	for _, p := range pkgs {
		fn := exportedName(p.Name)
		idx := map[string]int{}
		var types []string
		addType := func(r *model.TypeRef) int {
			e := w.expr(p, r)
			if i, ok := idx[e]; ok {
				return i
			}
			idx[e] = len(types)
			types = append(types, e)
			return idx[e]
		}
		for _, r := range p.Types {
			addType(r)
		}
		type seed struct {
			typ       int
			loc, json string
		}
		var seeds []seed
		seen := map[string]bool{}
		for _, e := range p.Examples {
			// The pointer, not file:line: an edit elsewhere in the spec must not make the generated file stale.
			s := seed{addType(e.Type), e.Pointer, string(e.JSON)}
			k := strconv.Itoa(s.typ) + s.json
			if seen[k] {
				continue
			}
			seen[k] = true
			seeds = append(seeds, s)
		}
		if len(types) == 0 {
			continue
		}
		used = append(used, p)
		fmt.Fprintf(&body, "var rtTypes%s = []rtType{\n", fn)
		for _, ty := range types {
			fmt.Fprintf(&body, "\t{%q, func() any { return new(%s) }},\n", ty, ty)
		}
		fmt.Fprintf(&body, "}\n\nvar rtSeeds%s = []rtSeed{\n", fn)
		for _, s := range seeds {
			fmt.Fprintf(&body, "\t{%d, %s, %s},\n", s.typ, strconv.Quote(s.loc), strconv.Quote(s.json))
		}
		fmt.Fprintf(&body, `}

// Fuzz%[1]s checks that decode -> encode -> decode is stable for every JSON type of package %[2]s.
func Fuzz%[1]s(f *testing.F) {
	rtAddSeeds(f, rtTypes%[1]s, rtSeeds%[1]s)
	f.Fuzz(func(t *testing.T, typ uint16, doc, script []byte) { rtFuzz(t, rtTypes%[1]s, typ, doc, script) })
}

// TestGenerator%[1]s checks that every type of package %[2]s gets inputs it decodes.
func TestGenerator%[1]s(t *testing.T) { rtGeneratorWorks(t, rtTypes%[1]s) }

`, fn, p.Name)
	}
	var buf bytes.Buffer
	w.header(&buf, testPkg, used, "encoding/json", "errors", "reflect", "testing")
	buf.Write(body.Bytes())
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("roundtrip: printing the fuzz targets: %w", err)
	}
	return src, nil
}

func exportedName(pkg string) string {
	if pkg == "" {
		return ""
	}
	return strings.ToUpper(pkg[:1]) + pkg[1:]
}

// CodecPair is a generated package (Codecs, with its generated JSON codecs) and the same spec generated again
// with json_codecs: false (Plain), whose types decode through encoding/json's reflection.
type CodecPair struct {
	Codecs, Plain Package
}

// CodecFuzzFile returns a test file of package testPkg with, for each pair, a fuzz target FuzzCodec<Name> that
// decodes the same input into each JSON type of both packages and fails on any difference (rtCodecSame), and
// FuzzCodecs over the types of every pair. Seeds are the spec's examples and the generator's documents for
// every type; `go test` runs them. The file needs the checker (Checker) and CodecChecker beside it.
func CodecFuzzFile(testPkg string, pairs []CodecPair) ([]byte, error) {
	var body bytes.Buffer
	w := &typeWriter{imports: map[string]string{}}
	var used []Package
	var all []string
	for _, pr := range pairs {
		p, o := pr.Codecs, pr.Plain
		fn := exportedName(p.Name)
		idx := map[string]int{}
		type pair struct{ v, o string }
		var types []pair
		addType := func(r *model.TypeRef) int {
			e := w.expr(p, r)
			if i, ok := idx[e]; ok {
				return i
			}
			idx[e] = len(types)
			types = append(types, pair{e, w.expr(o, r)})
			return idx[e]
		}
		for _, r := range p.Types {
			addType(r)
		}
		var seeds []string
		seen := map[string]bool{}
		for _, e := range p.Examples {
			s := fmt.Sprintf("{%d, %s, %s}", addType(e.Type), strconv.Quote(e.Pointer), strconv.Quote(string(e.JSON)))
			if !seen[s] {
				seen[s] = true
				seeds = append(seeds, s)
			}
		}
		if len(types) == 0 {
			continue
		}
		used = append(used, p, o)
		all = append(all, fn)
		fmt.Fprintf(&body, "var rtCodecPairs%s = []rtCodecPair{\n", fn)
		for _, ty := range types {
			fmt.Fprintf(&body, "\t{%q, func() any { return new(%s) }, func() any { return new(%s) }},\n", ty.v, ty.v, ty.o)
		}
		fmt.Fprintf(&body, "}\n\nvar rtCodecSeeds%s = []rtSeed{\n", fn)
		for _, s := range seeds {
			fmt.Fprintf(&body, "\t%s,\n", s)
		}
		fmt.Fprintf(&body, `}

// FuzzCodec%[1]s holds the generated codecs of package %[2]s to encoding/json's, type by type.
func FuzzCodec%[1]s(f *testing.F) {
	rtAddSeeds(f, make([]rtType, len(rtCodecPairs%[1]s)), rtCodecSeeds%[1]s)
	f.Fuzz(func(t *testing.T, typ uint16, doc, script []byte) { rtCodecFuzz(t, rtCodecPairs%[1]s, typ, doc, script) })
}

`, fn, p.Name)
	}
	if len(all) > 0 {
		body.WriteString("// FuzzCodecs holds the generated codecs of every package to encoding/json's: one target for a bounded run.\n")
		body.WriteString("func FuzzCodecs(f *testing.F) {\n\tvar pairs []rtCodecPair\n\tvar seeds []rtSeed\n")
		for _, fn := range all {
			fmt.Fprintf(&body, "\tfor _, s := range rtCodecSeeds%[1]s {\n\t\ts.typ += len(pairs)\n\t\tseeds = append(seeds, s)\n\t}\n\tpairs = append(pairs, rtCodecPairs%[1]s...)\n", fn)
		}
		body.WriteString("\trtAddSeeds(f, make([]rtType, len(pairs)), seeds)\n")
		body.WriteString("\tf.Fuzz(func(t *testing.T, typ uint16, doc, script []byte) { rtCodecFuzz(t, pairs, typ, doc, script) })\n}\n")
	}
	var buf bytes.Buffer
	w.header(&buf, testPkg, used, "testing")
	buf.Write(body.Bytes())
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("roundtrip: printing the codec fuzz targets: %w", err)
	}
	return src, nil
}
