package build

import (
	"fmt"
	"go/token"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/model"
	"github.com/opgen-sdk/opgen/internal/naming"
	"github.com/opgen-sdk/opgen/internal/spec"
)

var methodOrder = []string{http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodOptions,
	http.MethodHead, http.MethodPatch, http.MethodTrace, "QUERY"}

type rawOp struct {
	path    string
	method  string
	item    *openapi3.PathItem
	op      *openapi3.Operation
	ptr     string // the operation's JSON pointer
	itemPtr string // its path item's
	svcPath []string
}

func (b *builder) buildClient() (*model.Client, error) {
	c := &model.Client{Name: b.scope.Claim(b.clientName(), "API"), EnvType: "Environment"}
	api := b.title()
	if !strings.HasSuffix(strings.ToUpper(api), "API") {
		api += " API" // "Openpay Mexico API API" otherwise
	}
	c.Doc = []string{c.Name + " calls the " + api + ". Create one with NewClient; it is safe for concurrent use."}
	b.buildEnvironments(c)
	b.buildSchemes(c)

	var raws []*rawOp
	if b.doc.Paths != nil {
		paths := b.doc.Paths.Map()
		for _, path := range naming.SortedKeys(paths) {
			item := paths[path]
			if item == nil {
				continue
			}
			for _, m := range methodOrder {
				op := item.GetOperation(m)
				if op == nil {
					continue
				}
				ptr := "#/paths/" + escapePointer(path) + "/" + strings.ToLower(m)
				if b.in.Keep != nil && !b.in.Keep(op) {
					b.note("operation", opLabel(op, m, path), ptr, "excluded", "", "excluded by the include/exclude configuration")
					continue
				}
				raws = append(raws, &rawOp{path: path, method: m, item: item, op: op, ptr: ptr, itemPtr: "#/paths/" + escapePointer(path), svcPath: b.servicePath(op)})
			}
			// OpenAPI 3.2 additionalOperations: methods without a fixed field (COPY, PURGE, LINK...), sorted.
			for _, m := range naming.SortedKeys(item.AdditionalOperations) {
				op := item.AdditionalOperations[m]
				if op == nil || slices.Contains(methodOrder, m) {
					continue
				}
				ptr := "#/paths/" + escapePointer(path) + "/additionalOperations/" + escapePointer(m)
				if b.in.Keep != nil && !b.in.Keep(op) {
					b.note("operation", opLabel(op, m, path), ptr, "excluded", "", "excluded by the include/exclude configuration")
					continue
				}
				raws = append(raws, &rawOp{path: path, method: m, item: item, op: op, ptr: ptr, itemPtr: "#/paths/" + escapePointer(path), svcPath: b.servicePath(op)})
			}
		}
	}

	// The service tree first, so method names can avoid the names of child services.
	c.Root = &model.Service{}
	for _, r := range raws {
		b.service(c.Root, r.svcPath)
	}
	b.nameServices(c.Root, nil, "client")
	svcScopes := map[*model.Service]*naming.Scope{}
	scopeOf := func(s *model.Service) *naming.Scope {
		if sc, ok := svcScopes[s]; ok {
			return sc
		}
		sc := naming.NewScope()
		sc.Reserve("String", "GoString")
		for _, ch := range s.Children {
			sc.Reserve(ch.FieldName)
		}
		if s == c.Root {
			sc.Reserve("Environment", "BaseURL")
		}
		svcScopes[s] = sc
		return sc
	}
	for _, r := range raws {
		svc := b.service(c.Root, r.svcPath)
		op, err := b.buildOperation(c, svc, scopeOf(svc), r)
		if err != nil {
			return nil, err
		}
		svc.Operations = append(svc.Operations, op)
		c.Operations = append(c.Operations, op)
		b.note("operation", opLabel(r.op, r.method, r.path), r.ptr, "exact", op.ID, "")
	}
	sort.Slice(c.Operations, func(i, j int) bool { return c.Operations[i].ID < c.Operations[j].ID })
	b.nameErrorDecoders(c)
	b.nameHeaders(c)

	c.SensitiveFields = naming.SortedKeys(b.sensitive)
	c.RequestIDHeaders = b.requestIDHeaders()
	c.RequireCredential = len(c.Operations) > 0 && len(c.Schemes) > 0
	for _, op := range c.Operations {
		if len(op.Security) == 0 {
			c.RequireCredential = false
		}
		for _, alt := range op.Security {
			if len(alt) == 0 {
				c.RequireCredential = false
			}
		}
	}
	return c, nil
}

func opLabel(op *openapi3.Operation, method, path string) string {
	if op.OperationID != "" {
		return op.OperationID
	}
	return method + " " + path
}

func (b *builder) clientName() string {
	if b.in.ClientName != "" {
		return b.in.ClientName
	}
	return "Client"
}

func (b *builder) title() string {
	if b.doc.Info != nil && b.doc.Info.Title != "" {
		return strings.Join(strings.Fields(b.doc.Info.Title), " ")
	}
	return b.in.Package
}

// servicePath is x-opgen-resource, else the first tag, else the client itself.
func (b *builder) servicePath(op *openapi3.Operation) []string {
	var segs []string
	if r, ok := op.Extensions["x-opgen-resource"].(string); ok && strings.TrimSpace(r) != "" {
		for _, s := range strings.Split(r, ".") {
			if n := b.namer.Exported(s); n != "" {
				segs = append(segs, n)
			}
		}
	} else if len(op.Tags) > 0 {
		if n := b.namer.Exported(op.Tags[0]); n != "" {
			segs = []string{n}
		}
	}
	return segs
}

func (b *builder) service(root *model.Service, path []string) *model.Service {
	s := root
	for i, seg := range path {
		var next *model.Service
		for _, ch := range s.Children {
			if ch.Path[len(ch.Path)-1] == seg {
				next = ch
				break
			}
		}
		if next == nil {
			next = &model.Service{Path: append([]string(nil), path[:i+1]...)}
			s.Children = append(s.Children, next)
			sort.Slice(s.Children, func(a, c int) bool {
				return s.Children[a].Path[len(s.Children[a].Path)-1] < s.Children[c].Path[len(s.Children[c].Path)-1]
			})
		}
		s = next
	}
	return s
}

func (b *builder) nameServices(s *model.Service, parent *model.Service, access string) {
	if parent != nil {
		s.TypeName = b.scope.Claim(strings.Join(s.Path, "")+"Service", "API")
		s.FieldName = s.Path[len(s.Path)-1]
		if parent.TypeName == "" && slices.Contains(clientMethods, s.FieldName) {
			// A field cannot share its name with a method of the client (a tag named "string").
			s.FieldName += "Service"
		}
		access += "." + s.FieldName
		s.Doc = []string{s.TypeName + " groups the " + strings.Join(s.Path, ".") + " operations. Reach it through the client: " +
			access + "."}
	}
	for _, ch := range s.Children {
		b.nameServices(ch, s, access)
	}
}

// clientMethods are the methods of the generated client type besides its operations.
var clientMethods = []string{"String", "GoString", "Environment", "BaseURL"}

// destutter drops the service's name from a method name derived from an operationId, as Go style asks:
// Pets.ListPets -> Pets.List, Pets.CreatePet -> Pets.Create. It keeps the name when nothing would remain.
func destutter(method string, svcPath []string) string {
	if len(svcPath) == 0 {
		return method
	}
	svc := svcPath[len(svcPath)-1]
	for _, form := range []string{svc, strings.TrimSuffix(svc, "s"), strings.TrimSuffix(svc, "es")} {
		if len(form) < 3 || len(form) >= len(method) {
			continue
		}
		if strings.HasSuffix(method, form) {
			rest := method[:len(method)-len(form)]
			if naming.IsValidIdent(rest) && rest[0] >= 'A' && rest[0] <= 'Z' {
				return rest
			}
		}
	}
	return method
}

// methodLocals are the names generated method bodies use for locals and imported packages.
var methodLocals = []string{"ctx", "opts", "params", "body", "req", "resp", "err", "out", "q", "s", "c", "path", "h",
	"p", "page", "page_", "limit", "offset", "cursor", "items", "next", "res", "ok", "v", "parts",
	"info", "start", "more", "u", "context", "http", "url", "json", "iter", "io", "bytes", "strings", "time", "errors", "fmt"}

var pathParamRE = regexp.MustCompile(`\{([^{}]+)\}`)

