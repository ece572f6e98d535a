package support

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Secrets of the multi-scheme API below: basic user name and password, bearer token, API keys in a header, the
// query and a cookie.
const (
	secUser     = "merchant_user_7"
	secPassword = "basic-PASSWORD-9d1e"
	secToken    = "bearer-TOKEN-3c5a77"
	secHdrKey   = "hdr-KEY-51b2f0"
	secQryKey   = "qry-KEY-8e0c4d"
	secCookie   = "cookie-KEY-2a9f6e"
)

var secAPI = &apiDefinition{Name: "multi", SecuritySchemes: opgSchemes{
	"basic":  {Kind: securityBasic, Option: "WithBasicAuth"},
	"bearer": {Kind: securityBearer, Option: "WithToken"},
	"hdr":    {Kind: securityAPIKeyHeader, ParamName: "X-Api-Key", Option: "WithAPIKey"},
	"qry":    {Kind: securityAPIKeyQuery, ParamName: "api_key", Option: "WithQueryKey"},
	"ck":     {Kind: securityAPIKeyCookie, ParamName: "key", Option: "WithCookieKey"},
}}

// secAll requires every scheme but bearer at once (basic and bearer share the Authorization header), so a request
// carries all those secrets; secBearer is the bearer token alone.
var (
	secAll    = [][]string{{"basic", "hdr", "qry", "ck"}}
	secBearer = [][]string{{"bearer"}}
)

func secOptions(base string, extra ...Option) []Option {
	return append([]Option{WithBaseURL(base),
		credentialOption("WithBasicAuth", "basic", credential{Username: secUser, Password: secPassword}),
		credentialOption("WithToken", "bearer", credential{Token: secToken}),
		credentialOption("WithAPIKey", "hdr", credential{APIKey: secHdrKey}),
		credentialOption("WithQueryKey", "qry", credential{APIKey: secQryKey}),
		credentialOption("WithCookieKey", "ck", credential{APIKey: secCookie}),
		WithRetryBackoff(time.Millisecond, 2*time.Millisecond),
	}, extra...)
}

// secSecrets are the values (and encodings) that must never be printed.
var secSecrets = []string{secPassword, secToken, secHdrKey, secQryKey, secCookie,
	base64.StdEncoding.EncodeToString([]byte(secUser + ":" + secPassword))}

// printed returns every way a value is commonly printed. The %x form is returned with its runs of hex digits
// decoded, so a secret shows up in it as itself (and digits of the encoding never pass for a short secret such as
// a CVV by chance).
func printed(v any) []string {
	var out []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d"} {
		out = append(out, fmt.Sprintf(verb, v))
	}
	out = append(out, decodeHexRuns(fmt.Sprintf("%x", v)))
	if s, ok := v.(fmt.Stringer); ok {
		out = append(out, s.String())
	}
	if e, ok := v.(error); ok {
		out = append(out, e.Error())
	}
	return out
}

// decodeHexRuns replaces every maximal run of hex digits in s (as %x writes a string or a []byte: an even number
// of digits from the start of the run) by the bytes it encodes.
func decodeHexRuns(s string) string {
	isHex := func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && isHex(s[j]) {
			j++
		}
		if j == i {
			b.WriteByte(s[i])
			i++
			continue
		}
		run := s[i:j]
		dec, err := hex.DecodeString(run[:len(run)&^1])
		if err != nil {
			b.WriteString(run)
		} else {
			b.Write(dec)
			b.WriteString(run[len(run)&^1:])
		}
		i = j
	}
	return b.String()
}

// withoutAddrs replaces the listeners' host:port and the memory addresses that %p and %#v print in texts: a random
// port such as 57310, or a pointer such as 0xc000731a80, must not pass for a leaked CVV 731.
func withoutAddrs(texts []string, servers ...*httptest.Server) []string {
	out := make([]string, len(texts))
	for i, s := range texts {
		for _, srv := range servers {
			s = strings.ReplaceAll(s, srv.Listener.Addr().String(), "127.0.0.1:PORT")
		}
		out[i] = pointerLiteral.ReplaceAllString(s, "0xADDR")
	}
	return out
}

// pointerLiteral matches a printed memory address; a card number or CVV is never written as a hex literal.
var pointerLiteral = regexp.MustCompile(`0x[0-9a-f]{6,16}`)

