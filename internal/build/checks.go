package build

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/model"
)

// Number checks: a request whose amount the API would refuse (10.999 in a two-decimal currency, 0 where the
// documents say amounts are positive) is a *ValidationError before anything is sent. The limits come from the
// spec's minimum, maximum, exclusiveMinimum/exclusiveMaximum (3.0 booleans and 3.1 numbers) and multipleOf, and
// from x-opgen-minor-units, which ties an amount to the currency a sibling property names.

// numericRef reports whether a field's base type is a number the runtime can check exactly: Decimal,
// DecimalString, or a Go integer or float.
func numericRef(r *model.TypeRef) bool {
	if r == nil {
		return false
	}
	switch r.Kind {
	case model.RefNamed:
		return r.ImportPath == "" && r.Decl == nil && (r.Name == "Decimal" || r.Name == "DecimalString")
	case model.RefBuiltin:
		switch r.Name {
		case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "float32", "float64":
			return true
		}
	}
	return false
}

// specNumber is a spec's number as exact decimal text: the shortest form that reads back as the same float64,
// which is the literal the spec wrote for any literal of up to 15 significant digits (0.01 is "0.01").
func specNumber(f float64) (string, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", false
	}
	return strconv.FormatFloat(f, 'f', -1, 64), true
}

// numberCheck gives a number property's check, nil when the schema sets no limit. name is "Type.property" for the
// report.
func (b *builder) numberCheck(s *openapi3.Schema, base *model.TypeRef, ptr, name string) *model.NumberCheck {
	if !numericRef(base) {
		return nil
	}
	c := &model.NumberCheck{}
	if s.Min != nil {
		c.Min, _ = specNumber(*s.Min)
		c.ExclusiveMin = s.ExclusiveMin.Bool != nil && *s.ExclusiveMin.Bool
	}
	if s.Max != nil {
		c.Max, _ = specNumber(*s.Max)
		c.ExclusiveMax = s.ExclusiveMax.Bool != nil && *s.ExclusiveMax.Bool
	}
	// 3.1: exclusiveMinimum is itself the bound; with a minimum too, the tighter one applies (kept as given when
	// both are written: the 3.1 one is the stricter form of the two at equal values).
	if v := s.ExclusiveMin.Value; v != nil && (s.Min == nil || *v >= *s.Min) {
		c.Min, _ = specNumber(*v)
		c.ExclusiveMin = true
	}
	if v := s.ExclusiveMax.Value; v != nil && (s.Max == nil || *v <= *s.Max) {
		c.Max, _ = specNumber(*v)
		c.ExclusiveMax = true
	}
	if s.MultipleOf != nil {
		if *s.MultipleOf > 0 {
			c.MultipleOf, _ = specNumber(*s.MultipleOf)
		} else {
			b.downgrade(ptr, name, "multipleOf must be greater than 0; not checked")
		}
	}
	if raw, ok := s.Extensions["x-opgen-minor-units"]; ok {
		mu, err := parseMinorUnits(raw)
		if err != nil {
			b.fail(ptr+"/x-opgen-minor-units", err.Error())
		} else {
			c.MinorUnits = mu
		}
	}
	if c.Min == "" && c.Max == "" && c.MultipleOf == "" && c.MinorUnits == nil {
		return nil
	}
	return c
}

// parseMinorUnits reads x-opgen-minor-units: a property name, or {currency, default, digits}. The currency
// property is resolved once the struct's fields exist (resolveCurrencies); until then MinorUnits.Currency holds a
// placeholder with its JSON name.
func parseMinorUnits(raw any) (*model.MinorUnits, error) {
	const want = "x-opgen-minor-units must be the name of the property holding the currency code, or " +
		"{currency: <property>, default: <ISO 4217 code>, digits: {<code>: <decimals>}}"
	switch v := raw.(type) {
	case string:
		if v == "" {
			return nil, fmt.Errorf("%s", want)
		}
		return &model.MinorUnits{Currency: &model.Field{JSONName: v}}, nil
	case map[string]any:
		mu := &model.MinorUnits{}
		for k := range v {
			if k != "currency" && k != "default" && k != "digits" {
				return nil, fmt.Errorf("x-opgen-minor-units: unknown key %q; %s", k, want)
			}
		}
		cur, _ := v["currency"].(string)
		if cur == "" {
			return nil, fmt.Errorf("x-opgen-minor-units: `currency` (the property holding the currency code) is missing; %s", want)
		}
		mu.Currency = &model.Field{JSONName: cur}
		if d, ok := v["default"]; ok {
			ds, ok := d.(string)
			if !ok || ds == "" {
				return nil, fmt.Errorf("x-opgen-minor-units: `default` must be a currency code such as MXN")
			}
			mu.Default = ds
		}
		if d, ok := v["digits"]; ok {
			m, ok := d.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("x-opgen-minor-units: `digits` must map currency codes to their number of decimals, e.g. {CLP: 0, MXN: 2}")
			}
			mu.Digits = map[string]int{}
			for code, n := range m {
				f, ok := n.(float64)
				if !ok {
					if i, isInt := n.(int); isInt {
						f, ok = float64(i), true
					}
				}
				if !ok || f < 0 || f > 18 || f != math.Trunc(f) {
					return nil, fmt.Errorf("x-opgen-minor-units: digits of %s must be an integer from 0 to 18", code)
				}
				mu.Digits[code] = int(f)
			}
		}
		return mu, nil
	}
	return nil, fmt.Errorf("%s", want)
}

