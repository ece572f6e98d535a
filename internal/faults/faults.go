// Package faults is the fault-injection matrix of the generated SDKs' runtime: loopback servers that misbehave
// in one way each, and what a call must observe under each of them, per kind of call. Two test suites replay
// it: templates/support (the runtime, on its hand-written fake SDK, every column) and sdktest/reliability (the
// generated openpaymx and culqi SDKs, the GET and POST columns: no generated operation declares an idempotency
// key). docs/RELIABILITY.md mirrors Matrix; Markdown renders it and a test keeps the two equal.
//
// Not API: test machinery, internal so that nothing outside this repository imports it.
//
// Every server listens on 127.0.0.1 only, and every wait in a handler is bounded.
package faults

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Column is a kind of call.
type Column int

const (
	// Get is a GET (Charges.Get): safe to retry.
	Get Column = iota
	// Post is a POST without an idempotency key (Charges.Create): never sent twice.
	Post
	// PostKey is a POST with WithIdempotencyKey: retried with the same key.
	PostKey
)

// Columns lists every column, in table order.
var Columns = []Column{Get, Post, PostKey}

// String is the column's name in the test names and in docs/RELIABILITY.md.
func (c Column) String() string {
	switch c {
	case Get:
		return "GET"
	case Post:
		return "POST"
	case PostKey:
		return "POST+key"
	}
	return "column" + strconv.Itoa(int(c))
}

// Header is the column's heading in the document.
func (c Column) Header() string {
	switch c {
	case Get:
		return "GET `Charges.Get`"
	case Post:
		return "POST `Charges.Create`, no idempotency key"
	case PostKey:
		return "POST with `WithIdempotencyKey` (fake SDK)"
	}
	return c.String()
}

// Client settings every call of the matrix uses (besides the fault's own timeout and backoff).
const (
	// DefaultTimeout is the call timeout (WithRequestTimeout) of a fault that sets none: long enough that no cell
	// expecting a value or a count of retries depends on the machine's speed.
	DefaultTimeout = 60 * time.Second
	// MaxRetries is the client's retry budget: the SDK default.
	MaxRetries = 2
	// BackoffInitial is the first retry's maximum wait.
	BackoffInitial = time.Millisecond
	// BigBody is the size of the request description sent when Fault.BigBody is set.
	BigBody = 1 << 20
	// OKID is the charge id of the success body; a call returning it returned "the right value".
	OKID = "ch_ok"
	// OKBody is the success body, decodable by every SDK's Charge.
	OKBody = `{"id":"ch_ok","amount":1050,"currency":"MXN"}`
)

// Fault is one misbehaving server and the observation expected in each column.
type Fault struct {
	Name    string
	Handler func(e *Env, w http.ResponseWriter, r *http.Request, n int64)
	// Timeout is the per-call timeout; 0 means DefaultTimeout.
	Timeout time.Duration
	// BackoffMax is the client's maximum backoff (Retry-After is capped by it); 0 means 5ms.
	BackoffMax time.Duration
	// BigBody: send a BigBody-byte request body (the POST columns).
	BigBody bool
	// MinElapsed: a call that made more than one attempt must have taken at least this long (Retry-After).
	MinElapsed time.Duration
	// TLS: the server speaks https with a certificate no client trusts (httptest's own).
	TLS bool
	// CountConns: the attempts are the connections the server accepted, not the requests it handled (a TLS
	// failure reaches no handler).
	CountConns bool
	// MaxHits is the most requests a cell may make when a redirect chain, not a retry, makes more than the retry
	// budget: 0 means the budget (MaxRetries+1).
	MaxHits int64
	// ErrorContains is a text every failing cell's error must contain.
	ErrorContains string
	// WantID is the charge id a successful call must return; "" means OKID.
	WantID string
	// Expect is the observation per column (see Observe), e.g. "value; 3 attempts".
	Expect [3]string
	// Note explains the row in the document.
	Note string
}

// CallTimeout is the call's timeout.
func (f *Fault) CallTimeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultTimeout
}

// Backoff returns the client's WithRetryBackoff arguments.
func (f *Fault) Backoff() (initial, max time.Duration) {
	if f.BackoffMax > 0 {
		return BackoffInitial, f.BackoffMax
	}
	return BackoffInitial, 5 * time.Millisecond
}

