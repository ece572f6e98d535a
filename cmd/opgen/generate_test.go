package main

// Tests of `opgen generate` through run() with the real pipeline: the report, -strict, the API change summary
// and -fail-on-breaking, and the errors a user can trigger.

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/internal/opgen"
)

// downgradeSpec has one construct opgen cannot generate exactly: `not` on Item.code.
const downgradeSpec = `openapi: 3.0.3
info: {title: Shop, version: "1.0"}
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: an item
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Item"}
components:
  schemas:
    Item:
      type: object
      required: [id]
      properties:
        id: {type: string}
        code:
          type: string
          not: {enum: [forbidden]}
`

// write writes files (name -> contents) into dir.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot reads every file in dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func TestReport(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"shop.yaml": downgradeSpec})
	spec, out, report := filepath.Join(dir, "shop.yaml"), filepath.Join(dir, "shop"), filepath.Join(dir, "report.json")
	code, stdout, stderr := runCmd(t, "generate", "-spec", spec, "-package", "shop", "-out", out, "-report", report)
	if code != 0 || !strings.HasPrefix(stdout, "shop: 1 operations, 1 types: ") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	reports, b := readReports(t, report)
	if len(reports) != 1 || reports[0].Package != "shop" || reports[0].Operations != 1 || reports[0].Types != 1 {
		t.Fatalf("report: %+v", reports)
	}
	byName := map[string]opgen.ReportEntry{}
	for _, e := range reports[0].Entries {
		byName[e.Kind+" "+e.Name] = e
		switch e.Status {
		case "exact", "downgraded", "skipped", "excluded", "not_applicable":
		default:
			t.Errorf("entry %+v: status %q", e, e.Status)
		}
		if e.Status != "exact" && e.Reason == "" {
			t.Errorf("entry %+v: no reason", e)
		}
	}
	// Every operation and schema is listed, with file:line:col and JSON pointer.
	op, ok := byName["operation getItem"]
	if !ok || op.Status != "exact" || op.GoName != "GetItem" || !strings.HasSuffix(op.Location, "shop.yaml:5:5: #/paths/~1items~1{id}/get") {
		t.Errorf("operation getItem: %+v (ok %v)\nall: %v", op, ok, slices.Collect(maps.Keys(byName)))
	}
	item, ok := byName["schema Item"]
	if !ok || item.Status != "downgraded" || !strings.HasSuffix(item.Location, "shop.yaml:17:5: #/components/schemas/Item") || !strings.Contains(item.Reason, "`not`") {
		t.Errorf("schema Item: %+v (ok %v)", item, ok)
	}
	found := false
	for _, e := range reports[0].Entries {
		if e.Status == "downgraded" && strings.HasSuffix(e.Location, "shop.yaml:24:11: #/components/schemas/Item/properties/code/not") {
			found = true
		}
	}
	if !found {
		t.Errorf("the `not` itself is not reported at shop.yaml:24:11:\n%s", b)
	}
}

