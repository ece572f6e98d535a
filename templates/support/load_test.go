package support

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/opgen-sdk/opgen/internal/faults"
)

// TestLoad sends 1,000 concurrent calls (GETs, POSTs without and with an idempotency key) through one client to a
// server that fails 10% of them (500s and connection resets), with trace logging on: under -race, no data race,
// every call observes what its kind allows (a POST without a key at most once), connections are reused and no
// goroutine outlives the run.
func TestLoad(t *testing.T) {
	faults.Load(t, faults.LoadConfig{
		Calls: 1000,
		Kinds: faults.Columns,
		NewClient: func(base string, hc *http.Client, log *slog.Logger) (faults.LoadCall, error) {
			c, err := newFakeClient(WithBaseURL(base+"/v1/{merchant_id}"), WithMerchantID("m_1"), WithPrivateKey(testKey),
				WithHTTPClient(hc), WithLogger(log), WithRetryBackoff(time.Millisecond, 10*time.Millisecond), WithTimeout(20*time.Second))
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context, i int, col faults.Column) (string, error) {
				n := strconv.Itoa(i)
				hdr := WithRequestHeader(faults.LoadHeader, n)
				var ch *Charge
				var err error
				switch col {
				case faults.Get:
					ch, err = c.Charges.Get(ctx, "ch_"+n, hdr)
				case faults.Post:
					ch, err = c.Charges.Create(ctx, &ChargeParams{Amount: MustParseDecimal("1.00"), Currency: "MXN"}, hdr)
				default:
					ch, err = c.Charges.Create(ctx, &ChargeParams{Amount: MustParseDecimal("1.00"), Currency: "MXN"}, hdr, WithIdempotencyKey("load-"+n))
				}
				if err != nil {
					return "", err
				}
				return ch.ID, nil
			}, nil
		},
		Classifier: fakeClassifier,
	})
}
