// Package spec loads an OpenAPI description (Swagger 2.0, OpenAPI 3.0, 3.1 or 3.2) with kin-openapi, validates it
// and reports every problem it finds, each located by file, line, column and JSON pointer.
package spec

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/opgen-sdk/opgen/internal/overlay"
	"github.com/opgen-sdk/opgen/internal/suggest"
)

// Doc is a loaded and validated spec.
type Doc struct {
	T        *openapi3.T // the OpenAPI 3 document (converted from 2.0 when Version is "2.0")
	File     string      // the path as given to Load
	Version  string      // version as written in the source: "2.0", "3.0.3", "3.1.0", ...
	Warnings []string    // validation problems turned into warnings by LoadOptions.Lenient, one Problem.String each

	display string     // file name used in messages
	root    *yaml.Node // parsed root file, while Parse runs; then nil, and rebuilt from src by tree when needed
	idx     *posIndex  // what Position reads of root, kept instead of it once Parse returns
	src     []byte     // the bytes root was parsed from
	treeMu  sync.Mutex // guards root after Parse

	// What Parse leaves to Check: the options, the problems found while reading (repairs), and the problem that
	// says the file holds components only.
	opts           LoadOptions
	early          []Problem
	componentsOnly *Problem
}

// DisplayPath is the file name used in messages (LoadOptions.DisplayPath, or File).
func (d *Doc) DisplayPath() string { return d.display }

// LoadOptions tune Load.
type LoadOptions struct {
	// By default, problems the acceptance policy (Policies) calls harmless become Doc.Warnings and the others
	// are errors. Lenient turns every validation problem into a warning; Strict turns every one into an error.
	// Syntax errors and documents that kin-openapi cannot load at all are errors even so.
	Lenient bool
	Strict  bool
	// DisplayPath is the path printed in messages for the root file; default: the path given to Load.
	DisplayPath string
	// Overlays are OpenAPI Overlay 1.0 files applied, in order, to the root file before it is loaded;
	// OverlayDisplay their names in messages (same order; default: the path). With overlays, the lines of the
	// spec's own problems are those of the spec as the overlays left it.
	Overlays       []string
	OverlayDisplay []string
}

