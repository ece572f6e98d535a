package contract

import (
	"errors"
	"net/http"
	"testing"

	"github.com/opgen-sdk/opgen/generated/openpayco"
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
			opts := []openpayco.Option{openpayco.WithMerchantID(coMerchant), openpayco.WithPrivateKey(coKey),
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
			"customer_id":     "ag4nktpdzebjiye1tlze",
			"card_id":         "ktrpvymgatocelsciak7",
			"transaction_id":  "trzjaozcik8msyqshka4",
			"plan_id":         "pjlwj5srz9w1rrhvw2gj",
			"subscription_id": "s7ri24srbldoqqlfo4vp",
			"token_id":        "kxoalbqdrdpqsmrvnrol",
			"webhook_id":      "wiyf6nxaqhnyzdrm7ny6",
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

			"customers.charges.Create": {route: "POST /customers/{customer_id}/charges"},
			"customers.charges.List":   {route: "GET /customers/{customer_id}/charges"},
			"customers.charges.Get":    {route: "GET /customers/{customer_id}/charges/{transaction_id}"},

			"customers.subscriptions.Create": {route: "POST /customers/{customer_id}/subscriptions"},
			"customers.subscriptions.List":   {route: "GET /customers/{customer_id}/subscriptions"},
			"customers.subscriptions.Get":    {route: "GET /customers/{customer_id}/subscriptions/{subscription_id}"},
			"customers.subscriptions.Update": {route: "PUT /customers/{customer_id}/subscriptions/{subscription_id}"},
			"customers.subscriptions.Delete": {route: "DELETE /customers/{customer_id}/subscriptions/{subscription_id}"},

			"plans.Create": {route: "POST /plans"},
			"plans.List":   {route: "GET /plans"},
			"plans.Get":    {route: "GET /plans/{plan_id}"},
			"plans.Update": {route: "PUT /plans/{plan_id}"},
			"plans.Delete": {route: "DELETE /plans/{plan_id}"},

			// The store locator has servers of its own, outside /v1/{merchant_id}.
			"stores.List": {route: "GET /stores"},

			"tokens.Create": {route: "POST /tokens"},
			"tokens.Get":    {route: "GET /tokens/{token_id}"},

			"webhooks.Create": {route: "POST /webhooks"},
			"webhooks.List":   {route: "GET /webhooks"},
			"webhooks.Get":    {route: "GET /webhooks/{webhook_id}"},
			"webhooks.Delete": {route: "DELETE /webhooks/{webhook_id}"},
		},
	})
}
