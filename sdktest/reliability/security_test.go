package reliability

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/opgen-sdk/opgen/generated/culqi"
	"github.com/opgen-sdk/opgen/generated/openpaymx"
	"github.com/opgen-sdk/opgen/internal/faults"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func printedForms(v any) []string {
	out := []string{fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v), fmt.Sprintf("%s", v)}
	if e, ok := v.(error); ok && e != nil {
		out = append(out, e.Error())
	}
	return out
}

// withoutAddr replaces the server's host:port in texts: a random port such as 38421 must not pass for a leaked
// CVV 842.
func withoutAddr(texts []string, srv *httptest.Server) []string {
	out := make([]string, len(texts))
	for i, s := range texts {
		out[i] = strings.ReplaceAll(s, srv.Listener.Addr().String(), "127.0.0.1:PORT")
	}
	return out
}

func noneContains(t *testing.T, what string, texts []string, secrets ...string) {
	t.Helper()
	for _, s := range texts {
		for _, sec := range secrets {
			if strings.Contains(s, sec) {
				t.Errorf("%s shows %q: %.400s", what, sec, s)
			}
		}
	}
}

// TestOpenpayCardEchoNeverLeaks: a card charge on openpaymx whose server echoes the card number, the CVV and the
// private key in its error (typed JSON, a 5xx and a plain-text page): none of them reaches the error, any printed
// form of it, or a log line of the JSON and text handlers at LevelTrace.
func TestOpenpayCardEchoNeverLeaks(t *testing.T) {
	const card, cvv = "5105105105105100", "842"
	basic := base64.StdEncoding.EncodeToString([]byte(mxKey + ":"))
	responses := map[string]func(w http.ResponseWriter, r *http.Request){
		"typed 402": func(w http.ResponseWriter, r *http.Request) {
			faults.WriteJSON(w, 402, `{"category":"gateway","error_code":3001,"description":"The card `+card+` (cvv2 `+cvv+`) was declined for key `+mxKey+`","request_id":"req-1","card_number":"`+card+`"}`)
		},
		"5xx": func(w http.ResponseWriter, r *http.Request) {
			faults.WriteJSON(w, 503, `{"category":"internal","error_code":1000,"description":"upstream said: `+r.Header.Get("Authorization")+` `+card+`/`+cvv+`"}`)
		},
		"text page": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(400)
			fmt.Fprintf(w, "rejected card_number=%s cvv2=%s auth %s", card, cvv, r.Header.Get("Authorization"))
		},
	}
	for name, respond := range responses {
		t.Run(name, func(t *testing.T) {
			var hits atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				respond(w, r)
			}))
			defer srv.Close()
			var jsonLog, textLog lockedBuffer
			for _, h := range []slog.Handler{
				slog.NewJSONHandler(&jsonLog, &slog.HandlerOptions{Level: openpaymx.LevelTrace, ReplaceAttr: dropClock}),
				slog.NewTextHandler(&textLog, &slog.HandlerOptions{Level: openpaymx.LevelTrace, ReplaceAttr: dropClock}),
			} {
				c, err := mxClient(srv.URL, openpaymx.WithLogger(slog.New(h)), openpaymx.WithMaxRetries(0))
				if err != nil {
					t.Fatal(err)
				}
				req := mxCharge("order 88")
				req.Card.SourceID = openpaymx.Opt[string]{}
				req.Card.Card = &openpaymx.CardRequest{CardNumber: card, CVV2: cvv, HolderName: "Ana Ruiz", ExpirationMonth: "12", ExpirationYear: "29"}
				_, err = c.Charges.Create(context.Background(), req)
				var apiErr *openpaymx.APIError
				if !errors.As(err, &apiErr) {
					t.Fatalf("err = %v", err)
				}
				noneContains(t, "error", withoutAddr(printedForms(err), srv), card, cvv, mxKey, basic)
				noneContains(t, "client", printedForms(c), mxKey, basic)
				noneContains(t, "client value", printedForms(*c), mxKey, basic)
				if name == "typed 402" {
					var opErr *openpaymx.Error
					if !errors.As(err, &opErr) || opErr.ErrorCode != 3001 || !strings.Contains(err.Error(), "510510******5100") {
						t.Errorf("typed error: %v", err)
					}
				}
				if name == "5xx" && !errors.Is(err, openpaymx.ErrOutcomeUnknown) {
					t.Errorf("a 5xx on a charge is an unknown outcome: %v", err)
				}
			}
			if hits.Load() != 2 {
				t.Errorf("hits = %d", hits.Load())
			}
			for logName, logs := range map[string]string{"JSON log": jsonLog.String(), "text log": textLog.String()} {
				if !strings.Contains(logs, "request_body") || !strings.Contains(logs, "response_body") {
					t.Fatalf("%s has no trace bodies: %s", logName, logs)
				}
				noneContains(t, logName, withoutAddr([]string{logs}, srv), card, cvv, mxKey, basic)
			}
		})
	}
}

