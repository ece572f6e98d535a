package sdktest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/opgen-sdk/opgen/generated/sky"
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
