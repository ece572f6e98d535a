// Package contract holds the contract tests of the generated SDKs: for every operation of a spec, the SDK's
// method (found by the operation's x-opgen-resource and x-opgen-method) must send what the spec describes and
// decode what the spec documents. The per-SDK files (openpaymx_test.go, ...) list, by hand, one case per
// operation plus the SDK's credentials, parameter values and typed error; this file is the machinery, and
// harness_self_test.go proves it catches planted bugs. CONTRACT_DEBUG=1 logs every exchange.
package contract

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"math"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/opgen-sdk/opgen/internal/spec"
	"github.com/opgen-sdk/opgen/internal/wireform"
)

// sdkContract describes one generated SDK to the harness. Every field is written by hand in the SDK's file.
type sdkContract struct {
	specFile string // the spec in specs/, e.g. "openpay-mx.yaml"
	// serverPath is the path of the API's base URL with its variables filled, e.g. "/v1/<merchant>": every request
	// path must start with it (operations with servers of their own use the path of their server instead).
	serverPath string
	// serverVars fills the {variables} of an operation's own server, e.g. merchant_id.
	serverVars map[string]string
	// newClient builds the client with its credentials, retries off, and hc as its HTTP client. base is the test
	// server's URL, to give WithBaseURL; "" leaves the spec's servers in charge.
	newClient func(base string, hc *http.Client) (any, error)
	// requestBaseURL is the package's WithRequestBaseURL(u): operations with servers of their own are sent to the
	// test server with it (the "default server" check covers their own servers).
	requestBaseURL func(u string) any
	// authHeader is the Authorization header expected for each security scheme of the spec.
	authHeader map[string]string
	// defaultScheme is the security scheme an operation uses when its case names none.
	defaultScheme string
	// asError extracts, with errors.As, the *APIError (its status) and the typed error body (its code and message)
	// from an error returned by the SDK.
	asError func(err error) (status int, typed any, code, message string, ok bool)
	// errorCodeKey and errorMessageKey are the JSON names of the error body's code and message.
	errorCodeKey, errorMessageKey string
	// pathValues holds a value for every path parameter name of the spec.
	pathValues map[string]string
	// params tells how every query and header parameter of the spec is set on the SDK's params struct.
	params map[string]paramArg
	// cases holds one case per operation, keyed "x-opgen-resource.x-opgen-method".
	cases map[string]opCase
}

// opCase is the hand-written contract of one operation.
type opCase struct {
	route  string              // "METHOD /path" as in the spec
	scheme string              // the security scheme the operation must use; default sdkContract.defaultScheme
	params map[string]paramArg // per-operation overrides of sdkContract.params
}

// paramArg sets a query or header parameter: the Go field of the params struct and the text the parameter must
// travel as (the field is set by parsing that text: TextUnmarshaler, string, integer, float or bool).
type paramArg struct {
	field string
	wire  string
}

// ---- spec access

type loadedSpec struct {
	doc  *spec.Doc
	root *yaml.Node
}

var (
	specMu    sync.Mutex
	specCache = map[string]*loadedSpec{}
)

func loadSpec(t *testing.T, file string) *loadedSpec {
	t.Helper()
	specMu.Lock()
	defer specMu.Unlock()
	if s, ok := specCache[file]; ok {
		return s
	}
	path := filepath.Join("..", "..", "specs", file)
	if filepath.IsAbs(file) {
		path = file
	}
	d, err := spec.Load(context.Background(), path, spec.LoadOptions{DisplayPath: "specs/" + filepath.Base(file)})
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		t.Fatalf("parse %s: %v", path, err)
	}
	s := &loadedSpec{doc: d, root: doc.Content[0]}
	specCache[file] = s
	return s
}

// operation is one operation of the spec, with what the harness needs of it.
type operation struct {
	key, route     string // "customers.cards.Create", "POST /customers/{customer_id}/cards"
	method, path   string
	ptr            string // JSON pointer of the operation
	op             *openapi3.Operation
	pathParams     []*openapi3.Parameter // in template order
	otherParams    []*openapi3.Parameter // query, header
	ownServer      string                // the URL template of the operation's own server, if any
	securitySchema []string              // scheme names the operation accepts (any one of them)
}

var templateRe = regexp.MustCompile(`\{([^{}]+)\}`)

func operations(t *testing.T, s *loadedSpec) []*operation {
	t.Helper()
	var out []*operation
	paths := s.doc.T.Paths.Map()
	for _, p := range slices.Sorted(mapsKeys(paths)) {
		item := paths[p]
		for m, op := range item.Operations() {
			res, _ := op.Extensions["x-opgen-resource"].(string)
			meth, _ := op.Extensions["x-opgen-method"].(string)
			o := &operation{
				key: res + "." + meth, route: m + " " + p, method: m, path: p, op: op,
				ptr: "#/paths/" + escapeToken(p) + "/" + strings.ToLower(m),
			}
			byName := map[string]*openapi3.Parameter{}
			var order []string
			for _, list := range []openapi3.Parameters{item.Parameters, op.Parameters} {
				for _, pr := range list {
					if pr == nil || pr.Value == nil {
						continue
					}
					k := pr.Value.In + ":" + pr.Value.Name
					if _, seen := byName[k]; !seen {
						order = append(order, k)
					}
					byName[k] = pr.Value
				}
			}
			for _, mt := range templateRe.FindAllStringSubmatch(p, -1) {
				if pv := byName["path:"+mt[1]]; pv != nil {
					o.pathParams = append(o.pathParams, pv)
				} else {
					t.Errorf("%s: path parameter %q is not declared", o.route, mt[1])
				}
			}
			for _, k := range order {
				if pv := byName[k]; pv.In != openapi3.ParameterInPath {
					o.otherParams = append(o.otherParams, pv)
				}
			}
			switch {
			case op.Servers != nil && len(*op.Servers) > 0:
				o.ownServer = (*op.Servers)[0].URL
			case len(item.Servers) > 0:
				o.ownServer = item.Servers[0].URL
			}
			reqs := s.doc.T.Security
			if op.Security != nil {
				reqs = *op.Security
			}
			for _, r := range reqs {
				for name := range r {
					o.securitySchema = append(o.securitySchema, name)
				}
			}
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].route < out[j].route })
	return out
}

