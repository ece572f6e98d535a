package opgen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// The runtime support (templates/support) covers every feature a spec can use: multipart bodies, webhooks,
// decimals, dates, nullable values, pagination, every parameter style. A package gets only the part its own
// generated code reaches: trimRuntime keeps a runtime declaration when the generated models, client, operations
// or webhooks refer to it, directly or through other kept runtime code, and drops the rest. What the spec uses is
// decided once, by the emitted code itself, so no list of features can drift from what the emitter calls.
//
// The public surface follows the same rule, so a package never offers API for a feature it lacks:
//   - an exported type (Decimal, Date, Nullable) is kept only when something kept refers to it;
//   - an exported function, variable or constant (WithHTTPClient, MustParseDecimal, ErrOutcomeUnknown, Ptr) is
//     kept when every runtime type its declaration names is kept: MustParseDecimal goes with Decimal, WithEnvironment
//     with Environment, and Ptr, which names none, is always there;
//   - a kept type keeps its exported methods (they may satisfy interfaces: String, MarshalJSON, Error), and an
//     unexported method only when kept code calls a method of that name.
//
// The trimmed files are still gofmt'd, and every remaining unexported declaration is used, so vet and staticcheck
// have nothing to report. References are found by name, never by type: a name matched by mistake keeps a
// declaration that could have gone (never the reverse), and the golden cases compile every trimmed package.

// runtimePrefix marks the files copied from templates/support in a generated package.
const runtimePrefix = "runtime_"

// rtDecl is one removable top-level declaration of a runtime file: a function, a method, a type, a variable, or a
// parenthesized constant group (kept or dropped whole, since dropping one member would renumber its iota).
type rtDecl struct {
	file        string
	first, last int      // 1-based line range, doc comment included
	names       []string // package-level names declared (none for a method)
	recv        string   // a method's receiver type
	method      string   // a method's name
	refs        []string // package-level names the declaration mentions
	sels        []string // names after a dot, and interface method names: candidate method calls
	sigRefs     []string // names in an exported function's or value's signature or type
	blank       bool     // `var _ T = v`: kept when all its references are, never a reason to keep anything
	exported    bool
	kept        bool
	initializer bool // func init: always kept
	typeDecl    bool
	// weak are type-switch clauses on one runtime type (`case Decimal:` in formatParam): they do not keep the
	// type, and are dropped with it, since no value of a type the package lacks can reach them. A clause listing
	// several types keeps them all.
	weak []weakCase
	// pkgs are the identifiers used before a dot (outside weak clauses): the imports the declaration may use.
	pkgs []string
	// grouped: one spec of a parenthesized var or type group, whose neighbours' alignment may change without it.
	grouped bool
}

type weakCase struct {
	typeName    string
	first, last int
	pkgs        []string // as rtDecl.pkgs, for the clause
}

// fileRefs is what one emitted file refers to: the bare identifiers and the names after a dot (see references).
type fileRefs struct{ refs, sels []string }

// emittedRefs lists what a file's declarations refer to.
func emittedRefs(f *ast.File) fileRefs {
	var u fileRefs
	for _, d := range f.Decls {
		refs, sels := references(d)
		u.refs = append(u.refs, refs...)
		u.sels = append(u.sels, sels...)
	}
	return u
}

