package spec

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opgen-sdk/opgen/internal/shared"
)

func load(t *testing.T, name string, opts LoadOptions) (*Doc, error) {
	t.Helper()
	return Load(context.Background(), filepath.Join("testdata", name), opts)
}

func mustLoad(t *testing.T, name string) *Doc {
	t.Helper()
	d, err := load(t, name, LoadOptions{})
	if err != nil {
		t.Fatalf("Load(%s): %v", name, err)
	}
	return d
}

func problems(t *testing.T, err error) Problems {
	t.Helper()
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error is %T (%v), want Problems", err, err)
	}
	return ps
}

func TestLoadValid30(t *testing.T) {
	d := mustLoad(t, "v30.yaml")
	if d.Version != "3.0.3" || d.T.Paths.Value("/pets/{id}") == nil || d.T.Components.Schemas["Pet"] == nil {
		t.Fatalf("unexpected doc: version %q", d.Version)
	}
	if l, c := d.Position("#/paths/~1pets~1{id}/get/parameters/0"); l != 8 || c != 11 {
		t.Errorf("Position = %d:%d, want 8:11", l, c)
	}
	if l, _ := d.Position("#/components/schemas/Pet/properties/name"); l != 20 {
		t.Errorf("Position(name) line = %d, want 20", l)
	}
	// Through a local $ref: the response schema's properties are found in the component.
	if l, _ := d.Position("#/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema/properties/name"); l != 20 {
		t.Errorf("Position through $ref line = %d, want 20", l)
	}
	if l, c := d.Position("#/nope"); l != 0 || c != 0 {
		t.Errorf("Position(#/nope) = %d:%d, want 0:0", l, c)
	}
}

func TestLoadValid31(t *testing.T) {
	d := mustLoad(t, "v31.yaml")
	if !d.T.IsOpenAPI31OrLater() || d.Version != "3.1.0" {
		t.Fatalf("not 3.1: %q", d.Version)
	}
	pet := d.T.Components.Schemas["Pet"].Value
	name := pet.Properties["name"].Value
	if name.Type == nil || !name.Type.Includes("null") || !name.Type.Includes("string") {
		t.Errorf("type array not loaded: %v", name.Type)
	}
	if pet.Properties["kind"].Value.Const == nil {
		t.Errorf("const not loaded")
	}
	if len(pet.Properties["age"].Value.Examples) != 2 {
		t.Errorf("examples not loaded")
	}
	if d.T.Webhooks["newPet"] == nil || d.T.Webhooks["newPet"].Post == nil {
		t.Errorf("webhooks not loaded")
	}
}

func TestLoadValid32(t *testing.T) {
	d := mustLoad(t, "v32.yaml")
	if !d.T.IsOpenAPI32OrLater() {
		t.Fatalf("not 3.2")
	}
}

func TestLoadSwagger2(t *testing.T) {
	d := mustLoad(t, "v20.yaml")
	if d.Version != "2.0" || d.T.Components.Schemas["Pet"] == nil || d.T.Paths.Value("/pets").Get == nil {
		t.Fatalf("conversion incomplete")
	}
	if len(d.T.Servers) == 0 || !strings.Contains(d.T.Servers[0].URL, "api.example.com/v1") {
		t.Errorf("servers = %v", d.T.Servers)
	}
	// Pointers into the converted document map back to the 2.0 source.
	if l, _ := d.Position("#/components/schemas/Pet"); l != 17 {
		t.Errorf("Position(#/components/schemas/Pet) line = %d, want 17", l)
	}
}

func TestLoadExternalRef(t *testing.T) {
	d := mustLoad(t, "external.yaml")
	s := d.T.Paths.Value("/pets").Get.Responses.Value("200").Value.Content["application/json"].Schema
	if s.Value == nil || s.Value.Properties["name"] == nil {
		t.Fatalf("external $ref not resolved")
	}
}

