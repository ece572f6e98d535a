package support

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

type currency string

func TestParameterStylesOnTheWire(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 200, `{}`) })
	c := mustClient(t, fastOpts(fs)...)
	op := &operationDef{ID: "Search.Run", Method: "GET", PathTemplate: "/search/{term}", Security: [][]string{{"privateKey"}}, API: fakeAPI}
	var q query
	addQuery(&q, "amount", MustParseDecimal("10.10"))
	addQuery(&q, "n", 42)
	addQuery(&q, "u", uint8(7))
	addQuery(&q, "ok", true)
	addQuery(&q, "f", 0.1)
	addQuery(&q, "cur", currency("MXN"))
	addQuery(&q, "day", Date{2024, time.February, 29})
	addQuery(&q, "at", time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC))
	addQuery(&q, "nilptr", (*int)(nil))
	addQuery(&q, "ptr", Ptr(5))
	addQueryArray(&q, "fe", []string{"a", "b"}, "form", true)
	addQueryArray(&q, "fn", []string{"a", "b"}, "form", false)
	addQueryArray(&q, "sp", []string{"a", "b"}, "spaceDelimited", false)
	addQueryArray(&q, "pp", []string{"a", "b"}, "pipeDelimited", false)
	addQueryArray(&q, "tp", []string{"a", "b"}, "tabDelimited", false)
	addQueryArray(&q, "fc", []string{"a,b", "c"}, "form", false)
	addQueryArray(&q, "empty", nil, "form", true)
	addQueryObject(&q, "of", [][2]string{{"x", "1"}, {"y", "2"}}, "form", false)
	addQueryObject(&q, "oe", [][2]string{{"ox", "1"}, {"oy", "2"}}, "form", true)
	addQueryObject(&q, "filter", [][2]string{{"status", "paid"}, {"min", "5"}}, "deepObject", true)
	hdr := http.Header{}
	hdr.Set("X-Trace", formatParam(17))
	_, err := c.do(context.Background(), op, &request{
		Path: "/search/" + pathParam("a/b c?"), RawQuery: q.encode(), Header: hdr,
		Cookies: []*http.Cookie{{Name: "session", Value: "s1"}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := fs.lastRequest()
	if got := r.URL.EscapedPath(); got != "/v1/m_123/search/a%2Fb%20c%3F" {
		t.Errorf("path = %s", got)
	}
	got := r.URL.Query()
	want := map[string][]string{
		"amount": {"10.10"}, "n": {"42"}, "u": {"7"}, "ok": {"true"}, "f": {"0.1"}, "cur": {"MXN"},
		"day": {"2024-02-29"}, "at": {"2024-01-02T03:04:05.000000006Z"}, "ptr": {"5"},
		"fe": {"a", "b"}, "fn": {"a,b"}, "sp": {"a b"}, "pp": {"a|b"}, "tp": {"a\tb"}, "fc": {"a,b,c"},
		"of": {"x,1,y,2"}, "ox": {"1"}, "oy": {"2"}, "filter[status]": {"paid"}, "filter[min]": {"5"},
	}
	if len(got) != len(want) {
		t.Errorf("query keys: got %v", got)
	}
	for k, v := range want {
		if strings.Join(got[k], "&") != strings.Join(v, "&") {
			t.Errorf("query %s = %q, want %q", k, got[k], v)
		}
	}
	// Delimiters are literal, a delimiter inside an element is escaped.
	for _, want := range []string{"fn=a,b&", "pp=a|b&", "sp=a%20b&", "tp=a%09b&", "fc=a%2Cb,c&", "of=x,1,y,2&"} {
		if !strings.Contains(r.URL.RawQuery+"&", want) {
			t.Errorf("raw query %s lacks %s", r.URL.RawQuery, want)
		}
	}
	if r.Header.Get("X-Trace") != "17" {
		t.Errorf("header = %q", r.Header.Get("X-Trace"))
	}
	if ck, err := r.Cookie("session"); err != nil || ck.Value != "s1" {
		t.Errorf("cookie: %v %v", ck, err)
	}
}

func TestDotSegmentsEscaped(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 200, `{}`) })
	c := mustClient(t, fastOpts(fs)...)
	op := &operationDef{ID: "Cards.Delete", Method: "DELETE", PathTemplate: "/customers/{customer_id}/cards/{id}", Security: [][]string{{"privateKey"}}, API: fakeAPI}
	for _, tc := range []struct{ customer, want string }{
		{"..", "/v1/m_123/customers/%2E%2E/cards/c1"},
		{".", "/v1/m_123/customers/%2E/cards/c1"},
		{"a..b", "/v1/m_123/customers/a..b/cards/c1"},
		{"../x", "/v1/m_123/customers/..%2Fx/cards/c1"},
	} {
		path := escapeDotSegments("/customers/" + pathParam(tc.customer) + "/cards/" + pathParam("c1"))
		if _, err := c.do(context.Background(), op, &request{Path: path}, nil); err != nil {
			t.Fatal(err)
		}
		r, _ := fs.lastRequest()
		if got := r.URL.EscapedPath(); got != tc.want {
			t.Errorf("%q: path = %s, want %s", tc.customer, got, tc.want)
		}
	}
}

