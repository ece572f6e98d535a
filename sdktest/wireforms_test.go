package sdktest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/generated/culqi"
	"github.com/opgen-sdk/opgen/generated/sky"
	"github.com/opgen-sdk/opgen/mock"
)

// The Sky integration API definition's own examples (Retrieve Transbank "Shares" (Installments), Redirect Payment
// Method, Khipu Data object), as the document prints them: numbers as strings in the shares response, the account
// identifier as a number. The spec keeps the tables' types and marks the other form x-opgen-also-accept; every field
// must decode.
const (
	skySharesResponseAsDocumented = `{
    "amount" : "6000",
    "currency" : "CLP",
    "available" : [
        {"share_id": "1234", "shares" : "3", "share_amount": "2000"},
        {"share_id": "5678", "shares" : "6", "share_amount": "1000"},
        {"share_id": "9012", "shares" : "9", "share_amount": "677"},
        {"share_id": "3456", "shares" : "12", "share_amount": "510",
         "deferred" : [{"months" : 1, "amount" : 511.00}, {"months" : 2, "amount" : 512.00}]}
    ]
}`
	skyRedirectAsDocumented = `{
    "type" : "redirect",
    "url" : "http://dev-api.openpay.mx/v1/m71mp8sc0zih82p6jb7n/charges/trczfzjweqvvzpoeya5d/redirect/",
    "khipu_data" : {
      "payment_id" : "uqqdrwodfptb",
      "allows_simplified" : false,
      "source_bank_name" : "Demo Bank",
      "source_bank_url" : "https://www.bancodemo.com",
      "destination_bank_name": "Banco Demo",
      "destination_bank_url" : "https://www.bancodemo.com",
      "account_identifier" : 1234567890,
      "account_type" : "Cuenta corriente",
      "account_holder_personal_identifier" : "76.187.287-7",
      "account_holder_name" : "khipu dev a",
      "account_holder_email" : "transferencias@khipu.com"
    }
}`
)

func TestSkyNumberOrString(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, skySharesResponseAsDocumented)
	}))
	defer srv.Close()
	c, err := sky.NewClient(sky.WithBaseURL(srv.URL), sky.WithMerchantID(merchant), sky.WithPrivateKey("sk_test"))
	if err != nil {
		t.Fatal(err)
	}
	sh, err := c.Tokens.Shares.Create(context.Background(), "tok1", &sky.SharesRequest{
		Amount: sky.MustParseDecimal("6000"), Currency: sky.CurrencyCLP, Shares: []int32{3, 6, 9, 12}})
	if err != nil {
		t.Fatalf("the document's shares response does not decode: %v", err)
	}
	if !sh.Amount.Value.Equal(sky.MustParseDecimal("6000")) || sh.Currency.Value != sky.CurrencyCLP || len(sh.Available) != 4 {
		t.Fatalf("decoded %+v", sh)
	}
	want := []struct {
		id     string
		shares int32
		amount string
	}{{"1234", 3, "2000"}, {"5678", 6, "1000"}, {"9012", 9, "677"}, {"3456", 12, "510"}}
	for i, w := range want {
		s := sh.Available[i]
		if s.ShareID.Value != w.id || s.Shares.Value != w.shares || !s.ShareAmount.Value.Equal(sky.MustParseDecimal(w.amount)) {
			t.Errorf("available[%d] = %+v, want %+v", i, s, w)
		}
	}
	if d := sh.Available[3].Deferred; len(d) != 2 || d[1].Months.Value != 2 || !d[1].Amount.Value.Equal(sky.MustParseDecimal("512")) {
		t.Errorf("deferred = %+v", d)
	}

	var pm sky.RedirectPaymentMethod
	if err := json.Unmarshal([]byte(skyRedirectAsDocumented), &pm); err != nil {
		t.Fatalf("the document's redirect payment method does not decode: %v", err)
	}
	if pm.KhipuData == nil || pm.KhipuData.AccountIdentifier.Value != "1234567890" || pm.KhipuData.PaymentID.Value != "uqqdrwodfptb" ||
		pm.KhipuData.AccountHolderEmail.Value != "transferencias@khipu.com" || !pm.KhipuData.AllowsSimplified.IsSet() {
		t.Errorf("decoded %+v", pm.KhipuData)
	}
	// The canonical form goes back out: the account identifier is a string.
	b, err := json.Marshal(pm.KhipuData)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	_ = json.Unmarshal(b, &back)
	if back["account_identifier"] != "1234567890" {
		t.Errorf("re-encoded account_identifier = %#v, want the string", back["account_identifier"])
	}
}