// resolveCurrencies points each pending x-opgen-minor-units of struct t at its currency field.
func (b *builder) resolveCurrencies(t *model.Type, ptrs map[string]string) {
	for _, f := range t.Fields {
		if f.Check == nil || f.Check.MinorUnits == nil {
			continue
		}
		name := f.Check.MinorUnits.Currency.JSONName
		var cur *model.Field
		for _, g := range t.Fields {
			if g.JSONName == name {
				cur = g
			}
		}
		if cur == nil || !currencyRef(cur.Type) {
			what := "which the object does not declare"
			if cur != nil {
				what = "which is not a string"
			}
			b.fail(ptrs[f.JSONName]+"/x-opgen-minor-units",
				fmt.Sprintf("x-opgen-minor-units names the currency property %q, %s: name a sibling string property holding the ISO 4217 code", name, what))
			f.Check.MinorUnits = nil
			continue
		}
		f.Check.MinorUnits.Currency = cur
		f.Doc = append(f.Doc, "Decimals: "+minorUnitsDoc(f.Check.MinorUnits)+"; more is a *ValidationError before sending.")
	}
}

// currencyRef reports whether a currency field's type is a string, a string enum, or an Opt or Nullable of one.
func currencyRef(r *model.TypeRef) bool {
	for r != nil && (r.Kind == model.RefOptional || r.Kind == model.RefNullable || r.Kind == model.RefPointer) {
		r = r.Elem
	}
	switch {
	case r == nil:
		return false
	case r.Kind == model.RefBuiltin:
		return r.Name == "string"
	case r.Kind == model.RefNamed && r.Decl != nil && r.Decl.Kind == model.KindEnum:
		return r.Decl.Enum.Base == "string"
	case r.Kind == model.RefNamed && r.Decl != nil && (r.Decl.Kind == model.KindNamed || r.Decl.Kind == model.KindAlias):
		return currencyRef(r.Decl.Underlying)
	}
	return false
}