// Load reads, parses and validates the spec at path. External $refs may name local files only.
//
// Errors: a Problems (every problem found, sorted) for anything wrong with the spec, including a missing file.
func Load(ctx context.Context, path string, opts LoadOptions) (*Doc, error) {
	d, err := Parse(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	if err := d.Check(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

// Parse is Load without the validation: it reads and parses the spec, and reports what stops it from being
// loaded at all. Check must then validate the document before anything derived from it is used; until Check
// returns, the document is only read (by Check and by the caller alike), so the two may run concurrently.
func Parse(ctx context.Context, path string, opts LoadOptions) (*Doc, error) {
	display := opts.DisplayPath
	if display == "" {
		display = path
	}
	fail := func(line, col int, ptr, format string, args ...any) (*Doc, error) {
		return nil, Problems{{File: display, Line: line, Col: col, Pointer: ptr, Message: fmt.Sprintf(format, args...)}}
	}

	data, err := readSpecFile(path)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fail(0, 0, "", "spec file not found; check the path (relative paths are resolved against the current directory, or the config file's folder)")
		case errors.Is(err, fs.ErrPermission):
			return fail(0, 0, "", "cannot read spec file: permission denied")
		default:
			return fail(0, 0, "", "cannot read spec file: %v", err)
		}
	}

	newLoader := func() *openapi3.Loader {
		loader := openapi3.NewLoader()
		loader.Context = ctx
		loader.IncludeOrigin = true
		loader.IsExternalRefsAllowed = true
		loader.ReadFromURIFunc = readLocalOnly
		return loader
	}
	// kin-openapi's load of a 3.x document does not need the position index parsed below: it runs alongside
	// (a third of the load time on a large spec). A file that never says "swagger" cannot be 2.0; the result is
	// used only once the checks below have passed, so errors are reported exactly as before.
	// A panic in kin-openapi is carried over and raised where the result is used, as if the load ran there.
	type loaded struct {
		doc      *openapi3.T
		err      error
		panicked bool
		panicVal any
	}
	var early chan loaded
	edited := false // the bytes kin-openapi must read are not the file's
	if len(opts.Overlays) > 0 {
		out, err := overlay.Apply(data, opts.Overlays, opts.OverlayDisplay)
		var oe *overlay.Error
		switch {
		case errors.As(err, &oe):
			return nil, Problems{{File: oe.File, Line: oe.Line, Col: oe.Col, Pointer: oe.Pointer, Message: oe.Message}}
		case err == nil:
			data, edited = out, true
		}
		// Any other error is the spec's own syntax error: reported below, located in the spec.
	}
	if !edited && !bytes.Contains(data, []byte("swagger")) && bytes.Contains(data, []byte("openapi")) {
		early = make(chan loaded, 1)
		go func() {
			var l loaded
			defer func() {
				if p := recover(); p != nil {
					l.panicked, l.panicVal = true, p
				}
				early <- l
			}()
			l.doc, l.err = newLoader().LoadFromFile(path)
		}()
	}

	var root yaml.Node
	indexed := data
	err = parseIndex(data, &root)
	if err == errYAMLRejects || err != nil && json.Valid(data) {
		// Valid JSON that yaml.v3 rejects: lone UTF-16 surrogate escapes, raw DEL, C1 controls, U+FFFE/U+FFFF.
		// Neutralise them (same length, so positions are kept) for the position index only; kin-openapi reads the
		// original bytes.
		indexed = yamlSafeJSON(data)
		err = parseIndex(indexed, &root)
	}
	if err != nil {
		line, col, msg := syntaxErrorPosition(data, err)
		if strings.Contains(msg, "found character that cannot start any token") && line > 0 {
			if lines := bytes.Split(data, []byte("\n")); line <= len(lines) {
				l := lines[line-1]
				if i := bytes.IndexByte(l, '\t'); i >= 0 && len(bytes.TrimLeft(l[:i], " ")) == 0 {
					return fail(line, i+1, "", "syntax error: a tab in the indentation: YAML does not allow tabs for indentation; indent with spaces")
				}
			}
		}
		return fail(line, col, "", "syntax error: %s", msg)
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return fail(1, 1, "", "not an OpenAPI document: expected a YAML or JSON object at the top level")
	}
	d := &Doc{File: path, display: display, root: &root, src: indexed}

	top := root.Content[0]
	var versionNode *yaml.Node
	isV2 := false
	for i := 0; i+1 < len(top.Content); i += 2 {
		switch top.Content[i].Value {
		case "swagger":
			versionNode, isV2 = top.Content[i+1], true
		case "openapi":
			versionNode = top.Content[i+1]
		}
	}
	var componentsOnly *Problem
	if versionNode == nil {
		if hasKey(top, "targets") && !hasKey(top, "components") {
			return fail(1, 1, "", `this is an opgen config file (it lists "targets"), not an OpenAPI spec: pass it with -config`)
		}
		if !hasKey(top, "components") || hasKey(top, "paths") {
			return fail(1, 1, "", `not an OpenAPI document: no top-level "openapi" (3.x) or "swagger" (2.0) key: add openapi: 3.0.3 (or 3.1.0) and info`)
		}
		// A components file that other specs $ref: read as OpenAPI 3.0, with the key added where it moves no
		// line (after a JSON or flow mapping's "{", else at the end), so every position stays true.
		data = withOpenAPIKey(data)
		versionNode = &yaml.Node{Kind: yaml.ScalarNode, Value: "3.0.3"}
		componentsOnly = &Problem{File: display, Line: 1, Col: 1, Kind: KindComponentsOnly,
			Message: `no top-level "openapi" key: read as a components file of OpenAPI 3.0 (types only); add openapi: 3.0.3 (or 3.1.0) to say so`}
		if early != nil {
			<-early // loaded from the file as it is: discarded
			early = nil
		}
	}
	d.Version = versionNode.Value
	switch {
	case isV2 && d.Version == "2.0":
	case !isV2 && (strings.HasPrefix(d.Version, "3.0.") || strings.HasPrefix(d.Version, "3.1.") || strings.HasPrefix(d.Version, "3.2.")):
	default:
		return fail(versionNode.Line, versionNode.Column, "", "unsupported version %q: opgen reads Swagger 2.0 and OpenAPI 3.0.x, 3.1.x and 3.2.x", d.Version)
	}

	var early2 []Problem
	if patched, probs := repair(data, &root, display); patched != nil {
		data, early2 = patched, probs
		if early != nil {
			<-early
			early = nil
		}
	}

	loader := newLoader()

	if isV2 {
		var doc2 openapi2.T
		if err := openapi2.UnmarshalFromData(data, &doc2); err != nil {
			return nil, d.loadProblem(err, "cannot decode Swagger 2.0 document")
		}
		doc3, err := openapi2conv.ToV3WithLoader(&doc2, loader, &url.URL{Path: filepath.ToSlash(path)})
		if err != nil {
			return nil, d.loadProblem(err, "cannot convert Swagger 2.0 to OpenAPI 3")
		}
		keepCollectionFormats(&doc2, doc3)
		d.T = doc3
	} else {
		var doc *openapi3.T
		var err error
		if early != nil {
			l := <-early
			if l.panicked {
				panic(l.panicVal)
			}
			doc, err = l.doc, l.err
		} else if componentsOnly != nil || early2 != nil || edited {
			// The bytes were changed above: kin-openapi reads them, not the file.
			doc, err = loader.LoadFromDataWithPath(data, &url.URL{Path: filepath.ToSlash(path)})
		} else {
			doc, err = loader.LoadFromFile(path)
		}
		if err != nil {
			return nil, d.loadProblem(err, "cannot load spec")
		}
		d.T = doc
	}

	d.opts, d.early, d.componentsOnly = opts, early2, componentsOnly
	// From here on only Position and RawJSON read the source: on a large file the tree gives way to the compact
	// index, and is parsed again should RawJSON ask for it. A small one's tree costs less than indexing it.
	if len(indexed) >= compactIndexFrom {
		d.idx, d.root = newPosIndex(&root), nil
	}
	return d, nil
}

// compactIndexFrom is the size of file from which Parse keeps a posIndex instead of the tree. Below it a
// generation is not collected at all (cmd/opgen defers the first collection to 64 MiB), so dropping the tree
// frees nothing. Tests lower it.
var compactIndexFrom = 256 << 10

// tree returns the parsed root file: the tree Parse made while it runs, then parsed again from the same bytes on
// first use (RawJSON only).
func (d *Doc) tree() *yaml.Node {
	d.treeMu.Lock()
	defer d.treeMu.Unlock()
	if d.root == nil && d.src != nil {
		var root yaml.Node
		if parseIndex(d.src, &root) != nil {
			return nil // parsed once already: cannot happen
		}
		d.root = &root
	}
	return d.root
}

// Check validates a document Parse returned. The problems the options make errors are the error (a Problems);
// the others become the document's Warnings. It only reads d.T and writes d.Warnings.
func (d *Doc) Check(ctx context.Context) error {
	probs := d.validate(ctx)
	probs = append(probs, d.early...)
	if d.componentsOnly != nil {
		// No info and no paths is what a components file is: said once, by the problem above.
		probs = slices.DeleteFunc(probs, func(p Problem) bool { return p.Kind == KindInfoMissing || p.Kind == KindPathsMissing })
		probs = append(Problems{*d.componentsOnly}, probs...)
	}
	var errs Problems
	for _, p := range probs {
		if d.opts.Lenient || !d.opts.Strict && IsWarning(p.Kind) {
			d.Warnings = append(d.Warnings, p.String())
		} else {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// errYAMLRejects stands for the error yaml.Unmarshal returns on a JSON document holding a character YAML
// refuses; it is never reported (parseIndex's caller tries again with the characters neutralised), except when
// the document is not valid JSON either: then yaml.v3 is asked for its own message.
var errYAMLRejects = errors.New("yaml.v3 refuses a character of the document")

// parseIndex parses the position index: yaml.Unmarshal, or for a JSON document jsonNode, which makes the same
// tree faster (a tenth of the generation of a JSON spec was yaml.v3's scanner).
func parseIndex(data []byte, root *yaml.Node) error {
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		n, status := jsonNode(data)
		switch status {
		case jsonBuilt:
			*root = *n
			return nil
		case jsonYAMLRejects:
			if json.Valid(data) {
				return errYAMLRejects
			}
		}
	}
	return yaml.Unmarshal(data, root)
}

// repair returns data with the two slips kin-openapi cannot read but whose meaning is certain rewritten, and a
// warning for each; nil when there is none. Columns after an edit on the same line move; no line does.
//
//   - an unquoted null in a type list (type: [string, null]) is YAML's null, which kin-openapi reads as the type
//     "": it can only mean "null", so it is written "null";
//   - items given as a list (JSON Schema draft 4's tuple form) is what prefixItems says since: it is renamed.
func repair(data []byte, root *yaml.Node, display string) ([]byte, []Problem) {
	type edit struct {
		node     *yaml.Node
		tokens   []string // what the source holds at the node's position (one of)
		with     string
		kind     Kind
		ptr, msg string
	}
	var edits []edit
	// Example values, defaults, enums, consts and extensions are data, not schemas: never rewritten.
	var walk func(n *yaml.Node, path []string)
	walk = func(n *yaml.Node, path []string) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for i, c := range n.Content {
				p := path
				if n.Kind == yaml.SequenceNode {
					p = append(path[:len(path):len(path)], strconv.Itoa(i))
				}
				walk(c, p)
			}
		case yaml.MappingNode:
			isArray := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k, v := n.Content[i], n.Content[i+1]; k.Value == "type" {
					isArray = v.Value == "array" || v.Kind == yaml.SequenceNode && slices.ContainsFunc(v.Content, func(e *yaml.Node) bool { return e.Value == "array" })
				}
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				key, val := n.Content[i], n.Content[i+1]
				p := append(path[:len(path):len(path)], key.Value)
				switch {
				case key.Value == "example" || key.Value == "examples" || key.Value == "default" || key.Value == "enum" ||
					key.Value == "const" || strings.HasPrefix(key.Value, "x-"):
					continue
				case key.Value == "type" && val.Kind == yaml.SequenceNode:
					for _, e := range val.Content {
						if e.Kind == yaml.ScalarNode && e.Tag == "!!null" {
							edits = append(edits, edit{e, []string{"null", "Null", "NULL", "~"}, `"null"`, KindNullType, pointer(p...),
								`unquoted null in a type list is YAML's null, not the type name: read as "null"; write 'null' in quotes`})
						}
					}
				case key.Value == "items" && val.Kind == yaml.SequenceNode && isArray:
					edits = append(edits, edit{key, []string{`"items"`, "items", `'items'`}, "prefixItems", KindTupleItems, pointer(p...),
						"items is a list (the tuple form of JSON Schema draft 4): read as prefixItems, each element kept as raw JSON; " +
							"write prefixItems (OpenAPI 3.1), or items: {one schema} for a list of one kind"})
				}
				walk(val, p)
			}
		}
	}
	walk(root, nil)
	if len(edits) == 0 {
		return nil, nil
	}
	lineStart := []int{0}
	for i, c := range data {
		if c == '\n' {
			lineStart = append(lineStart, i+1)
		}
	}
	out := make([]byte, 0, len(data)+16*len(edits))
	var probs []Problem
	prev := 0
	for _, e := range edits { // document order is offset order
		n := e.node
		if n.Line < 1 || n.Line > len(lineStart) {
			continue
		}
		at := lineStart[n.Line-1] + n.Column - 1
		size := 0
		for _, tok := range e.tokens {
			if at >= prev && bytes.HasPrefix(data[min(at, len(data)):], []byte(tok)) {
				size = len(tok)
				break
			}
		}
		if size == 0 {
			continue // not where the parser says (a multi-byte character before it): left to kin-openapi's error
		}
		with := e.with
		if strings.HasPrefix(e.tokens[0], `"`) && e.kind == KindTupleItems && data[at] == '"' {
			with = `"` + with + `"`
		}
		out = append(out, data[prev:at]...)
		out = append(out, with...)
		prev = at + size
		probs = append(probs, Problem{File: display, Line: n.Line, Col: n.Column, Pointer: e.ptr, Kind: e.kind, Message: e.msg})
	}
	if len(probs) == 0 {
		return nil, nil
	}
	return append(out, data[prev:]...), probs
}

func hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return true
		}
	}
	return false
}

// withOpenAPIKey adds "openapi: 3.0.3" to a document without one, on a line of its own or after the opening
// brace, so that no other line moves.
func withOpenAPIKey(data []byte) []byte {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		at := len(data) - len(trimmed) + 1
		out := make([]byte, 0, len(data)+20)
		out = append(out, data[:at]...)
		out = append(out, `"openapi":"3.0.3",`...)
		return append(out, data[at:]...)
	}
	out := bytes.Clone(data)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(out, "openapi: 3.0.3\n"...)
}

// errRemoteRef is returned for a $ref to anything but a local file.
var errRemoteRef = errors.New("remote $ref refused: opgen reads local files only; download the referenced document next to the spec and refer to it by a relative path")

// readLocalOnly reads $ref'd files from disk and refuses every other scheme (http, https, ...).
func readLocalOnly(loader *openapi3.Loader, u *url.URL) ([]byte, error) {
	if u.Scheme != "" && u.Scheme != "file" {
		return nil, fmt.Errorf("%w (%s)", errRemoteRef, u.Redacted())
	}
	if u.Host != "" {
		return nil, fmt.Errorf("%w (%s)", errRemoteRef, u.Redacted())
	}
	return readSpecFile(filepath.FromSlash(u.Path))
}

