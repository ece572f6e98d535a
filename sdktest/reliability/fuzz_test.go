package reliability

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/opgen-sdk/opgen/generated/openpaymx"
)

// fuzzResponse turns the fuzzer's status, header lines and body into the raw bytes of an HTTP/1.1 response. Lines
// are separated by "\n" in header; a body without a Content-Length or Transfer-Encoding header is delimited by
// the end of the stream.
func fuzzResponse(status int, header string, body []byte) []byte {
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 " + strconv.Itoa(status) + " Fuzz\r\n")
	for _, l := range strings.Split(header, "\n") {
		if l = strings.TrimRight(l, "\r"); l != "" {
			b.WriteString(l + "\r\n")
		}
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// FuzzResponseHandling feeds random status lines, headers and bodies to the generated openpaymx client's
// response handling (Charges.Get, a read, and Charges.Create, a write without a key), through a RoundTripper that
// answers with the fuzzed bytes as net/http parsed them. Whatever arrives: no panic; a success is a 2xx with a
// value; an error names its API and operation, shows no credential in Error(), %v, %+v or %#v (the seeds echo it
// in bodies and headers), and a read is never ErrOutcomeUnknown; attempts stay within the retry budget (times the
// redirect cap, for 3xx answers with a Location); nothing is logged with a credential either.
func FuzzResponseHandling(f *testing.F) {
	basic := "Basic " + mxClassifier.Secrets[1]
	seeds := []struct {
		status int
		header string
		body   string
	}{
		{200, "Content-Type: application/json", `{"id":"ch_1","amount":10.50,"currency":"MXN"}`},
		{200, "Content-Type: application/json\nContent-Length: 16777215", ``},
		{200, "Content-Type: application/json\nContent-Length: 5", `{"id"`},
		{200, "Content-Type: text/html", `<html><title>` + mxKey + `</title></html>`},
		{200, "Transfer-Encoding: chunked", "5\r\n{\"id\"\r\n0\r\n\r\n"},
		{201, "Content-Type: application/json", `[` + strings.Repeat("[", 600)},
		{204, "", ``},
		{400, "Content-Type: application/json", `{"category":"request","error_code":1001,"description":"bad key ` + mxKey + `","request_id":"r1"}`},
		{401, "Content-Type: text/plain\nWWW-Authenticate: " + basic, `rejected ` + basic + ` and ` + mxKey},
		{402, "Content-Type: application/json", `{"description":"card 4111111111111111 cvv 123","error_code":3001}`},
		{404, "Content-Type: application/json", `{"description":"` + strings.Repeat("x", 190) + mxKey + `"}`},
		{301, "Location: /v1/" + mxMerchan + "/charges/ch_1", ``},
		{307, "Location: https://evil.test/?k=" + mxKey, ``},
		{308, "Location: :%zz", ``},
		{429, "Retry-After: 99999999\nContent-Type: application/json", `{}`},
		{503, "Retry-After: Wed, 21 Oct 2099 07:28:00 GMT", `busy`},
		{500, "Content-Type: application/json; charset=\"", "\xff\xfe{"},
		{100, "", ``},
		{999, "X-Request-Id: " + mxKey, `{"id":"x"}`},
		{200, "Content-Encoding: gzip\nContent-Type: application/json", "\x1f\x8b\x08\x00garbage"},
	}
	for _, s := range seeds {
		f.Add(s.status, s.header, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, header string, body []byte) {
		raw := fuzzResponse(status, header, body)
		if _, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), nil); err != nil {
			t.Skip("net/http refuses it before any SDK sees it")
		}
		var trips atomic.Int64
		rt := roundTrip(func(r *http.Request) (*http.Response, error) {
			trips.Add(1)
			if r.Body != nil {
				io.Copy(io.Discard, r.Body)
				r.Body.Close()
			}
			return http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), r)
		})
		var logs bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: openpaymx.LevelTrace}))
		c, err := mxClient("https://api.openpay.test", openpaymx.WithHTTPClient(&http.Client{Transport: rt}),
			openpaymx.WithRetryBackoff(0, 0), openpaymx.WithLogger(logger))
		if err != nil {
			t.Fatal(err)
		}
		for _, call := range []struct {
			name  string
			write bool
			do    func() (*openpaymx.Charge, error)
		}{
			{"Charges.Get", false, func() (*openpaymx.Charge, error) { return c.Charges.Get(context.Background(), "ch_1") }},
			{"Charges.Create", true, func() (*openpaymx.Charge, error) {
				return c.Charges.Create(context.Background(), mxCharge("fuzz"))
			}},
		} {
			trips.Store(0)
			ch, err := call.do()
			if n := trips.Load(); n > 3*10 {
				t.Errorf("%s: %d round trips", call.name, n)
			}
			if err == nil {
				if ch == nil {
					t.Errorf("%s: no value and no error", call.name)
				}
				continue
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "openpaymx: "+call.name+": ") {
				t.Errorf("%s: the error does not name its API and operation: %s", call.name, msg)
			}
			if !call.write && errors.Is(err, openpaymx.ErrOutcomeUnknown) {
				t.Errorf("%s: a read is never an unknown outcome: %s", call.name, msg)
			}
			for _, form := range []string{msg, fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
				for _, s := range mxClassifier.Secrets {
					if strings.Contains(form, s) {
						t.Errorf("%s: a credential shows in the error: %s", call.name, form)
					}
				}
			}
		}
		for _, s := range mxClassifier.Secrets {
			if strings.Contains(logs.String(), s) {
				t.Errorf("a credential shows in the log: %s", logs.String())
			}
		}
	})
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
