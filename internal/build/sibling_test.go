package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/internal/build"
	"github.com/opgen-sdk/opgen/internal/model"
	"github.com/opgen-sdk/opgen/internal/spec"
)

// eventSpec is an API returning an Event whose data is a oneOf with the given x-opgen-sibling-discriminator (YAML
// for the data property's mapping) and sibling properties.
func eventSpec(sibling, ext string) string {
	return `openapi: 3.0.3
info: {title: Events, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /events:
    get:
      operationId: listEvents
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Event"}
components:
  schemas:
    Event:
      type: object
      properties:
` + sibling + `        data:
          oneOf:
            - $ref: "#/components/schemas/Charge"
            - $ref: "#/components/schemas/Refund"
` + ext + `    Charge:
      type: object
      properties: {id: {type: string}}
    Refund:
      type: object
      properties: {id: {type: string}, charge: {type: string}}
    Other:
      type: object
      properties: {id: {type: string}}
`
}

func buildEvent(t *testing.T, sibling, ext string) (*model.Package, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(p, []byte(eventSpec(sibling, ext)), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := spec.Load(context.Background(), p, spec.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return build.Build(build.Input{Doc: doc.T, SpecPath: "spec.yaml", Package: "ev"})
}

func TestSiblingDiscriminator(t *testing.T) {
	const typ = "        type: {type: string, enum: [charge.created, refund.created]}\n"
	pkg, err := buildEvent(t, typ, `          x-opgen-sibling-discriminator:
            property: type
            mapping: {charge.created: Charge, refund.created: "#/components/schemas/Refund"}
          x-opgen-json-string: true
`)
	if err != nil {
		t.Fatal(err)
	}
	ev, data := typeNamed(pkg, "Event"), typeNamed(pkg, "EventData")
	if ev == nil || data == nil || data.Union == nil {
		t.Fatal("no Event or EventData union")
	}
	u := data.Union
	if u.Sibling != "type" || !u.JSONString || u.Unknown == "" || len(u.Variants) != 2 ||
		strings.Join(u.Variants[0].SiblingValues, ",") != "charge.created" || strings.Join(u.Variants[1].SiblingValues, ",") != "refund.created" {
		t.Errorf("union: %+v (variants %+v %+v)", u, u.Variants[0], u.Variants[1])
	}
	if len(ev.Tagged) != 1 || ev.Tagged[0].Field.JSONName != "data" || ev.Tagged[0].Tag.JSONName != "type" {
		t.Errorf("Event.Tagged = %+v", ev.Tagged)
	}
}

func TestSiblingDiscriminatorErrors(t *testing.T) {
	const typ = "        type: {type: string}\n"
	for _, tc := range []struct{ sibling, ext, want, at string }{
		{typ, "          x-opgen-sibling-discriminator: {property: type, mapping: {x: Other}}\n",
			`value "x" maps to "#/components/schemas/Other", which is not one of the oneOf's $refs`, "data/x-opgen-sibling-discriminator/mapping/x"},
		{typ, "          x-opgen-sibling-discriminator: {property: kind, mapping: {x: Charge}}\n",
			`names property "kind", which Event does not declare`, "data"},
		{"        type: {type: integer}\n", "          x-opgen-sibling-discriminator: {property: type, mapping: {x: Charge}}\n",
			`names property "type", which is not a string`, "data"},
		{typ, "          x-opgen-sibling-discriminator: {property: type}\n",
			"x-opgen-sibling-discriminator must be {property:", "data/x-opgen-sibling-discriminator"},
		{typ, "          x-opgen-sibling-discriminator: type\n",
			"x-opgen-sibling-discriminator must be {property:", "data/x-opgen-sibling-discriminator"},
	} {
		_, err := buildEvent(t, tc.sibling, tc.ext)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "#/components/schemas/Event/properties/"+tc.at) {
			t.Errorf("%s: err = %v, want %q at %s", strings.TrimSpace(tc.ext), err, tc.want, tc.at)
		}
	}
}
