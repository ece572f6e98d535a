package opgen

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/internal/unused"
)

// featureSpec is a small API with one operation; extra adds paths, schemas and webhooks for one feature.
func featureSpec(paths, schemas, top string) string {
	return `openapi: 3.1.0
info: {title: Shop, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /items/{id}:
    get:
      operationId: getItem
      tags: [items]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Item"}
` + paths + `components:
  schemas:
    Item:
      type: object
      required: [id]
      properties:
        id: {type: string}
        count: {type: integer, format: int32}
` + schemas + top
}

const listPath = `  /items:
    get:
      operationId: listItems
      tags: [items]
      x-opgen-pagination: {style: offset, offset: offset, limit: limit, items: data}
      parameters:
        - {name: offset, in: query, schema: {type: integer}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {$ref: "#/components/schemas/Item"}}
`

const uploadPath = `  /uploads:
    post:
      operationId: upload
      tags: [items]
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                name: {type: string}
                file: {type: string, format: binary}
      responses:
        "204": {description: done}
`

const keyedPath = `  /orders:
    post:
      operationId: createOrder
      tags: [items]
      parameters:
        - {name: X-Request-Token, in: header, x-opgen-idempotency-key: true, schema: {type: string}}
      responses:
        "204": {description: done}
`

const webhooksTop = `webhooks:
  itemCreated:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Event"}
      responses:
        "200": {description: ok}
`

const eventSchema = `    Event:
      type: object
      x-opgen-webhook-payload: true
      required: [id, type]
      properties:
        id: {type: string}
        type: {$ref: "#/components/schemas/EventType"}
    EventType:
      type: string
      x-opgen-webhook-events: true
      enum: [item.created, item.deleted]
`

const readOnlyPath = `  /notes:
    post:
      operationId: createNote
      tags: [items]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                id: {type: string, readOnly: true}
                text: {type: string}
      responses:
        "204": {description: done}
`

// securitySchemes follows the component schemas: a basic-auth scheme.
const securitySchemes = `  securitySchemes:
    basic: {type: http, scheme: basic}
`

// runtimeFeatures lists, per feature, the runtime declarations that exist only for it.
var runtimeFeatures = map[string][]string{
	"decimal":    {"Decimal", "ParseDecimal", "MustParseDecimal", "NewDecimalFromMinorUnits"},
	"date":       {"Date", "ParseDate", "DateOf"},
	"nullable":   {"Nullable", "NewNullable", "Null"},
	"pagination": {"paginateOffset"},
	"multipart":  {"multipartBody"},
	"webhooks":   {"decodeWebhook"},
	// An API that takes no idempotency key offers no WithIdempotencyKey: it could only fail.
	"idempotency": {"WithIdempotencyKey", "opgIdempotencyKey"},
	// An API without security schemes has no credential code: no options, no Authorization header, no scrubbing
	// of credential values.
	// A body without readOnly properties is sent as encoded, with no JSON rewriting.
	"readonly": {"jsonBodyWithout", "opgStripReadOnly", "opgDropPath"},
	// Servers without {variables}: no variable options, no template expansion.
	"servervars": {"opgServerVars", "serverVariableDef", "serverVariableOption"},
	"security":   {"opgSchemes", "securitySchemeDef", "credentialOption", "opgBasicHeader", "opgCredentialSecrets", "opgSchemeOption"},
	// A request body that can hold a property redacted by name: its values are collected to scrub them from what
	// the server echoes.
	"requestsecrets": {"opgRequestSecrets"},
	// Drift of a oneOf/anyOf: which variant a payload took.
	"unions": {"opgDriftUnion", "opgDriftInAll"},
}

// bodyPath is an operation sending a body of the given media type, whose property "p" has the given schema.
func bodyPath(mediaType, prop string) string {
	return `  /things:
    post:
      operationId: createThing
      tags: [items]
      requestBody:
        required: true
        content:
          ` + mediaType + `:
            schema:
              type: object
              properties:
                name: {type: string}
                p: ` + prop + `
      responses:
        "204": {description: done}
`
}

const unionSchema = `    Shape:
      oneOf:
        - {$ref: "#/components/schemas/Item"}
        - {type: string}
`