// assertNoSecret fails when a text shows a secret. A secret shorter than 8 bytes (a CVV, a PIN) counts only where
// it stands alone, as opgScrub treats it: "731" inside a longer run of digits (a pointer %d prints in decimal,
// 50711263773152) is not that CVV.
func assertNoSecret(t *testing.T, what string, texts []string, secrets []string) {
	t.Helper()
	for _, s := range texts {
		for _, sec := range secrets {
			if shows(s, sec) || len(sec) >= 8 && strings.Contains(strings.ToLower(s), hex.EncodeToString([]byte(sec))) {
				t.Errorf("%s shows the secret %q: %s", what, sec, s)
			}
		}
	}
}

// echoAll answers with every credential the request carried, in a JSON error body and in free text: the worst a
// server can do.
func echoAll(status int) func(w http.ResponseWriter, r *http.Request, n int64) {
	return func(w http.ResponseWriter, r *http.Request, n int64) {
		ck, _ := r.Cookie("key")
		ckv := ""
		if ck != nil {
			ckv = ck.Value
		}
		echo := strings.Join([]string{r.Header.Get("Authorization"), r.Header.Get("X-Api-Key"),
			r.URL.Query().Get("api_key"), ckv}, " ")
		u, p, _ := r.BasicAuth()
		writeJSON(w, status, fmt.Sprintf(`{"error_code":"auth","description":"rejected %s user=%s password %s","password":%q}`,
			echo, u, p, p))
	}
}

// TestSecretsNeverShown: no credential appears in the printed client, options, request options, errors of every
// kind or log lines (JSON and text handlers at LevelTrace), even when the server echoes them all back.
func TestSecretsNeverShown(t *testing.T) {
	fs := newFakeServer(t, echoAll(401))
	var jsonLog, textLog syncBuffer
	logger := slog.New(slog.NewJSONHandler(&jsonLog, &slog.HandlerOptions{Level: LevelTrace, ReplaceAttr: dropClock}))
	core, err := newClientCore(secAPI, secOptions(fs.URL, WithLogger(logger)))
	if err != nil {
		t.Fatal(err)
	}
	op := &operationDef{ID: "Things.Get", Method: "GET", PathTemplate: "/things", Security: secAll, DecodeError: decodeFakeError}
	_, apiErr := core.do(context.Background(), op, &request{Path: "/things"}, nil)
	var ae *APIError
	if !errors.As(apiErr, &ae) || ae.StatusCode != 401 {
		t.Fatalf("err = %v", apiErr)
	}
	if r, _ := fs.lastRequest(); !strings.Contains(apiErr.Error(), "password [REDACTED]") || r.URL.Query().Get("api_key") != secQryKey {
		t.Fatalf("the credentials were not sent and scrubbed: %v", apiErr)
	}
	bearerOp := &operationDef{ID: "Things.List", Method: "GET", PathTemplate: "/things", Security: secBearer, DecodeError: decodeFakeError}
	_, bearerErr := core.do(context.Background(), bearerOp, &request{Path: "/things"}, nil)
	if r, _ := fs.lastRequest(); r.Header.Get("Authorization") != "Bearer "+secToken || bearerErr == nil {
		t.Fatalf("bearer: %v", bearerErr)
	}

	// Other kinds of errors: transport (reset), timeout, validation.
	reset := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { hijackClose(w, r) })
	_, resetErr := core.do(context.Background(), op, &request{Path: "/things"}, []RequestOption{WithRequestBaseURL(reset.URL)})
	slow := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	})
	_, timeoutErr := core.do(context.Background(), op, &request{Path: "/things"},
		[]RequestOption{WithRequestBaseURL(slow.URL), WithRequestTimeout(50 * time.Millisecond)})
	_, valErr := core.do(context.Background(), op, &request{Path: "/things"}, []RequestOption{WithIdempotencyKey(secToken)})
	_, cfgErr := newClientCore(secAPI, []Option{WithBaseURL("http://api.example.com"),
		credentialOption("WithToken", "bearer", credential{Token: secToken})})
	for _, err := range []error{apiErr, bearerErr, resetErr, timeoutErr, valErr, cfgErr} {
		if err == nil {
			t.Fatal("an error case did not fail")
		}
		assertNoSecret(t, fmt.Sprintf("error %T", err), printed(err), secSecrets)
	}

	// The client, its options, request options.
	textCore, _ := newClientCore(secAPI, secOptions(fs.URL, WithLogger(slog.New(slog.NewTextHandler(&textLog, &slog.HandlerOptions{Level: LevelTrace, ReplaceAttr: dropClock})))))
	textCore.do(context.Background(), op, &request{Path: "/things", Body: jsonBody(map[string]string{"password": secPassword})}, nil)
	// Through unexported fields fmt calls no String or Format method (%s of a generated Client value).
	type wrapper struct{ core *clientCore }
	type valueWrapper struct{ c clientCore }
	values := []any{core, *core, textCore, wrapper{core}, valueWrapper{*core}, []wrapper{{core}}, WithRequestHeader("Authorization", "Bearer "+secToken), WithIdempotencyKey(secToken),
		request{Path: "/things", Header: http.Header{"Authorization": {secToken}}, Body: jsonBody(map[string]string{"k": secToken})}}
	for _, o := range secOptions(fs.URL) {
		values = append(values, o)
	}
	for _, v := range values {
		assertNoSecret(t, fmt.Sprintf("%T", v), printed(v), secSecrets)
	}

	// Log lines, which carried the echoing response bodies at LevelTrace.
	for name, buf := range map[string]*syncBuffer{"JSON log": &jsonLog, "text log": &textLog} {
		logs := buf.String()
		if !strings.Contains(logs, "response_body") {
			t.Fatalf("%s has no trace body: %s", name, logs)
		}
		assertNoSecret(t, name, []string{logs}, secSecrets)
	}
}

