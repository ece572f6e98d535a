package emit

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/opgen-sdk/opgen/internal/model"
)

// operations emits, per operation, its runtime definition and its method, and one decoder per error mapping.
//
//	var opChargesCreate = operationDef{ID: "Charges.Create", Method: "POST", ...}
//	func (s *ChargesService) Create(ctx context.Context, params *ChargeRequest, opts ...RequestOption) (*Charge, error)
func (e *emitter) operations(f *jen.File) {
	c := e.pkg.Client
	decoders := map[string]*model.Operation{}
	var decoderOrder []string
	for _, op := range c.Operations {
		e.opDef(f, op)
		if op.ErrorDecoder != "" {
			if _, ok := decoders[op.ErrorDecoder]; !ok {
				decoders[op.ErrorDecoder] = op
				decoderOrder = append(decoderOrder, op.ErrorDecoder)
			}
		}
	}
	for _, name := range decoderOrder {
		e.errorDecoder(f, name, decoders[name])
	}
	readers := map[*model.Type]bool{}
	var walk func(s *model.Service, recv string, typ string)
	walk = func(s *model.Service, recv, typ string) {
		for _, op := range s.Operations {
			if op.HeadersType != nil && !readers[op.HeadersType] {
				readers[op.HeadersType] = true
				e.headersReader(f, op)
			}
			e.method(f, recv, typ, op)
			for _, alt := range op.AltBodies {
				e.method(f, recv, typ, altOperation(op, alt))
			}
			if op.Pagination != nil {
				e.pager(f, recv, typ, op)
			}
		}
		for _, ch := range s.Children {
			walk(ch, "s", ch.TypeName)
		}
	}
	walk(c.Root, "c", c.Name)
}

// altOperation is op sending another of its request media types: the same definition, parameters and result,
// another method name and body.
func altOperation(op *model.Operation, alt *model.AltBody) *model.Operation {
	o := *op
	o.Method = alt.Method
	o.Body = alt.Body
	o.AltBodies = nil
	o.Pagination = nil
	o.Doc = append([]string{alt.Method + " is " + op.Method + " with the request body sent as " + alt.Body.ContentType + ".", ""}, op.Doc...)
	return &o
}

// headersReader emits the method WithResponseHeaders calls to fill an operation's headers struct.
func (e *emitter) headersReader(f *jen.File, op *model.Operation) {
	var body []jen.Code
	for _, h := range op.ResponseHeaders {
		var get jen.Code
		name := jen.Lit(h.Name)
		hv := jen.Id("h")
		switch h.Parse {
		case "int32", "int64":
			get = jen.Id("headerInt").Types(jen.Id(h.Parse)).Call(hv, name)
		case "float64":
			get = jen.Id("headerFloat").Call(hv, name)
		case "bool":
			get = jen.Id("headerBool").Call(hv, name)
		case "time":
			get = jen.Id("headerTime").Call(hv, name)
		case "retry-after":
			get = jen.Id("headerRetryAfter").Call(hv, name)
		case "strings":
			get = jen.Id("headerList").Call(hv, name)
		default:
			get = jen.Id("headerString").Call(hv, name)
		}
		body = append(body, jen.Id("x").Dot(h.GoName).Op("=").Add(get))
	}
	f.Comment("readHeaders fills x from the response headers (see WithResponseHeaders).")
	f.Func().Params(jen.Id("x").Op("*").Id(op.HeadersType.Name)).Id("readHeaders").Params(jen.Id("h").Qual("net/http", "Header")).Block(body...)
	f.Line()
}

func (e *emitter) opDef(f *jen.File, op *model.Operation) {
	d := jen.Dict{
		jen.Id("API"):          jen.Id("apiDef"),
		jen.Id("ID"):           jen.Lit(op.ID),
		jen.Id("Method"):       jen.Lit(op.HTTPMethod),
		jen.Id("PathTemplate"): jen.Lit(op.Path),
	}
	if len(op.Security) > 0 {
		var alts []jen.Code
		for _, alt := range op.Security {
			alts = append(alts, stringsLit(alt))
		}
		d[jen.Id("Security")] = jen.Index().Index().String().Values(alts...)
	}
	if op.Idempotent {
		d[jen.Id("Idempotent")] = jen.True()
	}
	if op.IdempotencyHeader != "" {
		d[jen.Id("IdempotencyHeader")] = jen.Lit(op.IdempotencyHeader)
	}
	if len(op.Servers) > 0 {
		sd := jen.Dict{}
		for _, k := range sortedKeys(op.Servers) {
			sd[jen.Lit(k)] = jen.Lit(op.Servers[k])
		}
		d[jen.Id("Servers")] = jen.Map(jen.String()).String().Values(sd)
	}
	if op.ErrorDecoder != "" {
		d[jen.Id("DecodeError")] = jen.Id(op.ErrorDecoder)
	}
	f.Var().Id(op.VarName).Op("=").Id("operationDef").Values(d)
}

// errorDecoder turns an error response body into the spec's typed error, or nil when it does not decode.
func (e *emitter) errorDecoder(f *jen.File, name string, op *model.Operation) {
	decode := func(t *model.TypeRef) []jen.Code {
		if t.Kind != model.RefNamed || t.Decl == nil || !t.Decl.IsError {
			return []jen.Code{jen.Return(jen.Nil())}
		}
		return []jen.Code{
			jen.Id("v").Op(":=").New(jen.Id(t.Name)),
			jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("body"), jen.Id("v")).Op("!=").Nil()).Block(jen.Return(jen.Nil())),
			jen.Return(jen.Id("v")),
		}
	}
	var exact, ranges []jen.Code
	var def []jen.Code
	for _, er := range op.Errors {
		switch {
		case er.Status != 0:
			exact = append(exact, jen.Case(jen.Id("status").Op("==").Lit(er.Status)).Block(decode(er.Type)...))
		case er.Range != 0:
			ranges = append(ranges, jen.Case(jen.Id("status").Op("/").Lit(100).Op("==").Lit(er.Range)).Block(decode(er.Type)...))
		default:
			def = decode(er.Type)
		}
	}
	cases := append(exact, ranges...)
	body := []jen.Code{}
	if len(cases) > 0 {
		body = append(body, jen.Switch().Block(cases...))
	}
	if def != nil {
		body = append(body, def...)
	} else {
		body = append(body, jen.Return(jen.Nil()))
	}
	f.Comment(name + " decodes the typed error body of a non-2xx response; nil when it does not decode.")
	f.Func().Id(name).Params(jen.Id("status").Int(), jen.Id("body").Index().Byte()).Error().Block(body...)
	f.Line()
}

