package spec

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// warningLineRe is the shape every warning must have: FILE:LINE:COL: POINTER: problem.
var warningLineRe = regexp.MustCompile(`^[^:]+\.(?:ya?ml|json):\d+(?::\d+)?: (?:#\S*: )?\S`)

// policyCases: one small document per harmless problem. Each loads by default with a warning at the pointer,
// fails with Strict, and the warning is one located line.
var policyCases = []struct {
	name, file, src string
	kind            Kind
	pointer         string
}{
	{"info missing", "a.yaml", "openapi: 3.0.3\npaths: {}\n", KindInfoMissing, "#/info"},
	{"info version", "a.yaml", "openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n", KindInfoVersion, "#/info"},
	{"info title", "a.yaml", "openapi: 3.0.3\ninfo: {version: '1'}\npaths: {}\n", KindInfoTitle, "#/info"},
	{"paths missing", "a.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    Pet: {type: object}\n", KindPathsMissing, "#/paths"},
	{"components only", "a.yaml", "components:\n  schemas:\n    Pet: {type: object}\n", KindComponentsOnly, ""},
	{"components only json", "a.json", "{\"components\": {\"schemas\": {\"Pet\": {\"type\": \"object\"}}}}\n", KindComponentsOnly, ""},
	{"response description", "a.yaml", `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {content: {application/json: {schema: {type: string}}}}
`, KindResponseDesc, "#/paths/~1a/get/responses/200"},
	{"no responses", "a.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {operationId: a}\n", KindNoResponses, "#/paths/~1a/get"},
	{"ref siblings", "a.yaml", `openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A: {type: string}
    B:
      type: object
      properties:
        a: {$ref: '#/components/schemas/A'}
        c: {type: string, $recursiveRef: '#'}
`, KindRefSiblings, "#/components/schemas/B"},
	{"path param absent", "a.yaml", `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: email, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
`, KindPathParamAbsent, "#/paths/~1a~1{id}/get"},
	{"path param undeclared", "a.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a/{id}:\n    get:\n      responses: {'200': {description: ok}}\n", KindPathParamUndecl, "#/paths/~1a~1{id}/get"},
	{"path param optional", "a.yaml", `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a/{id}:
    get:
      parameters:
        - {name: id, in: path, schema: {type: string}}
      responses: {'200': {description: ok}}
`, KindPathParamOptional, "#/paths/~1a~1{id}/get/parameters/0"},
	{"same template", "a.yaml", `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get: {responses: {'200': {description: ok}}}
  /a/{name}:
    parameters: [{name: name, in: path, required: true, schema: {type: string}}]
    delete: {responses: {'204': {description: ok}}}
`, KindSameTemplate, "#/paths/~1a~1{name}"},
	{"security undefined", "a.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nsecurity: [{api_key: []}]\npaths: {}\n", KindSecurityUndefined, "#/security/0"},
	{"array without items", "a.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    L: {type: array}\n", KindArrayItems, "#/components/schemas/L"},
	{"3.1 keyword in 3.0", "a.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    K: {type: string, const: x}\n", KindNewerKeyword, "#/components/schemas/K"},
	{"3.0 form in 3.1", "a.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    N: {type: number, minimum: 0, exclusiveMinimum: true}\n", KindNewerKeyword, "#/components/schemas/N"},
	{"required twice", "a.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    R: {type: object, required: [id, id], properties: {id: {type: string}}}\n", KindRequiredDup, "#/components/schemas/R"},
	{"unquoted null type", "a.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S: {type: [string, null]}\n    T:\n      type:\n        - integer\n        - ~\n", KindNullType, "#/components/schemas/T/type"},
	{"tuple items", "a.json", `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
 "components": {"schemas": {"P": {"type": "array", "items": [{"type": "string"}, {"type": "integer"}]}}}}
`, KindTupleItems, "#/components/schemas/P/items"},
	{"pattern no engine compiles", "a.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    P: {type: string, pattern: '(unclosed'}\n", KindPattern, "#/components/schemas/P"},
	{"webhooks in 3.0", "a.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nwebhooks: {}\n", KindNewerKeyword, "#/webhooks"},
	{"default mismatch", "a.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    D: {type: string, format: date, default: 04/03/2001}\n", KindDefault, "#/components/schemas/D"},
	{"server variable default", "a.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://{host}/v1', variables: {host: {default: ''}}}]\npaths: {}\n", KindServerVarDefault, "#/servers/0/variables/host"},
	{"operation reached from two paths", "a.yaml", `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get: {operationId: getA, responses: {'200': {description: ok}}}
  /b:
    $ref: '#/paths/~1a'
`, KindOperationIDAlias, "#/paths/~1b/get/operationId"},
}

