package specs_test

// The spec lint: every spec listed in opgen.yaml must pass these rules (each problem is reported as
// "specs/<file>:line:col: <JSON pointer>: <rule>: message"). TestLintRules proves that each rule fires on a small
// bad spec, so the lint cannot silently stop working.

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/opgen-sdk/opgen/internal/shared"
	"github.com/opgen-sdk/opgen/internal/spec"
)

// Rule names, the prefix of every message.
const (
	ruleVersion     = "openapi-version"
	ruleLoad        = "spec-invalid"
	ruleOperationID = "operation-id"
	ruleSummary     = "operation-summary"
	ruleTag         = "operation-tag"
	ruleResource    = "opgen-resource"
	ruleMethod      = "opgen-method"
	ruleDuplicate   = "opgen-duplicate-method"
	ruleExample     = "example-invalid"
	ruleUnused      = "component-unused"
	rulePathParam   = "path-parameter"
	ruleMoney       = "amount-float"
	ruleDocNote     = "doc-note-format"
)

// moneyInMinorUnits lists the specs whose amounts are integers in minor units (cents). In every other spec
// amounts are decimals, and an integer amount field is a mistake.
var moneyInMinorUnits = map[string]bool{"culqi.yaml": true}

// target is one entry of opgen.yaml.
type target struct {
	Spec    string `yaml:"spec"`
	Package string `yaml:"package"`
}

func readTargets(t *testing.T) []target {
	t.Helper()
	data, err := os.ReadFile("opgen.yaml")
	if err != nil {
		t.Fatalf("read opgen.yaml: %v", err)
	}
	var cfg struct {
		Targets []target `yaml:"targets"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf("opgen.yaml: %v", err)
	}
	if len(cfg.Targets) == 0 {
		t.Fatal("opgen.yaml lists no targets")
	}
	return cfg.Targets
}

func TestLint(t *testing.T) {
	for _, tg := range readTargets(t) {
		t.Run(tg.Spec, func(t *testing.T) {
			probs, err := lintFile(tg.Spec, "specs/"+tg.Spec, !moneyInMinorUnits[filepath.Base(tg.Spec)])
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range probs {
				t.Error(p.String())
			}
		})
	}
}

// TestDocNoteSources checks that every section a doc note cites is a heading (or, for the client README, a
// call) of the document it names, so a reader can find it.
func TestDocNoteSources(t *testing.T) {
	text := map[string]string{}
	for _, d := range documents {
		if d.file == "" {
			continue
		}
		folder, file := path.Split(d.file)
		data, err := os.ReadFile(filepath.Join(shared.Need(t, path.Clean(folder)), file))
		if err != nil {
			t.Fatal(err)
		}
		text[d.title] = strings.Join(strings.Fields(string(data)), " ")
	}
	for _, tg := range readTargets(t) {
		root, err := parseYAML(tg.Spec)
		if err != nil {
			t.Fatal(err)
		}
		walkYAML(root, "#", func(ptr string, key, val *yaml.Node) {
			if key.Value != "x-opgen-doc-note" || val.Kind != yaml.ScalarNode {
				return
			}
			where := fmt.Sprintf("specs/%s:%d:%d: %s", tg.Spec, key.Line, key.Column, ptr)
			for title, heads := range citedSections(val.Value) {
				if _, ok := text[title]; !ok {
					continue // a client's repository: no text here to check against
				}
				for _, h := range heads {
					h = strings.TrimPrefix(strings.TrimSuffix(h, " sample"), "the ")
					if h == "paths" || strings.Contains(text[title], h) {
						continue
					}
					t.Errorf("%s: the note cites %q in %s, which the document does not contain", where, h, title)
				}
			}
		})
	}
}

// lintFile lints the spec at path (display is the name used in messages). decimalMoney: the spec's amounts are
// decimals (an integer amount field is then a problem too).
func lintFile(path, display string, decimalMoney bool) (spec.Problems, error) {
	d, err := spec.Load(context.Background(), path, spec.LoadOptions{Lenient: true, DisplayPath: display})
	if err != nil {
		return nil, err
	}
	root, err := parseYAML(path)
	if err != nil {
		return nil, err
	}
	l := &linter{d: d, root: root, display: display, decimalMoney: decimalMoney, seen: map[string]bool{}}
	for _, w := range d.Warnings {
		l.probs = append(l.probs, spec.Problem{File: display, Message: ruleLoad + ": " + w})
	}
	l.run()
	l.probs.Sort()
	return l.probs, nil
}

type linter struct {
	d            *spec.Doc
	root         *yaml.Node
	display      string
	decimalMoney bool
	probs        spec.Problems
	seen         map[string]bool
}

func (l *linter) add(rule, ptr, format string, args ...any) {
	msg := rule + ": " + fmt.Sprintf(format, args...)
	if l.seen[ptr+"\x00"+msg] {
		return
	}
	l.seen[ptr+"\x00"+msg] = true
	line, col := l.d.Position(ptr)
	l.probs = append(l.probs, spec.Problem{File: l.display, Line: line, Col: col, Pointer: ptr, Message: msg})
}

func (l *linter) run() {
	if !strings.HasPrefix(l.d.Version, "3.0.") {
		l.add(ruleVersion, "#/openapi", "the spec is OpenAPI %q; our specs are written in OpenAPI 3.0.x", l.d.Version)
	}
	l.components()
	l.paths()
	l.unused()
	l.docNotes()
}

// ptr joins a JSON pointer and unescaped tokens.
func ptr(base string, toks ...string) string {
	var b strings.Builder
	b.WriteString(base)
	for _, t := range toks {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1"))
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func isLocalRef(ref string) bool { return strings.HasPrefix(ref, "#/") }

// ---- operations and paths

var (
	pathParamRe = regexp.MustCompile(`\{([^{}]+)\}`)
	resourceRe  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$`)
	methodRe    = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
)