func argType(b *model.Body) *jen.Statement {
	t := typeCode(b.Type)
	if b.Nullable {
		return jen.Id("Nullable").Types(t)
	}
	if b.Pointer {
		return jen.Op("*").Add(t)
	}
	return t
}

func resultType(op *model.Operation) *jen.Statement {
	t := typeCode(op.Result)
	if op.ResultPointer {
		return jen.Op("*").Add(t)
	}
	return t
}

// zero is the zero value of the result, for early returns.
func zeroResult(op *model.Operation) jen.Code {
	if op.ResultPointer {
		return jen.Nil()
	}
	switch op.Result.Kind {
	case model.RefSlice, model.RefMap, model.RefPointer:
		return jen.Nil()
	case model.RefBuiltin:
		switch op.Result.Name {
		case "string":
			return jen.Lit("")
		case "bool":
			return jen.False()
		case "any":
			return jen.Nil()
		}
		return jen.Lit(0)
	}
	if op.Result.ImportPath == "io" || op.Result.ImportPath == "encoding/json" || op.Result.ImportPath == "net/http" {
		return jen.Nil()
	}
	return typeCode(op.Result).Values()
}

func (e *emitter) signature(op *model.Operation) []jen.Code {
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	for _, p := range op.PathParams {
		params = append(params, jen.Id(p.GoName).Add(typeCode(p.Type)))
	}
	if op.Body != nil && op.Body.Folded == "" {
		params = append(params, jen.Id(op.Body.ArgName).Add(argType(op.Body)))
	}
	if op.ParamsType != nil {
		params = append(params, jen.Id("params").Op("*").Id(op.ParamsType.Name))
	}
	params = append(params, jen.Id("opts").Op("...").Id("RequestOption"))
	return params
}

func (e *emitter) method(f *jen.File, recv, typ string, op *model.Operation) {
	var results []jen.Code
	fail := func() jen.Code { return jen.Return(jen.Err()) }
	if op.Result != nil {
		results = []jen.Code{resultType(op), jen.Error()}
		fail = func() jen.Code { return jen.Return(zeroResult(op), jen.Err()) }
	} else {
		results = []jen.Code{jen.Error()}
	}
	ret := func(err jen.Code) jen.Code {
		if op.Result != nil {
			return jen.Return(zeroResult(op), err)
		}
		return jen.Return(err)
	}
	def := jen.Op("&").Id(op.VarName)
	var body []jen.Code
	if op.Body != nil && op.Body.Folded != "" {
		// The body travels in the parameters struct: the rest of the method reads it as its own argument.
		field := jen.Id("params").Dot(op.Body.Folded)
		if op.Body.FoldedEmbedded {
			field = jen.Op("&").Add(field)
		}
		body = append(body, jen.Var().Id(op.Body.ArgName).Add(argType(op.Body)),
			jen.If(jen.Id("params").Op("!=").Nil()).Block(jen.Id(op.Body.ArgName).Op("=").Add(field)))
	}

	// Required inputs are checked before anything is sent.
	for _, p := range op.PathParams {
		if chk := emptyCheck(jen.Id(p.GoName), p.Type); chk != nil {
			body = append(body, jen.If(chk).Block(ret(jen.Id("missingParam").Call(def.Clone(), jen.Lit(p.Name)))))
		}
	}
	if op.Body != nil && op.Body.Required && canBeNil(op.Body) {
		body = append(body, jen.If(jen.Id(op.Body.ArgName).Op("==").Nil()).Block(ret(jen.Id("missingParam").Call(def.Clone(), jen.Lit("request body")))))
	}
	if op.Body != nil && op.Body.Required && op.Body.Nullable {
		body = append(body, jen.If(jen.Op("!").Id(op.Body.ArgName).Dot("IsSet").Call()).Block(ret(jen.Id("missingParam").Call(def.Clone(), jen.Lit("request body")))))
	}
	body = append(body, bodyValidation(op.Body, def.Clone(), ret)...)
	if op.Body != nil && op.Body.Kind == model.BodyMultipart {
		// A required file part that is nil would be left out of the body: refuse it before sending.
		for _, part := range op.Body.Parts {
			if !part.IsFile || !part.Field.Required {
				continue
			}
			cond := jen.Id(op.Body.ArgName).Dot(part.Field.Name).Op("==").Nil()
			if !op.Body.Required {
				cond = jen.Id(op.Body.ArgName).Op("!=").Nil().Op("&&").Add(cond)
			}
			body = append(body, jen.If(cond).Block(ret(jen.Id("missingParam").Call(def.Clone(), jen.Lit(part.Field.JSONName)))))
		}
	}
	hasRequired := false
	if op.ParamsType != nil {
		for _, p := range op.Params {
			if p.Required {
				hasRequired = true
			}
		}
		if hasRequired {
			args := []jen.Code{def.Clone()}
			for _, p := range op.Params {
				if p.Required {
					args = append(args, jen.Lit(p.Name))
				}
			}
			body = append(body, jen.If(jen.Id("params").Op("==").Nil()).Block(ret(jen.Id("missingParam").Call(args...))))
			for _, p := range op.Params {
				if p.Required {
					if chk := emptyCheck(jen.Id("params").Dot(p.GoName), p.Type); chk != nil {
						body = append(body, jen.If(chk).Block(ret(jen.Id("missingParam").Call(def.Clone(), jen.Lit(p.Name)))))
					}
				}
			}
		}
	}

	// The request.
	body = append(body, jen.Id("req").Op(":=").Op("&").Id("request").Values(jen.Dict{jen.Id("Path"): pathExpr(op)}))
	if op.ParamsType != nil {
		var set []jen.Code
		hasQuery, hasHeader := false, false
		for _, p := range op.Params {
			switch p.In {
			case model.InQuery:
				hasQuery = true
			case model.InHeader:
				hasHeader = true
			}
		}
		if hasQuery {
			set = append(set, jen.Var().Id("q").Id("query"))
		}
		if hasHeader {
			set = append(set, jen.Id("h").Op(":=").Qual("net/http", "Header").Values())
		}
		for _, p := range op.Params {
			set = append(set, paramSetter(p))
		}
		if hasQuery {
			set = append(set, jen.Id("req").Dot("RawQuery").Op("=").Id("q").Dot("encode").Call())
		}
		if hasHeader {
			set = append(set, jen.Id("req").Dot("Header").Op("=").Id("h"))
		}
		if hasRequired {
			body = append(body, set...)
		} else {
			body = append(body, jen.If(jen.Id("params").Op("!=").Nil()).Block(set...))
		}
	}
	if op.Body != nil {
		assign := jen.Id("req").Dot("Body").Op("=").Add(bodyExpr(op.Body))
		switch {
		case canBeNil(op.Body) && !op.Body.Required:
			body = append(body, jen.If(jen.Id(op.Body.ArgName).Op("!=").Nil()).Block(assign))
		case op.Body.Nullable && !op.Body.Required:
			body = append(body, jen.If(jen.Id(op.Body.ArgName).Dot("IsSet").Call()).Block(assign))
		default:
			body = append(body, assign)
		}
	}
	streaming := op.Result != nil && op.Result.ImportPath == "io" && op.MultiResult == nil
	if streaming {
		body = append(body, jen.Id("req").Dot("Stream").Op("=").True())
	}

	recvID := recv
	call := jen.Id(recvID).Dot("core").Dot("do").Call(jen.Id("ctx"), def.Clone(), jen.Id("req"), jen.Id("opts"))
	if op.Result == nil {
		body = append(body,
			jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call),
			jen.Return(jen.Err()),
		)
	} else {
		body = append(body,
			jen.List(jen.Id("resp"), jen.Err()).Op(":=").Add(call),
			jen.If(jen.Err().Op("!=").Nil()).Block(fail()),
		)
		body = append(body, e.decodeResult(op)...)
	}
	fileDoc(f, op.Doc)
	f.Func().Params(jen.Id(recv).Op("*").Id(typ)).Id(op.Method).Params(e.signature(op)...).Params(results...).Block(body...)
	f.Line()
}

