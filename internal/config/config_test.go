package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func writeConfig(t *testing.T, dir, text string) string {
	t.Helper()
	p := filepath.Join(dir, "opgen.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad(t *testing.T) {
	mod := t.TempDir()
	os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/m\n\ngo 1.26\n"), 0o644)
	specs := filepath.Join(mod, "specs")
	os.MkdirAll(specs, 0o755)
	p := writeConfig(t, specs, `# yaml-language-server: $schema=https://raw.githubusercontent.com/opgen-sdk/opgen/main/docs/opgen.schema.json
targets:
  - spec: openpay-mx.yaml        # relative to this file
    package: openpaymx
    out: ../generated/openpaymx  # relative to this file
    client_name: Client
    strict: false
    lenient: true
    include: {tags: [charges], operation_ids: []}
    exclude: {tags: [], operation_ids: [deleteCard]}
    type_mapping: {"#/components/schemas/Amount": "github.com/shopspring/decimal.Decimal"}
    initialisms: [CVV, PSE]
    unicode_identifiers: true
    json_codecs: false
  - spec: sub/other.json
    package: other
    out: ../generated/other
`)
	cfg, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Targets) != 2 {
		t.Fatalf("%d targets", len(cfg.Targets))
	}
	tg := cfg.Targets[0]
	if tg.Spec != "specs/openpay-mx.yaml" || tg.SpecFile != filepath.Join(specs, "openpay-mx.yaml") ||
		tg.Out != filepath.Join(mod, "generated", "openpaymx") || tg.ImportPath != "example.com/m/generated/openpaymx" || tg.Package != "openpaymx" {
		t.Errorf("target = %+v", tg)
	}
	o := tg.Options
	if o.ClientName != "Client" || !o.Lenient || o.Strict || !slices.Equal(o.Include.Tags, []string{"charges"}) ||
		!slices.Equal(o.Exclude.OperationIDs, []string{"deleteCard"}) || o.TypeMapping["#/components/schemas/Amount"] == "" || len(o.Initialisms) != 2 || !o.UnicodeIdentifiers {
		t.Errorf("options = %+v", o)
	}
	if cfg.Targets[1].Options.UnicodeIdentifiers {
		t.Error("unicode_identifiers defaults to true; want false (ASCII names)")
	}
	if !o.NoJSONCodecs {
		t.Error("json_codecs: false did not leave the generated codecs out")
	}
	if cfg.Targets[1].Options.NoJSONCodecs {
		t.Error("json_codecs defaults to false; want true (generated codecs)")
	}
	if cfg.Targets[1].Spec != "specs/sub/other.json" {
		t.Errorf("spec 2 = %q", cfg.Targets[1].Spec)
	}
}

func TestLoadOutsideModule(t *testing.T) {
	// t.TempDir has no go.mod above it (unless /tmp is inside a module, which it is not here).
	dir := t.TempDir()
	if root, _ := moduleRoot(dir); root != "" {
		t.Skip("temp dir is inside a module")
	}
	p := writeConfig(t, dir, "targets:\n  - {spec: a/x.yaml, package: x, out: gen}\n")
	cfg, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Targets[0].Spec; got != "a/x.yaml" {
		t.Errorf("Spec = %q, want as written", got)
	}
	if filepath.IsAbs(SpecName("/abs/path/x.yaml")) {
		t.Error("SpecName returned an absolute path")
	}
}