func (b *builder) buildOperation(c *model.Client, svc *model.Service, sc *naming.Scope, r *rawOp) (*model.Operation, error) {
	op := r.op
	mname := ""
	xMethod, _ := op.Extensions["x-opgen-method"].(string)
	xName, _ := op.Extensions["x-go-name"].(string)
	if v := b.namer.Pinned(xMethod); naming.IsValidIdent(v) {
		mname = v
	} else if v := b.namer.Pinned(xName); naming.IsValidIdent(v) && token.IsExported(v) {
		mname = v
	} else if n := b.namer.Exported(op.OperationID); n != "" {
		mname = destutter(n, svc.Path)
	} else {
		mname = b.namer.Exported(strings.ToLower(r.method) + " " + r.path)
		if mname == "" {
			mname = b.namer.Exported(strings.ToLower(r.method)) + "Root"
		}
	}
	o := &model.Operation{
		OperationID: op.OperationID,
		Method:      sc.Claim(mname, "Op"),
		HTTPMethod:  r.method,
		Path:        r.path,
		Pointer:     r.ptr,
		Deprecated:  op.Deprecated,
	}
	o.ID = strings.Join(append(append([]string(nil), svc.Path...), o.Method), ".")
	base := strings.Join(svc.Path, "") + o.Method
	o.VarName = b.scope.Claim("op"+base, "Def")
	o.Doc = b.opDoc(o, op)

	// Parameters: path-item level, overridden by operation level (same name and location).
	params := map[string]*openapi3.ParameterRef{}
	ptrs := map[string]string{} // where each parameter is declared: its inline types' Spec: line
	var order []string
	add := func(list openapi3.Parameters, ptr string) {
		for i, p := range list {
			if p == nil || p.Value == nil {
				continue
			}
			key := p.Value.In + ":" + p.Value.Name
			if _, ok := params[key]; !ok {
				order = append(order, key)
			}
			params[key] = p
			ptrs[key] = fmt.Sprintf("%s/parameters/%d", ptr, i)
			if strings.HasPrefix(p.Ref, "#/") {
				ptrs[key] = p.Ref
			}
		}
	}
	add(r.item.Parameters, r.itemPtr)
	add(op.Parameters, r.ptr)

	argScope := naming.NewScope()
	// Arguments must not shadow the runtime's functions or the locals and imports method bodies use.
	argScope.Reserve(b.in.Reserved...)
	argScope.Reserve(methodLocals...)
	// Path parameters, in the order they appear in the path.
	for _, m := range pathParamRE.FindAllStringSubmatch(r.path, -1) {
		name := m[1]
		pr, ok := params["path:"+name]
		var ps *openapi3.SchemaRef
		var desc string
		if ok {
			ps = pr.Value.Schema
			desc = pr.Value.Description
		} else {
			b.note("parameter", name, r.ptr, "downgraded", "", "path parameter is not declared; generated as a string")
		}
		argName := b.namer.Unexported(name)
		if argName == "" {
			argName = "param"
		}
		p := &model.Param{Name: name, GoName: argScope.Claim(argName, "Param"), In: model.InPath, Required: true,
			Type: builtin("string"), Style: "simple", Doc: docLines(desc)}
		if ok {
			p.Style, p.Explode = paramStyle(pr.Value)
			if p.Style != "simple" && p.Style != "label" && p.Style != "matrix" {
				b.note("parameter", name, r.ptr, "downgraded", "", "style "+p.Style+" is not a path style; sent in the simple style")
				p.Style, p.Explode = "simple", false
			}
		}
		if ps != nil {
			p.Type = b.typeOf(ps, base+b.namer.Join(name), ptrs["path:"+name]+"/schema")
		}
		o.PathParams = append(o.PathParams, p)
	}
	fields := naming.NewScope()
	for _, key := range order {
		pv := params[key].Value
		if pv.In == "path" {
			continue
		}
		if pv.In == "header" {
			ln := strings.ToLower(pv.Name)
			if ln == "authorization" || ln == "content-type" || ln == "accept" {
				b.note("parameter", pv.Name, r.ptr, "not_applicable", "", "the "+pv.Name+" header is set by the client itself")
				continue
			}
			if v, _ := pv.Extensions["x-opgen-idempotency-key"].(bool); v || ln == "idempotency-key" || ln == "x-idempotency-key" {
				o.IdempotencyHeader = pv.Name
				continue
			}
		}
		p := &model.Param{Name: pv.Name, In: model.ParamIn(pv.In), Required: pv.Required, Doc: docLines(pv.Description)}
		p.GoName = fields.Claim(b.goTypeName(pv.Extensions, pv.Name, "Param"), "Param")
		p.Style, p.Explode = paramStyle(pv)
		if v, ok := pv.Extensions["x-opgen-sensitive"].(bool); ok && v {
			p.Sensitive = true
		}
		var t *model.TypeRef
		switch {
		case pv.Schema != nil:
			t = b.typeOf(pv.Schema, base+b.namer.Join(pv.Name), ptrs[key]+"/schema")
			if pv.Schema.Value != nil {
				if cd := constraintDoc(pv.Schema.Value); cd != "" {
					p.Doc = append(p.Doc, cd)
				}
			}
		case len(pv.Content) > 0:
			t = builtin("string")
			b.note("parameter", pv.Name, r.ptr, "downgraded", "", "content-encoded parameter sent as a string")
		default:
			t = builtin("string")
		}
		p.Type = t
		if sv := pv.Schema; sv != nil && sv.Value != nil {
			if sv.Value.Min != nil && *sv.Value.Min == 0 {
				p.MinZero = true
			}
			switch d := sv.Value.Default.(type) {
			case float64:
				p.Default = strconv.FormatFloat(d, 'f', -1, 64)
				p.MinZero = p.MinZero || d == 0
			case int:
				p.Default = strconv.Itoa(d)
				p.MinZero = p.MinZero || d == 0
			case string:
				p.Default = d
			}
		}
		if pv.Description != "" {
			p.Doc = fieldLead(p.GoName, p.Doc, p.Name)
		}
		if p.Required {
			p.Doc = append(p.Doc, "Required.")
		}
		o.Params = append(o.Params, p)
	}
	if len(o.Params) > 0 {
		pt := &model.Type{Name: b.scope.Claim(base+"Params", "Query"), Kind: model.KindStruct, Pointer: r.ptr + "/parameters"}
		pt.Doc = []string{pt.Name + " holds the query, header and cookie parameters of " + o.ID + "."}
		for _, p := range o.Params {
			ft, _ := fieldType(p.Type, p.Required, false)
			pt.Fields = append(pt.Fields, &model.Field{Name: p.GoName, Type: ft, Required: p.Required, Doc: p.Doc})
			p.Type = ft
		}
		o.ParamsType = pt
		b.types = append(b.types, pt)
	}

	if op.RequestBody != nil && op.RequestBody.Value != nil {
		b.buildBodies(o, sc, op.RequestBody.Value, base, r.ptr+"/requestBody")
	}
	b.foldBody(o)
	b.buildResponses(o, op, base, r.ptr)
	b.buildHeaders(o)
	if o.HTTPMethod == http.MethodHead && o.Result == nil {
		// A HEAD operation's answer is its headers: the struct nameHeaders makes, else http.Header.
		if len(o.ResponseHeaders) > 0 {
			o.Result, o.ResultPointer = &model.TypeRef{Kind: model.RefNamed}, true
		} else {
			o.Result = qual("net/http", "Header")
		}
	}

	// Security: the operation's, else the document's.
	reqs := b.doc.Security
	if op.Security != nil {
		reqs = *op.Security
	}
	known := map[string]bool{}
	for _, s := range c.Schemes {
		known[s.Name] = true
	}
	for _, req := range reqs {
		alt := naming.SortedKeys(req)
		ok := true
		for _, n := range alt {
			if !known[n] {
				ok = false
			}
		}
		if ok {
			o.Security = append(o.Security, alt)
		}
	}
	if v, ok := op.Extensions["x-opgen-idempotent"].(bool); ok && v {
		o.Idempotent = true
	}
	o.Servers = b.opServers(c, r)
	o.Pagination = b.buildPagination(o, op, sc, r.ptr)
	return o, nil
}

func (b *builder) opDoc(o *model.Operation, op *openapi3.Operation) []string {
	var doc []string
	summary := strings.Join(strings.Fields(op.Summary), " ")
	desc := docLines(op.Description)
	if summary != "" && len(desc) > 0 && strings.TrimSpace(strings.Join(desc, " ")) == summary {
		desc = nil
	}
	text := desc
	if summary != "" {
		text = append([]string{summary}, "")
		text = append(text, desc...)
	}
	call := o.HTTPMethod + " " + o.Path
	switch {
	case leadDoc(o.Method, text, docFunc):
		doc = append(doc, text...)
	case len(text) > 0:
		// No confident English lead (another language, a noun phrase): a neutral first sentence, then the
		// spec text as it is.
		doc = append(doc, o.Method+" calls "+call+".", "")
		doc = append(doc, text...)
		call = ""
	default:
		doc = append(doc, o.Method+" calls "+call+".")
		call = ""
	}
	for len(doc) > 0 && doc[len(doc)-1] == "" {
		doc = doc[:len(doc)-1]
	}
	if note := docNote(op.Extensions); note != nil {
		doc = append(append(doc, ""), note...)
	}
	doc = append(doc, "")
	if call != "" {
		doc = append(doc, call, "") // its own paragraph: go doc would join it to the Spec line
	}
	if op.OperationID != "" {
		doc = append(doc, "Spec: "+o.Pointer+" (operationId "+op.OperationID+")")
	}
	if doc[len(doc)-1] == "" {
		doc = doc[:len(doc)-1]
	}
	if op.Deprecated {
		doc = append(doc, "", "Deprecated: the spec marks this operation deprecated.")
	}
	return doc
}

func paramStyle(p *openapi3.Parameter) (string, bool) {
	if cf, ok := p.Extensions[spec.CollectionFormatExt].(string); ok {
		return collectionStyle(cf, p.In)
	}
	style := p.Style
	if style == "" {
		switch p.In {
		case "query", "cookie":
			style = "form"
		default:
			style = "simple"
		}
	}
	explode := style == "form"
	if p.Explode != nil {
		explode = *p.Explode
	}
	return style, explode
}

// collectionStyle is the OpenAPI 3 style of a Swagger 2.0 collectionFormat: csv is form (query) or simple
// (path, header) without explode, ssv spaceDelimited, tsv tabDelimited (no OpenAPI 3 equivalent; the runtime
// joins with a tab), pipes pipeDelimited, multi exploded form.
func collectionStyle(cf, in string) (string, bool) {
	switch cf {
	case "ssv":
		return "spaceDelimited", false
	case "tsv":
		return "tabDelimited", false
	case "pipes":
		return "pipeDelimited", false
	case "multi":
		return "form", true
	}
	if in == "query" || in == "formData" || in == "" {
		return "form", false
	}
	return "simple", false
}

func mediaKind(ct string) model.BodyKind {
	ct = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	switch {
	case ct == "application/json" || strings.HasSuffix(ct, "+json") || ct == "*/*" && false:
		return model.BodyJSON
	case ct == "application/x-www-form-urlencoded":
		return model.BodyForm
	case strings.HasPrefix(ct, "multipart/"):
		return model.BodyMultipart
	case strings.HasPrefix(ct, "text/"):
		return model.BodyText
	case strings.Contains(ct, "json"):
		return model.BodyJSON
	}
	return model.BodyBinary
}

// PickContent is the media type opgen generates for among content (JSON first, then form, multipart, text,
// binary), and its media type object: what a test that reads a response's examples must look at.
func PickContent(content openapi3.Content) (string, *openapi3.MediaType) { return pickContent(content) }

