package support

// A hand-written stand-in for what opgen generates on top of the support
// code: a "fakepay" payment API with a basic-auth private key (Openpay
// style, key as user name) and a merchant_id server variable.

import (
	"context"
	"encoding/json"
	"iter"
	"strconv"
)

var fakeAPI = &apiDefinition{
	Name:    "fakepay",
	Title:   "Fake Pay API",
	Version: "1.2.3",
	Environments: []environmentDef{
		{Name: "sandbox", URL: "https://sandbox.fakepay.test/v1/{merchant_id}"},
		{Name: "production", URL: "https://api.fakepay.test/v1/{merchant_id}"},
	},
	ServerVariables: opgServerVars{{Name: "merchant_id", Required: true, Option: "WithMerchantID"}},
	SecuritySchemes: opgSchemes{
		"privateKey": {Kind: securityBasic, UsernameOnly: true, Option: "WithPrivateKey"},
	},
	SensitiveFields:   []string{"holder_document"},
	RequestSecrets:    opgRequestSecrets,
	RequestIDHeaders:  []string{"X-Fake-Tracking-Id"},
	DriftTypes:        driftTestTypes,
	RequireCredential: true,
}

const (
	Sandbox    Environment = "sandbox"
	Production Environment = "production"
)

func WithMerchantID(id string) Option {
	return serverVariableOption("WithMerchantID", "merchant_id", id)
}

func WithPrivateKey(key string) Option {
	return credentialOption("WithPrivateKey", "privateKey", credential{Username: key})
}

type fakeClient struct {
	*clientCore
	Charges *fakeCharges
}

func newFakeClient(opts ...Option) (*fakeClient, error) {
	core, err := newClientCore(fakeAPI, opts)
	if err != nil {
		return nil, err
	}
	return &fakeClient{clientCore: core, Charges: &fakeCharges{core: core}}, nil
}

type Card struct {
	CardNumber      string `json:"card_number"`
	HolderName      string `json:"holder_name"`
	CVV2            string `json:"cvv2"`
	ExpirationMonth string `json:"expiration_month"`
}

type ChargeParams struct {
	Amount         Decimal                     `json:"amount"`
	Currency       string                      `json:"currency"`
	Description    *string                     `json:"description,omitempty"`
	Card           *Card                       `json:"card,omitempty"`
	HolderDocument string                      `json:"holder_document,omitempty"`
	Metadata       Nullable[map[string]string] `json:"metadata,omitzero"`
	DueDate        Date                        `json:"due_date,omitzero"`
}

type Charge struct {
	ID       string  `json:"id"`
	Amount   Decimal `json:"amount"`
	Currency string  `json:"currency"`
	Status   string  `json:"status"`
}

type ChargeList struct {
	Data []Charge `json:"data"`
}

// FakeError is the API's typed error body.
type FakeError struct {
	Code        string `json:"error_code"`
	Description string `json:"description"`
}

func (e *FakeError) Error() string { return e.Code + ": " + e.Description }

func decodeFakeError(status int, body []byte) error {
	var e FakeError
	if json.Unmarshal(body, &e) != nil || e.Code == "" {
		return nil
	}
	return &e
}

var (
	opChargesCreate = &operationDef{
		ID: "Charges.Create", Method: "POST", PathTemplate: "/charges",
		Security: [][]string{{"privateKey"}}, IdempotencyHeader: "Idempotency-Key",
		DecodeError: decodeFakeError, API: fakeAPI,
	}
	opChargesGet = &operationDef{
		ID: "Charges.Get", Method: "GET", PathTemplate: "/charges/{charge_id}",
		Security: [][]string{{"privateKey"}}, DecodeError: decodeFakeError, API: fakeAPI,
	}
	opChargesList = &operationDef{
		ID: "Charges.List", Method: "GET", PathTemplate: "/charges",
		Security: [][]string{{"privateKey"}}, DecodeError: decodeFakeError, API: fakeAPI,
	}
	opChargesRefund = &operationDef{ // POST without idempotency header
		ID: "Charges.Refund", Method: "POST", PathTemplate: "/charges/{charge_id}/refund",
		Security: [][]string{{"privateKey"}}, DecodeError: decodeFakeError, API: fakeAPI,
	}
	opChargesCapture = &operationDef{ // x-opgen-idempotent
		ID: "Charges.Capture", Method: "POST", PathTemplate: "/charges/{charge_id}/capture",
		Security: [][]string{{"privateKey"}}, Idempotent: true, API: fakeAPI,
	}
)

