package spec

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/pattern"
)

// validator validates a document piece by piece so that every problem is reported with its own pointer:
// kin-openapi's T.Validate stops at the first problem and does not say where it is.
type validator struct {
	d     *Doc
	ctx   context.Context
	probs Problems
	seen  map[string]bool // location+message, to report a problem met through several $refs once
	prune *pruner         // skips components already validated (see prune.go)
}

// refValidator is what every kin-openapi XRef type implements.
type refValidator interface {
	RefString() string
	Validate(ctx context.Context, opts ...openapi3.ValidationOption) error
}

func (d *Doc) validate(ctx context.Context) Problems {
	// Patterns are ECMA-262: one RE2 refuses (a look-ahead, a back-reference) is compiled as ECMAScript.
	opts := []openapi3.ValidationOption{openapi3.DisableExamplesValidation(), openapi3.EnableMultiError(), openapi3.SetRegexCompiler(pattern.Compile)}
	if d.T.IsOpenAPI31OrLater() {
		opts = append(opts, openapi3.IsOpenAPI31OrLater())
	}
	if d.T.IsOpenAPI32OrLater() {
		opts = append(opts, openapi3.IsOpenAPI32OrLater())
	}
	v := &validator{d: d, ctx: openapi3.WithValidationOptions(ctx, opts...), seen: map[string]bool{}, prune: newPruner()}
	v.document()
	v.probs.Sort()
	return v.probs
}

// add records a problem at ptr; line and column come from loc when given, else from the source.
func (v *validator) add(kind Kind, ptr string, loc *openapi3.Location, msg string) {
	p := Problem{File: v.d.display, Pointer: ptr, Message: msg, Kind: kind}
	if v.d.Version == "2.0" {
		p.Pointer = toV2Pointer(ptr)
	}
	if loc != nil && loc.Line > 0 {
		p.File, p.Line, p.Col = v.d.displayFile(loc.File), loc.Line, loc.Column
	} else {
		p.Line, p.Col = v.d.Position(ptr)
	}
	key := fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Message)
	if p.Line == 0 {
		key = p.Pointer + ": " + key
		if p.File == v.d.display {
			// A key missing from the document ("info", "paths"): the document itself is the place.
			p.Line, p.Col = v.d.Position("")
		}
	}
	if v.seen[key] {
		return
	}
	v.seen[key] = true
	v.probs = append(v.probs, p)
}

// check records every leaf of err (a kin-openapi validation error, possibly a MultiError) at ptr.
func (v *validator) check(ptr string, err error) {
	if err == nil {
		return
	}
	var me openapi3.MultiError
	if errors.As(err, &me) && isMulti(err) {
		for _, e := range me {
			v.check(ptr, e)
		}
		return
	}
	v.add(classify(err.Error()), ptr, errOrigin(err), explain(err.Error()))
}

func isMulti(err error) bool { _, ok := err.(openapi3.MultiError); return ok }

// ref validates a component or an inline element. A $ref to the same document is skipped: its target is
// validated where it is defined, so the problem is reported once, there.
func (v *validator) ref(ptr string, r refValidator) {
	if r == nil || reflect.ValueOf(r).IsNil() {
		v.add(KindEmpty, ptr, nil, "empty element: remove it or fill it in")
		return
	}
	if strings.HasPrefix(r.RefString(), "#") {
		return
	}
	err := v.prune.element(r).Validate(v.ctx)
	v.prune.validated(r, err)
	v.check(ptr, err)
}

func sortedKeys[M ~map[string]V, V any](m M) []string { return slices.Sorted(maps.Keys(m)) }

var componentNameRe = regexp.MustCompile(`^[a-zA-Z0-9._-]+$`)

func (v *validator) document() {
	t := v.d.T
	if t.Info == nil {
		v.add(KindInfoMissing, "#/info", nil, `"info" is required: add info with a title and a version`)
	} else {
		v.check("#/info", t.Info.Validate(v.ctx))
	}
	for i, s := range t.Servers {
		if s == nil {
			continue
		}
		v.server(pointer("servers", fmt.Sprint(i)), s)
	}
	if t.Tags != nil {
		v.check("#/tags", t.Tags.Validate(v.ctx))
	}
	if t.ExternalDocs != nil {
		v.check("#/externalDocs", t.ExternalDocs.Validate(v.ctx))
	}
	if t.Webhooks != nil && !t.IsOpenAPI31OrLater() {
		v.add(KindNewerKeyword, "#/webhooks", nil, `"webhooks" needs OpenAPI 3.1 or later: set openapi: 3.1.0 or remove webhooks`)
	}
	v.components()
	v.paths()
	for _, name := range sortedKeys(t.Webhooks) {
		if item := t.Webhooks[name]; item != nil {
			v.check(pointer("webhooks", name), item.Validate(v.ctx))
		}
	}
	v.security("#/security", &t.Security)
	v.operationIDs()
}

