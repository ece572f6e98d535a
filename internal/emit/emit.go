// Package emit prints the model as Go source with jennifer. It decides no names: every identifier it prints comes
// from the model or is a fixed name of the runtime support (templates/support) or of a method-local variable.
package emit

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/opgen-sdk/opgen/internal/model"
)

// Files renders the package: file name -> gofmt-ed source.
func Files(pkg *model.Package) (map[string][]byte, error) { return Render(pkg, nil) }

// Render is Files, calling inspect (when not nil) with the syntax tree of each emitted file, on the goroutine that
// rendered it: formatting parses every file anyway, so a caller that needs what the emitted code refers to (the
// runtime trim) gets it without parsing the output again. A large file is formatted in pieces (gofmtChunked):
// inspect is then called once per piece, each a file of some of its top-level declarations. inspect may be called
// concurrently, never for the runtime files, and must not modify the tree.
func Render(pkg *model.Package, inspect func(name string, f *ast.File)) (map[string][]byte, error) {
	e := &emitter{pkg: pkg, drift: decodesJSON(pkg)}
	// Each file is declared with what fills it; the jennifer tree is built in the worker that renders it, so that
	// building the trees (a tenth of emit) runs concurrently too. The emitter only reads the model.
	files := map[string]func(f *jen.File){}
	newFile := func(name string, fill func(f *jen.File)) {
		files[name] = fill
	}
	newJenFile := func() *jen.File {
		var f *jen.File
		if pkg.ImportPath != "" {
			f = jen.NewFilePathName(pkg.ImportPath, pkg.Name)
		} else {
			f = jen.NewFile(pkg.Name)
		}
		f.HeaderComment(header(pkg.SpecPath))
		return f
	}

	newFile("doc_gen.go", e.packageDoc)

	var structs, enums, unions []*model.Type
	for _, t := range pkg.Types {
		switch t.Kind {
		case model.KindEnum:
			enums = append(enums, t)
		case model.KindUnion:
			unions = append(unions, t)
		default:
			structs = append(structs, t)
		}
	}
	if len(structs) > 0 {
		newFile("models_gen.go", func(f *jen.File) {
			for _, t := range structs {
				e.typeDecl(f, t)
			}
		})
	}
	if len(enums) > 0 {
		newFile("enums_gen.go", func(f *jen.File) {
			for _, t := range enums {
				e.enum(f, t)
			}
		})
	}
	if len(unions) > 0 {
		newFile("unions_gen.go", func(f *jen.File) {
			for _, t := range unions {
				e.union(f, t)
			}
		})
	}
	if pkg.Client != nil {
		newFile("client_gen.go", e.client)
		if len(pkg.Client.Operations) > 0 {
			newFile("operations_gen.go", e.operations)
		}
	}
	if pkg.Webhooks != nil && pkg.Webhooks.Payload != nil {
		newFile("webhooks_gen.go", e.webhooks)
	}

	// Rendering (jennifer prints, then gofmt-s, each file) is most of the emit time on a large spec: the files are
	// independent, so they are built and rendered concurrently, the usually largest first; the output does not depend on it.
	type result struct {
		name string
		src  []byte
		err  error
	}
	names := slices.SortedFunc(maps.Keys(files), func(a, b string) int {
		return cmp.Or(cmp.Compare(renderOrder(a), renderOrder(b)), strings.Compare(a, b))
	})
	jobs := make([]func() result, 0, len(files))
	for _, name := range names {
		jobs = append(jobs, func() result {
			f := newJenFile()
			files[name](f)
			f.NoFormat = true
			var raw rendered
			if err := f.Render(&raw); err != nil {
				return result{name, nil, err}
			}
			src, err := gofmtChunked(name, raw.b, inspect)
			return result{name, src, err}
		})
	}
	results := make([]result, len(jobs))
	next := make(chan int, len(jobs))
	for i := range jobs {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := range next {
				results[i] = jobs[i]()
			}
		})
	}
	wg.Wait()
	out := make(map[string][]byte, len(results)+len(pkg.RuntimeFiles))
	// The runtime files are gofmt-ed templates with a rewritten package clause (templates.TestFilesFormatted):
	// formatting them again was a third of a small spec's generation time, for the same bytes.
	maps.Copy(out, pkg.RuntimeFiles)
	for _, r := range results {
		if r.err != nil {
			return nil, fmt.Errorf("emit %s: %w", r.name, r.err)
		}
		out[r.name] = r.src
	}
	return out, nil
}

// rendered takes what jennifer renders without copying it: jennifer writes its output once, from a buffer it then
// drops, and a copy of stripe's largest file is 9 MB more to allocate and collect. A later write is appended to a
// copy, so that nothing is lost should jennifer write in parts.
type rendered struct {
	b      []byte
	copied bool
}

func (r *rendered) Write(p []byte) (int, error) {
	switch {
	case r.b == nil:
		r.b = p
	case !r.copied:
		r.b = append(bytes.Clone(r.b), p...)
		r.copied = true
	default:
		r.b = append(r.b, p...)
	}
	return len(p), nil
}

// printerConfig is go/format's: spaces for alignment, tabs for indentation, tab width 8, and go/printer's
// unexported normalizeNumbers mode (1<<30), which go/format sets too (0X1P-2 -> 0x1p-2). TestGofmtLikeFormatSource
// holds it to format.Source's output.
var printerConfig = printer.Config{Mode: printer.UseSpaces | printer.TabIndent | 1<<30, Tabwidth: 8}

// gofmt is format.Source on a whole file (parse with comments, sort the imports, print), keeping the syntax tree
// for inspect. format.Node would print a file with grouped imports twice (it takes them all for unsorted).
func gofmt(name string, src []byte, inspect func(name string, f *ast.File)) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		// The printed code does not parse: a bug of the emitter, shown with the source as jennifer showed it.
		return nil, fmt.Errorf("formatting the printed source: %w:\n%s", err, src)
	}
	ast.SortImports(fset, f)
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/8)
	if err := printerConfig.Fprint(&out, fset, f); err != nil {
		return nil, err
	}
	if inspect != nil {
		inspect(name, f)
	}
	return out.Bytes(), nil
}

// renderOrder ranks the files that are usually the largest first, so that one of them does not start last.
func renderOrder(name string) int {
	if i := slices.Index([]string{"enums_gen.go", "models_gen.go", "unions_gen.go", "operations_gen.go"}, name); i >= 0 {
		return i
	}
	return 100
}

// HeaderLine is the first line of every generated file, with its "//" and line break, for the files that are
// not printed by jennifer (the runtime support copied from templates).
func HeaderLine(spec string) string { return "// " + header(spec) + "\n" }

// header is the first line of every generated file. The spec path is printed as the user gave it (never made
// absolute) so the output is the same on every machine.
func header(spec string) string {
	spec = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, spec)
	return "Code generated by opgen from " + spec + ". DO NOT EDIT."
}

type emitter struct {
	pkg *model.Package
	// drift: the package decodes JSON responses, so apiDef describes its types to the drift check (driftTypes).
	drift bool
}

// commentText makes one line of (spec) text safe for jen.Comment. jennifer writes "// " before the text, so
// "go:generate"-like text never becomes a directive, except when the text itself starts with "//" or "/*": then
// jennifer prints it verbatim, which would turn "//go:generate ..." into a real directive and "/* ... */ code" into
// code. Such a line gets a leading space, so it is printed as "//  //go:generate ...".
//
// Characters Go source cannot hold (a byte order mark, NUL, invalid UTF-8) and line breaks of any kind become
// spaces, so the text stays on its comment line and the file still formats.
func commentText(l string) string {
	l = strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return r
		case r < 0x20, r == 0x7f, r == '\ufeff', r == '\u0085', r == '\u2028', r == '\u2029':
			return ' '
		}
		return r
	}, strings.ToValidUTF8(l, " "))
	if strings.HasPrefix(l, "//") || strings.HasPrefix(l, "/*") {
		l = " " + l
	}
	return l
}

// comment emits doc lines as one // comment each: spec text cannot close a comment or start code.
func comment(lines []string) jen.Code {
	var out []jen.Code
	for _, l := range lines {
		if l == "" {
			out = append(out, jen.Comment("").Line())
			continue
		}
		out = append(out, jen.Comment(commentText(l)).Line())
	}
	return jen.Add(out...)
}

// fileDoc writes doc lines directly above the next top-level declaration.
func fileDoc(f *jen.File, lines []string) {
	for _, l := range lines {
		f.Comment(commentText(l))
	}
}

