// Package config reads opgen.yaml, the file that maps specs to Go packages:
//
//	# yaml-language-server: $schema=https://raw.githubusercontent.com/opgen-sdk/opgen/main/docs/opgen.schema.json
//	targets:
//	  - spec: openpay-mx.yaml        # relative to this file
//	    package: openpaymx
//	    out: ../generated/openpaymx  # relative to this file
//	    client_name: Client          # optional
//	    strict: false
//	    lenient: false
//	    include: {tags: [], operation_ids: []}
//	    exclude: {tags: [], operation_ids: []}
//	    type_mapping: {"#/components/schemas/Amount": "github.com/shopspring/decimal.Decimal"}
//	    initialisms: [CVV, PSE]
//	    unicode_identifiers: false       # true keeps Devolución; by default Go names are ASCII (Devolucion)
//	    json_codecs: true                # false decodes with encoding/json's reflection: fewer lines, slower
//	    overlays: [openpay-mx.overlay.yaml]  # OpenAPI Overlay 1.0 files, applied in order
//
// docs/opgen.schema.json describes the same keys for editors.
package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/opgen-sdk/opgen/internal/opgen"
	"github.com/opgen-sdk/opgen/internal/suggest"
	"gopkg.in/yaml.v3"
)

// Config is a loaded config file.
type Config struct {
	Path    string         // the config file as given to Load
	Targets []opgen.Target // SpecFile and Out resolved against the config file's folder; Spec relative to the module root
	lines   []int          // line of each target in the file
	specs   []string       // each target's spec as written
}

// File is the config file's shape (what the YAML decodes into).
type File struct {
	Targets []TargetConfig `yaml:"targets"`
}

// TargetConfig is one entry of targets.
type TargetConfig struct {
	Spec        string            `yaml:"spec"`
	Package     string            `yaml:"package"`
	Out         string            `yaml:"out"`
	ClientName  string            `yaml:"client_name"`
	Strict      bool              `yaml:"strict"`
	Lenient     bool              `yaml:"lenient"`
	Include     FilterConfig      `yaml:"include"`
	Exclude     FilterConfig      `yaml:"exclude"`
	TypeMapping map[string]string `yaml:"type_mapping"`
	// Pagination, per operationId: false or "off" switches auto-paging off; an object is read like
	// x-opgen-pagination.
	Pagination  map[string]any `yaml:"pagination"`
	Initialisms []string       `yaml:"initialisms"`
	// UnicodeIdentifiers keeps letters outside ASCII in Go names.
	UnicodeIdentifiers bool `yaml:"unicode_identifiers"`
	// JSONCodecs, false, leaves out the generated JSON decoders; unset means true.
	JSONCodecs *bool    `yaml:"json_codecs"`
	Overlays   []string `yaml:"overlays"`
}

// FilterConfig selects operations by tag or operationId.
type FilterConfig struct {
	Tags         []string `yaml:"tags"`
	OperationIDs []string `yaml:"operation_ids"`
}

// Error lists every problem found in a config file, one "FILE:LINE: message" per line.
type Error struct {
	File     string
	Problems []LineError
}

// LineError is one problem in a config file.
type LineError struct {
	Line    int
	Message string
}

// Error returns every problem, one per line, each after the file name and, when known, the line.
func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		if p.Line > 0 {
			fmt.Fprintf(&b, "%s:%d: %s", e.File, p.Line, p.Message)
		} else {
			fmt.Fprintf(&b, "%s: %s", e.File, p.Message)
		}
	}
	return b.String()
}

var (
	unknownFieldRe = regexp.MustCompile(`^line (\d+): field (\S+) not found in type (\S+)$`)
	lineRe         = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
)

// openAPIKey returns the top-level "openapi" or "swagger" key of a document, nil when it has none.
func openAPIKey(root *yaml.Node) *yaml.Node {
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	top := root.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if k := top.Content[i]; k.Value == "openapi" || k.Value == "swagger" {
			return k
		}
	}
	return nil
}

