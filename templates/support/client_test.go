package support

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const testKey = "sk_test_SECRET_5f3a9c"

// fakeServer is an httptest server that counts requests and new connections.
type fakeServer struct {
	*httptest.Server
	hits     atomic.Int64
	newConns atomic.Int64
	mu       sync.Mutex
	last     *http.Request
	lastBody []byte
	bodies   []string
	keys     []string
}

func newFakeServer(t *testing.T, h func(w http.ResponseWriter, r *http.Request, n int64)) *fakeServer {
	t.Helper()
	fs := &fakeServer{}
	fs.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := fs.hits.Add(1)
		b, _ := io.ReadAll(r.Body)
		fs.mu.Lock()
		fs.last, fs.lastBody = r.Clone(context.Background()), b
		fs.bodies = append(fs.bodies, string(b))
		fs.keys = append(fs.keys, r.Header.Get("Idempotency-Key"))
		fs.mu.Unlock()
		h(w, r, n)
	}))
	fs.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			fs.newConns.Add(1)
		}
	}
	fs.Start()
	t.Cleanup(fs.Close)
	return fs
}

func (fs *fakeServer) lastRequest() (*http.Request, []byte) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.last, fs.lastBody
}

func fastOpts(fs *fakeServer, extra ...Option) []Option {
	return append([]Option{
		WithBaseURL(fs.URL + "/v1/{merchant_id}"),
		WithMerchantID("m_123"),
		WithPrivateKey(testKey),
		WithRetryBackoff(time.Millisecond, 5*time.Millisecond),
		WithTimeout(5 * time.Second),
	}, extra...)
}

func mustClient(t *testing.T, opts ...Option) *fakeClient {
	t.Helper()
	c, err := newFakeClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func TestCreateSendsJSONAuthAndHeaders(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		w.Header().Set("X-Fake-Tracking-Id", "trk_1")
		writeJSON(w, 200, `{"id":"ch_1","amount":10.10,"currency":"MXN","status":"completed"}`)
	})
	c := mustClient(t, fastOpts(fs, WithHeader("X-Client", "c1"))...)
	var info ResponseInfo
	ch, err := c.Charges.Create(context.Background(), &ChargeParams{
		Amount: MustParseDecimal("10.10"), Currency: "MXN", Description: Ptr("order <42>"),
	}, WithRequestHeader("X-Call", "r1"), WithIdempotencyKey("idem-1"), WithResponseInfo(&info))
	if err != nil {
		t.Fatal(err)
	}
	if ch.ID != "ch_1" || ch.Amount.String() != "10.10" {
		t.Fatalf("got %+v", ch)
	}
	r, body := fs.lastRequest()
	if got, want := string(body), `{"amount":10.10,"currency":"MXN","description":"order <42>"}`; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
	if r.URL.Path != "/v1/m_123/charges" || r.Method != "POST" {
		t.Errorf("request %s %s", r.Method, r.URL.Path)
	}
	user, pass, ok := r.BasicAuth()
	if !ok || user != testKey || pass != "" {
		t.Errorf("basic auth = %q %q %v", user, pass, ok)
	}
	for k, want := range map[string]string{
		"User-Agent": "fakepay/1.2.3 (opgen)", "Accept": "application/json", "Content-Type": "application/json",
		"X-Client": "c1", "X-Call": "r1", "Idempotency-Key": "idem-1",
	} {
		if got := r.Header.Get(k); got != want {
			t.Errorf("header %s = %q, want %q", k, got, want)
		}
	}
	if info.StatusCode != 200 || info.RequestID != "trk_1" || info.Attempts != 1 {
		t.Errorf("info = %+v", info)
	}
}

