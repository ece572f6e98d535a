package specs_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/pattern"
	"github.com/opgen-sdk/opgen/internal/spec"
)

// Examples are what the mock answers with and what the contract tests send: an example its own schema refuses (a
// pattern, a length, an enum) makes the mock answer something the spec then rejects. Culqi's legacy plans had no id
// example, so the mock invented ids their own GET /v2/plans/{id} refused (minLength 25).

// exampleOptions validate like the mock: ECMA-262 patterns, email and uuid formats.
var exampleOptions = []openapi3.SchemaValidationOption{
	openapi3.MultiErrors(),
	openapi3.SetSchemaRegexCompiler(pattern.Compile),
	openapi3.WithStringFormatValidator("email", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail)),
	openapi3.WithStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC9562)),
}

// exampleProblems lists, for the spec at path, every example (schema, property, parameter and media-type examples,
// the named ones included) its own schema refuses, and every resource id example (an `id` property of a resource a
// GET /things/{param} returns) that the path parameter refuses; a resource whose path parameter constrains the id
// (pattern, minimum length, format, enum) must give its `id` an example, or the mock invents one the parameter may refuse.
func exampleProblems(t *testing.T, path string) []string {
	t.Helper()
	d, err := spec.Load(context.Background(), path, spec.LoadOptions{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	doc := d.T
	var out []string
	bad := func(ptr, what string, err error) {
		msg := strings.Join(strings.Fields(err.Error()), " ")
		if i := strings.Index(msg, " Schema:"); i > 0 {
			msg = msg[:i]
		}
		out = append(out, fmt.Sprintf("%s: %s is refused by its schema: %s", ptr, what, msg))
	}
	check := func(s *openapi3.Schema, v any, ptr, what string, extra ...openapi3.SchemaValidationOption) {
		if s == nil || v == nil {
			return
		}
		if err := s.VisitJSON(v, append(append([]openapi3.SchemaValidationOption{}, exampleOptions...), extra...)...); err != nil {
			bad(ptr, what, err)
		}
	}
	seen := map[*openapi3.Schema]bool{}
	var walk func(sr *openapi3.SchemaRef, ptr string)
	walk = func(sr *openapi3.SchemaRef, ptr string) {
		if sr == nil || sr.Value == nil || seen[sr.Value] {
			return
		}
		if sr.Ref != "" && strings.HasPrefix(sr.Ref, "#/") {
			ptr = sr.Ref
		}
		s := sr.Value
		seen[s] = true
		check(s, s.Example, ptr, "example")
		for i, ex := range s.Examples {
			check(s, ex, fmt.Sprintf("%s/examples/%d", ptr, i), "example")
		}
		for _, k := range sortedKeys(s.Properties) {
			walk(s.Properties[k], ptr+"/properties/"+k)
		}
		for kw, l := range map[string]openapi3.SchemaRefs{"allOf": s.AllOf, "oneOf": s.OneOf, "anyOf": s.AnyOf} {
			for i, m := range l {
				walk(m, fmt.Sprintf("%s/%s/%d", ptr, kw, i))
			}
		}
		walk(s.Items, ptr+"/items")
		walk(s.AdditionalProperties.Schema, ptr+"/additionalProperties")
	}
	if doc.Components != nil {
		for _, k := range sortedKeys(doc.Components.Schemas) {
			walk(doc.Components.Schemas[k], "#/components/schemas/"+k)
		}
	}
	media := func(c openapi3.Content, ptr string, as openapi3.SchemaValidationOption) {
		for _, ct := range sortedKeys(c) {
			mt := c[ct]
			if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
				continue
			}
			p := ptr + "/content/" + strings.ReplaceAll(ct, "/", "~1")
			walk(mt.Schema, p+"/schema")
			check(mt.Schema.Value, mt.Example, p+"/example", "example", as)
			for _, name := range sortedKeys(mt.Examples) {
				if ex := mt.Examples[name]; ex != nil && ex.Value != nil {
					check(mt.Schema.Value, ex.Value.Value, p+"/examples/"+name, "example "+name, as)
				}
			}
		}
	}
	params := func(ps openapi3.Parameters, ptr string) {
		for i, pr := range ps {
			if pr == nil || pr.Value == nil || pr.Value.Schema == nil {
				continue
			}
			p, pp := pr.Value, fmt.Sprintf("%s/parameters/%d", ptr, i)
			walk(p.Schema, pp+"/schema")
			check(p.Schema.Value, p.Example, pp+"/example", "the example of parameter "+p.Name)
			for _, name := range sortedKeys(p.Examples) {
				if ex := p.Examples[name]; ex != nil && ex.Value != nil {
					check(p.Schema.Value, ex.Value.Value, pp+"/examples/"+name, "example "+name+" of parameter "+p.Name)
				}
			}
		}
	}
	paths := doc.Paths.Map()
	for _, path := range sortedKeys(paths) {
		item := paths[path]
		pptr := "#/paths/" + strings.ReplaceAll(strings.ReplaceAll(path, "~", "~0"), "/", "~1")
		params(item.Parameters, pptr)
		ops := item.Operations()
		for _, m := range sortedKeys(ops) {
			op := ops[m]
			optr := pptr + "/" + strings.ToLower(m)
			params(op.Parameters, optr)
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				media(op.RequestBody.Value.Content, optr+"/requestBody", openapi3.VisitAsRequest())
			}
			if op.Responses != nil {
				for code, r := range op.Responses.Map() {
					if r != nil && r.Value != nil {
						media(r.Value.Content, optr+"/responses/"+code, openapi3.VisitAsResponse())
					}
				}
			}
			if m == "GET" {
				out = append(out, idProblems(path, item, op, optr)...)
			}
		}
	}
	sort.Strings(out)
	return out
}