func canBeNil(b *model.Body) bool {
	if b.Nullable {
		// The argument is Nullable[T], a struct: its absence is !IsSet(), whatever T is.
		return false
	}
	if b.Pointer {
		return true
	}
	switch b.Type.Kind {
	case model.RefSlice, model.RefMap:
		return true
	}
	return b.Type.ImportPath == "io" || b.Type.ImportPath == "encoding/json"
}

// emptyCheck is the condition under which a required parameter counts as missing (nil for types with no empty
// value worth refusing, such as numbers and booleans).
func emptyCheck(v *jen.Statement, t *model.TypeRef) jen.Code {
	switch t.Kind {
	case model.RefPointer:
		return v.Clone().Op("==").Nil()
	case model.RefSlice, model.RefMap:
		return jen.Len(v.Clone()).Op("==").Lit(0)
	case model.RefBuiltin:
		if t.Name == "string" {
			return v.Clone().Op("==").Lit("")
		}
	case model.RefNamed:
		if t.Decl != nil && t.Decl.Kind == model.KindEnum && t.Decl.Enum.Base == "string" {
			return v.Clone().Op("==").Lit("")
		}
	}
	return nil
}

// pathExpr builds "/customers/" + pathParam(customerID) + "/cards".
func pathExpr(op *model.Operation) jen.Code {
	path := op.Path
	var parts []jen.Code
	byName := map[string]*model.Param{}
	for _, p := range op.PathParams {
		byName[p.Name] = p
	}
	for path != "" {
		i := strings.Index(path, "{")
		j := strings.Index(path, "}")
		if i < 0 || j < i {
			parts = append(parts, jen.Lit(path))
			break
		}
		if i > 0 {
			parts = append(parts, jen.Lit(path[:i]))
		}
		name := path[i+1 : j]
		if p, ok := byName[name]; ok {
			parts = append(parts, pathParamExpr(p))
		} else {
			parts = append(parts, jen.Lit(path[i:j+1]))
		}
		path = path[j+1:]
	}
	if len(parts) == 0 {
		return jen.Lit("")
	}
	expr := jen.Add(parts[0])
	for _, p := range parts[1:] {
		expr = expr.Op("+").Add(p)
	}
	if len(op.PathParams) > 0 {
		// A parameter "." or ".." must not make the path name another resource.
		return jen.Id("escapeDotSegments").Call(expr)
	}
	return expr
}

// pathParamExpr formats one path parameter in its style:
//
//	pathParam(id)                                            // simple scalar
//	pathParamArray("ids", formatEach(ids), "simple", false)  // arrays
//	pathParamObject("point", objectPairs(point), "matrix", true)
//	pathParamStyle("id", id, "label")                        // label and matrix scalars
func pathParamExpr(p *model.Param) jen.Code {
	v := jen.Id(p.GoName)
	switch {
	case p.Type.Kind == model.RefSlice:
		return jen.Id("pathParamArray").Call(jen.Lit(p.Name), jen.Id("formatEach").Call(v), jen.Lit(p.Style), jen.Lit(p.Explode))
	case p.Type.Kind == model.RefMap || isStruct(p.Type):
		return jen.Id("pathParamObject").Call(jen.Lit(p.Name), jen.Id("objectPairs").Call(v), jen.Lit(p.Style), jen.Lit(p.Explode))
	case p.Style == "label" || p.Style == "matrix":
		return jen.Id("pathParamStyle").Call(jen.Lit(p.Name), v, jen.Lit(p.Style))
	}
	return jen.Id("pathParam").Call(v)
}