// Description is the charge description a call sends: short, or BigBody bytes.
func (f *Fault) Description() string {
	if f.BigBody {
		return strings.Repeat("d", BigBody)
	}
	return "fault matrix"
}

func (f *Fault) wantID() string {
	if f.WantID != "" {
		return f.WantID
	}
	return OKID
}

// Env is what a handler may use besides its request: the URL of a second listener on another port (another
// origin), which counts the requests and Authorization headers that reach it.
type Env struct {
	OtherURL  string
	otherHits atomic.Int64
	otherAuth atomic.Int64
}

// Classifier tells Observe about one SDK's error types.
type Classifier struct {
	API            string                        // package name, the prefix of every error message
	APIStatus      func(error) (int, bool)       // the status of the *APIError in err's chain
	OutcomeUnknown error                         // the package's ErrOutcomeUnknown
	TooLarge       error                         // the package's ErrResponseTooLarge
	Secrets        []string                      // values no error message may contain (credentials)
	Check          func(t testing.TB, err error) // optional extra checks of every error
}

// Call makes one call of column col against baseURL ("http://127.0.0.1:port"; the SDK adds its own path prefix
// through WithBaseURL) with the fault's timeout, backoff and request body, and returns the charge id it decoded.
type Call func(ctx context.Context, col Column, baseURL string, f *Fault) (id string, err error)

// Observe describes the outcome of a call: "value" (the right one), "wrong value", or the error's kind ("APIError
// 503", "ErrResponseTooLarge", "timeout", "decode error", "transport error") followed by " + ErrOutcomeUnknown"
// when the error matches it; then "; N attempts" counted by the server.
func Observe(cl Classifier, id string, err error, wantID string, attempts int64) string {
	var s string
	status, isAPI := 0, false
	if err != nil {
		status, isAPI = cl.APIStatus(err)
	}
	switch {
	case err == nil && id == wantID:
		s = "value"
	case err == nil:
		s = "wrong value " + strconv.Quote(id)
	case isAPI:
		s = "APIError " + strconv.Itoa(status)
	default:
		var cv *tls.CertificateVerificationError
		switch {
		case errors.Is(err, cl.TooLarge):
			s = "ErrResponseTooLarge"
		case errors.As(err, &cv) || errors.As(err, new(x509.UnknownAuthorityError)):
			s = "certificate error"
		case strings.Contains(err.Error(), ": stopped after ") && strings.Contains(err.Error(), " redirects"):
			s = "too many redirects"
		case errors.Is(err, context.DeadlineExceeded):
			s = "timeout"
		case strings.Contains(err.Error(), ": decoding "):
			s = "decode error"
		case IsTransport(err):
			s = "transport error"
		default:
			s = "untyped error " + strconv.Quote(err.Error())
		}
	}
	if err != nil && errors.Is(err, cl.OutcomeUnknown) {
		s += " + ErrOutcomeUnknown"
	}
	if attempts == 1 {
		return s + "; 1 attempt"
	}
	return s + "; " + strconv.FormatInt(attempts, 10) + " attempts"
}