// trimRuntime removes from the runtime files (name -> source, named runtimePrefix*) every declaration that the
// other files (the emitted code) do not reach, drops the imports that become unused and files left empty, and
// formats what remains. files is modified in place. emitted holds what each emitted file refers to, as emit
// handed over the files' syntax trees (emit.Render); an emitted file not in it is parsed here.
func trimRuntime(files map[string][]byte, emitted map[string]fileRefs, rt *rtAnalysis) error {
	if rt == nil {
		var err error
		if rt, err = analyzeRuntime(files); err != nil {
			return err
		}
	}
	// Each emitted file emit did not hand over is parsed and scanned on its own goroutine, and the results are
	// merged in file order, so the outcome does not depend on the scheduling. Emitted files are parsed without
	// their comments, which hold no references.
	var names []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasSuffix(name, ".go") && !strings.HasPrefix(name, runtimePrefix) {
			names = append(names, name)
		}
	}
	results := make([]fileRefs, len(names))
	errs := make([]error, len(names))
	parallel(len(names), func(i int) {
		u, ok := emitted[names[i]]
		if !ok {
			f, err := parser.ParseFile(token.NewFileSet(), names[i], files[names[i]], parser.SkipObjectResolution)
			if err != nil {
				errs[i] = fmt.Errorf("trimming the runtime: %s does not parse: %w", names[i], err)
				return
			}
			u = emittedRefs(f)
		}
		results[i] = u
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	roots := map[string]bool{}
	rootSels := map[string]bool{}
	for _, r := range results {
		for _, ref := range r.refs {
			roots[ref] = true
		}
		for _, sel := range r.sels {
			rootSels[sel] = true
		}
	}
	// The declarations are this generation's copies: the fixed point below marks them kept.
	var decls []*rtDecl
	for _, name := range slices.Sorted(maps.Keys(rt.files)) {
		if _, ok := files[name]; !ok {
			continue
		}
		for _, d := range rt.files[name].decls {
			d.file = name
			decls = append(decls, &d)
		}
	}
	if len(decls) == 0 {
		return nil
	}

	// Fixed point: keeping a declaration adds its references, which may keep more.
	byName := map[string][]*rtDecl{}
	for _, d := range decls {
		for _, n := range d.names {
			byName[n] = append(byName[n], d)
		}
	}
	keptName := map[string]bool{}
	refd := map[string]bool{}
	sels := map[string]bool{}
	for r := range roots {
		refd[r] = true
	}
	for s := range rootSels {
		sels[s] = true
	}
	keep := func(d *rtDecl) {
		d.kept = true
		for _, n := range d.names {
			keptName[n] = true
		}
		for _, r := range d.refs {
			refd[r] = true
		}
		for _, s := range d.sels {
			sels[s] = true
		}
	}
	runtimeType := map[string]bool{}
	for _, d := range decls {
		if d.recv == "" && !d.blank && len(d.names) == 1 && d.isType() {
			runtimeType[d.names[0]] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, d := range decls {
			if d.kept || d.blank {
				continue
			}
			want := false
			switch {
			case d.initializer:
				want = true
			case d.recv != "":
				want = keptName[d.recv] && (ast.IsExported(d.method) || sels[d.method])
			default:
				for _, n := range d.names {
					if refd[n] {
						want = true
					}
				}
				if !want && d.exported && !d.isType() {
					want = true
					for _, r := range d.sigRefs {
						if runtimeType[r] && !keptName[r] {
							want = false
						}
					}
				}
			}
			if want {
				keep(d)
				changed = true
			}
		}
	}
	for _, d := range decls {
		if !d.blank {
			continue
		}
		d.kept = true
		for _, r := range d.refs {
			if len(byName[r]) > 0 && !keptName[r] {
				d.kept = false
			}
		}
	}

	// Each trimmed file is checked and formatted on its own goroutine; files is updated afterwards, in name order.
	type trimmed struct {
		src     []byte
		changed bool
		empty   bool
		err     error
	}
	var trimNames []string
	for _, name := range slices.Sorted(maps.Keys(rt.files)) {
		if _, ok := files[name]; ok {
			trimNames = append(trimNames, name)
		}
	}
	trims := make([]trimmed, len(trimNames))
	parallel(len(trimNames), func(i int) {
		name := trimNames[i]
		var rf *rtFile
		if rt.indexed {
			rf = rt.files[name]
		}
		trims[i].src, trims[i].changed, trims[i].empty, trims[i].err = trimFile(name, files[name], decls, rf, runtimeType, keptName)
	})
	for i, name := range trimNames {
		t := trims[i]
		switch {
		case t.err != nil:
			return t.err
		case t.empty:
			delete(files, name)
		case t.changed:
			files[name] = t.src
		}
	}
	return nil
}

// trimFile drops from one runtime file the declarations (and type-switch clauses) not kept, then the imports
// that became unused, and formats the rest. changed is false when nothing is dropped; empty when nothing is left.
// With the file's analysis from the index (rf), the imports left unused are known without parsing the file again,
// and dropping whole declarations, clauses and imports leaves it gofmt-ed once the blank lines the drops join are
// merged (TestRuntimeIndex checks both on every file, and marks reformat a file where it does not hold).
func trimFile(name string, src []byte, decls []*rtDecl, rf *rtFile, runtimeType, keptName map[string]bool) (out []byte, changed, empty bool, err error) {
	var drop [][2]int
	kept, groupedDrop := 0, false
	used := map[string]bool{}
	for _, d := range decls {
		if d.file != name {
			continue
		}
		if !d.kept {
			drop = append(drop, [2]int{d.first, d.last})
			groupedDrop = groupedDrop || d.grouped
			continue
		}
		kept++
		for _, p := range d.pkgs {
			used[p] = true
		}
		for _, w := range d.weak {
			if runtimeType[w.typeName] && !keptName[w.typeName] {
				drop = append(drop, [2]int{w.first, w.last})
				continue
			}
			for _, p := range w.pkgs {
				used[p] = true
			}
		}
	}
	if len(drop) == 0 {
		return nil, false, false, nil
	}
	if rf != nil && !rf.reformat && !groupedDrop {
		if kept == 0 {
			return nil, true, true, nil
		}
		for _, g := range rf.imports {
			var unused [][2]int
			for _, is := range g.specs {
				if !used[is.local] && is.local != "_" && is.local != "." {
					unused = append(unused, [2]int{is.first, is.last})
				}
			}
			if len(unused) == len(g.specs) {
				drop = append(drop, [2]int{g.first, g.last})
			} else {
				drop = append(drop, unused...)
			}
		}
		return dropLinesTidy(src, drop), true, false, nil
	}
	src, empty, err = dropUnusedImports(name, dropLines(src, drop))
	if err != nil || empty {
		return nil, err == nil, empty, err
	}
	out, err = format.Source(src)
	if err != nil {
		return nil, false, false, fmt.Errorf("trimming the runtime: %s: %w", name, err)
	}
	return out, true, false, nil
}

// dropLinesTidy is dropLines leaving the file as gofmt would: where a drop joins two blank lines, one goes, and
// the file ends with its last non-blank line. Only lines next to a drop are touched (a blank line in a raw string
// elsewhere stays).
func dropLinesTidy(src []byte, ranges [][2]int) []byte {
	lines := bytes.SplitAfter(src, []byte("\n"))
	gone := make([]bool, len(lines)+2)
	for _, r := range ranges {
		for i := r[0]; i <= r[1] && i <= len(lines); i++ {
			gone[i] = true
		}
	}
	out := make([]byte, 0, len(src))
	prevBlank, afterDrop := false, false
	for i, l := range lines {
		if gone[i+1] {
			afterDrop = true
			continue
		}
		blank := len(l) == 1 && l[0] == '\n'
		if afterDrop && blank && prevBlank {
			continue
		}
		if len(l) > 0 {
			afterDrop = false
		}
		out = append(out, l...)
		prevBlank = blank
	}
	for bytes.HasSuffix(out, []byte("\n\n")) {
		out = out[:len(out)-1]
	}
	return out
}

// parallel runs do(0) ... do(n-1) on up to GOMAXPROCS goroutines and waits for them.
func parallel(n int, do func(i int)) {
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range next {
				do(i)
			}
		})
	}
	wg.Wait()
}