func (e *emitter) packageDoc(f *jen.File) {
	pkg := e.pkg
	title := strings.Join(strings.Fields(pkg.Title), " ")
	if title == "" {
		title = "the API"
	}
	lines := []string{"Package " + pkg.Name + " is a Go client for " + title + ", generated by opgen from " + pkg.SpecPath + "."}
	if pkg.Version != "" {
		lines[0] = "Package " + pkg.Name + " is a Go client for " + title + " (API version " + strings.Join(strings.Fields(pkg.Version), " ") + "), generated by opgen from " + pkg.SpecPath + "."
	}
	if len(pkg.Doc) > 0 {
		lines = append(lines, "")
		lines = append(lines, pkg.Doc...)
	}
	lines = append(lines, "",
		"Optional scalars are Opt[T]: read x.Value (the zero value when absent), x.IsSet() tells absent from zero, and",
		"Some(v) sets one (even to zero). Optional objects are pointers (Ptr), nullable fields are Nullable[T] (unset,",
		"null or a value), amounts with format decimal are Decimal (exact digits, never float64), and dates are Date.")
	for _, l := range lines {
		if l == "" {
			f.PackageComment("")
			continue
		}
		f.PackageComment(commentText(l))
	}
}

// ---- types ----

func typeCode(t *model.TypeRef) *jen.Statement {
	switch t.Kind {
	case model.RefBuiltin:
		return jen.Id(t.Name)
	case model.RefNamed:
		if t.ImportPath == "" {
			return jen.Id(t.Name)
		}
		return jen.Qual(t.ImportPath, t.Name)
	case model.RefSlice:
		return jen.Index().Add(typeCode(t.Elem))
	case model.RefMap:
		return jen.Map(jen.String()).Add(typeCode(t.Elem))
	case model.RefPointer:
		return jen.Op("*").Add(typeCode(t.Elem))
	case model.RefNullable:
		return jen.Id("Nullable").Types(typeCode(t.Elem))
	case model.RefOptional:
		return jen.Id("Opt").Types(typeCode(t.Elem))
	}
	panic(fmt.Sprintf("emit: unknown type ref kind %d", t.Kind))
}

func jsonTag(f *model.Field) map[string]string {
	tag := f.JSONName
	switch f.Omit {
	case model.OmitEmpty:
		tag += ",omitempty"
	case model.OmitZero:
		tag += ",omitzero"
	}
	return map[string]string{"json": tag}
}

func (e *emitter) typeDecl(f *jen.File, t *model.Type) {
	fileDoc(f, t.Doc)
	switch t.Kind {
	case model.KindStruct:
		var fields []jen.Code
		for _, fl := range t.Fields {
			st := jen.Add(comment(fl.Doc)).Id(fl.Name).Add(typeCode(fl.Type))
			if fl.Embedded {
				st = jen.Add(comment(fl.Doc)).Add(typeCode(fl.Type))
			}
			if fl.JSONName != "" {
				st = st.Tag(jsonTag(fl))
			}
			fields = append(fields, st)
		}
		if t.Extra != nil {
			fields = append(fields, jen.Add(comment(t.Extra.Doc)).Id(t.Extra.Name).Add(typeCode(t.Extra.Type)).Tag(map[string]string{"json": "-"}))
		}
		if t.Rest != nil {
			// After a blank line, so that gofmt aligns the declared fields as without it.
			fields = append(fields, jen.Line().Comment(t.Rest.Field+" keeps what a decoded object carried beyond these fields (see "+restSee(t)+").").Line().Id(t.Rest.Field).Id("opgKeeper"))
		}
		f.Type().Id(t.Name).Struct(fields...)
		if t.Rest == nil && t.Extra == nil && hasWireForms(t) {
			f.Comment("UnmarshalJSON decodes " + t.Name + ", also accepting the alternative forms the spec allows:")
			wireFormsDoc(f, t)
			f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
				append(wireDecode(t), jen.Return(jen.Nil()))...)
		}
		if t.Rest != nil {
			e.restMethods(f, t)
		} else if t.Extra != nil {
			e.extraMethods(f, t)
		} else if fills := constFills(t); len(fills) > 0 {
			f.Comment("MarshalJSON sends " + t.Name + " with its constant fields filled in when left unset.")
			f.Func().Params(jen.Id("v").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
				append(append([]jen.Code{jen.Type().Id("plain").Id(t.Name)}, fills...),
					jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("plain").Call(jen.Id("v")))))...,
			)
		}
		if len(t.Tagged) > 0 && !codecStruct(t) {
			// A generated decoder decodes the tagged unions itself (decodeMethod).
			e.taggedDecode(f, t)
		}
		if t.IsError {
			e.errorMethod(f, t)
		} else if t.MaskedFormat {
			// An error body keeps its Error() text for %v; it holds no card data.
			e.maskedFormat(f, t)
		}
		if t.LogMasked {
			e.logValue(f, t)
		}
		e.validateMethod(f, t)
	case model.KindNamed:
		f.Type().Id(t.Name).Add(typeCode(t.Underlying))
		if t.LogMasked {
			e.logValue(f, t)
		}
	case model.KindAlias:
		f.Type().Id(t.Name).Op("=").Add(typeCode(t.Underlying))
	}
	f.Line()
}

// decodesJSON reports whether any operation reads a JSON response body (the runtime's drift check then exists).
func decodesJSON(pkg *model.Package) bool {
	if pkg.Client == nil {
		return false
	}
	for _, op := range pkg.Client.Operations {
		for _, r := range op.Responses {
			if r.Kind == model.BodyJSON {
				return true
			}
		}
	}
	return false
}

