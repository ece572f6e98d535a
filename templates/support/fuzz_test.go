package support

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzThing is the body of the fuzzed operation.
type fuzzThing struct {
	Name   string  `json:"name"`
	Amount Decimal `json:"amount"`
	Note   *string `json:"note,omitempty"`
}

var opThingsUpdate = &operationDef{
	ID: "Things.Update", Method: "PUT", PathTemplate: "/things/{thing_id}/parts/{part}",
	Security: [][]string{{"privateKey"}}, API: fakeAPI,
}

// updateThing is what opgen generates for PUT /things/{thing_id}/parts/{part} with a query scalar and array, a
// header, a cookie and a JSON body.
func updateThing(ctx context.Context, c *clientCore, id, part, q string, tags []string, hdr, cookie string, body *fuzzThing) error {
	if id == "" || part == "" {
		return missingParam(opThingsUpdate, "thing_id", "part")
	}
	var query query
	addQuery(&query, "q", &q)
	addQueryArray(&query, "tag", tags, "form", true)
	req := &request{Path: escapeDotSegments("/things/" + pathParam(id) + "/parts/" + pathParam(part)), RawQuery: query.encode(),
		Header: http.Header{"X-Thing": {hdr}}, Cookies: []*http.Cookie{{Name: "session_hint", Value: cookie}}, Body: jsonBody(body)}
	resp, err := c.do(ctx, opThingsUpdate, req, nil)
	if err != nil {
		return err
	}
	var out fuzzThing
	return resp.decodeJSON(opThingsUpdate, &out)
}

// FuzzRequestBuilding builds requests from random parameter values (two path parameters, a query scalar and an
// array, a header, a cookie, a JSON body) and reads each back as a server would, from the bytes net/http writes.
// Either the call is refused before sending, with a *ValidationError that shows no credential, or the request has
// the spec's shape: the same path template with each parameter one segment decoding to its value, exactly the
// declared query parameters with their values, the header (net/http trims its surrounding blanks), the cookie, and
// a body decoding to the same value. Never a panic, never a request that differs.
func FuzzRequestBuilding(f *testing.F) {
	f.Add("ch_1", "p", "q", "a,b", "hdr", "ck", "Ana", "10.50")
	f.Add("..", ".", "a&b=c", "x\x00y", "a\r\nInjected: 1", "v;x=1", "\xff", "1e3")
	f.Add("a/b?c#d", "%2F", "é", "", "\t", "a b,c", `"quoted"`, "-0.00")
	f.Add(" ", "%", "+", "\n", "", "\"", strings.Repeat("z", 300), "abc")
	f.Add("..", ".", "q", "t", "h", "c", "n", "1")
	f.Add("...", "%2e%2E", "q", "t", "h", "c", "n", "1")
	f.Add(testKey, testKey, testKey, testKey, testKey, testKey, testKey, "1")
	f.Fuzz(func(t *testing.T, id, part, q, tagList, hdr, cookie, name, amount string) {
		var sent *http.Request
		var sentBody []byte
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			// What the server reads: the request as net/http writes it, parsed back.
			var wire bytes.Buffer
			if err := r.Write(&wire); err != nil {
				return nil, err
			}
			parsed, err := http.ReadRequest(bufio.NewReader(&wire))
			if err != nil {
				t.Fatalf("net/http wrote a request it cannot read back: %v\n%q", err, wire.String())
			}
			sent = parsed
			sentBody = readAll(parsed)
			return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
				Body: http.NoBody, Request: r}, nil
		})
		c := mustClient(t, WithBaseURL("https://api.fakepay.test/v1/{merchant_id}"), WithMerchantID("m_1"),
			WithPrivateKey(testKey), WithHTTPClient(&http.Client{Transport: rt}), WithMaxRetries(0))
		amt, err := ParseDecimal(amount)
		if err != nil {
			amt = MustParseDecimal("1")
		}
		body := &fuzzThing{Name: name, Amount: amt, Note: &name}
		tags := strings.Split(tagList, ",")
		err = updateThing(context.Background(), c.clientCore, id, part, q, tags, hdr, cookie, body)
		if sent == nil {
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("nothing sent, and not a *ValidationError: %v", err)
			}
			for _, s := range printed(err) {
				if strings.Contains(s, testKey) && !strings.Contains(id+part, testKey) {
					t.Errorf("the credential shows: %s", s)
				}
			}
			return
		}
		// The path: the template's fixed segments, each parameter one segment decoding to its value.
		segs := strings.Split(sent.URL.EscapedPath(), "/")
		if len(segs) != 7 || segs[1] != "v1" || segs[2] != "m_1" || segs[3] != "things" || segs[5] != "parts" {
			t.Fatalf("path %q has not the shape /v1/m_1/things/{thing_id}/parts/{part}", sent.URL.EscapedPath())
		}
		for i, want := range map[int]string{4: id, 6: part} {
			if got, err := url.PathUnescape(segs[i]); err != nil || got != want {
				t.Errorf("path segment %q decodes to %q, want %q", segs[i], got, want)
			}
			if segs[i] == "." || segs[i] == ".." {
				t.Errorf("path segment %q: a server resolves it, changing the path", segs[i])
			}
		}
		// The query: exactly q and tag.
		gotQ := sent.URL.Query()
		wantQ := url.Values{"q": {q}}
		for _, tg := range tags {
			wantQ.Add("tag", tg)
		}
		if len(gotQ) != len(wantQ) || !slices.Equal(gotQ["q"], wantQ["q"]) || !slices.Equal(gotQ["tag"], wantQ["tag"]) {
			t.Errorf("query %q, want %q", gotQ, wantQ)
		}
		// The header and the cookie.
		if got := sent.Header.Values("X-Thing"); len(got) != 1 || got[0] != strings.Trim(hdr, " \t") {
			t.Errorf("header X-Thing = %q, want %q", got, hdr)
		}
		if ck, err := sent.Cookie("session_hint"); err != nil || ck.Value != cookie {
			t.Errorf("cookie = %v (%v), want %q", ck, err, cookie)
		}
		if n := len(sent.Cookies()); n != 1 {
			t.Errorf("%d cookies, want 1", n)
		}
		// The body.
		var got fuzzThing
		if err := json.Unmarshal(sentBody, &got); err != nil {
			t.Fatalf("body %q: %v", sentBody, err)
		}
		wantName := name
		if !utf8.ValidString(name) {
			wantName = strings.ToValidUTF8(name, "\uFFFD") // JSON carries text: encoding/json replaces bad bytes
		}
		if (got.Name != wantName && utf8.ValidString(name)) || got.Note == nil || got.Amount.String() != amt.String() {
			t.Errorf("body %q, want name %q amount %s", sentBody, name, amt)
		}
		if u, _, _ := sent.BasicAuth(); u != testKey {
			t.Errorf("credential not sent")
		}
		if err != nil && !strings.Contains(err.Error(), "decoding") {
			t.Errorf("err = %v", err)
		}
	})
}

func readAll(r *http.Request) []byte {
	if r.Body == nil {
		return nil
	}
	var b bytes.Buffer
	b.ReadFrom(r.Body)
	return b.Bytes()
}