func TestPolicyWarnings(t *testing.T) {
	for _, c := range policyCases {
		t.Run(c.name, func(t *testing.T) {
			if !IsWarning(c.kind) {
				t.Fatalf("kind %s is not a warning in Policies", c.kind)
			}
			path := filepath.Join(t.TempDir(), c.file)
			if err := os.WriteFile(path, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			d, err := Load(context.Background(), path, LoadOptions{DisplayPath: "spec/" + c.file})
			if err != nil {
				t.Fatalf("default options refused it:\n%v", err)
			}
			found := false
			for _, w := range d.Warnings {
				if !warningLineRe.MatchString(w) || strings.Contains(w, "\n") {
					t.Errorf("warning is not one located line: %q", w)
				}
				if strings.Contains(w, c.pointer+": ") || c.pointer == "" {
					found = true
				}
			}
			if !found {
				t.Errorf("no warning at %s; warnings:\n%s", c.pointer, strings.Join(d.Warnings, "\n"))
			}
			_, err = Load(context.Background(), path, LoadOptions{Strict: true, DisplayPath: "spec/" + c.file})
			ps := problems(t, err)
			if !strings.Contains(ps.Error(), c.pointer) {
				t.Errorf("strict: the error does not name %s:\n%v", c.pointer, err)
			}
		})
	}
}

// The problems that make the code wrong or ambiguous stay errors by default.
func TestPolicyErrors(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"duplicate operationId", `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a: {get: {operationId: x, responses: {'200': {description: ok}}}}
  /b: {get: {operationId: x, responses: {'200': {description: ok}}}}
`, "duplicate operationId"},
		{"unknown type", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    T: {type: thing}\n", `"thing"`},
		{"not an OpenAPI document", "title: hello\n", `no top-level "openapi"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.yaml")
			if err := os.WriteFile(path, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(context.Background(), path, LoadOptions{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error with %q", err, c.want)
			}
		})
	}
}

func TestPoliciesComplete(t *testing.T) {
	seen := map[Kind]bool{}
	for _, p := range Policies {
		if seen[p.Kind] {
			t.Errorf("kind %s listed twice", p.Kind)
		}
		seen[p.Kind] = true
		if p.Why == "" {
			t.Errorf("kind %s has no reason", p.Kind)
		}
	}
}

// An ECMA-262 pattern RE2 refuses (look-ahead, back-reference) is valid: no warning at all.
func TestECMAPatternLoads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	src := "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n" +
		"    A: {type: string, pattern: '^(?!0+$)[0-9]{11}$'}\n    B: {type: string, pattern: '^(a|b)\\1$'}\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(context.Background(), path, LoadOptions{Strict: true})
	if err != nil {
		t.Fatalf("strict load refused ECMA-262 patterns:\n%v", err)
	}
	if len(d.Warnings) > 0 {
		t.Errorf("warnings: %v", d.Warnings)
	}
}

// docs/ACCEPTANCE.md lists every kind with its severity and reason, as Policies says.
func TestAcceptanceDoc(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "ACCEPTANCE.md"))
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, p := range Policies {
		sev := "error"
		if p.Warning {
			sev = "warning"
		}
		want.WriteString("| `" + string(p.Kind) + "` | " + sev + " | " + p.Why + " |\n")
	}
	if !strings.Contains(string(b), want.String()) {
		t.Errorf("docs/ACCEPTANCE.md does not hold the policy table; it should contain, in one block:\n%s", want.String())
	}
}