// pickContent chooses the media type opgen generates for: JSON first, then form, multipart, text, binary.
func pickContent(content openapi3.Content) (string, *openapi3.MediaType) {
	rank := map[model.BodyKind]int{model.BodyJSON: 0, model.BodyForm: 1, model.BodyMultipart: 2, model.BodyText: 3, model.BodyBinary: 4}
	best, bestRank := "", 99
	for _, ct := range naming.SortedKeys(content) {
		if r := rank[mediaKind(ct)]; r < bestRank {
			best, bestRank = ct, r
		}
	}
	if best == "" {
		return "", nil
	}
	return best, content[best]
}

// buildBodies builds the request body of the media type opgen prefers (JSON, then form, multipart, text,
// binary) and, for every other media type the operation accepts, a body for a method of its own
// (UpdateMergePatch, CreateForm), so the caller can send each one.
func (b *builder) buildBodies(o *model.Operation, sc *naming.Scope, rb *openapi3.RequestBody, base, ptr string) {
	primary, _ := pickContent(rb.Content)
	if primary == "" {
		return
	}
	o.Body = b.buildBody(rb, primary, base, ptr, len(o.Params) > 0)
	for _, ct := range naming.SortedKeys(rb.Content) {
		if ct == primary || rb.Content[ct] == nil {
			continue
		}
		suffix := mediaSuffix(ct, b.namer.Exported)
		body := b.buildBody(rb, ct, base+suffix, ptr, len(o.Params) > 0)
		if body == nil {
			continue
		}
		alt := &model.AltBody{Method: sc.Claim(o.Method+suffix, "Body"), Body: body}
		o.AltBodies = append(o.AltBodies, alt)
		b.note("body", o.ID+" "+ct, ptr+"/content/"+escapePointer(ct), "exact", alt.Method, "")
	}
}

// mediaSuffix names a media type in a method name: Form, Multipart, MergePatch, Text, CSV, Binary...
func mediaSuffix(ct string, exported func(string) string) string {
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	switch mt {
	case "application/json":
		return "JSON"
	case "application/x-www-form-urlencoded":
		return "Form"
	case "multipart/form-data":
		return "Multipart"
	case "text/plain":
		return "Text"
	case "application/octet-stream":
		return "Binary"
	}
	typ, sub, _ := strings.Cut(mt, "/")
	sub = strings.TrimPrefix(strings.TrimPrefix(sub, "x-"), "vnd.")
	if strings.HasSuffix(sub, "+json") {
		if n := exported(strings.TrimSuffix(sub, "+json")); n != "" {
			return n
		}
		return "JSON"
	}
	if typ == "text" || typ == "application" {
		typ = ""
	}
	if n := exported(typ + " " + sub); n != "" {
		return n
	}
	return "Body"
}

// base64Schema reports whether a non-JSON body's schema says its bytes travel base64-encoded: the
// `format: base64` OpenAPI 3.0's file-upload section gives for that (Spotify's playlist cover), 3.1's
// `contentEncoding: base64`. `format: byte` on a whole body is not taken as base64: the APIs that write it mean
// the file's bytes (Xero's attachments: "Byte array of file in body"), so that body stays an io.Reader sent as is.
func base64Schema(sr *openapi3.SchemaRef) bool {
	if sr == nil || sr.Value == nil {
		return false
	}
	s := sr.Value
	return s.Type.Is("string") && s.Format == "base64" || strings.EqualFold(s.ContentEncoding, "base64")
}

// sendContentType is the Content-Type sent for a media type of the spec: a range such as "image/*" or "*/*"
// names no type a server can read, so such a body goes as application/octet-stream.
func sendContentType(ct string) string {
	if strings.Contains(ct, "*") {
		return "application/octet-stream"
	}
	return ct
}

func (b *builder) buildBody(rb *openapi3.RequestBody, ct, base, ptr string, hasParams bool) *model.Body {
	mt := rb.Content[ct]
	if mt == nil {
		return nil
	}
	body := &model.Body{Kind: mediaKind(ct), ContentType: sendContentType(ct), Required: rb.Required, Doc: docLines(rb.Description)}
	// A struct body is the call's parameters (Create(ctx, params)); raw text or bytes are the body itself.
	body.ArgName = "params"
	if hasParams || body.Kind == model.BodyText || body.Kind == model.BodyBinary {
		body.ArgName = "body"
	}
	p := ptr + "/content/" + escapePointer(ct) + "/schema"
	switch body.Kind {
	case model.BodyText:
		body.Type = builtin("string")
		return body
	case model.BodyBinary:
		// Bytes the spec says travel base64-encoded (format base64, contentEncoding base64) are a
		// []byte the runtime encodes; a string schema without a binary format is text in another media type
		// (application/xml): a string. Anything else is bytes, read from an io.Reader.
		if base64Schema(mt.Schema) {
			body.Base64 = true
			body.Type = sliceOf(builtin("byte"))
			return body
		}
		if s := mt.Schema; s != nil && s.Value != nil && s.Value.Type.Is("string") && s.Value.Format != "binary" &&
			s.Value.Format != "byte" && s.Value.ContentMediaType == "" {
			body.Kind = model.BodyText
			body.Type = builtin("string")
			return body
		}
		body.Type = qual("io", "Reader")
		return body
	}
	if mt.Schema == nil {
		if body.Kind == model.BodyJSON {
			body.Type = rawJSON()
			return body
		}
		body.Type = mapOf(builtin("string"))
		return body
	}
	body.Type = b.typeOf(mt.Schema, base+"Request", p)
	switch body.Kind {
	case model.BodyMultipart:
		b.multipartParts(body, mt, base, ptr)
	case model.BodyForm:
		body.FormStyles = formStyles(mt)
	}
	if body.Kind == model.BodyJSON && nullable(mt.Schema) && !(body.Type.ImportPath == "encoding/json") {
		// JSON null is a value the caller may send: the argument is Nullable[T] (unset, null or a value).
		body.Nullable = true
		return body
	}
	switch body.Type.Kind {
	case model.RefSlice, model.RefMap:
	default:
		if !(body.Type.ImportPath == "encoding/json") {
			body.Pointer = true
		}
	}
	return body
}

// formStyles are the encodings a form body's spec gives its properties: the encoding object's style and
// explode, or a Swagger 2.0 collectionFormat.
func formStyles(mt *openapi3.MediaType) []*model.FormStyle {
	var out []*model.FormStyle
	props := map[string]*openapi3.SchemaRef{}
	if mt.Schema != nil && mt.Schema.Value != nil {
		props = mt.Schema.Value.Properties
	}
	seen := map[string]bool{}
	for _, name := range naming.SortedKeys(mt.Encoding) {
		e := mt.Encoding[name]
		if e == nil || (e.Style == "" && e.Explode == nil) {
			continue
		}
		st := &model.FormStyle{Name: name, Style: e.Style}
		if st.Style == "" {
			st.Style = "form"
		}
		st.Explode = st.Style == "form"
		if e.Explode != nil {
			st.Explode = *e.Explode
		}
		out = append(out, st)
		seen[name] = true
	}
	for _, name := range naming.SortedKeys(props) {
		pr := props[name]
		if seen[name] || pr == nil || pr.Value == nil {
			continue
		}
		if cf, ok := pr.Value.Extensions[spec.CollectionFormatExt].(string); ok {
			style, explode := collectionStyle(cf, "formData")
			out = append(out, &model.FormStyle{Name: name, Style: style, Explode: explode})
		}
	}
	return out
}

// multipartParts decides how each property of a multipart body travels: files (format binary, or a
// contentMediaType) as file parts whose name and type the caller sets (NewFilePart), arrays as one part per
// element, objects as one JSON part, each with the Content-Type the encoding object gives.
func (b *builder) multipartParts(body *model.Body, mt *openapi3.MediaType, base, ptr string) {
	d := body.Type.Decl
	if d == nil || d.Kind != model.KindStruct {
		b.note("body", base, ptr, "downgraded", "", "multipart body without object schema: sent as fields of a map")
		body.Type = mapOf(builtin("string"))
		return
	}
	isFile := func(s *openapi3.Schema) bool {
		return s != nil && (s.Format == "binary" || s.Format == "byte" || s.ContentMediaType != "")
	}
	for _, f := range d.Fields {
		part := &model.Part{Field: f}
		ps := mt.Schema.Value.Properties[f.JSONName]
		var s *openapi3.Schema
		if ps != nil {
			s = ps.Value
		}
		if e := mt.Encoding[f.JSONName]; e != nil && e.ContentType != "" {
			part.ContentType = e.ContentType
		}
		switch {
		case isFile(s):
			part.IsFile = true
			f.Type = qual("io", "Reader")
			f.Omit = model.OmitNone
			if part.ContentType == "" && s.ContentMediaType != "" {
				part.ContentType = s.ContentMediaType
			}
			f.Doc = append(f.Doc, filePartDoc(part.ContentType, false))
		case s != nil && s.Type.Is("array") && s.Items != nil && isFile(s.Items.Value):
			part.IsFile, part.Repeated = true, true
			f.Type = sliceOf(qual("io", "Reader"))
			f.Omit = model.OmitZero
			if part.ContentType == "" && s.Items.Value.ContentMediaType != "" {
				part.ContentType = s.Items.Value.ContentMediaType
			}
			f.Doc = append(f.Doc, filePartDoc(part.ContentType, true))
		case s != nil && s.Type.Is("array") && s.Items != nil && s.Items.Value != nil &&
			!s.Items.Value.Type.Is("object") && !s.Items.Value.Type.Is("array"):
			part.Repeated = true
		case s != nil && (s.Type.Is("object") || s.Type.Is("array") || len(s.Properties) > 0 || len(s.AllOf) > 0 ||
			len(s.OneOf) > 0 || len(s.AnyOf) > 0):
			part.JSON = true
			if part.ContentType == "" {
				part.ContentType = "application/json"
			}
		}
		if strings.Contains(part.ContentType, ",") || strings.Contains(part.ContentType, "*") {
			// A list or a range of types: the caller's file decides; else octet-stream.
			part.ContentType = ""
		}
		body.Parts = append(body.Parts, part)
	}
}

