package config

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// jsonSchema is the subset of JSON Schema docs/opgen.schema.json uses. validate refuses any keyword it does not
// know, so the schema cannot grow a rule this test silently ignores.
type jsonSchema struct {
	root *jsonSchema
	m    map[string]any
}

var annotations = map[string]bool{"$schema": true, "$id": true, "title": true, "description": true, "default": true, "examples": true, "$defs": true}

func (s jsonSchema) sub(v any) jsonSchema {
	m, _ := v.(map[string]any)
	return jsonSchema{root: s.root, m: m}
}

// validate returns the problems of v against s, each with its JSON pointer.
func (s jsonSchema) validate(v any, ptr string) []string {
	var errs []string
	fail := func(format string, a ...any) { errs = append(errs, ptr+": "+fmt.Sprintf(format, a...)) }
	for _, k := range sortedMapKeys(s.m) {
		kw := s.m[k]
		switch k {
		case "$ref":
			name, ok := strings.CutPrefix(kw.(string), "#/$defs/")
			def, found := s.root.m["$defs"].(map[string]any)[name]
			if !ok || !found {
				fail("unresolvable $ref %v", kw)
				continue
			}
			errs = append(errs, s.sub(def).validate(v, ptr)...)
		case "type":
			if !hasType(v, kw.(string)) {
				fail("%v is not of type %s", v, kw)
				return errs // the other keywords assume the type
			}
		case "properties":
			obj, _ := v.(map[string]any)
			for name, ps := range kw.(map[string]any) {
				if pv, ok := obj[name]; ok {
					errs = append(errs, s.sub(ps).validate(pv, ptr+"/"+name)...)
				}
			}
		case "additionalProperties":
			obj, _ := v.(map[string]any)
			props, _ := s.m["properties"].(map[string]any)
			for _, name := range sortedMapKeys(obj) {
				if _, ok := props[name]; ok {
					continue
				}
				switch ap := kw.(type) {
				case bool:
					if !ap {
						fail("unknown key %q", name)
					}
				case map[string]any:
					errs = append(errs, s.sub(ap).validate(obj[name], ptr+"/"+name)...)
				}
			}
		case "required":
			obj, _ := v.(map[string]any)
			for _, r := range kw.([]any) {
				if _, ok := obj[r.(string)]; !ok {
					fail("%q is required", r)
				}
			}
		case "items":
			arr, _ := v.([]any)
			for i, x := range arr {
				errs = append(errs, s.sub(kw).validate(x, fmt.Sprintf("%s/%d", ptr, i))...)
			}
		case "minItems":
			if arr, _ := v.([]any); float64(len(arr)) < kw.(float64) {
				fail("fewer than %v items", kw)
			}
		case "minLength":
			if str, ok := v.(string); ok && float64(len([]rune(str))) < kw.(float64) {
				fail("shorter than %v", kw)
			}
		case "pattern":
			if str, ok := v.(string); ok && !regexp.MustCompile(kw.(string)).MatchString(str) {
				fail("%q does not match %s", str, kw)
			}
		case "enum":
			if !slices.ContainsFunc(kw.([]any), func(e any) bool { return fmt.Sprint(e) == fmt.Sprint(v) }) {
				fail("%v is not one of %v", v, kw)
			}
		case "const":
			if fmt.Sprint(kw) != fmt.Sprint(v) {
				fail("%v is not %v", v, kw)
			}
		case "not":
			if len(s.sub(kw).validate(v, ptr)) == 0 {
				fail("matches a forbidden schema: %v", kw)
			}
		default:
			if !annotations[k] {
				fail("the test's validator does not know the keyword %q: teach it, or the test proves nothing about it", k)
			}
		}
	}
	return errs
}

func hasType(v any, typ string) bool {
	switch v.(type) {
	case map[string]any:
		return typ == "object"
	case []any:
		return typ == "array"
	case string:
		return typ == "string"
	case bool:
		return typ == "boolean"
	case int, int64, float64:
		return typ == "number" || typ == "integer"
	}
	return false // null
}

func sortedMapKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func loadSchema(t *testing.T) jsonSchema {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "opgen.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("docs/opgen.schema.json is not JSON: %v", err)
	}
	s := jsonSchema{m: m}
	s.root = &s
	return s
}

// TestSchemaAgreesWithLoad feeds the same config files to Load and to docs/opgen.schema.json: an editor must
// flag exactly the files opgen refuses, so the schema is never stricter or looser than the code. (Only what a
// schema cannot know is left out: whether two targets share an output directory, and whether the specs exist.)
func TestSchemaAgreesWithLoad(t *testing.T) {
	s := loadSchema(t)
	if errs := s.validate(map[string]any{"targets": []any{map[string]any{"spec": "a.yaml", "package": "a", "out": "a"}}}, ""); len(errs) > 0 {
		t.Fatalf("the schema refuses the smallest valid config: %v", errs)
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
			"    overlays: [names.overlay.yaml, fixes.overlay.yaml]\n", true},
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
			schemaErrs := s.validate(jsonValue(doc), "")
			_, loadErr := Load(writeConfig(t, t.TempDir(), c.text))
			if (len(schemaErrs) == 0) != c.ok || (loadErr == nil) != c.ok {
				t.Errorf("want ok=%v; schema says %v; Load says %v\n%s", c.ok, schemaErrs, loadErr, c.text)
			}
		})
	}
}

// jsonValue turns a YAML value into what encoding/json would give for the same document (float64 numbers).
func jsonValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case int:
		return float64(x)
	}
	return v
}