// TestRequestSecretsByBody checks which request bodies make the package collect the values of sensitive
// properties from the body it sends (opgRequestSecrets): any that may hold a property the runtime redacts by name,
// however deep or however marked, or free-form JSON where the caller may put one; not a body without any, nor a
// sensitive property in a response only.
func TestRequestSecretsByBody(t *testing.T) {
	cardNumber := "{type: object, properties: {card: {type: object, properties: {number: {type: string}}}}}"
	cases := []struct {
		name, src string
		want      bool
	}{
		{"plain", featureSpec(bodyPath("application/json", "{type: integer}"), "", ""), false},
		{"nested card number", featureSpec(bodyPath("application/json", cardNumber), "", ""), true},
		{"camel case", featureSpec(bodyPath("application/json", "{type: object, properties: {clientSecret: {type: string}}}"), "", ""), true},
		{"format password", featureSpec(bodyPath("application/json", "{type: string, format: password}"), "", ""), true},
		{"marked sensitive", featureSpec(bodyPath("application/json", "{type: string, x-opgen-sensitive: true}"), "", ""), true},
		{"marked elsewhere", featureSpec(bodyPath("application/json", "{type: object, properties: {doc: {type: string}}}"),
			"    Person:\n      type: object\n      properties:\n        doc: {type: string, x-opgen-sensitive: true}\n", ""), true},
		{"array of them", featureSpec(bodyPath("application/json", "{type: array, items: {type: object, properties: {pin: {type: string}}}}"), "", ""), true},
		{"free-form map", featureSpec(bodyPath("application/json", "{type: object, additionalProperties: {type: string}}"), "", ""), true},
		{"any", featureSpec(bodyPath("application/json", "{}"), "", ""), true},
		{"form", featureSpec(bodyPath("application/x-www-form-urlencoded", "{type: string}"), "", ""), false},
		{"form secret", featureSpec(bodyPath("application/x-www-form-urlencoded", "{type: object, properties: {password: {type: string}}}"), "", ""), true},
		{"response only", strings.Replace(featureSpec("", "", ""), "count: {type: integer, format: int32}", "password: {type: string}", 1), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := generateSpec(t, tc.src)
			if got := topLevel(t, files)["opgRequestSecrets"]; got != tc.want {
				t.Errorf("declares opgRequestSecrets = %v, want %v", got, tc.want)
			}
			checkAllUsed(t, files)
		})
	}
}

// core is what every client keeps, whatever its spec uses.
var core = []string{"Ptr", "NewClient", "WithHTTPClient", "WithBaseURL", "APIError", "ValidationError", "ErrOutcomeUnknown", "WithResponseInfo", "ResponseInfo"}

// TestTrimRuntimeByFeature generates one spec per feature and checks that the package holds the runtime of that
// feature, and none of the others': no decimal without a decimal, no paginator without pagination.
func TestTrimRuntimeByFeature(t *testing.T) {
	cases := map[string]string{
		"none":        featureSpec("", "", ""),
		"decimal":     featureSpec("", "    Price:\n      type: object\n      properties:\n        amount: {type: string, format: decimal}\n", ""),
		"date":        featureSpec("", "    Born:\n      type: object\n      properties:\n        on: {type: string, format: date}\n", ""),
		"nullable":    featureSpec("", "    Note:\n      type: object\n      properties:\n        text: {type: [string, \"null\"]}\n", ""),
		"pagination":  featureSpec(listPath, "", ""),
		"multipart":   featureSpec(uploadPath, "", ""),
		"webhooks":    featureSpec("", eventSchema, webhooksTop),
		"idempotency": featureSpec(keyedPath, "", ""),
		"security":    featureSpec("", securitySchemes, "security: [{basic: []}]\n"),
		"readonly":    featureSpec(readOnlyPath, "", ""),
		"servervars": strings.Replace(featureSpec("", "", ""), `servers: [{url: "https://api.example.com"}]`,
			`servers: [{url: "https://{region}.example.com", variables: {region: {default: eu}}}]`, 1),
		// A JSON body without readOnly properties: none of the features above.
		"jsonbody":       featureSpec(strings.Replace(readOnlyPath, "{type: string, readOnly: true}", "{type: string}", 1), "", ""),
		"requestsecrets": featureSpec(bodyPath("application/json", "{type: object, properties: {cvv: {type: string}}}"), "", ""),
		"unions":         featureSpec("", unionSchema, ""),
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			files := generateSpec(t, src)
			decls := topLevel(t, files)
			for feature, names := range runtimeFeatures {
				for _, n := range names {
					if got, want := decls[n], feature == name; got != want {
						t.Errorf("spec using %s: declares %s = %v, want %v", name, n, got, want)
					}
				}
			}
			for _, n := range core {
				if !decls[n] {
					t.Errorf("spec using %s: %s is missing", name, n)
				}
			}
			checkAllUsed(t, files)
		})
	}
}

func generateSpec(t *testing.T, src string) map[string][]byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "api.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Generate(context.Background(), Target{Spec: path, Package: "shop", Out: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return res.Files
}

func topLevel(t *testing.T, files map[string][]byte) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	fset := token.NewFileSet()
	for name, src := range files {
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					out[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						out[s.Name.Name] = true
					case *ast.ValueSpec:
						for _, n := range s.Names {
							out[n.Name] = true
						}
					}
				}
			}
		}
	}
	return out
}

// checkAllUsed fails on any unexported declaration of the runtime copy that nothing uses (the golden tests check
// every golden case's output the same way).
func checkAllUsed(t *testing.T, files map[string][]byte) {
	t.Helper()
	problems, err := unused.Runtime(files, runtimePrefix)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