// filePartDoc tells the caller of a multipart file field how its part is named and typed: the reader doc
// comment is the one place a caller looks.
func filePartDoc(specType string, repeated bool) string {
	what := "A file part"
	if repeated {
		what = "One file part per reader"
	}
	ct := "application/octet-stream"
	if specType != "" && !strings.Contains(specType, ",") && !strings.Contains(specType, "*") {
		ct = specType
	}
	return what + ": wrap a reader in NewFilePart to set its file name and Content-Type (by default an *os.File's base name, else the field's name, and " + ct + ")."
}

func (b *builder) buildResponses(o *model.Operation, op *openapi3.Operation, base, ptr string) {
	if op.Responses == nil {
		return
	}
	resps := op.Responses.Map()
	codes := naming.SortedKeys(resps)
	hasSuccess := false
	for _, code := range codes {
		if strings.HasPrefix(code, "2") {
			hasSuccess = true
		}
	}
	seen := map[string]*model.TypeRef{}
	descs := map[*model.Response]*string{}
	for _, code := range codes {
		rr := resps[code]
		if rr == nil || rr.Value == nil {
			continue
		}
		rp := ptr + "/responses/" + escapePointer(code)
		status, _ := strconv.Atoi(code)
		isSuccess := strings.HasPrefix(code, "2") || (code == "default" && !hasSuccess)
		if isSuccess {
			r := &model.Response{Status: status, StatusText: code}
			descs[r] = rr.Value.Description
			for _, name := range naming.SortedKeys(rr.Value.Headers) {
				if h := rr.Value.Headers[name]; h != nil && h.Value != nil {
					r.Headers = append(r.Headers, responseHeader(name, h.Value))
				}
			}
			ct, mt := pickContent(rr.Value.Content)
			if mt != nil {
				r.Kind = mediaKind(ct)
				switch r.Kind {
				case model.BodyJSON:
					name := base + "Response"
					if len(codes) > 1 && status != 200 && status != 0 {
						name = base + http.StatusText(status)
						name = strings.ReplaceAll(name, " ", "") + "Response"
					}
					if mt.Schema != nil {
						r.Type = b.typeOf(mt.Schema, name, rp+"/content/"+escapePointer(ct)+"/schema")
						// A body the spec allows to be null: a pointer result is nil on null; a scalar one
						// (returned by value) becomes Nullable so that null does not read as "" or 0.
						if r.Nullable = nullable(mt.Schema) && !isRawJSON(r.Type); r.Nullable && r.Type.Kind == model.RefBuiltin && r.Type.Name != "any" {
							r.Type = nullableOf(r.Type)
						}
					} else {
						r.Type = rawJSON()
					}
				case model.BodyText:
					r.Type = builtin("string")
				case model.BodyForm, model.BodyMultipart:
					r.Kind = model.BodyBinary
					r.Type = qual("io", "ReadCloser")
				default:
					r.Type = qual("io", "ReadCloser")
					if base64Schema(mt.Schema) {
						r.Base64, r.Type = true, sliceOf(builtin("byte"))
					}
				}
				seen[typeKey(r.Type)] = r.Type
			}
			o.Responses = append(o.Responses, r)
			continue
		}
		// Error responses with a JSON schema decode into typed errors.
		ct, mt := pickContent(rr.Value.Content)
		if mt == nil || mediaKind(ct) != model.BodyJSON || mt.Schema == nil {
			continue
		}
		t := b.typeOf(mt.Schema, base+"Error", rp+"/content/"+escapePointer(ct)+"/schema")
		e := &model.ErrorResponse{Status: status, Type: t}
		if len(code) == 3 && strings.HasSuffix(strings.ToUpper(code), "XX") {
			e.Range = int(code[0] - '0')
		}
		o.Errors = append(o.Errors, e)
		if t.Kind == model.RefNamed && t.Decl != nil {
			b.errTypes[t.Decl] = true
		}
	}
	// When every documented error carries the same body type, any error status decodes into it: APIs send their
	// error object for statuses their documents forget to list.
	if len(o.Errors) > 1 {
		same := true
		for _, e := range o.Errors[1:] {
			if typeKey(e.Type) != typeKey(o.Errors[0].Type) {
				same = false
			}
		}
		if same {
			o.Errors = []*model.ErrorResponse{{Type: o.Errors[0].Type}}
		}
	}
	var bodies []*model.Response
	for _, r := range o.Responses {
		if r.Type != nil {
			bodies = append(bodies, r)
		}
	}
	switch {
	case len(seen) == 0:
	case len(seen) == 1:
		o.Result = bodies[0].Type
	default:
		mt := &model.Type{Name: b.scope.Claim(base+"Result", "Response"), Kind: model.KindStruct, Pointer: ptr + "/responses"}
		mt.Doc = []string{mt.Name + " is the result of " + o.ID + ": the field of the status the server answered with is set."}
		fs := naming.NewScope()
		mt.Fields = append(mt.Fields, &model.Field{Name: fs.Claim("StatusCode"), Type: builtin("int"), Doc: []string{"StatusCode is the HTTP status the server answered with."}})
		for _, r := range bodies {
			fname := "Status" + r.StatusText
			if r.StatusText == "default" {
				fname = "Default"
			}
			r.Field = fs.Claim(b.namer.Exported(fname), "Body")
			ft := r.Type
			if !(ft.Kind == model.RefSlice || ft.Kind == model.RefMap || ft.ImportPath == "io") {
				ft = ptrTo(ft)
			}
			mt.Fields = append(mt.Fields, &model.Field{Name: r.Field, Type: ft, Doc: []string{r.Field + " is set when the server answered " + r.StatusText + "."}})
		}
		b.types = append(b.types, mt)
		o.MultiResult = mt
		o.Result = named(mt)
	}
	if o.Result != nil {
		switch o.Result.Kind {
		case model.RefSlice, model.RefMap, model.RefBuiltin, model.RefNullable:
		default:
			if o.Result.ImportPath != "io" && o.Result.ImportPath != "encoding/json" {
				o.ResultPointer = true
			}
		}
		if o.ResultPointer && o.MultiResult == nil && len(bodies) > 0 && bodies[0].Nullable {
			if i := slices.Index(o.Doc, ""); i >= 0 {
				note := []string{"", o.Method + " returns nil and no error when the API answers JSON null, which the spec allows."}
				o.Doc = append(o.Doc[:i], append(note, o.Doc[i:]...)...)
			}
		}
	}
	if o.MultiResult == nil && len(o.Responses) > 1 {
		statusDoc(o, descs)
	}
}

// statusDoc tells, in the method's doc comment, the success statuses that share one result (or have none): the
// result cannot say which one the server sent, the status can, through WithResponseInfo. A result per status
// (ogen's typed responses) would make every caller unwrap a struct for a distinction most of them ignore (Openpay
// answers "200 or 201" for the same creation); the few who need it (Culqi's 200 means 3-D Secure review, 201 a
// charge made) read the status.
func statusDoc(o *model.Operation, descs map[*model.Response]*string) {
	lines := []string{"The server answers one of several success statuses; the result does not tell them apart, the status does " +
		"(WithResponseInfo(&info), then info.StatusCode):", ""}
	for _, r := range o.Responses {
		line := "  - " + r.StatusText
		if r.Type == nil {
			switch {
			case o.Result == nil:
				line += " (no body)"
			case o.ResultPointer || o.Result.Kind == model.RefSlice || o.Result.Kind == model.RefMap:
				line += " (no body: the result is nil)"
			default:
				line += " (no body: the result is the zero value)"
			}
		}
		if d := descs[r]; d != nil {
			if first := strings.Join(strings.Fields(strings.SplitN(*d, "\n\n", 2)[0]), " "); first != "" {
				line += ": " + first
			}
		}
		lines = append(lines, line)
	}
	lines = append(lines, "")
	// Before the provenance: the "POST /path" paragraph, or the Spec line when the lead already names the call.
	at := len(o.Doc)
	for i := len(o.Doc) - 1; i >= 0; i-- {
		if o.Doc[i] == o.HTTPMethod+" "+o.Path || strings.HasPrefix(o.Doc[i], "Spec: "+o.Pointer+" ") {
			at = i
			if o.Doc[i] == o.HTTPMethod+" "+o.Path {
				break
			}
		}
	}
	o.Doc = append(o.Doc[:at:at], append(lines, o.Doc[at:]...)...)
}

// responseHeader types a declared response header: Retry-After as a time.Duration (seconds or an HTTP date),
// integers by their format (Content-Length int64), numbers, booleans, date-time strings and the HTTP date
// headers as time.Time, arrays as []string; anything else (ETag, Link) verbatim as a string.
func responseHeader(name string, h *openapi3.Header) *model.ResponseHeader {
	rh := &model.ResponseHeader{Name: http.CanonicalHeaderKey(name), Required: h.Required, Doc: docLines(h.Description)}
	var s *openapi3.Schema
	if h.Schema != nil {
		s = h.Schema.Value
	}
	lower := strings.ToLower(name)
	switch {
	case lower == "retry-after":
		rh.Parse, rh.Type = "retry-after", qual("time", "Duration")
	case lower == "content-length":
		rh.Parse, rh.Type = "int64", builtin("int64")
	case s != nil && s.Type.Is("integer"):
		rh.Parse, rh.Type = "int64", builtin("int64")
		if s.Format == "int32" {
			rh.Parse, rh.Type = "int32", builtin("int32")
		}
	case s != nil && s.Type.Is("number"):
		rh.Parse, rh.Type = "float64", builtin("float64")
	case s != nil && s.Type.Is("boolean"):
		rh.Parse, rh.Type = "bool", builtin("bool")
	case s != nil && s.Type.Is("array"):
		rh.Parse, rh.Type = "strings", sliceOf(builtin("string"))
	case s != nil && s.Type.Is("string") && (s.Format == "date-time" || s.Format == "http-date") ||
		lower == "date" || lower == "last-modified" || lower == "expires":
		rh.Parse, rh.Type = "time", qual("time", "Time")
	default:
		rh.Parse, rh.Type = "string", builtin("string")
	}
	if rh.Parse != "strings" {
		rh.Type = ptrTo(rh.Type)
	}
	return rh
}