// idProblems checks a GET /things/{param} that returns one resource with an `id`: the id's examples (the
// property's, and those of the response examples) must be accepted by the path parameter, and there must be one
// when the parameter constrains the id.
func idProblems(path string, item *openapi3.PathItem, op *openapi3.Operation, ptr string) []string {
	if !strings.HasSuffix(path, "}") {
		return nil
	}
	name := path[strings.LastIndexByte(path, '{')+1 : len(path)-1]
	var param *openapi3.Schema
	for _, ps := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, pr := range ps {
			if pr != nil && pr.Value != nil && pr.Value.In == "path" && pr.Value.Name == name && pr.Value.Schema != nil {
				param = pr.Value.Schema.Value
			}
		}
	}
	if param == nil || op.Responses == nil {
		return nil
	}
	// A maximum length alone admits the short ids a mock invents; a pattern, a minimum length, a format or an enum
	// need an example of the right shape.
	constrained := param.Pattern != "" || param.MinLength > 0 || param.Format != "" || len(param.Enum) > 0
	var out []string
	for code, r := range op.Responses.Map() {
		if !strings.HasPrefix(code, "2") || r == nil || r.Value == nil {
			continue
		}
		mt := r.Value.Content.Get("application/json")
		if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
			continue
		}
		idRef := mt.Schema.Value.Properties["id"]
		if idRef == nil || idRef.Value == nil {
			continue
		}
		where := ptr + "/responses/" + code
		if mt.Schema.Ref != "" {
			where = mt.Schema.Ref
		}
		ids := map[string]any{}
		if ex := idRef.Value.Example; ex != nil {
			ids["the id property's example"] = ex
		}
		vals := map[string]any{"example": mt.Example}
		for n, ex := range mt.Examples {
			if ex != nil && ex.Value != nil {
				vals["example "+n] = ex.Value.Value
			}
		}
		if mt.Schema.Value.Example != nil {
			vals["the schema's example"] = mt.Schema.Value.Example
		}
		for n, v := range vals {
			if m, ok := v.(map[string]any); ok && m["id"] != nil {
				ids["the id of "+n] = m["id"]
			}
		}
		if len(ids) == 0 && constrained {
			out = append(out, fmt.Sprintf("%s/properties/id: no example, and GET %s constrains {%s}: give the id an example the path parameter accepts (the mock would invent one)", where, path, name))
		}
		for _, what := range sortedKeys(ids) {
			s, ok := ids[what].(string)
			if !ok {
				continue
			}
			if err := param.VisitJSON(s, exampleOptions...); err != nil {
				out = append(out, fmt.Sprintf("%s: %s (%q) is refused by the path parameter {%s} of GET %s: %s", where, what, s, name, path,
					strings.Join(strings.Fields(strings.SplitN(err.Error(), " Schema:", 2)[0]), " ")))
			}
		}
	}
	return out
}

// TestExamplesMatchTheirSchemas: no example of our specs is refused by its own schema, and every resource id
// example is accepted by the path parameter that reads the resource.
func TestExamplesMatchTheirSchemas(t *testing.T) {
	for _, tg := range readTargets(t) {
		for _, p := range exampleProblems(t, tg.Spec) {
			t.Errorf("specs/%s: %s", tg.Spec, p)
		}
	}
}

// TestExampleProblemsFound: the check finds each kind of bad example in a small spec of its own.
func TestExampleProblemsFound(t *testing.T) {
	const bad = `openapi: 3.0.3
info: {title: Bad examples, version: '1'}
paths:
  /plans/{id}:
    parameters:
    - name: id
      in: path
      required: true
      schema: {type: string, minLength: 25, maxLength: 25}
      example: pln_short
    get:
      operationId: getPlan
      responses:
        '200':
          description: A plan.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Plan'}
              examples:
                plan: {value: {id: pln_test_123, status: active}}
  /cards/{card_id}:
    get:
      operationId: getCard
      parameters:
      - {name: card_id, in: path, required: true, schema: {type: string, pattern: '^crd_[a-z]{4}$'}}
      responses:
        '200':
          description: A card.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Card'}
  /orders:
    post:
      operationId: createOrder
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Order'}
            example: {amount: -1}
      responses:
        '201': {description: Created.}
components:
  schemas:
    Plan:
      type: object
      properties:
        id: {type: string}
        status: {type: string, enum: [active, deleted]}
    Card:
      type: object
      properties:
        id: {type: string}
        brand: {type: string, enum: [visa, mastercard], example: amex}
    Order:
      type: object
      properties:
        amount: {type: integer, minimum: 0}
        email: {type: string, format: email, example: not-an-email}
`
	path := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(exampleProblems(t, path), "\n")
	for _, want := range []string{
		`#/paths/~1plans~1{id}/parameters/0/example: the example of parameter id is refused by its schema`,
		`#/components/schemas/Plan: the id of example plan ("pln_test_123") is refused by the path parameter {id} of GET /plans/{id}`,
		`#/components/schemas/Card/properties/id: no example, and GET /cards/{card_id} constrains {card_id}`,
		`#/components/schemas/Card/properties/brand: example is refused by its schema`,
		`#/paths/~1orders/post/requestBody/content/application~1json/example: example is refused by its schema`,
		`#/components/schemas/Order/properties/email: example is refused by its schema`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("not found: %s\nin:\n%s", want, got)
		}
	}
}