func TestLoadErrors(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"unknown key", "targets:\n  - spec: a.yaml\n    out: gen\n    package: a\n  - spec: b.yaml\n    out: gen2\n    pakage: b\n",
			`opgen.yaml:7: unknown key "pakage" in target 2 (did you mean "package"?)`},
		{"unknown top key", "target:\n  - spec: a.yaml\n", `opgen.yaml:1: unknown key "target" at the top level (did you mean "targets"?)`},
		{"unknown filter key", "targets:\n  - spec: a.yaml\n    out: gen\n    package: a\n    include: {tag: [x]}\n", `opgen.yaml:5: unknown key "tag" in include/exclude of target 1 (did you mean "tags"?)`},
		{"missing", "targets:\n  - spec: a.yaml\n  - spec: b.yaml\n    package: b\n", "opgen.yaml:2: target 1: \"package\" is required\nopgen.yaml:2: target 1: \"out\" is required\nopgen.yaml:3: target 2: \"out\" is required"},
		{"bad package", "targets:\n  - spec: a.yaml\n    out: gen\n    package: open-pay\n", `opgen.yaml:4: target 1: package "open-pay" is not a valid Go identifier`},
		{"keyword package", "targets:\n  - {spec: a.yaml, out: gen, package: type}\n", `opgen.yaml:2: target 1: package "type" is a Go keyword, which cannot name a package: choose another name, e.g. "typeapi"`},
		{"wrong type", "targets:\n  - {spec: a.yaml, out: gen, package: a, strict: maybe}\n", `opgen.yaml:2: strict: "maybe" (a string) is not allowed here: write true or false`},
		{"long wrong value", "targets:\n  - {spec: a.yaml, out: gen, package: a, lenient: definitely-not}\n", `opgen.yaml:2: lenient: "definitely-not" (a string) is not allowed here: write true or false`},
		{"not a list", "targets:\n  - spec: a.yaml\n    out: gen\n    package: a\n    initialisms: CVV\n", `opgen.yaml:5: initialisms: "CVV" (a string) is not allowed here: write a list of strings, e.g. [CVV, PSE]`},
		{"filter a list", "targets:\n  - spec: a.yaml\n    out: gen\n    package: a\n    include: [charges]\n", `opgen.yaml:5: include: a list is not allowed here: write a mapping {tags: [...], operation_ids: [...]}`},
		{"targets a mapping", "targets:\n  spec: a.yaml\n", `opgen.yaml:2: targets: a mapping is not allowed here: write a list of targets, each a mapping with spec, package and out`},
		{"syntax", "targets:\n  - spec: [a\n", "opgen.yaml:"},
		{"empty", "", `no targets`},
		{"shared out", "targets:\n  - {spec: a.yaml, out: gen, package: a}\n  - spec: b.yaml\n    package: b\n    out: gen/.\n",
			`opgen.yaml:5: target 2: out "gen/." is also the output directory of target 1 (line 2): each target needs its own directory`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeConfig(t, dir, c.text)
			wd, _ := os.Getwd()
			os.Chdir(dir)
			defer os.Chdir(wd)
			_, err := Load("opgen.yaml")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err =\n%v\nwant it to contain\n%s", err, c.want)
			}
		})
	}
	if _, err := Load(filepath.Join(t.TempDir(), "nope.yaml")); err == nil || !strings.Contains(err.Error(), "config file not found") {
		t.Errorf("missing file: %v", err)
	}
	dir := t.TempDir()
	if _, err := Load(dir); err == nil || err.Error() != dir+": cannot read config file: is a directory; -config takes the path of an opgen.yaml file" {
		t.Errorf("directory: %v", err)
	}
}

func TestCheckSpecs(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("openapi: 3.0.3\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "d.yaml"), 0o755)
	p := writeConfig(t, dir, "targets:\n  - {spec: a.yaml, out: a, package: a}\n  - spec: sub/b.yaml\n    out: b\n    package: b\n  - {spec: d.yaml, out: d, package: d}\n")
	cfg, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	err = cfg.CheckSpecs()
	want := p + `:3: target 2: spec file "sub/b.yaml" not found (looked for ` + filepath.Join(dir, "sub", "b.yaml") + `): spec paths are relative to the config file's folder` + "\n" +
		p + `:6: target 3: spec "d.yaml" is a directory: name the OpenAPI file in it`
	if err == nil || err.Error() != want {
		t.Errorf("err =\n%v\nwant\n%s", err, want)
	}
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "b.yaml"), nil, 0o644)
	cfg.Targets = cfg.Targets[:2]
	if err := cfg.CheckSpecs(); err != nil {
		t.Errorf("all specs exist: %v", err)
	}
}

// TestSchemaMatchesStruct checks that docs/opgen.schema.json and the Go structs accept the same keys.
func TestSchemaMatchesStruct(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "opgen.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]json.RawMessage `json:"properties"`
		Defs       map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	check := func(what string, typ reflect.Type, props map[string]json.RawMessage) {
		var schemaKeys []string
		for k := range props {
			schemaKeys = append(schemaKeys, k)
		}
		slices.Sort(schemaKeys)
		goKeys := keysOf(typ)
		slices.Sort(goKeys)
		if !slices.Equal(schemaKeys, goKeys) {
			t.Errorf("%s: schema keys %v, Go keys %v", what, schemaKeys, goKeys)
		}
	}
	check("top level", reflect.TypeFor[File](), s.Properties)
	check("target", reflect.TypeFor[TargetConfig](), s.Defs["target"].Properties)
	check("filter", reflect.TypeFor[FilterConfig](), s.Defs["filter"].Properties)
}