// buildHeaders gives an operation whose success responses declare headers the struct of them. Operations that
// declare the same headers share one struct: ResponseHeaders for the set most of them share (an API that sends
// the same tracking headers on every answer, as Culqi does), else the first operation's <Op>Headers.
func (b *builder) buildHeaders(o *model.Operation) {
	byName := map[string]*model.ResponseHeader{}
	for _, r := range o.Responses {
		for _, h := range r.Headers {
			if _, ok := byName[h.Name]; !ok {
				byName[h.Name] = h
			}
		}
	}
	for _, name := range naming.SortedKeys(byName) {
		o.ResponseHeaders = append(o.ResponseHeaders, byName[name])
	}
}

// nameHeaders makes the headers structs, once every operation is built.
func (b *builder) nameHeaders(c *model.Client) {
	key := func(o *model.Operation) string {
		var parts []string
		for _, h := range o.ResponseHeaders {
			parts = append(parts, h.Name+":"+h.Parse)
		}
		return strings.Join(parts, ",")
	}
	groups := map[string][]*model.Operation{}
	var order []string
	for _, o := range c.Operations {
		if len(o.ResponseHeaders) == 0 {
			continue
		}
		k := key(o)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], o)
	}
	common := ""
	for _, k := range order {
		if n := len(groups[k]); n >= 2 && (common == "" || n > len(groups[common])) {
			common = k
		}
	}
	for _, k := range order {
		ops := groups[k]
		first := ops[0]
		name := strings.TrimPrefix(first.VarName, "op") + "Headers"
		if k == common {
			name = "ResponseHeaders"
		}
		t := &model.Type{Name: b.scope.Claim(name, "Response"), Kind: model.KindStruct, Pointer: first.Pointer + "/responses"}
		var ids []string
		for _, o := range ops {
			ids = append(ids, o.ID)
		}
		of := ids[0]
		if len(ids) > 1 {
			of = strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
		}
		t.Doc = []string{t.Name + " holds the response headers " + of + " declare, typed; pass a pointer to " +
			"WithResponseHeaders to have them filled. A header that is absent or does not parse is nil."}
		fs := naming.NewScope()
		for _, h := range first.ResponseHeaders {
			gn := b.namer.Exported(h.Name)
			if strings.EqualFold(h.Name, "etag") {
				gn = "ETag" // as Go spells it (net/http's docs, ogen)
			}
			if gn == "" {
				gn = "Header"
			}
			h.GoName = fs.Claim(gn, "Header")
			doc := append([]string{h.GoName + " is the " + h.Name + " header."}, h.Doc...)
			t.Fields = append(t.Fields, &model.Field{Name: h.GoName, Type: h.Type, Doc: doc})
		}
		for _, o := range ops {
			o.HeadersType = t
			o.ResponseHeaders = first.ResponseHeaders
			if o.HTTPMethod == http.MethodHead && o.Result != nil && o.Result.Kind == model.RefNamed && o.Result.Decl == nil && o.Result.Name == "" {
				o.Result = named(t)
			}
		}
		b.types = append(b.types, t)
	}
}

func typeKey(t *model.TypeRef) string {
	if t == nil {
		return ""
	}
	return fmt.Sprintf("%d:%s.%s[%s]", t.Kind, t.ImportPath, t.Name, typeKey(t.Elem))
}

func (b *builder) requestIDHeaders() []string {
	set := map[string]bool{}
	visit := func(hs openapi3.Headers) {
		for name, h := range hs {
			if h == nil || h.Value == nil {
				continue
			}
			if v, ok := h.Value.Extensions["x-opgen-request-id"].(bool); ok && v {
				set[http.CanonicalHeaderKey(name)] = true
			}
		}
	}
	if b.doc.Components != nil {
		visit(b.doc.Components.Headers)
		for _, r := range b.doc.Components.Responses {
			if r != nil && r.Value != nil {
				visit(r.Value.Headers)
			}
		}
	}
	if b.doc.Paths != nil {
		for _, item := range b.doc.Paths.Map() {
			if item == nil {
				continue
			}
			for _, op := range item.Operations() {
				if op.Responses == nil {
					continue
				}
				for _, r := range op.Responses.Map() {
					if r != nil && r.Value != nil {
						visit(r.Value.Headers)
					}
				}
			}
		}
	}
	return naming.SortedKeys(set)
}

// ---- client surface: environments, server variables, security ----

func (b *builder) envName(s *openapi3.Server, i int) string {
	if v, ok := s.Extensions["x-opgen-environment"].(string); ok && strings.TrimSpace(v) != "" {
		return strings.TrimSpace(v)
	}
	if f := strings.Fields(s.Description); len(f) > 0 {
		if n := b.namer.Exported(f[0]); n != "" {
			return strings.ToLower(f[0])
		}
	}
	return "server" + strconv.Itoa(i+1)
}

func (b *builder) buildEnvironments(c *model.Client) {
	vars := map[string]*model.ServerVariable{}
	envScope := naming.NewScope()
	for i, s := range b.doc.Servers {
		if s == nil {
			continue
		}
		value := b.envName(s, i)
		constName := b.namer.Exported(value)
		if constName == "" {
			constName = "Server" + strconv.Itoa(i+1)
		}
		if envScope.Taken(value) {
			value = value + strconv.Itoa(i+1)
		}
		envScope.Reserve(value)
		env := &model.Environment{ConstName: b.scope.Claim(constName, "Environment"), Value: value, URL: s.URL}
		first := env.ConstName + " is the " + value + " environment, " + s.URL
		if i == 0 {
			first += " (the default)"
		}
		env.Doc = withParagraph(first+".", docLines(s.Description))
		if note := docNote(s.Extensions); note != nil {
			// How the spec came by this host (a host no document names, say) is what the user must know before
			// choosing it.
			env.Doc = append(append(env.Doc, ""), note...)
		}
		c.Environments = append(c.Environments, env)
		for _, vn := range naming.SortedKeys(s.Variables) {
			sv := s.Variables[vn]
			if sv == nil {
				continue
			}
			if v, ok := vars[vn]; ok {
				// Another server's variable of the same name: this server keeps its own default, and its values
				// are valid too.
				if sv.Default != v.Default && sv.Default != "" {
					if env.Defaults == nil {
						env.Defaults = map[string]string{}
					}
					env.Defaults[vn] = sv.Default
				}
				if len(v.Enum) > 0 {
					if len(sv.Enum) == 0 {
						v.Enum = nil // this server takes any value
					} else {
						for _, e := range sv.Enum {
							if !slices.Contains(v.Enum, e) {
								v.Enum = append(v.Enum, e)
							}
						}
					}
				}
				continue
			}
			v := &model.ServerVariable{Name: vn, Default: sv.Default, Enum: sv.Enum, Doc: docLines(sv.Description)}
			req, _ := sv.Extensions["x-opgen-required"].(bool)
			v.Required = req || (len(sv.Enum) == 0 && sv.Default == "")
			vars[vn] = v
		}
	}
	for _, vn := range naming.SortedKeys(vars) {
		v := vars[vn]
		gn := b.namer.Exported(vn)
		if gn == "" {
			gn = "ServerVariable"
		}
		v.OptionName = b.scope.Claim("With"+gn, "Variable")
		if len(v.Enum) > 0 {
			v.EnumType = b.scope.Claim(gn, "Value")
			// A value listed twice gets one constant; names are claimed in sorted order, constants listed in the
			// spec's.
			var values []string
			seen := map[string]bool{}
			for _, e := range v.Enum {
				if !seen[e] {
					seen[e] = true
					values = append(values, e)
				}
			}
			sorted := slices.Sorted(slices.Values(values))
			names := map[string]string{}
			for _, e := range sorted {
				suffix := b.namer.Join(e)
				if suffix == "" {
					suffix = "Empty"
				}
				names[e] = b.scope.Claim(v.EnumType+suffix, "Value")
			}
			for _, e := range values {
				v.EnumConsts = append(v.EnumConsts, &model.EnumValue{Name: names[e], Value: e})
			}
		}
		doc := v.OptionName + " sets the server variable " + vn + ", used in every call's URL."
		if v.Required {
			doc += " It is required: NewClient fails without it."
		} else if v.Default != "" {
			doc += " Default: " + v.Default + "."
		}
		v.Doc = withParagraph(doc, v.Doc)
		c.ServerVariables = append(c.ServerVariables, v)
	}
}