// TestCulqiBearerNeverLeaks: culqi's bearer secret key, echoed by the server, stays out of errors and logs.
func TestCulqiBearerNeverLeaks(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		faults.WriteJSON(w, 401, `{"object":"error","type":"authentication_error","merchant_message":"Invalid key `+
			strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")+`","user_message":"`+r.Header.Get("Authorization")+`"}`)
	}))
	defer srv.Close()
	var logs lockedBuffer
	c, err := culqi.NewClient(culqi.WithBaseURL(srv.URL), culqi.WithSecretKey(culqiKey),
		culqi.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: culqi.LevelTrace, ReplaceAttr: dropClock}))))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Charges.Get(context.Background(), "chr_1")
	var apiErr *culqi.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
		t.Fatalf("err = %v", err)
	}
	noneContains(t, "error", printedForms(err), culqiKey)
	noneContains(t, "log", []string{logs.String()}, culqiKey)
	noneContains(t, "client", printedForms(c), culqiKey)
	for _, o := range []any{culqi.WithSecretKey(culqiKey), culqi.WithPublicKey(culqiKey),
		culqi.WithRequestHeader("Authorization", "Bearer "+culqiKey), openpaymx.WithPrivateKey(mxKey)} {
		noneContains(t, fmt.Sprintf("%T", o), printedForms(o), culqiKey, mxKey)
	}
}

// TestGeneratedSDKsRequireHTTPS: plain http is refused for a non-loopback host, for the client and per call, before
// anything is sent; WithInsecureHTTP allows it.
func TestGeneratedSDKsRequireHTTPS(t *testing.T) {
	for _, u := range []string{"http://sandbox-api.openpay.mx/v1/{merchant_id}", "http://localhost.attacker.example/v1/{merchant_id}"} {
		if _, err := openpaymx.NewClient(openpaymx.WithBaseURL(u), openpaymx.WithMerchantID(mxMerchan), openpaymx.WithPrivateKey(mxKey)); err == nil ||
			!strings.Contains(err.Error(), "WithInsecureHTTP") || strings.Contains(err.Error(), mxKey) {
			t.Errorf("%s: %v", u, err)
		}
		if _, err := openpaymx.NewClient(openpaymx.WithBaseURL(u), openpaymx.WithMerchantID(mxMerchan), openpaymx.WithPrivateKey(mxKey), openpaymx.WithInsecureHTTP()); err != nil {
			t.Errorf("%s with WithInsecureHTTP: %v", u, err)
		}
	}
	if _, err := culqi.NewClient(culqi.WithBaseURL("http://api.culqi.com"), culqi.WithSecretKey(culqiKey)); err == nil {
		t.Error("culqi accepted http")
	}
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	c, err := culqi.NewClient(culqi.WithBaseURL(srv.URL), culqi.WithSecretKey(culqiKey))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Charges.Get(context.Background(), "chr_1", culqi.WithRequestBaseURL("http://api.culqi.com"))
	var ve *culqi.ValidationError
	if !errors.As(err, &ve) || hits.Load() != 0 {
		t.Errorf("per-call http base URL: %v, %d requests", err, hits.Load())
	}
}

// dropClock removes the time and duration of log records: their digits could contain a short secret (a CVV) by
// chance and fail the leak checks for nothing.
func dropClock(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey || a.Key == "duration" {
		return slog.Attr{}
	}
	return a
}

// TestRequestValuesPrintMasked: a user who logs the request they are about to send (fmt's verbs, or slog's text
// handler, which formats values with %+v) never writes the card number or CVV with it, while JSON, the wire
// form, keeps them. Nested in another struct by value or pointer, the same holds.
func TestRequestValuesPrintMasked(t *testing.T) {
	const pan, cvv = "4111111111111111", "842"
	card := openpaymx.CardRequest{CardNumber: pan, CVV2: cvv, HolderName: "Juan Perez Ramirez", ExpirationMonth: "12", ExpirationYear: "30"}
	token := &openpaymx.TokenRequest{CardNumber: pan, CVV2: cvv, HolderName: "Juan Perez Ramirez", ExpirationMonth: "12", ExpirationYear: "30"}
	charge := openpaymx.CardChargeRequest{Method: openpaymx.CardChargeRequestMethodCard, Card: &card,
		Amount: openpaymx.MustParseDecimal("100.00"), Description: "Cargo"}
	nested := struct {
		Note string
		Card openpaymx.CardRequest
	}{"by value", card}

	var texts []string
	for _, v := range []any{card, &card, token, *token, charge, &charge, nested} {
		texts = append(texts, printedForms(v)...)
	}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("creating card", "card", card, "token", token)
	texts = append(texts, logged.String())
	noneContains(t, "a printed request", texts, pan, cvv)
	for _, s := range texts[:4] {
		if !strings.Contains(s, "Juan Perez Ramirez") || !strings.Contains(s, "[REDACTED]") {
			t.Errorf("printed card %q: want the other fields as they are and the sensitive ones as [REDACTED]", s)
		}
	}

	wire, err := json.Marshal(card)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(wire), pan) || !strings.Contains(string(wire), `"cvv2":"842"`) {
		t.Errorf("JSON of the card lost its data: %s", wire)
	}
	var empty openpaymx.CardRequest
	if s := fmt.Sprintf("%+v", empty); strings.Contains(s, "[REDACTED]") {
		t.Errorf("an empty card prints %q: an unset field is not masked, so a missing value stays visible", s)
	}
}