// taggedDecode decodes a struct whose union fields a sibling field selects (x-opgen-sibling-discriminator): the
// other fields first, the union fields kept raw, then each union by its sibling's value.
//
//	func (v *Event) UnmarshalJSON(data []byte) error {
//		type plain Event
//		var w struct { *plain; Data json.RawMessage `json:"data"` }
//		...
//		if err := v.Data.opgDecodeTagged(string(v.Type), w.Data); err != nil { return err }
//	}
func (e *emitter) taggedDecode(f *jen.File, t *model.Type) {
	wfields := []jen.Code{jen.Op("*").Id("plain")}
	var names []string
	for _, tg := range t.Tagged {
		names = append(names, tg.Field.Name)
		// The shallower field wins in encoding/json: the union's raw JSON lands here, not in the union.
		wfields = append(wfields, jen.Id(tg.Field.Name).Qual("encoding/json", "RawMessage").Tag(map[string]string{"json": tg.Field.JSONName}))
	}
	body := []jen.Code{
		jen.Type().Id("plain").Id(t.Name),
		jen.Var().Id("w").Struct(wfields...),
		jen.Id("w").Dot("plain").Op("=").Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")),
		jen.If(jen.Err().Op(":=").Id("opgUnmarshal").Call(jen.Id("data"), jen.Op("&").Id("w")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	body = append(body, taggedAssign(t, func(tg *model.SiblingTagged) *jen.Statement { return jen.Id("w").Dot(tg.Field.Name) })...)
	body = append(body, jen.Return(jen.Nil()))
	f.Comment("UnmarshalJSON decodes " + t.Name + ", then " + strings.Join(names, ", ") + " as the variant that its sibling's value names.")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
}

// taggedAssign decodes each union field a sibling's value selects from its raw JSON (rawOf), once the struct's
// other fields are set.
func taggedAssign(t *model.Type, rawOf func(tg *model.SiblingTagged) *jen.Statement) []jen.Code {
	var body []jen.Code
	for _, tg := range t.Tagged {
		tag := jen.Id("v").Dot(tg.Tag.Name)
		if tg.Tag.Type.Kind == model.RefOptional {
			tag = tag.Dot("Value")
		}
		raw := rawOf(tg)
		decode := func(target jen.Code) jen.Code {
			return jen.If(jen.Err().Op(":=").Add(target).Dot("opgDecodeTagged").Call(jen.String().Call(tag), raw.Clone()), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(tg.Field.JSONName+": %w"), jen.Err())))
		}
		present := jen.Len(raw.Clone()).Op(">").Lit(0).Op("&&").Op("!").Id("isJSONNull").Call(raw.Clone())
		if tg.Field.Type.Kind == model.RefPointer {
			body = append(body, jen.Id("v").Dot(tg.Field.Name).Op("=").Nil(),
				jen.If(present).Block(
					jen.Id("v").Dot(tg.Field.Name).Op("=").New(typeCode(tg.Field.Type.Elem)),
					decode(jen.Id("v").Dot(tg.Field.Name))))
		} else {
			body = append(body, jen.Id("v").Dot(tg.Field.Name).Op("=").Add(typeCode(tg.Field.Type)).Values(),
				jen.If(present).Block(decode(jen.Id("v").Dot(tg.Field.Name))))
		}
	}
	return body
}

// driftTypes tells the runtime's drift check (WithDriftHandler) what reflection cannot see: the JSON names of each
// struct's properties required on decode, and which types are unions and which field keeps an unlisted variant.
// One table in apiDef rather than a method per type: a method is compiled twice (value and pointer receiver) for
// each type, hundreds of them in a large API.
//
//	DriftTypes: opgDriftTypes{"Charge": {required: []string{"amount", "id"}}, "Source": {union: opgDriftUnion}},
func (e *emitter) driftTypes() jen.Code {
	if !e.drift {
		return nil
	}
	entries := jen.Dict{}
	for _, t := range e.pkg.Types {
		if info := driftInfo(t); info != nil {
			entries[jen.Lit(t.Name)] = jen.Values(info)
		}
	}
	if len(entries) == 0 {
		return nil
	}
	return jen.Id("opgDriftTypes").Values(entries)
}

// driftInfo is the opgDriftInfo of t, or nil when the drift check needs none.
func driftInfo(t *model.Type) jen.Dict {
	switch {
	case t.Kind == model.KindUnion && t.Union != nil:
		info := jen.Dict{jen.Id("union"): jen.Id("opgDriftUnion")}
		if t.Union.Unknown != "" {
			info[jen.Id("unknown")] = jen.Lit(t.Union.Unknown)
		}
		return info
	case t.Kind == model.KindStruct:
		var req []jen.Code
		wire := jen.Dict{}
		for _, fl := range t.JSONFields() {
			// A writeOnly property is never required on decode; a name that cannot be a struct tag travels in the
			// extra-properties map and has no field.
			if fl.Required && !fl.WriteOnly && fl.JSONName != "" {
				req = append(req, jen.Lit(fl.JSONName))
			}
			// A property in an accepted alternative form is judged in the canonical form the decoder stored.
			if forms, enum := wireArgs(fl); forms != nil && fl.JSONName != "" {
				wire[jen.Lit(fl.JSONName)] = jen.Func().Params(jen.Id("b").Index().Byte()).Index().Byte().Block(
					jen.Return(jen.Id("opgWireCanonical").Call(jen.Id("b"), forms, enum)))
			}
		}
		if len(req) == 0 && len(wire) == 0 {
			return nil
		}
		info := jen.Dict{}
		if len(req) > 0 {
			info[jen.Id("required")] = jen.Index().String().Values(req...)
		}
		if len(wire) > 0 {
			info[jen.Id("wire")] = jen.Map(jen.String()).Func().Params(jen.Index().Byte()).Index().Byte().Values(wire)
		}
		return info
	}
	return nil
}

// extraMethods keeps undeclared properties in the Extra map on both ways.
//
//	func (v T) MarshalJSON() ([]byte, error) { type plain T; ...; return mergeExtra(base, v.Extra) }
func (e *emitter) extraMethods(f *jen.File, t *model.Type) {
	var known []jen.Code
	for _, fl := range t.JSONFields() {
		known = append(known, jen.Lit(fl.JSONName))
	}
	f.Comment("MarshalJSON sends the declared fields and " + t.Extra.Name + " together.")
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Type().Id("plain").Id(t.Name),
		jen.Add(constFills(t)...),
		jen.List(jen.Id("base"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("plain").Call(jen.Id("v"))),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("mergeExtraJSON").Call(jen.Id("base"), jen.Id("v").Dot(t.Extra.Name))),
	)
	if hasWireForms(t) {
		f.Comment("UnmarshalJSON reads the declared fields and keeps the others in " + t.Extra.Name + ". It also accepts")
		f.Comment("the alternative forms the spec allows:")
		wireFormsDoc(f, t)
	} else {
		f.Comment("UnmarshalJSON reads the declared fields and keeps the others in " + t.Extra.Name + ".")
	}
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		append(wireDecode(t),
			jen.Return(jen.Id("splitExtraJSON").Call(jen.Id("data"), jen.Op("&").Id("v").Dot(t.Extra.Name), jen.Index().String().Values(known...))))...,
	)
}