// maxSpecFile bounds every file read as (part of) a spec. The largest real-world specs are a few MB.
const maxSpecFile = 256 << 20

// readSpecFile reads a regular file of at most maxSpecFile bytes: a $ref to /dev/zero, a FIFO or a terminal must
// fail, not hang or eat the memory.
func readSpecFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("is a directory")}
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("not a regular file")}
	}
	if st.Size() > maxSpecFile {
		return nil, fmt.Errorf("%s is %d MB; opgen reads spec files of up to %d MB", path, st.Size()>>20, maxSpecFile>>20)
	}
	// Sized from the stat, so that a 4 MB spec is read into one buffer, not grown through a dozen; the limit still
	// holds if the file grew meanwhile.
	var buf bytes.Buffer
	buf.Grow(int(st.Size()) + bytes.MinRead)
	_, err = buf.ReadFrom(io.LimitReader(f, maxSpecFile+1))
	return buf.Bytes(), err
}

var (
	yamlLineRe  = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	quotedRefRe = regexp.MustCompile(`"([^"]*#/[^"]*|[^"]+\.(?:ya?ml|json)(?:#[^"]*)?)"`)
	surrogateRe = regexp.MustCompile(`\\u[dD][89a-fA-F][0-9a-fA-F]{2}`)
	constructRe = regexp.MustCompile(`line (\d+): (.*?) in (/[^\s;,]+)`)
	atLineRe    = regexp.MustCompile(`line (\d+)(?:, column (\d+)|:(\d+))?`)
)