func TestStrict(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"shop.yaml":   downgradeSpec,
		"pets.yaml":   petstoreV1,
		"opgen.yaml":  "targets:\n  - {spec: shop.yaml, package: shop, out: shop}\n",
		"lenient.yml": "targets:\n  - {spec: shop.yaml, package: shop, out: shop, lenient: true}\n",
	})
	out := filepath.Join(dir, "shop")
	for _, args := range [][]string{
		{"generate", "-strict", "-spec", filepath.Join(dir, "shop.yaml"), "-package", "shop", "-out", out},
		{"generate", "-strict", "-config", filepath.Join(dir, "opgen.yaml")},
		{"check", "-strict", "-spec", filepath.Join(dir, "shop.yaml"), "-package", "shop", "-out", out},
	} {
		code, stdout, stderr := runCmd(t, args...)
		for _, want := range []string{
			"opgen: shop (", "strict mode: 2 construct(s) not generated exactly",
			"shop.yaml:24:11: #/components/schemas/Item/properties/code/not: schema ItemCode downgraded: `not` cannot be expressed",
			"shop.yaml:17:5: #/components/schemas/Item: schema Item downgraded",
			"makes warnings and downgrades errors",
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, want, stderr)
			}
		}
		if code != exitFail || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q", args, code, stdout)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%v: wrote %s", args, out)
		}
	}
	// Without -strict the same spec generates (with the downgrade in the report); a spec without downgrades
	// passes -strict.
	if code, _, stderr := runCmd(t, "generate", "-config", filepath.Join(dir, "opgen.yaml")); code != 0 {
		t.Errorf("without -strict: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCmd(t, "generate", "-strict", "-spec", filepath.Join(dir, "pets.yaml"), "-package", "pets", "-out", filepath.Join(dir, "pets")); code != 0 {
		t.Errorf("-strict on an exact spec: exit %d\n%s", code, stderr)
	}
	code, _, stderr := runCmd(t, "generate", "-strict", "-config", filepath.Join(dir, "lenient.yml"))
	if code != exitUsage || !strings.Contains(stderr, "-strict cannot be used with target 1 (package shop), which sets lenient: true") {
		t.Errorf("-strict with a lenient target: exit %d\n%s", code, stderr)
	}
}

const petstoreV1 = `openapi: 3.0.3
info: {title: Petstore, version: "1.0"}
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, schema: {type: integer, format: int32}}
      responses:
        "200":
          description: the pets
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
  /pets/{petId}:
    get:
      operationId: showPetById
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: a pet
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer, format: int64}
        name: {type: string}
        tag: {type: string}
`

