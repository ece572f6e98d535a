package support

import (
	"context"
	"encoding/base64"
	"errors"
	"testing"

	"github.com/opgen-sdk/opgen/internal/faults"
)

// fakeClassifier tells the fault matrix about this package's errors.
var fakeClassifier = faults.Classifier{
	API: "fakepay",
	APIStatus: func(err error) (int, bool) {
		var e *APIError
		if errors.As(err, &e) {
			return e.StatusCode, true
		}
		return 0, false
	},
	OutcomeUnknown: ErrOutcomeUnknown,
	TooLarge:       ErrResponseTooLarge,
	Secrets:        []string{testKey, base64.StdEncoding.EncodeToString([]byte(testKey + ":"))},
}

// fakeCall makes one call of the matrix with the fake SDK: Charges.Get, Charges.Create without a key, and
// Charges.Create with one (the fake declares the Idempotency-Key header, as no generated SDK does yet).
func fakeCall(ctx context.Context, col faults.Column, base string, f *faults.Fault) (string, error) {
	initial, max := f.Backoff()
	c, err := newFakeClient(WithBaseURL(base+"/v1/{merchant_id}"), WithMerchantID("m_1"), WithPrivateKey(testKey),
		WithRetryBackoff(initial, max), WithMaxRetries(faults.MaxRetries))
	if err != nil {
		return "", err
	}
	var ch *Charge
	timeout := WithRequestTimeout(f.CallTimeout())
	params := &ChargeParams{Amount: MustParseDecimal("10.50"), Currency: "MXN", Description: Ptr(f.Description())}
	switch col {
	case faults.Get:
		ch, err = c.Charges.Get(ctx, "ch_ok", timeout)
	case faults.Post:
		ch, err = c.Charges.Create(ctx, params, timeout)
	case faults.PostKey:
		ch, err = c.Charges.Create(ctx, params, timeout, WithIdempotencyKey("idem-fault-1"))
	}
	if err != nil {
		return "", err
	}
	return ch.ID, nil
}

// TestFaultMatrix replays every cell of the fault matrix (docs/RELIABILITY.md) on the fake SDK.
func TestFaultMatrix(t *testing.T) {
	faults.RunAll(t, faults.Columns, fakeCall, fakeClassifier)
}
