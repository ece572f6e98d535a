package specs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/pattern"
	"github.com/opgen-sdk/opgen/internal/spec"
	"github.com/opgen-sdk/opgen/internal/wireform"
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

// idExampleProblems lists, for the spec at path, every resource id example (the `id` property of the resource a
// GET /things/{param} returns: its own example and those of the response examples) that the path parameter
// refuses. A resource whose path parameter constrains the id (pattern, minimum length, format, enum) must give its
// `id` an example, or the mock invents one the parameter may refuse. (Examples against their own schemas: the lint's
// example-invalid rule, lint_test.go.)
func idExampleProblems(t *testing.T, path string) []string {
	t.Helper()
	d, err := spec.Load(context.Background(), path, spec.LoadOptions{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	paths := d.T.Paths.Map()
	for _, path := range sortedKeys(paths) {
		item := paths[path]
		if op := item.Get; op != nil {
			ptr := "#/paths/" + strings.ReplaceAll(strings.ReplaceAll(path, "~", "~0"), "/", "~1") + "/get"
			out = append(out, idProblems(path, item, op, ptr)...)
		}
	}
	sort.Strings(out)
	return out
}

// canonicalCopy is a copy of the example value in its canonical form (numbers as json.Number, like a request body
// the mock decodes).
func canonicalCopy(v any, s *openapi3.Schema) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var c any
	if dec.Decode(&c) != nil {
		return v
	}
	c, _ = wireform.Canonical(c, s)
	return c
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

// TestResourceIDExamples: every resource id example of our specs is accepted by the path parameter that reads the
// resource back (Culqi's legacy plans had none, and the mock invented ids GET /v2/plans/{id} refused).
func TestResourceIDExamples(t *testing.T) {
	for _, tg := range readTargets(t) {
		for _, p := range idExampleProblems(t, tg.Spec) {
			t.Errorf("specs/%s: %s", tg.Spec, p)
		}
	}
}

// TestResourceIDExampleProblemsFound: the check finds each kind of bad id example in a small spec of its own.
func TestResourceIDExampleProblemsFound(t *testing.T) {
	const bad = `openapi: 3.0.3
info: {title: Bad id examples, version: '1'}
paths:
  /plans/{id}:
    parameters:
    - name: id
      in: path
      required: true
      schema: {type: string, minLength: 25, maxLength: 25}
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
  /orders/{order_id}:
    get:
      operationId: getOrder
      parameters:
      - {name: order_id, in: path, required: true, schema: {type: string, maxLength: 45}}
      responses:
        '200':
          description: An order, whose id may be invented.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Order'}
  /customers/{customer_id}:
    get:
      operationId: getCustomer
      parameters:
      - {name: customer_id, in: path, required: true, schema: {type: string, pattern: '^cus_[a-z]{4}$'}}
      responses:
        '200':
          description: A customer.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Customer'}
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
    Order:
      type: object
      properties:
        id: {type: string}
    Customer:
      type: object
      properties:
        id: {type: string, example: cus_abcd}
`
	path := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	probs := idExampleProblems(t, path)
	got := strings.Join(probs, "\n")
	for _, want := range []string{
		`#/components/schemas/Plan: the id of example plan ("pln_test_123") is refused by the path parameter {id} of GET /plans/{id}`,
		`#/components/schemas/Card/properties/id: no example, and GET /cards/{card_id} constrains {card_id}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("not found: %s\nin:\n%s", want, got)
		}
	}
	if len(probs) != 2 {
		t.Errorf("want exactly the 2 problems above (a max length alone and a valid example are fine), got:\n%s", got)
	}
}