func TestAPIChanges(t *testing.T) {
	dir := t.TempDir()
	spec, out := filepath.Join(dir, "pets.yaml"), filepath.Join(dir, "pets")
	args := []string{"generate", "-spec", spec, "-package", "pets", "-out", out}
	write(t, dir, map[string]string{"pets.yaml": petstoreV1})
	// A new package: no API summary.
	code, stdout, stderr := runCmd(t, append(args, "-fail-on-breaking")...)
	if code != 0 || strings.Contains(stdout, "API changes") {
		t.Fatalf("first generate: exit %d\n%s%s", code, stdout, stderr)
	}
	v1 := snapshot(t, out)

	// Rename a field and remove an operation.
	v2 := strings.Replace(petstoreV1, "required: [id, name]", "required: [id, full_name]", 1)
	v2 = strings.Replace(v2, "        name: {type: string}", "        full_name: {type: string}", 1)
	v2 = v2[:strings.Index(v2, "  /pets/{petId}:")] + v2[strings.Index(v2, "components:"):]
	write(t, dir, map[string]string{"pets.yaml": v2})
	code, stdout, stderr = runCmd(t, append(args, "-fail-on-breaking")...)
	wantBreaking := []string{
		"pets: API changes: 2 breaking, 0 compatible\n",
		"  BREAKING removed method (*Client).ShowPetByID(ctx context.Context, petID string, opts ...RequestOption) (*Pet, error)\n",
		"  BREAKING renamed field Pet.Name -> Pet.FullName: string `json:\"name\"` -> string `json:\"full_name\"`\n",
	}
	for _, want := range wantBreaking {
		if !strings.Contains(stdout, want) {
			t.Errorf("-fail-on-breaking: stdout lacks %q:\n%s", want, stdout)
		}
	}
	if code != exitFail || !strings.Contains(stderr, "opgen: generate: 2 breaking API change(s), marked BREAKING above; nothing was written (-fail-on-breaking)") ||
		!strings.Contains(stderr, "x-go-name") {
		t.Errorf("-fail-on-breaking: exit %d\nstderr:\n%s", code, stderr)
	}
	if got := snapshot(t, out); !maps.Equal(got, v1) {
		t.Error("-fail-on-breaking changed the output directory")
	}

	// Without the flag the package is rewritten and the summary printed.
	code, stdout, stderr = runCmd(t, args...)
	if code != 0 || !strings.HasPrefix(stdout, "pets: 1 operations, 2 types: ") {
		t.Fatalf("generate: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range wantBreaking {
		if !strings.Contains(stdout, want) {
			t.Errorf("generate: stdout lacks %q:\n%s", want, stdout)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "models_gen.go")); !strings.Contains(string(b), "FullName") {
		t.Error("models_gen.go was not rewritten")
	}

	// A compatible change (a new optional field) passes -fail-on-breaking and is listed.
	v3 := strings.Replace(v2, "        tag: {type: string}", "        tag: {type: string}\n        age: {type: integer, format: int32}", 1)
	write(t, dir, map[string]string{"pets.yaml": v3})
	code, stdout, stderr = runCmd(t, append(args, "-fail-on-breaking")...)
	if code != 0 || !strings.Contains(stdout, "pets: API changes: 0 breaking, 1 compatible\n           added field Pet.Age Opt[int32] `json:\"age,omitzero\"`\n") {
		t.Errorf("compatible change: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	// Regenerating the same spec: nothing to report.
	if code, stdout, _ = runCmd(t, append(args, "-fail-on-breaking")...); code != 0 || strings.Contains(stdout, "API changes") {
		t.Errorf("unchanged: exit %d\n%s", code, stdout)
	}

	// Existing generated files that do not parse: a warning without the flag, an error with it.
	os.WriteFile(filepath.Join(out, "broken_gen.go"), []byte("// Code generated by opgen from x. DO NOT EDIT.\n\npackage pets\n\nfunc {\n"), 0o644)
	code, _, stderr = runCmd(t, append(args, "-fail-on-breaking")...)
	if code != exitFail || !strings.Contains(stderr, "opgen: pets: cannot compare with the API generated before: broken_gen.go:5:6:") ||
		!strings.Contains(stderr, "fix or delete the existing generated files in "+out) {
		t.Errorf("broken file, -fail-on-breaking: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "broken_gen.go")); err != nil {
		t.Error("-fail-on-breaking removed a file although it failed")
	}
	code, _, stderr = runCmd(t, args...)
	if code != 0 || !strings.Contains(stderr, "opgen: warning: pets: API changes not listed") {
		t.Errorf("broken file: exit %d\n%s", code, stderr)
	}
}

// TestFailOnBreakingAllTargets: a breaking change in one target keeps every target from being written.
func TestFailOnBreakingAllTargets(t *testing.T) {
	consts := map[string]string{"a": "const A = 1\n", "b": "const B = 1\n"}
	withGenerate(t, func(_ context.Context, t opgen.Target) (*opgen.Result, error) {
		src := "// Code generated by opgen from " + t.Spec + ". DO NOT EDIT.\n\npackage " + t.Package + "\n\n" + consts[t.Package]
		return &opgen.Result{Files: map[string][]byte{"c_gen.go": []byte(src)}, Report: opgen.Report{Package: t.Package}}, nil
	})
	dir := t.TempDir()
	write(t, dir, map[string]string{"s.yaml": "x", "opgen.yaml": "targets:\n  - {spec: s.yaml, package: a, out: a}\n  - {spec: s.yaml, package: b, out: b}\n"})
	cfg := filepath.Join(dir, "opgen.yaml")
	if code, _, stderr := runCmd(t, "generate", "-config", cfg); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	a := snapshot(t, filepath.Join(dir, "a"))
	consts["a"] = "const A = 1\n\nconst A2 = 2\n" // compatible
	consts["b"] = "const B = 2\n"                 // breaking
	code, stdout, stderr := runCmd(t, "generate", "-config", cfg, "-fail-on-breaking")
	if code != exitFail || stdout != "a: API changes: 0 breaking, 1 compatible\n           added const A2 = 2\n"+
		"b: API changes: 1 breaking, 0 compatible\n  BREAKING changed const B: = 1 -> = 2\n" ||
		!strings.Contains(stderr, "1 breaking API change(s)") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !maps.Equal(snapshot(t, filepath.Join(dir, "a")), a) {
		t.Error("target a was written although target b has a breaking change")
	}
}

// TestUserErrors drives every error a user can make through run(): each message says what is wrong, where, and
// what to do.
func TestUserErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"pets.yaml":        petstoreV1,
		"syntax.yaml":      "openapi: 3.0.3\ninfo: {title: t, version: \"1\"\npaths: {}\n",
		"invalid.yaml":     "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses: {\"200\": {description: ok, content: {application/json: {schema: {type: strin}}}}}\n",
		"notapi.yaml":      "hello: world\n",
		"ref.yaml":         "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses: {\"200\": {description: ok, content: {application/json: {schema: {$ref: \"#/components/schemas/Nope\"}}}}}\n",
		"afile":            "not a directory",
		"specdir/x":        "",
		"typo.yaml":        "targets:\n  - spec: pets.yaml\n    package: pets\n    out: out\n    clientname: Pets\n",
		"nopkg.yaml":       "targets:\n  - spec: pets.yaml\n    out: out\n",
		"nospec.yaml":      "targets:\n  - spec: pets.yaml\n    package: pets\n    out: out\n  - spec: nope.yaml\n    package: nope\n    out: nope\n",
		"sameout.yaml":     "targets:\n  - spec: pets.yaml\n    package: a\n    out: gen\n  - spec: pets.yaml\n    package: b\n    out: ./gen/\n",
		"badpkg.yaml":      "targets:\n  - spec: pets.yaml\n    package: open-pay\n    out: out\n",
		"confdir/.keep":    "",
		"emptyconfig.yaml": "# nothing yet\n",
	})
	p := func(name string) string { return filepath.Join(dir, name) }
	cases := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"missing spec file", []string{"generate", "-spec", p("nope.yaml"), "-package", "a", "-out", p("o")}, exitFail,
			[]string{"nope.yaml: spec file not found", "check the path"}},
		{"spec is a directory", []string{"generate", "-spec", p("specdir"), "-package", "a", "-out", p("o")}, exitFail,
			[]string{"specdir: cannot read spec file", "is a directory"}},
		{"YAML syntax", []string{"generate", "-spec", p("syntax.yaml"), "-package", "a", "-out", p("o")}, exitFail,
			[]string{"opgen: a (", "syntax.yaml:", "generation failed"}},
		{"invalid spec", []string{"generate", "-spec", p("invalid.yaml"), "-package", "a", "-out", p("o")}, exitFail,
			[]string{"invalid.yaml:6:", `unsupported 'type' value "strin"`, "use one of string"}},
		{"broken $ref", []string{"generate", "-spec", p("ref.yaml"), "-package", "a", "-out", p("o")}, exitFail,
			[]string{"ref.yaml:6:", "#/components/schemas/Nope"}},
		{"not OpenAPI", []string{"generate", "-spec", p("notapi.yaml"), "-package", "a", "-out", p("o")}, exitFail,
			[]string{"notapi.yaml:1:1: not an OpenAPI document", `no top-level "openapi"`}},
		{"output under a file", []string{"generate", "-spec", p("pets.yaml"), "-package", "a", "-out", p("afile/sub")}, exitFail,
			[]string{"cannot create output directory " + p("afile/sub"), "not a directory", "check the -out path"}},
		{"output is a file", []string{"generate", "-spec", p("pets.yaml"), "-package", "a", "-out", p("afile")}, exitFail,
			[]string{"cannot create output directory " + p("afile"), "check the -out path"}},
		{"report in a missing folder", []string{"generate", "-spec", p("pets.yaml"), "-package", "a", "-out", p("o"), "-report", p("no/r.json")}, exitFail,
			[]string{"cannot write report " + p("no/r.json"), "no such file or directory", "check -report"}},
		{"missing -package", []string{"generate", "-spec", p("pets.yaml"), "-out", p("o")}, exitUsage,
			[]string{"missing -package", "e.g. -package pets", "run 'opgen generate -h'"}},
		{"bad value", []string{"generate", "-spec"}, exitUsage, []string{"flag needs an argument: -spec", "run 'opgen generate -h'"}},
		{"-fail-on-breaking is generate's", []string{"check", "-fail-on-breaking", "-config", p("typo.yaml")}, exitUsage,
			[]string{"opgen: check: flag provided but not defined: -fail-on-breaking"}},
		{"-lenient with -config", []string{"generate", "-lenient", "-config", p("typo.yaml")}, exitUsage,
			[]string{`-lenient cannot be used with -config: set "lenient" in the config file's target instead`}},
		{"-unicode-identifiers with -config", []string{"generate", "-unicode-identifiers", "-config", p("typo.yaml")}, exitUsage,
			[]string{`-unicode-identifiers cannot be used with -config: set "unicode_identifiers" in the config file's target instead`}},
		{"-json-codecs with -config", []string{"generate", "-json-codecs=false", "-config", p("typo.yaml")}, exitUsage,
			[]string{`-json-codecs cannot be used with -config: set "json_codecs" in the config file's target instead`}},
		{"config is a directory", []string{"generate", "-config", p("confdir")}, exitFail,
			[]string{p("confdir") + ": cannot read config file", "-config takes the path of an opgen.yaml file"}},
		{"config typo", []string{"generate", "-config", p("typo.yaml")}, exitFail,
			[]string{p("typo.yaml") + `:5: unknown key "clientname" in target 1 (did you mean "client_name"?)`}},
		{"config without package", []string{"generate", "-config", p("nopkg.yaml")}, exitFail,
			[]string{p("nopkg.yaml") + `:2: target 1: "package" is required`}},
		{"config bad package", []string{"check", "-config", p("badpkg.yaml")}, exitFail,
			[]string{p("badpkg.yaml") + `:3: target 1: package "open-pay" is not a valid Go identifier`, `e.g. "openpay"`}},
		{"config spec not found", []string{"generate", "-config", p("nospec.yaml")}, exitFail,
			[]string{p("nospec.yaml") + `:5: target 2: spec file "nope.yaml" not found (looked for ` + p("nope.yaml") + `)`, "relative to the config file's folder"}},
		{"config shared output", []string{"generate", "-config", p("sameout.yaml")}, exitFail,
			[]string{p("sameout.yaml") + `:7: target 2: out "./gen/" is also the output directory of target 1 (line 2)`, "each target needs its own directory"}},
		{"misspelled flag", []string{"generate", "-spc", p("pets.yaml"), "-package", "a", "-out", p("o")}, exitUsage,
			[]string{"flag provided but not defined: -spc (did you mean -spec?)"}},
		{"misspelled flag, two dashes", []string{"check", "--pakage", "a"}, exitUsage,
			[]string{"(did you mean -package?)"}},
		{"spec given to -config", []string{"generate", "-config", p("pets.yaml")}, exitFail,
			[]string{p("pets.yaml") + `:1: this is an OpenAPI spec (it has "openapi"), not an opgen config file`, "-spec " + p("pets.yaml")}},
		{"config given to -spec", []string{"generate", "-spec", p("typo.yaml"), "-package", "a", "-out", p("o")}, exitFail,
			[]string{"typo.yaml:1:1: this is an opgen config file", "pass it with -config"}},
		{"two positional specs", []string{"generate", p("pets.yaml"), p("ref.yaml"), "-package", "a", "-out", p("o")}, exitUsage,
			[]string{`unexpected argument "` + p("ref.yaml") + `": give one spec`}},
		{"positional and -spec", []string{"generate", p("pets.yaml"), "-spec", p("ref.yaml"), "-package", "a", "-out", p("o")}, exitUsage,
			[]string{"two specs"}},
		{"positional and -config", []string{"generate", p("pets.yaml"), "-config", p("typo.yaml")}, exitUsage,
			[]string{"-config cannot be used together"}},
		{"empty config", []string{"generate", "-config", p("emptyconfig.yaml")}, exitFail,
			[]string{p("emptyconfig.yaml") + `:1: no targets: add "targets:"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d", code, c.code)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q", w)
				}
			}
			if !strings.HasPrefix(stderr, "opgen: ") {
				t.Errorf("stderr does not start with \"opgen: \"")
			}
			if t.Failed() {
				t.Logf("opgen %s\nstdout:\n%s\nstderr:\n%s", strings.Join(c.args, " "), stdout, stderr)
			}
		})
	}
	// Nothing was written by any of them (the report case fails before the output directory is touched).
	for _, name := range []string{"o", "out", "gen", "nope"} {
		if _, err := os.Stat(p(name)); err == nil {
			t.Errorf("%s was created", name)
		}
	}
}

// TestUnwritableOutput makes the output directory read-only (meaningless as root, who can write anywhere).
func TestUnwritableOutput(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions; TestUserErrors covers an output path under a file")
	}
	dir := t.TempDir()
	write(t, dir, map[string]string{"pets.yaml": petstoreV1})
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o755) })
	code, _, stderr := runCmd(t, "generate", "-spec", filepath.Join(dir, "pets.yaml"), "-package", "pets", "-out", ro)
	if code != exitFail || !strings.Contains(stderr, "cannot write "+filepath.Join(ro, "")) || !strings.Contains(stderr, "permission denied") ||
		!strings.Contains(stderr, "make the output directory writable") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}

// Operations the config excludes are the user's decision, not a loss: -strict accepts them, and the report
// lists them as excluded.
func TestStrictAcceptsExcludedOperations(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"pets.yaml":  petstoreV1,
		"opgen.yaml": "targets:\n  - spec: pets.yaml\n    package: pets\n    out: pets\n    strict: true\n    exclude: {operation_ids: [showPetById]}\n",
	})
	report := filepath.Join(dir, "report.json")
	code, _, stderr := runCmd(t, "generate", "-config", filepath.Join(dir, "opgen.yaml"), "-report", report)
	if code != 0 {
		t.Fatalf("strict with an exclusion: exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"status": "excluded"`) && !strings.Contains(string(b), `"status":"excluded"`) {
		t.Errorf("report does not list the excluded operation:\n%s", b)
	}
}

// TestConfigOptions generates from a config file that sets every target option and checks that each one
// reaches the code: client_name, include and exclude (listed as excluded in the report), type_mapping and
// initialisms.
func TestConfigOptions(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"api.yaml": `openapi: 3.0.3
info: {title: Shop, version: "1.0"}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      responses:
        "200":
          description: the pets
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
  /pets/{id}:
    delete:
      operationId: deletePet
      tags: [pets]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "204": {description: deleted}
  /owners:
    get:
      operationId: listOwners
      tags: [owners]
      responses:
        "200": {description: the owners, content: {application/json: {schema: {type: array, items: {type: string}}}}}
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id: {type: string}
        pet_cvv: {type: string}
        age: {$ref: "#/components/schemas/Age"}
    Age: {type: integer}
`,
		"opgen.yaml": `# yaml-language-server: $schema=../docs/opgen.schema.json
targets:
  - spec: api.yaml
    package: shop
    out: shop
    client_name: ShopClient
    include: {tags: [pets]}
    exclude: {operation_ids: [deletePet]}
    type_mapping: {Age: time.Duration}
    initialisms: [CVV]
`,
	})
	report := filepath.Join(dir, "report.json")
	code, stdout, stderr := runCmd(t, "generate", "-config", filepath.Join(dir, "opgen.yaml"), "-report", report)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.HasPrefix(stdout, "shop: 1 operations, ") {
		t.Errorf("summary %q, want 1 operation (listPets: listOwners is not included, deletePet is excluded)", stdout)
	}
	src := ""
	for name, text := range snapshot(t, filepath.Join(dir, "shop")) {
		if strings.HasSuffix(name, "_gen.go") && !strings.HasPrefix(name, "runtime_") {
			src += text
		}
	}
	for _, want := range []string{
		"type ShopClient struct",                         // client_name
		"func (s *PetsService) List(ctx",                 // included
		"Age *time.Duration `json:\"age,omitempty\"`",    // type_mapping
		"PetCVV Opt[string] `json:\"pet_cvv,omitzero\"`", // initialisms
	} {
		if !strings.Contains(src, want) {
			t.Errorf("the generated code lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Owners", "Delete("} {
		if strings.Contains(src, unwanted) {
			t.Errorf("the generated code has %q, which the config leaves out", unwanted)
		}
	}
	reports, b := readReports(t, report)
	if len(reports) != 1 {
		t.Fatalf("report: %d targets, want 1\n%s", len(reports), b)
	}
	status := map[string]string{}
	for _, e := range reports[0].Entries {
		status[e.Kind+" "+e.Name] = e.Status
	}
	for k, want := range map[string]string{"operation listPets": "exact", "operation listOwners": "excluded",
		"operation deletePet": "excluded", "schema Pet": "exact", "schema Age": "exact"} {
		if status[k] != want {
			t.Errorf("report: %s is %q, want %q (all: %v)", k, status[k], want, status)
		}
	}
}

// TestJSONCodecsSwitch: the generated decoders are on by default, and -json-codecs=false or the config's
// json_codecs: false leaves them out while the response types still keep their unknown members.
func TestJSONCodecsSwitch(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"api.yaml": `openapi: 3.0.3
info: {title: Shop, version: "1.0"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: the pets
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id: {type: string}
`,
		"on.yaml":  "targets:\n  - {spec: api.yaml, package: shop, out: conf-on, json_codecs: true}\n",
		"off.yaml": "targets:\n  - {spec: api.yaml, package: shop, out: conf-off, json_codecs: false}\n",
	})
	source := func(out string) string {
		src := ""
		for name, text := range snapshot(t, filepath.Join(dir, out)) {
			if strings.HasSuffix(name, "_gen.go") {
				src += text
			}
		}
		return src
	}
	for _, c := range []struct {
		args   []string
		out    string
		codecs bool
	}{
		{[]string{"generate", "-spec", filepath.Join(dir, "api.yaml"), "-package", "shop", "-out", filepath.Join(dir, "default")}, "default", true},
		{[]string{"generate", "-json-codecs=false", "-spec", filepath.Join(dir, "api.yaml"), "-package", "shop", "-out", filepath.Join(dir, "flag-off")}, "flag-off", false},
		{[]string{"generate", "-config", filepath.Join(dir, "on.yaml")}, "conf-on", true},
		{[]string{"generate", "-config", filepath.Join(dir, "off.yaml")}, "conf-off", false},
	} {
		if code, stdout, stderr := runCmd(t, c.args...); code != exitOK {
			t.Fatalf("%v: exit %d\n%s%s", c.args, code, stdout, stderr)
		}
		src := source(c.out)
		if got := strings.Contains(src, "func (v *Pet) opgDecodeJSON("); got != c.codecs {
			t.Errorf("%v: generated decoder of Pet present = %v, want %v", c.args, got, c.codecs)
		}
		if !strings.Contains(src, "func (v Pet) UnknownFields() map[string]json.RawMessage") {
			t.Errorf("%v: Pet lost its UnknownFields: both ways keep the unknown members", c.args)
		}
	}
}