// paramSetter puts one parameter on the request, skipping optional ones that are unset.
func paramSetter(p *model.Param) jen.Code {
	v := jen.Id("params").Dot(p.GoName)
	t := p.Type
	val := v.Clone()
	guard := jen.Code(nil)
	switch t.Kind {
	case model.RefPointer:
		guard = v.Clone().Op("!=").Nil()
		val = jen.Op("*").Add(v.Clone())
		t = t.Elem
	case model.RefOptional:
		guard = v.Clone().Dot("IsSet").Call()
		val = v.Clone().Dot("Value")
		t = t.Elem
	case model.RefSlice, model.RefMap:
		if !p.Required {
			guard = jen.Len(v.Clone()).Op(">").Lit(0)
		}
	}
	var set jen.Code
	switch p.In {
	case model.InQuery:
		switch {
		case t.Kind == model.RefSlice:
			set = jen.Id("addQueryArray").Call(jen.Op("&").Id("q"), jen.Lit(p.Name), jen.Id("formatEach").Call(val), jen.Lit(p.Style), jen.Lit(p.Explode))
		case t.Kind == model.RefMap || isStruct(t):
			set = jen.Id("addQueryObject").Call(jen.Op("&").Id("q"), jen.Lit(p.Name), jen.Id("objectPairs").Call(val), jen.Lit(p.Style), jen.Lit(p.Explode))
		default:
			set = jen.Id("addQuery").Call(jen.Op("&").Id("q"), jen.Lit(p.Name), val)
		}
	case model.InHeader:
		if t.Kind == model.RefSlice {
			sep := ","
			switch p.Style { // Swagger 2.0's collectionFormat of a header array
			case "pipeDelimited":
				sep = "|"
			case "spaceDelimited":
				sep = " "
			case "tabDelimited":
				sep = "\t"
			}
			set = jen.Id("h").Dot("Set").Call(jen.Lit(p.Name), jen.Qual("strings", "Join").Call(jen.Id("formatEach").Call(val), jen.Lit(sep)))
		} else {
			set = jen.Id("h").Dot("Set").Call(jen.Lit(p.Name), jen.Id("formatParam").Call(val))
		}
	case model.InCookie:
		set = jen.Id("req").Dot("Cookies").Op("=").Append(jen.Id("req").Dot("Cookies"), jen.Op("&").Qual("net/http", "Cookie").Values(jen.Dict{
			jen.Id("Name"):  jen.Lit(p.Name),
			jen.Id("Value"): jen.Id("formatParam").Call(val),
		}))
	}
	if guard != nil {
		return jen.If(guard).Block(set)
	}
	return set
}

func isStruct(t *model.TypeRef) bool {
	return t.Kind == model.RefNamed && t.Decl != nil && t.Decl.Kind == model.KindStruct
}

func bodyExpr(b *model.Body) jen.Code {
	arg := jen.Id(b.ArgName)
	// The readOnly paths follow the value: jsonBodyWithout("application/json", params, []string{"id"}, []string{"items", "*", "id"}).
	readOnly := []jen.Code{arg}
	for _, p := range b.ReadOnly {
		readOnly = append(readOnly, stringsLit(p))
	}
	switch b.Kind {
	case model.BodyForm:
		// formBody(withoutReadOnly(params, []string{"id"}), formStyle{...}): the styles take the variadic slot.
		args := []jen.Code{arg}
		if len(b.ReadOnly) > 0 {
			args[0] = jen.Id("withoutReadOnly").Call(readOnly...)
		}
		for _, st := range b.FormStyles {
			args = append(args, jen.Id("formStyle").Values(jen.Lit(st.Name), jen.Lit(st.Style), jen.Lit(st.Explode)))
		}
		return jen.Id("formBody").Call(args...)
	case model.BodyText:
		return jen.Id("textBody").Call(jen.Lit(b.ContentType), arg)
	case model.BodyBinary:
		if b.Base64 {
			return jen.Id("base64Body").Call(jen.Lit(b.ContentType), arg)
		}
		return jen.Id("readerBody").Call(jen.Lit(b.ContentType), arg)
	case model.BodyMultipart:
		if len(b.Parts) == 0 {
			return jen.Id("multipartMapBody").Call(arg)
		}
		return jen.Id("multipartBody").Call(jen.Func().Params().Index().Id("multipartPart").BlockFunc(func(g *jen.Group) {
			g.Var().Id("parts").Index().Id("multipartPart")
			for _, part := range b.Parts {
				multipartField(g, b.ArgName, part)
			}
			g.Return(jen.Id("parts"))
		}).Call())
	}
	ct := "application/json"
	if c := strings.ToLower(b.ContentType); c != "" && c != ct {
		ct = b.ContentType
	}
	// Only a body with readOnly properties names jsonBodyWithout: the runtime's JSON rewriting goes with it.
	if len(b.ReadOnly) > 0 {
		return jen.Id("jsonBodyWithout").Call(append([]jen.Code{jen.Lit(ct)}, readOnly...)...)
	}
	if ct != "application/json" {
		return jen.Id("jsonBodyAs").Call(jen.Lit(ct), arg)
	}
	return jen.Id("jsonBody").Call(arg)
}

// multipartField appends the parts of one field: a file part, one part per element of an array, one JSON part
// for an object, or a text part.
func multipartField(g *jen.Group, argName string, part *model.Part) {
	fl := part.Field
	src := jen.Id(argName).Dot(fl.Name)
	appendPart := func(p jen.Code) jen.Code {
		return jen.Id("parts").Op("=").Append(jen.Id("parts"), p)
	}
	valuePart := func(v jen.Code) jen.Code {
		d := jen.Dict{jen.Id("Name"): jen.Lit(fl.JSONName), jen.Id("Value"): jen.Id("multipartValue").Call(v)}
		if part.ContentType != "" {
			d[jen.Id("ContentType")] = jen.Lit(part.ContentType)
		}
		return jen.Id("multipartPart").Values(d)
	}
	one := func(v jen.Code) jen.Code {
		switch {
		case part.IsFile:
			return appendPart(jen.Id("multipartFile").Call(jen.Lit(fl.JSONName), v, jen.Lit(part.ContentType)))
		case part.JSON:
			return appendPart(jen.Id("multipartJSON").Call(jen.Lit(fl.JSONName), v, jen.Lit(part.ContentType)))
		}
		return appendPart(valuePart(v))
	}
	if part.Repeated {
		loop := jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Add(src.Clone())).BlockFunc(func(h *jen.Group) {
			if part.IsFile {
				h.If(jen.Id("v").Op("!=").Nil()).Block(one(jen.Id("v")))
				return
			}
			h.Add(one(jen.Id("v")))
		})
		g.Add(loop)
		return
	}
	if part.IsFile {
		g.If(src.Clone().Op("!=").Nil()).Block(one(src.Clone()))
		return
	}
	switch fl.Type.Kind {
	case model.RefPointer:
		if part.JSON {
			g.If(src.Clone().Op("!=").Nil()).Block(one(src.Clone()))
		} else {
			g.If(src.Clone().Op("!=").Nil()).Block(one(jen.Op("*").Add(src.Clone())))
		}
	case model.RefSlice, model.RefMap:
		g.If(jen.Len(src.Clone()).Op(">").Lit(0)).Block(one(src.Clone()))
	case model.RefNullable, model.RefOptional:
		g.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(src.Clone()).Dot("Get").Call(), jen.Id("ok")).Block(one(jen.Id("v")))
	default:
		g.Add(one(src.Clone()))
	}
}