// server validates a server. kin-openapi reports a variable without a default at the server, as "field default is
// required in {...}": that one is reported here at the variable, saying what to do.
func (v *validator) server(ptr string, s *openapi3.Server) {
	for _, name := range sortedKeys(s.Variables) {
		if sv := s.Variables[name]; sv != nil && sv.Default == "" {
			v.add(KindServerVarDefault, ptr+"/variables/"+escapeToken(name), originKey(sv.Origin), fmt.Sprintf("server variable %q has no default: "+
				"give it one (an empty default is not allowed; a placeholder with x-opgen-required: true keeps the variable mandatory)", name))
		}
	}
	v.check(ptr, dropLeaves[*openapi3.ServerVariableDefaultRequired](s.Validate(v.ctx)))
}

// dropLeaves removes from a kin-openapi error (possibly a MultiError) the leaves that match E.
func dropLeaves[E error](err error) error {
	var me openapi3.MultiError
	if errors.As(err, &me) && isMulti(err) {
		var keep openapi3.MultiError
		for _, e := range me {
			if e = dropLeaves[E](e); e != nil {
				keep = append(keep, e)
			}
		}
		if len(keep) == 0 {
			return nil
		}
		return keep
	}
	var target E
	if err != nil && errors.As(err, &target) {
		return nil
	}
	return err
}

func (v *validator) components() {
	c := v.d.T.Components
	if c == nil {
		return
	}
	section := func(kind string, names []string, get func(string) refValidator) {
		for _, name := range names {
			ptr := pointer("components", kind, name)
			if !componentNameRe.MatchString(name) {
				v.add(KindComponentName, ptr, nil, fmt.Sprintf("component name %q is not allowed: use only letters, digits, '.', '-' and '_'", name))
				continue
			}
			v.ref(ptr, get(name))
		}
	}
	section("schemas", sortedKeys(c.Schemas), func(k string) refValidator { return nilOr(c.Schemas[k]) })
	section("parameters", sortedKeys(c.Parameters), func(k string) refValidator { return nilOr(c.Parameters[k]) })
	section("headers", sortedKeys(c.Headers), func(k string) refValidator { return nilOr(c.Headers[k]) })
	section("requestBodies", sortedKeys(c.RequestBodies), func(k string) refValidator { return nilOr(c.RequestBodies[k]) })
	section("responses", sortedKeys(c.Responses), func(k string) refValidator { return nilOr(c.Responses[k]) })
	section("securitySchemes", sortedKeys(c.SecuritySchemes), func(k string) refValidator { return nilOr(c.SecuritySchemes[k]) })
	section("examples", sortedKeys(c.Examples), func(k string) refValidator { return nilOr(c.Examples[k]) })
	section("links", sortedKeys(c.Links), func(k string) refValidator { return nilOr(c.Links[k]) })
	section("callbacks", sortedKeys(c.Callbacks), func(k string) refValidator { return nilOr(c.Callbacks[k]) })
}

// nilOr keeps a typed nil pointer from becoming a non-nil interface.
func nilOr[P interface {
	*E
	refValidator
}, E any](p P) refValidator {
	if p == nil {
		return nil
	}
	return p
}

var templateVarRe = regexp.MustCompile(`\{([^{}]+)\}`)

func (v *validator) paths() {
	t := v.d.T
	if t.Paths == nil || t.Paths.Len() == 0 {
		if t.Paths == nil && t.IsOpenAPI30() {
			v.add(KindPathsMissing, "#/paths", nil, `"paths" is required in OpenAPI 3.0: add paths: {}`)
		}
		return
	}
	normalized := map[string]string{}
	for _, path := range sortedKeys(t.Paths.Map()) {
		item := t.Paths.Value(path)
		ptr := pointer("paths", path)
		if !strings.HasPrefix(path, "/") {
			v.add(KindOther, ptr, nil, fmt.Sprintf("path %q must start with '/'", path))
			continue
		}
		norm := templateVarRe.ReplaceAllString(path, "{}")
		if other, ok := normalized[norm]; ok {
			v.add(KindSameTemplate, ptr, nil, fmt.Sprintf("path %q is the same template as %q (only the parameter names differ): merge them", path, other))
			continue
		}
		normalized[norm] = path
		if item == nil {
			continue
		}
		if item.Ref != "" && !strings.HasPrefix(item.Ref, "#") {
			// A path item from another file: validate it whole, located at its $ref.
			v.check(ptr, item.Validate(v.ctx))
			continue
		}
		v.pathItem(ptr, path, item)
	}
}

