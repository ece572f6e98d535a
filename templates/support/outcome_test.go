package support

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/opgen-sdk/opgen/internal/faults"
)

// TestAbandonedRetryKeepsOutcomeUnknown: a write that is safe to retry (a POST with an idempotency key, an
// x-opgen-idempotent POST) whose attempt may have taken effect (a 5xx, a reset after the body was sent) and whose
// retries are then cut short (the next wait outlasts the deadline, the caller cancels during the backoff, a later
// attempt fails differently) still fails with ErrOutcomeUnknown: the first attempt may have charged, and a caller
// told otherwise could send the payment again under a new key. A GET in the same situations is never unknown.
func TestAbandonedRetryKeepsOutcomeUnknown(t *testing.T) {
	params := func() *ChargeParams { return &ChargeParams{Amount: MustParseDecimal("7.00"), Currency: "MXN"} }
	type call struct {
		name  string
		write bool
		do    func(ctx context.Context, c *fakeClient, opts ...RequestOption) error
	}
	calls := []call{
		{"POST with key", true, func(ctx context.Context, c *fakeClient, opts ...RequestOption) error {
			_, err := c.Charges.Create(ctx, params(), append(opts, WithIdempotencyKey("idem-outcome-1"))...)
			return err
		}},
		{"x-opgen-idempotent POST", true, func(ctx context.Context, c *fakeClient, opts ...RequestOption) error {
			_, err := c.Charges.Capture(ctx, "ch_1", opts...)
			return err
		}},
		{"GET", false, func(ctx context.Context, c *fakeClient, opts ...RequestOption) error {
			_, err := c.Charges.Get(ctx, "ch_1", opts...)
			return err
		}},
	}
	cases := []struct {
		name    string
		handler func(w http.ResponseWriter, r *http.Request, n int64)
		opts    []Option
		timeout time.Duration
		// cancelInWait cancels the caller's context when the first backoff starts (a fake clock: the test does not
		// depend on how fast the machine reaches the wait).
		cancelInWait bool
		status       int // the APIError's status; 0: not an APIError
		maxHits      int64
		wantErr      error // also matched by the error, when set
	}{
		{
			name: "503 whose Retry-After outlasts the deadline",
			handler: func(w http.ResponseWriter, r *http.Request, n int64) {
				w.Header().Set("Retry-After", "600")
				writeJSON(w, 503, `{"error_code":"busy","description":"try later"}`)
			},
			opts:    []Option{WithRetryBackoff(time.Millisecond, time.Minute)},
			timeout: 60 * time.Second,
			status:  503, maxHits: 1,
		},
		{
			name: "503, then 429 whose Retry-After outlasts the deadline",
			handler: func(w http.ResponseWriter, r *http.Request, n int64) {
				if n == 1 {
					writeJSON(w, 503, `{"error_code":"busy","description":"try later"}`)
					return
				}
				w.Header().Set("Retry-After", "600")
				writeJSON(w, 429, `{"error_code":"slow","description":"slow down"}`)
			},
			opts:    []Option{WithRetryBackoff(time.Millisecond, time.Minute)},
			timeout: 60 * time.Second,
			status:  429, maxHits: 2,
		},
		{
			name: "503, then a 409 on the retry",
			handler: func(w http.ResponseWriter, r *http.Request, n int64) {
				if n == 1 {
					writeJSON(w, 503, `{"error_code":"busy","description":"try later"}`)
					return
				}
				writeJSON(w, 409, `{"error_code":"conflict","description":"a request with this key is in progress"}`)
			},
			opts:    []Option{WithRetryBackoff(time.Millisecond, 2*time.Millisecond)},
			timeout: 60 * time.Second,
			status:  409, maxHits: 2,
		},
		{
			name: "503, then cancelled during the backoff",
			handler: func(w http.ResponseWriter, r *http.Request, n int64) {
				w.Header().Set("Retry-After", "20")
				writeJSON(w, 503, `{"error_code":"busy","description":"try later"}`)
			},
			opts:         []Option{WithRetryBackoff(time.Millisecond, time.Minute)},
			timeout:      40 * time.Second,
			cancelInWait: true,
			status:       503, // the last attempt's error stays reachable with errors.As
			maxHits:      1,
			wantErr:      context.Canceled,
		},
		{
			// The first backoff draws up to an hour, so it outlasts the 60 s deadline (but for a 1-in-60 draw,
			// which makes a second attempt that is reset the same way).
			name: "reset after the body was read, then a backoff that outlasts the deadline",
			handler: func(w http.ResponseWriter, r *http.Request, n int64) {
				faults.Reset(w)
			},
			opts:    []Option{WithRetryBackoff(time.Hour, time.Hour), WithMaxRetries(1)},
			timeout: 60 * time.Second,
			maxHits: 2,
		},
	}
	for _, tc := range cases {
		for _, cl := range calls {
			t.Run(tc.name+"/"+cl.name, func(t *testing.T) {
				fs := newFakeServer(t, nil)
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				fs.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					n := fs.hits.Add(1)
					drainBody(r)
					tc.handler(w, r, n)
				})
				c := mustClient(t, append(fastOpts(fs), tc.opts...)...)
				if tc.cancelInWait {
					c.sleep = func(ctx context.Context, d time.Duration) bool {
						cancel()
						<-ctx.Done()
						return false
					}
				}
				start := time.Now()
				err := cl.do(ctx, c, WithRequestTimeout(tc.timeout))
				t.Logf("after %v, %d requests: %v", time.Since(start).Round(time.Millisecond), fs.hits.Load(), err)
				if err == nil {
					t.Fatal("the call succeeded")
				}
				if got := errors.Is(err, ErrOutcomeUnknown); got != cl.write {
					t.Errorf("errors.Is(err, ErrOutcomeUnknown) = %v, want %v: %v", got, cl.write, err)
				}
				if cl.write && !strings.Contains(err.Error(), "outcome unknown") && tc.status == 0 {
					t.Errorf("the message does not say the outcome is unknown: %v", err)
				}
				var ae *APIError
				switch {
				case tc.status != 0 && (!errors.As(err, &ae) || ae.StatusCode != tc.status):
					t.Errorf("want an APIError %d: %v", tc.status, err)
				case tc.status == 0 && errors.As(err, &ae):
					t.Errorf("want no APIError: %v", err)
				}
				if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
					t.Errorf("want an error matching %v: %v", tc.wantErr, err)
				}
				if n := fs.hits.Load(); n < 1 || n > tc.maxHits {
					t.Errorf("%d requests, want 1 to %d", n, tc.maxHits)
				}
				if !strings.HasPrefix(err.Error(), "fakepay: Charges.") || strings.Contains(err.Error(), testKey) {
					t.Errorf("error text: %v", err)
				}
			})
		}
	}
}

func drainBody(r *http.Request) {
	buf := make([]byte, 32<<10)
	for range 1 << 10 { // at most 32 MiB
		if _, err := r.Body.Read(buf); err != nil {
			return
		}
	}
}
