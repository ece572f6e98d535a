// Package unused finds what staticcheck's U1000 would report in a generated package's runtime copy if the files
// were not marked generated: unexported declarations that nothing uses. internal/opgen's runtime trimming is
// checked with it on small specs, and the golden tests on every case's output.
package unused

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// stdlib imports the standard library's export data once per process for every check (the generated packages
// import nothing else); the gc importer is not safe for concurrent use, hence the lock.
var stdlib = &lockedImporter{imp: importer.Default()}

type lockedImporter struct {
	mu  sync.Mutex
	imp types.Importer
}

func (l *lockedImporter) Import(path string) (*types.Package, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.imp.Import(path)
}

// Runtime type-checks the package made of files (file name -> Go source; other names are ignored) and returns,
// sorted, one "file:line:col: name is unused" for each unexported package-level declaration or unexported method
// in a file whose name starts with prefix that nothing uses. A constant of a parenthesized group counts as used
// when one of its group is (dropping the others would renumber an iota), and a method that implements an
// interface of the package is used through it, as staticcheck has it. The error is a type-checking failure.
func Runtime(files map[string][]byte, prefix string) ([]string, error) {
	fset := token.NewFileSet()
	var parsed []*ast.File
	names := make([]string, 0, len(files))
	for name := range files {
		if strings.HasSuffix(name, ".go") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, files[name], 0)
		if err != nil {
			return nil, err
		}
		parsed = append(parsed, f)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	conf := types.Config{Importer: stdlib}
	pkg, err := conf.Check("example.com/api", fset, parsed, info)
	if err != nil {
		return nil, fmt.Errorf("the generated package does not type-check: %w", err)
	}
	used := map[types.Object]bool{}
	for _, obj := range info.Uses {
		used[obj] = true
	}
	for _, sel := range info.Selections {
		used[sel.Obj()] = true
	}
	ifaceMethods := map[string]bool{}
	for _, n := range pkg.Scope().Names() {
		if it, ok := pkg.Scope().Lookup(n).Type().Underlying().(*types.Interface); ok {
			for i := range it.NumMethods() {
				ifaceMethods[it.Method(i).Name()] = true
			}
		}
	}
	inRuntime := func(obj types.Object) bool {
		return strings.HasPrefix(filepath.Base(fset.Position(obj.Pos()).Filename), prefix)
	}
	group := map[types.Object]int{}
	groupUsed := map[int]bool{}
	for _, f := range parsed {
		for i, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST || !g.Lparen.IsValid() {
				continue
			}
			key := int(g.Pos())*1000 + i
			for _, s := range g.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					obj := info.Defs[n]
					group[obj] = key
					groupUsed[key] = groupUsed[key] || used[obj]
				}
			}
		}
	}
	var out []string
	for id, obj := range info.Defs {
		if k, ok := group[obj]; ok && groupUsed[k] {
			continue
		}
		if obj == nil || obj.Exported() || id.Name == "_" || id.Name == "init" || !inRuntime(obj) {
			continue
		}
		switch o := obj.(type) {
		case *types.Func:
			sig := o.Type().(*types.Signature)
			if sig.Recv() == nil && o.Parent() != pkg.Scope() {
				continue
			}
			if sig.Recv() != nil && ifaceMethods[o.Name()] {
				continue
			}
		case *types.TypeName, *types.Var, *types.Const:
			if o.Parent() != pkg.Scope() {
				continue
			}
		default:
			continue
		}
		if !used[obj] {
			out = append(out, fmt.Sprintf("%s: %s is unused", fset.Position(obj.Pos()), obj.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}
