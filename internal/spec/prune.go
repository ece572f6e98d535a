package spec

import "github.com/getkin/kin-openapi/openapi3"

// pruner makes validation linear in the size of the document instead of quadratic.
//
// kin-openapi validates every schema it meets with a fresh visited set, so each inline schema in a response,
// request body or parameter walks again every component it reaches: on stripe (468 operations whose schemas reach
// most of the 819 components) that walk was half of the whole generation time. The pruner hands the validator a
// copy of the element in which every $ref to a component schema already known to be valid is replaced by an empty
// schema. The problems found are exactly the same:
//
//   - a schema is marked valid only when its top-level validation (fresh visited set, same options) returned no
//     error, so every schema it reaches passes its own checks: a walk through it can find nothing;
//   - a node from which an invalid node can be reached is never inside a pruned subtree, so the depth-first order
//     in which kin-openapi meets the invalid nodes, and so the first error it returns, is unchanged;
//   - the one check that reads a schema's subschemas, a default (or example) checked against the schema, is kept
//     whole: below a schema with a default or an example nothing is pruned.
//
// Only the schemas of media types (which kin-openapi validates with request/response direction cleared),
// parameters and component schemas are pruned, i.e. the places validated with the same options as the components
// the valid set was computed with. Response headers, links and callbacks are validated as they are.
type pruner struct {
	valid map[*openapi3.Schema]bool // schemas whose top-level validation returned no error
	empty *openapi3.Schema          // what a pruned $ref points to
	open  map[*openapi3.Schema]bool // schemas being copied (an inline cycle is left as it is)
}

func newPruner() *pruner {
	return &pruner{valid: map[*openapi3.Schema]bool{}, empty: &openapi3.Schema{}, open: map[*openapi3.Schema]bool{}}
}

// element returns what to validate in place of r: a pruned copy, or r itself.
func (p *pruner) element(r refValidator) refValidator {
	switch x := r.(type) {
	case *openapi3.SchemaRef:
		return p.top(x)
	case *openapi3.ParameterRef:
		if x.Value == nil {
			return x
		}
		val := *x.Value
		val.Schema = p.top(val.Schema)
		val.Content = p.content(val.Content)
		cp := *x
		cp.Value = &val
		return &cp
	case *openapi3.RequestBodyRef:
		if x.Value == nil {
			return x
		}
		val := *x.Value
		val.Content = p.content(val.Content)
		cp := *x
		cp.Value = &val
		return &cp
	case *openapi3.ResponseRef:
		if x.Value == nil {
			return x
		}
		val := *x.Value
		val.Content = p.content(val.Content)
		cp := *x
		cp.Value = &val
		return &cp
	}
	return r
}

// validated records the outcome of validating r (as returned by element): a schema that passed is valid whole.
func (p *pruner) validated(r refValidator, err error) {
	if x, ok := r.(*openapi3.SchemaRef); ok && err == nil && x != nil && x.Value != nil {
		p.valid[x.Value] = true
	}
}

func (p *pruner) content(c openapi3.Content) openapi3.Content {
	if c == nil {
		return nil
	}
	out := make(openapi3.Content, len(c))
	for k, mt := range c {
		if mt == nil {
			out[k] = nil
			continue
		}
		cp := *mt
		cp.Schema = p.top(mt.Schema)
		cp.ItemSchema = p.top(mt.ItemSchema)
		out[k] = &cp
	}
	return out
}

// top prunes below a schema that is validated as a whole (its own checks may read it: it is kept, copied).
func (p *pruner) top(r *openapi3.SchemaRef) *openapi3.SchemaRef {
	if r == nil || r.Value == nil {
		return r
	}
	cp := *r
	cp.Value = p.schema(r.Value)
	return &cp
}

// child is what replaces a subschema reference.
func (p *pruner) child(r *openapi3.SchemaRef) *openapi3.SchemaRef {
	switch {
	case r == nil || r.Value == nil:
		return r
	case r.Ref != "" && p.valid[r.Value]:
		cp := *r // the $ref's own fields are still checked (siblings of $ref)
		cp.Value = p.empty
		return &cp
	case r.Ref == "":
		cp := *r
		cp.Value = p.schema(r.Value)
		return &cp
	}
	return r // a $ref not known valid: walked whole, as kin-openapi does
}

// schema returns a copy of s with its subschemas pruned, or s itself when its own checks read its subschemas.
func (p *pruner) schema(s *openapi3.Schema) *openapi3.Schema {
	if s.Default != nil || s.Example != nil || len(s.Examples) > 0 || s.Const != nil || p.open[s] {
		return s
	}
	p.open[s] = true
	defer delete(p.open, s)
	cp := *s
	cp.OneOf = p.refs(s.OneOf)
	cp.AnyOf = p.refs(s.AnyOf)
	cp.AllOf = p.refs(s.AllOf)
	cp.Not = p.child(s.Not)
	cp.Items = p.child(s.Items)
	cp.Properties = p.schemas(s.Properties)
	cp.AdditionalProperties.Schema = p.child(s.AdditionalProperties.Schema)
	cp.PrefixItems = p.refs(s.PrefixItems)
	cp.Contains = p.child(s.Contains)
	cp.PatternProperties = p.schemas(s.PatternProperties)
	cp.DependentSchemas = p.schemas(s.DependentSchemas)
	cp.PropertyNames = p.child(s.PropertyNames)
	cp.UnevaluatedItems.Schema = p.child(s.UnevaluatedItems.Schema)
	cp.UnevaluatedProperties.Schema = p.child(s.UnevaluatedProperties.Schema)
	cp.If = p.child(s.If)
	cp.Then = p.child(s.Then)
	cp.Else = p.child(s.Else)
	cp.Defs = p.schemas(s.Defs)
	cp.ContentSchema = p.child(s.ContentSchema)
	return &cp
}

func (p *pruner) refs(rs openapi3.SchemaRefs) openapi3.SchemaRefs {
	if rs == nil {
		return nil
	}
	out := make(openapi3.SchemaRefs, len(rs))
	for i, r := range rs {
		out[i] = p.child(r)
	}
	return out
}

func (p *pruner) schemas(m openapi3.Schemas) openapi3.Schemas {
	if m == nil {
		return nil
	}
	out := make(openapi3.Schemas, len(m))
	for k, r := range m {
		out[k] = p.child(r)
	}
	return out
}