// A header parameter holding CR, LF or NUL is a *ValidationError naming the header (not its value), and nothing
// is sent.
func TestHeaderParamControlCharsRefused(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 200, `{}`) })
	c := mustClient(t, fastOpts(fs)...)
	op := &operationDef{ID: "Search.Run", Method: "GET", PathTemplate: "/search", Security: [][]string{{"privateKey"}}, API: fakeAPI}
	for _, v := range []string{"a\r\nX-Evil: 1", "a\nb", "a\x00b"} {
		h := http.Header{}
		h.Set("X-Trace", v)
		_, err := c.do(context.Background(), op, &request{Path: "/search", Header: h}, nil)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != "X-Trace" || strings.Contains(err.Error(), "Evil") {
			t.Errorf("%q: err = %v, want a ValidationError naming X-Trace", v, err)
		}
	}
	if fs.hits.Load() != 0 {
		t.Errorf("%d requests sent", fs.hits.Load())
	}
}

func TestPathParamStyles(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{pathParamArray("ids", []string{"a", "b/c", "d,e"}, "simple", false), "a,b%2Fc,d%2Ce"},
		{pathParamArray("ids", []string{"a", "b"}, "simple", true), "a,b"},
		{pathParamArray("ids", []string{"a", "b"}, "label", false), ".a,b"},
		{pathParamArray("ids", []string{"a", "b"}, "label", true), ".a.b"},
		{pathParamArray("ids", []string{"a", "b"}, "matrix", false), ";ids=a,b"},
		{pathParamArray("ids", []string{"a", "b;c"}, "matrix", true), ";ids=a;ids=b%3Bc"},
		{pathParamObject("p", [][2]string{{"x", "1"}, {"y", "2"}}, "simple", false), "x,1,y,2"},
		{pathParamObject("p", [][2]string{{"x", "1"}, {"y", "2"}}, "simple", true), "x=1,y=2"},
		{pathParamObject("p", [][2]string{{"x", "1"}, {"y", "2"}}, "label", false), ".x,1,y,2"},
		{pathParamObject("p", [][2]string{{"x", "1"}, {"y", "2"}}, "label", true), ".x=1.y=2"},
		{pathParamObject("p", [][2]string{{"x", "1"}, {"y", "2"}}, "matrix", false), ";p=x,1,y,2"},
		{pathParamObject("p", [][2]string{{"x", "1"}, {"y", "2"}}, "matrix", true), ";x=1;y=2"},
		{pathParamStyle("id", 5, "label"), ".5"},
		{pathParamStyle("id", "a/b", "matrix"), ";id=a%2Fb"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// A cookie value net/http cannot send is refused before anything is sent, without echoing the value (net/http
// would drop the bytes, log to the standard logger and send the rest).
func TestCookieValueRefused(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 200, `{}`) })
	c := mustClient(t, fastOpts(fs)...)
	op := &operationDef{ID: "Search.Run", Method: "GET", PathTemplate: "/search", Security: [][]string{{"privateKey"}}, API: fakeAPI}
	_, err := c.do(context.Background(), op, &request{Path: "/search", Cookies: []*http.Cookie{{Name: "session", Value: "tok;secret"}}}, nil)
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "session" || strings.Contains(err.Error(), "secret") {
		t.Fatalf("err = %v, want a ValidationError naming the cookie and not its value", err)
	}
	if fs.hits.Load() != 0 {
		t.Errorf("%d requests sent", fs.hits.Load())
	}
}

