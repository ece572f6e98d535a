package mock

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"
)

const wire = "testdata/wire.yaml"

// send sends one request to the wire mock and returns the status, headers and raw body.
func send(t *testing.T, method, u, contentType string, body []byte) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// mpart is one part of a multipart body to build.
type mpart struct {
	name, filename, contentType, body string
}

func multipartOf(parts ...mpart) (string, []byte) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		cd := `form-data; name="` + p.name + `"`
		if p.filename != "" {
			cd += `; filename="` + p.filename + `"`
		}
		h.Set("Content-Disposition", cd)
		if p.contentType != "" {
			h.Set("Content-Type", p.contentType)
		}
		pw, _ := w.CreatePart(h)
		io.WriteString(pw, p.body)
	}
	w.Close()
	return w.FormDataContentType(), buf.Bytes()
}

// TestMultipartValidated: multipart bodies as the SDKs send them are accepted (a file part typed
// application/octet-stream when the caller gave no type, arrays as repeated parts, objects as JSON parts), and
// each kind of mistake is refused naming the part.
func TestMultipartValidated(t *testing.T) {
	base := BaseURL(NewServer(t, wire), nil)
	file := mpart{name: "file", filename: "scan.png", contentType: "image/png", body: "\x89PNG"}
	kind := mpart{name: "kind", body: "invoice"}
	accepted := [][]mpart{
		{kind, file},
		{kind, {name: "file", filename: "file", contentType: "application/octet-stream", body: "\x00\xff"}},
		{kind, {name: "file", filename: "a.jpg", contentType: "image/jpeg; q=1", body: "jpg"}, {name: "pages", body: "3"},
			{name: "tags", body: "a"}, {name: "tags", body: "b"},
			{name: "attachments", filename: "1.txt", contentType: "text/plain", body: "x"},
			{name: "attachments", filename: "2.bin", body: "y"},
			{name: "meta", contentType: "application/json", body: `{"source":"scanner"}`}},
	}
	for i, parts := range accepted {
		ct, body := multipartOf(parts...)
		if st, _, b := send(t, "POST", base+"/documents", ct, body); st != 201 {
			t.Errorf("accepted case %d: %d %s", i, st, b)
		}
	}
	refused := []struct {
		name   string
		parts  []mpart
		status int
		says   string
	}{
		{"file missing", []mpart{kind}, 400, `"file" is required`},
		{"kind missing", []mpart{file}, 400, `"kind" is required`},
		{"kind not in enum", []mpart{{name: "kind", body: "memo"}, file}, 400, `"kind" is invalid`},
		{"kind twice", []mpart{kind, kind, file}, 400, `part "kind" is sent 2 times`},
		{"pages not an integer", []mpart{kind, file, {name: "pages", body: "three"}}, 400, `part "pages" is invalid`},
		{"pages below minimum", []mpart{kind, file, {name: "pages", body: "0"}}, 400, `"pages" is invalid`},
		{"meta not JSON", []mpart{kind, file, {name: "meta", contentType: "application/json", body: "source=x"}}, 400, `part "meta" is not JSON`},
		{"meta lacks a required field", []mpart{kind, file, {name: "meta", contentType: "application/json", body: `{}`}}, 400, `"meta.source" is required`},
		{"meta as text", []mpart{kind, file, {name: "meta", contentType: "text/plain", body: `{"source":"x"}`}}, 415, `part "meta" has Content-Type "text/plain"`},
		{"file of a type the encoding does not list", []mpart{kind, {name: "file", filename: "a.gif", contentType: "image/gif", body: "GIF"}}, 415, "image/png, image/jpeg"},
	}
	for _, tc := range refused {
		ct, body := multipartOf(tc.parts...)
		st, _, b := send(t, "POST", base+"/documents", ct, body)
		var e struct{ Message string }
		if err := json.Unmarshal(b, &e); err != nil || st != tc.status || !strings.Contains(e.Message, tc.says) {
			t.Errorf("%s: %d %s, want %d saying %s", tc.name, st, b, tc.status, tc.says)
		}
	}
	if st, _, b := send(t, "POST", base+"/documents", "multipart/form-data", []byte("x")); st != 400 || !strings.Contains(string(b), "boundary") {
		t.Errorf("no boundary: %d %s", st, b)
	}
}