func TestLoadRemoteRefRefused(t *testing.T) {
	_, err := load(t, "remote.yaml", LoadOptions{})
	if err == nil {
		t.Fatal("remote $ref loaded")
	}
	ps := problems(t, err)
	if !strings.Contains(err.Error(), "remote $ref refused") || ps[0].Line != 12 {
		t.Errorf("got %v (line %d), want a refusal at line 12", err, ps[0].Line)
	}
}

func TestLoadThreeErrors(t *testing.T) {
	_, err := load(t, "three_errors.yaml", LoadOptions{DisplayPath: "specs/three.yaml", Strict: true})
	ps := problems(t, err)
	t.Logf("\n%v", err)
	want := []struct {
		line    int
		pointer string
		text    string
	}{
		{5, "#/paths/~1pets~1{id}/get", `path parameter "id"`},
		{6, "#/paths/~1pets~1{id}/get/operationId", `duplicate operationId "getPet": also used at specs/three.yaml:11:7`},
		{16, "#/components/schemas/Pet", `thing`},
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(want), err)
	}
	for i, w := range want {
		p := ps[i]
		if p.File != "specs/three.yaml" || p.Line != w.line || p.Pointer != w.pointer || !strings.Contains(p.Message, w.text) {
			t.Errorf("problem %d = %s\nwant line %d, pointer %s, text %q", i, p, w.line, w.pointer, w.text)
		}
	}
	// Lenient: the same problems become warnings.
	d, err := load(t, "three_errors.yaml", LoadOptions{Lenient: true})
	if err != nil || len(d.Warnings) != 3 {
		t.Fatalf("lenient: err %v, %d warnings", err, len(d.Warnings))
	}
	// Default: the undeclared path parameter is a warning (a string argument), the other two stay errors.
	d, err = load(t, "three_errors.yaml", LoadOptions{})
	if ps := problems(t, err); len(ps) != 2 || d != nil {
		t.Fatalf("default: want 2 errors, got %v", err)
	}
}

func TestLoadSyntaxError(t *testing.T) {
	_, err := load(t, "syntax.yaml", LoadOptions{})
	ps := problems(t, err)
	if len(ps) != 1 || ps[0].Line != 4 || !strings.Contains(ps[0].Message, "syntax error") {
		t.Errorf("got %v, want a syntax error at line 4", err)
	}
	_, err = load(t, "syntax.json", LoadOptions{})
	ps = problems(t, err)
	if len(ps) != 1 || ps[0].Line != 3 || ps[0].Col == 0 {
		t.Errorf("got %v (%d:%d), want a syntax error at line 3 with a column", err, ps[0].Line, ps[0].Col)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := load(t, "nope.yaml", LoadOptions{})
	ps := problems(t, err)
	if !strings.Contains(ps[0].String(), "nope.yaml: spec file not found") {
		t.Errorf("got %v", err)
	}
}

// Every problem is one line, FILE:LINE:COL: POINTER: message: kin-openapi's schema dump is cut, and a server
// variable without a default is reported at the variable, not at the server as "default is required in {}".
func TestProblemsOneLine(t *testing.T) {
	_, err := load(t, "one_line.yaml", LoadOptions{Strict: true})
	ps := problems(t, err)
	want := []struct {
		line    int
		pointer string
		text    string
	}{
		{7, "#/servers/0/variables/merchant_id", `server variable "merchant_id" has no default: give it one`},
		{11, "#/components/schemas/Status", `invalid default: value is not one of the allowed values ["a","b"]`},
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(want), err)
	}
	for i, w := range want {
		p := ps[i]
		if p.Line != w.line || p.Pointer != w.pointer || !strings.HasPrefix(p.Message, w.text) || strings.Contains(p.Message, "\n") {
			t.Errorf("problem %d = %q\nwant line %d, pointer %s, text %q on one line", i, p.String(), w.line, w.pointer, w.text)
		}
	}
}

func TestProblemString(t *testing.T) {
	ps := Problems{
		{File: "b.yaml", Line: 2, Col: 3, Pointer: "#/x", Message: "m2"},
		{File: "a.yaml", Line: 9, Col: 1, Message: "m1"},
		{File: "b.yaml", Line: 1, Message: "m0"},
	}
	ps.Sort()
	want := "a.yaml:9:1: m1\nb.yaml:1: m0\nb.yaml:2:3: #/x: m2"
	if ps.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", ps.Error(), want)
	}
}