func (v *validator) pathItem(ptr, path string, item *openapi3.PathItem) {
	common := map[string]bool{}
	v.params(ptr, item.Parameters, common)

	vars := templateVarRe.FindAllStringSubmatch(path, -1)
	ops := item.Operations()
	for _, method := range sortedKeys(ops) {
		op := ops[method]
		if op == nil {
			continue
		}
		optr := ptr + "/" + strings.ToLower(method)
		declared := maps.Clone(common)
		v.params(optr, op.Parameters, declared)
		for _, m := range vars {
			name := m[1]
			if !declared[name] {
				v.add(KindPathParamUndecl, optr, originKey(op.Origin), fmt.Sprintf("path parameter %q of %s %s is not declared: add {name: %s, in: path, required: true, schema: {type: string}} to the operation's or the path's parameters", name, method, path, name))
			}
			delete(declared, name)
		}
		for _, name := range sortedKeys(declared) {
			v.add(KindPathParamAbsent, optr, originKey(op.Origin), fmt.Sprintf("path parameter %q of %s %s does not appear in the path: remove it or add {%s} to the path", name, method, path, name))
		}
		if op.RequestBody != nil {
			v.ref(optr+"/requestBody", op.RequestBody)
		}
		if op.Responses == nil || op.Responses.Len() == 0 {
			if !v.d.T.IsOpenAPI31OrLater() {
				v.add(KindNoResponses, optr, originKey(op.Origin), `operation has no responses: add at least one, e.g. "200" or "default"`)
			}
		} else {
			for _, code := range sortedKeys(op.Responses.Map()) {
				v.ref(optr+"/responses/"+escapeToken(code), nilOr(op.Responses.Value(code)))
			}
		}
		for _, name := range sortedKeys(op.Callbacks) {
			v.ref(optr+"/callbacks/"+escapeToken(name), nilOr(op.Callbacks[name]))
		}
		if op.ExternalDocs != nil {
			v.check(optr+"/externalDocs", op.ExternalDocs.Validate(v.ctx))
		}
		v.security(optr+"/security", op.Security)
	}
}

// params validates a parameter list at ptr and adds the names of its path parameters to pathNames (so an
// operation's own parameters complete its path item's).
func (v *validator) params(ptr string, params openapi3.Parameters, pathNames map[string]bool) {
	type key struct{ in, name string }
	seen := map[key]int{}
	for i, p := range params {
		pptr := fmt.Sprintf("%s/parameters/%d", ptr, i)
		v.ref(pptr, nilOr(p))
		if p == nil || p.Value == nil {
			continue
		}
		k := key{p.Value.In, p.Value.Name}
		if j, dup := seen[k]; dup {
			v.add(KindParamDup, pptr, nil, fmt.Sprintf("parameter %q in %s is declared twice (also %s/parameters/%d): remove one", k.name, k.in, ptr, j))
		}
		seen[k] = i
		if k.in == openapi3.ParameterInPath {
			pathNames[k.name] = true
		}
	}
}

// security checks that every scheme a security requirement names is defined.
func (v *validator) security(ptr string, reqs *openapi3.SecurityRequirements) {
	if reqs == nil {
		return
	}
	var schemes openapi3.SecuritySchemes
	if v.d.T.Components != nil {
		schemes = v.d.T.Components.SecuritySchemes
	}
	for i, req := range *reqs {
		for _, name := range sortedKeys(req) {
			if _, ok := schemes[name]; !ok {
				v.add(KindSecurityUndefined, fmt.Sprintf("%s/%d", ptr, i), nil, fmt.Sprintf("security scheme %q is not defined: add it under components.securitySchemes", name))
			}
		}
	}
}

// operationIDs reports every operationId used more than once, naming the first use: Go method names come from them.
func (v *validator) operationIDs() {
	t := v.d.T
	if t.Paths == nil {
		return
	}
	first := map[string]string{}
	firstOp := map[string]*openapi3.Operation{}
	for _, path := range sortedKeys(t.Paths.Map()) {
		item := t.Paths.Value(path)
		if item == nil {
			continue
		}
		ops := item.Operations()
		for _, method := range sortedKeys(ops) {
			op := ops[method]
			if op == nil || op.OperationID == "" {
				continue
			}
			ptr := pointer("paths", path, strings.ToLower(method))
			if prev, dup := first[op.OperationID]; dup {
				l, c := v.d.Position(prev)
				where := prev
				if l > 0 {
					where = fmt.Sprintf("%s:%d:%d (%s)", v.d.display, l, c, prev)
				}
				if firstOp[op.OperationID] == op {
					v.add(KindOperationIDAlias, ptr+"/operationId", nil, fmt.Sprintf("operation %q is reached from two paths (also %s, through a path item $ref): this path's method gets a numbered name; give each path its own operation to name it", op.OperationID, where))
					continue
				}
				v.add(KindOperationIDDup, ptr+"/operationId", nil, fmt.Sprintf("duplicate operationId %q: also used at %s; operationIds must be unique (they become Go method names): rename one", op.OperationID, where))
				continue
			}
			first[op.OperationID] = ptr + "/operationId"
			firstOp[op.OperationID] = op
		}
	}
}