// IsTransport reports whether err carries a network failure the caller can inspect: a *net.OpError (a reset, a
// refused or broken connection), io.EOF (closed before a response) or io.ErrUnexpectedEOF (a body cut short).
// Observe calls an error a "transport error" only then, so an SDK that flattens its cause into text fails the
// matrix.
func IsTransport(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// Run replays one cell: it starts the fault's server and the second listener, makes the call, and fails t unless
// the observation is the expected one, the call did not panic, a POST without a key reached the server at most
// once, the error names its API, carries no secret, and no request reached the other origin.
func Run(t *testing.T, f *Fault, col Column, call Call, cl Classifier) {
	t.Helper()
	env := &Env{}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		env.otherHits.Add(1)
		if r.Header.Get("Authorization") != "" {
			env.otherAuth.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"ch_stolen"}`)
	}))
	defer other.Close()
	env.OtherURL = other.URL
	var hits, conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.Handler(env, w, r, hits.Add(1))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	if f.TLS {
		srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the rejected handshakes
		srv.StartTLS()
	} else {
		srv.Start()
	}
	defer srv.Close()
	attempts := hits.Load
	if f.CountConns {
		attempts = conns.Load
	}

	start := time.Now()
	id, panicked, err := safeCall(call, col, srv.URL, f)
	elapsed := time.Since(start)
	if panicked != nil {
		t.Fatalf("%s / %s: panic: %v", f.Name, col, panicked)
	}
	got := Observe(cl, id, err, f.wantID(), attempts())
	t.Logf("observed %q in %v; err: %v", got, elapsed.Round(time.Millisecond), err)
	if want := f.Expect[col]; got != want {
		t.Errorf("%s / %s: observed %q, want %q (err: %v)", f.Name, col, got, want, err)
	}
	if col == Post && attempts() > 1 {
		t.Errorf("%s / %s: a POST without an idempotency key reached the server %d times", f.Name, col, attempts())
	}
	if n := attempts(); n > MaxRetries+1 && n > f.MaxHits {
		t.Errorf("%s / %s: %d attempts, more than the retry budget allows", f.Name, col, attempts())
	}
	if attempts() > 1 && elapsed < f.MinElapsed {
		t.Errorf("%s / %s: retried after %v, want at least %v (Retry-After)", f.Name, col, elapsed, f.MinElapsed)
	}
	if n, a := env.otherHits.Load(), env.otherAuth.Load(); n != 0 || a != 0 {
		t.Errorf("%s / %s: the other origin saw %d requests, %d with Authorization", f.Name, col, n, a)
	}
	if err != nil {
		msg := err.Error()
		if !strings.HasPrefix(msg, cl.API+": ") {
			t.Errorf("%s / %s: error does not name its API %q: %s", f.Name, col, cl.API, msg)
		}
		if want := strings.ReplaceAll(f.ErrorContains, "{url}", srv.URL); !strings.Contains(msg, want) {
			t.Errorf("%s / %s: the error does not say %q: %s", f.Name, col, want, msg)
		}
		for _, form := range []string{msg, fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			for _, s := range cl.Secrets {
				if strings.Contains(form, s) {
					t.Errorf("%s / %s: a secret leaks into the error: %s", f.Name, col, form)
				}
			}
		}
		if cl.Check != nil {
			cl.Check(t, err)
		}
	}
}

// RunAll replays the given columns of every row of Matrix, 12 cells at a time: most cells only wait
// (Retry-After, timeouts), so they are not throttled by -parallel (GOMAXPROCS).
func RunAll(t *testing.T, cols []Column, call Call, cl Classifier) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 12)
	for i := range Matrix {
		f := &Matrix[i]
		for _, col := range cols {
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				t.Run(f.Name+"/"+col.String(), func(t *testing.T) { Run(t, f, col, call, cl) })
			})
		}
	}
	wg.Wait()
}

func safeCall(call Call, col Column, base string, f *Fault) (id string, panicked any, err error) {
	defer func() {
		if p := recover(); p != nil {
			panicked = p
		}
	}()
	// The SDK's own timeout bounds the call; this context is a backstop.
	ctx, cancel := context.WithTimeout(context.Background(), f.CallTimeout()+10*time.Second)
	defer cancel()
	id, err = call(ctx, col, base, f)
	return id, nil, err
}

// Reset drops the connection with a TCP RST (SO_LINGER 0) without writing a response.
func Reset(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}

// Hangup closes the connection normally (FIN) without writing a response.
func Hangup(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	conn.Close()
}

// WriteJSON writes a JSON response.
func WriteJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// waitGone blocks until the client has gone (or 10 s, a bound that no test reaches).
func waitGone(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

// raw hijacks the connection, writes s as the whole response bytes, then (if stall) waits for the client to hang
// up, and closes the connection.
func raw(w http.ResponseWriter, s string, stall bool) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	buf.WriteString(s)
	buf.Flush()
	if stall {
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		io.Copy(io.Discard, conn) // returns when the client closes, or at the deadline
	}
}

// HugeBody writes a JSON body of about n bytes with the given status, in 1 MiB chunks, stopping when the client stops reading.
func HugeBody(w http.ResponseWriter, status int, n int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, `{"id":"`)
	chunk := []byte(strings.Repeat("a", 1<<20))
	for written := 0; written < n; written += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
	io.WriteString(w, `"}`)
}

// Deep is a JSON array nested n levels.
func Deep(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

func drain(r *http.Request) { io.Copy(io.Discard, io.LimitReader(r.Body, 64<<20)) }

// Matrix is the fault-injection matrix. Attempts are counted by the server. The client uses the SDK's default
// retry budget (2 retries) and a 1-5 ms backoff.
var Matrix = []Fault{
	{
		Name: "connection reset (RST) before the request body is read",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			Reset(w) // the headers are parsed; the 1 MiB body is still being sent
		},
		BigBody: true,
		Expect:  [3]string{"transport error; 3 attempts", "transport error + ErrOutcomeUnknown; 1 attempt", "transport error + ErrOutcomeUnknown; 3 attempts"},
		Note:    "the POST body is 1 MiB, so the reset hits the client while it is still sending",
	},
	{
		Name: "connection reset (RST) after the request body is read",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			Reset(w)
		},
		Expect: [3]string{"transport error; 3 attempts", "transport error + ErrOutcomeUnknown; 1 attempt", "transport error + ErrOutcomeUnknown; 3 attempts"},
	},
	{
		Name: "connection closed (FIN) without a response",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			Hangup(w)
		},
		Expect: [3]string{"transport error; 3 attempts", "transport error + ErrOutcomeUnknown; 1 attempt", "transport error + ErrOutcomeUnknown; 3 attempts"},
	},
	{
		Name: "502, 503, then 200",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			switch n {
			case 1:
				WriteJSON(w, 502, `{"message":"bad gateway"}`)
			case 2:
				WriteJSON(w, 503, `{"message":"unavailable"}`)
			default:
				WriteJSON(w, 200, OKBody)
			}
		},
		Expect: [3]string{"value; 3 attempts", "APIError 502 + ErrOutcomeUnknown; 1 attempt", "value; 3 attempts"},
	},
	{
		Name: "502, 503, 504, then 200 (more failures than retries)",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			if n <= 3 {
				WriteJSON(w, 501+int(n), `{"message":"gateway"}`)
				return
			}
			WriteJSON(w, 200, OKBody)
		},
		Expect: [3]string{"APIError 504; 3 attempts", "APIError 502 + ErrOutcomeUnknown; 1 attempt", "APIError 504 + ErrOutcomeUnknown; 3 attempts"},
		Note:   "the fourth request is never sent",
	},
	{
		Name: "500 on every attempt",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			WriteJSON(w, 500, `{"message":"internal"}`)
		},
		Expect: [3]string{"APIError 500; 3 attempts", "APIError 500 + ErrOutcomeUnknown; 1 attempt", "APIError 500 + ErrOutcomeUnknown; 3 attempts"},
	},
	{
		Name: "429 with `Retry-After: 1` (seconds), then 200",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			if n == 1 {
				w.Header().Set("Retry-After", "1")
				WriteJSON(w, 429, `{"message":"slow down"}`)
				return
			}
			WriteJSON(w, 200, OKBody)
		},
		BackoffMax: 3 * time.Second,
		MinElapsed: 900 * time.Millisecond,
		Expect:     [3]string{"value; 2 attempts", "APIError 429; 1 attempt", "value; 2 attempts"},
		Note:       "the retry waits the 1 s asked (capped by the maximum backoff); a 429 is not an unknown outcome",
	},
	{
		Name: "429 with `Retry-After` as an HTTP date 2 s ahead, then 200",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			if n == 1 {
				w.Header().Set("Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))
				WriteJSON(w, 429, `{"message":"slow down"}`)
				return
			}
			WriteJSON(w, 200, OKBody)
		},
		BackoffMax: 3 * time.Second,
		MinElapsed: 900 * time.Millisecond, // the date has 1 s resolution
		Expect:     [3]string{"value; 2 attempts", "APIError 429; 1 attempt", "value; 2 attempts"},
	},
	{
		Name: "response headers slower than the 2 s call timeout",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			waitGone(r)
		},
		Timeout: 2 * time.Second,
		Expect:  [3]string{"timeout; 1 attempt", "timeout + ErrOutcomeUnknown; 1 attempt", "timeout + ErrOutcomeUnknown; 1 attempt"},
		Note:    "the timeout covers the whole call, retries included",
	},
	{
		Name: "body stalls midway (headers and half the JSON, then nothing)",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			raw(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 46\r\n\r\n{\"id\":\"ch_ok\",", true)
		},
		Timeout: 2 * time.Second,
		Expect:  [3]string{"timeout; 1 attempt", "timeout + ErrOutcomeUnknown; 1 attempt", "timeout + ErrOutcomeUnknown; 1 attempt"},
	},
	{
		Name: "truncated body: `Content-Length: 200`, 18 bytes, then close",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			raw(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"id\":\"ch_ok\",\"amo", false)
		},
		Expect: [3]string{"transport error; 3 attempts", "transport error + ErrOutcomeUnknown; 1 attempt", "transport error + ErrOutcomeUnknown; 3 attempts"},
		Note:   "unexpected EOF while reading a 200: retried only when safe",
	},
	{
		Name: "truncated JSON in a complete 200 response",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			WriteJSON(w, 200, `{"id":"ch_ok","amo`)
		},
		Expect: [3]string{"decode error; 1 attempt", "decode error + ErrOutcomeUnknown; 1 attempt", "decode error + ErrOutcomeUnknown; 1 attempt"},
		Note:   "a POST that succeeded but whose result is unreadable is an unknown outcome",
	},
	{
		Name: "wrong content type: an HTML page with status 200",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, "<!DOCTYPE html><html><head><title>Sign in</title></head><body>captive portal</body></html>")
		},
		Expect: [3]string{"decode error; 1 attempt", "decode error + ErrOutcomeUnknown; 1 attempt", "decode error + ErrOutcomeUnknown; 1 attempt"},
		Note:   "the error names the Content-Type",
	},
	{
		Name: "invalid UTF-8 inside a JSON string",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			WriteJSON(w, 200, "{\"id\":\"ch_\xff\xfeok\",\"amount\":1050}")
		},
		WantID: "ch_\uFFFD\uFFFDok",
		Expect: [3]string{"value; 1 attempt", "value; 1 attempt", "value; 1 attempt"},
		Note:   "each invalid byte decodes as U+FFFD, as encoding/json does",
	},
	{
		Name: "20 MB body, over the 16 MiB response cap",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			HugeBody(w, 200, 20<<20)
		},
		Expect: [3]string{"ErrResponseTooLarge; 1 attempt", "ErrResponseTooLarge + ErrOutcomeUnknown; 1 attempt", "ErrResponseTooLarge + ErrOutcomeUnknown; 1 attempt"},
		Note:   "at most cap+1 bytes are read, then the connection is dropped",
	},
	{
		Name: "JSON nested 10,000 levels deep",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			WriteJSON(w, 200, Deep(10000))
		},
		Expect: [3]string{"decode error; 1 attempt", "decode error + ErrOutcomeUnknown; 1 attempt", "decode error + ErrOutcomeUnknown; 1 attempt"},
		Note:   "rejected above 512 levels before decoding: no deep recursion",
	},
	{
		Name: "307 redirect to another origin (a second listener)",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			http.Redirect(w, r, e.OtherURL+"/steal", http.StatusTemporaryRedirect)
		},
		Expect: [3]string{"APIError 307; 1 attempt", "APIError 307; 1 attempt", "APIError 307; 1 attempt"},
		Note:   "not followed: the second listener sees no request and no Authorization header",
	},
	{
		Name: "302 redirect to another host name (`localhost`, the second listener)",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			http.Redirect(w, r, strings.Replace(e.OtherURL, "127.0.0.1", "localhost", 1)+"/steal", http.StatusFound)
		},
		Expect: [3]string{"APIError 302; 1 attempt", "APIError 302; 1 attempt", "APIError 302; 1 attempt"},
		Note:   "not followed either (net/http would resend a POST as a GET there): no request, no credential",
	},
	{
		Name:          "308 to the same origin, then 200 there",
		Handler:       redirectThen(http.StatusPermanentRedirect),
		ErrorContains: "redirect to {url}/",
		Expect:        [3]string{"value; 2 attempts", "APIError 308; 1 attempt", "value; 2 attempts"},
		Note:          "a 307/308 resends the body: followed only when sending it again is safe (a read, a key, PUT, DELETE); else the error names the Location and the body was sent once",
	},
	{
		Name:          "303 See Other to the same origin, then 200 to the GET there",
		Handler:       redirectThen(http.StatusSeeOther),
		ErrorContains: "redirect to {url}/",
		Expect:        [3]string{"value; 2 attempts", "APIError 303; 1 attempt", "APIError 303; 1 attempt"},
		Note:          "net/http would turn the write into a GET and return its answer as the write's result: a write never follows 301/302/303",
	},
	{
		Name:          "301 to the same origin, then 200 there",
		Handler:       redirectThen(http.StatusMovedPermanently),
		ErrorContains: "redirect to {url}/",
		Expect:        [3]string{"value; 2 attempts", "APIError 301; 1 attempt", "APIError 301; 1 attempt"},
	},
	{
		Name: "307 to the same URL on every request (a redirect loop)",
		Handler: func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
			drain(r)
			http.Redirect(w, r, r.URL.RequestURI(), http.StatusTemporaryRedirect)
		},
		MaxHits: 10,
		Expect:  [3]string{"too many redirects; 10 attempts", "APIError 307; 1 attempt", "too many redirects; 10 attempts"},
		Note:    "a chain is cut after 10 requests and not retried (10 requests, not 30); every one was answered with a redirect, so not an unknown outcome",
	},
	{
		Name:       "TLS: a certificate the client does not trust",
		Handler:    func(e *Env, w http.ResponseWriter, r *http.Request, n int64) { WriteJSON(w, 200, OKBody) },
		TLS:        true,
		CountConns: true,
		Expect:     [3]string{"certificate error; 1 attempt", "certificate error; 1 attempt", "certificate error; 1 attempt"},
		Note:       "counted in connections: the handshake fails before any byte of the request is sent, so never an unknown outcome, and not retried (a retry meets the same certificate)",
	},
}