func (d *rtDecl) isType() bool { return d.typeDecl }

// runtimeDecls lists the removable declarations of one runtime file (imports excluded).
func runtimeDecls(fset *token.FileSet, file string, f *ast.File) []*rtDecl {
	line := func(p token.Pos) int { return fset.Position(p).Line }
	span := func(doc *ast.CommentGroup, n ast.Node, trailing *ast.CommentGroup) (int, int) {
		first, last := line(n.Pos()), line(n.End())
		if doc != nil {
			first = line(doc.Pos())
		}
		if trailing != nil {
			last = max(last, line(trailing.End()))
		}
		return first, last
	}
	var out []*rtDecl
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			d := &rtDecl{file: file}
			d.first, d.last = span(decl.Doc, decl, nil)
			skip := map[*ast.Ident]bool{}
			weakClause := map[*ast.CaseClause]bool{}
			ast.Inspect(decl, func(n ast.Node) bool {
				ts, ok := n.(*ast.TypeSwitchStmt)
				if !ok {
					return true
				}
				for _, c := range ts.Body.List {
					cc := c.(*ast.CaseClause)
					if len(cc.List) != 1 {
						continue
					}
					e := cc.List[0]
					if st, ok := e.(*ast.StarExpr); ok {
						e = st.X
					}
					if id, ok := e.(*ast.Ident); ok {
						skip[id] = true
						d.weak = append(d.weak, weakCase{typeName: id.Name, first: line(cc.Pos()), last: line(cc.End()), pkgs: qualifiers(cc, nil)})
						weakClause[cc] = true
					}
				}
				return true
			})
			d.pkgs = qualifiers(decl, weakClause)
			d.refs, d.sels = referencesSkipping(decl, skip)
			if decl.Recv != nil && len(decl.Recv.List) == 1 {
				d.recv = receiverName(decl.Recv.List[0].Type)
				d.method = decl.Name.Name
			} else {
				d.names = []string{decl.Name.Name}
				d.exported = ast.IsExported(decl.Name.Name)
				d.initializer = decl.Name.Name == "init"
				d.sigRefs, _ = references(decl.Type)
				if decl.Type.TypeParams != nil {
					tp, _ := references(decl.Type.TypeParams)
					d.sigRefs = append(d.sigRefs, tp...)
				}
				d.sigRefs = nonNil(d.sigRefs)
			}
			out = append(out, d)
		case *ast.GenDecl:
			if decl.Tok == token.IMPORT {
				continue
			}
			if decl.Tok == token.CONST && decl.Lparen.IsValid() {
				d := &rtDecl{file: file}
				d.first, d.last = span(decl.Doc, decl, nil)
				d.refs, d.sels = references(decl)
				d.pkgs = qualifiers(decl, nil)
				for _, s := range decl.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						d.names = append(d.names, n.Name)
						d.exported = d.exported || ast.IsExported(n.Name)
					}
				}
				d.sigRefs = nonNil(d.refs)
				out = append(out, d)
				continue
			}
			for _, s := range decl.Specs {
				d := &rtDecl{file: file}
				var doc, trailing *ast.CommentGroup
				var node ast.Node = s
				switch s := s.(type) {
				case *ast.TypeSpec:
					doc, trailing = s.Doc, s.Comment
					d.names = []string{s.Name.Name}
					d.typeDecl = true
				case *ast.ValueSpec:
					doc, trailing = s.Doc, s.Comment
					for _, n := range s.Names {
						if n.Name == "_" {
							d.blank = true
							continue
						}
						d.names = append(d.names, n.Name)
						d.exported = d.exported || ast.IsExported(n.Name)
					}
				}
				if !decl.Lparen.IsValid() {
					doc, node = decl.Doc, decl
				}
				d.first, d.last = span(doc, node, trailing)
				d.grouped = decl.Lparen.IsValid()
				d.refs, d.sels = references(s)
				d.pkgs = qualifiers(s, nil)
				if !d.typeDecl {
					d.sigRefs = nonNil(d.refs)
				}
				out = append(out, d)
			}
		}
	}
	return out
}