func TestNewClientChecks(t *testing.T) {
	cases := []struct {
		name string
		opts []Option
		want string
	}{
		{"missing merchant", []Option{WithPrivateKey(testKey)},
			`fakepay: server variable "merchant_id" is required: use WithMerchantID`},
		{"no credential", []Option{WithMerchantID("m")}, `fakepay: credential: no credential given: use WithPrivateKey`},
		{"http not loopback", []Option{WithBaseURL("http://api.example.com/v1"), WithPrivateKey(testKey)}, "is not https: use WithInsecureHTTP"},
		{"unknown env", []Option{WithEnvironment("staging"), WithMerchantID("m"), WithPrivateKey(testKey)}, `unknown environment "staging"`},
		{"userinfo", []Option{WithBaseURL("https://u:p@api.example.com"), WithPrivateKey(testKey)}, "must not hold credentials"},
		{"bad retries", []Option{WithMaxRetries(-1)}, "fakepay: WithMaxRetries: must be between 0 and 20"},
		{"bad header", []Option{WithHeader("X-A", "a\r\nb")}, "WithHeader: invalid header"},
		{"empty key", []Option{WithMerchantID("m"), WithPrivateKey("")}, "WithPrivateKey: empty credential"},
		{"bad merchant", []Option{WithMerchantID("m?x=1"), WithPrivateKey(testKey)}, "WithMerchantID: value contains"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFakeClient(tc.opts...)
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ValidationError containing %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "u:p") {
				t.Fatal("userinfo leaked")
			}
		})
	}
	for _, opts := range [][]Option{
		{WithMerchantID("m"), WithPrivateKey(testKey)},
		{WithMerchantID("m"), WithPrivateKey(testKey), WithEnvironment(Production)},
		{WithBaseURL("http://localhost:8080/v1"), WithPrivateKey(testKey)},
		{WithBaseURL("http://[::1]:8080/"), WithPrivateKey(testKey)},
		{WithBaseURL("http://10.0.0.1/v1"), WithInsecureHTTP(), WithPrivateKey(testKey)},
	} {
		if _, err := newFakeClient(opts...); err != nil {
			t.Errorf("%v: %v", opts, err)
		}
	}
	c := mustClient(t, WithMerchantID("m_9"), WithPrivateKey(testKey), WithEnvironment(Production))
	if c.baseURL != "https://api.fakepay.test/v1/m_9" {
		t.Errorf("baseURL = %s", c.baseURL)
	}
	if got := c.String(); got != "fakepay.Client{baseURL: https://api.fakepay.test/v1/m_9, auth: [privateKey]}" {
		t.Errorf("String() = %s", got)
	}
}

func TestEnumServerVariable(t *testing.T) {
	def := &apiDefinition{Name: "regional", Environments: []environmentDef{{Name: "prod", URL: "https://{region}.example.com"}},
		ServerVariables: opgServerVars{{Name: "region", Default: "us", Enum: []string{"us", "eu"}, Option: "WithRegion"}}}
	if c, err := newClientCore(def, nil); err != nil || c.baseURL != "https://us.example.com" {
		t.Fatalf("default: %v %v", c, err)
	}
	if c, err := newClientCore(def, []Option{serverVariableOption("WithRegion", "region", "eu")}); err != nil || c.baseURL != "https://eu.example.com" {
		t.Fatalf("eu: %v %v", c, err)
	}
	_, err := newClientCore(def, []Option{serverVariableOption("WithRegion", "region", "mx")})
	if err == nil || !strings.Contains(err.Error(), `regional: WithRegion: server variable "region" must be one of us, eu`) {
		t.Fatalf("err = %v", err)
	}
	if _, err := newClientCore(&apiDefinition{Name: "x"}, nil); err == nil || !strings.Contains(err.Error(), "use WithBaseURL") {
		t.Fatalf("no servers: %v", err)
	}
}

