package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/opgen-sdk/opgen/internal/model"
)

// client emits the API definition the runtime reads, the environments, the options and the client with its
// services.
//
//	var apiDef = &apiDefinition{...}
//	const Sandbox Environment = "sandbox"
//	func WithMerchantID(merchantID string) Option
//	type Client struct { core *clientCore; Charges *ChargesService }
//	func NewClient(opts ...Option) (*Client, error)
func (e *emitter) client(f *jen.File) {
	c := e.pkg.Client

	var envs []jen.Code
	for _, env := range c.Environments {
		d := jen.Dict{jen.Id("Name"): jen.Lit(env.Value), jen.Id("URL"): jen.Lit(env.URL)}
		if len(env.Defaults) > 0 {
			dd := jen.Dict{}
			for _, k := range sortedKeys(env.Defaults) {
				dd[jen.Lit(k)] = jen.Lit(env.Defaults[k])
			}
			d[jen.Id("Defaults")] = jen.Map(jen.String()).String().Values(dd)
		}
		envs = append(envs, jen.Values(d))
	}
	var vars []jen.Code
	for _, v := range c.ServerVariables {
		d := jen.Dict{jen.Id("Name"): jen.Lit(v.Name)}
		if v.Default != "" {
			d[jen.Id("Default")] = jen.Lit(v.Default)
		}
		if v.Required {
			d[jen.Id("Required")] = jen.True()
		}
		if len(v.Enum) > 0 {
			d[jen.Id("Enum")] = stringsLit(v.Enum)
		}
		d[jen.Id("Option")] = jen.Lit(v.OptionName)
		vars = append(vars, jen.Values(d))
	}
	schemes := jen.Dict{}
	for _, s := range c.Schemes {
		d := jen.Dict{jen.Id("Kind"): jen.Id(string(s.Kind))}
		if s.ParamName != "" {
			d[jen.Id("ParamName")] = jen.Lit(s.ParamName)
		}
		if s.UsernameOnly {
			d[jen.Id("UsernameOnly")] = jen.True()
		}
		d[jen.Id("Option")] = jen.Lit(s.OptionName)
		schemes[jen.Lit(s.Name)] = jen.Values(d)
	}
	def := jen.Dict{
		jen.Id("Name"):    jen.Lit(e.pkg.Name),
		jen.Id("Title"):   jen.Lit(e.pkg.Title),
		jen.Id("Version"): jen.Lit(e.pkg.Version),
	}
	if len(envs) > 0 {
		def[jen.Id("Environments")] = jen.Index().Id("environmentDef").Values(envs...)
	}
	if len(vars) > 0 {
		def[jen.Id("ServerVariables")] = jen.Id("opgServerVars").Values(vars...)
	}
	if len(c.Schemes) > 0 {
		def[jen.Id("SecuritySchemes")] = jen.Id("opgSchemes").Values(schemes)
	}
	if len(c.SensitiveFields) > 0 {
		def[jen.Id("SensitiveFields")] = stringsLit(c.SensitiveFields)
	}
	if requestSecrets(c) {
		def[jen.Id("RequestSecrets")] = jen.Id("opgRequestSecrets")
	}
	if len(c.RequestIDHeaders) > 0 {
		def[jen.Id("RequestIDHeaders")] = stringsLit(c.RequestIDHeaders)
	}
	if c.RequireCredential {
		def[jen.Id("RequireCredential")] = jen.True()
	}
	if dt := e.driftTypes(); dt != nil {
		def[jen.Id("DriftTypes")] = dt
	}
	f.Comment("apiDef describes the API to the runtime support: servers, variables, security, redaction, drift.")
	f.Var().Id("apiDef").Op("=").Op("&").Id("apiDefinition").Values(def)
	f.Line()

	if len(c.Environments) > 0 {
		var consts []jen.Code
		for _, env := range c.Environments {
			consts = append(consts, jen.Add(comment(env.Doc)).Id(env.ConstName).Id("Environment").Op("=").Lit(env.Value))
		}
		f.Comment("The environments of the spec's servers, for WithEnvironment.")
		f.Const().Defs(consts...)
		f.Line()
	}

	for _, v := range c.ServerVariables {
		arg := jen.String()
		val := jen.Id("value")
		if v.EnumType != "" {
			f.Comment(commentText(v.EnumType + " is a value of the server variable " + v.Name + "."))
			f.Type().Id(v.EnumType).String()
			var consts []jen.Code
			for _, ec := range v.EnumConsts {
				consts = append(consts, jen.Id(ec.Name).Id(v.EnumType).Op("=").Lit(ec.Value))
			}
			f.Const().Defs(consts...)
			arg = jen.Id(v.EnumType)
			val = jen.String().Call(jen.Id("value"))
		}
		fileDoc(f, v.Doc)
		f.Func().Id(v.OptionName).Params(jen.Id("value").Add(arg)).Id("Option").Block(
			jen.Return(jen.Id("serverVariableOption").Call(jen.Lit(v.OptionName), jen.Lit(v.Name), val)),
		)
		f.Line()
	}

	for _, s := range c.Schemes {
		fileDoc(f, s.Doc)
		switch {
		case s.Kind == model.SecurityBasic && !s.UsernameOnly:
			f.Func().Id(s.OptionName).Params(jen.Id("username"), jen.Id("password").String()).Id("Option").Block(
				jen.Return(jen.Id("credentialOption").Call(jen.Lit(s.OptionName), jen.Lit(s.Name),
					jen.Id("credential").Values(jen.Dict{jen.Id("Username"): jen.Id("username"), jen.Id("Password"): jen.Id("password")}))),
			)
		case s.Kind == model.SecurityBasic:
			f.Func().Id(s.OptionName).Params(jen.Id("key").String()).Id("Option").Block(
				jen.Return(jen.Id("credentialOption").Call(jen.Lit(s.OptionName), jen.Lit(s.Name),
					jen.Id("credential").Values(jen.Dict{jen.Id("Username"): jen.Id("key")}))),
			)
		case s.Kind == model.SecurityBearer:
			f.Func().Id(s.OptionName).Params(jen.Id("token").String()).Id("Option").Block(
				jen.Return(jen.Id("credentialOption").Call(jen.Lit(s.OptionName), jen.Lit(s.Name),
					jen.Id("credential").Values(jen.Dict{jen.Id("Token"): jen.Id("token")}))),
			)
		default:
			f.Func().Id(s.OptionName).Params(jen.Id("key").String()).Id("Option").Block(
				jen.Return(jen.Id("credentialOption").Call(jen.Lit(s.OptionName), jen.Lit(s.Name),
					jen.Id("credential").Values(jen.Dict{jen.Id("APIKey"): jen.Id("key")}))),
			)
		}
		f.Line()
	}

	e.idempotencyKeyOption(f)

	// The client and its services.
	fields := []jen.Code{jen.Id("core").Op("*").Id("clientCore")}
	for _, ch := range c.Root.Children {
		fields = append(fields, jen.Add(comment([]string{ch.FieldName + " holds the " + strings.Join(ch.Path, ".") + " operations."})).Id(ch.FieldName).Op("*").Id(ch.TypeName))
	}
	fileDoc(f, c.Doc)
	f.Type().Id(c.Name).Struct(fields...)
	f.Line()

	init := []jen.Code{
		jen.List(jen.Id("core"), jen.Err()).Op(":=").Id("newClientCore").Call(jen.Id("apiDef"), jen.Id("opts")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("c").Op(":=").Op("&").Id(c.Name).Values(jen.Dict{jen.Id("core"): jen.Id("core")}),
	}
	var wire func(parent *jen.Statement, s *model.Service)
	wire = func(parent *jen.Statement, s *model.Service) {
		for _, ch := range s.Children {
			init = append(init, parent.Clone().Dot(ch.FieldName).Op("=").Op("&").Id(ch.TypeName).Values(jen.Dict{jen.Id("core"): jen.Id("core")}))
			wire(parent.Clone().Dot(ch.FieldName), ch)
		}
	}
	wire(jen.Id("c"), c.Root)
	init = append(init, jen.Return(jen.Id("c"), jen.Nil()))
	fileDoc(f, newClientDoc(c))
	f.Func().Id("NewClient").Params(jen.Id("opts").Op("...").Id("Option")).Params(jen.Op("*").Id(c.Name), jen.Error()).Block(init...)
	f.Line()
	f.Comment("String describes the client without any credential.")
	f.Func().Params(jen.Id("c").Op("*").Id(c.Name)).Id("String").Params().String().Block(jen.Return(jen.Id("c").Dot("core").Dot("String").Call()))
	f.Comment("GoString is String, so %#v does not print credentials either.")
	f.Func().Params(jen.Id("c").Op("*").Id(c.Name)).Id("GoString").Params().String().Block(jen.Return(jen.Id("c").Dot("core").Dot("String").Call()))
	f.Line()

	var services func(s *model.Service)
	services = func(s *model.Service) {
		for _, ch := range s.Children {
			sf := []jen.Code{jen.Id("core").Op("*").Id("clientCore")}
			for _, g := range ch.Children {
				sf = append(sf, jen.Add(comment([]string{g.FieldName + " holds the " + strings.Join(g.Path, ".") + " operations."})).Id(g.FieldName).Op("*").Id(g.TypeName))
			}
			fileDoc(f, ch.Doc)
			f.Type().Id(ch.TypeName).Struct(sf...)
			f.Line()
			services(ch)
		}
	}
	services(c.Root)
}

func newClientDoc(c *model.Client) []string {
	doc := []string{"NewClient returns a client configured by opts."}
	var need []string
	for _, v := range c.ServerVariables {
		if v.Required {
			need = append(need, v.OptionName)
		}
	}
	if len(need) > 0 {
		doc = append(doc, "It fails unless "+strings.Join(need, ", ")+" is given.")
	}
	if c.RequireCredential {
		var opts []string
		for _, s := range c.Schemes {
			opts = append(opts, s.OptionName)
		}
		doc = append(doc, "Every operation needs a credential: give "+strings.Join(opts, " or ")+".")
	}
	if len(c.Environments) > 0 {
		doc = append(doc, "The default environment is "+c.Environments[0].ConstName+"; choose another with WithEnvironment.")
	} else {
		doc = append(doc, "The spec lists no server: give WithBaseURL.")
	}
	return doc
}

// idempotencyKeyOption emits WithIdempotencyKey when an operation declares an idempotency header (a header
// parameter named Idempotency-Key or X-Idempotency-Key, or marked x-opgen-idempotency-key), naming the operations
// that take one. A package whose API takes no key has no such option: it could only fail, and its doc would
// advise a retry the API cannot make safe.
//
//	func WithIdempotencyKey(key string) RequestOption { return opgIdempotencyKey(key) }
func (e *emitter) idempotencyKeyOption(f *jen.File) {
	var takers []string
	for _, op := range e.pkg.Client.Operations {
		if op.IdempotencyHeader != "" {
			takers = append(takers, op.ID+" ("+op.IdempotencyHeader+")")
		}
	}
	if len(takers) == 0 {
		return
	}
	fileDoc(f, []string{
		"WithIdempotencyKey sends key in the operation's idempotency header, the same key on every attempt, which " +
			"makes a POST or PATCH safe to retry: the SDK retries it like a GET, and after an error matching " +
			"ErrOutcomeUnknown the call may be sent again with the same key. The call fails before sending when " +
			"the operation takes no key.",
		"",
		"Operations that take a key: " + strings.Join(takers, ", ") + ".",
	})
	f.Func().Id("WithIdempotencyKey").Params(jen.Id("key").String()).Id("RequestOption").Block(
		jen.Return(jen.Id("opgIdempotencyKey").Call(jen.Id("key"))),
	)
	f.Line()
}

// runtimeSensitive are the property names the runtime redacts by name (opgBuiltinSensitive in
// templates/support/redact.go, normalised as opgNormKey does), and "number" and "expiration", which it redacts inside
// a card object. TestRuntimeSensitiveNames keeps the list equal to the runtime's.
var runtimeSensitive = []string{
	"cardnumber", "cvv", "cvv2", "cvc", "cvc2", "cid", "password", "secret", "privatekey", "secretkey", "apikey",
	"clientsecret", "accesstoken", "refreshtoken", "pin", "number", "expiration",
}

// normKey is the runtime's opgNormKey: lower case, without '_' and '-'.
func normKey(k string) string {
	return strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(k))
}