// redirectThen answers a request under .../moved with the charge, and every other one with a redirect of the given
// status to the same path plus /moved (same origin).
func redirectThen(code int) func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
	return func(e *Env, w http.ResponseWriter, r *http.Request, n int64) {
		drain(r)
		if strings.HasSuffix(r.URL.Path, "/moved") {
			WriteJSON(w, 200, OKBody)
			return
		}
		http.Redirect(w, r, r.URL.Path+"/moved", code)
	}
}

// Markdown renders Matrix as the table docs/RELIABILITY.md holds.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| fault |")
	for _, c := range Columns {
		b.WriteString(" " + c.Header() + " |")
	}
	b.WriteString(" notes |\n|---|")
	for range Columns {
		b.WriteString("---|")
	}
	b.WriteString("---|\n")
	for _, f := range Matrix {
		b.WriteString("| " + f.Name + " |")
		for _, c := range Columns {
			b.WriteString(" " + f.Expect[c] + " |")
		}
		b.WriteString(" " + f.Note + " |\n")
	}
	return b.String()
}

// LoadHeader carries the call number of a load-test request.
const LoadHeader = "X-Load-Call"

// LoadCall makes call number i of kind col; the SDK adapter sends i in the LoadHeader request header.
type LoadCall func(ctx context.Context, i int, col Column) (id string, err error)