// TestCorpus loads every spec of the shared corpus (../shared/corpus beside the checkout, or $OPGEN_SHARED/corpus).
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus: skipped under -short")
	}
	corpus := shared.Need(t, "corpus")
	dirs, err := os.ReadDir(corpus)
	if err != nil {
		t.Fatal(err)
	}
	lenient := map[string]bool{"checkout-com": true, "openai": true, "xero-accounting": true}
	start := time.Now()
	n := 0
	for _, e := range dirs {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(corpus, e.Name())
		root := ""
		if b, err := os.ReadFile(filepath.Join(dir, ".root")); err == nil {
			root = filepath.Join(dir, strings.TrimSpace(string(b)))
		} else {
			files, _ := os.ReadDir(dir)
			for _, f := range files {
				if !f.IsDir() && !strings.HasPrefix(f.Name(), ".") {
					root = filepath.Join(dir, f.Name())
				}
			}
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			d, err := Load(context.Background(), root, LoadOptions{Lenient: lenient[e.Name()]})
			switch e.Name() {
			case "digitalocean":
				ps := problems(t, err)
				if ps[0].Line == 0 || ps[0].Pointer == "" {
					t.Errorf("digitalocean error is not located: %v", err)
				}
			default:
				if err != nil {
					t.Fatalf("%v", err)
				}
				if lenient[e.Name()] && len(d.Warnings) == 0 {
					t.Errorf("expected validation warnings")
				}
				if !lenient[e.Name()] && len(d.Warnings) != 0 {
					t.Errorf("unexpected warnings: %v", d.Warnings)
				}
			}
		})
	}
	if n == 0 {
		t.Skipf("corpus at %s is empty", corpus)
	}
	t.Logf("%d specs in %v", n, time.Since(start))
}

// TestLoadEscapedSlashes: "\/" is a JSON escape YAML does not have (PHP's json_encode writes every slash so). Such
// a spec loads, its paths and $refs read as written, and positions after an escape on the same line count it as
// the two characters it is.
func TestLoadEscapedSlashes(t *testing.T) {
	src := `{"openapi":"3.0.3","info":{"title":"Pets \/ API","version":"1"},"paths":{"\/pets\/{id}":{"get":{` +
		`"operationId":"getPet","parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],` +
		`"responses":{"200":{"description":"ok","content":{"application\/json":{"schema":{"$ref":"#\/components\/schemas\/Pet"}}}}}}}},` + "\n" +
		`"components":{"schemas":{"Pet":{"type":"object","properties":{"url":{"type":"string","example":"https:\/\/x"},"name":{"type":"string"}}}}}}` + "\n"
	path := filepath.Join(t.TempDir(), "slashes.json")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(context.Background(), path, LoadOptions{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if d.T.Info.Title != "Pets / API" || d.T.Paths.Value("/pets/{id}") == nil {
		t.Fatalf("title %q, paths %v", d.T.Info.Title, d.T.Paths.InMatchingOrder())
	}
	line2 := strings.Split(src, "\n")[1]
	col := func(s string) int { return strings.Index(line2, s) + 1 } // line 2 is ASCII: bytes are characters
	if l, c := d.Position("#/components/schemas/Pet/properties/name"); l != 2 || c != col(`"name"`) {
		t.Errorf("Position(name) = %d:%d, want 2:%d", l, c, col(`"name"`))
	}
	if l, c := d.Position("#/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema/properties/url"); l != 2 || c != col(`"url"`) {
		t.Errorf("Position(url through $ref) = %d:%d, want 2:%d", l, c, col(`"url"`))
	}
	if l, c := d.Position("#/paths/~1pets~1{id}/get"); l != 1 || c != strings.Index(src, `"get"`)+1 {
		t.Errorf("Position(get) = %d:%d, want 1:%d", l, c, strings.Index(src, `"get"`)+1)
	}
}
