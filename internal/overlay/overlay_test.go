package overlay

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const spec = `openapi: 3.0.3
info:
  title: Vendor API
  version: "1"
paths:
  /charges:
    get:
      operationId: listCharges
      tags: [charges]
      responses:
        "200": {description: ok}
    post:
      operationId: createCharge
      x-internal: true
      responses:
        "201": {description: created}
components:
  schemas:
    ChargeObj:
      type: object
      properties:
        amount: {type: integer}
        debug: {type: string}
`

func apply(t *testing.T, overlays ...string) ([]byte, error) {
	t.Helper()
	dir := t.TempDir()
	var paths, names []string
	for i, o := range overlays {
		p := filepath.Join(dir, "o"+string(rune('a'+i))+".yaml")
		if err := os.WriteFile(p, []byte(o), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		names = append(names, filepath.Base(p))
	}
	return Apply([]byte(spec), paths, names)
}

func TestApply(t *testing.T) {
	out, err := apply(t, `overlay: 1.0.0
info: {title: our fixes, version: "1"}
actions:
  - target: $.components.schemas.ChargeObj
    update:
      x-go-name: Charge
      properties:
        amount: {format: int64}
  - target: $.components.schemas.ChargeObj.properties.debug
    remove: true
  - target: $.paths.*[?@['x-internal'] == true]
    remove: true
  - target: $.paths['/charges'].get.tags
    update: [payments]
`, `overlay: 1.0.0
info: {title: second, version: "1"}
actions:
  - target: $.info
    update: {version: "2"}
`)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("result is not YAML: %v\n%s", err, out)
	}
	s := string(out)
	for _, want := range []string{"x-go-name: Charge", "format: int64", "type: integer", "[charges, payments]", "version: \"2\""} {
		if !strings.Contains(s, want) {
			t.Errorf("result lacks %q:\n%s", want, s)
		}
	}
	for _, gone := range []string{"debug", "createCharge"} {
		if strings.Contains(s, gone) {
			t.Errorf("result still has %q:\n%s", gone, s)
		}
	}
	// Key order is the spec's: paths before components, get's keys as written.
	if strings.Index(s, "paths:") > strings.Index(s, "components:") || strings.Index(s, "operationId: listCharges") > strings.Index(s, "tags:") {
		t.Errorf("key order changed:\n%s", s)
	}
}

func TestApplyErrors(t *testing.T) {
	for _, c := range []struct{ name, overlay, want string }{
		{"bad JSONPath", "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths[\n    remove: true\n", `oa.yaml:4:13: #/actions/0/target: invalid JSONPath "$.paths["`},
		{"matches nothing", "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.components.schemas.Charge\n    update: {x-go-name: C}\n",
			"oa.yaml:4:13: #/actions/0/target: target $.components.schemas.Charge matches nothing in the spec"},
		{"no update nor remove", "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n", "oa.yaml:4:5: #/actions/0: the action has neither update nor remove"},
		{"no actions", "overlay: 1.0.0\ninfo: {title: t, version: '1'}\n", "#/actions: actions is required"},
		{"a spec, not an overlay", spec, "oa.yaml:1:1: this is an OpenAPI spec, not an overlay"},
		{"version 2", "overlay: 2.0.0\nactions: []\n", `oa.yaml:1:10: #/overlay: unsupported overlay version "2.0.0"`},
		{"syntax", "overlay: 1.0.0\nactions: [\n", "oa.yaml:2: syntax error"},
		{"object update on a list", "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: [1]\n", "#/actions/0/update: cannot apply to $['info']"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := apply(t, c.overlay)
			var oe *Error
			if !errors.As(err, &oe) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an *Error with %q", err, c.want)
			}
		})
	}
}
