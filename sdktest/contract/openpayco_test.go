package contract

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/generated/openpayco"
	"github.com/opgen-sdk/opgen/internal/shared"
)

const (
	coMerchant = "mwf7x79goz7afkdbuyqd"
	coKey      = "sk_94a89308b4d7469cbda762c4b392152a"
)

func TestOpenpayCOContract(t *testing.T) {
	t.Parallel()
	runContract(t, &sdkContract{
		specFile:   "openpay-co.yaml",
		serverPath: "/v1/" + coMerchant,
		serverVars: map[string]string{"merchant_id": coMerchant},
		newClient: func(base string, hc *http.Client) (any, error) {
			opts := []openpayco.Option{openpayco.WithStrictDecoding(), openpayco.WithMerchantID(coMerchant), openpayco.WithPrivateKey(coKey),
				openpayco.WithMaxRetries(0), openpayco.WithHTTPClient(hc)}
			if base != "" {
				opts = append(opts, openpayco.WithBaseURL(base+"/v1/{merchant_id}"))
			}
			return openpayco.NewClient(opts...)
		},
		requestBaseURL: func(u string) any { return openpayco.WithRequestBaseURL(u) },
		authHeader:     map[string]string{"privateKey": basicAuth(coKey)},
		defaultScheme:  "privateKey",
		asError: func(err error) (int, any, string, string, bool) {
			var api *openpayco.APIError
			var e *openpayco.Error
			if !errors.As(err, &api) || !errors.As(err, &e) {
				return 0, nil, "", "", false
			}
			return api.StatusCode, e, text(&e.ErrorCode), e.Description, true
		},
		errorCodeKey:    "error_code",
		errorMessageKey: "description",
		pathValues: map[string]string{
			"customer_id":       "ag4nktpdzebjiye1tlze",
			"card_id":           "ktrpvymgatocelsciak7",
			"transaction_id":    "trzjaozcik8msyqshka4",
			"plan_id":           "pjlwj5srz9w1rrhvw2gj",
			"subscription_id":   "s7ri24srbldoqqlfo4vp",
			"token_id":          "kxoalbqdrdpqsmrvnrol",
			"webhook_id":        "wiyf6nxaqhnyzdrm7ny6",
			"verification_code": "xDahpJGE",
		},
		params: map[string]paramArg{
			"creation":      {"Creation", "2024-03-15"},
			"creation[gte]": {"CreationGte", "2024-03-01"},
			"creation[lte]": {"CreationLte", "2024-03-31"},
			"offset":        {"Offset", "20"},
			"limit":         {"Limit", "10"},
			"amount":        {"Amount", "100000.50"},
			"amount[gte]":   {"AmountGte", "50000"},
			"amount[lte]":   {"AmountLte", "1500000.75"},
			"order_id":      {"OrderID", "oid-00051"},
			"external_id":   {"ExternalID", "ext-7731"},
			"status":        {"Status", "COMPLETED"},
			"latitud":       {"Latitud", "4.6097"},
			"longitud":      {"Longitud", "-74.0817"},
			"kilometers":    {"Kilometers", "2.5"},
		},
		cases: map[string]opCase{
			"cards.Create": {route: "POST /cards"},
			"cards.List":   {route: "GET /cards"},
			"cards.Get":    {route: "GET /cards/{card_id}"},
			"cards.Delete": {route: "DELETE /cards/{card_id}"},
			"cards.Update": {route: "PUT /cards/{card_id}"}, // openpay-node 2.x

			"charges.Create": {route: "POST /charges"},
			"charges.List":   {route: "GET /charges"},
			"charges.Get":    {route: "GET /charges/{transaction_id}"},
			"charges.Refund": {route: "POST /charges/{transaction_id}/refund"},

			"customers.Create": {route: "POST /customers"},
			"customers.List":   {route: "GET /customers"},
			"customers.Get":    {route: "GET /customers/{customer_id}"},
			"customers.Update": {route: "PUT /customers/{customer_id}"},
			"customers.Delete": {route: "DELETE /customers/{customer_id}"},

			"customers.cards.Create": {route: "POST /customers/{customer_id}/cards"},
			"customers.cards.List":   {route: "GET /customers/{customer_id}/cards"},
			"customers.cards.Get":    {route: "GET /customers/{customer_id}/cards/{card_id}"},
			"customers.cards.Delete": {route: "DELETE /customers/{customer_id}/cards/{card_id}"},
			"customers.cards.Update": {route: "PUT /customers/{customer_id}/cards/{card_id}"}, // openpay-node 2.x

			"customers.charges.Create": {route: "POST /customers/{customer_id}/charges"},
			"customers.charges.List":   {route: "GET /customers/{customer_id}/charges"},
			"customers.charges.Get":    {route: "GET /customers/{customer_id}/charges/{transaction_id}"},

			"customers.subscriptions.Create": {route: "POST /customers/{customer_id}/subscriptions"},
			"customers.subscriptions.List":   {route: "GET /customers/{customer_id}/subscriptions"},
			"customers.subscriptions.Get":    {route: "GET /customers/{customer_id}/subscriptions/{subscription_id}"},
			"customers.subscriptions.Update": {route: "PUT /customers/{customer_id}/subscriptions/{subscription_id}"},
			"customers.subscriptions.Delete": {route: "DELETE /customers/{customer_id}/subscriptions/{subscription_id}"},

			"plans.Create":             {route: "POST /plans"},
			"plans.List":               {route: "GET /plans"},
			"plans.Get":                {route: "GET /plans/{plan_id}"},
			"plans.Update":             {route: "PUT /plans/{plan_id}"},
			"plans.Delete":             {route: "DELETE /plans/{plan_id}"},
			"plans.subscriptions.List": {route: "GET /plans/{plan_id}/subscriptions"}, // openpay-node 2.x

			// The store locator has servers of its own, outside /v1/{merchant_id}.
			"stores.List": {route: "GET /stores"},

			"tokens.Create": {route: "POST /tokens"},
			"tokens.Get":    {route: "GET /tokens/{token_id}"},
			"tokens.List":   {route: "GET /tokens"}, // openpay-node 2.x

			"webhooks.Create": {route: "POST /webhooks"},
			"webhooks.List":   {route: "GET /webhooks"},
			"webhooks.Get":    {route: "GET /webhooks/{webhook_id}"},
			"webhooks.Delete": {route: "DELETE /webhooks/{webhook_id}"},
			"webhooks.Verify": {route: "POST /webhooks/{webhook_id}/verify/{verification_code}"}, // openpay-node 2.x
		},
	})
}

