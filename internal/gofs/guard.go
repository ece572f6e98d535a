package gofs

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Guard checks, before anything is written, that writing files (name -> contents, Go package pkg) into dir
// cannot harm what the user keeps there. It returns every problem, one per line, each naming the file:
//
//   - a file opgen would write that exists without opgen's header (a user's own models_gen.go): never overwritten;
//   - a hand-written Go file in dir with another package clause: the folder would hold two packages;
//   - a hand-written Go file declaring a name the generated code also declares (func Ptr): the package would not
//     compile; both places are named.
//
// Files with a "//go:build ignore" constraint are not part of the package and are left alone.
func Guard(dir string, files map[string][]byte, pkg string) error {
	var probs []string
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil // nothing of the user's there; Write says what is wrong with the path
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("cannot list output directory %s: %w", dir, unwrapPath(err))
	}
	var own []string // hand-written Go files of the package
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		name := e.Name()
		path := filepath.Join(dir, name)
		_, generated := files[name]
		isGo := strings.HasSuffix(name, ".go")
		if !generated && !isGo {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
		}
		switch {
		case generated && !hasHeader(b):
			probs = append(probs, fmt.Sprintf("%s: this file was not written by opgen (it lacks the %q header), and opgen would write a file of that name: it is never overwritten; rename or move it, or choose another -out", path, Header+" ... DO NOT EDIT."))
		case !generated && isGo && !hasHeader(b):
			own = append(own, name)
		}
	}
	if len(own) == 0 {
		return joinProblems(probs)
	}

	// What the generated code declares, with where.
	fset := token.NewFileSet()
	declared := map[string]string{} // "Ptr" or "Client.Do" -> "models_gen.go:12:6"
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".go") || strings.Contains(name, "/") {
			continue
		}
		f, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution)
		if err != nil {
			continue // reported by the build of the generated code, not here
		}
		for key, pos := range declarations(f) {
			if _, dup := declared[key]; !dup {
				declared[key] = fmt.Sprintf("%s:%d:%d", name, fset.Position(pos).Line, fset.Position(pos).Column)
			}
		}
	}
	for _, name := range own {
		path := filepath.Join(dir, name)
		src, _ := os.ReadFile(path)
		f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			continue // the user's file does not parse: the Go build will say where
		}
		if ignored(f) {
			continue
		}
		clause := f.Name.Name
		if clause != pkg && !(strings.HasSuffix(name, "_test.go") && clause == pkg+"_test") {
			p := fset.Position(f.Name.Pos())
			probs = append(probs, fmt.Sprintf("%s:%d:%d: package %s, but the generated code is package %s and a folder holds one package: choose another -out, or -package %s", path, p.Line, p.Column, clause, pkg, clause))
			continue
		}
		if clause != pkg {
			continue // an external test package declares its own names
		}
		decls := declarations(f)
		for _, key := range slices.Sorted(maps.Keys(decls)) {
			if at, clash := declared[key]; clash {
				p := fset.Position(decls[key])
				probs = append(probs, fmt.Sprintf("%s:%d:%d: %s is also declared by the generated code at %s: rename yours (or pin another name for the generated one with x-go-name)", path, p.Line, p.Column, key, filepath.Join(dir, at)))
			}
		}
	}
	return joinProblems(probs)
}

func joinProblems(probs []string) error {
	if len(probs) == 0 {
		return nil
	}
	return errors.New(strings.Join(probs, "\n"))
}

// declarations returns the package-level names a file declares ("Ptr", and "Client.Do" for methods), with
// their positions. Blank names and init functions cannot clash.
func declarations(f *ast.File) map[string]token.Pos {
	out := map[string]token.Pos{}
	add := func(id *ast.Ident, prefix string) {
		if id == nil || id.Name == "_" || id.Name == "init" && prefix == "" {
			return
		}
		out[prefix+id.Name] = id.Pos()
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			prefix := ""
			if d.Recv != nil && len(d.Recv.List) == 1 {
				prefix = receiverName(d.Recv.List[0].Type) + "."
			}
			add(d.Name, prefix)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					add(s.Name, "")
				case *ast.ValueSpec:
					for _, n := range s.Names {
						add(n, "")
					}
				}
			}
		}
	}
	return out
}

func receiverName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return "?"
		}
	}
}

// ignored reports whether a file is excluded from every build by a "//go:build ignore" line.
func ignored(f *ast.File) bool {
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//go:build") && strings.Contains(c.Text, "ignore") {
				return true
			}
		}
	}
	return false
}
