package roundtrip

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/internal/opgen"
)

const collectSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /charges/{id}:
    get:
      operationId: getCharge
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Charge'}
              examples:
                big: {value: {id: ch_1, amount: 12.50, seq: 9007199254740993}}
                shared: {$ref: '#/components/examples/Shared'}
                wrong: {value: {amount: 1}}
        "404":
          description: missing
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
              example: {code: 404}
components:
  examples:
    Shared: {value: {id: ch_2, amount: 1.5}}
  schemas:
    Charge:
      type: object
      required: [id, amount]
      properties:
        id: {type: string}
        amount: {type: number}
        seq: {type: integer, format: int64}
        meta: {type: object, additionalProperties: true}
    Error:
      type: object
      properties: {code: {type: integer}}
      example: {code: 500}
`

func TestCollect(t *testing.T) {
	file := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(file, []byte(collectSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := opgen.Generate(context.Background(), opgen.Target{Spec: "spec.yaml", SpecFile: file, Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	examples, skipped := Collect(res.Model, res.Doc)
	if len(skipped) > 0 {
		t.Errorf("skipped: %v", skipped)
	}
	var got []string
	for _, e := range examples {
		got = append(got, e.Status+" "+e.Name+" "+GoType("p", e.Type)+" "+string(e.JSON)+" invalid="+boolText(e.Invalid != "")+" "+e.Location)
	}
	sort.Strings(got)
	want := []string{
		`200 big p.Charge {"id":"ch_1","amount":12.50,"seq":9007199254740993} invalid=no spec.yaml:15:23: #/paths/~1charges~1{id}/get/responses/200/content/application~1json/examples/big/value`,
		`200 shared p.Charge {"id":"ch_2","amount":1.5} invalid=no spec.yaml:26:14: #/components/examples/Shared/value`,
		`200 wrong p.Charge {"amount":1} invalid=yes spec.yaml:17:25: #/paths/~1charges~1{id}/get/responses/200/content/application~1json/examples/wrong/value`,
		`404  p.Error {"code":404} invalid=no spec.yaml:23:15: #/paths/~1charges~1{id}/get/responses/404/content/application~1json/example`,
		`404 (schema) p.Error {"code":500} invalid=no spec.yaml:39:7: #/components/schemas/Error/example`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	charge := res.Doc.T.Components.Schemas["Charge"].Value
	for ptr, want := range map[string]bool{"/id": true, "/amount": true, "/typo": false, "/meta/anything/deep": true, "": true} {
		if Declared(charge, ptr) != want {
			t.Errorf("Declared(Charge, %q) = %v, want %v", ptr, !want, want)
		}
	}
}

func boolText(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// A string with format currency is a currency code (Twilio's price_unit), not an amount: as a DecimalString it
// failed to decode "USD", and so the whole response. Found by the corpus example round trip.
func TestCurrencyCodeRoundTrips(t *testing.T) {
	file := filepath.Join(t.TempDir(), "spec.yaml")
	spec := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /calls:
    get:
      operationId: getCall
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  price: {type: string, format: decimal}
                  price_unit: {type: string, format: currency}
                  total: {type: number, format: currency}
`
	if err := os.WriteFile(file, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := opgen.Generate(context.Background(), opgen.Target{Spec: "spec.yaml", SpecFile: file, Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, ty := range res.Model.Types {
		for _, f := range ty.Fields {
			got[f.JSONName] = GoType("p", f.Type)
		}
	}
	want := map[string]string{"price": "p.Opt[p.DecimalString]", "price_unit": "p.Opt[string]", "total": "p.Opt[p.Decimal]"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %s, want %s", k, got[k], w)
		}
	}
}