// syntaxErrorPosition finds the line (and for JSON the column) of a parse error.
func syntaxErrorPosition(data []byte, err error) (line, col int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	if t := bytes.TrimLeft(data, " \t\r\n\ufeff"); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		var v any
		if jerr := json.Unmarshal(data, &v); jerr != nil {
			var se *json.SyntaxError
			if errors.As(jerr, &se) {
				l, c := offsetToLineCol(data, int(se.Offset))
				return l, c, se.Error()
			}
		}
	}
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		return line, 0, m[2]
	}
	if m := atLineRe.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	if line == 0 {
		// yaml.v3 leaves the line out when its mark is on the first line (0-based 0).
		line = 1
	}
	return line, 0, msg
}

func offsetToLineCol(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	if off > 0 {
		off-- // json.SyntaxError.Offset is just after the offending byte
	}
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	col = off - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

// loadProblem turns a kin-openapi load error into a located Problem: it looks for a $ref or a "line N" the error
// names and finds it in the source.
func (d *Doc) loadProblem(err error, what string) error {
	if ms := constructRe.FindAllStringSubmatch(err.Error(), -1); ms != nil {
		// "line 25: cannot construct !!map into string in /tags/0/description": one problem per element.
		var ps Problems
		for _, m := range ms {
			p := Problem{File: d.display, Pointer: "#" + m[3], Message: what + ": " + explainConstruct(m[2])}
			if strings.HasSuffix(m[3], "/items") && strings.HasPrefix(m[2], "cannot construct !!seq") {
				p.Message = what + ": items is a list, but it takes one schema: for a list of one kind write items: {schema}; " +
					"for a tuple (JSON Schema draft 4) write type: array and prefixItems (OpenAPI 3.1)"
			}
			if p.Line, p.Col = d.Position(p.Pointer); p.Line == 0 {
				p.Line, _ = strconv.Atoi(m[1])
			}
			ps = append(ps, p)
		}
		ps.Sort()
		return ps
	}
	p := Problem{File: d.display, Message: what + ": " + err.Error()}
	if errors.Is(err, errRemoteRef) {
		p.Message = err.Error()
	}
	if m := unresolvedRe.FindStringSubmatch(err.Error()); m != nil {
		p.Message = d.unresolved(m[1])
	}
	if m := quotedRefRe.FindStringSubmatch(err.Error()); m != nil {
		if n := findRefValue(d.root, m[1]); n != nil {
			p.Line, p.Col = n.Line, n.Column
			if l, c, ptr := d.locateLoadError(err.Error()); l == p.Line && c == p.Col {
				p.Pointer = ptr
			}
		}
	}
	if p.Line == 0 {
		p.Line, p.Col, p.Pointer = d.locateLoadError(err.Error())
	}
	if p.Line == 0 {
		if m := atLineRe.FindStringSubmatch(err.Error()); m != nil && !strings.Contains(err.Error(), "://") {
			p.Line, _ = strconv.Atoi(m[1])
			if m[2] != "" {
				p.Col, _ = strconv.Atoi(m[2])
			} else if m[3] != "" {
				p.Col, _ = strconv.Atoi(m[3])
			}
		}
	}
	return Problems{p}
}

// unresolvedRe matches kin-openapi's message for a local $ref to nothing.
var unresolvedRe = regexp.MustCompile(`failed to resolve "[^"]*" in fragment in URI: "(#/[^"]*)"`)

// unresolved says what a local $ref to nothing should be, naming the closest component of the same section.
func (d *Doc) unresolved(ref string) string {
	toks := splitPointer(ref)
	msg := fmt.Sprintf("$ref %q points to nothing", ref)
	if len(toks) < 2 {
		return msg + ": check the pointer"
	}
	section, name := toks[:len(toks)-1], toks[len(toks)-1]
	var names []string
	n := d.root.Content[0]
	for _, tok := range section {
		var next *yaml.Node
		for i := 0; n != nil && n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == tok {
				next = n.Content[i+1]
			}
		}
		n = next
	}
	if n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			names = append(names, n.Content[i].Value)
		}
	}
	where := strings.Join(section, ".")
	switch s := suggest.Closest(name, names); {
	case s != "":
		return fmt.Sprintf("%s: there is no %q in %s; did you mean %s?", msg, name, where, s)
	case len(names) == 0:
		return fmt.Sprintf("%s: %s is empty or missing; define %s there or fix the $ref", msg, where, name)
	default:
		return fmt.Sprintf("%s: there is no %q in %s; define it, or point the $ref at one of %s", msg, name, where, strings.Join(first(names, 5), ", "))
	}
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "...")
	}
	return s
}