func TestMissingCredentialAndIdempotencyKeyRejectedBeforeSending(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 200, `{}`) })
	def := *fakeAPI
	def.RequireCredential = false
	core, err := newClientCore(&def, []Option{WithBaseURL(fs.URL), WithMerchantID("m")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = core.do(context.Background(), opChargesGet, &request{Path: "/charges/x"}, nil)
	var ve *ValidationError
	if !errors.As(err, &ve) || err.Error() != "fakepay: Charges.Get: no credential for this operation: use WithPrivateKey" {
		t.Fatalf("err = %v", err)
	}
	c := mustClient(t, fastOpts(fs)...)
	_, err = c.Charges.Refund(context.Background(), "ch_1", WithIdempotencyKey("k1"))
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "fakepay: Charges.Refund: this operation takes no idempotency key") {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.Charges.Get(context.Background(), ""); err == nil || err.Error() != `fakepay: Charges.Get: required parameter "charge_id" is missing` {
		t.Fatalf("missing param: %v", err)
	}
	if fs.hits.Load() != 0 {
		t.Fatalf("server saw %d requests", fs.hits.Load())
	}
}

func TestRetry500ThenSuccess(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		if n < 3 {
			writeJSON(w, 500, `{"error_code":"server_error","description":"boom"}`)
			return
		}
		writeJSON(w, 200, `{"id":"ch_1","amount":1}`)
	})
	c := mustClient(t, fastOpts(fs)...)
	var info ResponseInfo
	ch, err := c.Charges.Get(context.Background(), "ch_1", WithResponseInfo(&info))
	if err != nil || ch.ID != "ch_1" {
		t.Fatalf("%v %v", ch, err)
	}
	if fs.hits.Load() != 3 || info.Attempts != 3 {
		t.Fatalf("hits %d attempts %d", fs.hits.Load(), info.Attempts)
	}
	if n := fs.newConns.Load(); n != 1 {
		t.Errorf("connections = %d, want 1 (bodies drained)", n)
	}
	// Exhausted retries: the last APIError, typed body reachable.
	fs2 := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		writeJSON(w, 503, `{"error_code":"unavailable","description":"try later"}`)
	})
	c2 := mustClient(t, fastOpts(fs2, WithMaxRetries(1))...)
	_, err = c2.Charges.Get(context.Background(), "ch_1")
	var apiErr *APIError
	var fe *FakeError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || !errors.As(err, &fe) || fe.Code != "unavailable" {
		t.Fatalf("err = %v", err)
	}
	if fs2.hits.Load() != 2 {
		t.Fatalf("hits = %d", fs2.hits.Load())
	}
	if errors.Is(err, ErrOutcomeUnknown) {
		t.Error("GET 503 is not an unknown outcome")
	}
	// 501 and 4xx are not retried.
	fs3 := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 501, `{}`) })
	c3 := mustClient(t, fastOpts(fs3)...)
	if _, err := c3.Charges.Get(context.Background(), "x"); err == nil || fs3.hits.Load() != 1 {
		t.Fatalf("501: %v hits %d", err, fs3.hits.Load())
	}
}

// recordWaits replaces c's retry timer by a fake clock: each wait asked for is recorded and returns at once, so
// that what is checked is the wait the client decided on, not how long a loaded machine took.
func recordWaits(c *clientCore) *[]time.Duration {
	var mu sync.Mutex
	waits := new([]time.Duration)
	c.sleep = func(ctx context.Context, d time.Duration) bool {
		mu.Lock()
		*waits = append(*waits, d)
		mu.Unlock()
		return ctx.Err() == nil
	}
	return waits
}