// Load reads and checks the config file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &Error{File: path, Problems: []LineError{{0, "config file not found; check the -config path"}}}
		}
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{File: path, Problems: []LineError{{0, fmt.Sprintf("cannot read config file: %v; -config takes the path of an opgen.yaml file", err)}}}
	}
	cerr := &Error{File: path}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		cerr.Problems = append(cerr.Problems, yamlProblems(err, nil, nil)...)
		return nil, cerr
	}
	if key := openAPIKey(&root); key != nil {
		cerr.Problems = append(cerr.Problems, LineError{key.Line, fmt.Sprintf("this is an OpenAPI spec (it has %q), not an opgen config file: "+
			"generate from it with -spec %s -package NAME -out DIR (or: opgen generate %s -package NAME -out DIR)", key.Value, path, path)})
		return nil, cerr
	}
	targetNodes := targetsOf(&root)

	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		cerr.Problems = append(cerr.Problems, yamlProblems(err, &root, targetNodes)...)
		return nil, cerr
	}
	if len(f.Targets) == 0 {
		cerr.Problems = append(cerr.Problems, LineError{1, `no targets: add "targets:" with at least one {spec, package, out}`})
		return nil, cerr
	}

	dir := filepath.Dir(path)
	cfg := &Config{Path: path}
	for i, t := range f.Targets {
		line := 0
		if i < len(targetNodes) {
			line = targetNodes[i].Line
		}
		for _, req := range [...][2]string{{"spec", t.Spec}, {"package", t.Package}, {"out", t.Out}} {
			if strings.TrimSpace(req[1]) == "" {
				cerr.Problems = append(cerr.Problems, LineError{line, fmt.Sprintf("target %d: %q is required", i+1, req[0])})
			}
		}
		switch {
		case t.Package == "":
		case token.IsKeyword(t.Package):
			cerr.Problems = append(cerr.Problems, LineError{keyLine(targetNodes, i, "package", line),
				fmt.Sprintf("target %d: package %q is a Go keyword, which cannot name a package: choose another name, e.g. %q", i+1, t.Package, t.Package+"api")})
		case !token.IsIdentifier(t.Package):
			cerr.Problems = append(cerr.Problems, LineError{keyLine(targetNodes, i, "package", line),
				fmt.Sprintf("target %d: package %q is not a valid Go identifier: use lower-case letters and digits, e.g. %q", i+1, t.Package, suggestPackage(t.Package))})
		}
		if t.ClientName != "" && (!token.IsIdentifier(t.ClientName) || !token.IsExported(t.ClientName)) {
			cerr.Problems = append(cerr.Problems, LineError{keyLine(targetNodes, i, "client_name", line),
				fmt.Sprintf("target %d: client_name %q must be an exported Go identifier, e.g. \"Client\"", i+1, t.ClientName)})
		}
		if t.Strict && t.Lenient {
			cerr.Problems = append(cerr.Problems, LineError{line, fmt.Sprintf("target %d: strict and lenient cannot both be true: choose one", i+1)})
		}
		if t.Spec == "" || t.Out == "" {
			continue
		}
		specFile := filepath.Join(dir, filepath.FromSlash(t.Spec))
		out := filepath.Join(dir, filepath.FromSlash(t.Out))
		for j, prev := range cfg.Targets {
			if filepath.Clean(prev.Out) == filepath.Clean(out) {
				cerr.Problems = append(cerr.Problems, LineError{keyLine(targetNodes, i, "out", line),
					fmt.Sprintf("target %d: out %q is also the output directory of target %d (line %d): each target needs its own directory", i+1, t.Out, j+1, cfg.lines[j])})
			}
		}
		var overlays []opgen.Overlay
		for _, o := range t.Overlays {
			if strings.TrimSpace(o) == "" {
				cerr.Problems = append(cerr.Problems, LineError{keyLine(targetNodes, i, "overlays", line), fmt.Sprintf("target %d: an empty overlay path: name an Overlay 1.0 file, relative to the config file", i+1)})
				continue
			}
			file := filepath.Join(dir, filepath.FromSlash(o))
			overlays = append(overlays, opgen.Overlay{Name: specName(file, o), File: file})
		}
		cfg.lines = append(cfg.lines, line)
		cfg.specs = append(cfg.specs, t.Spec)
		cfg.Targets = append(cfg.Targets, opgen.Target{
			Spec:       specName(specFile, t.Spec),
			SpecFile:   specFile,
			Package:    t.Package,
			Out:        out,
			ImportPath: ImportPath(out),
			Options: opgen.Options{
				ClientName:         t.ClientName,
				Strict:             t.Strict,
				Lenient:            t.Lenient,
				Include:            opgen.Filter{Tags: t.Include.Tags, OperationIDs: t.Include.OperationIDs},
				Exclude:            opgen.Filter{Tags: t.Exclude.Tags, OperationIDs: t.Exclude.OperationIDs},
				TypeMapping:        t.TypeMapping,
				Initialisms:        t.Initialisms,
				UnicodeIdentifiers: t.UnicodeIdentifiers,
				NoJSONCodecs:       t.JSONCodecs != nil && !*t.JSONCodecs,
				Overlays:           overlays,
				Pagination:         t.Pagination,
			},
		})
	}
	if len(cerr.Problems) > 0 {
		sort.SliceStable(cerr.Problems, func(a, b int) bool { return cerr.Problems[a].Line < cerr.Problems[b].Line })
		return nil, cerr
	}
	return cfg, nil
}

