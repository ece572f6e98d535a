package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

const draft2020 = "https://json-schema.org/draft/2020-12/schema"

// loadSchema compiles docs/opgen.schema.json with a full validator of the draft its $schema declares (the
// compiler also checks the schema against that draft's metaschema), so every keyword the schema uses is enforced.
func loadSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join("..", "..", "docs", "opgen.schema.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("docs/opgen.schema.json is not JSON: %v", err)
	}
	if m, _ := doc.(map[string]any); m["$schema"] != draft2020 {
		t.Fatalf("docs/opgen.schema.json declares $schema %v; the keyword check below is written for %s", m["$schema"], draft2020)
	}
	// A misspelt keyword ("minLen") is an annotation to the draft, so the schema would silently lose its rule.
	// The draft's own metaschema extended with unevaluatedProperties:false (through its $dynamicAnchor, so it
	// applies at every depth) refuses any key that is not a keyword of the draft.
	strict := jsonschema.NewCompiler()
	if err := strict.AddResource("strict.json", map[string]any{
		"$schema": draft2020, "$dynamicAnchor": "meta", "$ref": draft2020, "unevaluatedProperties": false,
	}); err != nil {
		t.Fatal(err)
	}
	if err := strict.MustCompile("strict.json").Validate(doc); err != nil {
		t.Fatalf("docs/opgen.schema.json uses a key that is not a keyword of its draft: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(path, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(path)
	if err != nil {
		t.Fatalf("docs/opgen.schema.json does not compile: %v", err)
	}
	return s
}

// TestSchemaAgreesWithLoad feeds the same config files to Load and to docs/opgen.schema.json: an editor must
// flag exactly the files opgen refuses, so the schema is never stricter or looser than the code. (Only what a
// schema cannot know is left out: whether two targets share an output directory, and whether the specs exist.)
func TestSchemaAgreesWithLoad(t *testing.T) {
	s := loadSchema(t)
	if err := s.Validate(map[string]any{"targets": []any{map[string]any{"spec": "a.yaml", "package": "a", "out": "a"}}}); err != nil {
		t.Fatalf("the schema refuses the smallest valid config: %v", err)
	}
	const head = "targets:\n  - spec: api.yaml\n    package: api\n    out: gen\n"
	cases := []struct {
		name, text string
		ok         bool
	}{
		{"minimal", head, true},
		{"every key", head + "    client_name: API\n    strict: true\n    lenient: false\n" +
			"    include: {tags: [a], operation_ids: [b]}\n    exclude: {tags: [], operation_ids: [c]}\n" +
			"    type_mapping: {\"#/components/schemas/Amount\": int64, Timestamp: time.Time}\n    initialisms: [CVV, PSE]\n" +
			"    unicode_identifiers: true\n    json_codecs: false\n    overlays: [names.overlay.yaml, fixes.overlay.yaml]\n", true},
		{"two targets", head + "  - {spec: b.yaml, package: b, out: gen2}\n", true},
		{"modeline and comments", "# yaml-language-server: $schema=../docs/opgen.schema.json\n" + head + "    # nothing else\n", true},
		{"empty include", head + "    include: {}\n", true},
		{"underscore package", "targets:\n  - {spec: a.yaml, package: my_api2, out: gen}\n", true},

		{"no targets key", "{}\n", false},
		{"empty targets", "targets: []\n", false},
		{"unknown top key", head + "verbose: true\n", false},
		{"unknown target key", head + "    pakage: api\n", false},
		{"unknown filter key", head + "    include: {tag: [a]}\n", false},
		{"missing spec", "targets:\n  - {package: a, out: gen}\n", false},
		{"missing package", "targets:\n  - {spec: a.yaml, out: gen}\n", false},
		{"missing out", "targets:\n  - {spec: a.yaml, package: a}\n", false},
		{"blank spec", "targets:\n  - {spec: '', package: a, out: gen}\n", false},
		{"spaces as out", "targets:\n  - {spec: a.yaml, package: a, out: '  '}\n", false},
		{"package with a dash", "targets:\n  - {spec: a.yaml, package: open-pay, out: gen}\n", false},
		{"package starting with a digit", "targets:\n  - {spec: a.yaml, package: 9api, out: gen}\n", false},
		{"keyword package", "targets:\n  - {spec: a.yaml, package: type, out: gen}\n", false},
		{"keyword package func", "targets:\n  - {spec: a.yaml, package: func, out: gen}\n", false},
		{"unexported client name", head + "    client_name: client\n", false},
		{"client name with a dot", head + "    client_name: API.Client\n", false},
		{"strict and lenient", head + "    strict: true\n    lenient: true\n", false},
		{"strict not a boolean", head + "    strict: maybe\n", false},
		{"initialisms not a list", head + "    initialisms: CVV\n", false},
		{"unicode_identifiers not a boolean", head + "    unicode_identifiers: yes please\n", false},
		{"json_codecs not a boolean", head + "    json_codecs: maybe\n", false},
		{"tags not a list", head + "    include: {tags: charges}\n", false},
		{"type_mapping a list", head + "    type_mapping: [int64]\n", false},
		{"overlays not a list", head + "    overlays: fixes.yaml\n", false},
		{"blank overlay", head + "    overlays: ['']\n", false},
		{"target not a mapping", "targets:\n  - api.yaml\n", false},
		{"spec a list", "targets:\n  - {spec: [a.yaml], package: a, out: gen}\n", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var doc any
			if err := yaml.Unmarshal([]byte(c.text), &doc); err != nil {
				t.Fatalf("test case is not YAML: %v", err)
			}
			if doc == nil {
				doc = map[string]any{}
			}
			schemaErr := s.Validate(doc)
			_, loadErr := Load(writeConfig(t, t.TempDir(), c.text))
			if (schemaErr == nil) != c.ok || (loadErr == nil) != c.ok {
				t.Errorf("want ok=%v; schema says %v; Load says %v\n%s", c.ok, schemaErr, loadErr, c.text)
			}
		})
	}
}