// restMethods make a decoded struct keep what its object carried beyond the declared fields (model.Rest) and send
// it back when encoded: undeclared members (in the Extra map when there is one) and nulls its fields cannot hold.
//
//	func (v *T) UnmarshalJSON(data []byte) error { type plain T; return opgDecodeObject(data, (*plain)(v), &v.opgRest) }
//	func (v T) MarshalJSON() ([]byte, error) { type plain T; ...; return opgEncodeObject((*plain)(&v), v.opgRest) }
//	func (v T) UnknownFields() map[string]json.RawMessage { return opgUnknownFields(v.opgRest) }
func (e *emitter) restMethods(f *jen.File, t *model.Type) {
	rest := jen.Id("v").Dot(t.Rest.Field)
	decode := []jen.Code{jen.Type().Id("plain").Id(t.Name)}
	encode := append([]jen.Code{jen.Type().Id("plain").Id(t.Name)}, constFills(t)...)
	call := jen.Id("opgDecodeObject").Call(jen.Id("data"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")), jen.Op("&").Add(rest.Clone()))
	enc := jen.Id("opgEncodeObject").Call(jen.Parens(jen.Op("*").Id("plain")).Call(jen.Op("&").Id("v")), rest.Clone())
	if t.Extra != nil {
		// wireDecode declares plain and decodes into it, accepting the alternative forms of x-opgen-also-accept.
		decode = append(wireDecode(t),
			jen.If(jen.Err().Op(":=").Id("opgKeepExtras").Types(jen.Id("plain")).Call(jen.Id("data"), jen.Op("&").Add(rest.Clone())), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Return(jen.Id("opgTakeExtra").Call(jen.Op("&").Add(rest.Clone()), jen.Op("&").Id("v").Dot(t.Extra.Name))))
		encode = append(encode,
			jen.List(jen.Id("base"), jen.Err()).Op(":=").Add(enc),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("mergeExtraJSON").Call(jen.Id("base"), jen.Id("v").Dot(t.Extra.Name))))
		if hasWireForms(t) {
			f.Comment("UnmarshalJSON reads the declared fields and keeps the others in " + t.Extra.Name + ". It also accepts")
			f.Comment("the alternative forms the spec allows:")
			wireFormsDoc(f, t)
		} else {
			f.Comment("UnmarshalJSON reads the declared fields and keeps the others in " + t.Extra.Name + ".")
		}
	} else if codecStruct(t) {
		e.decodeMethod(f, t)
		decode = []jen.Code{
			jen.If(jen.Op("!").Qual("encoding/json", "Valid").Call(jen.Id("data"))).Block(jen.Return(jen.Id("opgSyntaxError").Call(jen.Id("data")))),
			jen.Return(jen.Id("v").Dot("opgDecodeJSON").Call(jen.Id("data"))),
		}
		encode = append(encode, jen.Return(enc))
		f.Comment("UnmarshalJSON decodes " + t.Name + " and keeps the members the spec does not declare (" + t.Rest.Accessor + "),")
		f.Comment("and the nulls its fields cannot hold, so that MarshalJSON sends the object received.")
		if hasWireForms(t) {
			f.Comment("It also accepts the alternative forms the spec allows:")
			wireFormsDoc(f, t)
		}
	} else {
		decode = append(decode, jen.Return(call))
		encode = append(encode, jen.Return(enc))
		f.Comment("UnmarshalJSON decodes " + t.Name + " and keeps the members the spec does not declare (" + t.Rest.Accessor + "),")
		f.Comment("and the nulls its fields cannot hold, so that MarshalJSON sends the object received.")
	}
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(decode...)
	if t.Extra != nil {
		f.Comment("MarshalJSON sends the declared fields and " + t.Extra.Name + " together, with the nulls it was decoded with.")
	} else {
		f.Comment("MarshalJSON encodes " + t.Name + "; a decoded one is sent as received, with its unknown members.")
		if len(constFills(t)) > 0 {
			f.Comment("A value built in Go is sent with its constant fields filled in when left unset.")
		}
	}
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(encode...)
	if t.Rest.Accessor != "" {
		f.Comment(t.Rest.Accessor + " returns the members of the JSON object " + t.Name + " was decoded from that the spec does not")
		f.Comment("declare, each value as received (compacted), or nil. MarshalJSON sends them back; WithDriftHandler")
		f.Comment("reports them.")
		f.Func().Params(jen.Id("v").Id(t.Name)).Id(t.Rest.Accessor).Params().Map(jen.String()).Qual("encoding/json", "RawMessage").Block(
			jen.Return(jen.Id("opgUnknownFields").Call(rest.Clone())))
	}
}

// codecStruct reports whether a struct gets a generated decoder (opgDecodeJSON), as build decided (model.Rest.Codec).
func codecStruct(t *model.Type) bool {
	return t != nil && t.Kind == model.KindStruct && t.Rest != nil && t.Rest.Codec && t.Extra == nil
}

// decodeMethod writes the struct's generated decoder: a switch on the member's name hands its value to the field's
// own decoder (docs/TYPES.md); the runtime walks the object, matches keys ignoring case as encoding/json does and
// keeps what no field holds. The switch is a method, not a closure passed to the runtime: go/printer sizes every
// multi-line argument of a call by printing it, so a closure argument cost three printings of the whole switch
// (the hostile names case: 160,000 fields).
//
//	func (v *T) opgDecodeJSON(data []byte) error {
//		return opgDecodeMembers(data, v, "id\x00amount", &v.opgRest, []string{"id"}, &v.ID)
//	}
//
//	func (v *T) opgDecodeMember(key, value []byte) (uint8, error) {
//		switch string(key) {
//		case "amount":
//			return opgDeclared, opgDecodeField(value, &v.Amount)
//		...
//
// The fields that decode themselves and keep their null (Opt, Nullable: most of them) are no cases but a table,
// their sorted names and their addresses (memberDecoder's self).
//
// A struct holding a union tagged by a sibling member decodes it after the walk: its switch is a closure over
// the union's raw value, passed as an opgMemberFunc.
func (e *emitter) decodeMethod(f *jen.File, t *model.Type) {
	var cases []jen.Code
	var names []string
	type ownField struct {
		name  string
		field *jen.Statement
	}
	var own []ownField
	seen := map[string]bool{}
	var add func(fields []*model.Field, at *jen.Statement, depth int)
	add = func(fields []*model.Field, at *jen.Statement, depth int) {
		for _, fl := range fields {
			if fl.Embedded && fl.Type.Decl != nil && depth < 8 {
				// x-opgen-embed: the embedded struct's members are this object's (encoding/json promotes them).
				defer add(fl.Type.Decl.Fields, at.Clone().Dot(fl.Name), depth+1)
				continue
			}
			if fl.JSONName == "" || fl.Embedded || seen[fl.JSONName] {
				continue
			}
			seen[fl.JSONName] = true
			names = append(names, fl.JSONName)
			if i := slices.IndexFunc(t.Tagged, func(tg *model.SiblingTagged) bool { return tg.Field == fl }); i >= 0 {
				// Decoded after the walk, once the sibling that picks its variant is set.
				cases = append(cases, jen.Case(jen.Lit(fl.JSONName)).Block(
					jen.Id("tagged"+strconv.Itoa(i)).Op("=").Id("value"),
					jen.Return(jen.Id("opgDeclared"), jen.Nil())))
				continue
			}
			kind, self, code, table := memberDecoder(fl, at.Clone().Dot(fl.Name))
			if table {
				own = append(own, ownField{fl.JSONName, at.Clone().Dot(fl.Name)})
				continue
			}
			if kind == "" {
				// The helper returns the kind itself.
				cases = append(cases, jen.Case(jen.Lit(fl.JSONName)).Block(jen.Return(code)))
				continue
			}
			k := jen.Id(kind)
			if self {
				k = k.Op("|").Id("opgOwnErrors")
			}
			cases = append(cases, jen.Case(jen.Lit(fl.JSONName)).Block(jen.Return(k, code)))
		}
	}
	add(t.Fields, jen.Id("v"), 0)
	slices.SortFunc(own, func(a, b ownField) int { return strings.Compare(a.name, b.name) })
	ownNames := make([]jen.Code, len(own))
	ownAddrs := make([]jen.Code, len(own))
	for i, o := range own {
		ownNames[i] = jen.Lit(o.name)
		ownAddrs[i] = jen.Op("&").Add(o.field)
	}
	var fn []jen.Code
	if len(cases) > 0 {
		fn = append(fn, jen.Switch(jen.String().Call(jen.Id("key"))).Block(cases...))
	} else {
		fn = append(fn, jen.Id("_").Op("=").Id("value"))
	}
	fn = append(fn, jen.Return(jen.Id("opgUndeclared"), jen.Nil()))
	params := func() *jen.Statement {
		return jen.Params(jen.List(jen.Id("key"), jen.Id("value")).Index().Byte()).Params(jen.Uint8(), jen.Error())
	}
	walk := func(dec jen.Code) *jen.Statement {
		args := []jen.Code{jen.Id("data"), dec, jen.Lit(strings.Join(names, "\x00")), jen.Op("&").Id("v").Dot(t.Rest.Field)}
		if len(own) > 0 {
			args = append(append(args, jen.Index().String().Values(ownNames...)), ownAddrs...)
		} else {
			args = append(args, jen.Nil())
		}
		return jen.Id("opgDecodeMembers").Call(args...)
	}
	f.Comment("opgDecodeJSON decodes " + t.Name + " from valid JSON member by member, without reflection.")
	if len(t.Tagged) == 0 {
		f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("opgDecodeJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Return(walk(jen.Id("v"))))
		f.Line()
		f.Comment("opgDecodeMember decodes the member key of " + t.Name + "'s JSON object into its field, and says how.")
		f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("opgDecodeMember").Add(params()).Block(fn...)
		return
	}
	var body []jen.Code
	for i := range t.Tagged {
		body = append(body, jen.Var().Id("tagged"+strconv.Itoa(i)).Index().Byte())
	}
	dec := jen.Id("opgMemberFunc").Types(jen.Id(t.Name)).Call(jen.Func().Add(params()).Block(fn...))
	body = append(body, jen.If(jen.Err().Op(":=").Add(walk(dec)), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())))
	body = append(body, taggedAssign(t, func(tg *model.SiblingTagged) *jen.Statement {
		return jen.Id("tagged" + strconv.Itoa(slices.Index(t.Tagged, tg)))
	})...)
	body = append(body, jen.Return(jen.Nil()))
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("opgDecodeJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
}

// memberDecoder is the decoder of a member into field f, how it treats a null (opgKeepsOwn when the field records
// a null itself, opgDeclared when the object must keep it), and whether encoding/json would decode the field
// through its own UnmarshalJSON (own): any error of it then ends the decoding at once, where encoding/json
// defers a type mismatch it finds itself to the end of the object. An empty kind means that the call returns the
// kind itself (a runtime helper that knows whose an error is). table says the field decodes the member with its
// own UnmarshalJSON and keeps a null itself (Opt, Nullable, json.RawMessage): such fields are a table of
// opgDecodeMembers (their names and addresses), not cases of the member switch, which keeps what is generated per
// field small.
func memberDecoder(f *model.Field, field *jen.Statement) (kind string, own bool, code jen.Code, table bool) {
	self := func(kind string) (string, bool, jen.Code, bool) {
		return kind, true, field.Clone().Dot("UnmarshalJSON").Call(jen.Id("value")), kind == "opgKeepsOwn"
	}
	t := f.Type
	if len(f.WireForms) > 0 {
		kind := "opgDeclared"
		if t.Kind == model.RefOptional || t.Kind == model.RefNullable {
			kind = "opgKeepsOwn"
		}
		forms, enum := wireArgs(f)
		return kind, false, jen.Id("opgWireDecode").Call(jen.Id("value"), jen.Lit(f.JSONName), forms, enum, jen.Op("&").Add(field)), false
	}
	if known, ok := stringEnum(t); ok {
		return "opgDeclared", false, jen.Id("opgDecodeEnum").Call(jen.Id("value"), jen.Op("&").Add(field), jen.Lit(known)), false
	}
	if known, ok := stringEnum(t.Elem); ok && t.Kind == model.RefOptional {
		return "opgKeepsOwn", true, jen.Id("opgDecodeOptEnum").Call(jen.Id("value"), jen.Op("&").Add(field), jen.Lit(known)), false
	}
	switch t.Kind {
	case model.RefOptional, model.RefNullable:
		return self("opgKeepsOwn")
	case model.RefBuiltin:
		switch t.Name {
		case "string", "bool", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
			"float32", "float64":
			return "opgDeclared", false, jen.Id("opgDecodeField").Call(jen.Id("value"), jen.Op("&").Add(field)), false
		}
	case model.RefPointer:
		if codecStruct(t.Elem.Decl) && t.Elem.Kind == model.RefNamed && t.Elem.ImportPath == "" {
			return "opgDeclared", true, jen.Id("opgDecodeStructPtr").Call(jen.Id("value"), jen.Op("&").Add(field)), false
		}
	case model.RefSlice:
		if codecStruct(t.Elem.Decl) && t.Elem.Kind == model.RefNamed && t.Elem.ImportPath == "" {
			return "", false, jen.Id("opgDecodeStructSlice").Call(jen.Id("value"), jen.Op("&").Add(field), jen.Id("opgDeclared")), false
		}
	case model.RefNamed:
		switch {
		case t.ImportPath == "encoding/json" && t.Name == "RawMessage":
			return self("opgKeepsOwn")
		case t.ImportPath == "time" && t.Name == "Time":
			return self("opgDeclared")
		case t.ImportPath != "":
		case t.Decl == nil:
			// Runtime types: Decimal and Date decode themselves.
			if t.Name == "Decimal" || t.Name == "Date" {
				return self("opgDeclared")
			}
		case codecStruct(t.Decl):
			return "opgKeepsOwn", true, field.Clone().Dot("opgDecodeJSON").Call(jen.Id("value")), false
		case t.Decl.Kind == model.KindStruct && t.Decl.Rest != nil:
			return self("opgKeepsOwn")
		case t.Decl.Kind == model.KindUnion:
			return self("opgDeclared")
		case t.Decl.Kind == model.KindEnum:
			return "opgDeclared", false, jen.Id("opgDecodeField").Call(jen.Id("value"), jen.Op("&").Add(field)), false
		}
	}
	// encoding/json decodes the field; the runtime tells whose an error is.
	return "", false, jen.Id("opgDecodeOther").Call(jen.Id("value"), jen.Op("&").Add(field), jen.Id("opgDeclared")), false
}

// stringEnum reports whether t is a string enum declared here, and its values separated by NUL: a decoder gives a
// listed value the constant's own text instead of allocating it.
func stringEnum(t *model.TypeRef) (string, bool) {
	if t == nil || t.Kind != model.RefNamed || t.ImportPath != "" || t.Decl == nil || t.Decl.Kind != model.KindEnum ||
		t.Decl.Enum == nil || t.Decl.Enum.Base != "string" || len(t.Decl.Enum.Values) == 0 {
		return "", false
	}
	vals := make([]string, len(t.Decl.Enum.Values))
	for i, v := range t.Decl.Enum.Values {
		vals[i] = v.Value
	}
	return strings.Join(vals, "\x00"), true
}

// restSee names where a struct's kept extras are read: its accessor, or its additionalProperties map.
func restSee(t *model.Type) string {
	if t.Rest.Accessor != "" {
		return t.Rest.Accessor
	}
	return t.Extra.Name
}

// hasWireForms reports whether some field of t accepts alternative JSON forms (x-opgen-also-accept).
func hasWireForms(t *model.Type) bool {
	for _, fl := range t.Fields {
		if len(fl.WireForms) > 0 && fl.JSONName != "" && !fl.Embedded {
			return true
		}
	}
	return false
}

// wireFormsDoc lists the fields with alternative forms and the forms, as a Go doc list: "  - trial_days as a
// string".
func wireFormsDoc(f *jen.File, t *model.Type) {
	f.Comment("")
	for _, fl := range t.Fields {
		if len(fl.WireForms) == 0 || fl.JSONName == "" || fl.Embedded {
			continue
		}
		var forms []string
		for _, w := range fl.WireForms {
			switch w {
			case "string":
				forms = append(forms, "as a string")
			case "number":
				forms = append(forms, "as a number")
			case "any-case":
				forms = append(forms, "in any letter case")
			}
		}
		f.Comment("  - " + fl.JSONName + " " + strings.Join(forms, " or "))
	}
	f.Comment("")
	f.Comment("Encoding sends the canonical form only.")
}

// wireArgs are the runtime's arguments for a field's alternative forms: the flags (opgWireString|opgWireAnyCase)
// and the enum's values for any-case (nil otherwise); nil flags when the field has none.
func wireArgs(fl *model.Field) (forms, enum jen.Code) {
	var flags []jen.Code
	for _, w := range fl.WireForms {
		switch w {
		case "string":
			flags = append(flags, jen.Id("opgWireString"))
		case "number":
			flags = append(flags, jen.Id("opgWireNumber"))
		case "any-case":
			flags = append(flags, jen.Id("opgWireAnyCase"))
		}
	}
	if len(flags) == 0 {
		return nil, nil
	}
	forms = flags[0]
	for _, fc := range flags[1:] {
		forms = jen.Add(forms).Op("|").Add(fc)
	}
	enum = jen.Nil()
	if slices.Contains(fl.WireForms, "any-case") && len(fl.WireEnum) > 0 {
		var vals []jen.Code
		for _, v := range fl.WireEnum {
			vals = append(vals, jen.Lit(v))
		}
		enum = jen.Index().String().Values(vals...)
	}
	return forms, enum
}

// wireDecode decodes data into v: the whole struct through a plain copy of its type, except the fields with
// alternative forms, which shadow the plain fields as raw JSON and are decoded one by one in their canonical form.
// Without such fields it is the plain decode.
//
//	type plain T
//	var aux struct {
//		*plain
//		TrialDays json.RawMessage `json:"trial_days"`
//	}
//	aux.plain = (*plain)(v)
//	if err := opgUnmarshal(data, &aux); err != nil { return err }
//	if err := opgWireDecode(aux.TrialDays, "trial_days", opgWireString, nil, &v.TrialDays); err != nil { return err }
func wireDecode(t *model.Type) []jen.Code {
	out := []jen.Code{jen.Type().Id("plain").Id(t.Name)}
	if !hasWireForms(t) {
		return append(out, jen.If(jen.Err().Op(":=").Id("opgUnmarshal").Call(jen.Id("data"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v"))), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())))
	}
	auxFields := []jen.Code{jen.Op("*").Id("plain")}
	var decodes []jen.Code
	for _, fl := range t.Fields {
		if len(fl.WireForms) == 0 || fl.JSONName == "" || fl.Embedded {
			continue
		}
		auxFields = append(auxFields, jen.Id(fl.Name).Qual("encoding/json", "RawMessage").Tag(map[string]string{"json": fl.JSONName}))
		forms, enum := wireArgs(fl)
		decodes = append(decodes, jen.If(jen.Err().Op(":=").Id("opgWireDecode").Call(jen.Id("aux").Dot(fl.Name), jen.Lit(fl.JSONName),
			forms, enum, jen.Op("&").Id("v").Dot(fl.Name)), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())))
	}
	out = append(out,
		jen.Var().Id("aux").Struct(auxFields...),
		jen.Id("aux").Dot("plain").Op("=").Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")),
		jen.If(jen.Err().Op(":=").Id("opgUnmarshal").Call(jen.Id("data"), jen.Op("&").Id("aux")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	)
	return append(out, decodes...)
}

// constFills fills the struct's required constant fields left at their zero value:
//
//	if v.Object == "" { v.Object = CardSourceObjectCard }
func constFills(t *model.Type) []jen.Code {
	var out []jen.Code
	for _, fl := range t.Fields {
		if fl.Const == nil {
			continue
		}
		zero := jen.Lit("")
		if fl.Type.Decl != nil && fl.Type.Decl.Enum != nil && fl.Type.Decl.Enum.Base == "int64" {
			zero = jen.Lit(0)
		}
		out = append(out, jen.If(jen.Id("v").Dot(fl.Name).Op("==").Add(zero)).Block(
			jen.Id("v").Dot(fl.Name).Op("=").Id(fl.Const.Name)))
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// maskedFormat prints the struct through fmt with its sensitive fields masked: a string as "[REDACTED]", any
// other value (a Nullable, a slice) as its zero value. Pointers are left alone: fmt prints a nested pointer as an
// address, never what it points to.
//
//	func (v T) Format(s fmt.State, verb rune) { type masked T; m := masked(v); ...; fmt.Fprintf(s, fmt.FormatString(s, verb), m) }
func (e *emitter) maskedFormat(f *jen.File, t *model.Type) {
	body := []jen.Code{jen.Type().Id("masked").Id(t.Name), jen.Id("m").Op(":=").Id("masked").Call(jen.Id("v"))}
	var names []string
	for _, fl := range t.Fields {
		if !fl.Sensitive {
			continue
		}
		names = append(names, fl.JSONName)
		field := jen.Id("m").Dot(fl.Name)
		switch {
		case fl.Type.Kind == model.RefPointer:
		case fl.Type.Kind == model.RefBuiltin && fl.Type.Name == "string":
			body = append(body, jen.If(field.Clone().Op("!=").Lit("")).Block(field.Clone().Op("=").Lit("[REDACTED]")))
		case fl.Type.Kind == model.RefOptional && fl.Type.Elem.Kind == model.RefBuiltin && fl.Type.Elem.Name == "string":
			body = append(body, jen.If(field.Clone().Dot("IsSet").Call()).Block(field.Clone().Op("=").Id("Some").Call(jen.Lit("[REDACTED]"))))
		default:
			body = append(body, field.Clone().Op("=").Op("*").New(typeCode(fl.Type)))
		}
	}
	body = append(body, jen.Qual("fmt", "Fprintf").Call(jen.Id("s"), jen.Qual("fmt", "FormatString").Call(jen.Id("s"), jen.Id("verb")), jen.Id("m")))
	f.Comment("Format prints " + t.Name + " for fmt's verbs with its sensitive fields (" + strings.Join(names, ", ") + ") masked,")
	f.Comment("so a log line of it never shows them. Encoding it to JSON, as the client does, is not affected.")
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("Format").Params(jen.Id("s").Qual("fmt", "State"), jen.Id("verb").Rune()).Block(body...)
}

// logValue makes a type holding sensitive data a slog.LogValuer: slog's JSON handler would encode it with
// encoding/json and show what Format masks. The value logs as its masked %+v text (nested types' Format and
// Nullable's apply; a nested pointer prints as an address), the same text fmt and the log package print.
func (e *emitter) logValue(f *jen.File, t *model.Type) {
	f.Comment("LogValue makes " + t.Name + " log through slog with its sensitive fields masked, as fmt prints it:")
	f.Comment("slog's JSON handler would otherwise encode them.")
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("LogValue").Params().Qual("log/slog", "Value").Block(
		jen.Return(jen.Qual("log/slog", "StringValue").Call(jen.Qual("fmt", "Sprintf").Call(jen.Lit("%+v"), jen.Id("v")))),
	)
}

// errorMethod makes an API error body an error, so errors.As reaches it through *APIError.
func (e *emitter) errorMethod(f *jen.File, t *model.Type) {
	body := []jen.Code{jen.Var().Id("code").Op(",").Id("msg").String()}
	if t.ErrorCodeField != nil {
		body = append(body, readField(jen.Id("code"), jen.Id("e").Dot(t.ErrorCodeField.Name), t.ErrorCodeField.Type))
	}
	if t.ErrorMethod != nil {
		body = append(body, readField(jen.Id("msg"), jen.Id("e").Dot(t.ErrorMethod.Name), t.ErrorMethod.Type))
	}
	body = append(body, jen.Return(jen.Id("errorBodyText").Call(jen.Lit(t.Name), jen.Id("code"), jen.Id("msg"))))
	f.Comment("Error makes " + t.Name + " an error: the API's error body, reachable with errors.As from the *APIError a call returns.")
	f.Func().Params(jen.Id("e").Op("*").Id(t.Name)).Id("Error").Params().String().Block(body...)
	if t.RequestIDField != nil {
		f.Comment("opgRequestID is the request id the body carries; APIError.RequestID takes it when no header has one.")
		f.Func().Params(jen.Id("e").Op("*").Id(t.Name)).Id("opgRequestID").Params().Parens(jen.Id("id").String()).Block(
			readField(jen.Id("id"), jen.Id("e").Dot(t.RequestIDField.Name), t.RequestIDField.Type),
			jen.Return(),
		)
	}
}

// readField assigns the text of a (possibly pointer or nullable) scalar field to dst.
func readField(dst, src *jen.Statement, t *model.TypeRef) jen.Code {
	switch t.Kind {
	case model.RefPointer:
		return jen.If(src.Clone().Op("!=").Nil()).Block(dst.Clone().Op("=").Id("formatParam").Call(jen.Op("*").Add(src)))
	case model.RefNullable, model.RefOptional:
		return jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(src).Dot("Get").Call(), jen.Id("ok")).Block(dst.Clone().Op("=").Id("formatParam").Call(jen.Id("v")))
	}
	return dst.Clone().Op("=").Id("formatParam").Call(src)
}

func (e *emitter) enum(f *jen.File, t *model.Type) {
	fileDoc(f, t.Doc)
	base := jen.String()
	if t.Enum.Base == "int64" {
		base = jen.Int64()
	}
	f.Type().Id(t.Name).Add(base)
	f.Line()
	var consts []jen.Code
	var vals []jen.Code
	for _, v := range t.Enum.Values {
		var lit jen.Code
		if t.Enum.Base == "int64" {
			lit = jen.Id(v.Value)
		} else {
			lit = jen.Lit(v.Value)
		}
		doc := v.Doc
		shown := quoteForDoc(v.Value)
		if t.Enum.Base == "int64" {
			shown = v.Value
		}
		if len(doc) == 0 {
			doc = []string{v.Name + " is the value " + shown + "."}
		} else {
			doc = append([]string{v.Name + " (" + shown + "): " + doc[0]}, doc[1:]...)
		}
		consts = append(consts, jen.Add(comment(doc)).Id(v.Name).Id(t.Name).Op("=").Add(lit))
		vals = append(vals, jen.Id(v.Name))
	}
	if len(consts) > 0 {
		f.Const().Defs(consts...)
	}
	f.Comment("Values returns every value of " + t.Name + " the spec lists, in its order.")
	f.Func().Params(jen.Id(t.Name)).Id("Values").Params().Index().Id(t.Name).Block(
		jen.Return(jen.Index().Id(t.Name).Values(vals...)),
	)
	f.Comment("Valid reports whether v is a value the spec lists. Values the server adds later still decode; Valid tells them apart.")
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("Valid").Params().Bool().Block(
		jen.Switch(jen.Id("v")).BlockFunc(func(g *jen.Group) {
			if len(vals) > 0 {
				g.Case(vals...).Block(jen.Return(jen.True()))
			}
		}),
		jen.Return(jen.False()),
	)
	for _, g := range t.Enum.Groups {
		var names []string
		var cases []jen.Code
		for _, v := range g.Values {
			names = append(names, v.Name)
			cases = append(cases, jen.Id(v.Name))
		}
		f.Comment(g.Method + " reports whether v is in the spec's group " + strconv.Quote(g.Key) + ": " + strings.Join(names, ", ") + ".")
		f.Func().Params(jen.Id("v").Id(t.Name)).Id(g.Method).Params().Bool().Block(
			jen.Switch(jen.Id("v")).Block(jen.Case(cases...).Block(jen.Return(jen.True()))),
			jen.Return(jen.False()),
		)
	}
	f.Line()
}

func quoteForDoc(s string) string {
	q := fmt.Sprintf("%q", s)
	return q
}

// union emits a oneOf/anyOf as a struct with one field per variant.
//
//	type PaymentSource struct { Card *Card; Bank *BankAccount }
//	func (u PaymentSource) MarshalJSON() ([]byte, error)
//	func (u *PaymentSource) UnmarshalJSON(data []byte) error
func (e *emitter) union(f *jen.File, t *model.Type) {
	u := t.Union
	doc := append([]string(nil), t.Doc...)
	if u.OneOf {
		doc = append(doc, "", "Exactly one field is set. It decodes by "+decodeRule(u)+".")
	} else {
		doc = append(doc, "", "It is an anyOf: one or more fields are set. It decodes into every branch the payload fits by "+
			decodeRule(u)+", each branch it decodes into is set. Several object branches set are sent as one object holding "+
			"all their properties; a property two of them set to different values is a *ValidationError.")
	}
	switch {
	case u.Sibling != "":
		doc[len(doc)-1] += " Inside the enclosing object, the value of its " + quoteForDoc(u.Sibling) + " property picks the variant; a value " +
			"the spec does not map is kept in " + u.Unknown + ", as received, and sent back unchanged. Decoded alone, it goes by the payload's shape."
	case u.Unknown != "":
		doc[len(doc)-1] += " A payload whose " + quoteForDoc(u.Discriminator) + " is a value the spec does not list is kept in " + u.Unknown +
			", as received, and sent back unchanged."
	}
	if u.JSONString {
		doc[len(doc)-1] += " The payload may also arrive as a JSON string holding the encoded value: it is decoded from the string's contents, and always sent as the value itself."
	}
	if u.Null != "" {
		doc[len(doc)-1] += " A JSON null sets " + u.Null + " (and nothing else) and is sent back as null."
	}
	fileDoc(f, doc)
	var fields []jen.Code
	for _, v := range u.Variants {
		fields = append(fields, jen.Id(v.Name).Add(typeCode(variantField(v))))
	}
	if u.Unknown != "" {
		what := "its " + quoteForDoc(u.Discriminator) + " value is not listed."
		if u.Sibling != "" {
			what = "the enclosing object's " + quoteForDoc(u.Sibling) + " value is not mapped."
		}
		fields = append(fields, jen.Comment(u.Unknown+" is a variant the API added after the spec: "+what),
			jen.Id(u.Unknown).Qual("encoding/json", "RawMessage"))
	}
	if u.Null != "" {
		fields = append(fields, jen.Comment(u.Null+" is the JSON null, which the spec allows here."), jen.Id(u.Null).Bool())
	}
	f.Type().Id(t.Name).Struct(fields...)
	f.Line()
	if !u.OneOf {
		e.anyOf(f, t)
		return
	}

	// MarshalJSON: the variant that is set, with its discriminator filled in; a oneOf with several set is refused.
	mcases := []jen.Code{}
	for _, v := range u.Variants {
		if u.Discriminator != "" && len(v.DiscriminatorValues) > 0 && v.JSONKind == "object" {
			mcases = append(mcases, jen.Case(jen.Id("u").Dot(v.Name).Op("!=").Nil()).Block(
				jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("u").Dot(v.Name)),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.Return(jen.Id("unionTag").Call(jen.Lit(t.Name), jen.Lit(v.Name), jen.Id("data"), jen.Lit(u.Discriminator),
					stringsLit(v.DiscriminatorValues), jen.Lit(v.TagStrict), takenTags(u, v))),
			))
			continue
		}
		mcases = append(mcases, jen.Case(jen.Id("u").Dot(v.Name).Op("!=").Nil()).Block(
			jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("u").Dot(v.Name))),
		))
	}
	var many []jen.Code
	if u.OneOf && len(u.Variants)+btoi(u.Unknown != "") > 1 {
		names := []jen.Code{}
		sets := []jen.Code{jen.Lit(t.Name), nil}
		for _, v := range u.Variants {
			names = append(names, jen.Lit(v.Name))
			sets = append(sets, jen.Id("u").Dot(v.Name).Op("!=").Nil())
		}
		if u.Unknown != "" {
			names = append(names, jen.Lit(u.Unknown))
			sets = append(sets, jen.Id("u").Dot(u.Unknown).Op("!=").Nil())
		}
		if u.Null != "" {
			names = append(names, jen.Lit(u.Null))
			sets = append(sets, jen.Id("u").Dot(u.Null))
		}
		sets[1] = jen.Index().String().Values(names...)
		many = append(many, jen.If(jen.Err().Op(":=").Id("unionMany").Call(sets...), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err())))
	}
	if u.Unknown != "" {
		mcases = append(mcases, jen.Case(jen.Id("u").Dot(u.Unknown).Op("!=").Nil()).Block(
			jen.Return(jen.Id("u").Dot(u.Unknown), jen.Nil()),
		))
	}
	if u.Null != "" {
		mcases = append(mcases, jen.Case(jen.Id("u").Dot(u.Null)).Block(
			jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil()),
		))
	}
	mdoc := "MarshalJSON sends the variant that is set"
	if u.Discriminator != "" {
		mdoc += ", with its " + quoteForDoc(u.Discriminator) + " filled in when left unset"
	}
	if len(many) > 0 {
		mdoc += "; more than one variant set is a *ValidationError"
	}
	f.Comment(mdoc + ".")
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		append(many,
			jen.Switch().Block(mcases...),
			jen.Return(jen.Nil(), jen.Id("unionEmptyError").Call(jen.Lit(t.Name))))...,
	)

	decodeInto := unionDecodeOne
	var body []jen.Code
	if u.JSONString {
		body = append(body, jen.Id("data").Op("=").Id("opgJSONInString").Call(jen.Id("data")))
	}
	body = append(body, jen.Op("*").Id("u").Op("=").Id(t.Name).Values())
	body = append(body, unionNullDecode(u)...)
	body = append(body, e.unionTagDecode(t, decodeInto)...)
	var shapes []jen.Code
	for _, v := range u.Variants {
		shapes = append(shapes, variantShape(v))
	}
	var pick []jen.Code
	for i, v := range u.Variants {
		pick = append(pick, jen.Case(jen.Lit(i)).Block(decodeInto(v)...))
	}
	body = append(body,
		jen.List(jen.Id("i"), jen.Err()).Op(":=").Id("unionPick").Call(jen.Lit(t.Name), jen.Id("data"), jen.Index().Id("unionShape").Values(shapes...)),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Switch(jen.Id("i")).Block(pick...),
		jen.Return(jen.Id("unionDecodeError").Call(jen.Lit(t.Name), jen.Nil())),
	)
	f.Comment("UnmarshalJSON decodes the variant the payload matches, and fails with a clear error when it matches none.")
	f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
	if u.Sibling != "" {
		e.siblingDecode(f, t)
	}
	if t.LogMasked {
		e.unionLogValue(f, t)
	}
	e.validateMethod(f, t)
	f.Line()
}

// siblingDecode emits the decoder the enclosing struct calls with its sibling property's value
// (x-opgen-sibling-discriminator): the mapped variant, or Unknown for a value the mapping does not list.
func (e *emitter) siblingDecode(f *jen.File, t *model.Type) {
	u := t.Union
	var body []jen.Code
	if u.JSONString {
		body = append(body, jen.Id("data").Op("=").Id("opgJSONInString").Call(jen.Id("data")))
	}
	body = append(body, jen.Op("*").Id("u").Op("=").Id(t.Name).Values())
	body = append(body, unionNullDecode(u)...)
	var cases []jen.Code
	for _, v := range u.Variants {
		if len(v.SiblingValues) == 0 {
			continue
		}
		var vals []jen.Code
		for _, s := range v.SiblingValues {
			vals = append(vals, jen.Lit(s))
		}
		cases = append(cases, jen.Case(vals...).Block(unionDecodeOne(v)...))
	}
	if len(cases) > 0 {
		body = append(body, jen.Switch(jen.Id("tag")).Block(cases...))
	}
	body = append(body,
		jen.Id("u").Dot(u.Unknown).Op("=").Append(jen.Qual("encoding/json", "RawMessage").Call(jen.Nil()), jen.Id("data").Op("...")),
		jen.Return(jen.Nil()))
	f.Comment("opgDecodeTagged decodes data as the variant that tag, the enclosing object's " + quoteForDoc(u.Sibling) + " value, names;")
	f.Comment("a value the spec does not map keeps data in " + u.Unknown + ".")
	f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("opgDecodeTagged").Params(jen.Id("tag").String(), jen.Id("data").Index().Byte()).Error().Block(body...)
}

// anyOf emits the codec of an anyOf: every set branch is sent, merged into one object; every branch the payload
// fits and decodes into is set.
func (e *emitter) anyOf(f *jen.File, t *model.Type) {
	u := t.Union
	var enc []jen.Code
	enc = append(enc, jen.Var().Id("parts").Index().Id("unionPart"))
	for _, v := range u.Variants {
		blk := []jen.Code{
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("u").Dot(v.Name)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		}
		if u.Discriminator != "" && len(v.DiscriminatorValues) > 0 && v.JSONKind == "object" {
			blk = append(blk,
				jen.List(jen.Id("data"), jen.Err()).Op("=").Id("unionTag").Call(jen.Lit(t.Name), jen.Lit(v.Name), jen.Id("data"), jen.Lit(u.Discriminator),
					stringsLit(v.DiscriminatorValues), jen.Lit(v.TagStrict), takenTags(u, v)),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())))
		}
		blk = append(blk, jen.Id("parts").Op("=").Append(jen.Id("parts"), jen.Id("unionPart").Values(jen.Lit(v.Name), jen.Id("data"))))
		enc = append(enc, jen.If(jen.Id("u").Dot(v.Name).Op("!=").Nil()).Block(blk...))
	}
	if u.Unknown != "" {
		enc = append(enc, jen.If(jen.Id("u").Dot(u.Unknown).Op("!=").Nil()).Block(
			jen.Id("parts").Op("=").Append(jen.Id("parts"), jen.Id("unionPart").Values(jen.Lit(u.Unknown), jen.Id("u").Dot(u.Unknown)))))
	}
	if u.Null != "" {
		enc = append(enc, jen.If(jen.Id("u").Dot(u.Null)).Block(
			jen.Id("parts").Op("=").Append(jen.Id("parts"), jen.Id("unionPart").Values(jen.Lit(u.Null), jen.Index().Byte().Call(jen.Lit("null"))))))
	}
	enc = append(enc, jen.Return(jen.Id("unionMerge").Call(jen.Lit(t.Name), jen.Id("parts"))))
	mdoc := "MarshalJSON sends every branch that is set as one JSON value"
	if u.Discriminator != "" {
		mdoc += ", each with its " + quoteForDoc(u.Discriminator) + " filled in when left unset"
	}
	f.Comment(mdoc + ": object branches merged into one object; branches that disagree on a property, or that are not all objects and differ, are a *ValidationError naming them.")
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(enc...)

	var body []jen.Code
	body = append(body, jen.Op("*").Id("u").Op("=").Id(t.Name).Values())
	body = append(body, unionNullDecode(u)...)
	body = append(body, e.unionTagDecode(t, unionDecodeOne)...)
	var shapes, cases []jen.Code
	for i, v := range u.Variants {
		shapes = append(shapes, variantShape(v))
		var decl jen.Code
		target := jen.Id("v")
		if ft := variantField(v); ft.Kind == model.RefPointer {
			decl = jen.Id("v").Op(":=").New(typeCode(v.Type))
		} else {
			decl = jen.Var().Id("v").Add(typeCode(ft))
			target = jen.Op("&").Id("v")
		}
		cases = append(cases, jen.Case(jen.Lit(i)).Block(
			decl,
			jen.If(jen.Err().Op("=").Id("opgUnmarshal").Call(jen.Id("data"), target), jen.Err().Op("==").Nil()).Block(
				jen.Id("u").Dot(v.Name).Op("=").Id("v")),
		))
	}
	body = append(body,
		jen.List(jen.Id("fit"), jen.Err()).Op(":=").Id("unionMatches").Call(jen.Lit(t.Name), jen.Id("data"), jen.Index().Id("unionShape").Values(shapes...)),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Var().Id("first").Error(),
		jen.Id("n").Op(":=").Lit(0),
		jen.For(jen.List(jen.Id("_"), jen.Id("i")).Op(":=").Range().Id("fit")).Block(
			jen.Var().Err().Error(),
			jen.Switch(jen.Id("i")).Block(cases...),
			jen.If(jen.Err().Op("==").Nil()).Block(jen.Id("n").Op("++")).Else().If(jen.Id("first").Op("==").Nil()).Block(jen.Id("first").Op("=").Err()),
		),
		jen.If(jen.Id("n").Op("==").Lit(0)).Block(jen.Return(jen.Id("unionNoBranch").Call(jen.Lit(t.Name), jen.Id("first")))),
		jen.Return(jen.Nil()),
	)
	f.Comment("UnmarshalJSON sets every branch the payload fits and decodes into, and fails with a clear error when it fits none.")
	f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
	if t.LogMasked {
		e.unionLogValue(f, t)
	}
	e.validateMethod(f, t)
	f.Line()
}

// unionDecodeOne decodes the payload into one variant, the one its discriminator selects.
func unionDecodeOne(v *model.Variant) []jen.Code {
	ft := variantField(v)
	if ft.Kind == model.RefPointer {
		return []jen.Code{
			jen.Id("u").Dot(v.Name).Op("=").New(typeCode(v.Type)),
			jen.Return(jen.Id("opgUnmarshal").Call(jen.Id("data"), jen.Id("u").Dot(v.Name))),
		}
	}
	return []jen.Code{jen.Return(jen.Id("opgUnmarshal").Call(jen.Id("data"), jen.Op("&").Id("u").Dot(v.Name)))}
}

// unionNullDecode is the start of UnmarshalJSON for a union that holds a JSON null.
func unionNullDecode(u *model.Union) []jen.Code {
	if u.Null == "" {
		return nil
	}
	return []jen.Code{jen.If(jen.Id("isJSONNull").Call(jen.Id("data"))).Block(
		jen.Id("u").Dot(u.Null).Op("=").True(),
		jen.Return(jen.Nil()),
	)}
}

// variantShape is a variant's unionShape literal.
func variantShape(v *model.Variant) jen.Code {
	d := jen.Dict{
		jen.Id("name"):     jen.Lit(v.Name),
		jen.Id("kind"):     jen.Lit(v.JSONKind),
		jen.Id("required"): stringsLit(v.Required),
		jen.Id("known"):    stringsLit(v.Known),
	}
	if len(v.Enum) > 0 {
		d[jen.Id("enum")] = stringsLit(v.Enum)
	}
	if len(v.Fixed) > 0 {
		var pairs []jen.Code
		for _, f := range v.Fixed {
			pairs = append(pairs, jen.Values(jen.Lit(f[0]), jen.Lit(f[1])))
		}
		d[jen.Id("fixed")] = jen.Index().Index(jen.Lit(2)).String().Values(pairs...)
	}
	return jen.Values(d)
}

// takenTags is unionTag's last argument for variant v: nil where the union keeps payloads with an unlisted
// discriminator value in Unknown (every unlisted value is refused on send), else the values the other variants
// list. A union without Unknown decodes an unlisted value by shape into a variant, and must send that value back
// as it came: refusing it would make a decoded response impossible to encode again.
func takenTags(u *model.Union, v *model.Variant) jen.Code {
	if u.Unknown != "" {
		return jen.Nil()
	}
	var taken []string
	for _, o := range u.Variants {
		if o == v {
			continue
		}
		for _, dv := range o.DiscriminatorValues {
			if !slices.Contains(v.DiscriminatorValues, dv) && !slices.Contains(taken, dv) {
				taken = append(taken, dv)
			}
		}
	}
	return jen.Index().String().ValuesFunc(func(g *jen.Group) {
		for _, dv := range taken {
			g.Lit(dv)
		}
	})
}

// unionTagDecode decodes by the discriminator, when the union has one: a listed value selects its variant.
func (e *emitter) unionTagDecode(t *model.Type, decodeInto func(v *model.Variant) []jen.Code) []jen.Code {
	u := t.Union
	var body []jen.Code
	if u.Discriminator != "" {
		var cases []jen.Code
		for _, v := range u.Variants {
			if len(v.DiscriminatorValues) == 0 {
				continue
			}
			var lits []jen.Code
			for _, dv := range v.DiscriminatorValues {
				if !slices.Contains(u.Shared, dv) {
					lits = append(lits, jen.Lit(dv))
				}
			}
			if len(lits) > 0 {
				cases = append(cases, jen.Case(lits...).Block(decodeInto(v)...))
			}
		}
		if len(u.Shared) > 0 {
			var lits []jen.Code
			for _, dv := range u.Shared {
				lits = append(lits, jen.Lit(dv))
			}
			cases = append(cases, jen.Case(lits...).Block(jen.Comment("Several variants declare this value: the shape decides, below.")))
		}
		body = append(body,
			jen.List(jen.Id("tag"), jen.Id("found"), jen.Err()).Op(":=").Id("unionDiscriminator").Call(jen.Id("data"), jen.Lit(u.Discriminator)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("unionDecodeError").Call(jen.Lit(t.Name), jen.Err()))),
			jen.If(jen.Id("found")).Block(unknownTag(u, cases)...),
		)
	}
	return body
}

