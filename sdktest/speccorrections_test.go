package sdktest

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/generated/openpaymx"
)

// The spec corrections of issue 15 point 6, each checked against what the documents show.

// TestMexicoTransactionKeepsRefundAndCustomer decodes a charge.refunded webhook whose transaction is the
// document's own refunded-charge sample (the spec's refund response example): the refund transaction and the
// customer are kept, not dropped as fields Transaction did not declare.
func TestMexicoTransactionKeepsRefundAndCustomer(t *testing.T) {
	doc := loadSpec(t, "../specs/openpay-mx.yaml")
	ex := doc.Components.Examples["refundCustomerCharge.200.refunded"]
	if ex == nil || ex.Value == nil {
		t.Fatal("the spec has no example refundCustomerCharge.200.refunded")
	}
	tx, ok := ex.Value.Value.(map[string]any)
	if !ok || tx["refund"] == nil {
		t.Fatalf("the refund example carries no refund: %v", ex.Value.Value)
	}
	tx["customer"] = map[string]any{"name": "Juan", "last_name": "Perez", "email": "juan@example.com"}
	body, err := json.Marshal(map[string]any{"type": "charge.refunded", "event_date": "2014-05-26T13:56:21-05:00", "transaction": tx})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := openpaymx.ParseEvent(body)
	if err != nil {
		t.Fatal(err)
	}
	ref := ev.Transaction.Refund
	want := tx["refund"].(map[string]any)
	if ref == nil || ref.ID.Value != want["id"] || ref.TransactionType.Value != "refund" || ref.Amount.Value.String() == "" {
		t.Fatalf("refund: got %+v, want the sample's %v", ref, want)
	}
	if c := ev.Transaction.Customer; c == nil || c.Name.Value != "Juan" || c.Email.Value != "juan@example.com" {
		t.Errorf("customer: got %+v", c)
	}
}

// TestMexicoCaptureWithoutAmount: a full capture is expressible without an amount, with no body at all (the Ruby
// sample) or an empty request; a partial one still sends its amount.
func TestMexicoCaptureWithoutAmount(t *testing.T) {
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id":"tr1","status":"completed"}`))
	}))
	defer srv.Close()
	c, err := openpaymx.NewClient(openpaymx.WithBaseURL(srv.URL), openpaymx.WithMerchantID("m"), openpaymx.WithPrivateKey("sk_test"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.Charges.Capture(ctx, "tr1", nil); err != nil {
		t.Fatalf("capture with no body: %v", err)
	}
	if _, err := c.Charges.Capture(ctx, "tr1", &openpaymx.CaptureRequest{}); err != nil {
		t.Fatalf("capture with no amount: %v", err)
	}
	if _, err := c.Charges.Capture(ctx, "tr1", &openpaymx.CaptureRequest{Amount: openpaymx.Some(openpaymx.MustParseDecimal("50.25"))}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"", "{}", `{"amount":50.25}`}; !slices.Equal(bodies, want) {
		t.Errorf("bodies sent: %q, want %q", bodies, want)
	}
	doc := loadSpec(t, "../specs/openpay-mx.yaml")
	if req := doc.Components.Schemas["CaptureRequest"].Value.Required; len(req) != 0 {
		t.Errorf("CaptureRequest requires %v", req)
	}
}

// TestStatusAfterRetryOneSpelling: every Openpay spec's status_after_retry (requests and responses) has one set of
// values, and every request example sends one of them.
func TestStatusAfterRetryOneSpelling(t *testing.T) {
	sets := map[string][]string{}
	for _, name := range []string{"openpay-mx.yaml", "openpay-pe.yaml", "openpay-co.yaml", "sky.yaml"} {
		doc := loadSpec(t, "../specs/"+name)
		for sn, sr := range doc.Components.Schemas {
			p := sr.Value.Properties["status_after_retry"]
			if p == nil {
				continue
			}
			var vals []string
			for _, v := range p.Value.Enum {
				vals = append(vals, v.(string))
			}
			sort.Strings(vals)
			sets[strings.Join(vals, ",")] = append(sets[strings.Join(vals, ",")], name+" "+sn)
		}
		for _, pi := range doc.Paths.Map() {
			for _, op := range pi.Operations() {
				for _, ex := range requestExamples(op) {
					var v map[string]any
					if json.Unmarshal(ex.data, &v) != nil || v["status_after_retry"] == nil {
						continue
					}
					if s := v["status_after_retry"].(string); s != strings.ToLower(s) {
						t.Errorf("%s %s %s sends status_after_retry %q", name, op.OperationID, ex.name, s)
					}
				}
			}
		}
	}
	if len(sets) != 1 {
		t.Errorf("status_after_retry is spelled several ways: %v", sets)
	}
	for k := range sets {
		if k != "cancelled,unpaid" {
			t.Errorf("status_after_retry values %q, want cancelled,unpaid", k)
		}
	}
}

// TestCulqiCardNumberNineteenDigits: a 19-digit card number (Maestro, some debit cards) is a valid token
// request; 12 or 20 digits, or a number with spaces, are not.
func TestCulqiCardNumberNineteenDigits(t *testing.T) {
	doc := loadSpec(t, "../specs/culqi.yaml")
	s := doc.Components.Schemas["TokenRequest"].Value.Properties["card_number"].Value
	for _, ok := range []string{"4111111111111", "4111111111111111", "6759649826438453000", "5018000000000000009"} {
		if err := s.VisitJSON(ok); err != nil {
			t.Errorf("%d digits refused: %v", len(ok), err)
		}
	}
	for _, bad := range []string{"411111111111", "41111111111111111111", "4111 1111 1111 1111"} {
		if err := s.VisitJSON(bad, openapi3.EnableFormatValidation()); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestSkyProductionHostDoc: no Sky document names a production host, and the SDK's Production environment says
// so where a user picks it.
func TestSkyProductionHostDoc(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "../generated/sky/client_gen.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var text string
	ast.Inspect(f, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Names) == 1 && vs.Names[0].Name == "Production" && vs.Doc != nil {
			text = vs.Doc.Text()
		}
		return true
	})
	if !strings.Contains(text, "no production host") || !strings.Contains(text, "Confirm with Openpay") {
		t.Errorf("sky.Production's doc does not say the host is unconfirmed:\n%s", text)
	}
}