func TestRetryAfter(t *testing.T) {
	mk := func(ra func() string) *fakeServer {
		return newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
			if n == 1 {
				w.Header().Set("Retry-After", ra())
				writeJSON(w, 429, `{"error_code":"rate_limited","description":"slow down"}`)
				return
			}
			writeJSON(w, 200, `{"id":"ch_1","amount":1}`)
		})
	}
	t.Run("seconds", func(t *testing.T) {
		fs := mk(func() string { return "1" })
		c := mustClient(t, fastOpts(fs, WithRetryBackoff(time.Millisecond, 3*time.Second), WithTimeout(time.Minute))...)
		waits := recordWaits(c.clientCore)
		if _, err := c.Charges.Get(context.Background(), "ch_1"); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(*waits, []time.Duration{time.Second}) || fs.hits.Load() != 2 {
			t.Fatalf("waits %v, %d requests; want one wait of 1s (Retry-After), 2 requests", *waits, fs.hits.Load())
		}
	})
	t.Run("date", func(t *testing.T) {
		// 20 s ahead, at 1 s resolution: the wait is 19-20 s less the time the answer took to arrive. Any wait over
		// 5 s proves the date was read (the backoff alone is at most 1 ms).
		fs := mk(func() string { return time.Now().Add(20 * time.Second).UTC().Format(http.TimeFormat) })
		c := mustClient(t, fastOpts(fs, WithRetryBackoff(time.Millisecond, time.Minute), WithTimeout(time.Minute))...)
		waits := recordWaits(c.clientCore)
		if _, err := c.Charges.Get(context.Background(), "ch_1"); err != nil {
			t.Fatal(err)
		}
		if len(*waits) != 1 || (*waits)[0] < 5*time.Second || (*waits)[0] > 20*time.Second {
			t.Fatalf("waits %v, want one of up to 20s (Retry-After date)", *waits)
		}
	})
	t.Run("capped at max backoff", func(t *testing.T) {
		fs := mk(func() string { return "3600" })
		c := mustClient(t, fastOpts(fs, WithRetryBackoff(time.Millisecond, 50*time.Millisecond), WithTimeout(time.Minute))...)
		waits := recordWaits(c.clientCore)
		if _, err := c.Charges.Get(context.Background(), "ch_1"); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(*waits, []time.Duration{50 * time.Millisecond}) {
			t.Fatalf("waits %v, want one of 50ms (the maximum backoff)", *waits)
		}
	})
	t.Run("beyond deadline returns 429 at once", func(t *testing.T) {
		fs := mk(func() string { return "120" })
		c := mustClient(t, fastOpts(fs, WithRetryBackoff(time.Millisecond, 10*time.Minute))...)
		waits := recordWaits(c.clientCore)
		_, err := c.Charges.Get(context.Background(), "ch_1", WithRequestTimeout(time.Minute))
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 {
			t.Fatalf("err = %v", err)
		}
		if len(*waits) != 0 || fs.hits.Load() != 1 {
			t.Fatalf("waits %v, hits %d; want no wait (it would outlast the deadline) and 1 request", *waits, fs.hits.Load())
		}
	})
	// The real timer: a wait longer than the time left returns false at once, a cancelled context too.
	core := mustClient(t, WithBaseURL("https://api.fakepay.test/v1/{merchant_id}"), WithMerchantID("m"), WithPrivateKey(testKey),
		WithRetryBackoff(time.Millisecond, 2*time.Hour)).clientCore
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if core.wait(ctx, 1, time.Hour, true) {
		t.Error("a one-hour Retry-After within a minute's deadline was waited for")
	}
	cctx, ccancel := context.WithCancel(context.Background())
	ccancel()
	if core.wait(cctx, 1, time.Hour, true) {
		t.Error("a wait on a cancelled context went on")
	}
	for in, want := range map[string]time.Duration{"0": 0, "7": 7 * time.Second} {
		if d, ok := opgRetryAfter(in); !ok || d != want {
			t.Errorf("opgRetryAfter(%q) = %v %v", in, d, ok)
		}
	}
	for _, in := range []string{"", "-1", "soon"} {
		if _, ok := opgRetryAfter(in); ok {
			t.Errorf("opgRetryAfter(%q) accepted", in)
		}
	}
}

func TestPostRetryRules(t *testing.T) {
	fail500 := func(w http.ResponseWriter, r *http.Request, n int64) {
		writeJSON(w, 500, `{"error_code":"internal","description":"oops"}`)
	}
	t.Run("no key: not retried, 5xx is an unknown outcome", func(t *testing.T) {
		fs := newFakeServer(t, fail500)
		c := mustClient(t, fastOpts(fs)...)
		_, err := c.Charges.Create(context.Background(), &ChargeParams{Amount: MustParseDecimal("5.00"), Currency: "MXN"})
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || !errors.Is(err, ErrOutcomeUnknown) {
			t.Fatalf("err = %v", err)
		}
		if fs.hits.Load() != 1 {
			t.Fatalf("server saw %d requests, want 1", fs.hits.Load())
		}
	})
	t.Run("with key: retried byte-identical", func(t *testing.T) {
		fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
			if n < 3 {
				writeJSON(w, 502, `bad gateway`)
				return
			}
			writeJSON(w, 200, `{"id":"ch_2","amount":5.00}`)
		})
		c := mustClient(t, fastOpts(fs)...)
		ch, err := c.Charges.Create(context.Background(), &ChargeParams{Amount: MustParseDecimal("5.00"), Currency: "MXN"}, WithIdempotencyKey("key-7"))
		if err != nil || ch.Amount.String() != "5.00" {
			t.Fatalf("%v %v", ch, err)
		}
		fs.mu.Lock()
		defer fs.mu.Unlock()
		bodies, keys := fs.bodies, fs.keys
		if len(bodies) != 3 || bodies[0] != bodies[1] || bodies[1] != bodies[2] || bodies[0] != `{"amount":5.00,"currency":"MXN"}` {
			t.Fatalf("bodies = %q", bodies)
		}
		for _, k := range keys {
			if k != "key-7" {
				t.Fatalf("keys = %q", keys)
			}
		}
	})
	t.Run("idempotent operation retried", func(t *testing.T) {
		fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
			if n < 2 {
				fail500(w, r, n)
				return
			}
			writeJSON(w, 200, `{"id":"ch_3"}`)
		})
		c := mustClient(t, fastOpts(fs)...)
		if _, err := c.Charges.Capture(context.Background(), "ch_3"); err != nil || fs.hits.Load() != 2 {
			t.Fatalf("%v hits %d", err, fs.hits.Load())
		}
	})
}