func (b *builder) buildSchemes(c *model.Client) {
	if b.doc.Components == nil {
		return
	}
	for _, name := range naming.SortedKeys(b.doc.Components.SecuritySchemes) {
		ref := b.doc.Components.SecuritySchemes[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		s := ref.Value
		ptr := "#/components/securitySchemes/" + escapePointer(name)
		sc := &model.SecurityScheme{Name: name}
		switch strings.ToLower(s.Type) {
		case "http":
			switch strings.ToLower(s.Scheme) {
			case "basic":
				sc.Kind = model.SecurityBasic
				if v, _ := s.Extensions["x-opgen-credential"].(string); v == "username" {
					sc.UsernameOnly = true
				}
			case "bearer":
				sc.Kind = model.SecurityBearer
			default:
				b.note("security", name, ptr, "skipped", "", "HTTP scheme "+s.Scheme+" is not supported; set the Authorization header with WithHeader")
				continue
			}
		case "apikey":
			switch s.In {
			case "header":
				sc.Kind = model.SecurityAPIKeyHeader
			case "query":
				sc.Kind = model.SecurityAPIKeyQuery
			case "cookie":
				sc.Kind = model.SecurityAPIKeyCookie
			default:
				b.note("security", name, ptr, "skipped", "", "apiKey in "+s.In+" is not supported")
				continue
			}
			sc.ParamName = s.Name
		case "oauth2", "openidconnect":
			// The SDK does not run the OAuth flow; it sends the access token the caller obtained.
			sc.Kind = model.SecurityBearer
			b.note("security", name, ptr, "downgraded", "", s.Type+": the client takes an access token; obtaining it is up to the caller")
		default:
			b.note("security", name, ptr, "skipped", "", "security scheme type "+s.Type+" is not supported")
			continue
		}
		opt := name
		if v, ok := s.Extensions["x-opgen-option"].(string); ok && naming.IsValidIdent(v) {
			opt = v
		}
		gn := b.namer.Exported(opt)
		if gn == "" {
			gn = "Credential"
		}
		sc.OptionName = b.scope.Claim("With"+gn, "Auth")
		sc.Doc = withParagraph(schemeDoc(sc), docLines(s.Description))
		c.Schemes = append(c.Schemes, sc)
		b.note("security", name, ptr, "exact", sc.OptionName, "")
	}
}

func schemeDoc(s *model.SecurityScheme) string {
	// The scheme's name is quoted: "sets the basic HTTP basic credentials" and "the bearer bearer token" stutter.
	of := " of the security scheme " + strconv.Quote(s.Name)
	switch s.Kind {
	case model.SecurityBasic:
		if s.UsernameOnly {
			return s.OptionName + " sets the credential" + of + ", sent as the HTTP basic user name with an empty password."
		}
		return s.OptionName + " sets the HTTP basic credentials" + of + "."
	case model.SecurityBearer:
		return s.OptionName + " sets the bearer token" + of + ", sent as \"Authorization: Bearer <token>\"."
	case model.SecurityAPIKeyHeader:
		return s.OptionName + " sets the API key" + of + ", sent in the " + s.ParamName + " header."
	case model.SecurityAPIKeyQuery:
		return s.OptionName + " sets the API key" + of + ", sent as the " + s.ParamName + " query parameter."
	default:
		return s.OptionName + " sets the API key" + of + ", sent as the " + s.ParamName + " cookie."
	}
}

// opServers maps a path's or operation's own servers to the client's environments.
func (b *builder) opServers(c *model.Client, r *rawOp) map[string]string {
	servers := r.item.Servers
	if r.op.Servers != nil && len(*r.op.Servers) > 0 {
		servers = *r.op.Servers
	}
	if len(servers) == 0 {
		return nil
	}
	clientVar := map[string]bool{}
	for _, v := range c.ServerVariables {
		clientVar[v.Name] = true
	}
	// An operation's server keeps its own variables: those the client has no option for are filled with the
	// server's defaults here; the client's own variables (WithMerchantID) are filled at run time.
	url := func(s *openapi3.Server) string {
		u := s.URL
		for _, vn := range naming.SortedKeys(s.Variables) {
			if sv := s.Variables[vn]; sv != nil && !clientVar[vn] {
				if sv.Default == "" {
					b.note("server", r.op.OperationID, r.ptr+"/servers", "downgraded", "",
						"server variable "+vn+" has no default and no client option; sent empty")
				}
				u = strings.ReplaceAll(u, "{"+vn+"}", sv.Default)
			}
		}
		return u
	}
	// One server without an environment name serves every environment (Culqi's token host).
	if len(servers) == 1 && servers[0] != nil {
		if _, named := servers[0].Extensions["x-opgen-environment"]; !named {
			return map[string]string{"": url(servers[0])}
		}
	}
	out := map[string]string{}
	for i, s := range servers {
		if s == nil {
			continue
		}
		name := ""
		if v, ok := s.Extensions["x-opgen-environment"].(string); ok {
			name = strings.TrimSpace(v)
		} else if i < len(c.Environments) {
			name = c.Environments[i].Value
		} else {
			name = b.envName(s, i)
		}
		if _, ok := out[name]; !ok {
			out[name] = url(s)
		}
	}
	// An environment the operation does not list keeps the client's own server for it. Borrowing another
	// environment's server instead would send production calls to a sandbox host, or the reverse.
	for _, env := range c.Environments {
		if _, ok := out[env.Value]; !ok {
			b.note("server", r.op.OperationID, r.ptr+"/servers", "downgraded", "",
				"the operation lists no server for environment "+env.Value+"; calls there use that environment's own server")
		}
	}
	return out
}

// ---- pagination ----

// pageSpec is what an auto-paging method needs, from x-opgen-pagination, the config, or inferred.
type pageSpec struct {
	Style   string // offset, page, cursor, token, link
	Method  string
	Items   string // dotted JSON path to the items ("" = the body is the array)
	Offset  string
	Limit   string
	Page    string
	Cursor  string
	Next    string // dotted JSON path to the next cursor
	HasMore string // dotted JSON path to a has_more boolean
}

func (b *builder) buildPagination(o *model.Operation, op *openapi3.Operation, sc *naming.Scope, ptr string) *model.Pagination {
	raw, explicit := op.Extensions["x-opgen-pagination"]
	where := ptr + "/x-opgen-pagination"
	for _, key := range []string{o.OperationID, o.ID} {
		if v, ok := b.in.Pagination[key]; ok && key != "" {
			raw, explicit, where = v, true, "config pagination."+key
			break
		}
	}
	if explicit {
		switch v := raw.(type) {
		case bool:
			if !v {
				b.note("pagination", o.ID, where, "excluded", "", "auto-paging switched off ("+where+": false)")
				return nil
			}
		case string:
			if v == "off" || v == "none" || v == "false" {
				b.note("pagination", o.ID, where, "excluded", "", "auto-paging switched off ("+where+": "+v+")")
				return nil
			}
		case map[string]any:
			str := func(k, def string) string {
				if v, ok := v[k].(string); ok {
					return v
				}
				return def
			}
			spec := pageSpec{Style: str("style", "offset"), Method: str("method", ""), Items: str("items", ""),
				Offset: str("offset", "offset"), Limit: str("limit", "limit"), Page: str("page", "page"),
				Cursor: str("cursor", "after"), Next: str("next", ""), HasMore: str("has_more", "")}
			pg, reason := b.pagination(o, sc, spec)
			if pg == nil {
				b.note("operation", o.ID, where, "downgraded", o.ID, "no auto-paging method: "+reason)
				return nil
			}
			b.note("pagination", o.ID, where, "exact", pg.Method, spec.Style+" pagination as "+where+" says")
			return pg
		}
	}
	if o.HTTPMethod != http.MethodGet {
		return nil
	}
	spec, why := b.inferPagination(o)
	if spec == nil {
		return nil
	}
	pg, reason := b.pagination(o, sc, *spec)
	if pg == nil {
		b.note("pagination", o.ID, ptr, "skipped", "", "looks paginated ("+why+") but no auto-paging method: "+reason)
		return nil
	}
	b.note("pagination", o.ID, ptr, "exact", pg.Method, "inferred "+spec.Style+" pagination: "+why+
		"; x-opgen-pagination or the config's pagination key overrides or switches it off")
	return pg
}

var (
	pageItemsNames  = []string{"data", "items", "results", "records", "entries", "list", "values", "content", "elements", "objects", "rows", "hits"}
	pageTokenParams = []string{"page_token", "pagetoken", "next_page_token", "continuation_token", "continuationtoken", "next_token", "nexttoken"}
	pageTokenNext   = []string{"next_page_token", "nextpagetoken", "next_token", "nexttoken", "continuation_token", "continuationtoken", "page_token", "pagetoken"}
	cursorParams    = []string{"starting_after", "after", "cursor", "next_cursor", "marker", "after_id", "since_id", "continue", "offset"}
	backCursors     = []string{"ending_before", "before", "before_id"}
	cursorNext      = []string{"next_cursor", "nextcursor", "cursor", "next_marker", "nextmarker", "next_offset", "continue"}
	hasMoreNames    = []string{"has_more", "hasmore", "has_next", "hasnext", "has_next_page", "hasnextpage", "more"}
	offsetParams    = []string{"offset", "skip", "start"}
	limitParams     = []string{"limit", "per_page", "perpage", "page_size", "pagesize", "size", "count", "max_results", "maxresults", "top", "take"}
	pageParams      = []string{"page", "page_number", "pagenumber", "page_no"}
	nextURLNames    = []string{"next_url", "nexturl", "next_page_url", "nextpageurl", "next_link", "nextlink", "@odata.nextlink", "next_href", "next"}
)

// isNextURL is a field that holds the next page's URL: a string whose format says URI, or whose name says URL or
// link ("next" alone is a URL only with a uri format: it is as often a cursor).
func isNextURL(f *model.Field) bool {
	if !isStringish(f.Type) {
		return false
	}
	switch strings.ToLower(f.Format) {
	case "uri", "url", "uri-reference", "iri":
		return true
	}
	n := strings.ToLower(f.JSONName)
	return n != "next" && (strings.Contains(n, "url") || strings.Contains(n, "link") || strings.Contains(n, "href"))
}

// inferPagination recognises the list shapes APIs use without any extension, and says why.
func (b *builder) inferPagination(o *model.Operation) (*pageSpec, string) {
	if o.Result == nil || o.MultiResult != nil {
		return nil, ""
	}
	query := map[string]*model.Param{}
	for _, p := range o.Params {
		if p.In == model.InQuery {
			query[strings.ToLower(p.Name)] = p
		}
	}
	find := func(names []string, integer bool) string {
		for _, n := range names {
			if p := query[n]; p != nil && (!integer || isInteger(p.Type)) && (integer || isStringish(p.Type)) {
				return p.Name
			}
		}
		return ""
	}
	// The items: the body itself, or its one array property (a conventional name first).
	items, itemsWhy := "", "the response is an array"
	body := o.Result
	if d := derefNamed(body); d != nil {
		body = d
	}
	if body.Kind != model.RefSlice {
		items = arrayField(o.Result, pageItemsNames)
		if items == "" {
			return nil, ""
		}
		itemsWhy = "items in `" + items + "`"
	}
	limit := find(limitParams, true)
	spec := &pageSpec{Items: items, Limit: limit}
	with := func(why string) string {
		if limit != "" {
			why += " with query parameter `" + limit + "`"
		}
		return why + "; " + itemsWhy
	}
	// Page tokens and cursors, with the next value in the body.
	if tok := find(pageTokenParams, false); tok != "" {
		if next := stringFieldPath(o.Result, pageTokenNext, items, 3); next != "" {
			spec.Style, spec.Cursor, spec.Next = "token", tok, next
			return spec, with("query parameter `" + tok + "` and the next token in `" + next + "`")
		}
	}
	cur := find(cursorParams, false)
	if cur == "" {
		cur = find(backCursors, false)
	}
	if cur != "" {
		if next := stringFieldPath(o.Result, append([]string{strings.ToLower(cur), "next_" + strings.ToLower(cur)}, cursorNext...), items, 3); next != "" {
			spec.Style, spec.Cursor, spec.Next = "cursor", cur, next
			if hm := boolFieldPath(o.Result, hasMoreNames, items, 2); hm != "" {
				spec.HasMore = hm
			}
			return spec, with("query parameter `" + cur + "` and the next cursor in `" + next + "`")
		}
		if hm := boolFieldPath(o.Result, hasMoreNames, items, 2); hm != "" {
			spec.Style, spec.Cursor, spec.HasMore = "cursor", cur, hm
			return spec, with("query parameter `" + cur + "` set to the last item's `id` while `" + hm + "` is true")
		}
	}
	// The next page's full URL in the body (Bitbucket's `next`, `next_page_url`, OData's `@odata.nextLink`).
	if next := fieldPath(o.Result, nextURLNames, items, 3, isNextURL); next != "" {
		spec.Style, spec.Next = "url", next
		return spec, with("the next page's URL in `" + next + "`")
	}
	if b.declaresLink(o) {
		spec.Style = "link"
		return spec, with("the response declares a `Link` header (RFC 8288 rel=\"next\")")
	}
	if off := find(offsetParams, true); off != "" {
		spec.Style, spec.Offset = "offset", off
		return spec, with("query parameter `" + off + "`")
	}
	if pg := find(pageParams, true); pg != "" {
		spec.Style, spec.Page = "page", pg
		return spec, with("query parameter `" + pg + "`")
	}
	return nil, ""
}

// declaresLink reports whether a success response of the operation declares a Link header.
func (b *builder) declaresLink(o *model.Operation) bool {
	for _, r := range o.Responses {
		for _, h := range r.Headers {
			if strings.EqualFold(h.Name, "Link") {
				return true
			}
		}
	}
	return false
}

// arrayField is the JSON name of the array property of a struct: the first of names that is one, else the only
// array property.
func arrayField(t *model.TypeRef, names []string) string {
	d := structOf(t)
	if d == nil {
		return ""
	}
	var arrays []string
	for _, f := range d.Fields {
		ft := f.Type
		for unwraps(ft) {
			ft = ft.Elem
		}
		if x := derefNamed(ft); x != nil {
			ft = x
		}
		if ft.Kind == model.RefSlice {
			arrays = append(arrays, f.JSONName)
		}
	}
	for _, n := range names {
		for _, a := range arrays {
			if strings.EqualFold(a, n) {
				return a
			}
		}
	}
	if len(arrays) == 1 {
		return arrays[0]
	}
	return ""
}

func structOf(t *model.TypeRef) *model.Type {
	for unwraps(t) {
		t = t.Elem
	}
	if t == nil || t.Kind != model.RefNamed || t.Decl == nil || t.Decl.Kind != model.KindStruct {
		return nil
	}
	return t.Decl
}

// stringFieldPath finds, breadth first down to depth levels (not into the items), a string field with one of
// names (case-insensitive; earlier names first at each depth), and returns its dotted JSON path.
func stringFieldPath(t *model.TypeRef, names []string, skip string, depth int) string {
	return fieldPath(t, names, skip, depth, func(f *model.Field) bool { return isStringish(f.Type) })
}

func boolFieldPath(t *model.TypeRef, names []string, skip string, depth int) string {
	return fieldPath(t, names, skip, depth, func(f *model.Field) bool {
		t := f.Type
		for unwraps(t) {
			t = t.Elem
		}
		return t.Kind == model.RefBuiltin && t.Name == "bool"
	})
}

func fieldPath(t *model.TypeRef, names []string, skip string, depth int, ok func(*model.Field) bool) string {
	type node struct {
		d    *model.Type
		path string
	}
	level := []node{}
	if d := structOf(t); d != nil {
		level = append(level, node{d, ""})
	}
	seen := map[*model.Type]bool{}
	for i := 0; i < depth && len(level) > 0; i++ {
		for _, n := range names {
			for _, nd := range level {
				for _, f := range nd.d.Fields {
					if strings.EqualFold(f.JSONName, n) && ok(f) {
						return strings.TrimPrefix(nd.path+"."+f.JSONName, ".")
					}
				}
			}
		}
		var next []node
		for _, nd := range level {
			seen[nd.d] = true
			for _, f := range nd.d.Fields {
				p := strings.TrimPrefix(nd.path+"."+f.JSONName, ".")
				if p == skip {
					continue
				}
				if d := structOf(f.Type); d != nil && !seen[d] {
					next = append(next, node{d, p})
				}
			}
		}
		level = next
	}
	return ""
}

// pagination checks a pageSpec against the operation and builds the auto-paging method, or says why not.
func (b *builder) pagination(o *model.Operation, sc *naming.Scope, spec pageSpec) (*model.Pagination, string) {
	findParam := func(name string) *model.Param {
		for _, p := range o.Params {
			if p.Name == name && p.In == model.InQuery {
				return p
			}
		}
		return nil
	}
	if o.Result == nil || o.MultiResult != nil {
		return nil, "the operation has no single success body"
	}
	if o.ParamsType == nil && spec.Style != "link" && spec.Style != "url" {
		return nil, "the operation has no query parameters"
	}
	pg := &model.Pagination{Style: spec.Style}
	method := b.namer.Pinned(spec.Method)
	if method == "" {
		method = o.Method + "All"
	}
	if !naming.IsValidIdent(method) {
		return nil, "x-opgen-pagination.method is not a Go identifier"
	}
	path := func(dotted string) ([]string, []model.RefKind, *model.TypeRef, bool) {
		var names []string
		var kinds []model.RefKind
		cur := o.Result
		for _, seg := range strings.Split(dotted, ".") {
			f := fieldOf(cur, seg)
			if f == nil {
				return nil, nil, nil, false
			}
			names = append(names, f.Name)
			kinds = append(kinds, f.Type.Kind)
			cur = f.Type
			for unwraps(cur) {
				cur = cur.Elem
			}
		}
		return names, kinds, cur, true
	}
	// Items: the body itself, or a dotted path into it.
	cur := o.Result
	if spec.Items != "" {
		var ok bool
		pg.ItemsPath, pg.ItemsKinds, cur, ok = path(spec.Items)
		if !ok {
			return nil, "items path " + spec.Items + " does not lead to a field of the response"
		}
	}
	if d := derefNamed(cur); d != nil {
		cur = d
	}
	if cur.Kind != model.RefSlice {
		return nil, "the items are not an array"
	}
	pg.Item = cur.Elem
	if spec.Limit != "" {
		pg.LimitParam = findParam(spec.Limit)
	}
	switch spec.Style {
	case "offset":
		pg.OffsetParam = findParam(spec.Offset)
		if pg.OffsetParam == nil {
			return nil, "offset style needs the query parameter " + spec.Offset
		}
	case "page":
		pg.PageParam = findParam(spec.Page)
		if pg.PageParam == nil {
			return nil, "page style needs the query parameter " + spec.Page
		}
		pg.FirstPage = 1
		if pg.PageParam.MinZero {
			pg.FirstPage = 0
		}
	case "cursor", "token":
		pg.CursorParam = findParam(spec.Cursor)
		if pg.CursorParam == nil {
			return nil, "cursor style needs the query parameter " + spec.Cursor
		}
		if !isStringish(pg.CursorParam.Type) {
			return nil, "the cursor parameter " + spec.Cursor + " is not a string"
		}
		if spec.HasMore != "" {
			names, kinds, t, ok := path(spec.HasMore)
			if !ok || !(t.Kind == model.RefBuiltin && t.Name == "bool") {
				return nil, "has_more path " + spec.HasMore + " does not lead to a boolean field of the response"
			}
			pg.HasMorePath, pg.HasMoreKinds = names, kinds
		}
		if spec.Next == "" {
			if spec.HasMore == "" {
				return nil, "cursor style needs `next`, the response path of the next cursor, or `has_more`"
			}
			// Stripe's shape: the next page starts after the last item's id.
			id := fieldOf(pg.Item, "id")
			if id == nil || !isStringish(id.Type) {
				return nil, "with has_more and no next cursor, the items need a string `id`"
			}
			pg.ItemIDField, pg.ItemIDKind = id.Name, id.Type.Kind
			break
		}
		names, kinds, t, ok := path(spec.Next)
		if !ok {
			return nil, "next path " + spec.Next + " does not lead to a field of the response"
		}
		if !isStringish(t) {
			return nil, "the next cursor is not a string"
		}
		pg.NextPath, pg.NextKinds = names, kinds
	case "link":
	case "url":
		if spec.Next == "" {
			return nil, "url style needs `next`, the response path of the next page's URL"
		}
		names, kinds, t, ok := path(spec.Next)
		if !ok {
			return nil, "next path " + spec.Next + " does not lead to a field of the response"
		}
		if !isStringish(t) {
			return nil, "the next page's URL is not a string"
		}
		pg.NextPath, pg.NextKinds = names, kinds
	default:
		return nil, "unknown style " + spec.Style
	}
	for _, p := range []*model.Param{pg.OffsetParam, pg.LimitParam, pg.PageParam} {
		if p != nil && !isInteger(p.Type) {
			return nil, "the " + p.Name + " parameter is not an integer"
		}
	}
	if pg.LimitParam != nil && pg.LimitParam.Default != "" {
		if n, err := strconv.Atoi(pg.LimitParam.Default); err == nil && n > 0 {
			pg.LimitDefault = n
		}
	}
	pg.Method = sc.Claim(method, "Iter")
	return pg, ""
}

func isInteger(t *model.TypeRef) bool {
	for t.Kind == model.RefPointer || t.Kind == model.RefOptional {
		t = t.Elem
	}
	if t.Kind != model.RefBuiltin {
		return false
	}
	switch t.Name {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return true
	}
	return false
}

func derefNamed(t *model.TypeRef) *model.TypeRef {
	if t.Kind == model.RefNamed && t.Decl != nil && (t.Decl.Kind == model.KindNamed || t.Decl.Kind == model.KindAlias) {
		return t.Decl.Underlying
	}
	return nil
}

func fieldOf(t *model.TypeRef, jsonName string) *model.Field {
	for unwraps(t) {
		t = t.Elem
	}
	if t == nil || t.Kind != model.RefNamed || t.Decl == nil || t.Decl.Kind != model.KindStruct {
		return nil
	}
	for _, f := range t.Decl.Fields {
		if f.JSONName == jsonName {
			return f
		}
	}
	return nil
}

// ---- errors and webhooks ----

// nameErrorDecoders gives each distinct status->type mapping of error bodies one decoder function.
func (b *builder) nameErrorDecoders(c *model.Client) {
	byKey := map[string]string{}
	for _, op := range c.Operations {
		if len(op.Errors) == 0 {
			continue
		}
		var parts []string
		var names []string
		for _, e := range op.Errors {
			parts = append(parts, fmt.Sprintf("%d/%d:%s", e.Status, e.Range, typeKey(e.Type)))
			if e.Type.Kind == model.RefNamed && !contains(names, e.Type.Name) {
				names = append(names, e.Type.Name)
			}
		}
		key := strings.Join(parts, ",")
		if n, ok := byKey[key]; ok {
			op.ErrorDecoder = n
			continue
		}
		base := "decode" + strings.Join(names, "Or")
		if len(names) == 0 || len(base) > 60 {
			base = "decode" + op.VarName[2:] + "Error"
		}
		n := b.scope.Claim(base, "Error")
		byKey[key] = n
		op.ErrorDecoder = n
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var messageFields = []string{"merchant_message", "description", "message", "user_message", "error_description", "detail", "title", "error"}
var codeFields = []string{"error_code", "code", "type"}

// requestIDFields are the body fields that carry a request id in an error body (Openpay puts it there, not in a
// header).
var requestIDFields = []string{"request_id", "requestId", "request-id"}

// markErrors picks the message field of each error body type, so it can implement error.
func (b *builder) markErrors() {
	for t := range b.errTypes {
		if t.Kind != model.KindStruct {
			continue
		}
		for _, f := range t.Fields {
			if f.Name == "Error" {
				b.downgrade(t.Pointer, t.Name, "has a field named Error, so it cannot implement error; APIError.Body keeps the raw bytes")
				goto next
			}
		}
		t.IsError = true
		for _, name := range messageFields {
			for _, f := range t.Fields {
				if f.JSONName == name && isStringish(f.Type) {
					t.ErrorMethod = f
					break
				}
			}
			if t.ErrorMethod != nil {
				break
			}
		}
		for _, name := range codeFields {
			for _, f := range t.Fields {
				if f.JSONName == name && f != t.ErrorMethod && isScalar(f.Type) {
					t.ErrorCodeField = f
					break
				}
			}
			if t.ErrorCodeField != nil {
				break
			}
		}
		for _, name := range requestIDFields {
			for _, f := range t.Fields {
				if f.JSONName == name && isStringish(f.Type) {
					t.RequestIDField = f
					break
				}
			}
			if t.RequestIDField != nil {
				break
			}
		}
	next:
	}
}

func isStringish(t *model.TypeRef) bool {
	for unwraps(t) {
		t = t.Elem
	}
	if t.Kind == model.RefBuiltin && t.Name == "string" {
		return true
	}
	return t.Kind == model.RefNamed && t.Decl != nil && t.Decl.Kind == model.KindEnum && t.Decl.Enum.Base == "string"
}

func isScalar(t *model.TypeRef) bool {
	for unwraps(t) {
		t = t.Elem
	}
	if t.Kind == model.RefBuiltin {
		return t.Name != "any"
	}
	return t.Kind == model.RefNamed && t.Decl != nil && t.Decl.Kind == model.KindEnum
}

func (b *builder) webhooks() *model.Webhooks {
	var w model.Webhooks
	for _, t := range b.types {
		if t.Kind == model.KindEnum && t.Enum.WebhookEvents && w.EventType == nil {
			w.EventType = t
		}
	}
	if w.EventType == nil {
		return nil
	}
	if b.doc.Components != nil {
		for _, name := range naming.SortedKeys(b.doc.Components.Schemas) {
			sr := b.doc.Components.Schemas[name]
			if sr == nil || sr.Value == nil {
				continue
			}
			if v, ok := sr.Value.Extensions["x-opgen-webhook-payload"].(bool); ok && v {
				if t := b.comp[sr.Value]; t != nil && t.Kind == model.KindStruct {
					w.Payload = t
					break
				}
			}
		}
	}
	if w.Payload != nil {
		for _, f := range w.Payload.Fields {
			ft := f.Type
			for unwraps(ft) {
				ft = ft.Elem
			}
			if ft.Kind == model.RefNamed && ft.Decl == w.EventType {
				w.TypeField = f
				break
			}
		}
		if w.TypeField == nil {
			w.Payload = nil
		}
	}
	return &w
}

// noteUnclientable reports the operations a client cannot call: the API's webhooks (3.1 `webhooks`) and the
// callbacks of each operation are requests the API sends, not requests the SDK makes. Their schemas are
// generated like any other; the operations themselves are listed as skipped so the report drops nothing silently.
func (b *builder) noteUnclientable() {
	const reason = "the API sends this request (webhook or callback); a client SDK does not call it"
	noteItem := func(kind, ptr string, item *openapi3.PathItem, label string) {
		if item == nil {
			return
		}
		for _, m := range methodOrder {
			if op := item.GetOperation(m); op != nil {
				b.note(kind, opLabel(op, m, label), ptr+"/"+strings.ToLower(m), "not_applicable", "", reason)
			}
		}
	}
	for _, name := range naming.SortedKeys(b.doc.Webhooks) {
		noteItem("webhook", "#/webhooks/"+escapePointer(name), b.doc.Webhooks[name], name)
	}
	if b.doc.Paths == nil {
		return
	}
	paths := b.doc.Paths.Map()
	for _, path := range naming.SortedKeys(paths) {
		item := paths[path]
		if item == nil {
			continue
		}
		for _, m := range methodOrder {
			op := item.GetOperation(m)
			if op == nil || (b.in.Keep != nil && !b.in.Keep(op)) {
				continue
			}
			opPtr := "#/paths/" + escapePointer(path) + "/" + strings.ToLower(m)
			for _, cbName := range naming.SortedKeys(op.Callbacks) {
				cb := op.Callbacks[cbName]
				if cb == nil || cb.Value == nil {
					continue
				}
				cbMap := cb.Value.Map()
				for _, expr := range naming.SortedKeys(cbMap) {
					noteItem("callback", opPtr+"/callbacks/"+escapePointer(cbName)+"/"+escapePointer(expr), cbMap[expr], cbName+" "+expr)
				}
			}
		}
	}
}

// withParagraph puts opgen's own sentence first and the spec's description below it as a paragraph of its own,
// so the two never run together into one sentence in godoc.
func withParagraph(first string, desc []string) []string {
	if len(desc) == 0 {
		return []string{first}
	}
	return append([]string{first, ""}, desc...)
}

// foldBody puts the request body of an operation that also has query, header or cookie parameters into its
// parameters struct, so every call reads Create(ctx, params) (openai-go's and stripe-go's shape) instead of
// Create(ctx, body, params). A struct body is embedded: its fields read as the struct's own (p.Amount), and a
// parameter whose Go name one of them already has takes its location as a suffix (AmountQuery, AmountHeader),
// so neither shadows the other. Any other body (an array, a union, bytes) is the field Body. An operation
// with several request media types keeps the body as an argument: each of its methods sends another body type
// with the same parameters.
func (b *builder) foldBody(o *model.Operation) {
	if o.Body == nil || o.ParamsType == nil || len(o.AltBodies) > 0 {
		return
	}
	pt := o.ParamsType
	taken := map[string]bool{}
	var field *model.Field
	if d := o.Body.Type.Decl; o.Body.Type.Kind == model.RefNamed && d != nil && d.Kind == model.KindStruct &&
		o.Body.Pointer && !o.Body.Nullable && o.Body.Type.ImportPath == "" {
		taken[d.Name] = true
		for _, f := range d.Fields {
			taken[f.Name] = true
		}
		if d.Extra != nil {
			taken[d.Extra.Name] = true
		}
		field = &model.Field{Name: d.Name, Type: o.Body.Type, Embedded: true,
			Doc: []string{d.Name + " is the request body; its fields are the struct's own."}}
	} else {
		name := "Body"
		for _, p := range o.Params {
			if p.GoName == name {
				name = "RequestBody"
			}
		}
		t := o.Body.Type
		switch {
		case o.Body.Nullable:
			t = &model.TypeRef{Kind: model.RefNullable, Elem: t}
		case o.Body.Pointer:
			t = &model.TypeRef{Kind: model.RefPointer, Elem: t}
		}
		taken[name] = true
		field = &model.Field{Name: name, Type: t, Doc: []string{name + " is the request body."}}
	}
	clash := map[*model.Param]bool{}
	for _, p := range o.Params {
		clash[p] = taken[p.GoName]
	}
	for _, p := range o.Params {
		taken[p.GoName] = true
	}
	for i, p := range o.Params {
		if !clash[p] {
			continue
		}
		suffix := map[model.ParamIn]string{model.InQuery: "Query", model.InHeader: "Header", model.InCookie: "Cookie"}[p.In]
		name := p.GoName + suffix
		for n := 2; taken[name]; n++ {
			name = p.GoName + suffix + strconv.Itoa(n)
		}
		taken[name] = true
		if d := pt.Fields[i].Doc; len(d) > 0 && (strings.HasPrefix(d[0], p.GoName+": ") || strings.HasPrefix(d[0], p.GoName+" ")) {
			d[0] = name + d[0][len(p.GoName):]
		}
		p.GoName = name
		pt.Fields[i].Name = name
	}
	pt.Fields = append([]*model.Field{field}, pt.Fields...)
	pt.Doc = []string{pt.Name + " holds the request body and the query, header and cookie parameters of " + o.ID + "."}
	o.Body.Folded, o.Body.FoldedEmbedded = field.Name, field.Embedded
	o.Body.ArgName = "body"
}