// TestNonJSONBodies: text, raw and base64 request bodies are accepted as the spec types them, and non-JSON
// responses are served with their own media type.
func TestNonJSONBodies(t *testing.T) {
	base := BaseURL(NewServer(t, wire), nil)
	for _, tc := range []struct {
		method, path, ct, body string
		status                 int
	}{
		{"POST", "/imports", "text/csv", "a,b\n1,2\n", 204},
		{"POST", "/imports", "application/octet-stream", "\x00\x01\xff", 204},
		{"POST", "/imports", "application/json", `{"a":1}`, 415},
		{"PUT", "/blobs/k1", "application/octet-stream", base64.StdEncoding.EncodeToString([]byte{0, 1, 0xff}), 204},
		{"PUT", "/blobs/k1", "application/octet-stream", "not base64!", 400},
		{"POST", "/attachments/a.pdf", "application/octet-stream", "%PDF\x00\xff raw", 204},
	} {
		if st, _, b := send(t, tc.method, base+tc.path, tc.ct, []byte(tc.body)); st != tc.status {
			t.Errorf("%s %s (%s) %q: %d %s, want %d", tc.method, tc.path, tc.ct, tc.body, st, b, tc.status)
		}
	}
	st, h, b := send(t, "GET", base+"/reports/r1", "", nil)
	if st != 200 || h.Get("Content-Type") != "text/csv" || string(b) != "day,total\n2024-01-01,10.50\n" {
		t.Errorf("CSV: %d (%s) %q", st, h.Get("Content-Type"), b)
	}
	if st, h, b = send(t, "GET", base+"/files/f1", "", nil); st != 200 || h.Get("Content-Type") != "application/pdf" || len(b) == 0 {
		t.Errorf("PDF: %d (%s) %q", st, h.Get("Content-Type"), b)
	}
	st, h, b = send(t, "GET", base+"/blobs/k1", "", nil)
	if _, err := base64.StdEncoding.DecodeString(string(b)); st != 200 || h.Get("Content-Type") != "application/octet-stream" || err != nil {
		t.Errorf("base64 blob: %d (%s) %q: %v", st, h.Get("Content-Type"), b, err)
	}
}

// follow walks a list from first, taking each next page's URL from next, and returns the ids seen and the URLs
// fetched.
func follow(t *testing.T, first string, next func(h http.Header, body map[string]any) string) (ids []string, urls []string) {
	t.Helper()
	u := first
	for i := 0; u != "" && i < 10; i++ {
		urls = append(urls, u)
		st, h, b := send(t, "GET", u, "", nil)
		if st != 200 {
			t.Fatalf("GET %s: %d %s", u, st, b)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		m, _ := v.(map[string]any)
		items, _ := v.([]any)
		if m != nil {
			for _, k := range []string{"values", "data"} {
				if a, ok := m[k].([]any); ok {
					items = a
				}
			}
		}
		for _, it := range items {
			ids = append(ids, it.(map[string]any)["id"].(string))
		}
		u = next(h, m)
	}
	return ids, urls
}

// TestNextPageLinks: lists paged by a Link header or by a next-page URL in the body point at the mock's own
// next page (never the provider's host the examples name), keep the request's other parameters, and say
// nothing more on the last page.
func TestNextPageLinks(t *testing.T) {
	srv := NewServer(t, wire)
	base := BaseURL(srv, nil)
	mockHost := strings.TrimPrefix(srv.URL, "http://")
	onMock := func(t *testing.T, urls []string) {
		t.Helper()
		for _, u := range urls {
			if pu, err := url.Parse(u); err != nil || pu.Host != mockHost {
				t.Errorf("next page %s is not on the mock (%s)", u, mockHost)
			}
		}
	}
	link := func(h http.Header, _ map[string]any) string {
		v := h.Get("Link")
		if v == "" {
			return ""
		}
		if !strings.HasSuffix(v, `>; rel="next"`) || !strings.HasPrefix(v, "<") {
			t.Fatalf("Link %q is not one rel=\"next\" link", v)
		}
		return strings.TrimSuffix(strings.TrimPrefix(v, "<"), `>; rel="next"`)
	}
	ids, urls := follow(t, base+"/repos?sort=name", link)
	if strings.Join(ids, " ") != "r1 r2 r3 r4 r5" || len(urls) != 3 {
		t.Errorf("Link pages: ids %v over %v", ids, urls)
	}
	onMock(t, urls)
	if !strings.Contains(urls[2], "sort=name") || !strings.Contains(urls[2], "page=3") {
		t.Errorf("the last Link %s lost the request's parameters", urls[2])
	}

	field := func(name string) func(http.Header, map[string]any) string {
		return func(_ http.Header, m map[string]any) string {
			s, _ := m[name].(string)
			return s
		}
	}
	ids, urls = follow(t, base+"/workspaces/w%201/members", field("next"))
	if strings.Join(ids, " ") != "m1 m2 m3" || len(urls) != 2 {
		t.Errorf("body next pages: ids %v over %v", ids, urls)
	}
	onMock(t, urls)
	if !strings.Contains(urls[1], "/workspaces/w%201/members") {
		t.Errorf("the next URL %s lost the path parameter", urls[1])
	}
	// The last page leaves out a `next` the schema does not make nullable, and nulls one it does.
	_, _, b := send(t, "GET", urls[1], "", nil)
	if strings.Contains(string(b), `"next"`) {
		t.Errorf("last page still names a next page: %s", b)
	}
	ids, urls = follow(t, base+"/invoices?per_page=2", field("next_page_url"))
	if strings.Join(ids, " ") != "i1 i2 i3" || len(urls) != 2 {
		t.Errorf("next_page_url pages: ids %v over %v", ids, urls)
	}
	onMock(t, urls)
	if _, _, b := send(t, "GET", urls[1], "", nil); !strings.Contains(string(b), `"next_page_url":null`) {
		t.Errorf("last page: %s, want next_page_url null", b)
	}
}