func TestMissingParams(t *testing.T) {
	op := &operationDef{ID: "Stores.List", API: fakeAPI}
	if got := missingParam(op, "lat").Error(); !strings.HasSuffix(got, `Stores.List: required parameter "lat" is missing`) {
		t.Errorf("one: %s", got)
	}
	err := missingParam(op, "lat", "lon")
	if got := err.Error(); !strings.HasSuffix(got, `Stores.List: required parameters "lat", "lon" are missing`) {
		t.Errorf("two: %s", got)
	}
	if ve := err.(*ValidationError); ve.Field != "lat, lon" {
		t.Errorf("field = %q", ve.Field)
	}
}

func TestFormatParam(t *testing.T) {
	type level int
	for _, tc := range []struct {
		in   any
		want string
	}{
		{"x", "x"}, {currency("PEN"), "PEN"}, {level(3), "3"}, {int8(-8), "-8"}, {uint64(1 << 63), "9223372036854775808"},
		{float32(0.1), "0.1"}, {1e21, "1000000000000000000000"}, {MustParseDecimal("-3.000"), "-3.000"},
		{Ptr(MustParseDecimal("1.5")), "1.5"}, {time.Second, "1s"}, {[]byte("raw"), "raw"}, {nil, ""},
	} {
		if got := formatParam(tc.in); got != tc.want {
			t.Errorf("formatParam(%#v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSecuritySchemes(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 200, `{}`) })
	def := &apiDefinition{Name: "multi", SecuritySchemes: opgSchemes{
		"basic":  {Kind: securityBasic, Option: "WithBasicAuth"},
		"bearer": {Kind: securityBearer, Option: "WithToken"},
		"hdr":    {Kind: securityAPIKeyHeader, ParamName: "X-Api-Key", Option: "WithAPIKey"},
		"qry":    {Kind: securityAPIKeyQuery, ParamName: "api_key", Option: "WithQueryKey"},
		"ck":     {Kind: securityAPIKeyCookie, ParamName: "key", Option: "WithCookieKey"},
	}}
	core, err := newClientCore(def, []Option{WithBaseURL(fs.URL),
		credentialOption("WithBasicAuth", "basic", credential{Username: "u", Password: "p"}),
		credentialOption("WithToken", "bearer", credential{Token: "tok"}),
		credentialOption("WithQueryKey", "qry", credential{APIKey: "qk"}),
		credentialOption("WithCookieKey", "ck", credential{APIKey: "ckv"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	call := func(sec [][]string) (*http.Request, error) {
		op := &operationDef{ID: "X.Y", Method: "GET", PathTemplate: "/y", Security: sec}
		_, err := core.do(context.Background(), op, &request{Path: "/y"}, nil)
		r, _ := fs.lastRequest()
		return r, err
	}
	r, err := call([][]string{{"hdr"}, {"basic"}})
	if u, p, _ := r.BasicAuth(); err != nil || u != "u" || p != "p" {
		t.Errorf("basic: %v %q %q", err, u, p)
	}
	r, _ = call([][]string{{"bearer"}})
	if r.Header.Get("Authorization") != "Bearer tok" {
		t.Errorf("bearer: %q", r.Header.Get("Authorization"))
	}
	r, _ = call([][]string{{"qry", "ck"}})
	if ck, _ := r.Cookie("key"); r.URL.Query().Get("api_key") != "qk" || ck == nil || ck.Value != "ckv" {
		t.Errorf("query+cookie: %v", r.URL)
	}
	r, _ = call([][]string{{}})
	if r.Header.Get("Authorization") != "" {
		t.Error("anonymous alternative sent credentials")
	}
	if _, err := call([][]string{{"hdr"}, {"hdr", "basic"}}); err == nil || !strings.Contains(err.Error(), "use WithAPIKey, or WithAPIKey and WithBasicAuth") {
		t.Errorf("err = %v", err)
	}
	// API key in the query is redacted from errors.
	fs2 := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 400, `{}`) })
	_, err = core.do(context.Background(), &operationDef{ID: "X.Y", Method: "GET", Security: [][]string{{"qry"}}},
		&request{Path: "/y", Query: url.Values{"q": {"1"}}}, []RequestOption{WithRequestBaseURL(fs2.URL)})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || strings.Contains(err.Error(), "qk") || !strings.Contains(apiErr.URL, "api_key=%5BREDACTED%5D&q=1") {
		t.Errorf("err = %v", err)
	}
}

func TestOperationServers(t *testing.T) {
	tokens := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 200, `{"id":"tkn"}`) })
	main := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) { writeJSON(w, 200, `{"id":"main"}`) })
	op := &operationDef{ID: "Tokens.Create", Method: "POST", PathTemplate: "/tokens", Idempotent: true,
		Servers: map[string]string{"sandbox": tokens.URL + "/t/{merchant_id}", "production": "https://secure.fakepay.test"}}
	// Without WithBaseURL, the operation's own server for the environment in use is used.
	envClient := mustClient(t, WithMerchantID("m_123"), WithPrivateKey(testKey),
		WithRetryBackoff(time.Millisecond, 5*time.Millisecond), WithTimeout(5*time.Second))
	resp, err := envClient.do(context.Background(), op, &request{Path: "/tokens", Body: jsonBody(map[string]any{})}, nil)
	if err != nil || string(resp.Body) != `{"id":"tkn"}` {
		t.Fatalf("%v", err)
	}
	if r, _ := tokens.lastRequest(); r.URL.Path != "/t/m_123/tokens" {
		t.Errorf("path = %s", r.URL.Path)
	}
	// WithBaseURL points the whole client elsewhere (a mock, a proxy): operation servers included.
	c := mustClient(t, fastOpts(main)...)
	resp, err = c.do(context.Background(), op, &request{Path: "/tokens", Body: jsonBody(map[string]any{})}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != `{"id":"main"}` {
		t.Fatalf("WithBaseURL did not replace the operation's server: got %s", resp.Body)
	}
	// Per-call base URL wins.
	resp, err = c.do(context.Background(), op, &request{Path: "/tokens"}, []RequestOption{WithRequestBaseURL(main.URL)})
	if err != nil || string(resp.Body) != `{"id":"main"}` {
		t.Fatalf("%v", err)
	}
	if _, err := c.do(context.Background(), op, &request{Path: "/tokens"}, []RequestOption{WithRequestBaseURL("http://example.com")}); err == nil {
		t.Error("plain-http per-call base URL accepted")
	}
}