func (l *linter) paths() {
	if l.d.T.Paths == nil {
		return
	}
	type site struct{ ptr, route string }
	methods := map[string]site{}
	for _, path := range sortedKeys(l.d.T.Paths.Map()) {
		item := l.d.T.Paths.Value(path)
		pptr := ptr("#/paths", path)
		for i, p := range item.Parameters {
			l.parameter(ptr(pptr, "parameters", strconv.Itoa(i)), p)
		}
		ops := item.Operations()
		for _, m := range sortedKeys(ops) {
			op := ops[m]
			optr := ptr(pptr, strings.ToLower(m))
			route := m + " " + path
			if op.OperationID == "" {
				l.add(ruleOperationID, optr, "%s has no operationId", route)
			}
			if strings.TrimSpace(op.Summary) == "" {
				l.add(ruleSummary, optr, "%s has no summary", route)
			}
			if len(op.Tags) == 0 {
				l.add(ruleTag, optr, "%s has no tag", route)
			}
			res, resOK := op.Extensions["x-opgen-resource"].(string)
			switch {
			case !resOK || res == "":
				l.add(ruleResource, optr, "%s has no x-opgen-resource (a dotted service path, e.g. customers.cards)", route)
			case !resourceRe.MatchString(res):
				l.add(ruleResource, ptr(optr, "x-opgen-resource"), "x-opgen-resource %q is not a dotted path of identifiers", res)
			}
			meth, methOK := op.Extensions["x-opgen-method"].(string)
			switch {
			case !methOK || meth == "":
				l.add(ruleMethod, optr, "%s has no x-opgen-method (the Go method name, e.g. Create)", route)
			case !methodRe.MatchString(meth):
				l.add(ruleMethod, ptr(optr, "x-opgen-method"), "x-opgen-method %q is not an exported Go identifier", meth)
			}
			if resOK && methOK && res != "" && meth != "" {
				key := strings.ToLower(res) + "." + meth
				if prev, dup := methods[key]; dup {
					l.add(ruleDuplicate, optr, "%s and %s are both %s.%s", prev.route, route, res, meth)
				} else {
					methods[key] = site{optr, route}
				}
			}
			for i, p := range op.Parameters {
				l.parameter(ptr(optr, "parameters", strconv.Itoa(i)), p)
			}
			if op.RequestBody != nil {
				l.requestBody(ptr(optr, "requestBody"), op.RequestBody)
			}
			if op.Responses != nil {
				for _, code := range sortedKeys(op.Responses.Map()) {
					l.response(ptr(optr, "responses", code), op.Responses.Value(code))
				}
			}
			l.pathParams(path, optr, item.Parameters, op.Parameters)
		}
	}
}

// pathParams checks that the {names} of the path template and the path parameters declared (on the path item
// or the operation) are the same.
func (l *linter) pathParams(path, optr string, itemParams, opParams openapi3.Parameters) {
	inTemplate := map[string]bool{}
	for _, m := range pathParamRe.FindAllStringSubmatch(path, -1) {
		inTemplate[m[1]] = true
	}
	declared := map[string]bool{}
	check := func(base string, params openapi3.Parameters) {
		for i, p := range params {
			if p == nil || p.Value == nil || p.Value.In != openapi3.ParameterInPath {
				continue
			}
			declared[p.Value.Name] = true
			if !inTemplate[p.Value.Name] {
				l.add(rulePathParam, ptr(base, "parameters", strconv.Itoa(i)), "path parameter %q is declared but the path %s has no {%s}", p.Value.Name, path, p.Value.Name)
			}
		}
	}
	check(strings.TrimSuffix(optr, optr[strings.LastIndexByte(optr, '/'):]), itemParams)
	check(optr, opParams)
	for _, name := range sortedKeys(inTemplate) {
		if !declared[name] {
			l.add(rulePathParam, optr, "the path %s has {%s} but no path parameter %q is declared", path, name, name)
		}
	}
}