// decodeResult turns the response into the method's result.
func (e *emitter) decodeResult(op *model.Operation) []jen.Code {
	def := jen.Op("&").Id(op.VarName)
	if op.HTTPMethod == "HEAD" && op.MultiResult == nil {
		if op.Result.ImportPath == "net/http" {
			return []jen.Code{jen.Return(jen.Id("resp").Dot("Header"), jen.Nil())}
		}
		if op.HeadersType != nil && op.Result.Decl == op.HeadersType {
			return []jen.Code{
				jen.Id("out").Op(":=").New(jen.Id(op.HeadersType.Name)),
				jen.Id("out").Dot("readHeaders").Call(jen.Id("resp").Dot("Header")),
				jen.Return(jen.Id("out"), jen.Nil()),
			}
		}
	}
	if op.MultiResult != nil {
		var cases []jen.Code
		var dflt []jen.Code
		for _, r := range op.Responses {
			if r.Field == "" {
				continue
			}
			stmts := decodeInto(jen.Id("out").Dot(r.Field), r, def, true)
			switch {
			case r.Status != 0:
				cases = append(cases, jen.Case(jen.Lit(r.Status)).Block(stmts...))
			default:
				dflt = stmts
			}
		}
		if dflt != nil {
			cases = append(cases, jen.Default().Block(dflt...))
		}
		return []jen.Code{
			jen.Id("out").Op(":=").Op("&").Id(op.MultiResult.Name).Values(jen.Dict{jen.Id("StatusCode"): jen.Id("resp").Dot("StatusCode")}),
			jen.Switch(jen.Id("resp").Dot("StatusCode")).Block(cases...),
			jen.Return(jen.Id("out"), jen.Nil()),
		}
	}
	var r *model.Response
	emptyOK := false
	for _, x := range op.Responses {
		if x.Type != nil && r == nil {
			r = x
		}
		if x.Type == nil {
			emptyOK = true
		}
	}
	if r == nil {
		return []jen.Code{jen.Return(zeroResult(op), jen.Nil())}
	}
	switch r.Kind {
	case model.BodyText:
		return []jen.Code{jen.Return(jen.String().Call(jen.Id("resp").Dot("Body")), jen.Nil())}
	case model.BodyBinary:
		if r.Base64 {
			return []jen.Code{jen.Return(jen.Id("resp").Dot("decodeBase64").Call(def.Clone()))}
		}
		return []jen.Code{jen.Return(jen.Id("resp").Dot("Stream"), jen.Nil())}
	}
	var out []jen.Code
	if emptyOK {
		out = append(out, jen.If(jen.Len(jen.Id("resp").Dot("Body")).Op("==").Lit(0)).Block(jen.Return(zeroResult(op), jen.Nil())))
	}
	if op.ResultPointer {
		if r.Nullable {
			out = append(out, jen.If(jen.Id("resp").Dot("bodyIsNull").Call()).Block(
				jen.Comment("The spec allows a null body: nil tells it apart from an empty object."),
				jen.Return(jen.Nil(), jen.Nil())))
		}
		out = append(out,
			jen.Id("out").Op(":=").New(typeCode(op.Result)),
			jen.If(jen.Err().Op(":=").Id("resp").Dot("decodeJSON").Call(def.Clone(), jen.Id("out")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("out"), jen.Nil()),
		)
		return out
	}
	out = append(out,
		jen.Var().Id("out").Add(typeCode(op.Result)),
		jen.If(jen.Err().Op(":=").Id("resp").Dot("decodeJSON").Call(def.Clone(), jen.Op("&").Id("out")), jen.Err().Op("!=").Nil()).Block(jen.Return(zeroResult(op), jen.Err())),
		jen.Return(jen.Id("out"), jen.Nil()),
	)
	return out
}

// decodeInto fills one field of a multi-status result.
func decodeInto(dst *jen.Statement, r *model.Response, def *jen.Statement, pointer bool) []jen.Code {
	switch r.Kind {
	case model.BodyText:
		return []jen.Code{dst.Clone().Op("=").String().Call(jen.Id("resp").Dot("Body"))}
	case model.BodyBinary:
		if r.Base64 {
			return []jen.Code{
				jen.List(jen.Id("b"), jen.Err()).Op(":=").Id("resp").Dot("decodeBase64").Call(def.Clone()),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				dst.Clone().Op("=").Id("b"),
			}
		}
		return []jen.Code{dst.Clone().Op("=").Qual("io", "NopCloser").Call(jen.Qual("bytes", "NewReader").Call(jen.Id("resp").Dot("Body")))}
	}
	switch r.Type.Kind {
	case model.RefSlice, model.RefMap:
		return []jen.Code{
			jen.If(jen.Err().Op(":=").Id("resp").Dot("decodeJSON").Call(def.Clone(), jen.Op("&").Add(dst.Clone())), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		}
	}
	if r.Type.ImportPath == "encoding/json" {
		return []jen.Code{dst.Clone().Op("=").Id("resp").Dot("Body")}
	}
	code := []jen.Code{
		dst.Clone().Op("=").New(typeCode(r.Type)),
		jen.If(jen.Err().Op(":=").Id("resp").Dot("decodeJSON").Call(def.Clone(), dst.Clone()), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
	}
	if r.Nullable {
		// A null body the spec allows leaves the field nil; StatusCode still says which status answered.
		return []jen.Code{jen.If(jen.Op("!").Id("resp").Dot("bodyIsNull").Call()).Block(code...)}
	}
	return code
}

// pager emits the auto-paging method.
//
//	func (s *ChargesService) ListAll(ctx context.Context, params *ChargesListParams, opts ...RequestOption) iter.Seq2[Charge, error]
func (e *emitter) pager(f *jen.File, recv, typ string, op *model.Operation) {
	pg := op.Pagination
	item := typeCode(pg.Item)
	def := jen.Op("&").Id(op.VarName)
	args := func(params jen.Code, opts jen.Code) []jen.Code {
		a := []jen.Code{jen.Id("ctx")}
		for _, p := range op.PathParams {
			a = append(a, jen.Id(p.GoName)) // the caller's path parameters, on every page
		}
		if op.Body != nil && op.Body.Folded == "" {
			a = append(a, jen.Id(op.Body.ArgName))
		}
		if op.ParamsType != nil {
			a = append(a, params)
		}
		return append(a, opts)
	}
	callArgs := args(jen.Op("&").Id("page"), jen.Id("opts").Op("..."))

	setInt := func(p *model.Param, v string) jen.Code {
		switch p.Type.Kind {
		case model.RefPointer:
			return jen.Id("page").Dot(p.GoName).Op("=").Id("Ptr").Call(typeCode(p.Type.Elem).Call(jen.Id(v)))
		case model.RefOptional:
			return jen.Id("page").Dot(p.GoName).Op("=").Id("Some").Call(typeCode(p.Type.Elem).Call(jen.Id(v)))
		}
		return jen.Id("page").Dot(p.GoName).Op("=").Add(typeCode(p.Type)).Call(jen.Id(v))
	}
	// readInt declares name as the int value of a parameter the caller set (def otherwise).
	readInt := func(name string, p *model.Param, def int) []jen.Code {
		if p == nil {
			return []jen.Code{jen.Id(name).Op(":=").Lit(def)}
		}
		switch p.Type.Kind {
		case model.RefPointer:
			return []jen.Code{
				jen.Id(name).Op(":=").Lit(def),
				jen.If(jen.Id("p").Dot(p.GoName).Op("!=").Nil()).Block(jen.Id(name).Op("=").Int().Call(jen.Op("*").Id("p").Dot(p.GoName))),
			}
		case model.RefOptional:
			return []jen.Code{
				jen.Id(name).Op(":=").Lit(def),
				jen.If(jen.Id("p").Dot(p.GoName).Dot("IsSet").Call()).Block(jen.Id(name).Op("=").Int().Call(jen.Id("p").Dot(p.GoName).Dot("Value"))),
			}
		}
		if def != 0 {
			return []jen.Code{
				jen.Id(name).Op(":=").Lit(def),
				jen.If(jen.Id("p").Dot(p.GoName).Op("!=").Lit(0)).Block(jen.Id(name).Op("=").Int().Call(jen.Id("p").Dot(p.GoName))),
			}
		}
		return []jen.Code{jen.Id(name).Op(":=").Int().Call(jen.Id("p").Dot(p.GoName))}
	}
	readLimit := func() []jen.Code {
		out := readInt("limit", pg.LimitParam, 0)
		if pg.LimitParam != nil && pg.LimitDefault > 0 && pg.LimitParam.Type.Kind != model.RefPointer && pg.LimitParam.Type.Kind != model.RefOptional {
			// A required limit left at 0 would ask for empty pages: the spec's default is sent instead.
			out = append(out, jen.If(jen.Id("limit").Op("==").Lit(0)).Block(jen.Id("limit").Op("=").Lit(pg.LimitDefault)))
		}
		return out
	}
	itemsOf := func(g *jen.Group) {
		g.Var().Id("items").Index().Add(item.Clone())
		g.Add(navigate(jen.Id("res"), op.ResultPointer, pg.ItemsPath, pg.ItemsKinds, func(v *jen.Statement) jen.Code {
			return jen.Id("items").Op("=").Add(v)
		}))
	}
	fetchItems := func(g *jen.Group, errReturn ...jen.Code) {
		g.List(jen.Id("res"), jen.Err()).Op(":=").Id(recv).Dot(op.Method).Call(callArgs...)
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(errReturn...))
		itemsOf(g)
	}

	var body []jen.Code
	if op.ParamsType != nil {
		body = append(body, jen.Var().Id("p").Id(op.ParamsType.Name), jen.If(jen.Id("params").Op("!=").Nil()).Block(jen.Id("p").Op("=").Op("*").Id("params")))
	}
	switch pg.Style {
	case "offset", "page":
		body = append(body, readLimit()...)
		fn, arg, param, first := "paginateOffset", "offset", pg.OffsetParam, 0
		if pg.Style == "page" {
			fn, arg, param, first = "paginatePage", "page_", pg.PageParam, pg.FirstPage
		}
		// The caller's offset or page is where the iteration starts.
		body = append(body, readInt("start", param, first)...)
		body = append(body, jen.Return(jen.Id(fn).Call(jen.Id("ctx"), jen.Id("start"), jen.Id("limit"),
			jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id(arg), jen.Id("limit").Int()).Params(jen.Index().Add(item.Clone()), jen.Error()).BlockFunc(func(g *jen.Group) {
				g.Id("page").Op(":=").Id("p")
				g.Add(setInt(param, arg))
				if pg.LimitParam != nil {
					g.If(jen.Id("limit").Op(">").Lit(0)).Block(setInt(pg.LimitParam, "limit"))
				}
				fetchItems(g, jen.Nil(), jen.Err())
				g.Return(jen.Id("items"), jen.Nil())
			}))))
	case "link":
		decode := []jen.Code{}
		if op.ResultPointer {
			decode = append(decode, jen.Id("res").Op(":=").New(typeCode(op.Result)),
				jen.If(jen.Err().Op(":=").Id("resp").Dot("decodeJSON").Call(def.Clone(), jen.Id("res")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err())))
		} else {
			decode = append(decode, jen.Var().Id("res").Add(typeCode(op.Result)),
				jen.If(jen.Err().Op(":=").Id("resp").Dot("decodeJSON").Call(def.Clone(), jen.Op("&").Id("res")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err())))
		}
		var paramsArg jen.Code = jen.Id("params")
		if op.ParamsType != nil {
			paramsArg = jen.Op("&").Id("p")
		}
		hdr := jen.Index().Add(item.Clone())
		body = append(body, jen.Return(jen.Id("paginateLink").Call(jen.Id("ctx"),
			jen.Func().Params(jen.Id("ctx").Qual("context", "Context")).Params(hdr.Clone(), jen.Qual("net/http", "Header"), jen.Error()).BlockFunc(func(g *jen.Group) {
				g.Var().Id("info").Id("ResponseInfo")
				g.List(jen.Id("res"), jen.Err()).Op(":=").Id(recv).Dot(op.Method).Call(args(paramsArg,
					jen.Append(jen.Id("opts").Index(jen.Op(":").Len(jen.Id("opts")).Op(":").Len(jen.Id("opts"))), jen.Id("WithResponseInfo").Call(jen.Op("&").Id("info"))).Op("..."))...)
				g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err()))
				itemsOf(g)
				g.Return(jen.Id("items"), jen.Id("info").Dot("Header"), jen.Nil())
			}),
			jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("u").String()).Params(hdr.Clone(), jen.Qual("net/http", "Header"), jen.Error()).BlockFunc(func(g *jen.Group) {
				g.List(jen.Id("resp"), jen.Err()).Op(":=").Id(recv).Dot("core").Dot("fetchLink").Call(jen.Id("ctx"), def.Clone(), jen.Id("u"), jen.Id("opts"))
				g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err()))
				for _, c := range decode {
					g.Add(c)
				}
				itemsOf(g)
				g.Return(jen.Id("items"), jen.Id("resp").Dot("Header"), jen.Nil())
			}))))
	case "url":
		// The next page's URL is in the body: the first page is the method's call, each next one that URL,
		// fetched on the API's host only.
		nextOf := func(g *jen.Group) {
			g.Var().Id("next").String()
			g.Add(navigate(jen.Id("res"), op.ResultPointer, pg.NextPath, pg.NextKinds, func(v *jen.Statement) jen.Code {
				return jen.Id("next").Op("=").String().Call(v)
			}))
		}
		var paramsArg jen.Code = jen.Id("params")
		if op.ParamsType != nil {
			paramsArg = jen.Op("&").Id("p")
		}
		page := jen.Index().Add(item.Clone())
		body = append(body, jen.Return(jen.Id("paginateURL").Call(jen.Id("ctx"),
			jen.Func().Params(jen.Id("ctx").Qual("context", "Context")).Params(page.Clone(), jen.String(), jen.Error()).BlockFunc(func(g *jen.Group) {
				g.List(jen.Id("res"), jen.Err()).Op(":=").Id(recv).Dot(op.Method).Call(args(paramsArg, jen.Id("opts").Op("..."))...)
				g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err()))
				itemsOf(g)
				nextOf(g)
				g.Return(jen.Id("items"), jen.Id("next"), jen.Nil())
			}),
			jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("u").String()).Params(page.Clone(), jen.String(), jen.Error()).BlockFunc(func(g *jen.Group) {
				g.List(jen.Id("resp"), jen.Err()).Op(":=").Id(recv).Dot("core").Dot("fetchLink").Call(jen.Id("ctx"), def.Clone(), jen.Id("u"), jen.Id("opts"))
				g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err()))
				if op.ResultPointer {
					g.Id("res").Op(":=").New(typeCode(op.Result))
					g.If(jen.Err().Op(":=").Id("resp").Dot("decodeJSON").Call(def.Clone(), jen.Id("res")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err()))
				} else {
					g.Var().Id("res").Add(typeCode(op.Result))
					g.If(jen.Err().Op(":=").Id("resp").Dot("decodeJSON").Call(def.Clone(), jen.Op("&").Id("res")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(""), jen.Err()))
				}
				itemsOf(g)
				nextOf(g)
				g.Return(jen.Id("items"), jen.Id("next"), jen.Nil())
			}))))
	default:
		cp := pg.CursorParam
		// The caller's cursor is where the iteration starts.
		switch cp.Type.Kind {
		case model.RefPointer:
			body = append(body, jen.Id("start").Op(":=").Lit(""),
				jen.If(jen.Id("p").Dot(cp.GoName).Op("!=").Nil()).Block(jen.Id("start").Op("=").String().Call(jen.Op("*").Id("p").Dot(cp.GoName))))
		case model.RefOptional:
			body = append(body, jen.Id("start").Op(":=").String().Call(jen.Id("p").Dot(cp.GoName).Dot("Value")))
		default:
			body = append(body, jen.Id("start").Op(":=").String().Call(jen.Id("p").Dot(cp.GoName)))
		}
		if pg.LimitParam != nil && pg.LimitDefault > 0 && pg.LimitParam.Type.Kind != model.RefPointer && pg.LimitParam.Type.Kind != model.RefOptional {
			body = append(body, jen.If(jen.Id("p").Dot(pg.LimitParam.GoName).Op("==").Lit(0)).Block(
				jen.Id("p").Dot(pg.LimitParam.GoName).Op("=").Lit(pg.LimitDefault)))
		}
		body = append(body, jen.Return(jen.Id("paginateCursor").Call(jen.Id("ctx"), jen.Id("start"),
			jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("cursor").String()).Params(jen.Index().Add(item.Clone()), jen.String(), jen.Error()).BlockFunc(func(g *jen.Group) {
				g.Id("page").Op(":=").Id("p")
				elem := cp.Type
				if elem.Kind == model.RefPointer || elem.Kind == model.RefOptional {
					elem = elem.Elem
				}
				val := typeCode(elem).Call(jen.Id("cursor"))
				switch cp.Type.Kind {
				case model.RefPointer:
					val = jen.Id("Ptr").Call(val)
				case model.RefOptional:
					val = jen.Id("Some").Call(val)
				}
				g.If(jen.Id("cursor").Op("!=").Lit("")).Block(jen.Id("page").Dot(cp.GoName).Op("=").Add(val))
				fetchItems(g, jen.Nil(), jen.Lit(""), jen.Err())
				g.Var().Id("next").String()
				if len(pg.NextPath) > 0 {
					g.Add(navigate(jen.Id("res"), op.ResultPointer, pg.NextPath, pg.NextKinds, func(v *jen.Statement) jen.Code {
						return jen.Id("next").Op("=").String().Call(v)
					}))
				}
				if len(pg.HasMorePath) > 0 {
					g.Id("more").Op(":=").False()
					g.Add(navigate(jen.Id("res"), op.ResultPointer, pg.HasMorePath, pg.HasMoreKinds, func(v *jen.Statement) jen.Code {
						return jen.Id("more").Op("=").Add(v)
					}))
					if pg.ItemIDField != "" {
						// The next page starts after the last item.
						g.If(jen.Id("more").Op("&&").Len(jen.Id("items")).Op(">").Lit(0)).Block(
							navigate(jen.Id("items").Index(jen.Len(jen.Id("items")).Op("-").Lit(1)), pg.Item.Kind == model.RefPointer,
								[]string{pg.ItemIDField}, []model.RefKind{pg.ItemIDKind}, func(v *jen.Statement) jen.Code {
									return jen.Id("next").Op("=").String().Call(v)
								}))
					}
					g.If(jen.Op("!").Id("more")).Block(jen.Id("next").Op("=").Lit(""))
				}
				g.Return(jen.Id("items"), jen.Id("next"), jen.Nil())
			}))))
	}
	doc := []string{
		pg.Method + " iterates over every item of " + op.Method + ", fetching pages as the loop goes (" + pageDoc(pg) + ").",
		"It starts where params say (their " + startName(pg) + ", else the first page) and keeps the other parameters on every page.",
		"Stop early by breaking out of the loop; an error ends the iteration after being yielded once.",
	}
	fileDoc(f, doc)
	f.Func().Params(jen.Id(recv).Op("*").Id(typ)).Id(pg.Method).Params(e.signature(op)...).
		Qual("iter", "Seq2").Types(item, jen.Error()).Block(body...)
	f.Line()
}

