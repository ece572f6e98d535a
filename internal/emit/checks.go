package emit

import (
	"sort"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/opgen-sdk/opgen/internal/model"
)

// validateMethod emits opgValidate for a type a request body can hold that has number checks (Type.Validates):
// each checked field through the runtime's exact opgCheckNumber, each nested type through its own opgValidate,
// with the JSON path of the field in the error.
//
//	func (v ChargeRequest) opgValidate(path string) error {
//		if err := opgCheckNumber(path+"amount", v.Amount, opgNumberRule{min: "0", exclMin: true, currency: string(v.Currency.Value), currDflt: "MXN"}); err != nil {
//			return err
//		}
//		if v.Card != nil { if err := v.Card.opgValidate(path + "card."); err != nil { return err } }
//		return nil
//	}
func (e *emitter) validateMethod(f *jen.File, t *model.Type) {
	if !t.Validates {
		return
	}
	onErr := func(err jen.Code) jen.Code { return jen.Return(err) }
	var body []jen.Code
	switch t.Kind {
	case model.KindStruct:
		for _, fl := range t.Fields {
			if fl.ReadOnly {
				continue // never sent
			}
			if fl.Promoted {
				// An embedded struct's fields are the object's own: same path.
				body = append(body, validateRef(jen.Id("v").Dot(fl.Name), fl.Type, jsonPath{jen.Id("path"), ""}, 0, onErr)...)
				continue
			}
			path := jen.Id("path").Op("+").Lit(fl.JSONName)
			if fl.Check != nil {
				body = append(body, checkField(fl, jen.Id("v").Dot(fl.Name), path, onErr)...)
			}
			body = append(body, validateRef(jen.Id("v").Dot(fl.Name), fl.Type, jsonPath{jen.Id("path"), fl.JSONName + "."}, 0, onErr)...)
		}
		if t.Extra != nil {
			body = append(body, validateRef(jen.Id("v").Dot(t.Extra.Name), t.Extra.Type, jsonPath{jen.Id("path"), ""}, 0, onErr)...)
		}
	case model.KindUnion:
		for _, v := range t.Union.Variants {
			body = append(body, validateRef(jen.Id("v").Dot(v.Name), variantField(v), jsonPath{jen.Id("path"), ""}, 0, onErr)...)
		}
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Comment("opgValidate checks the limits the spec sets on " + t.Name + "'s numbers, nested ones included, before it is sent;")
	f.Comment("path prefixes the JSON names in the error.")
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("opgValidate").Params(jen.Id("path").String()).Error().Block(body...)
}

// checkField checks one number field: directly when it is required, through Get when it is an Opt or Nullable.
func checkField(fl *model.Field, expr, path jen.Code, onErr func(jen.Code) jen.Code) []jen.Code {
	c := fl.Check
	rule := jen.Dict{}
	if c.Min != "" {
		rule[jen.Id("min")] = jen.Lit(c.Min)
		if c.ExclusiveMin {
			rule[jen.Id("exclMin")] = jen.True()
		}
	}
	if c.Max != "" {
		rule[jen.Id("max")] = jen.Lit(c.Max)
		if c.ExclusiveMax {
			rule[jen.Id("exclMax")] = jen.True()
		}
	}
	if c.MultipleOf != "" {
		rule[jen.Id("multipleOf")] = jen.Lit(c.MultipleOf)
	}
	if fl.Sensitive {
		rule[jen.Id("sensitive")] = jen.True()
	}
	var pre []jen.Code
	if mu := c.MinorUnits; mu != nil {
		cur := mu.Currency
		switch cur.Type.Kind {
		case model.RefOptional:
			rule[jen.Id("currency")] = jen.String().Call(jen.Id("v").Dot(cur.Name).Dot("Value"))
		case model.RefNullable, model.RefPointer:
			get := jen.Id("v").Dot(cur.Name).Dot("Get").Call()
			val := jen.Id("c")
			if cur.Type.Kind == model.RefPointer {
				pre = append(pre, jen.Id("currency").Op(":=").Lit(""), jen.If(jen.Id("v").Dot(cur.Name).Op("!=").Nil()).Block(
					jen.Id("currency").Op("=").String().Call(jen.Op("*").Id("v").Dot(cur.Name))))
			} else {
				pre = append(pre, jen.Id("currency").Op(":=").Lit(""), jen.If(jen.List(jen.Id("c"), jen.Id("ok")).Op(":=").Add(get), jen.Id("ok")).Block(
					jen.Id("currency").Op("=").String().Call(val)))
			}
			rule[jen.Id("currency")] = jen.Id("currency")
		default:
			rule[jen.Id("currency")] = jen.String().Call(jen.Id("v").Dot(cur.Name))
		}
		if mu.Default != "" {
			rule[jen.Id("currDflt")] = jen.Lit(mu.Default)
		}
		if len(mu.Digits) > 0 {
			codes := make([]string, 0, len(mu.Digits))
			for k := range mu.Digits {
				codes = append(codes, k)
			}
			sort.Strings(codes)
			d := jen.Dict{}
			for _, k := range codes {
				d[jen.Lit(k)] = jen.Lit(mu.Digits[k])
			}
			rule[jen.Id("digits")] = jen.Map(jen.String()).Int().Values(d)
		}
	}
	call := func(val jen.Code) jen.Code {
		return jen.If(jen.Err().Op(":=").Id("opgCheckNumber").Call(path, val, jen.Id("opgNumberRule").Values(rule)), jen.Err().Op("!=").Nil()).Block(onErr(jen.Err()))
	}
	var out []jen.Code
	switch fl.Type.Kind {
	case model.RefOptional, model.RefNullable:
		out = append(out, jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(expr).Dot("Get").Call(), jen.Id("ok")).Block(call(jen.Id("x"))))
	default:
		out = append(out, call(expr))
	}
	if len(pre) > 0 {
		return []jen.Code{jen.Block(append(pre, out...)...)}
	}
	return out
}