// CheckSpecs reports, with the line of each target, every spec file that does not exist or is not a file.
func (c *Config) CheckSpecs() error {
	cerr := &Error{File: c.Path}
	for i, t := range c.Targets {
		line, spec := 0, t.Spec
		if i < len(c.lines) {
			line, spec = c.lines[i], c.specs[i]
		}
		fi, err := os.Stat(t.SpecFile)
		switch {
		case errors.Is(err, os.ErrNotExist):
			cerr.Problems = append(cerr.Problems, LineError{line, fmt.Sprintf("target %d: spec file %q not found (looked for %s): spec paths are relative to the config file's folder", i+1, spec, t.SpecFile)})
		case err != nil:
			cerr.Problems = append(cerr.Problems, LineError{line, fmt.Sprintf("target %d: spec file %q: %v", i+1, spec, err)})
		case fi.IsDir():
			cerr.Problems = append(cerr.Problems, LineError{line, fmt.Sprintf("target %d: spec %q is a directory: name the OpenAPI file in it", i+1, spec)})
		}
	}
	if len(cerr.Problems) > 0 {
		return cerr
	}
	return nil
}

// targetsOf returns the mapping node of each entry of targets.
func targetsOf(root *yaml.Node) []*yaml.Node {
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "targets" && m.Content[i+1].Kind == yaml.SequenceNode {
			return m.Content[i+1].Content
		}
	}
	return nil
}

// keyLine returns the line of key in target i, or def.
func keyLine(targets []*yaml.Node, i int, key string, def int) int {
	if i < len(targets) {
		n := targets[i]
		for j := 0; j+1 < len(n.Content); j += 2 {
			if n.Content[j].Value == key {
				return n.Content[j].Line
			}
		}
	}
	return def
}

// yamlProblems turns a yaml.v3 error into located problems.
func yamlProblems(err error, root *yaml.Node, targets []*yaml.Node) []LineError {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var out []LineError
	for _, m := range msgs {
		if u := unknownFieldRe.FindStringSubmatch(m); u != nil {
			line, _ := strconv.Atoi(u[1])
			where := "at the top level"
			keys := keysOf(reflect.TypeFor[File]())
			switch {
			case strings.HasSuffix(u[3], "TargetConfig"):
				where = fmt.Sprintf("in target %d", targetAt(targets, line))
				keys = keysOf(reflect.TypeFor[TargetConfig]())
			case strings.HasSuffix(u[3], "FilterConfig"):
				where = fmt.Sprintf("in include/exclude of target %d", targetAt(targets, line))
				keys = keysOf(reflect.TypeFor[FilterConfig]())
			}
			msg := fmt.Sprintf("unknown key %q %s", u[2], where)
			if s := closest(u[2], keys); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += fmt.Sprintf(" (known keys: %s)", strings.Join(keys, ", "))
			}
			out = append(out, LineError{line, msg})
			continue
		}
		if l := lineRe.FindStringSubmatch(m); l != nil {
			line, _ := strconv.Atoi(l[1])
			msg := l[2]
			if w := wrongTypeRe.FindStringSubmatch(msg); w != nil {
				msg = wrongType(root, line, w[1], w[2], w[3])
			}
			out = append(out, LineError{line, msg})
			continue
		}
		out = append(out, LineError{0, strings.TrimPrefix(m, "yaml: ")})
	}
	return out
}

// wrongTypeRe matches yaml.v3's message for a value of the wrong kind: "cannot unmarshal !!str `maybe` into bool".
var wrongTypeRe = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (\\S+)$")

// expected says, for a Go type of the config structs, what the file must hold there.
var expected = map[string]string{
	"bool":                  "true or false",
	"string":                "a string",
	"[]string":              "a list of strings, e.g. [CVV, PSE]",
	"map[string]string":     `a mapping of schema names or pointers to Go types, e.g. {Amount: int64}`,
	"config.FilterConfig":   "a mapping {tags: [...], operation_ids: [...]}",
	"config.TargetConfig":   "a mapping with spec, package and out",
	"[]config.TargetConfig": "a list of targets, each a mapping with spec, package and out",
	"config.File":           `a mapping with the key "targets"`,
}

