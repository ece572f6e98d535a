package opgen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"hash/crc32"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// The runtime files are the same in every generation but for their first two lines (the header and the package
// clause), so what trimRuntime needs to know of them (their declarations, what each refers to, their imports) is
// worked out once, by TestRuntimeIndex, and kept in runtime_index_gen.go: a generation then parses none of the
// runtime (parsing it, twice, was a third of a small spec's generation). A runtime file the index does not
// describe (templates/support changed, the index not regenerated) is parsed as before; TestRuntimeIndex fails
// until the index is regenerated (go generate ./internal/opgen).

//go:generate go test -run ^TestRuntimeIndex$ -update-runtime-index .

// rtFile is what trimRuntime knows of one runtime file.
type rtFile struct {
	// sum is the CRC-32 (IEEE) of the file from its third line on: what the analysis depends on.
	sum     uint32
	decls   []rtDecl
	imports []rtImportDecl
	// reformat: dropping lines from this file is not known to leave it gofmt-ed; a trimmed copy is formatted.
	reformat bool
}

// rtImportDecl is one import declaration: its lines and its specs.
type rtImportDecl struct {
	first, last int
	specs       []rtImportSpec
}

// rtImportSpec is one imported package: the name the file uses it by, and its lines.
type rtImportSpec struct {
	local       string
	first, last int
}

// rtAnalysis describes the runtime files of one generation.
type rtAnalysis struct {
	files map[string]*rtFile
	// identifiers are the package-level names the runtime declares (templates.Identifiers), sorted.
	identifiers []string
	// indexed: from runtimeIndex, with imports and reformat worked out; else parsed now, imports not known.
	indexed bool
}

// runtimeSum is rtFile.sum of a runtime file's source.
func runtimeSum(src []byte) uint32 {
	for range 2 {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			return crc32.ChecksumIEEE(nil)
		}
		src = src[i+1:]
	}
	return crc32.ChecksumIEEE(src)
}

// analyzeRuntime describes the runtime files among files (name -> source, as runtimeFiles writes them): from the
// index when it describes every one of them, else by parsing them.
func analyzeRuntime(files map[string][]byte) (*rtAnalysis, error) {
	var names []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasPrefix(name, runtimePrefix) && strings.HasSuffix(name, ".go") {
			names = append(names, name)
		}
	}
	if len(names) == len(runtimeIndex.files) {
		indexed := true
		for _, name := range names {
			rf, ok := runtimeIndex.files[name]
			if !ok || rf.sum != runtimeSum(files[name]) {
				indexed = false
				break
			}
		}
		if indexed {
			return &runtimeIndex, nil
		}
	}
	return parseRuntime(files, names)
}

// parseRuntime analyses the named runtime files by parsing them, concurrently; imports and reformat are
// worked out too (TestRuntimeIndex uses them), but trimRuntime treats the result as not indexed.
func parseRuntime(files map[string][]byte, names []string) (*rtAnalysis, error) {
	out := make([]*rtFile, len(names))
	errs := make([]error, len(names))
	parallel(len(names), func(i int) {
		name := names[i]
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, files[name], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			errs[i] = fmt.Errorf("trimming the runtime: %s does not parse: %w", name, err)
			return
		}
		rf := &rtFile{sum: runtimeSum(files[name]), imports: importDecls(fset, f)}
		for _, d := range runtimeDecls(fset, name, f) {
			d.file = ""
			rf.decls = append(rf.decls, *d)
		}
		out[i] = rf
	})
	rt := &rtAnalysis{files: map[string]*rtFile{}}
	seen := map[string]bool{}
	for i, name := range names {
		if errs[i] != nil {
			return nil, errs[i]
		}
		rt.files[name] = out[i]
		for _, d := range out[i].decls {
			if d.recv == "" {
				for _, n := range d.names {
					seen[n] = true
				}
			}
		}
	}
	rt.identifiers = slices.Sorted(maps.Keys(seen))
	return rt, nil
}

// importDecls lists a file's import declarations with the local name of each package, as dropUnusedImports
// names them.
func importDecls(fset *token.FileSet, f *ast.File) []rtImportDecl {
	line := func(p token.Pos) int { return fset.Position(p).Line }
	var out []rtImportDecl
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		id := rtImportDecl{first: line(g.Pos()), last: line(g.End())}
		for _, s := range g.Specs {
			is := s.(*ast.ImportSpec)
			id.specs = append(id.specs, rtImportSpec{local: importLocal(is), first: line(is.Pos()), last: line(is.End())})
		}
		out = append(out, id)
	}
	return out
}

// importLocal is the name a file refers to an imported package by.
func importLocal(is *ast.ImportSpec) string {
	if is.Name != nil {
		return is.Name.Name
	}
	path, _ := strconv.Unquote(is.Path.Value)
	local := path[strings.LastIndex(path, "/")+1:]
	if parts := strings.Split(path, "/"); majorVersion.MatchString(local) && len(parts) > 1 {
		local = parts[len(parts)-2]
	}
	return local
}