// ---- components

func (l *linter) components() {
	c := l.d.T.Components
	if c == nil {
		return
	}
	for _, name := range sortedKeys(c.Schemas) {
		l.schema(ptr("#/components/schemas", name), c.Schemas[name], true)
	}
	for _, name := range sortedKeys(c.Parameters) {
		l.parameter(ptr("#/components/parameters", name), c.Parameters[name])
	}
	for _, name := range sortedKeys(c.Headers) {
		l.header(ptr("#/components/headers", name), c.Headers[name])
	}
	for _, name := range sortedKeys(c.RequestBodies) {
		l.requestBody(ptr("#/components/requestBodies", name), c.RequestBodies[name])
	}
	for _, name := range sortedKeys(c.Responses) {
		l.response(ptr("#/components/responses", name), c.Responses[name])
	}
}

// schema checks the schema at p (examples, amount fields) and its inline subschemas. A local $ref is checked
// where its target is defined; a component schema that is an alias ($ref) is skipped for the same reason.
func (l *linter) schema(p string, s *openapi3.SchemaRef, component bool) {
	if s == nil || s.Value == nil || (isLocalRef(s.Ref) && !component) || (component && s.Ref != "") {
		return
	}
	v := s.Value
	if v.Example != nil {
		l.example(ptr(p, "example"), s, v.Example, "")
	}
	for _, name := range sortedKeys(v.Properties) {
		pp := ptr(p, "properties", name)
		l.money(pp, name, v.Properties[name])
		l.schema(pp, v.Properties[name], false)
	}
	l.schema(ptr(p, "items"), v.Items, false)
	if v.AdditionalProperties.Schema != nil {
		l.schema(ptr(p, "additionalProperties"), v.AdditionalProperties.Schema, false)
	}
	for kw, list := range map[string]openapi3.SchemaRefs{"allOf": v.AllOf, "oneOf": v.OneOf, "anyOf": v.AnyOf} {
		for i, sub := range list {
			l.schema(ptr(p, kw, strconv.Itoa(i)), sub, false)
		}
	}
	l.schema(ptr(p, "not"), v.Not, false)
}

func (l *linter) parameter(p string, pr *openapi3.ParameterRef) {
	if pr == nil || pr.Value == nil || isLocalRef(pr.Ref) {
		return
	}
	v := pr.Value
	l.money(p, v.Name, v.Schema)
	l.schema(ptr(p, "schema"), v.Schema, false)
	if v.Example != nil && v.Schema != nil {
		l.example(ptr(p, "example"), v.Schema, v.Example, "request")
	}
	for _, name := range sortedKeys(v.Examples) {
		if ex := v.Examples[name]; ex != nil && ex.Value != nil && v.Schema != nil {
			l.example(ptr(p, "examples", name, "value"), v.Schema, ex.Value.Value, "request")
		}
	}
	l.content(ptr(p, "content"), v.Content, "request")
}

func (l *linter) header(p string, hr *openapi3.HeaderRef) {
	if hr == nil || hr.Value == nil || isLocalRef(hr.Ref) {
		return
	}
	v := hr.Value
	l.schema(ptr(p, "schema"), v.Schema, false)
	if v.Example != nil && v.Schema != nil {
		l.example(ptr(p, "example"), v.Schema, v.Example, "response")
	}
	for _, name := range sortedKeys(v.Examples) {
		if ex := v.Examples[name]; ex != nil && ex.Value != nil && v.Schema != nil {
			l.example(ptr(p, "examples", name, "value"), v.Schema, ex.Value.Value, "response")
		}
	}
	l.content(ptr(p, "content"), v.Content, "response")
}

func (l *linter) requestBody(p string, rb *openapi3.RequestBodyRef) {
	if rb == nil || rb.Value == nil || isLocalRef(rb.Ref) {
		return
	}
	l.content(ptr(p, "content"), rb.Value.Content, "request")
}

func (l *linter) response(p string, r *openapi3.ResponseRef) {
	if r == nil || r.Value == nil || isLocalRef(r.Ref) {
		return
	}
	for _, name := range sortedKeys(r.Value.Headers) {
		l.header(ptr(p, "headers", name), r.Value.Headers[name])
	}
	l.content(ptr(p, "content"), r.Value.Content, "response")
}

func (l *linter) content(p string, c openapi3.Content, dir string) {
	for _, mt := range sortedKeys(c) {
		m := c[mt]
		if m == nil {
			continue
		}
		mp := ptr(p, mt)
		l.schema(ptr(mp, "schema"), m.Schema, false)
		if m.Schema == nil && (m.Example != nil || len(m.Examples) > 0) {
			l.add(ruleExample, mp, "examples without a schema cannot be checked: add the schema")
			continue
		}
		if m.Example != nil {
			l.example(ptr(mp, "example"), m.Schema, m.Example, dir)
		}
		for _, name := range sortedKeys(m.Examples) {
			if ex := m.Examples[name]; ex != nil && ex.Value != nil {
				l.example(ptr(mp, "examples", name, "value"), m.Schema, ex.Value.Value, dir)
			}
		}
	}
}