// hijackClose reads the request and closes the connection without a response.
func hijackClose(w http.ResponseWriter, r *http.Request) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("no hijacker")
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		panic(err)
	}
	_ = buf
	conn.Close()
}

func TestUnknownOutcome(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { hijackClose(w, r) })
	c := mustClient(t, fastOpts(fs)...)
	_, err := c.Charges.Create(context.Background(), &ChargeParams{Amount: MustParseDecimal("1"), Currency: "MXN"})
	if !errors.Is(err, ErrOutcomeUnknown) || !strings.Contains(err.Error(), "fakepay: Charges.Create: POST ") {
		t.Fatalf("err = %v", err)
	}
	if errors.Unwrap(err) == nil && len(err.(interface{ Unwrap() []error }).Unwrap()) < 2 {
		t.Fatal("cause not wrapped")
	}
	if fs.hits.Load() != 1 {
		t.Fatalf("hits = %d, want 1", fs.hits.Load())
	}
	// GET on a dropped connection is retried, and is not "unknown".
	before := fs.hits.Load()
	_, err = c.Charges.Get(context.Background(), "ch_1")
	if err == nil || errors.Is(err, ErrOutcomeUnknown) || fs.hits.Load()-before != 3 {
		t.Fatalf("GET: %v, hits %d", err, fs.hits.Load()-before)
	}
	// With a key, the POST is retried until it succeeds.
	fs2 := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		if n == 1 {
			hijackClose(w, r)
			return
		}
		writeJSON(w, 200, `{"id":"ch_9","amount":1}`)
	})
	c2 := mustClient(t, fastOpts(fs2)...)
	if _, err := c2.Charges.Create(context.Background(), &ChargeParams{Amount: MustParseDecimal("1")}, WithIdempotencyKey("k")); err != nil || fs2.hits.Load() != 2 {
		t.Fatalf("%v hits %d", err, fs2.hits.Load())
	}
}

func TestConnectionRefusedIsRetriedForPost(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c := mustClient(t, WithBaseURL("http://"+addr+"/v1/{merchant_id}"), WithMerchantID("m"), WithPrivateKey(testKey),
		WithRetryBackoff(time.Millisecond, 2*time.Millisecond))
	var info ResponseInfo
	_, err = c.Charges.Create(context.Background(), &ChargeParams{Amount: MustParseDecimal("1")}, WithResponseInfo(&info))
	if err == nil || errors.Is(err, ErrOutcomeUnknown) || info.Attempts != 3 || info.StatusCode != 0 {
		t.Fatalf("err = %v, info %+v", err, info)
	}
	if strings.Contains(err.Error(), testKey) {
		t.Fatal("key in error")
	}
}