func pageDoc(pg *model.Pagination) string {
	switch pg.Style {
	case "offset":
		return "offset pagination: " + pg.OffsetParam.Name + " advances by the items received"
	case "page":
		return "page pagination: " + pg.PageParam.Name + " counts up"
	case "link":
		return "the Link header's rel=\"next\" URL, on the API's host only"
	case "url":
		return "the next page's URL from the response's " + strings.Join(pg.NextPath, ".") + ", on the API's host only"
	}
	s := pg.Style + " pagination: " + pg.CursorParam.Name + " set to "
	if len(pg.NextPath) > 0 {
		s += "the cursor the previous page returned"
	} else {
		s += "the last item's id"
	}
	return s
}

func startName(pg *model.Pagination) string {
	switch pg.Style {
	case "offset":
		return pg.OffsetParam.GoName
	case "page":
		return pg.PageParam.GoName
	case "link", "url":
		return "parameters"
	}
	return pg.CursorParam.GoName
}

// navigate reads root.A.B.C through pointers and Nullables, assigning the final value with set when every step is
// present.
func navigate(root *jen.Statement, rootPtr bool, path []string, kinds []model.RefKind, set func(*jen.Statement) jen.Code) jen.Code {
	var build func(i int, cur *jen.Statement) jen.Code
	build = func(i int, cur *jen.Statement) jen.Code {
		if i == len(path) {
			return set(cur)
		}
		next := cur.Clone().Dot(path[i])
		v := jen.Id("v" + strconv.Itoa(i))
		switch kinds[i] {
		case model.RefPointer:
			if i == len(path)-1 {
				return jen.If(next.Clone().Op("!=").Nil()).Block(set(jen.Op("*").Add(next)))
			}
			return jen.If(v.Clone().Op(":=").Add(next), v.Clone().Op("!=").Nil()).Block(build(i+1, v))
		case model.RefNullable, model.RefOptional:
			return jen.If(jen.List(v.Clone(), jen.Id("ok")).Op(":=").Add(next).Dot("Get").Call(), jen.Id("ok")).Block(build(i+1, v))
		}
		return build(i+1, next)
	}
	if rootPtr && len(path) > 0 {
		return jen.If(root.Clone().Op("!=").Nil()).Block(build(0, root))
	}
	return build(0, root)
}