// requestSecrets reports whether a JSON or form request body of the API can hold a property the runtime redacts
// by its name (a card number, a password, a property marked sensitive), or free-form JSON where a caller may put
// one (a map, extra properties, any, raw JSON, a type from another package). The runtime then collects the values
// of those properties from each such request body, to scrub them from what the server echoes back in an error or
// a log line; without one it has nothing to collect, and the generated package leaves that code out. The test errs
// on the safe side: "number" anywhere counts, not only inside a card.
func requestSecrets(c *model.Client) bool {
	names := map[string]bool{}
	for _, n := range runtimeSensitive {
		names[n] = true
	}
	for _, n := range c.SensitiveFields {
		names[normKey(n)] = true
	}
	seen := map[*model.Type]bool{}
	var holds func(r *model.TypeRef) bool
	holds = func(r *model.TypeRef) bool {
		for ; r != nil; r = r.Elem {
			switch r.Kind {
			case model.RefMap:
				return true
			case model.RefBuiltin:
				return r.Name == "any"
			case model.RefNamed:
				if r.ImportPath != "" {
					return r.ImportPath != "time"
				}
				t := r.Decl
				if t == nil || seen[t] {
					return false
				}
				seen[t] = true
				switch t.Kind {
				case model.KindStruct:
					if t.Extra != nil {
						return true
					}
					for _, f := range t.Fields {
						if f.Sensitive || names[normKey(f.JSONName)] || holds(f.Type) {
							return true
						}
					}
				case model.KindUnion:
					if t.Union == nil || t.Union.Unknown != "" {
						return true
					}
					for _, v := range t.Union.Variants {
						if holds(v.Type) {
							return true
						}
					}
				case model.KindNamed, model.KindAlias:
					return holds(t.Underlying)
				}
				return false
			}
		}
		return false
	}
	bodies := func(op *model.Operation) []*model.Body {
		bs := []*model.Body{op.Body}
		for _, a := range op.AltBodies {
			bs = append(bs, a.Body)
		}
		return bs
	}
	for _, op := range c.Operations {
		for _, b := range bodies(op) {
			if b != nil && (b.Kind == model.BodyJSON || b.Kind == model.BodyForm) && holds(b.Type) {
				return true
			}
		}
	}
	return false
}