// originKey is the location of the key heading an element, when kin-openapi recorded it.
func originKey(o *openapi3.Origin) *openapi3.Location {
	if o == nil {
		return nil
	}
	return o.Key
}

var originType = reflect.TypeFor[*openapi3.Origin]()

// errOrigin returns the most specific source location carried by err's chain (kin-openapi errors carry the
// Origin of the offending element when the document was loaded with IncludeOrigin).
func errOrigin(err error) *openapi3.Location {
	var best *openapi3.Location
	var walk func(error)
	walk = func(e error) {
		for e != nil {
			if loc := originOf(e); loc != nil {
				best = loc
			}
			if u, ok := e.(interface{ Unwrap() []error }); ok {
				for _, x := range u.Unwrap() {
					walk(x)
				}
				return
			}
			e = errors.Unwrap(e)
		}
	}
	walk(err)
	return best
}

func originOf(e error) *openapi3.Location {
	v := reflect.ValueOf(e)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	f := v.FieldByName("Origin")
	if !f.IsValid() || f.Type() != originType || f.IsNil() {
		return nil
	}
	return originKey(f.Interface().(*openapi3.Origin))
}

// displayFile maps a file named in a kin-openapi origin to the name to print: the root file prints as its display
// path, a file next to it relative to that.
func (d *Doc) displayFile(file string) string {
	if file == "" {
		return d.display
	}
	// kin-openapi names files by URL path: a folder named "a%b" or "a b" comes back escaped.
	if u, err := url.PathUnescape(file); err == nil && u != file {
		if _, err := os.Stat(file); err != nil {
			file = u
		}
	}
	f := filepath.Clean(filepath.FromSlash(file))
	if f == filepath.Clean(d.File) {
		return d.display
	}
	if rel, err := filepath.Rel(filepath.Dir(d.File), f); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(filepath.Join(filepath.Dir(d.display), rel))
	}
	return filepath.ToSlash(file)
}

// explain adds what to do to the kin-openapi messages that do not say it, and keeps each on one line.
func explain(msg string) string {
	// A schema error ends with a dump of the schema and the value, over many lines: the location says where.
	if i := strings.Index(msg, "\nSchema:\n"); i >= 0 {
		msg = msg[:i]
	}
	if strings.Contains(msg, "\n") {
		msg = strings.Join(strings.Fields(msg), " ")
	}
	switch {
	case strings.Contains(msg, "a short description of the response is required"):
		return "response has no description: add description: (a short sentence; it becomes the doc comment)"
	case strings.Contains(msg, "value of version must be a non-empty string"):
		return msg + ": add info.version (e.g. version: 1.0.0)"
	case strings.Contains(msg, "value of title must be a non-empty string"):
		return msg + ": add info.title"
	case strings.Contains(msg, "extra sibling fields"):
		return msg + ": opgen ignores them; remove them, or for keywords beside a $ref move them into the referenced element"
	case strings.Contains(msg, "is for OpenAPI >=3.1"):
		return msg + ": honoured as 3.1 defines it; set openapi: 3.1.0 to say so, or remove it"
	case strings.Contains(msg, "is for OpenAPI <3.1"):
		return msg + ": honoured as 3.0 defined it; write the 3.1 form (exclusiveMinimum: N) instead"
	case strings.Contains(msg, "in required") && strings.Contains(msg, "duplicate field"):
		return msg + ": list it once"
	case strings.Contains(msg, "schema 'items' must be non-null"):
		return msg + ": add items (the element schema, or {} for any JSON value)"
	case strings.Contains(msg, "cannot compile pattern"):
		return msg + ": neither RE2 nor an ECMAScript engine compiles it, so it is documented but not checked; fix the pattern"
	case strings.Contains(msg, "invalid default"), strings.Contains(msg, "invalid example"):
		return msg + ": fix the value or remove it"
	case strings.Contains(msg, "must be required"):
		return msg + ": set required: true on path parameters"
	case strings.Contains(msg, "unsupported 'type' value"), strings.Contains(msg, "unsupported type"):
		return msg + ": use one of string, number, integer, boolean, array, object (or null in 3.1)"
	}
	return msg
}
