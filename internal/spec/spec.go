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
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// Doc is a loaded and validated spec.
type Doc struct {
	T        *openapi3.T // the OpenAPI 3 document (converted from 2.0 when Version is "2.0")
	File     string      // the path as given to Load
	Version  string      // version as written in the source: "2.0", "3.0.3", "3.1.0", ...
	Warnings []string    // validation problems turned into warnings by LoadOptions.Lenient, one Problem.String each

	display string     // file name used in messages
	root    *yaml.Node // parsed root file, for Position
	lenient bool       // LoadOptions.Lenient, for Check
}

// DisplayPath is the file name used in messages (LoadOptions.DisplayPath, or File).
func (d *Doc) DisplayPath() string { return d.display }

// LoadOptions tune Load.
type LoadOptions struct {
	// Lenient turns validation problems into Doc.Warnings instead of an error. Syntax errors and documents that
	// kin-openapi cannot load at all are errors even so.
	Lenient bool
	// DisplayPath is the path printed in messages for the root file; default: the path given to Load.
	DisplayPath string
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
	if !bytes.Contains(data, []byte("swagger")) {
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
	err = yaml.Unmarshal(data, &root)
	if err != nil && json.Valid(data) {
		// Valid JSON that yaml.v3 rejects: lone UTF-16 surrogate escapes, raw DEL, C1 controls, U+FFFE/U+FFFF.
		// Neutralise them (same length, so positions are kept) for the position index only; kin-openapi reads the
		// original bytes.
		err = yaml.Unmarshal(yamlSafeJSON(data), &root)
	}
	if err != nil {
		line, col, msg := syntaxErrorPosition(data, err)
		return fail(line, col, "", "syntax error: %s", msg)
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return fail(1, 1, "", "not an OpenAPI document: expected a YAML or JSON object at the top level")
	}
	d := &Doc{File: path, display: display, root: &root, lenient: opts.Lenient}

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
	if versionNode == nil {
		return fail(1, 1, "", `not an OpenAPI document: no top-level "openapi" (3.x) or "swagger" (2.0) key`)
	}
	d.Version = versionNode.Value
	switch {
	case isV2 && d.Version == "2.0":
	case !isV2 && (strings.HasPrefix(d.Version, "3.0.") || strings.HasPrefix(d.Version, "3.1.") || strings.HasPrefix(d.Version, "3.2.")):
	default:
		return fail(versionNode.Line, versionNode.Column, "", "unsupported version %q: opgen reads Swagger 2.0 and OpenAPI 3.0.x, 3.1.x and 3.2.x", d.Version)
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
		} else {
			doc, err = loader.LoadFromFile(path)
		}
		if err != nil {
			return nil, d.loadProblem(err, "cannot load spec")
		}
		d.T = doc
	}

	return d, nil
}

// Check validates a document Parse returned. Its problems are the error (a Problems), or with
// LoadOptions.Lenient the document's Warnings. It only reads d.T and writes d.Warnings.
func (d *Doc) Check(ctx context.Context) error {
	probs := d.validate(ctx)
	if len(probs) == 0 {
		return nil
	}
	if d.lenient {
		for _, p := range probs {
			d.Warnings = append(d.Warnings, p.String())
		}
		return nil
	}
	return probs
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
	return io.ReadAll(io.LimitReader(f, maxSpecFile+1))
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
	if m := quotedRefRe.FindStringSubmatch(err.Error()); m != nil {
		if n := findRefValue(d.root, m[1]); n != nil {
			p.Line, p.Col = n.Line, n.Column
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
	kinds := map[string]string{"!!map": "an object", "!!seq": "a list", "!!str": "a string", "!!int": "an integer", "!!bool": "a boolean", "!!float": "a number"}
	var from, into string
	if _, err := fmt.Sscanf(msg, "cannot construct %s into %s", &from, &into); err == nil {
		if f, ok := kinds[from]; ok {
			return fmt.Sprintf("found %s where %s is expected (a $ref is not allowed here: inline the value)", f, "a "+strings.TrimPrefix(into, "*"))
		}
	}
	return msg
}