// example validates value against s with kin-openapi, as a request or response value (dir) when known, as the mock
// validates (exampleOptions: ECMA-262 patterns, email and uuid formats). An example may show an alternative wire
// form the schema accepts (x-opgen-also-accept), as the document printed it: it is judged in its canonical form, as
// the mock and the SDK read it (a "0" where minimum is 1 is still refused).
func (l *linter) example(p string, s *openapi3.SchemaRef, value any, dir string) {
	if s == nil || s.Value == nil {
		return
	}
	value = canonicalCopy(value, s.Value)
	opts := append([]openapi3.SchemaValidationOption{}, exampleOptions...)
	switch dir {
	case "request":
		opts = append(opts, openapi3.VisitAsRequest())
	case "response":
		opts = append(opts, openapi3.VisitAsResponse())
	}
	err := s.Value.VisitJSON(value, opts...)
	for _, e := range flatten(err) {
		at, msg := p, e.Error()
		if se, ok := e.(*openapi3.SchemaError); ok {
			at = ptr(p, se.JSONPointer()...)
			msg = se.Reason
			if se.Origin != nil {
				msg = se.Origin.Error()
			}
			if msg == "" {
				msg = "does not match the schema's " + se.SchemaField
			}
		}
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if at == p {
			// An error inside oneOf/anyOf/allOf names its place in the message only.
			if m := nestedAtRe.FindStringSubmatch(msg); m != nil {
				at = ptr(p, strings.Split(strings.TrimPrefix(m[1], "/"), "/")...)
			}
		}
		l.add(ruleExample, at, "the example does not validate against its schema: %s", msg)
	}
}

var nestedAtRe = regexp.MustCompile(`Error at "(/[^"]+)"`)

