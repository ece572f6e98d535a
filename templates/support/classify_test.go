package support

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// callKind is a call of the fake SDK: a read, a write without an idempotency key, a write with one.
type callKind struct {
	name string
	call func(c *fakeClient, opts ...RequestOption) error
}

var callKinds = []callKind{
	{"GET", func(c *fakeClient, opts ...RequestOption) error {
		_, err := c.Charges.Get(context.Background(), "ch_1", opts...)
		return err
	}},
	{"POST", func(c *fakeClient, opts ...RequestOption) error {
		_, err := c.Charges.Create(context.Background(), &ChargeParams{Amount: MustParseDecimal("1.00"), Currency: "MXN"}, opts...)
		return err
	}},
	{"POST+key", func(c *fakeClient, opts ...RequestOption) error {
		_, err := c.Charges.Create(context.Background(), &ChargeParams{Amount: MustParseDecimal("1.00"), Currency: "MXN"},
			append(opts, WithIdempotencyKey("idem-1"))...)
		return err
	}},
}

// countingListener counts the connections it accepts.
type countingListener struct {
	net.Listener
	n atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}

// TestFailuresBeforeSendingAreNotUnknown: a call that fails before any byte of its request could reach the server
// (certificate rejected, wrong host name on the certificate, a plain-HTTP server behind an https URL, TLS
// handshake cut, connection refused, DNS failure, from the standard transport or from a RoundTripper that reports
// no trace) is never ErrOutcomeUnknown, on a write as on a read. Where a retry cannot help (the certificate, the
// protocol) it is made once; where it can (refused, DNS, handshake cut) it is retried, writes included.
func TestFailuresBeforeSendingAreNotUnknown(t *testing.T) {
	quiet := log.New(io.Discard, "", 0)
	var handled atomic.Int64
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handled.Add(1)
		writeJSON(w, 200, `{"id":"ch_1"}`)
	})
	tlsSrv := httptest.NewUnstartedServer(handler)
	tlsSrv.Config.ErrorLog = quiet
	tlsLn := &countingListener{Listener: tlsSrv.Listener}
	tlsSrv.Listener = tlsLn
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	trusted := x509.NewCertPool()
	trusted.AddCert(tlsSrv.Certificate())

	plainSrv := httptest.NewUnstartedServer(handler)
	plainSrv.Config.ErrorLog = quiet
	plainLn := &countingListener{Listener: plainSrv.Listener}
	plainSrv.Listener = plainLn
	plainSrv.Start()
	defer plainSrv.Close()

	// A listener that accepts and closes at once: the TLS handshake is cut before the request could be written.
	cutLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer cutLn.Close()
	var cuts atomic.Int64
	go func() {
		for {
			c, err := cutLn.Accept()
			if err != nil {
				return
			}
			cuts.Add(1)
			c.Close()
		}
	}()

	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := closed.Addr().String()
	closed.Close()

	tlsPort := tlsSrv.Listener.Addr().(*net.TCPAddr).Port
	dnsFail := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: "api.fakepay.test", IsNotFound: true}}
	}}
	cases := []struct {
		name     string
		base     string
		hc       *http.Client
		conns    func() int64 // connections the server accepted, nil: not countable
		attempts int          // SDK attempts, per kind
		text     string       // in the error
	}{
		{"untrusted certificate", tlsSrv.URL, nil, tlsLn.n.Load, 1, "certificate"},
		{"certificate for another host name", strings.Replace(tlsSrv.URL, "127.0.0.1", "localhost", 1),
			&http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: trusted}}}, tlsLn.n.Load, 1, "certificate"},
		{"plain HTTP server behind an https URL", strings.Replace(plainSrv.URL, "http://", "https://", 1), nil, plainLn.n.Load, 1, "HTTP response to HTTPS client"},
		{"TLS handshake cut by the server", "https://" + cutLn.Addr().String(), nil, cuts.Load, 3, "not sent"},
		{"connection refused", "http://" + refused, nil, nil, 3, "refused"},
		{"DNS failure", "https://api.fakepay.test:" + strconv.Itoa(tlsPort), &http.Client{Transport: dnsFail}, nil, 3, "no such host"},
		{"DNS failure from a RoundTripper without a trace", "https://api.fakepay.test", &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
			return nil, &net.DNSError{Err: "no such host", Name: "api.fakepay.test", IsNotFound: true}
		})}, nil, 3, "no such host"},
		{"untrusted certificate from a RoundTripper without a trace", "https://api.fakepay.test", &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
			return nil, &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}
		})}, nil, 1, "certificate"},
	}
	for _, tc := range cases {
		for _, k := range callKinds {
			t.Run(tc.name+"/"+k.name, func(t *testing.T) {
				opts := []Option{WithBaseURL(tc.base + "/v1/{merchant_id}"), WithMerchantID("m_1"), WithPrivateKey(testKey),
					WithRetryBackoff(time.Millisecond, 2*time.Millisecond), WithTimeout(10 * time.Second)}
				if tc.hc != nil {
					opts = append(opts, WithHTTPClient(tc.hc))
				}
				c := mustClient(t, opts...)
				var before int64
				if tc.conns != nil {
					before = tc.conns()
				}
				handledBefore := handled.Load()
				var info ResponseInfo
				err := k.call(c, WithResponseInfo(&info))
				if err == nil {
					t.Fatal("no error")
				}
				if errors.Is(err, ErrOutcomeUnknown) {
					t.Errorf("nothing was sent, yet: %v", err)
				}
				if info.Attempts != tc.attempts {
					t.Errorf("%d attempts, want %d: %v", info.Attempts, tc.attempts, err)
				}
				if tc.conns != nil {
					if n := tc.conns() - before; n != int64(tc.attempts) {
						t.Errorf("the server accepted %d connections, want %d", n, tc.attempts)
					}
				}
				if handled.Load() != handledBefore {
					t.Error("a request reached the handler")
				}
				if !strings.Contains(err.Error(), tc.text) || !strings.HasPrefix(err.Error(), "fakepay: Charges.") {
					t.Errorf("error does not say what happened (%q): %v", tc.text, err)
				}
			})
		}
	}
}