func mapsKeys[V any](m map[string]V) iter.Seq[string] { return maps.Keys(m) }

func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// node returns the YAML node at the JSON pointer p, following local $refs met on the way; nil if absent.
func (s *loadedSpec) node(p string) *yaml.Node {
	return lookupNode(s.root, strings.Split(strings.TrimPrefix(p, "#/"), "/"), 0)
}

func lookupNode(root *yaml.Node, toks []string, depth int) *yaml.Node {
	n := root
	for i, tok := range toks {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == tok {
					next = n.Content[j+1]
					break
				}
			}
			if next == nil && depth < 16 {
				for j := 0; j+1 < len(n.Content); j += 2 {
					if n.Content[j].Value == "$ref" && strings.HasPrefix(n.Content[j+1].Value, "#/") {
						rest := append(strings.Split(strings.TrimPrefix(n.Content[j+1].Value, "#/"), "/"), toks[i:]...)
						return lookupNode(root, rest, depth+1)
					}
				}
			}
		case yaml.SequenceNode:
			if k, err := strconv.Atoi(tok); err == nil && k >= 0 && k < len(n.Content) {
				next = n.Content[k]
			}
		}
		if next == nil {
			return nil
		}
		n = next
	}
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

var jsonNumberRe = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// yamlToJSON converts a YAML value to JSON, keeping numbers exactly as written (10.10 stays 10.10).
func yamlToJSON(n *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	var conv func(n *yaml.Node) error
	conv = func(n *yaml.Node) error {
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		switch n.Kind {
		case yaml.MappingNode:
			b.WriteByte('{')
			for i := 0; i+1 < len(n.Content); i += 2 {
				if i > 0 {
					b.WriteByte(',')
				}
				k, _ := json.Marshal(n.Content[i].Value)
				b.Write(k)
				b.WriteByte(':')
				if err := conv(n.Content[i+1]); err != nil {
					return err
				}
			}
			b.WriteByte('}')
		case yaml.SequenceNode:
			b.WriteByte('[')
			for i, c := range n.Content {
				if i > 0 {
					b.WriteByte(',')
				}
				if err := conv(c); err != nil {
					return err
				}
			}
			b.WriteByte(']')
		case yaml.ScalarNode:
			switch n.ShortTag() {
			case "!!int", "!!float":
				if !jsonNumberRe.MatchString(n.Value) {
					return fmt.Errorf("line %d: number %q has no JSON form", n.Line, n.Value)
				}
				b.WriteString(n.Value)
			case "!!bool":
				var v bool
				if err := n.Decode(&v); err != nil {
					return err
				}
				b.WriteString(strconv.FormatBool(v))
			case "!!null":
				b.WriteString("null")
			default: // !!str, !!timestamp, !!binary: the text as written
				s, _ := json.Marshal(n.Value)
				b.Write(s)
			}
		default:
			return fmt.Errorf("line %d: unexpected YAML node", n.Line)
		}
		return nil
	}
	if err := conv(n); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ---- examples

// example is one body to send or to answer with.
type example struct {
	name        string // "<example name>", "example", "schema example" or "synthesized"
	status      int    // for responses
	body        []byte // JSON; nil for no content
	synthesized bool
	// canonical is a response body in its canonical form when the example shows an alternative wire form the
	// schema accepts (x-opgen-also-accept, as the document printed it): the SDK decodes the body as sent and
	// re-encodes the canonical form. nil when body is canonical already.
	canonical []byte
}

// want is the body a decoded and re-encoded response must give back.
func (e example) want() []byte {
	if e.canonical != nil {
		return e.canonical
	}
	return e.body
}

// canonicalJSON is body with its alternative wire forms turned canonical (wireform.Canonical), nil when it has none.
func canonicalJSON(body []byte, s *openapi3.Schema) []byte {
	if s == nil || len(body) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	v, changed := wireform.Canonical(v, s)
	if !changed {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return b
}

func jsonMedia(c openapi3.Content) (string, *openapi3.MediaType) {
	for _, mt := range slices.Sorted(mapsKeys(c)) {
		if mt == "application/json" || strings.HasSuffix(mt, "+json") {
			return mt, c[mt]
		}
	}
	return "", nil
}

// examplesOf returns the examples the spec gives for the media type at mptr (named examples, else example,
// else the schema's example), or one value synthesized from the schema when it gives none.
func examplesOf(t *testing.T, s *loadedSpec, mptr string, m *openapi3.MediaType, dir string) []example {
	t.Helper()
	var out []example
	for _, name := range slices.Sorted(mapsKeys(m.Examples)) {
		out = append(out, example{name: name, body: nodeJSON(t, s, mptr+"/examples/"+escapeToken(name)+"/value")})
	}
	if len(out) == 0 && m.Example != nil {
		out = append(out, example{name: "example", body: nodeJSON(t, s, mptr+"/example")})
	}
	if len(out) == 0 && m.Schema != nil && m.Schema.Value != nil && m.Schema.Value.Example != nil {
		out = append(out, example{name: "schema example", body: nodeJSON(t, s, mptr+"/schema/example")})
	}
	if dir == "response" && m.Schema != nil {
		for i := range out {
			out[i].canonical = canonicalJSON(out[i].body, m.Schema.Value)
		}
	}
	if len(out) == 0 {
		if m.Schema == nil || m.Schema.Value == nil {
			t.Fatalf("%s: no schema", mptr)
		}
		body, err := synthesize(m.Schema.Value, dir)
		if err != nil {
			t.Fatalf("%s: the spec has no example and none can be made from the schema: %v", mptr, err)
		}
		out = append(out, example{name: "synthesized", body: body, synthesized: true})
	}
	return out
}

func nodeJSON(t *testing.T, s *loadedSpec, p string) []byte {
	t.Helper()
	n := s.node(p)
	if n == nil {
		t.Fatalf("%s: not found in the spec source", p)
	}
	b, err := yamlToJSON(n)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return b
}

// ---- synthesis of a value from a schema, for operations the spec gives no example for

// synthesize returns a JSON value that has every property of the schema (readOnly ones left out of requests,
// writeOnly ones out of responses), valid against it.
func synthesize(sch *openapi3.Schema, dir string) ([]byte, error) {
	sy := &synthesizer{dir: dir, onStack: map[*openapi3.Schema]bool{}}
	v, err := sy.value(sch, "value", 0)
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var generic any
	if err := json.Unmarshal(body, &generic); err != nil {
		return nil, err
	}
	opts := []openapi3.SchemaValidationOption{openapi3.VisitAsRequest()}
	if dir == "response" {
		opts = []openapi3.SchemaValidationOption{openapi3.VisitAsResponse()}
	}
	if err := sch.VisitJSON(generic, opts...); err != nil {
		return nil, fmt.Errorf("the synthesized value %s is not valid: %v", body, firstLine(err.Error()))
	}
	return body, nil
}

var errRecursive = errors.New("recursive schema")

type synthesizer struct {
	dir     string
	onStack map[*openapi3.Schema]bool
}

func (sy *synthesizer) value(sch *openapi3.Schema, hint string, depth int) (any, error) {
	if sch == nil {
		return hint, nil
	}
	if len(sch.Enum) > 0 {
		for _, e := range sch.Enum {
			if e != nil {
				return e, nil
			}
		}
	}
	if depth > 12 {
		return nil, fmt.Errorf("%s: nesting too deep", hint)
	}
	switch {
	case len(sch.AllOf) > 0:
		merged := map[string]any{}
		for _, sub := range sch.AllOf {
			v, err := sy.value(sub.Value, hint, depth+1)
			if err != nil {
				return nil, err
			}
			m, ok := v.(map[string]any)
			if !ok {
				return v, nil
			}
			for k, x := range m {
				merged[k] = x
			}
		}
		if len(sch.Properties) > 0 {
			own, err := sy.object(sch, hint, depth)
			if err != nil {
				return nil, err
			}
			for k, x := range own {
				merged[k] = x
			}
		}
		return merged, nil
	case len(sch.OneOf) > 0 || len(sch.AnyOf) > 0:
		branches := sch.OneOf
		if len(branches) == 0 {
			branches = sch.AnyOf
		}
		v, err := sy.value(branches[0].Value, hint, depth+1)
		if err != nil {
			return nil, err
		}
		if d := sch.Discriminator; d != nil {
			if m, ok := v.(map[string]any); ok {
				for tag, ref := range d.Mapping {
					if ref.Ref == branches[0].Ref {
						m[d.PropertyName] = tag
					}
				}
			}
		}
		return v, nil
	}
	typ := ""
	if sch.Type != nil && len(sch.Type.Slice()) > 0 {
		typ = sch.Type.Slice()[0]
	}
	if typ == "" && (len(sch.Properties) > 0 || sch.AdditionalProperties.Schema != nil) {
		typ = "object"
	}
	if sch.Example != nil && typ != "object" && typ != "array" {
		return sch.Example, nil
	}
	switch typ {
	case "object", "":
		return sy.object(sch, hint, depth)
	case "array":
		n := int(sch.MinItems)
		if n < 1 {
			n = 1
		}
		var items *openapi3.Schema
		if sch.Items != nil {
			items = sch.Items.Value
		}
		arr := make([]any, 0, n)
		for range n {
			v, err := sy.value(items, hint, depth+1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		return arr, nil
	case "string":
		return synthString(sch, hint)
	case "integer":
		return json.Number(strconv.FormatInt(int64(clamp(sch, 7)), 10)), nil
	case "number":
		if sch.Extensions["x-opgen-minor-units"] != nil {
			// A whole amount suits every currency the spec may tie it to (CLP has no decimals).
			return json.Number(strconv.FormatFloat(math.Round(clamp(sch, 123)), 'f', -1, 64)), nil
		}
		v := clamp(sch, 123.45)
		return json.Number(strconv.FormatFloat(v, 'f', 2, 64)), nil
	case "boolean":
		return false, nil
	}
	return nil, fmt.Errorf("%s: cannot make a value of type %q", hint, typ)
}

func (sy *synthesizer) object(sch *openapi3.Schema, hint string, depth int) (map[string]any, error) {
	if sy.onStack[sch] {
		return nil, fmt.Errorf("%s: %w", hint, errRecursive)
	}
	sy.onStack[sch] = true
	defer delete(sy.onStack, sch)
	m := map[string]any{}
	for _, name := range slices.Sorted(mapsKeys(sch.Properties)) {
		p := sch.Properties[name].Value
		if p == nil || (sy.dir == "request" && p.ReadOnly) || (sy.dir == "response" && p.WriteOnly) {
			continue
		}
		v, err := sy.value(p, name, depth+1)
		if errors.Is(err, errRecursive) && !slices.Contains(sch.Required, name) {
			continue // an optional property that leads back to an enclosing schema stops the recursion
		}
		if err != nil {
			return nil, err
		}
		m[name] = v
	}
	if len(sch.Properties) == 0 {
		switch ap := sch.AdditionalProperties; {
		case ap.Schema != nil && ap.Schema.Value != nil:
			v, err := sy.value(ap.Schema.Value, "key", depth+1)
			if err != nil {
				return nil, err
			}
			m["key_1"] = v
		case ap.Has == nil || *ap.Has:
			m["key_1"] = "value_1"
		}
	}
	return m, nil
}

func clamp(sch *openapi3.Schema, v float64) float64 {
	if sch.Max != nil && v > *sch.Max {
		v = *sch.Max
		if b := sch.ExclusiveMax.Bool; b != nil && *b {
			v--
		}
	}
	if sch.Min != nil && v < *sch.Min {
		v = *sch.Min
		if b := sch.ExclusiveMin.Bool; b != nil && *b {
			v++
		}
	}
	if sch.MultipleOf != nil && *sch.MultipleOf > 0 {
		v = *sch.MultipleOf * float64(int64(v / *sch.MultipleOf))
		if sch.Min != nil && v < *sch.Min {
			v += *sch.MultipleOf
		}
	}
	return v
}

func synthString(sch *openapi3.Schema, hint string) (any, error) {
	switch sch.Format {
	case "date":
		return "2024-03-15", nil
	case "date-time":
		return "2024-03-15T10:20:30-06:00", nil
	case "email":
		return "buyer@example.com", nil
	case "uri", "url":
		return "https://example.com/return", nil
	case "uuid":
		return "3f1c1a52-6d0e-4c57-9a76-2c8a6f0b1e2d", nil
	case "decimal":
		return "123.45", nil
	case "byte":
		return "aGVsbG8=", nil
	}
	base := strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(hint))
	candidates := []string{hint + "_1", base, "MXN", "PE", "4111111111111111", "123", "12", "2025", "1", "ABC123", "a1b2c3"}
	var re *regexp.Regexp
	if sch.Pattern != "" {
		var err error
		if re, err = regexp.Compile(sch.Pattern); err != nil {
			return nil, fmt.Errorf("%s: pattern %q: %v", hint, sch.Pattern, err)
		}
	}
	for _, c := range candidates {
		for len(c) < int(sch.MinLength) {
			c += "x"
		}
		if sch.MaxLength != nil && len(c) > int(*sch.MaxLength) {
			c = c[:*sch.MaxLength]
		}
		if re == nil || re.MatchString(c) {
			return c, nil
		}
	}
	return nil, fmt.Errorf("%s: no value matches the pattern %q: add an example to the spec", hint, sch.Pattern)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// ---- JSON comparison

// jsonDiff lists the differences between want and got. lenientNulls: a null on one side matches an absent key
// on the other (a decoded-and-re-encoded value may drop nulls or absent fields). Numbers must be written alike
// in strict mode (a decimal keeps its digits) and be equal in value otherwise; date-times may differ in form but
// not in the instant.
func jsonDiff(want, got []byte, lenientNulls bool) ([]string, error) {
	var w, g any
	if err := decodeNumbers(want, &w); err != nil {
		return nil, fmt.Errorf("expected JSON: %v", err)
	}
	if err := decodeNumbers(got, &g); err != nil {
		return []string{fmt.Sprintf("not JSON: %v: %.200s", err, got)}, nil
	}
	var diffs []string
	var walk func(p string, w, g any)
	walk = func(p string, w, g any) {
		switch wv := w.(type) {
		case map[string]any:
			gv, ok := g.(map[string]any)
			if !ok {
				diffs = append(diffs, fmt.Sprintf("%s: want an object, got %s", orRoot(p), brief(g)))
				return
			}
			for _, k := range slices.Sorted(mapsKeys(wv)) {
				x, present := gv[k]
				switch {
				case !present && wv[k] == nil && lenientNulls:
				case !present:
					diffs = append(diffs, fmt.Sprintf("%s/%s: missing (want %s)", p, k, brief(wv[k])))
				default:
					walk(p+"/"+k, wv[k], x)
				}
			}
			for _, k := range slices.Sorted(mapsKeys(gv)) {
				if _, present := wv[k]; !present && !(gv[k] == nil && lenientNulls) {
					diffs = append(diffs, fmt.Sprintf("%s/%s: unexpected (got %s)", p, k, brief(gv[k])))
				}
			}
		case []any:
			gv, ok := g.([]any)
			if !ok {
				diffs = append(diffs, fmt.Sprintf("%s: want an array, got %s", orRoot(p), brief(g)))
				return
			}
			if len(gv) != len(wv) {
				diffs = append(diffs, fmt.Sprintf("%s: want %d items, got %d", orRoot(p), len(wv), len(gv)))
				return
			}
			for i := range wv {
				walk(p+"/"+strconv.Itoa(i), wv[i], gv[i])
			}
		case json.Number:
			gv, ok := g.(json.Number)
			switch {
			case !ok:
				diffs = append(diffs, fmt.Sprintf("%s: want %s, got %s", orRoot(p), wv, brief(g)))
			case wv == gv:
			case !lenientNulls:
				diffs = append(diffs, fmt.Sprintf("%s: want the number written %s, got %s", orRoot(p), wv, gv))
			default:
				a, okA := new(big.Rat).SetString(string(wv))
				b, okB := new(big.Rat).SetString(string(gv))
				if !okA || !okB || a.Cmp(b) != 0 {
					diffs = append(diffs, fmt.Sprintf("%s: want %s, got %s", orRoot(p), wv, gv))
				}
			}
		case string:
			gv, ok := g.(string)
			if !ok || (gv != wv && !sameInstant(wv, gv)) {
				diffs = append(diffs, fmt.Sprintf("%s: want %q, got %s", orRoot(p), wv, brief(g)))
			}
		default: // bool, nil
			if !reflect.DeepEqual(w, g) {
				diffs = append(diffs, fmt.Sprintf("%s: want %s, got %s", orRoot(p), brief(w), brief(g)))
			}
		}
	}
	walk("", w, g)
	return diffs, nil
}

func decodeNumbers(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data")
	}
	return nil
}

func sameInstant(a, b string) bool {
	ta, err1 := time.Parse(time.RFC3339Nano, a)
	tb, err2 := time.Parse(time.RFC3339Nano, b)
	return err1 == nil && err2 == nil && ta.Equal(tb)
}

func orRoot(p string) string {
	if p == "" {
		return "(body)"
	}
	return p
}

func brief(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 80 {
		return string(b[:80]) + "..."
	}
	return string(b)
}

// ---- the test driver

// recorded is the request the test server received.
type recorded struct {
	method, path, rawQuery string
	header                 http.Header
	body                   []byte
}

// exchange runs one call against a fresh test server answering status and body, and returns what the SDK sent
// and what the method returned.
type exchange struct {
	requests []recorded
	result   []reflect.Value
}

func runExchange(t *testing.T, status int, body []byte, call func(srvURL string) []reflect.Value) exchange {
	t.Helper()
	var mu sync.Mutex
	var ex exchange
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		ex.requests = append(ex.requests, recorded{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), b})
		mu.Unlock()
		if body != nil {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	ex.result = call(srv.URL)
	mu.Lock()
	defer mu.Unlock()
	return ex
}

// runContract checks every operation of the SDK's spec against its case.
func runContract(t *testing.T, c *sdkContract) {
	s := loadSpec(t, c.specFile)
	ops := operations(t, s)
	seen := map[string]bool{}
	for _, o := range ops {
		if _, ok := c.cases[o.key]; !ok {
			t.Errorf("operation %s (%s, %s) has no contract case: add %q to the cases of %s", o.route, o.op.OperationID, o.ptr, o.key, c.specFile)
		}
		seen[o.key] = true
	}
	for _, k := range slices.Sorted(mapsKeys(c.cases)) {
		if !seen[k] {
			t.Errorf("contract case %q matches no operation of %s (x-opgen-resource.x-opgen-method): remove or rename it", k, c.specFile)
		}
	}
	var synthesizedReq, synthesizedResp []string
	for _, o := range ops {
		cs, ok := c.cases[o.key]
		if !ok {
			continue
		}
		t.Run(o.key, func(t *testing.T) {
			r, ok := checkOperation(t, c, s, o, cs)
			if !ok {
				return
			}
			if r.synthesizedRequest {
				synthesizedReq = append(synthesizedReq, o.key)
			}
			if r.synthesizedResponse {
				synthesizedResp = append(synthesizedResp, o.key)
			}
		})
	}
	if testing.Verbose() {
		t.Logf("%d operations; request bodies made from the schema (no example in the spec): %s", len(ops), strings.Join(synthesizedReq, ", "))
		t.Logf("responses made from the schema (no example in the spec): %s", strings.Join(synthesizedResp, ", "))
	}
}

type opReport struct{ synthesizedRequest, synthesizedResponse bool }

// checkOperation runs the contract of one operation: every request example against every success response
// example (paired in turn), then every error example.
func checkOperation(t *testing.T, c *sdkContract, s *loadedSpec, o *operation, cs opCase) (opReport, bool) {
	var rep opReport
	if cs.route != o.route {
		t.Errorf("the case says %q, the spec %q", cs.route, o.route)
		return rep, false
	}
	scheme := cs.scheme
	if scheme == "" {
		scheme = c.defaultScheme
	}
	if !slices.Contains(o.securitySchema, scheme) {
		t.Errorf("the case expects security scheme %q, the spec's operation accepts %q", scheme, o.securitySchema)
		return rep, false
	}
	wantAuth, ok := c.authHeader[scheme]
	if !ok {
		t.Fatalf("no Authorization header known for scheme %q", scheme)
	}

	m, err := methodOf(c, o)
	if err != nil {
		t.Error(err)
		return rep, false
	}
	sig, err := signature(m.Type(), o)
	if err != nil {
		t.Errorf("%s.%s: %v", o.key, m.Type(), err)
		return rep, false
	}

	// What the spec says the call sends and receives.
	var reqs []example
	if sig.body >= 0 {
		mt, media := jsonMedia(o.op.RequestBody.Value.Content)
		if media == nil {
			t.Fatalf("the request body has no JSON media type")
		}
		reqs = examplesOf(t, s, o.ptr+"/requestBody/content/"+escapeToken(mt), media, "request")
		rep.synthesizedRequest = reqs[0].synthesized
	} else {
		reqs = []example{{name: "no body"}}
	}
	var oks, errs []example
	codes := o.op.Responses.Map()
	for _, code := range slices.Sorted(mapsKeys(codes)) {
		r := codes[code].Value
		status, isError := statusOf(code, codes)
		mt, media := jsonMedia(r.Content)
		rptr := o.ptr + "/responses/" + escapeToken(code) + "/content/" + escapeToken(mt)
		switch {
		case !isError && media == nil:
			oks = append(oks, example{name: "no content", status: status})
		case !isError:
			for _, e := range examplesOf(t, s, rptr, media, "response") {
				e.status = status
				rep.synthesizedResponse = rep.synthesizedResponse || e.synthesized
				oks = append(oks, e)
			}
		case media != nil && (len(media.Examples) > 0 || media.Example != nil || (media.Schema != nil && media.Schema.Value != nil && media.Schema.Value.Example != nil)):
			for _, e := range examplesOf(t, s, rptr, media, "response") {
				e.status, e.name = status, code+"/"+e.name
				errs = append(errs, e)
			}
		}
	}
	if len(oks) == 0 {
		t.Fatalf("the spec declares no success response")
	}
	if len(errs) == 0 {
		// No documented error example: answer with one made from the first error response's schema, so the
		// typed error decoding is exercised for every operation.
		for _, code := range slices.Sorted(mapsKeys(codes)) {
			status, isError := statusOf(code, codes)
			mt, media := jsonMedia(codes[code].Value.Content)
			if !isError || media == nil {
				continue
			}
			e := examplesOf(t, s, o.ptr+"/responses/"+escapeToken(code)+"/content/"+escapeToken(mt), media, "response")[0]
			e.status, e.name = status, code+"/"+e.name
			errs = append(errs, e)
			break
		}
	}

	params, wantQuery, wantHeader := buildParams(t, c, o, cs, sig)
	if t.Failed() {
		return rep, false
	}
	wantPath := c.serverPath
	if o.ownServer != "" {
		u, err := url.Parse(expandVars(o.ownServer, c.serverVars))
		if err != nil {
			t.Fatal(err)
		}
		wantPath = u.Path
	}
	var pathArgs []reflect.Value
	filled := o.path
	for _, p := range o.pathParams {
		v, ok := c.pathValues[p.Name]
		if !ok {
			t.Fatalf("no contract value for path parameter %q: add it to pathValues", p.Name)
		}
		pathArgs = append(pathArgs, reflect.ValueOf(v))
		filled = strings.Replace(filled, "{"+p.Name+"}", url.PathEscape(v), 1)
	}
	wantPath += filled

	call := func(srvURL string, reqBody []byte) ([]reflect.Value, error) {
		client, err := c.newClient(srvURL, &http.Client{})
		if err != nil {
			return nil, fmt.Errorf("NewClient: %v", err)
		}
		m, _ := findMethod(reflect.ValueOf(client), o)
		args := append([]reflect.Value{reflect.ValueOf(context.Background())}, pathArgs...)
		more, err := bodyAndParams(m, sig, params, reqBody)
		if err != nil {
			return nil, err
		}
		args = append(args, more...)
		if o.ownServer != "" {
			u, _ := url.Parse(expandVars(o.ownServer, c.serverVars))
			args = append(args, reflect.ValueOf(c.requestBaseURL(srvURL+u.Path)))
		}
		return m.Call(args), nil
	}

	checkRequest := func(t *testing.T, ex exchange, req example) {
		t.Helper()
		if len(ex.requests) != 1 {
			t.Fatalf("the server received %d requests, want 1", len(ex.requests))
		}
		got := ex.requests[0]
		if got.method != o.method {
			t.Errorf("method: got %s, want %s", got.method, o.method)
		}
		if got.path != wantPath {
			t.Errorf("path: got %s, want %s", got.path, wantPath)
		}
		gq, err := url.ParseQuery(got.rawQuery)
		if err != nil {
			t.Errorf("query %q: %v", got.rawQuery, err)
		}
		if !reflect.DeepEqual(normQuery(gq), normQuery(wantQuery)) {
			t.Errorf("query: got %q, want %q", got.rawQuery, wantQuery.Encode())
		}
		if a := got.header.Get("Authorization"); a != wantAuth {
			t.Errorf("Authorization: got %q, want %q", a, wantAuth)
		}
		for k, v := range wantHeader {
			if g := got.header.Get(k); g != v {
				t.Errorf("header %s: got %q, want %q", k, g, v)
			}
		}
		if sig.body < 0 {
			if len(got.body) != 0 {
				t.Errorf("the operation has no request body, the SDK sent %q", got.body)
			}
			return
		}
		if ct := got.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type: got %q, want application/json", ct)
		}
		diffs, err := jsonDiff(req.body, got.body, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diffs {
			t.Errorf("request body %s", d)
		}
	}

	// Success: every request example and every success response example, paired in turn.
	n := max(len(reqs), len(oks))
	for i := range n {
		req, resp := reqs[i%len(reqs)], oks[i%len(oks)]
		t.Run(fmt.Sprintf("request=%s/response=%d:%s", req.name, resp.status, resp.name), func(t *testing.T) {
			var callErr error
			ex := runExchange(t, resp.status, resp.body, func(u string) []reflect.Value {
				out, err := call(u, req.body)
				callErr = err
				return out
			})
			if callErr != nil {
				t.Fatal(callErr)
			}
			checkRequest(t, ex, req)
			if os.Getenv("CONTRACT_DEBUG") != "" {
				t.Logf("sent %s %s?%s %s\nanswered %d %s", ex.requests[0].method, ex.requests[0].path, ex.requests[0].rawQuery, ex.requests[0].body, resp.status, resp.body)
			}
			if err, _ := ex.result[len(ex.result)-1].Interface().(error); err != nil {
				t.Fatalf("the call failed: %v", err)
			}
			if len(ex.result) == 1 {
				if len(bytes.TrimSpace(resp.body)) > 0 {
					t.Errorf("the method returns no value, but the spec documents a %d response body", resp.status)
				}
				return
			}
			got, err := json.Marshal(ex.result[0].Interface())
			if err != nil {
				t.Fatalf("re-encode the result: %v", err)
			}
			if len(resp.body) == 0 {
				return
			}
			diffs, err := jsonDiff(resp.want(), got, true)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range diffs {
				t.Errorf("response decoded and re-encoded: %s", d)
			}
		})
	}

	// Errors: every documented error example must come back as the typed error, with its code and message.
	for _, e := range errs {
		t.Run(fmt.Sprintf("error=%s", e.name), func(t *testing.T) {
			var callErr error
			ex := runExchange(t, e.status, e.body, func(u string) []reflect.Value {
				out, err := call(u, reqs[0].body)
				callErr = err
				return out
			})
			if callErr != nil {
				t.Fatal(callErr)
			}
			checkRequest(t, ex, reqs[0])
			err, _ := ex.result[len(ex.result)-1].Interface().(error)
			if err == nil {
				t.Fatalf("status %d: the call did not fail", e.status)
			}
			status, typed, code, msg, ok := c.asError(err)
			if !ok {
				t.Fatalf("status %d: errors.As does not find the typed error in %v", e.status, err)
			}
			if status != e.status {
				t.Errorf("APIError.StatusCode = %d, want %d", status, e.status)
			}
			var body map[string]any
			if err := decodeNumbers(e.body, &body); err != nil {
				t.Fatalf("error example: %v", err)
			}
			if want := textOf(body[c.errorCodeKey]); code != want {
				t.Errorf("error code: got %q, want %q (%s)", code, want, c.errorCodeKey)
			}
			if want := textOf(body[c.errorMessageKey]); msg != want {
				t.Errorf("error message: got %q, want %q (%s)", msg, want, c.errorMessageKey)
			}
			got, err := json.Marshal(typed)
			if err != nil {
				t.Fatal(err)
			}
			diffs, err := jsonDiff(e.body, got, true)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range diffs {
				t.Errorf("typed error decoded and re-encoded: %s", d)
			}
		})
	}
	// Without WithBaseURL the call goes to the spec's server (the operation's own, for the default environment).
	t.Run("default server", func(t *testing.T) {
		want := expandVars(defaultServer(s.doc.T, o), c.serverVars) + filled
		var got string
		hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			got = r.URL.String()
			return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
		})}
		client, err := c.newClient("", hc)
		if err != nil {
			t.Fatalf("NewClient: %v", err)
		}
		m, err := findMethod(reflect.ValueOf(client), o)
		if err != nil {
			t.Fatal(err)
		}
		args := append([]reflect.Value{reflect.ValueOf(context.Background())}, pathArgs...)
		more, err := bodyAndParams(m, sig, params, reqs[0].body)
		if err != nil {
			t.Fatal(err)
		}
		args = append(args, more...)
		m.Call(args)
		if u, _ := url.Parse(got); u == nil || u.Scheme+"://"+u.Host+u.EscapedPath() != want {
			t.Errorf("the call went to %s, want %s", got, want)
		}
	})
	return rep, true
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// defaultServer is the URL template the operation uses in the default environment (the first server's): the
// operation's (or its path's) server of that environment when it has servers of its own.
func defaultServer(doc *openapi3.T, o *operation) string {
	if len(doc.Servers) == 0 {
		return ""
	}
	top := doc.Servers[0]
	var own openapi3.Servers
	if o.op.Servers != nil {
		own = *o.op.Servers
	}
	if len(own) == 0 {
		own = doc.Paths.Value(o.path).Servers
	}
	if len(own) == 0 {
		return top.URL
	}
	env := top.Extensions["x-opgen-environment"]
	for _, sv := range own {
		if env != nil && sv.Extensions["x-opgen-environment"] == env {
			return sv.URL
		}
	}
	return own[0].URL
}

func textOf(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func normQuery(q url.Values) url.Values {
	if len(q) == 0 {
		return nil
	}
	return q
}

func expandVars(tmpl string, vars map[string]string) string {
	return templateRe.ReplaceAllStringFunc(tmpl, func(m string) string {
		if v, ok := vars[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

// statusOf maps a response key to the status the test server answers with; isError for non-2xx and default.
func statusOf(code string, all map[string]*openapi3.ResponseRef) (status int, isError bool) {
	if n, err := strconv.Atoi(code); err == nil {
		return n, n < 200 || n > 299
	}
	if code == "default" || strings.HasSuffix(strings.ToUpper(code), "XX") {
		first := 400
		if strings.HasPrefix(code, "5") {
			first = 500
		}
		for _, s := range []int{first, 400, 409, 422, 500} {
			if _, declared := all[strconv.Itoa(s)]; !declared {
				return s, true
			}
		}
		return 418, true
	}
	return 0, true
}

// methodOf returns o's method on a client that is never called.
func methodOf(c *sdkContract, o *operation) (reflect.Value, error) {
	client, err := c.newClient("http://127.0.0.1:9", &http.Client{})
	if err != nil {
		return reflect.Value{}, fmt.Errorf("NewClient: %v", err)
	}
	return findMethod(reflect.ValueOf(client), o)
}

// basicAuth is the Authorization header of HTTP basic auth with user and an empty password.
func basicAuth(user string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"))
}

// text is the text of an optional value ("" when absent).
// text is the text of an optional value: a pointer, an Opt (unset: ""), or a plain value.
func text(v any) string {
	if o, ok := v.(interface{ IsSet() bool }); ok && !o.IsSet() {
		return ""
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return ""
		}
		return fmt.Sprint(rv.Elem().Interface())
	}
	return fmt.Sprint(v)
}

// goName normalises a name for matching a spec name (bank_accounts, legacyPlans) with a Go name (BankAccounts).
func goName(s string) string {
	return strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(s))
}

// findMethod finds the method of o on the client: one service field per x-opgen-resource segment, then the
// method named x-opgen-method.
func findMethod(client reflect.Value, o *operation) (reflect.Value, error) {
	res, _ := o.op.Extensions["x-opgen-resource"].(string)
	meth, _ := o.op.Extensions["x-opgen-method"].(string)
	v := client
	for _, seg := range strings.Split(res, ".") {
		if v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		var next reflect.Value
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() && goName(f.Name) == goName(seg) {
				next = v.Field(i)
			}
		}
		if !next.IsValid() {
			return reflect.Value{}, fmt.Errorf("%s: the client has no service %q (x-opgen-resource %q) on %s", o.route, seg, res, v.Type())
		}
		v = next
	}
	m := v.MethodByName(meth)
	if !m.IsValid() {
		return reflect.Value{}, fmt.Errorf("%s: %s has no method %s (x-opgen-method)", o.route, v.Type(), meth)
	}
	return m, nil
}

// sig locates the arguments of a generated method: ctx, one string per path parameter, the body, the params
// struct (query and header parameters), then the variadic request options. -1: absent.
// sig is where a method takes its body and params struct; folded: the body travels in the params struct (its
// first field), as the generator does for an operation with both.
type sig struct {
	body, params int
	folded       bool
}

// bodyAndParams are the body and params arguments of a call with the example body: a folded body is decoded
// into the params struct's first field.
func bodyAndParams(m reflect.Value, sg sig, params reflect.Value, body []byte) ([]reflect.Value, error) {
	var args []reflect.Value
	switch {
	case sg.folded:
		f := params.Elem().Field(0)
		f.Set(reflect.Zero(f.Type()))
		if err := json.Unmarshal(body, f.Addr().Interface()); err != nil {
			return nil, fmt.Errorf("the example does not decode into the SDK's %s: %v", f.Type(), err)
		}
		return []reflect.Value{params}, nil
	case sg.body >= 0:
		v := reflect.New(m.Type().In(sg.body).Elem())
		if err := json.Unmarshal(body, v.Interface()); err != nil {
			return nil, fmt.Errorf("the example does not decode into the SDK's %s: %v", v.Type().Elem(), err)
		}
		args = append(args, v)
	}
	if sg.params >= 0 {
		args = append(args, params)
	}
	return args, nil
}

func signature(mt reflect.Type, o *operation) (sig, error) {
	s := sig{body: -1, params: -1}
	want := 1 + len(o.pathParams)
	if o.op.RequestBody != nil {
		s.body = want
		want++
	}
	if len(o.otherParams) > 0 {
		s.params = want
		want++
	}
	if s.body >= 0 && s.params >= 0 && mt.IsVariadic() && mt.NumIn() == want {
		s.folded, s.params = true, s.body
		want--
	}
	if !mt.IsVariadic() || mt.NumIn() != want+1 {
		return s, fmt.Errorf("want ctx, %d path parameters, body %v, params %v and ...RequestOption", len(o.pathParams), s.body >= 0, s.params >= 0)
	}
	if mt.In(0) != reflect.TypeFor[context.Context]() {
		return s, errors.New("the first argument is not a context.Context")
	}
	for i := 1; i <= len(o.pathParams); i++ {
		if mt.In(i).Kind() != reflect.String {
			return s, fmt.Errorf("argument %d (path parameter %s) is not a string", i, o.pathParams[i-1].Name)
		}
	}
	for _, i := range []int{s.body, s.params} {
		if i >= 0 && (mt.In(i).Kind() != reflect.Pointer || mt.In(i).Elem().Kind() != reflect.Struct) {
			return s, fmt.Errorf("argument %d is %s, want a pointer to a struct", i, mt.In(i))
		}
	}
	if n := mt.NumOut(); n < 1 || n > 2 || mt.Out(n-1) != reflect.TypeFor[error]() {
		return s, errors.New("the method does not return (T, error) or error")
	}
	return s, nil
}

// buildParams fills the params struct from the contract's parameter values and returns the query and headers
// the request must carry.
func buildParams(t *testing.T, c *sdkContract, o *operation, cs opCase, sg sig) (reflect.Value, url.Values, map[string]string) {
	t.Helper()
	if sg.params < 0 {
		return reflect.Value{}, nil, nil
	}
	m, err := methodOf(c, o)
	if err != nil {
		t.Fatal(err)
	}
	pv := reflect.New(m.Type().In(sg.params).Elem())
	q := url.Values{}
	h := map[string]string{}
	for _, p := range o.otherParams {
		arg, ok := cs.params[p.Name]
		if !ok {
			arg, ok = c.params[p.Name]
		}
		if !ok {
			t.Errorf("no contract value for %s parameter %q: add it to the SDK's params", p.In, p.Name)
			continue
		}
		if err := validWire(p, arg.wire); err != nil {
			t.Errorf("the contract value %q of %s parameter %q does not match its schema: %v", arg.wire, p.In, p.Name, err)
		}
		f := pv.Elem().FieldByName(arg.field)
		if !f.IsValid() {
			t.Errorf("%s has no field %s (for %s parameter %q)", pv.Type().Elem(), arg.field, p.In, p.Name)
			continue
		}
		if err := setFromText(f, arg.wire); err != nil {
			t.Errorf("%s.%s = %q: %v", pv.Type().Elem(), arg.field, arg.wire, err)
			continue
		}
		switch p.In {
		case openapi3.ParameterInQuery:
			q.Add(p.Name, arg.wire)
		case openapi3.ParameterInHeader:
			h[p.Name] = arg.wire
		default:
			t.Errorf("parameter %q in %s: not supported by the harness", p.Name, p.In)
		}
	}
	return pv, q, h
}

// validWire checks a parameter's text against the parameter's schema.
func validWire(p *openapi3.Parameter, wire string) error {
	if p.Schema == nil || p.Schema.Value == nil {
		return nil
	}
	sch := p.Schema.Value
	var v any = wire
	switch {
	case sch.Type.Is("integer"), sch.Type.Is("number"):
		f, err := strconv.ParseFloat(wire, 64)
		if err != nil {
			return err
		}
		v = f
	case sch.Type.Is("boolean"):
		b, err := strconv.ParseBool(wire)
		if err != nil {
			return err
		}
		v = b
	case sch.Type.Is("array"):
		v = []any{wire}
	}
	if err := sch.VisitJSON(v); err != nil {
		return errors.New(firstLine(err.Error()))
	}
	return nil
}

// setFromText sets f (a value or a pointer to one) by parsing text.
func setFromText(f reflect.Value, text string) error {
	if f.Kind() == reflect.Pointer {
		v := reflect.New(f.Type().Elem())
		if err := setFromText(v.Elem(), text); err != nil {
			return err
		}
		f.Set(v)
		return nil
	}
	if u, ok := f.Addr().Interface().(interface{ UnmarshalText([]byte) error }); ok {
		return u.UnmarshalText([]byte(text))
	}
	if _, ok := f.Interface().(interface{ IsSet() bool }); ok && f.Kind() == reflect.Struct && f.FieldByName("Value").IsValid() {
		// An SDK's Opt[T]: the value parsed as T, then decoded into the Opt so that a zero is set too.
		v := reflect.New(f.FieldByName("Value").Type())
		if err := setFromText(v.Elem(), text); err != nil {
			return err
		}
		b, err := json.Marshal(v.Interface())
		if err != nil {
			return err
		}
		return json.Unmarshal(b, f.Addr().Interface())
	}
	switch f.Kind() {
	case reflect.String:
		f.SetString(text)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(text, 10, f.Type().Bits())
		if err != nil {
			return err
		}
		f.SetInt(n)
	case reflect.Float32, reflect.Float64:
		n, err := strconv.ParseFloat(text, f.Type().Bits())
		if err != nil {
			return err
		}
		f.SetFloat(n)
	case reflect.Bool:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return err
		}
		f.SetBool(b)
	case reflect.Slice:
		if f.Type().Elem().Kind() != reflect.String {
			return fmt.Errorf("cannot set a %s from text", f.Type())
		}
		f.Set(reflect.Append(f, reflect.ValueOf(text).Convert(f.Type().Elem())))
	default:
		return fmt.Errorf("cannot set a %s from text", f.Type())
	}
	return nil
}