// wrongType rewrites a wrong-kind error: it names the key (found by the line and the kind of its value) and
// says what the key takes.
func wrongType(root *yaml.Node, line int, kind, value, goType string) string {
	what := map[string]string{"str": "a string", "int": "a number", "float": "a number", "bool": "a boolean",
		"seq": "a list", "map": "a mapping", "null": "empty"}[kind]
	if what == "" {
		what = "!!" + kind
	}
	want := expected[goType]
	if want == "" {
		want = goType
	}
	// yaml.v3 shortens long values to their first 7 characters and "...".
	key, full := keyWithValueAt(root, line, "!!"+kind, strings.TrimSuffix(value, "..."), strings.HasSuffix(value, "..."))
	if full != "" {
		value = full
	}
	if value != "" {
		what = fmt.Sprintf("%q (%s)", value, what)
	}
	if key != "" {
		return fmt.Sprintf("%s: %s is not allowed here: write %s", key, what, want)
	}
	return fmt.Sprintf("%s is not allowed here: write %s", what, want)
}

// keyWithValueAt finds the mapping key whose value starts on line, has the YAML tag tag and the scalar value
// value (or one starting with it, when prefix is set; any value of a list or mapping), and returns the key and
// the value.
func keyWithValueAt(n *yaml.Node, line int, tag, value string, prefix bool) (key, full string) {
	if n == nil {
		return "", ""
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			v := n.Content[i+1]
			if v.Line != line || v.ShortTag() != tag {
				continue
			}
			if v.Kind != yaml.ScalarNode || v.Value == value || prefix && strings.HasPrefix(v.Value, value) {
				if v.Kind == yaml.ScalarNode {
					full = v.Value
				}
				return n.Content[i].Value, full
			}
		}
	}
	for _, c := range n.Content {
		if k, f := keyWithValueAt(c, line, tag, value, prefix); k != "" {
			return k, f
		}
	}
	return "", ""
}

// targetAt returns the 1-based index of the target whose block holds line.
func targetAt(targets []*yaml.Node, line int) int {
	idx := 0
	for i, t := range targets {
		if t.Line <= line {
			idx = i + 1
		}
	}
	return idx
}

// keysOf lists the yaml keys of a struct type.
func keysOf(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
}

// closest returns the known key s most likely meant: one that differs only by '_', '-' or case, else the nearest
// by edit distance (internal/suggest's rule, shared with the CLI's flag and schema-name hints).
func closest(s string, keys []string) string {
	norm := func(x string) string {
		return strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(x, "_", ""), "-", ""))
	}
	for _, k := range keys {
		if norm(k) == norm(s) {
			return k
		}
	}
	return suggest.Closest(s, keys)
}

func suggestPackage(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' && b.Len() > 0 {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 || token.IsKeyword(b.String()) {
		return "api"
	}
	return b.String()
}

// SpecName is the name to print for a spec file in generated headers: its path relative to the root of the Go
// module that holds it (found by looking for go.mod upwards), with forward slashes. Outside any module it is the
// path as given when relative, else the file's base name: never an absolute path, so output is the same on
// every machine.
func SpecName(specFile string) string { return specName(specFile, specFile) }

// specName is SpecName with the fallback (outside a module) given separately: the spec as the user wrote it.
func specName(specFile, asWritten string) string {
	abs, err := filepath.Abs(specFile)
	if err == nil {
		if root, _ := moduleRoot(filepath.Dir(abs)); root != "" {
			if rel, err := filepath.Rel(root, abs); err == nil && filepath.IsLocal(rel) {
				return filepath.ToSlash(rel)
			}
		}
	}
	if filepath.IsAbs(asWritten) {
		return filepath.Base(asWritten)
	}
	return filepath.ToSlash(filepath.Clean(asWritten))
}

// ImportPath returns the Go import path of the package in dir when dir is inside a module (module path from the
// nearest go.mod plus dir's path below it), else "".
func ImportPath(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	root, mod := moduleRoot(abs)
	if root == "" || mod == "" {
		return ""
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return ""
	}
	if rel == "." {
		return mod
	}
	return mod + "/" + filepath.ToSlash(rel)
}

// moduleRoot finds the nearest go.mod at or above dir (which may not exist yet) and returns its folder and
// module path.
func moduleRoot(dir string) (root, module string) {
	for d := dir; ; {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil {
			sc := bufio.NewScanner(bytes.NewReader(b))
			for sc.Scan() {
				if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module"); ok {
					module = strings.Trim(strings.TrimSpace(rest), `"`)
					break
				}
			}
			return d, module
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", ""
		}
		d = parent
	}
}
