package contract

import (
	"errors"
	"net/http"
	"testing"

	"github.com/opgen-sdk/opgen/generated/openpaymx"
)

const (
	mxMerchant = "mzdtln0bmtms6o3kck8f"
	mxKey      = "sk_e568c42a6c384b7ab02cd47d2e407cab"
)

func TestOpenpayMXContract(t *testing.T) {
	t.Parallel()
	runContract(t, &sdkContract{
		specFile:   "openpay-mx.yaml",
		serverPath: "/v1/" + mxMerchant,
		serverVars: map[string]string{"merchant_id": mxMerchant},
		newClient: func(base string, hc *http.Client) (any, error) {
			opts := []openpaymx.Option{openpaymx.WithStrictDecoding(), openpaymx.WithMerchantID(mxMerchant), openpaymx.WithPrivateKey(mxKey),
				openpaymx.WithMaxRetries(0), openpaymx.WithHTTPClient(hc)}
			if base != "" {
				opts = append(opts, openpaymx.WithBaseURL(base+"/v1/{merchant_id}"))
			}
			return openpaymx.NewClient(opts...)
		},
		requestBaseURL: func(u string) any { return openpaymx.WithRequestBaseURL(u) },
		authHeader:     map[string]string{"privateKey": basicAuth(mxKey)},
		defaultScheme:  "privateKey",
		asError: func(err error) (int, any, string, string, bool) {
			var api *openpaymx.APIError
			var e *openpaymx.Error
			if !errors.As(err, &api) || !errors.As(err, &e) {
				return 0, nil, "", "", false
			}
			return api.StatusCode, e, text(&e.ErrorCode), e.Description, true
		},
		errorCodeKey:    "error_code",
		errorMessageKey: "description",
		pathValues: map[string]string{
			"customer_id":       "a9ualumwnrcxkl42l6mh",
			"card_id":           "kwkoqpg6fcvfse8k8mg2",
			"bank_account_id":   "b4vcouaavwuvkpufh0so",
			"transaction_id":    "tr6cxbcefzatd10guvvw",
			"plan_id":           "pjlwj5srz9w1rrhvw2gj",
			"subscription_id":   "s0gmyor4yqtyv1miqwr0",
			"token_id":          "k6d7tyaarepr7vn5krqx",
			"webhook_id":        "wxvanstudf4ssme8khmc",
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
			"payout_type":   {"PayoutType", "AUTOMATIC"},
			"detail_type":   {"DetailType", "CHARGED_ADJUSTMENTS"},
			"latitud":       {"Latitud", "19.3813"},
			"longitud":      {"Longitud", "-99.1608"},
			"kilometers":    {"Kilometers", "2.5"},
		},
		cases: map[string]opCase{
			"merchant.Get": {route: "GET /"},

			"cards.Create":    {route: "POST /cards"},
			"cards.List":      {route: "GET /cards"},
			"cards.Get":       {route: "GET /cards/{card_id}"},
			"cards.Delete":    {route: "DELETE /cards/{card_id}"},
			"cards.Update":    {route: "PUT /cards/{card_id}"}, // openpay-node 2.x
			"cards.GetPoints": {route: "GET /cards/{card_id}/points"},

			"charges.Create":  {route: "POST /charges"},
			"charges.List":    {route: "GET /charges"},
			"charges.Get":     {route: "GET /charges/{transaction_id}"},
			"charges.Capture": {route: "POST /charges/{transaction_id}/capture"},
			"charges.Refund":  {route: "POST /charges/{transaction_id}/refund"},

			"customers.Create": {route: "POST /customers"},
			"customers.List":   {route: "GET /customers"},
			"customers.Get":    {route: "GET /customers/{customer_id}"},
			"customers.Update": {route: "PUT /customers/{customer_id}"},
			"customers.Delete": {route: "DELETE /customers/{customer_id}"},

			"customers.bank_accounts.Create": {route: "POST /customers/{customer_id}/bankaccounts"},
			"customers.bank_accounts.List":   {route: "GET /customers/{customer_id}/bankaccounts"},
			"customers.bank_accounts.Get":    {route: "GET /customers/{customer_id}/bankaccounts/{bank_account_id}"},
			"customers.bank_accounts.Delete": {route: "DELETE /customers/{customer_id}/bankaccounts/{bank_account_id}"},

			"customers.cards.Create":    {route: "POST /customers/{customer_id}/cards"},
			"customers.cards.List":      {route: "GET /customers/{customer_id}/cards"},
			"customers.cards.Get":       {route: "GET /customers/{customer_id}/cards/{card_id}"},
			"customers.cards.Delete":    {route: "DELETE /customers/{customer_id}/cards/{card_id}"},
			"customers.cards.Update":    {route: "PUT /customers/{customer_id}/cards/{card_id}"}, // openpay-node 2.x
			"customers.cards.GetPoints": {route: "GET /customers/{customer_id}/cards/{card_id}/points"},

			"customers.charges.Create":  {route: "POST /customers/{customer_id}/charges"},
			"customers.charges.List":    {route: "GET /customers/{customer_id}/charges"},
			"customers.charges.Get":     {route: "GET /customers/{customer_id}/charges/{transaction_id}"},
			"customers.charges.Capture": {route: "POST /customers/{customer_id}/charges/{transaction_id}/capture"},
			"customers.charges.Refund":  {route: "POST /customers/{customer_id}/charges/{transaction_id}/refund"},

			"customers.payouts.Create": {route: "POST /customers/{customer_id}/payouts"},
			"customers.payouts.List":   {route: "GET /customers/{customer_id}/payouts"},
			"customers.payouts.Get":    {route: "GET /customers/{customer_id}/payouts/{transaction_id}"},
			"customers.payouts.Cancel": {route: "DELETE /customers/{customer_id}/payouts/{transaction_id}"},

			"customers.subscriptions.Create": {route: "POST /customers/{customer_id}/subscriptions"},
			"customers.subscriptions.List":   {route: "GET /customers/{customer_id}/subscriptions"},
			"customers.subscriptions.Get":    {route: "GET /customers/{customer_id}/subscriptions/{subscription_id}"},
			"customers.subscriptions.Update": {route: "PUT /customers/{customer_id}/subscriptions/{subscription_id}"},
			"customers.subscriptions.Delete": {route: "DELETE /customers/{customer_id}/subscriptions/{subscription_id}"},

			"customers.transfers.Create": {route: "POST /customers/{customer_id}/transfers"},
			"customers.transfers.List":   {route: "GET /customers/{customer_id}/transfers"},
			"customers.transfers.Get":    {route: "GET /customers/{customer_id}/transfers/{transaction_id}"},

			"fees.Create": {route: "POST /fees"},
			"fees.List":   {route: "GET /fees"},
			"fees.Refund": {route: "POST /fees/{transaction_id}/refund"},

			"payouts.Create": {route: "POST /payouts"},
			"payouts.List":   {route: "GET /payouts"},
			"payouts.Get":    {route: "GET /payouts/{transaction_id}"},
			"payouts.Cancel": {route: "DELETE /payouts/{transaction_id}"},

			"plans.Create":             {route: "POST /plans"},
			"plans.List":               {route: "GET /plans"},
			"plans.Get":                {route: "GET /plans/{plan_id}"},
			"plans.Update":             {route: "PUT /plans/{plan_id}"},
			"plans.Delete":             {route: "DELETE /plans/{plan_id}"},
			"plans.subscriptions.List": {route: "GET /plans/{plan_id}/subscriptions"}, // openpay-node 2.x

			"stores.List": {route: "GET /stores"},

			"tokens.Create":    {route: "POST /tokens"},
			"tokens.Get":       {route: "GET /tokens/{token_id}"},
			"tokens.List":      {route: "GET /tokens"}, // openpay-node 2.x
			"tokens.GetPoints": {route: "GET /tokens/{token_id}/points"},

			"transactions_payout.Get":        {route: "GET /reports/payout/{transaction_id}"},
			"transactions_payout.GetDetails": {route: "GET /reports/payout/{transaction_id}/detail"},

			"webhooks.Create": {route: "POST /webhooks"},
			"webhooks.List":   {route: "GET /webhooks"},
			"webhooks.Get":    {route: "GET /webhooks/{webhook_id}"},
			"webhooks.Delete": {route: "DELETE /webhooks/{webhook_id}"},
			"webhooks.Verify": {route: "POST /webhooks/{webhook_id}/verify/{verification_code}"}, // openpay-node 2.x
		},
	})
}