// TestReportListsInlineTypes: an inline schema that becomes a type of its own (an enum property, an object in
// an array) has its entry in the report, at its own line, so every type the summary counts is accounted for.
func TestReportListsInlineTypes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"shop.yaml": `openapi: 3.0.3
info: {title: Shop, version: "1"}
paths:
  /orders:
    get:
      operationId: listOrders
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Order'}
components:
  schemas:
    Order:
      type: object
      properties:
        status:
          type: string
          enum: [open, paid]
        lines:
          type: array
          items:
            type: object
            properties:
              sku: {type: string}
`})
	report := filepath.Join(dir, "report.json")
	if code, stdout, stderr := runCmd(t, "generate", "-spec", filepath.Join(dir, "shop.yaml"), "-package", "shop", "-out", filepath.Join(dir, "shop"), "-report", report); code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	reports, b := readReports(t, report)
	schemas := map[string]string{} // Go name -> location
	for _, e := range reports[0].Entries {
		if e.Kind == "schema" {
			if _, dup := schemas[e.GoName]; dup {
				t.Errorf("%s listed twice:\n%s", e.GoName, b)
			}
			schemas[e.GoName] = e.Location
		}
	}
	want := map[string]string{
		"Order":          "shop.yaml:17:5: #/components/schemas/Order",
		"OrderStatus":    "shop.yaml:20:9: #/components/schemas/Order/properties/status",
		"OrderLinesItem": "shop.yaml:25:11: #/components/schemas/Order/properties/lines/items",
	}
	for name, loc := range want {
		if !strings.HasSuffix(schemas[name], loc) {
			t.Errorf("schema %s: location %q, want ...%s\nreport:\n%s", name, schemas[name], loc, b)
		}
	}
	if len(schemas) != reports[0].Types-1 { // the ListOrders parameter struct is the operation's, not a schema
		t.Errorf("%d schema entries for %d types:\n%s", len(schemas), reports[0].Types, b)
	}
}

