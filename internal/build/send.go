package build

import (
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/model"
)

// This file decides what a request sends beyond the caller's values: constants filled in, readOnly properties left
// out.

// constOf returns the constant a required field of type base is filled with when left unset: base must be a
// one-value enum declared for a `const` (or a one-value `enum`) whose value is not the zero value, which the
// caller could not tell from unset.
func constOf(s *openapi3.Schema, base *model.TypeRef) *model.EnumValue {
	if s.Const == nil && len(s.Enum) != 1 {
		return nil
	}
	if base.Kind != model.RefNamed || base.Decl == nil || base.Decl.Kind != model.KindEnum || base.Decl.Enum == nil ||
		len(base.Decl.Enum.Values) != 1 {
		return nil
	}
	v := base.Decl.Enum.Values[0]
	if v.Value == "" || (base.Decl.Enum.Base == "int64" && v.Value == "0") {
		return nil
	}
	return v
}

// readOnlyPaths lists, sorted, the paths of the readOnly properties a value of type t can hold. A type met again
// below itself (recursion) is not walked twice: its readOnly properties are listed down to that depth.
func readOnlyPaths(t *model.TypeRef) [][]string {
	seen := map[string]bool{}
	var out [][]string
	onPath := map[*model.Type]bool{}
	var walk func(t *model.TypeRef, prefix []string)
	walk = func(t *model.TypeRef, prefix []string) {
		for unwraps(t) {
			t = t.Elem
		}
		if t == nil {
			return
		}
		switch t.Kind {
		case model.RefSlice, model.RefMap:
			walk(t.Elem, append(slices.Clip(prefix), "*"))
			return
		case model.RefNamed:
		default:
			return
		}
		d := t.Decl
		if d == nil || onPath[d] {
			return
		}
		onPath[d] = true
		defer delete(onPath, d)
		switch d.Kind {
		case model.KindStruct:
			for _, f := range d.Fields {
				p := append(slices.Clip(prefix), f.JSONName)
				if f.Promoted {
					p = prefix // an embedded struct's fields are the object's own
				}
				if f.ReadOnly {
					if k := strings.Join(p, "\x00"); !seen[k] {
						seen[k] = true
						out = append(out, p)
					}
					continue
				}
				walk(f.Type, p)
			}
		case model.KindUnion:
			for _, v := range d.Union.Variants {
				walk(v.Type, prefix)
			}
		case model.KindNamed, model.KindAlias:
			walk(d.Underlying, prefix)
		}
	}
	walk(t, nil)
	slices.SortFunc(out, func(a, b []string) int { return slices.Compare(a, b) })
	return out
}

// markReadOnly records, for every JSON or form body, the readOnly properties to leave out, and in multipart
// bodies drops readOnly parts.
func (b *builder) markReadOnly(c *model.Client) {
	if c == nil {
		return
	}
	for _, op := range c.Operations {
		body := op.Body
		if body == nil {
			continue
		}
		switch body.Kind {
		case model.BodyJSON, model.BodyForm:
			body.ReadOnly = readOnlyPaths(body.Type)
		case model.BodyMultipart:
			body.Parts = slices.DeleteFunc(body.Parts, func(p *model.Part) bool { return p.Field.ReadOnly })
		}
	}
}