// coReadme is the Openpay Node client README (seed 000); its Colombia part is lines 156-675
// (reference/openpay-co.md maps each of its calls to HTTP).
const (
	coReadme                 = "000_751140ee5541e50f.txt"
	coReadmeFrom, coReadmeTo = 156, 675
)

var readmeCallRe = regexp.MustCompile(`\bo?penpay\.([a-z]+(?:\.[a-z]+)*)\.([a-z]+)\(`)

// TestOpenpayCOReadmeCalls checks that every client call of the README's Colombia part is an operation of
// openpay-co.yaml, callable on the generated client (so TestOpenpayCOContract covers it), and that the PSE calls
// (openpay.pse.create, openpay.customers.pse.create: charges with method bank_account) have a documented request
// example with iva and redirect_url, the merchant-level one with the payer's customer_address.
func TestOpenpayCOReadmeCalls(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join(shared.Need(t, "seeds"), coReadme))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) < coReadmeTo {
		t.Fatalf("%s has %d lines, the Colombia part ends at line %d", coReadme, len(lines), coReadmeTo)
	}
	s := loadSpec(t, "openpay-co.yaml")
	ops := map[string]*operation{}
	for _, o := range operations(t, s) {
		ops[o.key] = o
	}
	client, err := openpayco.NewClient(openpayco.WithMerchantID(coMerchant), openpayco.WithPrivateKey(coKey))
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	for i := coReadmeFrom - 1; i < coReadmeTo; i++ {
		for _, m := range readmeCallRe.FindAllStringSubmatch(lines[i], -1) {
			calls++
			// The library posts PSE to the ordinary charge paths (reference/openpay-co.md).
			res := strings.NewReplacer("pse", "charges").Replace(m[1])
			key := res + "." + strings.ToUpper(m[2][:1]) + m[2][1:]
			o, ok := ops[key]
			if !ok {
				t.Errorf("%s line %d: openpay.%s.%s has no operation %q in openpay-co.yaml", coReadme, i+1, m[1], m[2], key)
				continue
			}
			if _, err := findMethod(reflect.ValueOf(client), o); err != nil {
				t.Errorf("%s line %d: openpay.%s.%s: %v", coReadme, i+1, m[1], m[2], err)
			}
		}
	}
	if calls < 42 {
		t.Errorf("found %d client calls in %s lines %d-%d, want at least 42: has the seed changed?", calls, coReadme, coReadmeFrom, coReadmeTo)
	}

	for _, tc := range []struct {
		key             string
		customerAddress bool
	}{{"charges.Create", true}, {"customers.charges.Create", false}} {
		o := ops[tc.key]
		if o == nil {
			t.Fatalf("openpay-co.yaml has no %s", tc.key)
		}
		_, media := jsonMedia(o.op.RequestBody.Value.Content)
		found := false
		for _, name := range slices.Sorted(mapsKeys(media.Examples)) {
			var ex struct {
				Method      string          `json:"method"`
				Currency    string          `json:"currency"`
				IVA         json.RawMessage `json:"iva"`
				RedirectURL string          `json:"redirect_url"`
				Customer    *struct {
					Address *struct{ Department, City, Additional string } `json:"customer_address"`
				} `json:"customer"`
			}
			b := nodeJSON(t, s, o.ptr+"/requestBody/content/application~1json/examples/"+escapeToken(name)+"/value")
			if err := json.Unmarshal(b, &ex); err != nil {
				t.Fatalf("%s example %s: %v", tc.key, name, err)
			}
			if ex.Method != "bank_account" {
				continue
			}
			found = true
			if ex.Currency != "COP" || len(ex.IVA) == 0 || ex.RedirectURL == "" {
				t.Errorf("%s: the PSE example %s lacks currency COP, iva or redirect_url: %s", tc.key, name, b)
			}
			if a := ex.Customer; tc.customerAddress && (a == nil || a.Address == nil || a.Address.Department == "" || a.Address.City == "" || a.Address.Additional == "") {
				t.Errorf("%s: the PSE example %s lacks customer.customer_address (department, city, additional): %s", tc.key, name, b)
			}
		}
		if !found {
			t.Errorf("%s: no PSE (method bank_account) request example; the README documents one", tc.key)
		}
	}
}
