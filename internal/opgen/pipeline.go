package opgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/build"
	"github.com/opgen-sdk/opgen/internal/emit"
	"github.com/opgen-sdk/opgen/internal/model"
	"github.com/opgen-sdk/opgen/internal/spec"
	"github.com/opgen-sdk/opgen/templates"
)

// fixedNames are the package-level names the emitter prints that do not come from the runtime support.
var fixedNames = []string{"apiDef", "NewClient", "ParseEvent"}

func generate(ctx context.Context, t Target) (*Result, error) {
	if !token.IsIdentifier(t.Package) || token.IsKeyword(t.Package) {
		return nil, fmt.Errorf("%s: package name %q is not a valid Go identifier: use lower-case letters and digits", t.Spec, t.Package)
	}
	file := t.SpecFile
	if file == "" {
		file = t.Spec
	}
	opts := spec.LoadOptions{Lenient: t.Options.Lenient, Strict: t.Options.Strict, DisplayPath: t.Spec}
	for _, o := range t.Options.Overlays {
		opts.Overlays = append(opts.Overlays, o.File)
		opts.OverlayDisplay = append(opts.OverlayDisplay, o.Name)
	}
	doc, err := spec.Parse(ctx, file, opts)
	if err != nil {
		return nil, specError{err}
	}
	// Validation (a fifth of a large spec's generation) only reads the document, as build and emit do: it runs
	// alongside them. Its verdict comes first, as when it ran before them: an invalid spec is reported as such,
	// whatever build made of it, and a panic of build on a document that turns out invalid is that report too.
	checked := make(chan error, 1)
	go func() { checked <- doc.Check(ctx) }()
	out := produceGuarded(t, doc)
	if cerr := <-checked; cerr != nil {
		return nil, specError{cerr}
	}
	if out.panicked {
		panic(out.panicVal)
	}
	if out.err != nil {
		return nil, out.err
	}
	pkg, files := out.pkg, out.files
	rep := report(t, doc, pkg)
	if t.Options.Strict {
		var bad []string
		for _, e := range rep.Entries {
			// Excluded (by the user's config) and not_applicable (webhooks, callbacks, headers the client sets)
			// are decisions, not losses; strict mode refuses only what opgen could not generate exactly.
			if e.Status == "downgraded" || e.Status == "skipped" {
				bad = append(bad, fmt.Sprintf("%s: %s %s %s: %s", e.Location, e.Kind, e.Name, e.Status, e.Reason))
			}
		}
		if len(bad) > 0 {
			return nil, specError{fmt.Errorf("%s\nstrict mode: %d construct(s) not generated exactly (listed above)", strings.Join(bad, "\n"), len(bad))}
		}
	}
	return &Result{Files: files, Report: rep, Model: pkg, Doc: doc}, nil
}

// produced is what produce returned, or the panic it raised.
type produced struct {
	pkg      *model.Package
	files    map[string][]byte
	err      error
	panicked bool
	panicVal any
}

// produceGuarded is produce with a panic caught, to be raised only once validation has passed.
func produceGuarded(t Target, doc *spec.Doc) (out produced) {
	defer func() {
		if p := recover(); p != nil {
			out = produced{panicked: true, panicVal: p}
		}
	}()
	out.pkg, out.files, out.err = produce(t, doc)
	return out
}

// produce builds the model of the document, prints it and trims the runtime to what the printed code uses.
func produce(t Target, doc *spec.Doc) (*model.Package, map[string][]byte, error) {
	runtime, err := runtimeFiles(t.Spec, t.Package)
	if err != nil {
		return nil, nil, err
	}
	rt, err := analyzeRuntime(runtime)
	if err != nil {
		return nil, nil, err
	}
	reserved := append(slices.Clone(rt.identifiers), fixedNames...)

	pkg, err := build.Build(build.Input{
		Doc:                doc.T,
		SpecPath:           t.Spec,
		Package:            t.Package,
		ImportPath:         t.ImportPath,
		ClientName:         t.Options.ClientName,
		Initialisms:        t.Options.Initialisms,
		UnicodeIdentifiers: t.Options.UnicodeIdentifiers,
		NoJSONCodecs:       t.Options.NoJSONCodecs,
		TypeMapping:        t.Options.TypeMapping,
		Pagination:         t.Options.Pagination,
		Reserved:           reserved,
		Keep:               keepFunc(t.Options),
	})
	if le := (*build.LocatedError)(nil); errors.As(err, &le) {
		if line, col := doc.Position(le.Pointer); line > 0 {
			return nil, nil, specError{fmt.Errorf("%s:%d:%d: %w", t.Spec, line, col, err)}
		}
	}
	if err != nil {
		return nil, nil, specError{fmt.Errorf("%s: %w", t.Spec, err)}
	}
	pkg.RuntimeFiles = runtime
	// What the emitted code refers to decides the runtime it keeps; it is read off the syntax trees that
	// formatting the emitted files made anyway (parsing 14 MB of output again was a tenth of stripe's generation).
	var mu sync.Mutex
	emitted := map[string]fileRefs{}
	files, err := emit.Render(pkg, func(name string, f *ast.File) {
		u := emittedRefs(f)
		mu.Lock()
		// A large file comes in pieces: what it refers to is what they do.
		prev := emitted[name]
		emitted[name] = fileRefs{append(prev.refs, u.refs...), append(prev.sels, u.sels...)}
		mu.Unlock()
	})
	if err != nil {
		return nil, nil, fmt.Errorf("%s: generating package %s: %w", t.Spec, t.Package, err)
	}
	if err := trimRuntime(files, emitted, rt); err != nil {
		return nil, nil, fmt.Errorf("%s: generating package %s: %w", t.Spec, t.Package, err)
	}
	return pkg, files, nil
}