// TestCardDataNeverInErrorsOrLogs: a charge whose server echoes the card number and the CVV, in JSON fields, in
// free text and in a plain-text page: neither reaches the error text, its %v/%+v/%#v, nor a trace log line.
func TestCardDataNeverInErrorsOrLogs(t *testing.T) {
	const card, cvv = "4242424242424242", "731"
	bodies := map[string]func(w http.ResponseWriter){
		"json": func(w http.ResponseWriter) {
			writeJSON(w, 402, `{"error_code":"declined","description":"card `+card+` with cvv `+cvv+` was declined","card":{"number":"`+card+`","cvv2":"`+cvv+`"}}`)
		},
		"text": func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(402)
			io.WriteString(w, "declined: card_number="+card+" cvv2="+cvv+" (card "+card+", security code "+cvv+")")
		},
		"json-500": func(w http.ResponseWriter) {
			writeJSON(w, 500, `{"error_code":"internal","description":"processor failed for `+card+`/`+cvv+`"}`)
		},
	}
	for name, respond := range bodies {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { respond(w) })
			var jsonLog, textLog syncBuffer
			jl := slog.New(slog.NewJSONHandler(&jsonLog, &slog.HandlerOptions{Level: LevelTrace, ReplaceAttr: dropClock}))
			tl := slog.New(slog.NewTextHandler(&textLog, &slog.HandlerOptions{Level: LevelTrace, ReplaceAttr: dropClock}))
			var errs []error
			for _, l := range []*slog.Logger{jl, tl} {
				c := mustClient(t, fastOpts(fs, WithLogger(l))...)
				_, err := c.Charges.Create(context.Background(), &ChargeParams{Amount: MustParseDecimal("12.00"), Currency: "MXN",
					Description: Ptr("order 17"), Card: &Card{CardNumber: card, CVV2: cvv, HolderName: "Ana", ExpirationMonth: "12"}})
				var ae *APIError
				if !errors.As(err, &ae) {
					t.Fatalf("err = %v", err)
				}
				errs = append(errs, err)
			}
			for _, err := range errs {
				texts := withoutAddrs(printed(err), fs.Server)
				assertNoSecret(t, "error", texts, []string{card, cvv})
				if !strings.Contains(err.Error(), "424242") && name != "text" {
					t.Errorf("the masked card (first six) should stay for support: %v", err)
				}
			}
			assertNoSecret(t, "logs", withoutAddrs([]string{jsonLog.String(), textLog.String()}, fs.Server), []string{card, cvv})
			if !strings.Contains(jsonLog.String(), "response_body") || !strings.Contains(textLog.String(), "response_body") {
				t.Fatal("no trace bodies logged: the test proves nothing")
			}
		})
	}
}