// TestTimeoutAndCancellation: the server never answers (until the test ends, or 60 s), so a call can only end by
// its timeout or its cancellation: no elapsed time is compared, and a slow machine cannot fail the test.
func TestTimeoutAndCancellation(t *testing.T) {
	release := make(chan struct{})
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		select {
		case <-r.Context().Done():
		case <-release:
		case <-time.After(60 * time.Second):
		}
	})
	defer close(release)
	c := mustClient(t, fastOpts(fs, WithTimeout(150*time.Millisecond))...)
	_, err := c.Charges.Create(context.Background(), &ChargeParams{Amount: MustParseDecimal("1")})
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("POST err = %v", err)
	}
	if fs.hits.Load() > 1 {
		t.Fatalf("hits %d", fs.hits.Load())
	}
	// GET: the timeout covers all attempts; not an unknown outcome.
	_, err = c.Charges.Get(context.Background(), "ch_1")
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("GET err = %v", err)
	}
	// Per-call timeout overrides: a 30 ms one on a client whose timeout is an hour.
	cLong := mustClient(t, fastOpts(fs, WithTimeout(time.Hour))...)
	_, err = cLong.Charges.Get(context.Background(), "ch_1", WithRequestTimeout(30*time.Millisecond))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	// Cancellation during backoff stops at once: the fake clock cancels when the first wait starts and records
	// whether the wait returned on it.
	fs2 := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 500, `{}`) })
	c2 := mustClient(t, fastOpts(fs2, WithRetryBackoff(time.Hour, time.Hour), WithMaxRetries(5), WithTimeout(24*time.Hour))...)
	ctx, cancel := context.WithCancel(context.Background())
	waits := 0
	c2.sleep = func(ctx context.Context, d time.Duration) bool {
		waits++
		cancel()
		<-ctx.Done()
		return false
	}
	_, err = c2.Charges.Get(ctx, "ch_1")
	var apiErr *APIError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &apiErr) || waits != 1 || fs2.hits.Load() != 1 {
		t.Fatalf("err = %v after %d waits, %d requests", err, waits, fs2.hits.Load())
	}
	if !strings.HasPrefix(err.Error(), "fakepay: Charges.Get: GET ") {
		t.Fatalf("err = %v", err)
	}
	// Already-cancelled context: nothing sent.
	before := fs2.hits.Load()
	_, err = c2.Charges.Create(ctx, &ChargeParams{})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrOutcomeUnknown) || fs2.hits.Load() != before {
		t.Fatalf("err = %v", err)
	}
}

func TestBadResponses(t *testing.T) {
	var mode atomic.Value
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		switch mode.Load().(string) {
		case "malformed":
			writeJSON(w, 200, `{"id": "ch_1", "amount": }`)
		case "html":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			io.WriteString(w, "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
		case "html200":
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, "<html>login</html>")
		case "empty":
			w.WriteHeader(200)
		case "empty404":
			w.WriteHeader(404)
		case "truncated":
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(400)
			io.WriteString(w, `{"error_code":"inva`)
		case "deep":
			writeJSON(w, 200, strings.Repeat("[", 600)+strings.Repeat("]", 600))
		case "trailing":
			writeJSON(w, 200, `{"id":"a"} {"id":"b"}`)
		case "redirect":
			http.Redirect(w, r, "/elsewhere", http.StatusFound)
		}
	})
	c := mustClient(t, fastOpts(fs, WithMaxRetries(0))...)
	get := func(m string) error {
		mode.Store(m)
		_, err := c.Charges.Get(context.Background(), "ch_1")
		return err
	}
	if err := get("malformed"); err == nil || !strings.HasPrefix(err.Error(), "fakepay: Charges.Get: decoding 200 response") {
		t.Errorf("malformed: %v", err)
	}
	var apiErr *APIError
	err := get("html")
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 502 || apiErr.Err != nil || !strings.Contains(err.Error(), "502 Bad Gateway: HTML page: 502 Bad Gateway") {
		t.Errorf("html: %v", err)
	}
	if err := get("html200"); err == nil || !strings.Contains(err.Error(), "text/html") {
		t.Errorf("html200: %v", err)
	}
	if err := get("empty"); err == nil || !strings.Contains(err.Error(), "decoding 200 response: empty body") {
		t.Errorf("empty: %v", err)
	}
	if err := get("empty404"); !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || err.Error() != "fakepay: Charges.Get: GET "+fs.URL+"/v1/m_123/charges/ch_1: 404 Not Found" {
		t.Errorf("empty404: %v", err)
	}
	if err := get("truncated"); !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || string(apiErr.Body) != `{"error_code":"inva` {
		t.Errorf("truncated: %v", err)
	}
	if err := get("deep"); err == nil || !strings.Contains(err.Error(), "deeper than 512") {
		t.Errorf("deep: %v", err)
	}
	if err := get("trailing"); err == nil || !strings.Contains(err.Error(), "trailing data") {
		t.Errorf("trailing: %v", err)
	}
	// Same-host redirect followed; the loop is stopped after 10.
	if err := get("redirect"); err == nil || !strings.Contains(err.Error(), "10 redirects") {
		t.Errorf("redirect loop: %v", err)
	}
}