// readReports reads a -report file, failing the test when it is missing or not a JSON list of reports; the raw
// bytes come back for failure messages.
func readReports(t *testing.T, path string) ([]opgen.Report, []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var reports []opgen.Report
	if err := json.Unmarshal(b, &reports); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, b)
	}
	return reports, b
}

// The spec may come first without -spec, as with the peers (opgen generate api.yaml -package api -out ./api), and
// flags may follow it.
func TestPositionalSpec(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"pets.yaml": petstoreV1})
	out := filepath.Join(dir, "pets")
	code, stdout, stderr := runCmd(t, "generate", filepath.Join(dir, "pets.yaml"), "-package", "pets", "-out", out)
	if code != exitOK || !strings.Contains(stdout, "pets: ") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "client_gen.go")); err != nil {
		t.Errorf("nothing generated: %v", err)
	}
	code, stdout, stderr = runCmd(t, "check", "-package", "pets", filepath.Join(dir, "pets.yaml"), "-out", out)
	if code != exitOK || !strings.Contains(stdout, "up to date") {
		t.Errorf("check with the spec between flags: exit %d\n%s%s", code, stdout, stderr)
	}
}

// The first line printed names the first cause, located; what failed is said after every problem.
func TestFirstLineIsTheCause(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"bad.yaml": "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: strin}\n    B: {type: money}\n",
	})
	_, _, stderr := runCmd(t, "generate", "-spec", filepath.Join(dir, "bad.yaml"), "-package", "bad", "-out", filepath.Join(dir, "o"))
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 3 || !regexp.MustCompile(`^opgen: \S*bad\.yaml:6:\d+: #/components/schemas/A: unsupported 'type' value "strin": use one of`).MatchString(lines[0]) ||
		!strings.Contains(lines[2], "generation failed") {
		t.Errorf("stderr:\n%s\nwant the first problem first (bad.yaml:6), then the second, then the summary", stderr)
	}
}

// The output folder is safe: a user's file under a name opgen writes, or declaring a name the generated code
// declares, stops generation before anything is written, naming both places.
func TestOutputFolderGuard(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"pets.yaml":       petstoreV1,
		"a/models_gen.go": "package pets\n\n// my own models\n",
		"b/helpers.go":    "package pets\n\nfunc Ptr(s string) *string { return &s }\n",
		"c/main.go":       "package main\n\nfunc main() {}\n",
	})
	for _, c := range []struct{ out, want string }{
		{"a", "models_gen.go: this file was not written by opgen"},
		{"b", "helpers.go:3:6: Ptr is also declared by the generated code at"},
		{"c", "main.go:1:9: package main, but the generated code is package pets"},
	} {
		out := filepath.Join(dir, c.out)
		before, _ := os.ReadDir(out)
		code, _, stderr := runCmd(t, "generate", filepath.Join(dir, "pets.yaml"), "-package", "pets", "-out", out)
		if code != exitFail || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "nothing was written") {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant exit 1 and %q", c.out, code, stderr, c.want)
		}
		if after, _ := os.ReadDir(out); len(after) != len(before) {
			t.Errorf("%s: files were written: %d before, %d after", c.out, len(before), len(after))
		}
	}
}
