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

// amountSpec is a one-operation API whose request has an amount with the given extra keywords (YAML, indented
// for the amount's mapping).
func amountSpec(extra string) string {
	return `openapi: 3.1.0
info: {title: Pay, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /charges:
    post:
      operationId: createCharge
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ChargeRequest"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Charge"}
components:
  schemas:
    ChargeRequest:
      type: object
      required: [amount]
      properties:
        currency: {type: string}
        count: {type: integer}
        amount:
          type: number
          format: decimal
` + extra + `    Charge:
      type: object
      properties:
        amount: {type: number, format: decimal, multipleOf: 0.01}
`
}

func buildAmount(t *testing.T, extra string) (*model.Package, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(p, []byte(amountSpec(extra)), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := spec.Load(context.Background(), p, spec.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return build.Build(build.Input{Doc: doc.T, SpecPath: "spec.yaml", Package: "pay"})
}

func typeNamed(pkg *model.Package, name string) *model.Type {
	for _, t := range pkg.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// The checks a request number gets: bounds as the spec wrote them (3.0 booleans, 3.1 numbers), multipleOf as
// exact decimal text, and x-opgen-minor-units pointed at its currency field; only request types validate.
func TestNumberChecks(t *testing.T) {
	pkg, err := buildAmount(t, "          exclusiveMinimum: 0\n          maximum: 999999.99\n          multipleOf: 0.01\n          x-opgen-minor-units: {currency: currency, default: CLP, digits: {CLP: 0, USD: 2}}\n")
	if err != nil {
		t.Fatal(err)
	}
	req := typeNamed(pkg, "ChargeRequest")
	var amount *model.Field
	for _, f := range req.Fields {
		if f.JSONName == "amount" {
			amount = f
		}
	}
	c := amount.Check
	if c == nil || c.Min != "0" || !c.ExclusiveMin || c.Max != "999999.99" || c.ExclusiveMax || c.MultipleOf != "0.01" {
		t.Fatalf("check %+v", c)
	}
	if mu := c.MinorUnits; mu == nil || mu.Currency.Name != "Currency" || mu.Default != "CLP" || mu.Digits["CLP"] != 0 || mu.Digits["USD"] != 2 {
		t.Fatalf("minor units %+v", c.MinorUnits)
	}
	if !req.Validates {
		t.Error("ChargeRequest, a request body, should validate")
	}
	if typeNamed(pkg, "Charge").Validates {
		t.Error("Charge, only a response, must not get opgValidate")
	}
	if !strings.Contains(strings.Join(amount.Doc, "\n"), "Decimals: at most the decimals of the currency in Currency (CLP when unset): CLP 0, USD 2") {
		t.Errorf("doc %q", amount.Doc)
	}
}

// A malformed x-opgen-minor-units is an error naming where and what to write.
func TestMinorUnitsErrors(t *testing.T) {
	for _, tc := range []struct{ extra, want string }{
		{"          x-opgen-minor-units: {currency: currency_code}\n", `names the currency property "currency_code", which the object does not declare`},
		{"          x-opgen-minor-units: {currency: count}\n", `"count", which is not a string`},
		{"          x-opgen-minor-units: {curency: currency}\n", `unknown key "curency"`},
		{"          x-opgen-minor-units: {currency: currency, digits: {CLP: -1}}\n", "digits of CLP must be an integer from 0 to 18"},
		{"          x-opgen-minor-units: 3\n", "x-opgen-minor-units must be the name of the property"},
	} {
		_, err := buildAmount(t, tc.extra)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "#/components/schemas/ChargeRequest/properties/amount/x-opgen-minor-units") {
			t.Errorf("%s: err = %v, want %q at the extension's pointer", strings.TrimSpace(tc.extra), err, tc.want)
		}
	}
}