// TestInvalidHeaderRefusedBeforeSending: a header value (or name) net/http would refuse, from a request option, a
// client option or a credential, is a *ValidationError naming the header, made before sending (no connection,
// one attempt at most, no retry), and never quotes the value, which may be a credential.
func TestInvalidHeaderRefusedBeforeSending(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		writeJSON(w, 200, `{"id":"ch_1"}`)
	}))
	defer srv.Close()
	const secretish = "val\x01ue-SECRET-77"
	cases := []struct {
		name   string
		client []Option
		call   []RequestOption
		header string
	}{
		{"request header with a control byte", nil, []RequestOption{WithRequestHeader("X-Trace", secretish)}, "X-Trace"},
		{"request header with DEL", nil, []RequestOption{WithRequestHeader("X-Trace", "a\x7fb")}, "X-Trace"},
		{"request header with a vertical tab", nil, []RequestOption{WithRequestHeader("X-Note", "a\vb")}, "X-Note"},
		{"client header with a form feed", []Option{WithHeader("X-Client", "a\fb")}, nil, "X-Client"},
	}
	for _, tc := range cases {
		for _, k := range callKinds {
			t.Run(tc.name+"/"+k.name, func(t *testing.T) {
				opts := append([]Option{WithBaseURL(srv.URL + "/v1/{merchant_id}"), WithMerchantID("m_1"), WithPrivateKey(testKey),
					WithRetryBackoff(time.Millisecond, 2*time.Millisecond)}, tc.client...)
				c := mustClient(t, opts...)
				before := hits.Load()
				err := k.call(c, tc.call...)
				var ve *ValidationError
				if !errors.As(err, &ve) || errors.Is(err, ErrOutcomeUnknown) {
					t.Fatalf("err = %v, want a *ValidationError", err)
				}
				if hits.Load() != before {
					t.Error("the request was sent")
				}
				if tc.header != "" && ve.Field != tc.header {
					t.Errorf("Field = %q, want %q", ve.Field, tc.header)
				}
				for _, s := range printed(err) {
					if strings.Contains(s, "SECRET") || strings.Contains(s, testKey) {
						t.Errorf("the value shows: %s", s)
					}
				}
			})
		}
	}
	// Credentials in a header: a bearer token, an API key.
	for _, cred := range []struct {
		scheme, header string
		sec            [][]string
	}{{"bearer", "Authorization", secBearer}, {"hdr", "X-Api-Key", [][]string{{"hdr"}}}} {
		for _, method := range []string{"GET", "POST"} {
			core, err := newClientCore(secAPI, []Option{WithBaseURL(srv.URL), credentialOption("WithCred", cred.scheme, credential{Token: secretish, APIKey: secretish})})
			if err != nil {
				t.Fatal(err)
			}
			before := hits.Load()
			_, err = core.do(context.Background(), &operationDef{ID: "Things.Do", Method: method, Security: cred.sec}, &request{Path: "/things"}, nil)
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field != cred.header || hits.Load() != before {
				t.Errorf("%s credential, %s: err = %v", cred.scheme, method, err)
			}
			for _, s := range printed(err) {
				if strings.Contains(s, "SECRET") {
					t.Errorf("the credential shows: %s", s)
				}
			}
		}
	}
	// A request editor adding a header net/http would refuse: refused before sending, not an unknown outcome.
	for _, k := range callKinds {
		before := hits.Load()
		c := mustClient(t, WithBaseURL(srv.URL+"/v1/{merchant_id}"), WithMerchantID("m_1"), WithPrivateKey(testKey),
			WithRequestEditor(func(_ context.Context, r *http.Request) error { r.Header.Set("X-Signed", secretish); return nil }))
		err := k.call(c)
		if err == nil || errors.Is(err, ErrOutcomeUnknown) || hits.Load() != before || !strings.Contains(err.Error(), `"X-Signed"`) {
			t.Errorf("editor header, %s: err = %v, %d requests", k.name, err, hits.Load()-before)
		}
		for _, s := range printed(err) {
			if strings.Contains(s, "SECRET") {
				t.Errorf("the value shows: %s", s)
			}
		}
	}
	// A tab is a valid header byte: sent.
	c := mustClient(t, WithBaseURL(srv.URL+"/v1/{merchant_id}"), WithMerchantID("m_1"), WithPrivateKey(testKey))
	if _, err := c.Charges.Get(context.Background(), "ch_1", WithRequestHeader("X-Tab", "a\tb")); err != nil {
		t.Errorf("a tab in a header value: %v", err)
	}
}
