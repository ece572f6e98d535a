package contract

import (
	"errors"
	"net/http"
	"testing"

	"github.com/opgen-sdk/opgen/generated/culqi"
)

const (
	culqiPublicKey = "pk_test_e94078b9b248675d"
	culqiSecretKey = "sk_test_9bcf3c4a54a8b1f7"
)

func TestCulqiContract(t *testing.T) {
	t.Parallel()
	runContract(t, &sdkContract{
		specFile:   "culqi.yaml",
		serverPath: "",
		newClient: func(base string, hc *http.Client) (any, error) {
			opts := []culqi.Option{culqi.WithStrictDecoding(), culqi.WithPublicKey(culqiPublicKey), culqi.WithSecretKey(culqiSecretKey),
				culqi.WithMaxRetries(0), culqi.WithHTTPClient(hc)}
			if base != "" {
				opts = append(opts, culqi.WithBaseURL(base))
			}
			return culqi.NewClient(opts...)
		},
		requestBaseURL: func(u string) any { return culqi.WithRequestBaseURL(u) },
		// Each operation names the key it takes: the public key only for tokens and order confirmation.
		authHeader: map[string]string{
			"publicKey": "Bearer " + culqiPublicKey,
			"secretKey": "Bearer " + culqiSecretKey,
		},
		defaultScheme: "secretKey",
		asError: func(err error) (int, any, string, string, bool) {
			var api *culqi.APIError
			var e *culqi.Error
			if !errors.As(err, &api) || !errors.As(err, &e) {
				return 0, nil, "", "", false
			}
			return api.StatusCode, e, text(e.Code), e.MerchantMessage, true
		},
		errorCodeKey:    "code",
		errorMessageKey: "merchant_message",
		pathValues:      map[string]string{"id": "chr_test_kzGrl1jlVSaY8guT"},
		params: map[string]paramArg{
			"limit":              {"Limit", "50"},
			"before":             {"Before", "chr_test_kzGrl1jlVSaY8guT"},
			"after":              {"After", "chr_test_ExT9c1UFAH0TX2Ui"},
			"amount":             {"Amount", "1000"},
			"min_amount":         {"MinAmount", "500"},
			"max_amount":         {"MaxAmount", "150000"},
			"fee":                {"Fee", "350"},
			"min_fee":            {"MinFee", "100"},
			"max_fee":            {"MaxFee", "900"},
			"installments":       {"Installments", "3"},
			"min_installments":   {"MinInstallments", "2"},
			"max_installments":   {"MaxInstallments", "12"},
			"fraud_score":        {"FraudScore", "12.5"},
			"min_fraud_score":    {"MinFraudScore", "1.5"},
			"max_fraud_score":    {"MaxFraudScore", "80"},
			"creation_date":      {"CreationDate", "1712000000"},
			"creation_date_from": {"CreationDateFrom", "1711000000"},
			"creation_date_to":   {"CreationDateTo", "1713000000123"},
			"date":               {"Date", "1712000000"},
			"date_from":          {"DateFrom", "1711000000"},
			"date_to":            {"DateTo", "1713000000"},
			"card_brand":         {"CardBrand", "Visa"},
			"card_type":          {"CardType", "credito"},
			"device_type":        {"DeviceType", "escritorio"},
			"bin":                {"BIN", "411111"},
			"country_code":       {"CountryCode", "PE"},
			"currency_code":      {"CurrencyCode", "PEN"},
			"email":              {"Email", "ana.torres@example.com"},
			"first_name":         {"FirstName", "Ana"},
			"last_name":          {"LastName", "Torres"},
			"phone_number":       {"PhoneNumber", "987654321"},
			"address":            {"Address", "Av. Larco 1232"},
			"address_city":       {"AddressCity", "Miraflores"},
			"customer_id":        {"CustomerID", "cus_test_Lz8jZ2pF4kV7nQ1m"},
			"code":               {"Code", "AUT0001"},
			"decline_code":       {"DeclineCode", "insufficient_funds"},
			"reference":          {"Reference", "ref-77"},
			"captured":           {"Captured", "true"},
			"dispute":            {"Dispute", "false"},
			"duplicated":         {"Duplicated", "false"},
			"paid":               {"Paid", "true"},
			"plan_id":            {"PlanID", "pln_test_Jx4kT9mB2cR8vL6q"},
			"state":              {"State", "paid"},
			"type":               {"Type", "charge.creation.succeeded"},
			"reason":             {"Reason", "solicitud_comprador"},
			"interval":           {"Interval", "Meses"},
			"X-Charge-Channel":   {"XChargeChannel", "recurrent"},
		},
		cases: map[string]opCase{
			// Tokens are created with the public key, on Culqi's tokenization host (the operation's own server).
			"tokens.Create":     {route: "POST /v2/tokens", scheme: "publicKey"},
			"tokens.CreateYape": {route: "POST /v2/tokens/yape", scheme: "publicKey"},
			"tokens.List":       {route: "GET /v2/tokens"},
			"tokens.Get":        {route: "GET /v2/tokens/{id}"},
			"tokens.Update":     {route: "PATCH /v2/tokens/{id}"},

			"charges.Create":  {route: "POST /v2/charges"},
			"charges.List":    {route: "GET /v2/charges"},
			"charges.Get":     {route: "GET /v2/charges/{id}"},
			"charges.Update":  {route: "PATCH /v2/charges/{id}"},
			"charges.Capture": {route: "POST /v2/charges/{id}/capture"},

			"refunds.Create": {route: "POST /v2/refunds"},
			"refunds.List":   {route: "GET /v2/refunds"},
			"refunds.Get":    {route: "GET /v2/refunds/{id}"},
			"refunds.Update": {route: "PATCH /v2/refunds/{id}"},

			"customers.Create": {route: "POST /v2/customers"},
			"customers.List":   {route: "GET /v2/customers"},
			"customers.Get":    {route: "GET /v2/customers/{id}"},
			"customers.Update": {route: "PATCH /v2/customers/{id}"},
			"customers.Delete": {route: "DELETE /v2/customers/{id}"},

			"cards.Create": {route: "POST /v2/cards"},
			"cards.List":   {route: "GET /v2/cards"},
			"cards.Get":    {route: "GET /v2/cards/{id}"},
			"cards.Update": {route: "PATCH /v2/cards/{id}"},
			"cards.Delete": {route: "DELETE /v2/cards/{id}"},

			"events.List": {route: "GET /v2/events"},
			"events.Get":  {route: "GET /v2/events/{id}"},

			"iins.List": {route: "GET /v2/iins"},
			"iins.Get":  {route: "GET /v2/iins/{id}"}, // culqi-python

			"transfers.List": {route: "GET /v2/transfers"}, // culqi-python
			"transfers.Get":  {route: "GET /v2/transfers/{id}"},

			"orders.Create": {route: "POST /v2/orders"},
			"orders.List":   {route: "GET /v2/orders"},
			"orders.Get":    {route: "GET /v2/orders/{id}"},
			"orders.Update": {route: "PATCH /v2/orders/{id}"},
			"orders.Delete": {route: "DELETE /v2/orders/{id}"},
			// Either key is accepted; the public key is listed first, and the client has both, so it goes.
			"orders.Confirm":       {route: "POST /v2/orders/{id}/confirm", scheme: "publicKey"},
			"orders.ConfirmByType": {route: "POST /v2/orders/confirm", scheme: "publicKey"},

			// Recurrent plans and subscriptions (/v2/recurrent/...).
			"plans.Create":         {route: "POST /v2/recurrent/plans/create"},
			"plans.List":           {route: "GET /v2/recurrent/plans", params: map[string]paramArg{"status": {"Status", "1"}}},
			"plans.Get":            {route: "GET /v2/recurrent/plans/{id}"},
			"plans.Update":         {route: "PATCH /v2/recurrent/plans/{id}"},
			"plans.Delete":         {route: "DELETE /v2/recurrent/plans/{id}"},
			"subscriptions.Create": {route: "POST /v2/recurrent/subscriptions/create"},
			"subscriptions.List":   {route: "GET /v2/recurrent/subscriptions", params: map[string]paramArg{"status": {"Status", "3"}}},
			"subscriptions.Get":    {route: "GET /v2/recurrent/subscriptions/{id}"},
			"subscriptions.Update": {route: "PATCH /v2/recurrent/subscriptions/{id}"},
			"subscriptions.Cancel": {route: "DELETE /v2/recurrent/subscriptions/{id}"},

			// The legacy plans and subscriptions (/v2/plans, /v2/subscriptions).
			"legacyPlans.Create":         {route: "POST /v2/plans"},
			"legacyPlans.List":           {route: "GET /v2/plans"},
			"legacyPlans.Get":            {route: "GET /v2/plans/{id}"},
			"legacyPlans.Update":         {route: "PATCH /v2/plans/{id}"},
			"legacyPlans.Delete":         {route: "DELETE /v2/plans/{id}"},
			"legacySubscriptions.Create": {route: "POST /v2/subscriptions"},
			"legacySubscriptions.List":   {route: "GET /v2/subscriptions", params: map[string]paramArg{"status": {"Status", "Activa"}}},
			"legacySubscriptions.Get":    {route: "GET /v2/subscriptions/{id}"},
			"legacySubscriptions.Update": {route: "PATCH /v2/subscriptions/{id}"},
			"legacySubscriptions.Cancel": {route: "DELETE /v2/subscriptions/{id}"},
		},
	})
}