func TestScrub(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"cvv 731 rejected", "cvv [REDACTED] rejected"},
		{"order 17310 and 1731", "order 17310 and 1731"}, // inside a longer number: kept
		{"code=731;", "code=[REDACTED];"},
		{"731", "[REDACTED]"},
		{"key sk_live_abcdefgh12 in sk_live_abcdefgh12x", "key [REDACTED] in [REDACTED]x"}, // long: everywhere
	} {
		if got := opgScrub(tc.in, []string{"731", "sk_live_abcdefgh12", "", "ab"}); got != tc.want {
			t.Errorf("opgScrub(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	r := opgNewRedactor([]string{"holder_document"})
	got := opgRequestSecrets(r, "application/json", []byte(`{"card":{"number":"4111111111111111","cvv2":123,"holder_name":"Ana"},"holder_document":"DOC-1","pin":"12","items":[{"password":"pw-1"}]}`))
	want := map[string]bool{"4111111111111111": true, "123": true, "DOC-1": true, "pw-1": true}
	if len(got) != len(want) {
		t.Errorf("values = %q", got)
	}
	for _, v := range got {
		if !want[v] {
			t.Errorf("values = %q: %q is not sensitive", got, v)
		}
	}
	if got := opgRequestSecrets(r, "application/x-www-form-urlencoded", []byte("card%5Bnumber%5D=4111111111111111&amount=10&cvv=987")); len(got) != 2 {
		t.Errorf("form values = %q", got)
	}
	if opgRequestSecrets(r, "application/json", []byte(strings.Repeat("[", 600))) != nil || opgRequestSecrets(r, "text/plain", []byte("cvv=1")) != nil {
		t.Error("values of an unparseable or non-JSON body")
	}
}

// TestHTTPSRequired: a non-loopback base URL must be https unless WithInsecureHTTP; per call too, before sending.
func TestHTTPSRequired(t *testing.T) {
	for _, u := range []string{"http://api.example.com", "http://localhost.example.com", "http://127.0.0.1.nip.io",
		"http://10.0.0.1", "http://0x7f.1", "ftp://api.example.com", "//api.example.com", "api.example.com"} {
		if _, err := newClientCore(secAPI, secOptions(u)); err == nil {
			t.Errorf("%s accepted", u)
		} else if strings.Contains(err.Error(), secToken) {
			t.Errorf("%s: %v", u, err)
		}
		if _, err := newClientCore(secAPI, secOptions(u, WithInsecureHTTP())); err == nil != strings.HasPrefix(u, "http://") {
			t.Errorf("%s with WithInsecureHTTP: %v", u, err)
		}
	}
	for _, u := range []string{"https://api.example.com", "http://localhost:8080", "http://LOCALHOST", "http://127.0.0.1:1",
		"http://127.8.9.10", "http://[::1]:9"} {
		if _, err := newClientCore(secAPI, secOptions(u)); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 200, `{}`) })
	core, _ := newClientCore(secAPI, secOptions(fs.URL))
	op := &operationDef{ID: "Things.Get", Method: "GET", Security: secAll}
	_, err := core.do(context.Background(), op, &request{Path: "/x"}, []RequestOption{WithRequestBaseURL("http://api.example.com")})
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "WithInsecureHTTP") || fs.hits.Load() != 0 {
		t.Errorf("per-call http URL: %v (hits %d)", err, fs.hits.Load())
	}
}

// TestRedirectsNeverForwardCredentials: whatever the redirect status, a redirect leaving the origin (another port,
// another host name for the same address, another scheme) is not followed, so no credential reaches it; a
// same-origin redirect is followed with them.
func TestRedirectsNeverForwardCredentials(t *testing.T) {
	var otherHits, otherCreds atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		if r.Header.Get("Authorization") != "" || r.Header.Get("X-Api-Key") != "" || r.URL.Query().Get("api_key") != "" || len(r.Cookies()) > 0 {
			otherCreds.Add(1)
		}
		writeJSON(w, 200, `{"id":"stolen"}`)
	}))
	defer other.Close()
	var target atomic.Value
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		if r.URL.Path == "/landed" {
			if r.Header.Get("Authorization") == "" {
				writeJSON(w, 401, `{}`)
				return
			}
			writeJSON(w, 200, `{"id":"ok"}`)
			return
		}
		code := 302
		fmt.Sscan(r.URL.Query().Get("code"), &code)
		w.Header().Set("Location", target.Load().(string))
		w.WriteHeader(code)
	})
	sameHostOtherName := strings.Replace(fs.URL, "127.0.0.1", "localhost", 1) + "/steal"
	httpsSame := strings.Replace(fs.URL, "http://", "https://", 1) + "/steal"
	core, _ := newClientCore(secAPI, secOptions(fs.URL))
	for _, code := range []int{301, 302, 303, 307, 308} {
		for _, to := range []string{other.URL + "/steal", sameHostOtherName, httpsSame} {
			target.Store(to)
			for _, method := range []string{"GET", "POST"} {
				sec := secAll
				if code%2 == 0 {
					sec = secBearer
				}
				op := &operationDef{ID: "Things.Do", Method: method, Security: sec}
				q := url.Values{"code": {fmt.Sprint(code)}}
				req := &request{Path: "/r", Query: q}
				if method == "POST" {
					req.Body = jsonBody(map[string]string{"a": "b"})
				}
				_, err := core.do(context.Background(), op, req, nil)
				var ae *APIError
				if !errors.As(err, &ae) || ae.StatusCode != code {
					t.Errorf("%s %d to %s: err = %v", method, code, to, err)
				}
			}
		}
	}
	if otherHits.Load() != 0 || otherCreds.Load() != 0 {
		t.Errorf("the other origin got %d requests, %d with credentials", otherHits.Load(), otherCreds.Load())
	}
	target.Store("/landed")
	if _, err := core.do(context.Background(), &operationDef{ID: "Things.Get", Method: "GET", Security: secAll},
		&request{Path: "/r", Query: url.Values{"code": {"307"}}}, nil); err != nil {
		t.Errorf("same-origin redirect: %v", err)
	}
}

