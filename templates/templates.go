// Package templates holds the runtime support code that opgen copies into every
// generated SDK package. The code lives in ./support as a real, compiled and
// tested Go package; Files returns its non-test sources so the generator can
// rewrite the package clause and add its "Code generated" header.
package templates

import (
	"embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
)

//go:embed support/*.go
var supportFS embed.FS

// Files returns the runtime support sources, keyed by file base name
// ("client.go"), without the _test.go files and doc.go. Each file starts with
// "package support" (the generator rewrites it to the SDK's package name)
// and is gofmt-ed (TestFilesFormatted), so the generator copies it without
// formatting it again. The map is the caller's; the byte slices are shared
// by every call and must not be modified.
func Files() (map[string][]byte, error) {
	files, err := loadFiles()
	if err != nil {
		return nil, err
	}
	return maps.Clone(files), nil
}

// loadFiles reads the embedded sources once per process: every generation
// needs them, and a run of opgen may generate many packages.
var loadFiles = sync.OnceValues(func() (map[string][]byte, error) {
	entries, err := fs.Glob(supportFS, "support/*.go")
	if err != nil {
		return nil, fmt.Errorf("templates: listing support files: %w", err)
	}
	out := make(map[string][]byte, len(entries))
	for _, name := range entries {
		if strings.HasSuffix(name, "_test.go") || path.Base(name) == "doc.go" {
			continue // doc.go documents the template package; an SDK has its own package doc
		}
		b, err := supportFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("templates: reading %s: %w", name, err)
		}
		out[path.Base(name)] = b
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("templates: no support files embedded")
	}
	return out, nil
})

// Identifiers returns, sorted, every top-level identifier (types, functions,
// variables, constants; not methods) the support files declare. They become
// part of each generated package's namespace, so the generator must not emit
// declarations with these names.
func Identifiers() ([]string, error) {
	names, err := identifiers()
	return slices.Clone(names), err
}

// identifiers parses the support files once per process (parsing them is a
// tenth of the generation time of a small spec).
var identifiers = sync.OnceValues(func() ([]string, error) {
	files, err := loadFiles()
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	seen := map[string]bool{}
	for name, src := range files {
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("templates: parsing %s: %w", name, err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					seen[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						seen[s.Name.Name] = true
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.Name != "_" {
								seen[n.Name] = true
							}
						}
					}
				}
			}
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
})
