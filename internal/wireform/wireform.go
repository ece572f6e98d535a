// Package wireform reads x-opgen-also-accept: the alternative JSON forms in which a scalar property may travel
// besides the one its schema declares. Providers' own samples and official clients send `"trial_days": "30"` for
// an integer, `"send_email": "true"` for a boolean, a number for a string account id, or an enum value in upper
// case, and the API takes them. The schema keeps the canonical form (the Go type and the encoder use it, so an SDK
// sends what the documents' tables say); the generated decoder and the mock's request validation accept the
// alternatives as well, turning each into the canonical value first.
//
// The generator (internal/build) and the mock both use this package; the generated SDKs carry their own copy of
// the rules (templates/support/wireform.go), since they import only the standard library.
package wireform

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Extension is the extension's name.
const Extension = "x-opgen-also-accept"

// Form is one alternative wire form.
type Form string

const (
	// String is a number or boolean sent as a JSON string holding its JSON text: "30", "10.50", "true".
	String Form = "string"
	// Number is a string sent as a JSON number: 1234567890 for "1234567890". The number's text is the value.
	Number Form = "number"
	// AnyCase is an enum value in another letter case: "CANCELLED" for "cancelled". It becomes the listed
	// spelling.
	AnyCase Form = "any-case"
)

// Forms is the set of forms a property accepts besides its canonical one.
type Forms []Form

// Has reports whether fs holds f.
func (fs Forms) Has(f Form) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

var known = []Form{String, Number, AnyCase}

// Kind is the JSON kind of a schema's canonical form, as far as the forms care.
type Kind int

const (
	// KindOther is any schema the forms do not apply to (objects, arrays, untyped).
	KindOther Kind = iota
	// KindNumber is an integer or number schema.
	KindNumber
	// KindBoolean is a boolean schema.
	KindBoolean
	// KindString is a string schema without an enum.
	KindString
	// KindEnum is a string schema with an enum.
	KindEnum
)

// KindOf is the canonical kind of a schema: its type, or the type of the allOf members that give one.
func KindOf(s *openapi3.Schema) Kind {
	if s == nil {
		return KindOther
	}
	switch {
	case s.Type.Includes("integer") || s.Type.Includes("number"):
		return KindNumber
	case s.Type.Includes("boolean"):
		return KindBoolean
	case s.Type.Includes("string"):
		if len(s.Enum) > 0 {
			return KindEnum
		}
		return KindString
	}
	for _, m := range s.AllOf {
		if m != nil {
			if k := KindOf(m.Value); k != KindOther {
				return k
			}
		}
	}
	return KindOther
}

// Of reads the extension on s; nil (and no error) when s has none.
func Of(s *openapi3.Schema) (Forms, error) {
	if s == nil {
		return nil, nil
	}
	raw, ok := s.Extensions[Extension]
	if !ok {
		return nil, nil
	}
	return Parse(raw, KindOf(s))
}

// EnumStrings is a string enum's values (for AnyCase).
func EnumStrings(s *openapi3.Schema) []string {
	var out []string
	for _, v := range s.Enum {
		if str, ok := v.(string); ok {
			out = append(out, str)
		}
	}
	return out
}