func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if me, ok := err.(openapi3.MultiError); ok {
		var out []error
		for _, e := range me {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// ---- amounts

// moneyWords are the name parts that make a property an amount of money.
var moneyWords = map[string]bool{
	"amount": true, "amounts": true, "fee": true, "fees": true, "tax": true, "taxes": true, "iva": true,
	"price": true, "prices": true, "total": true, "subtotal": true, "balance": true, "commission": true,
	"cost": true, "discount": true, "surcharge": true, "cashback": true,
}

// nameWords splits snake_case, kebab-case and camelCase names into lower-case words.
func nameWords(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case r == '_' || r == '-' || r == '.' || r == '[' || r == ']' || r == ' ':
			flush()
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}

func isMoneyName(name string) bool {
	for _, w := range nameWords(name) {
		if moneyWords[w] {
			return true
		}
	}
	return false
}

// money reports an amount field (by its name) typed as a float, or as an integer in a spec of decimal amounts.
// The type may sit behind a wrapper: array items, or allOf/oneOf/anyOf (e.g. allOf: [{$ref: Amount}] to add a
// description).
func (l *linter) money(p, name string, s *openapi3.SchemaRef) {
	if !isMoneyName(name) {
		return
	}
	l.moneyType(p, name, s, 0)
}

func (l *linter) moneyType(p, name string, s *openapi3.SchemaRef, depth int) {
	if s == nil || s.Value == nil || depth > 8 {
		return
	}
	v := s.Value
	switch {
	case v.Type.Is("array"):
		l.moneyType(p, name, v.Items, depth+1)
	case v.Type.Is("number") && v.Format != "decimal":
		l.add(ruleMoney, p, "amount field %q is a plain float (type: number, format %q): use format: decimal", name, v.Format)
	case v.Type.Is("integer") && l.decimalMoney:
		l.add(ruleMoney, p, "amount field %q is an integer, but this spec's amounts are decimals: use type: number, format: decimal", name)
	}
	for _, list := range []openapi3.SchemaRefs{v.AllOf, v.OneOf, v.AnyOf} {
		for _, sub := range list {
			l.moneyType(p, name, sub, depth+1)
		}
	}
}

// ---- unused components

// checkedKinds are the component sections whose entries must be used.
var checkedKinds = []string{"schemas", "responses", "parameters", "requestBodies", "headers", "examples"}

var kindNames = map[string]string{
	"schemas": "schema", "responses": "response", "parameters": "parameter", "requestBodies": "request body",
	"headers": "header", "examples": "example",
}

// unused reports components that nothing outside #/components reaches through $refs (discriminator mappings
// count), except what is marked x-opgen-webhook-payload: true (the webhook payload schema, or a request body that
// carries the webhook's examples: webhooks are not operations in OpenAPI 3.0) and what that references.
func (l *linter) unused() {
	top := mapping(l.root)
	comps := mapping(get(top, "components"))
	reached := map[string]bool{}
	var queue []string
	reach := func(ref string) {
		toks := strings.Split(strings.TrimPrefix(ref, "#/"), "/")
		if len(toks) < 3 || toks[0] != "components" {
			return
		}
		key := toks[1] + "/" + strings.ReplaceAll(strings.ReplaceAll(toks[2], "~1", "/"), "~0", "~")
		if !reached[key] {
			reached[key] = true
			queue = append(queue, key)
		}
	}
	collectRefs := func(n *yaml.Node) {
		walkYAML(n, "", func(_ string, key, val *yaml.Node) {
			switch {
			case key.Value == "$ref" && val.Kind == yaml.ScalarNode:
				reach(val.Value)
			case key.Value == "mapping" && val.Kind == yaml.MappingNode:
				for i := 1; i < len(val.Content); i += 2 {
					reach(val.Content[i].Value)
				}
			}
		})
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value != "components" {
			collectRefs(top.Content[i+1])
		}
	}
	for i := 0; i+1 < len(comps.Content); i += 2 {
		kind, section := comps.Content[i].Value, comps.Content[i+1]
		for j := 0; j+1 < len(section.Content); j += 2 {
			name, body := section.Content[j].Value, section.Content[j+1]
			if kind == "securitySchemes" || isTrue(get(body, "x-opgen-webhook-payload")) {
				reach("#/components/" + kind + "/" + name)
			}
		}
	}
	for len(queue) > 0 {
		key := queue[0]
		queue = queue[1:]
		kind, name, _ := strings.Cut(key, "/")
		collectRefs(get(get(comps, kind), name))
	}
	for _, kind := range checkedKinds {
		section := get(comps, kind)
		if section == nil {
			continue
		}
		for j := 0; j+1 < len(section.Content); j += 2 {
			name := section.Content[j].Value
			if !reached[kind+"/"+name] {
				l.add(ruleUnused, ptr("#/components", kind, name), "%s %q is not used by any operation, webhook payload or used component: use it or remove it", kindNames[kind], name)
			}
		}
	}
}

// ---- doc notes

// documents are the providers' documents the specs are written from, by the title a doc note cites them with,
// and the file in ../shared that holds each. Notes name the title and a section (a heading of the document), never
// the file: a user reading a Go doc comment cannot open "003_ad20851c3e1a3077.txt line 8832".
var documents = []struct{ title, file string }{
	{"Openpay México API reference", "seeds/003_ad20851c3e1a3077.txt"},
	{"Openpay Perú API reference", "seeds/001_2b681803d18d61aa.txt"},
	{"Openpay Node.js client README", "seeds/000_751140ee5541e50f.txt"},
	{"Sky integration API definition", "seeds/002_d3055be46e29ffa7.txt"},
	{"Culqi OpenAPI file", "seeds/004_27bb1c21f9bc809f.txt"},
	{"Culqi API v2 facts sheet", "reference/culqi-api-v2.md"},
	{"Openpay Colombia facts sheet", "reference/openpay-co.md"},
	// The providers' official clients, cited by name where an operation or a wire form comes from what they send
	// (issue 15 point 9). Their sources are public repositories, not files in ../shared: sections are not checked.
	{"openpay-node 2.x", ""},
	{"culqi-python", ""},
}

// docNoteRe: a note starts with a document's title and where in it: " (<section> > <subsection>)" with the
// document's own headings, or " §N" for the facts sheets.
var docNoteRe = func() *regexp.Regexp {
	var titles []string
	for _, d := range documents {
		titles = append(titles, regexp.QuoteMeta(d.title))
	}
	return regexp.MustCompile(`^(?:` + strings.Join(titles, "|") + `)(?:\s*\((?:[^()]|\([^()]*\))+\)|\s+§\s*\d[\d.]*)`)
}()

// fileNameRe finds a seed or reference file name, which a note must not show.
var fileNameRe = regexp.MustCompile(`\b\d{3}_[0-9a-f]{8,}\.txt\b|\b[\w-]+\.(?:txt|md)\b`)

// internalRefRe finds what only we can follow in prose a user reads: a document called "the seed" or by its number
// in ../shared ("001 gives", "Seed 000"), or a line number of a file ("line 8832", "lines 1344-1489").
var internalRefRe = regexp.MustCompile(`(?i)\bseeds?\b|\blines? \d{2,}|(?:^|[\s(])00[0-4](?:[\s),;:.]|$)`)

// proseKeys are the keys whose text reaches Go doc comments, the README or DOC-NOTES.md.
var proseKeys = map[string]bool{"description": true, "summary": true, "title": true, "x-opgen-doc-note": true}

func (l *linter) docNotes() {
	walkYAML(l.root, "#", func(p string, key, val *yaml.Node) {
		if proseKeys[key.Value] && val.Kind == yaml.ScalarNode && !strings.Contains(p, "/example") {
			if m := internalRefRe.FindString(val.Value); m != "" {
				l.add(ruleDocNote, p, "the text cites %q, which a user cannot follow: name the document by its title and section, without line numbers", strings.TrimSpace(m))
			}
		}
		if key.Value != "x-opgen-doc-note" {
			return
		}
		note := strings.TrimSpace(val.Value)
		switch {
		case val.Kind != yaml.ScalarNode:
			l.add(ruleDocNote, p, "x-opgen-doc-note must be a string")
		case !docNoteRe.MatchString(note):
			l.add(ruleDocNote, p, `x-opgen-doc-note must start with the document's title and section: "Openpay México API reference (Charges > Get a charge): ..." or "Culqi API v2 facts sheet §4: ..."; got %q`, abbreviate(note, 60))
		case fileNameRe.MatchString(note):
			l.add(ruleDocNote, p, "x-opgen-doc-note names a file (%s) a user cannot open: cite the document by its title and section", fileNameRe.FindString(note))
		case len(note)-len(docNoteRe.FindString(note)) < 10:
			l.add(ruleDocNote, p, "x-opgen-doc-note names its source but does not say what was resolved and how")
		}
	})
}

// citedSections returns, for each document a note cites ("<title> (A > B; C)"), the headings it names.
func citedSections(note string) map[string][]string {
	out := map[string][]string{}
	for _, d := range documents {
		rest := note
		for {
			k := strings.Index(rest, d.title+" (")
			if k < 0 {
				break
			}
			rest = rest[k+len(d.title)+2:]
			depth, end := 0, len(rest)
		scan:
			for i, r := range rest {
				switch r {
				case '(':
					depth++
				case ')':
					if depth == 0 {
						end = i
						break scan
					}
					depth--
				}
			}
			for _, sec := range strings.Split(rest[:end], ";") {
				for _, h := range strings.Split(sec, " > ") {
					if h = strings.TrimSpace(strings.Join(strings.Fields(h), " ")); h != "" {
						out[d.title] = append(out[d.title], h)
					}
				}
			}
		}
	}
	return out
}

func abbreviate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "..."
	}
	return s
}