// findRefValue returns the first "$ref" value node equal to ref (or ending with it) in document order.
func findRefValue(n *yaml.Node, ref string) *yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "$ref" && (n.Content[i+1].Value == ref || strings.HasSuffix(ref, n.Content[i+1].Value) && n.Content[i+1].Value != "") {
				return n.Content[i+1]
			}
		}
	}
	for _, c := range n.Content {
		if r := findRefValue(c, ref); r != nil {
			return r
		}
	}
	return nil
}

// explainConstruct rewords go-yaml's "cannot construct !!map into string".
func explainConstruct(msg string) string {
	m := constructMsgRe.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	kinds := map[string]string{"!!map": "an object", "!!seq": "a list", "!!str": "a string", "!!int": "an integer", "!!bool": "a boolean", "!!float": "a number", "!!null": "null"}
	from, ok := kinds[m[1]]
	if !ok {
		return msg
	}
	if m[2] != "" && m[1] == "!!str" {
		from = fmt.Sprintf("a string (%q)", m[2])
	}
	into := strings.TrimPrefix(m[3], "*")
	want, fix := "a "+into, ""
	switch {
	case strings.HasPrefix(into, "uint") || strings.HasPrefix(into, "int") || strings.HasPrefix(into, "float"):
		want, fix = "a number", "write a number without quotes"
	case into == "bool":
		want, fix = "a boolean", "write true or false"
	case into == "string":
		want, fix = "a string", "write a string (quote it if it looks like a number or a boolean)"
	case strings.HasPrefix(into, "[]"):
		want, fix = "a list", "write a list, e.g. [a, b]"
	case strings.HasPrefix(into, "map["), strings.HasPrefix(into, "openapi3."), strings.HasPrefix(into, "openapi2."):
		want, fix = "an object", "write an object"
	}
	if m[1] == "!!map" && (into == "string" || strings.HasPrefix(into, "uint") || strings.HasPrefix(into, "int")) {
		fix = "a $ref is not allowed here: inline the value"
	}
	if m[1] == "!!seq" && (strings.HasPrefix(into, "openapi3.") || strings.HasPrefix(into, "openapi2.")) {
		fix = "write one object; a list of alternatives is oneOf or anyOf"
	}
	if fix == "" {
		return fmt.Sprintf("found %s where %s belongs", from, want)
	}
	return fmt.Sprintf("found %s where %s belongs: %s", from, want, fix)
}

// constructMsgRe reads go-yaml's "cannot construct !!str `ten` into uint64".
var constructMsgRe = regexp.MustCompile("cannot construct (!!\\w+)(?: `([^`]*)`)? into (\\S+)")
