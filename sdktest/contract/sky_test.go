package contract

import (
	"errors"
	"net/http"
	"testing"

	"github.com/opgen-sdk/opgen/generated/sky"
)

const (
	skyMerchant = "mzdtln0bmtms6o3kck8f"
	skyKey      = "sk_e568c42a6c384b7ab02cd47d2e407cab"
)

func TestSkyContract(t *testing.T) {
	t.Parallel()
	runContract(t, &sdkContract{
		specFile:   "sky.yaml",
		serverPath: "/v1/" + skyMerchant,
		serverVars: map[string]string{"merchant_id": skyMerchant},
		newClient: func(base string, hc *http.Client) (any, error) {
			opts := []sky.Option{sky.WithStrictDecoding(), sky.WithMerchantID(skyMerchant), sky.WithPrivateKey(skyKey),
				sky.WithMaxRetries(0), sky.WithHTTPClient(hc)}
			if base != "" {
				opts = append(opts, sky.WithBaseURL(base+"/v1/{merchant_id}"))
			}
			return sky.NewClient(opts...)
		},
		requestBaseURL: func(u string) any { return sky.WithRequestBaseURL(u) },
		authHeader:     map[string]string{"privateKey": basicAuth(skyKey)},
		defaultScheme:  "privateKey",
		asError: func(err error) (int, any, string, string, bool) {
			var api *sky.APIError
			var e *sky.Error
			if !errors.As(err, &api) || !errors.As(err, &e) {
				return 0, nil, "", "", false
			}
			return api.StatusCode, e, text(&e.ErrorCode), e.Description, true
		},
		errorCodeKey:    "error_code",
		errorMessageKey: "description",
		pathValues: map[string]string{
			"token_id":       "kqgykn96i7bcs1wwhvgw",
			"card_id":        "kvzxrzvfzjccokc5ru2f",
			"transaction_id": "trornwo9ocwkqjljx90h",
		},
		cases: map[string]opCase{
			"tokens.Create":        {route: "POST /tokens"},
			"tokens.shares.Create": {route: "POST /tokens/{token_id}/shares"},
			"cards.shares.Create":  {route: "POST /cards/{card_id}/shares"},
			"charges.Create":       {route: "POST /charges"},
			"charges.Get":          {route: "GET /charges/{transaction_id}"},
			"charges.Refund":       {route: "POST /charges/{transaction_id}/refund"},
			"khipu.banks.List":     {route: "GET /providers/khipu/banks"},
		},
	})
}