// ---- raw YAML helpers

func parseYAML(path string) (*yaml.Node, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty document", path)
	}
	return doc.Content[0], nil
}

func mapping(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return &yaml.Node{Kind: yaml.MappingNode}
	}
	return n
}

func get(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func isTrue(n *yaml.Node) bool { return n != nil && n.Kind == yaml.ScalarNode && n.Value == "true" }

// walkYAML calls fn for every mapping entry under n, with the entry's JSON pointer.
func walkYAML(n *yaml.Node, p string, fn func(p string, key, val *yaml.Node)) {
	if n == nil {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			kp := ptr(p, n.Content[i].Value)
			fn(kp, n.Content[i], n.Content[i+1])
			walkYAML(n.Content[i+1], kp, fn)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			walkYAML(c, ptr(p, strconv.Itoa(i)), fn)
		}
	}
}

// ---- self-test

// miniSpec is a small valid spec that every rule passes; the self-test cases break it in one place each.
const miniSpec = `openapi: 3.0.3
info: {title: mini, version: "1"}
servers:
  - url: https://api.example.com/v1
paths:
  /charges/{charge_id}:
    parameters:
      - $ref: '#/components/parameters/ChargeID'
    get:
      operationId: getCharge
      summary: Get a charge
      tags: [Charges]
      x-opgen-resource: charges
      x-opgen-method: Get
      x-opgen-doc-note: "Openpay México API reference (Charges > Get a charge): the document writes {id}; named charge_id"
      responses:
        "200":
          description: The charge.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Charge'}
              examples:
                charge: {$ref: '#/components/examples/Charge'}
components:
  parameters:
    ChargeID: {name: charge_id, in: path, required: true, schema: {type: string}}
  examples:
    Charge:
      value: {id: ch_1, amount: 10.50, fee: {amount: 0.30}}
  schemas:
    Charge:
      type: object
      required: [id]
      properties:
        id: {type: string}
        amount: {type: number, format: decimal, example: 99.99}
        fee: {$ref: '#/components/schemas/Fee'}
    Fee:
      type: object
      properties:
        amount: {type: number, format: decimal}
    Event:
      type: object
      x-opgen-webhook-payload: true
      properties:
        data: {$ref: '#/components/schemas/EventData'}
    EventData:
      type: object
      properties:
        total_amount: {type: number, format: decimal}
`