func TestBodies(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		if n == 1 {
			writeJSON(w, 503, `{}`)
			return
		}
		writeJSON(w, 200, `{}`)
	})
	c := mustClient(t, fastOpts(fs)...)
	op := &operationDef{ID: "Files.Upload", Method: "PUT", PathTemplate: "/files"}
	send := func(b requestBody) (*http.Request, []byte) {
		t.Helper()
		fs.hits.Store(0)
		if _, err := c.do(context.Background(), op, &request{Path: "/files", Body: b}, nil); err != nil {
			t.Fatal(err)
		}
		fs.mu.Lock()
		defer fs.mu.Unlock()
		n := len(fs.bodies)
		if fs.bodies[n-1] != fs.bodies[n-2] {
			t.Errorf("retry body differs: %q vs %q", fs.bodies[n-2], fs.bodies[n-1])
		}
		return fs.last, fs.lastBody
	}
	type inner struct {
		B int `json:"b"`
	}
	r, body := send(formBody(map[string]any{"a": inner{1}, "l": []int{1, 2}, "amount": MustParseDecimal("10.10"), "z": nil, "s": "x y&"}))
	if r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" ||
		string(body) != "a%5Bb%5D=1&amount=10.10&l=1&l=2&s=x+y%26" {
		t.Errorf("form = %s", body)
	}
	// The encoding object's styles: arrays joined with a literal delimiter (an element's own comma escaped), an
	// object spread or joined, arrays of objects indexed.
	_, body = send(formBody(map[string]any{
		"csv": []string{"a,b", "c"}, "pipes": []int{1, 2}, "ssv": []string{"x", "y"}, "tsv": []string{"x", "y"},
		"multi": []string{"m", "n"}, "spread": map[string]int{"r": 1, "g": 2}, "joined": map[string]int{"r": 1},
		"objs": []inner{{1}, {2}},
	}, formStyle{"csv", "form", false}, formStyle{"pipes", "pipeDelimited", false},
		formStyle{"ssv", "spaceDelimited", false}, formStyle{"tsv", "tabDelimited", false},
		formStyle{"spread", "form", true}, formStyle{"joined", "form", false}))
	if want := "csv=a%2Cb,c&joined=r,1&multi=m&multi=n&objs%5B0%5D%5Bb%5D=1&objs%5B1%5D%5Bb%5D=2&pipes=1|2&g=2&r=1&ssv=x%20y&tsv=x%09y"; string(body) != want {
		t.Errorf("form styles =\n%s, want\n%s", body, want)
	}
	_, body = send(formValuesBody(url.Values{"k": {"v"}}))
	if string(body) != "k=v" {
		t.Errorf("form values = %s", body)
	}
	r, body = send(textBody("text/csv", "a,b\n"))
	if r.Header.Get("Content-Type") != "text/csv" || string(body) != "a,b\n" {
		t.Errorf("text = %s", body)
	}
	_, body = send(readerBody("", strings.NewReader("\x00\x01binary")))
	if string(body) != "\x00\x01binary" {
		t.Errorf("reader = %q", body)
	}
	r, body = send(base64Body("", []byte{0, 0xfb, 0xff}))
	if r.Header.Get("Content-Type") != "application/octet-stream" || string(body) != "APv/" {
		t.Errorf("base64 = (%s) %q", r.Header.Get("Content-Type"), body)
	}
	r, body = send(multipartBody([]multipartPart{
		{Name: "purpose", Value: "dispute"},
		{Name: "file", FileName: `ev"1.pdf`, ContentType: "application/pdf", Reader: strings.NewReader("%PDF-1.4")},
	}))
	_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	mr := multipart.NewReader(strings.NewReader(string(body)), params["boundary"])
	p1, _ := mr.NextPart()
	v1, _ := io.ReadAll(p1)
	p2, _ := mr.NextPart()
	v2, _ := io.ReadAll(p2)
	if p1.FormName() != "purpose" || string(v1) != "dispute" || p2.FileName() != `ev"1.pdf` || string(v2) != "%PDF-1.4" || p2.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("multipart: %s=%s %s=%s", p1.FormName(), v1, p2.FileName(), v2)
	}
	// Multipart as the spec says: a file's name and type from NewFilePart (else the spec's type), an array as
	// repeated parts, an object as one JSON part with the encoding's Content-Type.
	r, body = send(multipartBody([]multipartPart{
		multipartFile("doc", NewFilePart(strings.NewReader("pdf"), "contract.pdf", "application/pdf"), "application/octet-stream"),
		multipartFile("raw", strings.NewReader("raw"), "image/png"),
		{Name: "tag", Value: "a"}, {Name: "tag", Value: "b"},
		multipartJSON("meta", map[string]int{"n": 1}, "application/vnd.meta+json"),
	}))
	_, params, _ = mime.ParseMediaType(r.Header.Get("Content-Type"))
	mr = multipart.NewReader(strings.NewReader(string(body)), params["boundary"])
	var got []string
	for {
		p, err := mr.NextPart()
		if err != nil {
			break
		}
		v, _ := io.ReadAll(p)
		got = append(got, p.FormName()+"|"+p.FileName()+"|"+p.Header.Get("Content-Type")+"|"+string(v))
	}
	if want := []string{"doc|contract.pdf|application/pdf|pdf", "raw|raw|image/png|raw", "tag|||a", "tag|||b",
		`meta||application/vnd.meta+json|{"n":1}`}; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("multipart parts\n got %q\nwant %q", got, want)
	}
	r, body = send(jsonBodyAs("application/merge-patch+json", map[string]any{"name": nil}))
	if r.Header.Get("Content-Type") != "application/merge-patch+json" || string(body) != `{"name":null}` {
		t.Errorf("merge patch: %s %s", r.Header.Get("Content-Type"), body)
	}
	// Bodies over 32 MiB and unencodable bodies fail before sending.
	before := fs.hits.Load()
	if _, err := c.do(context.Background(), op, &request{Path: "/f", Body: readerBody("", io.LimitReader(zeroReader{}, 33<<20))}, nil); err == nil {
		t.Error("oversized body accepted")
	}
	if _, err := c.do(context.Background(), op, &request{Path: "/f", Body: jsonBody(func() {})}, nil); err == nil || !strings.HasPrefix(err.Error(), "fakepay: Files.Upload: encoding JSON body") {
		t.Errorf("err = %v", err)
	}
	if fs.hits.Load() != before {
		t.Error("bad bodies were sent")
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestStream(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, strings.Repeat("x", 100000))
	})
	c := mustClient(t, fastOpts(fs, WithMaxResponseBytes(1000))...)
	op := &operationDef{ID: "Files.Download", Method: "GET", PathTemplate: "/files/{id}"}
	resp, err := c.do(context.Background(), op, &request{Path: "/files/1", Stream: true}, nil)
	if err != nil || resp.Body != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Stream)
	resp.Stream.Close()
	if err != nil || len(b) != 100000 {
		t.Fatalf("stream: %d bytes, %v", len(b), err)
	}
}

// TestDecodeBase64: a base64 response body decodes with MIME line breaks or without padding; anything else is
// an error naming the operation, marked outcome unknown when the call was not safe to retry.
func TestDecodeBase64(t *testing.T) {
	op := &operationDef{ID: "Blobs.Get"}
	for _, body := range []string{"APv/", "APv/\r\n", "AP\nv/", "AAE", "AAE=", ""} {
		r := &response{StatusCode: 200, Body: []byte(body)}
		if _, err := r.decodeBase64(op); err != nil {
			t.Errorf("decodeBase64(%q): %v", body, err)
		}
	}
	if b, _ := (&response{Body: []byte("APv/\n")}).decodeBase64(op); string(b) != "\x00\xfb\xff" {
		t.Errorf("decoded %q", b)
	}
	for _, body := range []string{"AP-_", "not base64!", "A"} {
		r := &response{StatusCode: 201, Body: []byte(body), lostIfUndecodable: true}
		_, err := r.decodeBase64(op)
		if err == nil || !strings.Contains(err.Error(), "Blobs.Get") || !errors.Is(err, ErrOutcomeUnknown) {
			t.Errorf("decodeBase64(%q) = %v, want an outcome-unknown error naming Blobs.Get", body, err)
		}
	}
}