// unionLogValue logs the variant that is set through its own masking (its LogValue, or its masked fmt form);
// a payload kept raw because its variant is unknown is never logged, as it may hold anything.
func (e *emitter) unionLogValue(f *jen.File, t *model.Type) {
	u := t.Union
	var body []jen.Code
	for _, v := range u.Variants {
		field := jen.Id("u").Dot(v.Name)
		val := jen.Qual("log/slog", "StringValue").Call(jen.Qual("fmt", "Sprintf").Call(jen.Lit("%+v"), field.Clone()))
		if variantField(v).Kind == model.RefPointer {
			val = jen.Qual("log/slog", "AnyValue").Call(jen.Op("*").Add(field.Clone()))
		}
		body = append(body, jen.If(field.Clone().Op("!=").Nil()).Block(jen.Return(val)))
	}
	if u.Unknown != "" {
		body = append(body, jen.If(jen.Id("u").Dot(u.Unknown).Op("!=").Nil()).Block(
			jen.Return(jen.Qual("log/slog", "StringValue").Call(jen.Lit("[unknown variant, not logged]")))))
	}
	if u.Null != "" {
		body = append(body, jen.If(jen.Id("u").Dot(u.Null)).Block(jen.Return(jen.Qual("log/slog", "StringValue").Call(jen.Lit("null")))))
	}
	body = append(body, jen.Return(jen.Qual("log/slog", "StringValue").Call(jen.Lit("{}"))))
	f.Comment("LogValue makes " + t.Name + " log through slog as the variant that is set, with its sensitive fields masked.")
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("LogValue").Params().Qual("log/slog", "Value").Block(body...)
}