var packageClause = regexp.MustCompile(`(?m)^package support\s*$`)

// runtimeFiles copies the support sources into the package: header added, package clause rewritten.
func runtimeFiles(specPath, pkgName string) (map[string][]byte, error) {
	src, err := templates.Files()
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(src))
	for name, b := range src {
		loc := packageClause.FindIndex(b)
		if loc == nil {
			return nil, fmt.Errorf("templates: %s has no package clause", name)
		}
		var buf bytes.Buffer
		buf.WriteString(emit.HeaderLine(specPath) + "\n")
		// The support file's own comments before the package clause are dropped: they document the template,
		// and a package comment in every file would clash with doc_gen.go.
		buf.WriteString("package " + pkgName + "\n")
		buf.Write(b[loc[1]:])
		// The templates are gofmt-ed and nothing lines up with the package clause, so the result is gofmt-ed
		// too (templates.TestFilesFormatted): it is written as is.
		out["runtime_"+strings.TrimSuffix(name, ".go")+"_gen.go"] = buf.Bytes()
	}
	return out, nil
}

func keepFunc(o Options) func(op *openapi3.Operation) bool {
	if len(o.Include.Tags)+len(o.Include.OperationIDs)+len(o.Exclude.Tags)+len(o.Exclude.OperationIDs) == 0 {
		return nil
	}
	match := func(f Filter, op *openapi3.Operation) bool {
		for _, id := range f.OperationIDs {
			if id == op.OperationID {
				return true
			}
		}
		for _, tag := range f.Tags {
			for _, ot := range op.Tags {
				if tag == ot {
					return true
				}
			}
		}
		return false
	}
	return func(op *openapi3.Operation) bool {
		if len(o.Include.Tags)+len(o.Include.OperationIDs) > 0 && !match(o.Include, op) {
			return false
		}
		return !match(o.Exclude, op)
	}
}

func report(t Target, doc *spec.Doc, pkg *model.Package) Report {
	r := Report{Spec: t.Spec, Package: t.Package, Warnings: doc.Warnings, Types: len(pkg.Types)}
	if pkg.Client != nil {
		r.Operations = len(pkg.Client.Operations)
	}
	locate := func(ptr string) string {
		if line, col := doc.Position(ptr); line > 0 {
			return fmt.Sprintf("%s:%d:%d: %s", t.Spec, line, col, ptr)
		}
		return ptr
	}
	noted := map[string]bool{}
	for _, n := range pkg.Notes {
		noted[n.Pointer] = true
		r.Entries = append(r.Entries, ReportEntry{Kind: n.Kind, Name: n.Name, Location: locate(n.Pointer), Status: n.Status, GoName: n.GoName, Reason: n.Reason})
	}
	// Inline schemas that became types of their own (an enum property, an object in an array) are schemas too:
	// each gets its entry, so the report accounts for every type it counts. Parameter and result structs are
	// opgen's own groupings, covered by their operation's entry.
	for _, ty := range pkg.Types {
		if ty.Pointer == "" || noted[ty.Pointer] || strings.HasSuffix(ty.Pointer, "/parameters") || strings.HasSuffix(ty.Pointer, "/responses") {
			continue
		}
		noted[ty.Pointer] = true
		e := ReportEntry{Kind: "schema", Name: ty.Name, Location: locate(ty.Pointer), Status: "exact", GoName: ty.Name}
		if d, ok := build.DowngradedUnder(pkg.Notes, ty.Pointer); ok {
			// Something inside it was changed: never "exact".
			e.Status, e.Reason = "downgraded", "see "+d.Pointer+": "+d.Reason
		}
		r.Entries = append(r.Entries, e)
	}
	return r
}