// minorUnitsDoc says which decimals an amount may carry.
func minorUnitsDoc(mu *model.MinorUnits) string {
	s := "at most the decimals of the currency in " + mu.Currency.Name
	if mu.Default != "" {
		s += " (" + mu.Default + " when unset)"
	}
	if len(mu.Digits) > 0 {
		codes := make([]string, 0, len(mu.Digits))
		for c := range mu.Digits {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		parts := make([]string, len(codes))
		for i, c := range codes {
			parts[i] = c + " " + strconv.Itoa(mu.Digits[c])
		}
		s += ": " + strings.Join(parts, ", ")
	} else {
		s += ", by ISO 4217 (CLP none, MXN/PEN/COP/USD two)"
	}
	return s
}

// markValidated gives opgValidate to every type a request body can hold that has a number check, directly or
// through nested structs, slices, maps, unions, pointers, Opt and Nullable. Types only responses hold get none: an
// unexported method nothing calls would fail staticcheck.
func (b *builder) markValidated(c *model.Client) {
	reach := map[*model.Type]bool{}
	var walk func(r *model.TypeRef)
	walk = func(r *model.TypeRef) {
		for r != nil && r.Kind != model.RefNamed {
			r = r.Elem
		}
		if r == nil || r.Decl == nil || reach[r.Decl] {
			return
		}
		t := r.Decl
		reach[t] = true
		for _, f := range t.Fields {
			walk(f.Type)
		}
		if t.Extra != nil {
			walk(t.Extra.Type)
		}
		if t.Union != nil {
			for _, v := range t.Union.Variants {
				walk(v.Type)
			}
		}
	}
	for _, op := range c.Operations {
		if op.Body != nil {
			walk(op.Body.Type)
		}
		for _, ab := range op.AltBodies {
			walk(ab.Body.Type)
		}
	}
	holds := func(r *model.TypeRef) bool {
		for r != nil {
			if r.Kind == model.RefNamed {
				return r.Decl != nil && r.Decl.Validates
			}
			r = r.Elem
		}
		return false
	}
	for changed := true; changed; {
		changed = false
		for _, t := range b.types {
			if t.Validates || !reach[t] {
				continue
			}
			hit := false
			switch t.Kind {
			case model.KindStruct:
				for _, f := range t.Fields {
					hit = hit || (f.Check != nil && !f.ReadOnly) || (!f.ReadOnly && holds(f.Type))
				}
				hit = hit || (t.Extra != nil && holds(t.Extra.Type))
			case model.KindUnion:
				for _, v := range t.Union.Variants {
					hit = hit || holds(v.Type)
				}
			}
			if hit {
				t.Validates, changed = true, true
			}
		}
	}
}

// restAccessor is the method of a decoded struct that returns the members the spec does not declare.
const restAccessor = "UnknownFields"

// markRest takes the decoded extras (model.Rest) back from the types only request bodies hold: a caller builds
// them, so there is nothing to keep, and encoding them stays encoding/json's. A type a response, an error, a
// webhook or nothing at all holds (a component a caller may decode on their own) keeps them.
func (b *builder) markRest(c *model.Client, w *model.Webhooks) {
	reach := func(roots []*model.TypeRef) map[*model.Type]bool {
		seen := map[*model.Type]bool{}
		var walk func(r *model.TypeRef)
		walk = func(r *model.TypeRef) {
			for r != nil && r.Kind != model.RefNamed {
				r = r.Elem
			}
			if r == nil || r.Decl == nil || seen[r.Decl] {
				return
			}
			t := r.Decl
			seen[t] = true
			walk(t.Underlying)
			for _, f := range t.Fields {
				walk(f.Type)
			}
			if t.Extra != nil {
				walk(t.Extra.Type)
			}
			if t.Union != nil {
				for _, v := range t.Union.Variants {
					walk(v.Type)
				}
			}
		}
		for _, r := range roots {
			walk(r)
		}
		return seen
	}
	var sent, read []*model.TypeRef
	if c != nil {
		for _, op := range c.Operations {
			if op.Body != nil {
				sent = append(sent, op.Body.Type)
			}
			for _, ab := range op.AltBodies {
				sent = append(sent, ab.Body.Type)
			}
			for _, r := range op.Responses {
				read = append(read, r.Type)
			}
			for _, e := range op.Errors {
				read = append(read, e.Type)
			}
		}
	}
	if w != nil {
		for _, t := range []*model.Type{w.EventType, w.Payload} {
			if t != nil {
				read = append(read, &model.TypeRef{Kind: model.RefNamed, Name: t.Name, Decl: t})
			}
		}
	}
	sentOnly, readAny := reach(sent), reach(read)
	// Only x-opgen-embed (Promoted) counts: a request body folded into its parameters struct is embedded too, but
	// that struct is never a JSON object, and the body, when a response returns it, must keep its extras.
	embedded := map[*model.Type]bool{}
	for _, t := range b.types {
		for _, f := range t.Fields {
			if f.Embedded && f.Promoted && f.Type.Decl != nil {
				embedded[f.Type.Decl] = true
			}
		}
	}
	for _, t := range b.types {
		// An embedded struct (x-opgen-embed) must have no JSON methods, which would be promoted to the structs
		// embedding it: those keep its members' extras themselves.
		// A struct with additionalProperties decoding a sibling-tagged union keeps its own decoders.
		if t.Rest != nil && (sentOnly[t] && !readAny[t] || embedded[t] || t.Extra != nil && len(t.Tagged) > 0) {
			t.Rest = nil
		}
		// A struct with additionalProperties keeps its reflective decoder for now (opgKeepExtras). One whose union a
		// sibling selects (x-opgen-sibling-discriminator) or with a property in alternative forms (x-opgen-also-accept)
		// gets the generated decoder even with json_codecs: false: that decoder is the one that both does what the
		// extension says and keeps the unknown members.
		if t.Rest != nil && t.Kind == model.KindStruct && t.Extra == nil && (!b.in.NoJSONCodecs || len(t.Tagged) > 0 || hasWireForms(t)) {
			t.Rest.Codec = true
		}
	}
}

// hasWireForms reports whether a property of t accepts alternative JSON forms (x-opgen-also-accept).
func hasWireForms(t *model.Type) bool {
	for _, f := range t.Fields {
		if len(f.WireForms) > 0 && f.JSONName != "" && !f.Embedded {
			return true
		}
	}
	return false
}