// jsonPath is a field's JSON path while emitting: a Go expression (nil: none) followed by literal text.
type jsonPath struct {
	dyn jen.Code
	lit string
}

// code renders the path as one string expression: path + "lines[".
func (p jsonPath) code() *jen.Statement {
	switch {
	case p.dyn == nil:
		return jen.Lit(p.lit)
	case p.lit == "":
		return jen.Add(p.dyn)
	}
	return jen.Add(p.dyn).Op("+").Lit(p.lit)
}

// validateRef validates the nested types an expression of type r holds; nil when it holds none. prefix is what
// the nested opgValidate gets: the JSON path of the expression followed by "." (or the enclosing object's own
// prefix, for a union's variant or a request body).
func validateRef(expr jen.Code, r *model.TypeRef, prefix jsonPath, depth int, onErr func(jen.Code) jen.Code) []jen.Code {
	if !refValidates(r) {
		return nil
	}
	x := jen.Id("x" + strconv.Itoa(depth))
	// An element's path: the prefix without its dot, then the index: path + "lines[" + strconv.Itoa(i0) + "]."
	elem := func(index jen.Code) jsonPath {
		base := jsonPath{prefix.dyn, strings.TrimSuffix(prefix.lit, ".") + "["}
		return jsonPath{base.code().Op("+").Add(index), "]."}
	}
	switch r.Kind {
	case model.RefNamed:
		return []jen.Code{jen.If(jen.Err().Op(":=").Add(expr).Dot("opgValidate").Call(prefix.code()), jen.Err().Op("!=").Nil()).Block(onErr(jen.Err()))}
	case model.RefPointer:
		return []jen.Code{jen.If(jen.Add(expr).Op("!=").Nil()).Block(validateRef(expr, r.Elem, prefix, depth, onErr)...)}
	case model.RefOptional, model.RefNullable:
		return []jen.Code{jen.If(jen.List(x.Clone(), jen.Id("ok")).Op(":=").Add(expr).Dot("Get").Call(), jen.Id("ok")).Block(
			validateRef(x.Clone(), r.Elem, prefix, depth+1, onErr)...)}
	case model.RefSlice:
		i := jen.Id("i" + strconv.Itoa(depth))
		return []jen.Code{jen.For(jen.List(i.Clone(), x.Clone()).Op(":=").Range().Add(expr)).Block(
			validateRef(x.Clone(), r.Elem, elem(jen.Qual("strconv", "Itoa").Call(i.Clone())), depth+1, onErr)...)}
	case model.RefMap:
		k := jen.Id("k" + strconv.Itoa(depth))
		return []jen.Code{jen.For(jen.List(k.Clone(), x.Clone()).Op(":=").Range().Add(expr)).Block(
			validateRef(x.Clone(), r.Elem, elem(jen.Qual("strconv", "Quote").Call(k.Clone())), depth+1, onErr)...)}
	}
	return nil
}

// refValidates reports whether a value of type r holds a type with opgValidate.
func refValidates(r *model.TypeRef) bool {
	for r != nil {
		if r.Kind == model.RefNamed {
			return r.Decl != nil && r.Decl.Validates
		}
		r = r.Elem
	}
	return false
}

// bodyValidation checks a request body before it is encoded: a number outside the spec's limits is a
// *ValidationError naming the operation, and nothing is sent.
func bodyValidation(b *model.Body, def jen.Code, ret func(jen.Code) jen.Code) []jen.Code {
	if b == nil || !refValidates(b.Type) {
		return nil
	}
	onErr := func(err jen.Code) jen.Code { return ret(jen.Id("opgInvalidBody").Call(def, err)) }
	r := b.Type
	switch {
	case b.Nullable:
		r = &model.TypeRef{Kind: model.RefNullable, Elem: r}
	case b.Pointer && !b.Required:
		r = &model.TypeRef{Kind: model.RefPointer, Elem: r}
	}
	// A required pointer body was refused above when nil: its method is called on it directly.
	return validateRef(jen.Id(b.ArgName), r, jsonPath{}, 0, onErr)
}