// webhooks emits ParseEvent for the API's webhook payload.
func (e *emitter) webhooks(f *jen.File) {
	w := e.pkg.Webhooks
	f.Comment("ParseEvent decodes a webhook notification body. An event type the spec does not list still decodes;")
	f.Comment(w.EventType.Name + ".Valid reports whether it is a known one.")
	f.Func().Id("ParseEvent").Params(jen.Id("body").Index().Byte()).Params(jen.Op("*").Id(w.Payload.Name), jen.Error()).Block(
		jen.Id("ev").Op(":=").New(jen.Id(w.Payload.Name)),
		jen.If(jen.Err().Op(":=").Id("decodeWebhook").Call(jen.Id("body"), jen.Id("ev")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("ev"), jen.Nil()),
	)

	// Verification: what the spec documents. An operation that registers a webhook with a user and a password
	// (Openpay's Webhooks.Create) means the API sends those as HTTP basic credentials; nothing else is assumed,
	// and no signature scheme is ever invented.
	api := jen.Lit(e.pkg.Name)
	if src := webhookCredentialSource(e.pkg); src != "" {
		f.Comment("VerifyWebhook checks that a webhook notification carries the HTTP basic credentials of the webhook: the")
		f.Comment("API sends the user name and password given when the webhook was created")
		f.Comment("(" + src + ").")
		f.Comment("The spec documents no signature on notifications, so these credentials are the only check.")
	} else {
		f.Comment("VerifyWebhook checks HTTP basic credentials on a webhook notification. The spec documents no way to")
		f.Comment("authenticate notifications (no signature scheme, no credentials): use it only if the webhook is configured")
		f.Comment("to send basic credentials.")
	}
	f.Comment("Both values are compared in constant time. An error, which never shows a credential, means: answer 401 and")
	f.Comment("ignore the body. Confirm an event by reading its resource through the API before acting on it.")
	f.Func().Id("VerifyWebhook").Params(jen.Id("r").Op("*").Qual("net/http", "Request"), jen.List(jen.Id("username"), jen.Id("password")).String()).Error().Block(
		jen.Return(jen.Id("verifyWebhookBasicAuth").Call(api, jen.Id("r"), jen.Id("username"), jen.Id("password"))),
	)
	f.Comment("NewTestWebhookRequest builds the request a webhook handler receives for event (a JSON POST with the given HTTP")
	f.Comment("basic credentials; none when both are empty), for testing the handler with httptest.NewRecorder. It is a")
	f.Comment("server-side request, like httptest.NewRequest's: do not send it with an http.Client.")
	f.Func().Id("NewTestWebhookRequest").Params(jen.Id("event").Op("*").Id(w.Payload.Name), jen.List(jen.Id("username"), jen.Id("password")).String()).Params(jen.Op("*").Qual("net/http", "Request"), jen.Error()).Block(
		jen.Return(jen.Id("newWebhookTestRequest").Call(api, jen.Id("event"), jen.Id("username"), jen.Id("password"))),
	)
}

// webhookCredentialSource names where the spec documents the credentials of webhook notifications: a POST
// operation on a webhooks path whose JSON body has "user" and "password" properties ("Webhooks.Create:
// WebhookRequest.User, WebhookRequest.Password"), or "" when there is none.
func webhookCredentialSource(pkg *model.Package) string {
	if pkg.Client == nil {
		return ""
	}
	for _, op := range pkg.Client.Operations {
		if op.HTTPMethod != "POST" || !strings.Contains(strings.ToLower(op.Path), "webhook") || op.Body == nil || op.Body.Kind != model.BodyJSON {
			continue
		}
		t := op.Body.Type
		for t != nil && (t.Kind == model.RefPointer || t.Kind == model.RefNullable || t.Kind == model.RefOptional) {
			t = t.Elem
		}
		if t == nil || t.Kind != model.RefNamed || t.Decl == nil || t.Decl.Kind != model.KindStruct {
			continue
		}
		var user, pass string
		for _, fld := range t.Decl.Fields {
			switch fld.JSONName {
			case "user", "username":
				user = fld.Name
			case "password":
				pass = fld.Name
			}
		}
		if user != "" && pass != "" {
			return op.ID + ": " + t.Decl.Name + "." + user + ", " + t.Decl.Name + "." + pass
		}
	}
	return ""
}