// qualifiers returns the identifiers a node uses before a dot (x in x.Sel), leaving out the clauses in skip:
// what dropUnusedImports counts as using an import.
func qualifiers(n ast.Node, skip map[*ast.CaseClause]bool) []string {
	var out []string
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CaseClause:
			return !skip[n]
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok {
				out = append(out, id.Name)
			}
		}
		return true
	})
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func receiverName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return receiverName(e.X)
	case *ast.IndexExpr:
		return receiverName(e.X)
	case *ast.IndexListExpr:
		return receiverName(e.X)
	case *ast.Ident:
		return e.Name
	}
	return ""
}

// references returns the bare identifiers a node mentions (candidates for package-level names; the names a
// declaration introduces, such as fields, parameters and struct-literal keys, are left out) and the names used
// after a dot or declared as interface methods (candidates for method calls).
func references(n ast.Node) (refs, sels []string) { return referencesSkipping(n, nil) }

func referencesSkipping(n ast.Node, skip map[*ast.Ident]bool) (refs, sels []string) {
	if skip == nil {
		skip = map[*ast.Ident]bool{}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			sels = append(sels, n.Sel.Name)
			skip[n.Sel] = true
		case *ast.Field:
			for _, id := range n.Names {
				skip[id] = true
			}
		case *ast.InterfaceType:
			if n.Methods != nil {
				for _, m := range n.Methods.List {
					for _, id := range m.Names {
						sels = append(sels, id.Name)
					}
				}
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				skip[id] = true
			}
		case *ast.FuncDecl:
			skip[n.Name] = true
		case *ast.TypeSpec:
			skip[n.Name] = true
		case *ast.ValueSpec:
			for _, id := range n.Names {
				skip[id] = true
			}
		case *ast.Ident:
			if !skip[n] {
				refs = append(refs, n.Name)
			}
		}
		return true
	})
	return refs, sels
}

// dropLines removes the given 1-based inclusive line ranges from src.
func dropLines(src []byte, ranges [][2]int) []byte {
	lines := bytes.SplitAfter(src, []byte("\n"))
	gone := make([]bool, len(lines)+2)
	for _, r := range ranges {
		for i := r[0]; i <= r[1] && i <= len(lines); i++ {
			gone[i] = true
		}
	}
	var out bytes.Buffer
	for i, l := range lines {
		if !gone[i+1] {
			out.Write(l)
		}
	}
	return out.Bytes()
}

var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// dropUnusedImports removes the imports src no longer uses; empty reports a file left without declarations.
func dropUnusedImports(name string, src []byte) (out []byte, empty bool, err error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, false, fmt.Errorf("trimming the runtime: %s does not parse once trimmed: %w", name, err)
	}
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := s.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	var drop [][2]int
	decls := 0
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			decls++
			continue
		}
		var unused [][2]int
		for _, s := range g.Specs {
			is := s.(*ast.ImportSpec)
			local := importLocal(is)
			if local == "_" || local == "." || used[local] {
				continue
			}
			unused = append(unused, [2]int{fset.Position(is.Pos()).Line, fset.Position(is.End()).Line})
		}
		if len(unused) == len(g.Specs) {
			drop = append(drop, [2]int{fset.Position(g.Pos()).Line, fset.Position(g.End()).Line})
		} else {
			drop = append(drop, unused...)
		}
	}
	if decls == 0 {
		return nil, true, nil
	}
	sort.Slice(drop, func(i, j int) bool { return drop[i][0] < drop[j][0] })
	return dropLines(src, drop), false, nil
}