// Parse reads the extension's value: one form name or a list of them. kind is the schema's canonical kind; a form
// that cannot apply to it is an error, as is an unknown name.
func Parse(raw any, kind Kind) (Forms, error) {
	var names []any
	switch v := raw.(type) {
	case string:
		names = []any{v}
	case []any:
		names = v
	default:
		return nil, fmt.Errorf("%s must be a list of forms (%s), e.g. [string]", Extension, knownList())
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s is empty: list the forms the property also accepts (%s)", Extension, knownList())
	}
	var out Forms
	for _, n := range names {
		s, _ := n.(string)
		f := Form(s)
		if !isKnown(f) {
			return nil, fmt.Errorf("%s: unknown form %q; known forms: %s", Extension, fmt.Sprint(n), knownList())
		}
		if why := applies(f, kind); why != "" {
			return nil, fmt.Errorf("%s: form %q %s", Extension, f, why)
		}
		if !out.Has(f) {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

func applies(f Form, k Kind) string {
	switch f {
	case String:
		if k != KindNumber && k != KindBoolean {
			return "applies to an integer, number or boolean schema (a value sent as a string holding its text)"
		}
	case Number:
		if k != KindString && k != KindEnum {
			return "applies to a string schema (a value sent as a JSON number)"
		}
	case AnyCase:
		if k != KindEnum {
			return "applies to a string schema with an enum (a value in another letter case)"
		}
	}
	return ""
}

func isKnown(f Form) bool {
	for _, k := range known {
		if k == f {
			return true
		}
	}
	return false
}

func knownList() string {
	var s []string
	for _, k := range known {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// Normalize turns a decoded JSON value (json.Number for numbers, as a Decoder with UseNumber gives) in one of the
// accepted alternative forms into the canonical one; enum is the schema's enum, for AnyCase. It reports whether it
// changed v. A value in no accepted form is returned as it is, for the schema to judge.
func Normalize(v any, fs Forms, enum []string) (any, bool) {
	switch x := v.(type) {
	case string:
		if fs.Has(String) {
			if x == "true" || x == "false" {
				return x == "true", true
			}
			if isNumberText(x) {
				return json.Number(x), true
			}
		}
		if fs.Has(AnyCase) {
			for _, e := range enum {
				if e == x {
					return v, false
				}
			}
			for _, e := range enum {
				if strings.EqualFold(e, x) {
					return e, true
				}
			}
		}
	case json.Number:
		if fs.Has(Number) {
			return string(x), true
		}
	case float64:
		if fs.Has(Number) {
			b, _ := json.Marshal(x)
			return string(b), true
		}
	}
	return v, false
}

// isNumberText reports whether s is a JSON number literal, and nothing else (no spaces, no sign "+", no hex).
func isNumberText(s string) bool {
	if s == "" || (s[0] != '-' && (s[0] < '0' || s[0] > '9')) || s[len(s)-1] < '0' || s[len(s)-1] > '9' {
		return false
	}
	return json.Valid([]byte(s))
}

// Canonical rewrites a decoded JSON value (json.Number for numbers) described by s into its canonical form: every
// value, at any depth (properties, allOf/oneOf/anyOf members, array items, additionalProperties), that is in an
// alternative form its schema accepts. Maps and slices are changed in place. It reports whether anything changed.
func Canonical(v any, s *openapi3.Schema) (any, bool) {
	return canonicalValue(v, []*openapi3.Schema{s}, 0)
}

// canonicalValue rewrites v, described by any of the schemas ss (a property may be declared by several allOf,
// oneOf or anyOf members), into its canonical form.
func canonicalValue(v any, ss []*openapi3.Schema, depth int) (any, bool) {
	if depth > 64 {
		return v, false
	}
	ss = expand(ss, 0)
	if len(ss) == 0 {
		return v, false
	}
	switch x := v.(type) {
	case map[string]any:
		changed := false
		for k, pv := range x {
			var ps []*openapi3.Schema
			for _, s := range ss {
				if p := s.Properties[k]; p != nil && p.Value != nil {
					ps = append(ps, p.Value)
				} else if a := s.AdditionalProperties.Schema; a != nil && a.Value != nil && s.Properties[k] == nil {
					ps = append(ps, a.Value)
				}
			}
			if nv, ch := canonicalValue(pv, ps, depth+1); ch {
				x[k], changed = nv, true
			}
		}
		return x, changed
	case []any:
		var is []*openapi3.Schema
		for _, s := range ss {
			if s.Items != nil && s.Items.Value != nil {
				is = append(is, s.Items.Value)
			}
		}
		changed := false
		for i, e := range x {
			if ne, ch := canonicalValue(e, is, depth+1); ch {
				x[i], changed = ne, true
			}
		}
		return x, changed
	}
	// A scalar: left alone when one of its schemas takes it as it is (a oneOf of a string and an integer), else
	// rewritten by the first schema that accepts its form.
	for _, s := range ss {
		if takesAsIs(v, s) {
			return v, false
		}
	}
	for _, s := range ss {
		forms, err := Of(s)
		if err != nil || len(forms) == 0 {
			continue
		}
		if nv, ch := Normalize(v, forms, EnumStrings(s)); ch {
			return nv, true
		}
	}
	return v, false
}

// expand adds the allOf, oneOf and anyOf members of the schemas (to any depth), which declare properties and forms
// of the same value.
func expand(ss []*openapi3.Schema, depth int) []*openapi3.Schema {
	var out []*openapi3.Schema
	for _, s := range ss {
		if s == nil {
			continue
		}
		out = append(out, s)
		if depth > 16 {
			continue
		}
		var members []*openapi3.Schema
		for _, l := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, m := range l {
				if m != nil && m.Value != nil {
					members = append(members, m.Value)
				}
			}
		}
		out = append(out, expand(members, depth+1)...)
	}
	return out
}

// takesAsIs reports whether the schema's declared type takes the scalar v as it is, and, for a string enum, lists
// it exactly.
func takesAsIs(v any, s *openapi3.Schema) bool {
	if s.Type == nil || len(s.Type.Slice()) == 0 {
		return false // an untyped member (a bare allOf wrapper) judges nothing
	}
	switch x := v.(type) {
	case json.Number:
		if s.Type.Includes("number") {
			return true
		}
		if s.Type.Includes("integer") {
			_, err := x.Int64()
			return err == nil
		}
	case string:
		if !s.Type.Includes("string") {
			return false
		}
		if len(s.Enum) == 0 {
			return true
		}
		for _, e := range s.Enum {
			if e == x {
				return true
			}
		}
	case bool:
		return s.Type.Includes("boolean")
	}
	return false
}