func TestResponseTooLarge(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		w.Header().Set("Content-Type", "application/json")
		chunk := bytes.Repeat([]byte("a"), 1<<20)
		io.WriteString(w, `{"id":"`)
		for i := 0; i < 20; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		io.WriteString(w, `"}`)
	})
	c := mustClient(t, fastOpts(fs)...)
	_, err := c.Charges.Get(context.Background(), "ch_1")
	if !errors.Is(err, ErrResponseTooLarge) || fs.hits.Load() != 1 {
		t.Fatalf("err = %v, hits %d", err, fs.hits.Load())
	}
	c2 := mustClient(t, fastOpts(fs, WithMaxResponseBytes(1024))...)
	if _, err := c2.Charges.Get(context.Background(), "ch_1"); !errors.Is(err, ErrResponseTooLarge) {
		t.Fatalf("err = %v", err)
	}
}

func TestRedirects(t *testing.T) {
	other := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 200, `{"id":"stolen"}`) })
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/charges/away"):
			http.Redirect(w, r, other.URL+"/steal", http.StatusFound)
		case strings.HasSuffix(r.URL.Path, "/charges/old"):
			http.Redirect(w, r, "/v1/m_123/charges/new", http.StatusMovedPermanently)
		default:
			if u, _, _ := r.BasicAuth(); u != testKey {
				writeJSON(w, 401, `{}`)
				return
			}
			writeJSON(w, 200, `{"id":"ch_new"}`)
		}
	})
	userClient := &http.Client{}
	c := mustClient(t, fastOpts(fs, WithHTTPClient(userClient))...)
	_, err := c.Charges.Get(context.Background(), "away")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 302 || other.hits.Load() != 0 {
		t.Fatalf("cross-host: %v, other hits %d", err, other.hits.Load())
	}
	ch, err := c.Charges.Get(context.Background(), "old")
	if err != nil || ch.ID != "ch_new" {
		t.Fatalf("same-host: %v %v", ch, err)
	}
	if userClient.CheckRedirect != nil {
		t.Fatal("user's http.Client mutated")
	}
}

