package support

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// assertNoFragment fails when any 6-byte piece of secret shows in a text: a secret cut in two by a truncation
// must not survive as its first 31 of 32 characters.
func assertNoFragment(t *testing.T, what string, texts []string, secret string) {
	t.Helper()
	const piece = 6
	for _, s := range texts {
		for i := 0; i+piece <= len(secret); i++ {
			if strings.Contains(s, secret[i:i+piece]) {
				t.Errorf("%s shows %q, a piece of the secret %q: %s", what, secret[i:i+piece], secret, s)
				break
			}
		}
	}
}

// TestSecretsStraddlingACutNeverShow: a server echoes the credential so that it straddles the cut of the error
// snippet (200 bytes of text or JSON, 120 of an HTML title) or of a trace-logged body (64 KiB). Every offset
// across the cut is tried; no piece of the key may show in Error(), %+v, %#v or a log line.
func TestSecretsStraddlingACutNeverShow(t *testing.T) {
	type layout struct {
		name   string
		cut    int                                // where the text is cut
		render func(pad string) (ct, body string) // the echoing body, with pad before the key
		prefix int                                // bytes before pad in the text that is cut
		logged bool                               // the cut is the log's, not the snippet's
	}
	layouts := []layout{
		{"text snippet", 200, func(pad string) (string, string) { return "text/plain", pad + testKey + " was refused" }, 0, false},
		{"JSON snippet", 200, func(pad string) (string, string) {
			return "application/json", `{"message":"` + pad + testKey + ` was refused"}`
		}, len(`{"message":"`), false},
		{"HTML title", 120, func(pad string) (string, string) {
			return "text/html", "<html><head><title>" + pad + testKey + "</title></head></html>"
		}, 0, false},
		{"logged text body", opgMaxLoggedBody, func(pad string) (string, string) {
			return "text/plain", pad + testKey + " was refused"
		}, 0, true},
	}
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			cut := 0
			for back := 1; back < len(testKey); back++ { // back bytes of the key before the cut
				if l.logged && back > 3 && back < len(testKey)-3 && back != len(testKey)/2 {
					continue // 64 KiB bodies: the ends and the middle of the key are enough
				}
				pad := strings.Repeat("x", l.cut-l.prefix-back)
				ct, body := l.render(pad)
				fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
					w.Header().Set("Content-Type", ct)
					w.WriteHeader(400)
					io.WriteString(w, body)
				})
				var log syncBuffer
				logger := slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: LevelTrace, ReplaceAttr: dropClock}))
				c := mustClient(t, fastOpts(fs, WithLogger(logger))...)
				_, err := c.Charges.Get(context.Background(), "ch_1")
				if err == nil {
					t.Fatal("no error")
				}
				texts := printed(err)
				if l.logged {
					texts = []string{log.String()}
				}
				if strings.Contains(strings.Join(texts, ""), "...[truncated]") {
					cut++
				}
				assertNoFragment(t, fmt.Sprintf("%s, %d bytes of the key before the cut", l.name, back), texts, testKey)
				fs.Close()
			}
			if cut == 0 {
				t.Fatal("nothing was cut: the layout misses the cut and proves nothing")
			}
		})
	}
}

// TestTransportErrorsScrubbed: the caller's RoundTripper fails with errors that quote the request URL (with the
// API key in its query, raw or escaped) or a credential header. Error(), %v, %+v, %#v and the log line show none
// of the credentials, and the error still says what failed.
func TestTransportErrorsScrubbed(t *testing.T) {
	const oddKey = "qry/KEY+8e0c 4d&x=1" // escaped differently in a query and a path
	cases := map[string]func(r *http.Request) error{
		"url.Error of the URL": func(r *http.Request) error {
			return &url.Error{Op: "Get", URL: r.URL.String(), Err: errors.New("proxy refused")}
		},
		"URL in text": func(r *http.Request) error { return fmt.Errorf("cannot reach %s: proxy refused", r.URL) },
		"raw query":   func(r *http.Request) error { return fmt.Errorf("bad query %q", r.URL.RawQuery) },
		"headers": func(r *http.Request) error {
			return fmt.Errorf("refused headers Authorization=%s X-Api-Key=%s Cookie=%s",
				r.Header.Get("Authorization"), r.Header.Get("X-Api-Key"), r.Header.Get("Cookie"))
		},
		"decoded basic credentials": func(r *http.Request) error {
			u, p, _ := r.BasicAuth()
			return fmt.Errorf("auth %s:%s rejected by proxy", u, p)
		},
		"whole request dump": func(r *http.Request) error { return fmt.Errorf("%s %s %v", r.Method, r.URL, r.Header) },
	}
	for _, qryKey := range []string{secQryKey, oddKey} {
		for name, mk := range cases {
			t.Run(name+"/"+qryKey, func(t *testing.T) {
				sent := false
				rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
					sent = true
					return nil, mk(r)
				})
				var log syncBuffer
				logger := slog.New(slog.NewJSONHandler(&log, &slog.HandlerOptions{Level: LevelTrace, ReplaceAttr: dropClock}))
				opts := append(secOptions("https://api.multi.test", WithLogger(logger), WithHTTPClient(&http.Client{Transport: rt}), WithMaxRetries(0)),
					credentialOption("WithQueryKey", "qry", credential{APIKey: qryKey}))
				core, err := newClientCore(secAPI, opts)
				if err != nil {
					t.Fatal(err)
				}
				op := &operationDef{ID: "Things.Get", Method: "GET", PathTemplate: "/things", Security: secAll}
				_, err = core.do(context.Background(), op, &request{Path: "/things", Query: url.Values{"q": {"a b"}}}, nil)
				if err == nil || !sent {
					t.Fatalf("err = %v, sent %v", err, sent)
				}
				secrets := append([]string{qryKey, url.QueryEscape(qryKey), url.PathEscape(qryKey)}, secSecrets[:5]...)
				secrets = append(secrets, secSecrets[5])
				texts := append(printed(err), log.String())
				for _, s := range secrets {
					if s == secQryKey && qryKey != secQryKey {
						continue
					}
					assertNoSecret(t, "transport error", texts, []string{s})
				}
				if !strings.HasPrefix(err.Error(), "multi: Things.Get: GET https://api.multi.test/things?") {
					t.Errorf("the error lost its context: %v", err)
				}
				if !strings.Contains(log.String(), `"error"`) {
					t.Errorf("no error logged: %s", log.String())
				}
			})
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