// unknownTag is the body of "if found": the listed values, then, for a union that keeps unlisted ones, the
// payload itself.
func unknownTag(u *model.Union, cases []jen.Code) []jen.Code {
	if u.Unknown != "" {
		// In a default clause, so that a value several variants share falls through to the shape check.
		cases = append(cases, jen.Default().Block(
			jen.Id("u").Dot(u.Unknown).Op("=").Append(jen.Qual("encoding/json", "RawMessage").Call(jen.Nil()), jen.Id("data").Op("...")),
			jen.Return(jen.Nil())))
	}
	return []jen.Code{jen.Switch(jen.Id("tag")).Block(cases...)}
}

func decodeRule(u *model.Union) string {
	if u.Discriminator != "" {
		return "the " + quoteForDoc(u.Discriminator) + " property, else by the payload's shape"
	}
	return "the payload's shape (JSON type, then required and known properties)"
}

func variantField(v *model.Variant) *model.TypeRef {
	switch v.Type.Kind {
	case model.RefSlice, model.RefMap:
		return v.Type
	}
	if v.Type.ImportPath == "encoding/json" {
		return v.Type
	}
	return &model.TypeRef{Kind: model.RefPointer, Elem: v.Type}
}

func stringsLit(ss []string) jen.Code {
	if len(ss) == 0 {
		return jen.Nil()
	}
	var vals []jen.Code
	for _, s := range ss {
		vals = append(vals, jen.Lit(s))
	}
	return jen.Index().String().Values(vals...)
}

// sortedKeys is used for deterministic walks over small maps in the model.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