func TestConcurrentUse(t *testing.T) {
	var seen sync.Map
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		if _, again := seen.LoadOrStore(r.URL.Path, true); !again {
			writeJSON(w, 503, `{}`)
			return
		}
		writeJSON(w, 200, `{"id":"ch_1","amount":"1.50"}`)
	})
	var logBuf syncBuffer
	c := mustClient(t, fastOpts(fs, WithLogger(slog.New(slog.NewJSONHandler(&logBuf, &slog.HandlerOptions{Level: LevelTrace}))))...)
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				ch, err := c.Charges.Get(context.Background(), fmt.Sprintf("ch_%d_%d", i, j))
				if err == nil && ch.Amount.String() != "1.50" {
					err = fmt.Errorf("amount %s", ch.Amount)
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Sequential calls reuse one connection.
	seq := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 200, `{"id":"x"}`) })
	c2 := mustClient(t, fastOpts(seq)...)
	for i := 0; i < 10; i++ {
		if _, err := c2.Charges.Get(context.Background(), "x"); err != nil {
			t.Fatal(err)
		}
	}
	if n := seq.newConns.Load(); n != 1 {
		t.Errorf("connections = %d", n)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLoggingAndRedaction(t *testing.T) {
	const card, cvv, doc = "4111111111111111", "9731", "DOC-SECRET-77"
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		w.Header().Set("X-Request-Id", "req_42")
		if n == 1 {
			writeJSON(w, 500, `{}`)
			return
		}
		writeJSON(w, 402, `{"error_code":"card_declined","description":"card `+card+` declined","card":{"number":"`+card+`","cvv2":"`+cvv+`"},"holder_document":"`+doc+`"}`)
	})
	var logBuf syncBuffer
	logger := slog.New(slog.NewJSONHandler(&logBuf, &slog.HandlerOptions{Level: LevelTrace}))
	c := mustClient(t, fastOpts(fs, WithLogger(logger))...)
	_, err := c.Charges.Create(context.Background(), &ChargeParams{
		Amount: MustParseDecimal("99.90"), Currency: "MXN", HolderDocument: doc,
		Card: &Card{CardNumber: card, CVV2: cvv, HolderName: "Ana", ExpirationMonth: "12"},
	}, WithIdempotencyKey("idem"))
	var apiErr *APIError
	var fe *FakeError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 402 || apiErr.RequestID != "req_42" || !errors.As(err, &fe) {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "402 Payment Required: card_declined: card 411111******1111 declined") {
		t.Errorf("error = %s", msg)
	}
	logs := logBuf.String()
	lines := strings.Split(strings.TrimSpace(logs), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 log lines (one per attempt), got %d:\n%s", len(lines), logs)
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"msg": "http request", "operation": "Charges.Create", "method": "POST", "path": "/charges", "status": 500.0, "attempt": 1.0, "level": "DEBUG"} {
		if first[k] != want {
			t.Errorf("log %s = %v, want %v", k, first[k], want)
		}
	}
	if !strings.Contains(logs, `\"amount\":99.90`) || !strings.Contains(logs, "411111******1111") || !strings.Contains(logs, "[REDACTED]") {
		t.Errorf("trace bodies missing:\n%s", logs)
	}
	basic := base64.StdEncoding.EncodeToString([]byte(testKey + ":"))
	for _, secret := range []string{card, cvv, doc, testKey, basic} {
		for where, s := range map[string]string{"logs": logs, "error": msg, "url": apiErr.URL} {
			if strings.Contains(s, secret) {
				t.Errorf("%q leaked into %s:\n%s", secret, where, s)
			}
		}
	}
	// Debug level: no bodies.
	var dbg syncBuffer
	c2 := mustClient(t, fastOpts(fs, WithLogger(slog.New(slog.NewTextHandler(&dbg, &slog.HandlerOptions{Level: slog.LevelDebug}))))...)
	c2.Charges.Get(context.Background(), "x", WithRequestMaxRetries(0))
	if strings.Contains(dbg.String(), "body") || !strings.Contains(dbg.String(), "http request") {
		t.Errorf("debug log = %s", dbg.String())
	}
}

func TestNoSecretInFormatting(t *testing.T) {
	c := mustClient(t, WithMerchantID("m"), WithPrivateKey(testKey))
	cred := credential{Username: testKey, Password: testKey, Token: testKey, APIKey: testKey}
	req := &request{Path: "/x", Header: map[string][]string{"Authorization": {testKey}}, Body: jsonBody(map[string]string{"k": testKey})}
	values := []any{c, c.clientCore, *c, *c.clientCore, *req, (*clientCore)(nil), WithPrivateKey(testKey), credentialOption("WithToken", "privateKey", cred), cred, &cred,
		WithIdempotencyKey(testKey), WithRequestHeader("Authorization", testKey), req, []Option{WithPrivateKey(testKey)},
		struct{ C credential }{cred}, map[string]credential{"a": cred}}
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"} {
			if s := fmt.Sprintf(verb, v); strings.Contains(s, testKey) || strings.Contains(s, fmt.Sprintf("%x", testKey)) {
				t.Errorf("%s of %T leaks: %s", verb, v, s)
			}
		}
	}
	if s := fmt.Sprint(WithPrivateKey(testKey)); s != "WithPrivateKey" {
		t.Errorf("option prints %q", s)
	}
}

func TestFormatsNeverExpose(t *testing.T) {
	// Option errors name the option, not the value.
	_, err := newFakeClient(WithMerchantID("m"), credentialOption("WithPrivateKey", "nope", credential{Username: testKey}))
	if err == nil || strings.Contains(err.Error(), testKey) || !strings.Contains(err.Error(), "WithPrivateKey") {
		t.Fatalf("err = %v", err)
	}
}
