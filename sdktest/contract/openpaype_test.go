package contract

import (
	"errors"
	"net/http"
	"testing"

	"github.com/opgen-sdk/opgen/generated/openpaype"
)

const (
	peMerchant = "m2ajbbibxfbbqlmxmoyq"
	peKey      = "sk_3433941e467c4875b178ce26348b0fac"
)

func TestOpenpayPEContract(t *testing.T) {
	t.Parallel()
	runContract(t, &sdkContract{
		specFile:   "openpay-pe.yaml",
		serverPath: "/v1/" + peMerchant,
		serverVars: map[string]string{"merchant_id": peMerchant},
		newClient: func(base string, hc *http.Client) (any, error) {
			opts := []openpaype.Option{openpaype.WithStrictDecoding(), openpaype.WithMerchantID(peMerchant), openpaype.WithPrivateKey(peKey),
				openpaype.WithMaxRetries(0), openpaype.WithHTTPClient(hc)}
			if base != "" {
				opts = append(opts, openpaype.WithBaseURL(base+"/v1/{merchant_id}"))
			}
			return openpaype.NewClient(opts...)
		},
		requestBaseURL: func(u string) any { return openpaype.WithRequestBaseURL(u) },
		authHeader:     map[string]string{"privateKey": basicAuth(peKey)},
		defaultScheme:  "privateKey",
		asError: func(err error) (int, any, string, string, bool) {
			var api *openpaype.APIError
			var e *openpaype.Error
			if !errors.As(err, &api) || !errors.As(err, &e) {
				return 0, nil, "", "", false
			}
			return api.StatusCode, e, text(&e.ErrorCode), e.Description, true
		},
		errorCodeKey:    "error_code",
		errorMessageKey: "description",
		pathValues: map[string]string{
			"customer_id":       "ag4nktpdzebjiye1tlze",
			"card_id":           "kso4st8ezndjyzd8dyry",
			"transaction_id":    "tr1tnvv9blnaxf5tdzq4",
			"checkout_id":       "uvzwpmzrdwbxdnhobsfp",
			"plan_id":           "pbi4kb8hpb64x0uud2eb",
			"subscription_id":   "sxvxmx7x6vl9xvqbvsam",
			"token_id":          "kbtuo4zxmbqqomhttxdf",
			"webhook_id":        "wy8jbyvclpvnwmsvzjxh",
			"verification_code": "xDahpJGE",
		},
		params: map[string]paramArg{
			"creation":      {"Creation", "2024-03-15"},
			"creation[gte]": {"CreationGte", "2024-03-01"},
			"creation[lte]": {"CreationLte", "2024-03-31"},
			"offset":        {"Offset", "20"},
			"limit":         {"Limit", "10"},
			"amount":        {"Amount", "100.50"},
			"amount[gte]":   {"AmountGte", "50.00"},
			"amount[lte]":   {"AmountLte", "1500.75"},
			"order_id":      {"OrderID", "oid-00051"},
			"external_id":   {"ExternalID", "ext-7731"},
			"status":        {"Status", "COMPLETED"},
			"startDate":     {"StartDate", "20240301"},
			"endDate":       {"EndDate", "20240331"},
		},
		cases: map[string]opCase{
			"cards.Create": {route: "POST /cards"},
			"cards.List":   {route: "GET /cards"},
			"cards.Get":    {route: "GET /cards/{card_id}"},
			"cards.Update": {route: "PUT /cards/{card_id}"},
			"cards.Delete": {route: "DELETE /cards/{card_id}"},

			"charges.Create":  {route: "POST /charges"},
			"charges.List":    {route: "GET /charges"},
			"charges.Get":     {route: "GET /charges/{transaction_id}"},
			"charges.Capture": {route: "POST /charges/{transaction_id}/capture"},
			"charges.Refund":  {route: "POST /charges/{transaction_id}/refund"},

			"checkouts.Create": {route: "POST /checkouts"},
			"checkouts.List":   {route: "GET /checkouts"},
			"checkouts.Get":    {route: "GET /checkouts/{checkout_id}"},
			// The new status travels in the query; "available" is the only value the document gives.
			"checkouts.Update": {route: "PUT /checkouts/{checkout_id}", params: map[string]paramArg{"status": {"Status", "available"}}},

			"customers.Create": {route: "POST /customers"},
			"customers.List":   {route: "GET /customers"},
			"customers.Get":    {route: "GET /customers/{customer_id}"},
			"customers.Update": {route: "PUT /customers/{customer_id}"},
			"customers.Delete": {route: "DELETE /customers/{customer_id}"},

			"customers.cards.Create": {route: "POST /customers/{customer_id}/cards"},
			"customers.cards.List":   {route: "GET /customers/{customer_id}/cards"},
			"customers.cards.Get":    {route: "GET /customers/{customer_id}/cards/{card_id}"},
			"customers.cards.Update": {route: "PUT /customers/{customer_id}/cards/{card_id}"},
			"customers.cards.Delete": {route: "DELETE /customers/{customer_id}/cards/{card_id}"},

			"customers.charges.Create":  {route: "POST /customers/{customer_id}/charges"},
			"customers.charges.List":    {route: "GET /customers/{customer_id}/charges"},
			"customers.charges.Get":     {route: "GET /customers/{customer_id}/charges/{transaction_id}"},
			"customers.charges.Capture": {route: "POST /customers/{customer_id}/charges/{transaction_id}/capture"},
			"customers.charges.Refund":  {route: "POST /customers/{customer_id}/charges/{transaction_id}/refund"},

			"customers.checkouts.Create": {route: "POST /customers/{customer_id}/checkouts"},

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

			"recurrent_charges.Create":       {route: "POST /transactions/recurrent"},
			"recurrent_subscriptions.Create": {route: "POST /subscriptions/recurrent"},
			"recurrent_subscriptions.Cancel": {route: "DELETE /subscriptions"},

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