// TestCulqiLegacyIDsRoundTrip: the mock, stateless (answers from the spec's examples) and stateful, answers a created
// legacy plan and subscription with ids that their own GET /v2/plans/{id} and /v2/subscriptions/{id} accept (exactly
// 25 characters), so the SDK can read them back.
func TestCulqiLegacyIDsRoundTrip(t *testing.T) {
	t.Run("stateless", func(t *testing.T) { culqiLegacyIDs(t) })
	t.Run("stateful", func(t *testing.T) { culqiLegacyIDs(t, mock.WithStateful()) })
}

func culqiLegacyIDs(t *testing.T, opts ...mock.Option) {
	srv := mock.NewServer(t, "../specs/culqi.yaml", append([]mock.Option{mock.WithLogger(nil)}, opts...)...)
	c, err := culqi.NewClient(culqi.WithBaseURL(mock.BaseURL(srv, nil)), culqi.WithSecretKey("sk_test_mock"), culqi.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := range 3 { // several ids, not one lucky one
		//lint:ignore SA1019 the legacy endpoints are deprecated in the spec, and this test is about their ids
		p, err := c.LegacyPlans.Create(ctx, &culqi.LegacyPlanRequest{Name: "Plan mensual", Amount: 1000, CurrencyCode: culqi.CurrencyPEN,
			Interval: culqi.LegacyPlanRequestIntervalDias, IntervalCount: 30})
		if err != nil {
			t.Fatalf("create plan %d: %v", i, err)
		}
		//lint:ignore SA1019 the legacy endpoints are deprecated in the spec, and this test is about their ids
		got, err := c.LegacyPlans.Get(ctx, p.ID)
		if err != nil || got.ID != p.ID {
			t.Fatalf("plan id %q does not read back: %v", p.ID, err)
		}
		//lint:ignore SA1019 the legacy endpoints are deprecated in the spec, and this test is about their ids
		s, err := c.LegacySubscriptions.Create(ctx, &culqi.LegacySubscriptionRequest{CardID: "crd_test_TWsfemI22ypplGK6", PlanID: p.ID})
		if err != nil {
			t.Fatalf("create subscription %d: %v", i, err)
		}
		//lint:ignore SA1019 the legacy endpoints are deprecated in the spec, and this test is about their ids
		if _, err := c.LegacySubscriptions.Get(ctx, s.ID); err != nil {
			t.Fatalf("subscription id %q does not read back: %v", s.ID, err)
		}
	}
}

// TestSkyDocumentedSharesRequestAccepted: the Sky integration API definition's shares request example, with the comma
// it lacks added, sends the amount as the string "6000"; the mock takes it (x-opgen-also-accept on the amount).
func TestSkyDocumentedSharesRequestAccepted(t *testing.T) {
	srv := mock.NewServer(t, "../specs/sky.yaml", mock.WithLogger(nil))
	for _, body := range []string{
		`{"amount": "6000", "currency" : "CLP", "shares": [3, 6, 9, 12]}`,
		`{"amount": 6000, "currency" : "CLP", "shares": [3, 6, 9, 12]}`,
	} {
		req, err := http.NewRequest("POST", mock.BaseURL(srv, openpayVars)+"/tokens/kxoalbqdrdpqsmrvnrol/shares", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.SetBasicAuth("sk_test", "")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", body, resp.StatusCode, msg)
		}
	}
}