// TestResponseBodiesCapped: success and error bodies are read up to the cap, never further; an error keeps 64 KiB.
func TestResponseBodiesCapped(t *testing.T) {
	var completed atomic.Int64
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		status := 200
		if strings.HasSuffix(r.URL.Path, "/err") {
			status = 500
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		chunk := bytes.Repeat([]byte("a"), 1<<20)
		for range 20 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		completed.Add(1)
	})
	c := mustClient(t, fastOpts(fs, WithMaxResponseBytes(1<<20), WithMaxRetries(0))...)
	if _, err := c.Charges.Get(context.Background(), "ok"); !errors.Is(err, ErrResponseTooLarge) {
		t.Errorf("2xx: %v", err)
	}
	_, err := c.Charges.Get(context.Background(), "err")
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 500 || len(ae.Body) != opgMaxErrorBody || len(err.Error()) > 1024 {
		t.Errorf("5xx: %d-byte body, %d-byte message: %.200v", len(ae.Body), len(err.Error()), err)
	}
	fs.Close() // waits for the handlers
	if completed.Load() != 0 {
		t.Errorf("%d of the 20 MiB bodies were read to the end", completed.Load())
	}
}

// TestNestingBounded: 10,000-deep JSON (arrays and objects) in a success body, an error body, a trace log and a
// webhook: an error or a summary, never a stack blowup.
func TestNestingBounded(t *testing.T) {
	deepArr := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	deepObj := strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000)
	for name, body := range map[string]string{"array": deepArr, "object": deepObj} {
		t.Run(name, func(t *testing.T) {
			var logs syncBuffer
			fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
				if strings.HasSuffix(r.URL.Path, "/err") {
					writeJSON(w, 400, body)
					return
				}
				writeJSON(w, 200, body)
			})
			c := mustClient(t, fastOpts(fs, WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: LevelTrace, ReplaceAttr: dropClock}))))...)
			if _, err := c.Charges.Get(context.Background(), "ok"); err == nil || !strings.Contains(err.Error(), "deeper than 512") {
				t.Errorf("2xx: %v", err)
			}
			_, err := c.Charges.Get(context.Background(), "err")
			var ae *APIError
			if !errors.As(err, &ae) || ae.Err != nil || len(err.Error()) > 512 {
				t.Errorf("4xx: %.300v", err)
			}
			if !strings.Contains(logs.String(), "unparseable JSON body") {
				t.Errorf("trace log does not summarise the body: %.300s", logs.String())
			}
			var v any
			if err := decodeWebhook([]byte(body), &v); err == nil || !strings.Contains(err.Error(), "nests too deeply") {
				t.Errorf("webhook: %v", err)
			}
		})
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

// shows reports whether s holds sec: anywhere when sec is 8 bytes or longer, else only where no letter, digit or
// '_' touches it.
func shows(s, sec string) bool {
	if len(sec) >= 8 || sec == "" {
		return strings.Contains(s, sec)
	}
	for rest, off := s, 0; ; {
		i := strings.Index(rest, sec)
		if i < 0 {
			return false
		}
		start, end := off+i, off+i+len(sec)
		if (start == 0 || !opgIsAlnum(s[start-1])) && (end == len(s) || !opgIsAlnum(s[end])) {
			return true
		}
		rest, off = s[start+1:], start+1
	}
}

func TestShows(t *testing.T) {
	for _, tc := range []struct {
		s, sec string
		want   bool
	}{
		{"cvv 731.", "731", true},
		{"731", "731", true},
		{`"cvv2":"731"`, "731", true},
		{"&{500 50711263773152 fakepay}", "731", false},
		{"x7310 a731", "731", false},
		{"7310 731", "731", true},
		{"card 4242424242424242/x", "4242424242424242", true},
		{"card 424242******4242", "4242424242424242", false},
	} {
		if got := shows(tc.s, tc.sec); got != tc.want {
			t.Errorf("shows(%q, %q) = %v, want %v", tc.s, tc.sec, got, tc.want)
		}
	}
}