type fakeCharges struct{ core *clientCore }

func (s *fakeCharges) Create(ctx context.Context, p *ChargeParams, opts ...RequestOption) (*Charge, error) {
	if p == nil {
		return nil, missingParam(opChargesCreate, "params")
	}
	resp, err := s.core.do(ctx, opChargesCreate, &request{Path: "/charges", Body: jsonBody(p)}, opts)
	if err != nil {
		return nil, err
	}
	var out Charge
	if err := resp.decodeJSON(opChargesCreate, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *fakeCharges) Get(ctx context.Context, id string, opts ...RequestOption) (*Charge, error) {
	if id == "" {
		return nil, missingParam(opChargesGet, "charge_id")
	}
	resp, err := s.core.do(ctx, opChargesGet, &request{Path: "/charges/" + pathParam(id)}, opts)
	if err != nil {
		return nil, err
	}
	var out Charge
	if err := resp.decodeJSON(opChargesGet, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *fakeCharges) Refund(ctx context.Context, id string, opts ...RequestOption) (*Charge, error) {
	resp, err := s.core.do(ctx, opChargesRefund, &request{Path: "/charges/" + pathParam(id) + "/refund", Body: jsonBody(map[string]any{})}, opts)
	if err != nil {
		return nil, err
	}
	var out Charge
	return &out, resp.decodeJSON(opChargesRefund, &out)
}

func (s *fakeCharges) Capture(ctx context.Context, id string, opts ...RequestOption) (*Charge, error) {
	resp, err := s.core.do(ctx, opChargesCapture, &request{Path: "/charges/" + pathParam(id) + "/capture"}, opts)
	if err != nil {
		return nil, err
	}
	var out Charge
	return &out, resp.decodeJSON(opChargesCapture, &out)
}

type ChargeListParams struct {
	Offset, Limit *int
	Status        []string
}

func (s *fakeCharges) List(ctx context.Context, p *ChargeListParams, opts ...RequestOption) (*ChargeList, error) {
	var q query
	if p != nil {
		addQuery(&q, "offset", p.Offset)
		addQuery(&q, "limit", p.Limit)
		addQueryArray(&q, "status", p.Status, "form", true)
	}
	resp, err := s.core.do(ctx, opChargesList, &request{Path: "/charges", RawQuery: q.encode()}, opts)
	if err != nil {
		return nil, err
	}
	var out ChargeList
	if err := resp.decodeJSON(opChargesList, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *fakeCharges) ListAll(ctx context.Context, p *ChargeListParams, opts ...RequestOption) iter.Seq2[Charge, error] {
	limit := 3
	if p != nil && p.Limit != nil {
		limit = *p.Limit
	}
	return paginateOffset(ctx, 0, limit, func(ctx context.Context, offset, limit int) ([]Charge, error) {
		cp := ChargeListParams{}
		if p != nil {
			cp = *p
		}
		cp.Offset, cp.Limit = Ptr(offset), Ptr(limit)
		l, err := s.List(ctx, &cp, opts...)
		if err != nil {
			return nil, err
		}
		return l.Data, nil
	})
}

// keep strconv used by helpers in other test files
var _ = strconv.Itoa

// WithIdempotencyKey is what the emitter generates for a spec whose operations declare an idempotency header.
func WithIdempotencyKey(key string) RequestOption { return opgIdempotencyKey(key) }