// LoadConfig is one SDK's load test.
type LoadConfig struct {
	Calls int      // concurrent calls, all started at once
	Kinds []Column // call i is of kind Kinds[i%len(Kinds)]
	// NewClient builds one client on baseURL with hc (and the logger, at LevelTrace) and returns its call.
	NewClient func(baseURL string, hc *http.Client, log *slog.Logger) (LoadCall, error)
	Classifier
}

// loadFault is the fault injected on the first request of call i: 10% of the calls (5% 500s, 5% resets after
// the body is read); every later request of a call succeeds.
func loadFault(i int) string {
	switch i % 20 {
	case 3:
		return "500"
	case 13:
		return "reset"
	}
	return ""
}

// loadExpect is what call i of kind col must observe.
func loadExpect(i int, col Column) string {
	switch fault := loadFault(i); {
	case fault == "":
		return "value; 1 attempt"
	case col == Post && fault == "500":
		return "APIError 500 + ErrOutcomeUnknown; 1 attempt"
	case col == Post:
		return "transport error + ErrOutcomeUnknown; 1 attempt"
	}
	return "value; 2 attempts" // the SDK's retry, or net/http's own replay of a replayable request
}

// Load makes cfg.Calls concurrent calls through one client against a server injecting 10% errors, and fails t
// unless every call observes what its kind and fault dictate (a POST without a key at most once), connections
// are reused (far fewer accepted than calls), and no goroutine is left once the client's idle connections and
// the server are closed. Run it under -race.
func Load(t *testing.T, cfg LoadConfig) {
	runtime.GC()
	before := runtime.NumGoroutine()

	hits := make([]atomic.Int64, cfg.Calls)
	var newConns, endedConns, resets atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(r.Header.Get(LoadHeader))
		if err != nil || i < 0 || i >= len(hits) {
			WriteJSON(w, 400, `{"message":"bad call number"}`)
			return
		}
		drain(r)
		if hits[i].Add(1) == 1 {
			switch loadFault(i) {
			case "500":
				WriteJSON(w, 500, `{"message":"injected"}`)
				return
			case "reset":
				resets.Add(1)
				Reset(w)
				return
			}
		}
		WriteJSON(w, 200, OKBody)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			newConns.Add(1)
		case http.StateClosed, http.StateHijacked:
			endedConns.Add(1)
		}
	}
	srv.Start()

	const maxConns = 32
	tr := &http.Transport{MaxConnsPerHost: maxConns, MaxIdleConnsPerHost: maxConns, IdleConnTimeout: 30 * time.Second}
	var logBytes atomic.Int64
	logger := slog.New(slog.NewJSONHandler(countWriter{&logBytes}, &slog.HandlerOptions{Level: slog.Level(-8)}))
	call, err := cfg.NewClient(srv.URL, &http.Client{Transport: tr}, logger)
	if err != nil {
		srv.Close()
		t.Fatal(err)
	}

	got := make([]string, cfg.Calls)
	panics := make([]any, cfg.Calls)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range cfg.Calls {
		wg.Go(func() {
			defer func() { panics[i] = recover() }()
			<-start
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			id, err := call(ctx, i, cfg.Kinds[i%len(cfg.Kinds)])
			got[i] = Observe(cfg.Classifier, id, err, OKID, 0)
			if err != nil && !strings.HasPrefix(err.Error(), cfg.API+": ") {
				got[i] += " (unnamed error: " + err.Error() + ")"
			}
		})
	}
	began := time.Now()
	close(start)
	wg.Wait()
	elapsed := time.Since(began)

	bad := 0
	for i := range cfg.Calls {
		col := cfg.Kinds[i%len(cfg.Kinds)]
		// Observe was given 0 attempts: put the server's count in.
		obs := strings.TrimSuffix(got[i], "; 0 attempts")
		n := hits[i].Load()
		if n == 1 {
			obs += "; 1 attempt"
		} else {
			obs += "; " + strconv.FormatInt(n, 10) + " attempts"
		}
		if want := loadExpect(i, col); obs != want || panics[i] != nil {
			if bad++; bad <= 10 {
				t.Errorf("call %d (%s, fault %q): observed %q, want %q (panic: %v)", i, col, loadFault(i), obs, want, panics[i])
			}
		}
	}
	if bad > 10 {
		t.Errorf("... %d calls in all observed something else", bad)
	}
	conns := newConns.Load()
	t.Logf("%d calls in %v: %d connections accepted, %d reset by the server; %d bytes of trace logs",
		cfg.Calls, elapsed.Round(time.Millisecond), conns, resets.Load(), logBytes.Load())
	if limit := int64(maxConns) + resets.Load() + 16; conns > limit || conns*5 > int64(cfg.Calls) {
		t.Errorf("%d connections for %d calls: not reused (want at most %d)", conns, cfg.Calls, limit)
	}
	if logBytes.Load() == 0 {
		t.Error("nothing was logged")
	}

	// Every connection is back in the pool (no response body left open), so closing the idle ones closes all.
	tr.CloseIdleConnections()
	open := newConns.Load() - endedConns.Load()
	for deadline := time.Now().Add(30 * time.Second); open > 0 && time.Now().Before(deadline); open = newConns.Load() - endedConns.Load() {
		time.Sleep(10 * time.Millisecond)
	}
	if open != 0 {
		t.Errorf("connection leak: %d connections still open after closing the client's idle ones", open)
	}
	srv.Close()
	after := runtime.NumGoroutine()
	for deadline := time.Now().Add(30 * time.Second); after > before && time.Now().Before(deadline); after = runtime.NumGoroutine() {
		time.Sleep(20 * time.Millisecond)
	}
	if after > before {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutine leak: %d before, %d after the run\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}

type countWriter struct{ n *atomic.Int64 }

func (w countWriter) Write(p []byte) (int, error) {
	w.n.Add(int64(len(p)))
	return len(p), nil
}