func TestLintRules(t *testing.T) {
	cases := []struct {
		name        string
		old, new    string // replace old by new in miniSpec
		minorUnits  bool
		rule, inMsg string // expected: a problem of this rule whose message contains inMsg
		pointer     string // and at this pointer
	}{
		{name: "clean"},
		{name: "clean, minor units", minorUnits: true},
		{name: "3.1", old: "openapi: 3.0.3", new: "openapi: 3.1.0", rule: ruleVersion, pointer: "#/openapi"},
		{name: "no operationId", old: "      operationId: getCharge\n", rule: ruleOperationID, pointer: "#/paths/~1charges~1{charge_id}/get"},
		{name: "no summary", old: "      summary: Get a charge\n", rule: ruleSummary},
		{name: "no tag", old: "      tags: [Charges]\n", rule: ruleTag},
		{name: "no resource", old: "      x-opgen-resource: charges\n", rule: ruleResource},
		{name: "bad resource", old: "x-opgen-resource: charges", new: "x-opgen-resource: charges/cards", rule: ruleResource},
		{name: "no method", old: "      x-opgen-method: Get\n", rule: ruleMethod},
		{name: "bad method", old: "x-opgen-method: Get", new: "x-opgen-method: get", rule: ruleMethod},
		{
			name: "duplicate method", rule: ruleDuplicate,
			old: "components:\n", new: "  /charges:\n    get:\n      operationId: listCharges\n      summary: List\n      tags: [Charges]\n" +
				"      x-opgen-resource: charges\n      x-opgen-method: Get\n      responses:\n        \"200\": {description: ok}\ncomponents:\n",
		},
		{name: "example: wrong type", old: "value: {id: ch_1,", new: "value: {id: 1,", rule: ruleExample, inMsg: "string", pointer: "#/paths/~1charges~1{charge_id}/get/responses/200/content/application~1json/examples/charge/value/id"},
		{name: "example: nested, through $ref", old: "fee: {amount: 0.30}", new: "fee: {amount: \"0.30\"}", rule: ruleExample, pointer: "#/paths/~1charges~1{charge_id}/get/responses/200/content/application~1json/examples/charge/value/fee/amount"},
		{name: "example: missing required", old: "value: {id: ch_1, ", new: "value: {", rule: ruleExample, inMsg: "id"},
		{name: "schema example", old: "example: 99.99", new: "example: cheap", rule: ruleExample, pointer: "#/components/schemas/Charge/properties/amount/example"},
		{name: "example in an accepted wire form", old: "example: 99.99", new: "x-opgen-also-accept: [string], example: \"99.99\""},
		{name: "example in a wire form not accepted", old: "example: 99.99", new: "example: \"99.99\"", rule: ruleExample, pointer: "#/components/schemas/Charge/properties/amount/example"},
		{name: "example in an accepted wire form, out of bounds", old: "example: 99.99", new: "minimum: 1, x-opgen-also-accept: [string], example: \"0\"", rule: ruleExample, inMsg: "at least 1"},
		{name: "example against an ECMA-262 pattern", old: "id: {type: string}", new: "id: {type: string, pattern: '^ch_(?!1)[a-z0-9]+$'}", rule: ruleExample, inMsg: "regular expression"},
		{
			name: "parameter example", rule: ruleExample, pointer: "#/components/parameters/ChargeID/example",
			old: "schema: {type: string}}", new: "schema: {type: string, pattern: '^ch_'}, example: xx_1}",
		},
		{name: "unused schema", old: "    Fee:\n", new: "    Unused: {type: string}\n    Fee:\n", rule: ruleUnused, pointer: "#/components/schemas/Unused"},
		{name: "unused example object", old: "\n  examples:\n", new: "\n  examples:\n    Spare: {value: 1}\n", rule: ruleUnused, pointer: "#/components/examples/Spare"},
		{name: "unused header", old: "\n  examples:\n", new: "\n  headers:\n    X-Id: {schema: {type: string}}\n  examples:\n", rule: ruleUnused, pointer: "#/components/headers/X-Id"},
		{
			name: "webhook examples in a marked request body",
			old:  "\n  examples:\n", new: "\n  requestBodies:\n    Hook:\n      x-opgen-webhook-payload: true\n      content:\n        application/json:\n          schema: {$ref: '#/components/schemas/Event'}\n  examples:\n",
		},
		{
			name: "unmarked request body", rule: ruleUnused, pointer: "#/components/requestBodies/Hook",
			old: "\n  examples:\n", new: "\n  requestBodies:\n    Hook:\n      content:\n        application/json:\n          schema: {$ref: '#/components/schemas/Event'}\n  examples:\n",
		},
		{name: "webhook payload not marked", old: "      x-opgen-webhook-payload: true\n", rule: ruleUnused, pointer: "#/components/schemas/EventData"},
		{name: "path param undeclared", old: "    parameters:\n      - $ref: '#/components/parameters/ChargeID'\n", new: "", rule: rulePathParam, inMsg: "{charge_id}"},
		{name: "path param unused", old: "/charges/{charge_id}:", new: "/charges/{id}:", rule: rulePathParam, inMsg: `"charge_id" is declared`},
		{name: "amount float", old: "amount: {type: number, format: decimal, example", new: "amount: {type: number, format: double, example", rule: ruleMoney, pointer: "#/components/schemas/Charge/properties/amount"},
		{name: "nested amount float", old: "total_amount: {type: number, format: decimal}", new: "total_amount: {type: number}", rule: ruleMoney},
		{name: "amount integer in a decimal spec", old: "total_amount: {type: number, format: decimal}", new: "total_amount: {type: integer}", rule: ruleMoney, inMsg: "integer"},
		{name: "amount integer in a minor-units spec", minorUnits: true, old: "total_amount: {type: number, format: decimal}", new: "total_amount: {type: integer, format: int64}"},
		{
			name: "amount query parameter", rule: ruleMoney, pointer: "#/paths/~1charges~1{charge_id}/get/parameters/0",
			old: "      responses:\n        \"200\":\n          description: The charge.",
			new: "      parameters:\n        - {name: amount, in: query, schema: {type: number}}\n      responses:\n        \"200\":\n          description: The charge.",
		},
		{
			name: "amount float behind allOf", rule: ruleMoney, pointer: "#/components/schemas/EventData/properties/total_amount",
			old: "total_amount: {type: number, format: decimal}", new: "total_amount: {allOf: [{$ref: '#/components/schemas/Money'}], description: Total.}\n    Money: {type: number, format: double}",
		},
		{name: "amount float in an array", old: "total_amount: {type: number, format: decimal}", new: "total_amount: {type: array, items: {type: number}}", rule: ruleMoney},
		{name: "amount float in a minor-units spec", minorUnits: true, old: "total_amount: {type: number, format: decimal}", new: "total_amount: {type: number}", rule: ruleMoney},
		{name: "doc note without source", old: `"Openpay México API reference (Charges > Get a charge): `, new: `"the seed writes `, rule: ruleDocNote},
		{name: "description citing a line", old: `"Openpay México API reference (Charges > Get a charge): `, new: `"Openpay México API reference (Charges > Get a charge): line 8832 of the seed says `, rule: ruleDocNote},
		{name: "doc note citing a file", old: `"Openpay México API reference (Charges > Get a charge): `, new: `"003_ad20851c3e1a3077.txt line 12: `, rule: ruleDocNote},
		{name: "doc note naming a file later", old: `the document writes {id}`, new: `003_ad20851c3e1a3077.txt writes {id}`, rule: ruleDocNote, inMsg: "cannot open"},
		{name: "doc note with a section number", old: `"Openpay México API reference (Charges > Get a charge): `, new: `"Culqi API v2 facts sheet §4.2: `},
		{name: "invalid spec", old: "      responses:\n        \"200\":\n          description: The charge.\n", new: "      responses:\n        \"200\":\n", rule: ruleLoad},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := miniSpec
			if tc.old != "" {
				if !strings.Contains(src, tc.old) {
					t.Fatalf("the case's text %q is not in the mini spec", tc.old)
				}
				src = strings.Replace(src, tc.old, tc.new, 1)
			}
			path := filepath.Join(t.TempDir(), "mini.yaml")
			if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
				t.Fatal(err)
			}
			probs, err := lintFile(path, "mini.yaml", !tc.minorUnits)
			if err != nil {
				t.Fatal(err)
			}
			if tc.rule == "" {
				for _, p := range probs {
					t.Errorf("unexpected problem: %s", p)
				}
				return
			}
			for _, p := range probs {
				if strings.HasPrefix(p.Message, tc.rule+": ") && strings.Contains(p.Message, tc.inMsg) && (tc.pointer == "" || p.Pointer == tc.pointer) {
					if p.Line == 0 && tc.rule != ruleLoad {
						t.Errorf("problem without a line: %s", p)
					}
					return
				}
			}
			t.Errorf("no %s problem (message containing %q, pointer %q); got:\n%s", tc.rule, tc.inMsg, tc.pointer, probs.Error())
		})
	}
}

func TestCitedSections(t *testing.T) {
	got := citedSections("Openpay México API reference (Errors > Error codes; Cards > Card Object): the sample (Openpay Perú API reference (Cargos)) says")
	want := map[string][]string{"Openpay México API reference": {"Errors", "Error codes", "Cards", "Card Object"}, "Openpay Perú API reference": {"Cargos"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("citedSections = %v, want %v", got, want)
	}
}

func TestNameWords(t *testing.T) {
	for name, want := range map[string]bool{
		"amount": true, "total_amount": true, "totalAmount": true, "IVA": true, "fee_details": true, "priceList": true,
		"amount[gte]": true, "id": false, "taxpayer_id": false, "mount": false, "installments": false, "status": false,
	} {
		if got := isMoneyName(name); got != want {
			t.Errorf("isMoneyName(%q) = %v, want %v (words %q)", name, got, want, nameWords(name))
		}
	}
}
