package reliability

import (
	"context"
	"encoding/base64"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/opgen-sdk/opgen/generated/culqi"
	"github.com/opgen-sdk/opgen/generated/openpaymx"
	"github.com/opgen-sdk/opgen/internal/faults"
)

const (
	mxKey     = "sk_test_mx_0b1c2d3e4f5a6b7c"
	culqiKey  = "sk_test_culqi_9f8e7d6c5b4a"
	mxMerchan = "mzdtln0bmtms6o3kck8f"
)

var mxClassifier = faults.Classifier{
	API: "openpaymx",
	APIStatus: func(err error) (int, bool) {
		var e *openpaymx.APIError
		if errors.As(err, &e) {
			return e.StatusCode, true
		}
		return 0, false
	},
	OutcomeUnknown: openpaymx.ErrOutcomeUnknown,
	TooLarge:       openpaymx.ErrResponseTooLarge,
	Secrets:        []string{mxKey, base64.StdEncoding.EncodeToString([]byte(mxKey + ":"))},
}

var culqiClassifier = faults.Classifier{
	API: "culqi",
	APIStatus: func(err error) (int, bool) {
		var e *culqi.APIError
		if errors.As(err, &e) {
			return e.StatusCode, true
		}
		return 0, false
	},
	OutcomeUnknown: culqi.ErrOutcomeUnknown,
	TooLarge:       culqi.ErrResponseTooLarge,
	Secrets:        []string{culqiKey},
}

func mxClient(base string, extra ...openpaymx.Option) (*openpaymx.Client, error) {
	return openpaymx.NewClient(append([]openpaymx.Option{
		openpaymx.WithBaseURL(base + "/v1/{merchant_id}"), openpaymx.WithMerchantID(mxMerchan), openpaymx.WithPrivateKey(mxKey),
	}, extra...)...)
}

func mxCharge(description string) *openpaymx.ChargeRequest {
	return &openpaymx.ChargeRequest{Card: &openpaymx.CardChargeRequest{
		Method:      openpaymx.CardChargeRequestMethodCard,
		SourceID:    openpaymx.Some("kqgykn96i7bcs1wwhvgw"),
		Amount:      openpaymx.MustParseDecimal("10.50"),
		Description: description,
	}}
}

// mxCall is the fault matrix's call on openpaymx: Charges.Get and Charges.Create (no idempotency key exists).
func mxCall(ctx context.Context, col faults.Column, base string, f *faults.Fault) (string, error) {
	initial, max := f.Backoff()
	c, err := mxClient(base, openpaymx.WithRetryBackoff(initial, max), openpaymx.WithMaxRetries(faults.MaxRetries))
	if err != nil {
		return "", err
	}
	var ch *openpaymx.Charge
	timeout := openpaymx.WithRequestTimeout(f.CallTimeout())
	switch col {
	case faults.Get:
		ch, err = c.Charges.Get(ctx, "ch_ok", timeout)
	case faults.Post:
		ch, err = c.Charges.Create(ctx, mxCharge(f.Description()), timeout)
	default:
		return "", errors.New("openpaymx declares no idempotency key")
	}
	if err != nil {
		return "", err
	}
	return ch.ID.Value, nil
}

// culqiCall is the fault matrix's call on culqi (bearer secret key).
func culqiCall(ctx context.Context, col faults.Column, base string, f *faults.Fault) (string, error) {
	initial, max := f.Backoff()
	c, err := culqi.NewClient(culqi.WithBaseURL(base), culqi.WithSecretKey(culqiKey),
		culqi.WithRetryBackoff(initial, max), culqi.WithMaxRetries(faults.MaxRetries))
	if err != nil {
		return "", err
	}
	var ch *culqi.Charge
	timeout := culqi.WithRequestTimeout(f.CallTimeout())
	switch col {
	case faults.Get:
		ch, err = c.Charges.Get(ctx, "ch_ok", timeout)
	case faults.Post:
		ch, err = c.Charges.Create(ctx, &culqi.ChargesCreateParams{ChargeRequest: culqi.ChargeRequest{Amount: 1050,
			CurrencyCode: culqi.CurrencyPEN, Email: "ana@example.com", SourceID: "tkn_test_1",
			Description: culqi.Some(f.Description())}}, timeout)
	default:
		return "", errors.New("culqi declares no idempotency key")
	}
	if err != nil {
		return "", err
	}
	return ch.ID, nil
}

// TestFaultMatrix replays the GET and POST columns of the fault matrix on the generated openpaymx and culqi SDKs
// (the POST-with-key column runs on the runtime's fake SDK, in templates/support: no spec declares a key).
func TestFaultMatrix(t *testing.T) {
	sdks := []struct {
		name string
		call faults.Call
		cl   faults.Classifier
	}{{"openpaymx", mxCall, mxClassifier}, {"culqi", culqiCall, culqiClassifier}}
	for _, sdk := range sdks {
		t.Run(sdk.name, func(t *testing.T) {
			faults.RunAll(t, []faults.Column{faults.Get, faults.Post}, sdk.call, sdk.cl)
		})
	}
}

// TestLoad: 1,000 concurrent GETs and POSTs through one openpaymx client against a server failing 10% of them.
func TestLoad(t *testing.T) {
	faults.Load(t, faults.LoadConfig{
		Calls: 1000,
		Kinds: []faults.Column{faults.Get, faults.Post},
		NewClient: func(base string, hc *http.Client, log *slog.Logger) (faults.LoadCall, error) {
			c, err := mxClient(base, openpaymx.WithHTTPClient(hc), openpaymx.WithLogger(log),
				openpaymx.WithRetryBackoff(1e6, 1e7))
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context, i int, col faults.Column) (string, error) {
				n := strconv.Itoa(i)
				hdr := openpaymx.WithRequestHeader(faults.LoadHeader, n)
				var ch *openpaymx.Charge
				var err error
				if col == faults.Get {
					ch, err = c.Charges.Get(ctx, "ch_"+n, hdr)
				} else {
					ch, err = c.Charges.Create(ctx, mxCharge("load "+n), hdr)
				}
				if err != nil {
					return "", err
				}
				return ch.ID.Value, nil
			}, nil
		},
		Classifier: mxClassifier,
	})
}

// TestRetriedWriteStaysUnknown: on the generated openpaymx, a DELETE (a write that is safe to retry) answered with
// a 503 whose Retry-After outlasts the call's deadline is not retried, and fails as an unknown outcome: the
// customer may already be gone. A GET in the same situation is a plain 503.
func TestRetriedWriteStaysUnknown(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", "30")
		faults.WriteJSON(w, 503, `{"category":"internal","error_code":1000,"description":"busy"}`)
	}))
	defer srv.Close()
	c, err := mxClient(srv.URL, openpaymx.WithRetryBackoff(time.Millisecond, time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	timeout := openpaymx.WithRequestTimeout(20 * time.Second) // far below the 30 s Retry-After, far above a request on a loaded machine
	err = c.Customers.Delete(context.Background(), "cus_1", timeout)
	var apiErr *openpaymx.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || !errors.Is(err, openpaymx.ErrOutcomeUnknown) || hits.Load() != 1 {
		t.Errorf("DELETE: %v (%d requests)", err, hits.Load())
	}
	_, err = c.Customers.Get(context.Background(), "cus_1", timeout)
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || errors.Is(err, openpaymx.ErrOutcomeUnknown) || hits.Load() != 2 {
		t.Errorf("GET: %v (%d requests)", err, hits.Load())
	}
}
