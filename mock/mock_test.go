package mock

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
)

const shop = "testdata/shop.yaml"

// client sends requests to a mock and decodes JSON answers.
type client struct {
	t    *testing.T
	base string
	key  bool // send the API key
}

type answer struct {
	status int
	header http.Header
	raw    []byte
	body   any
}

func (a answer) obj(t *testing.T) map[string]any {
	t.Helper()
	m, ok := a.body.(map[string]any)
	if !ok {
		t.Fatalf("answer %d is not a JSON object: %s", a.status, a.raw)
	}
	return m
}

func (c client) do(method, path string, body string, header ...string) answer {
	c.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.key {
		req.Header.Set("X-Api-Key", "test")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &a.body); err != nil {
			c.t.Fatalf("%s %s: the answer is not JSON: %s", method, path, raw)
		}
	}
	return a
}

func shopClient(t *testing.T, opts ...Option) (client, *Handler) {
	t.Helper()
	srv := NewServer(t, shop, opts...)
	h := srv.Config.Handler.(*Handler)
	return client{t: t, base: BaseURL(srv, map[string]string{"tenant": "acme"}), key: true}, h
}

func TestBaseURL(t *testing.T) {
	srv := NewServer(t, shop)
	if got, want := BaseURL(srv, map[string]string{"tenant": "acme"}), srv.URL+"/v1/acme"; got != want {
		t.Errorf("BaseURL = %q, want %q", got, want)
	}
	if got, want := BaseURL(srv, nil), srv.URL+"/v1/TENANT"; got != want {
		t.Errorf("BaseURL without vars = %q, want the default %q", got, want)
	}
	h := srv.Config.Handler.(*Handler)
	if got := h.ServerPath(); got != "/v1/{tenant}" {
		t.Errorf("ServerPath = %q", got)
	}
	other := httptest.NewServer(http.NotFoundHandler())
	defer other.Close()
	if got := BaseURL(other, nil); got != other.URL {
		t.Errorf("BaseURL of a foreign server = %q, want its URL", got)
	}
}

func TestRouting(t *testing.T) {
	c, _ := shopClient(t)
	// Any tenant: server variables are wildcards.
	for _, tenant := range []string{"acme", "other-tenant", "T1"} {
		if a := (client{t: t, base: strings.Replace(c.base, "/acme", "/"+tenant, 1)}).do("GET", "/health", ""); a.status != 200 {
			t.Errorf("GET /v1/%s/health = %d %s", tenant, a.status, a.raw)
		}
	}
	// A trailing slash is the same path.
	if a := c.do("GET", "/health/", ""); a.status != 200 {
		t.Errorf("GET /health/ = %d", a.status)
	}
	// The literal /customers/search wins over /customers/{customer_id}.
	if a := c.do("GET", "/customers/search?q=ana", ""); a.status != 200 {
		t.Errorf("GET /customers/search = %d %s", a.status, a.raw)
	}
	// Outside the server path: 404 in the error shape, saying where the paths are.
	a := (client{t: t, base: strings.TrimSuffix(c.base, "/v1/acme"), key: true}).do("GET", "/health", "")
	if a.status != 404 || !strings.Contains(a.obj(t)["message"].(string), "/v1/{tenant}") {
		t.Errorf("GET /health without the server path = %d %s, want 404 naming /v1/{tenant}", a.status, a.raw)
	}
	// Known path, wrong method: 405 with Allow.
	a = c.do("PUT", "/customers", `{}`)
	if a.status != 405 || a.header.Get("Allow") != "GET, POST" {
		t.Errorf("PUT /customers = %d, Allow %q; want 405 and GET, POST", a.status, a.header.Get("Allow"))
	}
}

func TestCredentials(t *testing.T) {
	c, _ := shopClient(t)
	anon := client{t: t, base: c.base}
	a := anon.do("GET", "/customers", "")
	if a.status != 401 {
		t.Fatalf("without the API key: %d %s, want 401", a.status, a.raw)
	}
	body := a.obj(t)
	if body["code"] != "unauthorized" || !strings.Contains(body["message"].(string), "X-Api-Key") {
		t.Errorf("401 body %s: want code unauthorized and a message naming the X-Api-Key header", a.raw)
	}
	if a := anon.do("GET", "/health", ""); a.status != 200 {
		t.Errorf("an operation with security: [] needs no credential: %d", a.status)
	}
	if a := c.do("GET", "/customers", ""); a.status != 200 {
		t.Errorf("with the key: %d %s", a.status, a.raw)
	}
}

func TestValidation(t *testing.T) {
	c, _ := shopClient(t)
	cases := []struct {
		name, method, path, body string
		status                   int
		field                    string
		msg                      string
	}{
		{"missing required field", "POST", "/customers", `{"email":"a@example.com"}`, 400, "name", `field "name" is required`},
		{"too short", "POST", "/customers", `{"name":"A","email":"a@example.com"}`, 400, "name", "minimum string length is 2"},
		{"bad email", "POST", "/customers", `{"name":"Ana","email":"nope"}`, 400, "email", `field "email" is invalid`},
		{"bad enum", "POST", "/customers", `{"name":"Ana","email":"a@example.com","tier":"platinum"}`, 400, "tier", "allowed values"},
		{"query out of range", "GET", "/customers?limit=500", "", 400, "limit", `query parameter "limit" is invalid`},
		{"query not a number", "GET", "/customers?limit=ten", "", 400, "limit", `"limit"`},
		{"required query missing", "GET", "/customers/search", "", 400, "q", `query parameter "q" is required`},
		{"path pattern", "GET", "/customers/nope", "", 400, "customer_id", `path parameter "customer_id"`},
		{"bad uuid", "GET", "/customers/x/orders/not-a-uuid", "", 400, "order_id", `"order_id"`},
		{"body not JSON", "POST", "/customers", `{"name":`, 400, "", "cannot be decoded"},
		{"body missing", "POST", "/customers", "", 400, "", "request body is required"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := c.do(tc.method, tc.path, tc.body)
			if a.status != tc.status {
				t.Fatalf("%s %s: %d %s, want %d", tc.method, tc.path, a.status, a.raw, tc.status)
			}
			body := a.obj(t)
			if body["code"] != "invalid_request" {
				t.Errorf("code %v, want invalid_request (the enum value the 400 response's description names)", body["code"])
			}
			if msg, _ := body["message"].(string); !strings.Contains(msg, tc.msg) {
				t.Errorf("message %q does not say %q", msg, tc.msg)
			}
			if tc.field != "" && body["field"] != tc.field {
				t.Errorf("field %v, want %q", body["field"], tc.field)
			}
			if body["status"] != float64(tc.status) {
				t.Errorf("status field %v, want %d", body["status"], tc.status)
			}
		})
	}
	a := c.do("POST", "/customers", "name=x", "Content-Type", "application/x-www-form-urlencoded")
	if a.status != 415 || !strings.Contains(a.obj(t)["message"].(string), "application/json") {
		t.Errorf("form body: %d %s, want 415 naming application/json", a.status, a.raw)
	}
}

func TestResponses(t *testing.T) {
	c, _ := shopClient(t)
	// The request example "gold" gets the response example "gold".
	a := c.do("POST", "/customers", `{"name":"Gold Customer","email":"gold@example.com","tier":"gold"}`)
	if a.status != 201 || a.obj(t)["id"] != "cus_fedcba9876543210" {
		t.Errorf("create with the gold request example: %d %s, want 201 with the gold response example", a.status, a.raw)
	}
	// Another body: the first example by name.
	a = c.do("POST", "/customers", `{"name":"Ana","email":"ana@example.com"}`)
	if a.status != 201 || a.obj(t)["id"] != "cus_0123456789abcdef" {
		t.Errorf("create: %d %s, want the basic example", a.status, a.raw)
	}
	// Stateless lists page through their example.
	a = c.do("GET", "/customers?limit=2&offset=1", "")
	if list, ok := a.body.([]any); !ok || len(list) != 2 || list[0].(map[string]any)["name"] != "Second" {
		t.Errorf("GET /customers?limit=2&offset=1 = %s, want Second and Third", a.raw)
	}
	if a = c.do("GET", "/customers?offset=3", ""); string(a.raw) != "[]" {
		t.Errorf("past the end: %s, want []", a.raw)
	}
	// Delete: 204 without a body.
	if a = c.do("DELETE", "/customers/cus_0123456789abcdef", ""); a.status != 204 || len(a.raw) != 0 {
		t.Errorf("DELETE = %d %q, want 204 and no body", a.status, a.raw)
	}
}

func TestSynthesizedResponse(t *testing.T) {
	c, h := shopClient(t)
	a := c.do("POST", "/customers/cus_0123456789abcdef/orders", `{"total": 10.10}`)
	if a.status != 201 {
		t.Fatalf("create order: %d %s", a.status, a.raw)
	}
	o := a.obj(t)
	checks := map[string]*regexp.Regexp{
		"id":        regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`),
		"day":       regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`),
		"placed_at": regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`),
		"contact":   regexp.MustCompile(`^[^@]+@example\.com$`),
		"code":      regexp.MustCompile(`^[A-Z]{3}[0-9]{3}$`),
		"status":    regexp.MustCompile(`^(open|paid)$`),
	}
	for field, re := range checks {
		if s, _ := o[field].(string); !re.MatchString(s) {
			t.Errorf("%s = %v, want %s", field, o[field], re)
		}
	}
	if total, ok := o["total"].(float64); !ok || total < 1 || total > 500 {
		t.Errorf("total = %v, want a number in [1, 500]", o["total"])
	}
	if !regexp.MustCompile(`"total":\d+\.\d{2}[,}]`).Match(a.raw) {
		t.Errorf("a decimal is written with two decimals: %s", a.raw)
	}
	// Deterministic for a seed, different for another one.
	if b := c.do("POST", "/customers/cus_0123456789abcdef/orders", `{"total": 3}`); !bytes.Equal(a.raw, b.raw) {
		t.Errorf("two answers of the same seed differ:\n%s\n%s", a.raw, b.raw)
	}
	c2, _ := shopClient(t, WithSeed(42))
	if b := c2.do("POST", "/customers/cus_0123456789abcdef/orders", `{"total": 3}`); bytes.Equal(a.raw, b.raw) {
		t.Errorf("seeds 1 and 42 gave the same answer %s", a.raw)
	}
	// Recursive schemas stop.
	a = c.do("GET", "/nodes/1", "")
	if a.status != 200 || len(a.raw) > 4096 {
		t.Errorf("recursive Node: %d, %d bytes", a.status, len(a.raw))
	}
	// Every synthesized success response of the repository's specs and this one matches its schema.
	for _, file := range []string{shop, "../specs/openpay-mx.yaml", "../specs/culqi.yaml", "../specs/sky.yaml", "../specs/openpay-pe.yaml", "../specs/openpay-co.yaml"} {
		hh, err := newHandler(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, rt := range hh.routes {
			status, resp := successResponse(rt.op)
			if resp == nil {
				continue
			}
			mt := jsonMedia(resp.Content)
			if mt == nil || mt.Schema == nil {
				continue
			}
			v := newSynth(h.cfg.seed, rt.id, forResponse).value(mt.Schema)
			if err := mt.Schema.Value.VisitJSON(toFloats(roundTrip(t, v)), formatOptions...); err != nil {
				t.Errorf("%s: %s %d: the synthesized response does not match its schema: %s", file, rt.id, status, firstLine(err.Error()))
			}
		}
	}
}

// roundTrip passes a value through JSON, as it travels.
func roundTrip(t *testing.T, v any) any {
	b, err := jsonMarshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPrefer(t *testing.T) {
	c, _ := shopClient(t)
	a := c.do("POST", "/charges", `{"amount": 500}`, "Prefer", "code=402, example=insufficient_funds")
	if a.status != 402 || a.obj(t)["code"] != "insufficient_funds" {
		t.Errorf("Prefer code=402, example=insufficient_funds: %d %s", a.status, a.raw)
	}
	a = c.do("POST", "/charges", `{"amount": 500}`, "Prefer", "example=card_declined")
	if a.status != 402 || a.obj(t)["code"] != "card_declined" {
		t.Errorf("Prefer example=card_declined: %d %s", a.status, a.raw)
	}
	a = c.do("GET", "/customers", "", "Prefer", "code=429")
	if a.status != 429 || a.header.Get("Retry-After") != "1" || a.obj(t)["code"] != "rate_limited" {
		t.Errorf("Prefer code=429: %d, Retry-After %q, %s; want 429, 1 and code rate_limited", a.status, a.header.Get("Retry-After"), a.raw)
	}
	for _, code := range []int{500, 503} {
		a = c.do("GET", "/customers", "", "Prefer", "code="+itoa(code))
		if a.status != code || a.obj(t)["code"] != "server_error" || a.obj(t)["message"] == "" {
			t.Errorf("Prefer code=%d (undocumented): %d %s, want the error shape", code, a.status, a.raw)
		}
	}
	a = c.do("POST", "/charges", `{"amount": 500}`, "Prefer", "code=402, example=nope")
	if a.status != 400 || !strings.Contains(a.obj(t)["message"].(string), "example=nope") {
		t.Errorf("Prefer with an unknown example: %d %s, want 400 saying so", a.status, a.raw)
	}
	// Validation comes first.
	if a = c.do("POST", "/charges", `{"amount": 1}`, "Prefer", "code=402"); a.status != 400 {
		t.Errorf("an invalid request with Prefer: %d, want 400", a.status)
	}
	// A Prefer the mock cannot honour is an error saying why, never the default answer.
	for _, c2 := range []struct{ prefer, want string }{
		{"code=abc", "Prefer: code=abc is not an HTTP status"},
		{"code=600", "Prefer: code=600 is not an HTTP status"},
		{"example=", "Prefer: example= names no example"},
		{"code=299", "Prefer: code=299: createCharge documents no 299 response (it documents 200, 402)"},
	} {
		a = c.do("POST", "/charges", `{"amount": 500}`, "Prefer", c2.prefer)
		if a.status != 400 || !strings.Contains(a.obj(t)["message"].(string), c2.want) {
			t.Errorf("Prefer: %s: %d %s, want 400 saying %q", c2.prefer, a.status, a.raw, c2.want)
		}
	}
	// A documented success status is answered as such.
	if a = c.do("POST", "/charges", `{"amount": 500}`, "Prefer", "code=200"); a.status != 200 {
		t.Errorf("Prefer: code=200: %d %s", a.status, a.raw)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestStateful(t *testing.T) {
	c, _ := shopClient(t, WithStateful())
	create := func(name string) map[string]any {
		t.Helper()
		a := c.do("POST", "/customers", `{"name":"`+name+`","email":"`+strings.ToLower(name)+`@example.com","tier":"gold"}`)
		if a.status != 201 {
			t.Fatalf("create %s: %d %s", name, a.status, a.raw)
		}
		return a.obj(t)
	}
	ana, bob := create("Ana"), create("Bob")
	id := ana["id"].(string)
	if !regexp.MustCompile(`^cus_[0-9a-f]{16}$`).MatchString(id) || id == bob["id"] || ana["name"] != "Ana" {
		t.Fatalf("created %v and %v: want fresh ids shaped like the example and the names sent", ana, bob)
	}
	if _, leaked := ana["secret_note"]; leaked {
		t.Errorf("a writeOnly property came back: %v", ana)
	}
	if a := c.do("GET", "/customers/"+id, ""); a.status != 200 || a.obj(t)["email"] != "ana@example.com" {
		t.Errorf("get: %d %s", a.status, a.raw)
	}
	a := c.do("GET", "/customers/cus_ffffffffffffffff", "")
	if a.status != 404 || a.obj(t)["code"] != "not_found" || !strings.Contains(a.obj(t)["message"].(string), "cus_ffffffffffffffff") {
		t.Errorf("get unknown: %d %s, want 404 in the error shape naming the id", a.status, a.raw)
	}
	if a = c.do("GET", "/customers?limit=1&offset=1", ""); len(a.body.([]any)) != 1 || a.body.([]any)[0].(map[string]any)["name"] != "Bob" {
		t.Errorf("list page 2: %s, want Bob", a.raw)
	}
	if a = c.do("PATCH", "/customers/"+id, `{"name":"Ana Maria"}`); a.status != 200 || a.obj(t)["name"] != "Ana Maria" || a.obj(t)["email"] != "ana@example.com" {
		t.Errorf("update: %d %s, want the new name and the old email", a.status, a.raw)
	}

	// Nested orders, keyed by customer; cursor paging.
	var orders []string
	for range 3 {
		a = c.do("POST", "/customers/"+id+"/orders", `{"total": 12.50, "note": "gift", "card_number": "4111111111111111", "cvv": "123"}`)
		if a.status != 201 {
			t.Fatalf("create order: %d %s", a.status, a.raw)
		}
		o := a.obj(t)
		if o["total"] != 12.5 || o["note"] != "gift" || o["card_number"] != "411111XXXXXX1111" {
			t.Errorf("order %s: want the total and note sent and the card number masked", a.raw)
		}
		if _, ok := o["cvv"]; ok {
			t.Errorf("order %s: the cvv must not be echoed", a.raw)
		}
		orders = append(orders, o["id"].(string))
	}
	a = c.do("GET", "/customers/"+id+"/orders?limit=2", "")
	page := a.obj(t)
	if len(page["data"].([]any)) != 2 || page["paging"].(map[string]any)["after"] != orders[1] {
		t.Errorf("orders page 1: %s, want 2 orders and the cursor %s", a.raw, orders[1])
	}
	a = c.do("GET", "/customers/"+id+"/orders?limit=2&after="+orders[1], "")
	page = a.obj(t)
	if d := page["data"].([]any); len(d) != 1 || d[0].(map[string]any)["id"] != orders[2] || page["paging"].(map[string]any)["after"] != nil {
		t.Errorf("orders page 2: %s, want the last order and no cursor", a.raw)
	}
	if a = c.do("GET", "/customers/"+bob["id"].(string)+"/orders", ""); len(a.obj(t)["data"].([]any)) != 0 {
		t.Errorf("Bob's orders: %s, want none", a.raw)
	}
	if a = c.do("GET", "/customers/"+id+"/orders/"+orders[0], ""); a.status != 200 {
		t.Errorf("get order: %d %s", a.status, a.raw)
	}
	if a = c.do("POST", "/customers/cus_ffffffffffffffff/orders", `{"total": 2}`); a.status != 404 {
		t.Errorf("order of an unknown customer: %d %s, want 404", a.status, a.raw)
	}

	// Delete removes the customer and its orders.
	if a = c.do("DELETE", "/customers/"+id, ""); a.status != 204 {
		t.Fatalf("delete: %d %s", a.status, a.raw)
	}
	for _, p := range []string{"/customers/" + id, "/customers/" + id + "/orders/" + orders[0]} {
		if a = c.do("GET", p, ""); a.status != 404 {
			t.Errorf("GET %s after delete: %d, want 404", p, a.status)
		}
	}
	if a = c.do("DELETE", "/customers/"+id, ""); a.status != 404 {
		t.Errorf("delete twice: %d, want 404", a.status)
	}
	if a = c.do("GET", "/customers", ""); len(a.body.([]any)) != 1 {
		t.Errorf("list after delete: %s, want Bob only", a.raw)
	}
}

// TestProviderErrorShapes checks the error bodies of the repository's providers: Openpay's documented
// {category, error_code, http_code, description, request_id} and Culqi's parameter_error.
func TestProviderErrorShapes(t *testing.T) {
	srv := NewServer(t, "../specs/openpay-mx.yaml")
	op := client{t: t, base: BaseURL(srv, map[string]string{"merchant_id": "m123"})}
	do := func(c client, method, path, body, auth string) answer {
		return c.do(method, path, body, "Authorization", auth)
	}
	a := do(op, "POST", "/customers", `{"email":"ana@example.com"}`, "Basic c2tfdGVzdDo=")
	want := map[string]any{"category": "request", "error_code": float64(1001), "http_code": float64(400)}
	body := a.obj(t)
	for k, v := range want {
		if body[k] != v {
			t.Errorf("Openpay 400: %s = %v, want %v (%s)", k, body[k], v, a.raw)
		}
	}
	if !strings.Contains(body["description"].(string), `"name"`) || body["request_id"] == "" {
		t.Errorf("Openpay 400: %s: want a description naming the field and a request id", a.raw)
	}
	a = op.do("GET", "/customers", "")
	if a.status != 401 || a.obj(t)["error_code"] != float64(1002) || a.header.Get("WWW-Authenticate") == "" {
		t.Errorf("Openpay without credentials: %d %s, want 401 with error_code 1002 and a challenge", a.status, a.raw)
	}

	srv = NewServer(t, "../specs/culqi.yaml")
	cq := client{t: t, base: BaseURL(srv, nil)}
	a = do(cq, "POST", "/v2/customers", `{"first_name":"Richard","last_name":"Hendricks","address":"Av. Lima 213","address_city":"Lima","country_code":"PE","phone_number":"999999987"}`, "Bearer sk_test")
	body = a.obj(t)
	if a.status != 422 || body["object"] != "error" || body["type"] != "parameter_error" || body["param"] != "email" ||
		!strings.Contains(body["merchant_message"].(string), "email") || body["user_message"] == nil {
		t.Errorf("Culqi invalid parameter: %d %s, want 422 parameter_error naming email", a.status, a.raw)
	}
	if a.header.Get("X-Culqi-Tracking-Id") == "" {
		t.Errorf("Culqi error without its documented x-culqi-tracking-id header")
	}
	if a.header.Get("X-Culqi-Tracking-Id") != body["request_id"] && body["request_id"] != nil {
		t.Errorf("Culqi error: the tracking id header %q and the body's request id %v differ", a.header.Get("X-Culqi-Tracking-Id"), body["request_id"])
	}
	a = do(cq, "POST", "/v2/customers", `{"first_name":`, "Bearer sk_test")
	if a.status != 400 || a.obj(t)["type"] != "invalid_request_error" {
		t.Errorf("Culqi body not JSON: %d %s, want 400 invalid_request_error", a.status, a.raw)
	}
	// Statuses Culqi does not document take the type of their class, never the enum's first value
	// (card_error): a 405 is a bad request, a 502 a server error.
	a = do(cq, "DELETE", "/v2/charges", "", "Bearer sk_test")
	if a.status != 405 || a.obj(t)["type"] != "invalid_request_error" {
		t.Errorf("Culqi 405: %d %s, want type invalid_request_error", a.status, a.raw)
	}
	a = cq.do("GET", "/v2/customers?limit=1", "", "Authorization", "Bearer sk_test", "Prefer", "code=502")
	if a.status != 502 || a.obj(t)["type"] != "api_error" {
		t.Errorf("Culqi Prefer code=502: %d %s, want type api_error", a.status, a.raw)
	}
}

// TestSamplesAccepted sends every operation of the repository's specs its own sample request: all must be
// answered with a 2xx.
func TestSamplesAccepted(t *testing.T) {
	for _, file := range []string{shop, "../specs/openpay-mx.yaml", "../specs/openpay-pe.yaml", "../specs/openpay-co.yaml", "../specs/culqi.yaml", "../specs/sky.yaml", wire} {
		h, err := newHandler(file)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		for _, op := range h.Operations() {
			s, err := h.SampleRequest(op)
			if err != nil {
				t.Fatal(err)
			}
			req, err := s.NewRequest(context.Background(), srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode >= 300 {
				t.Errorf("%s: %s %s: %d %s", file, s.Method, s.Path, resp.StatusCode, raw)
			}
		}
		srv.Close()
	}
	h, _ := newHandler(shop)
	if _, err := h.SampleRequest("noSuchOperation"); err == nil || !strings.Contains(err.Error(), "noSuchOperation") {
		t.Errorf("SampleRequest of an unknown operation: %v", err)
	}
}

// records collects log records.
type records struct {
	mu   sync.Mutex
	recs []map[string]string
}

func (r *records) Enabled(context.Context, slog.Level) bool { return true }
func (r *records) Handle(_ context.Context, rec slog.Record) error {
	m := map[string]string{"msg": rec.Message, "level": rec.Level.String()}
	rec.Attrs(func(a slog.Attr) bool { m[a.Key] = a.Value.String(); return true })
	r.mu.Lock()
	r.recs = append(r.recs, m)
	r.mu.Unlock()
	return nil
}
func (r *records) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *records) WithGroup(string) slog.Handler      { return r }

func TestLogging(t *testing.T) {
	rec := &records{}
	c, _ := shopClient(t, WithLogger(slog.New(rec)))
	c.do("GET", "/customers", "")
	c.do("POST", "/customers", `{"email":"a@example.com"}`)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.recs) != 2 {
		t.Fatalf("%d log records for 2 requests: %v", len(rec.recs), rec.recs)
	}
	ok, bad := rec.recs[0], rec.recs[1]
	if ok["method"] != "GET" || ok["path"] != "/v1/acme/customers" || ok["status"] != "200" || ok["operation"] != "listCustomers" || ok["error"] != "" {
		t.Errorf("log of a good request: %v", ok)
	}
	if bad["status"] != "400" || bad["operation"] != "createCustomer" || !strings.Contains(bad["error"], `"name"`) || bad["level"] != "WARN" {
		t.Errorf("log of a bad request: %v", bad)
	}
}

func TestNewHandlerErrors(t *testing.T) {
	_, err := NewHandler("testdata/missing.yaml")
	if err == nil || !strings.Contains(err.Error(), "missing.yaml") || !strings.Contains(err.Error(), "not found") {
		t.Errorf("missing spec: %v", err)
	}
	bad := t.TempDir() + "/bad.yaml"
	if err := writeFile(bad, "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {200: {description: ok}\n"); err != nil {
		t.Fatal(err)
	}
	_, err = NewHandler(bad)
	if err == nil || !regexp.MustCompile(`bad\.yaml:\d+`).MatchString(err.Error()) {
		t.Errorf("broken spec: %v, want the file and line", err)
	}
}

func TestFromPattern(t *testing.T) {
	syn := newSynth(1, "pattern", forRequest)
	for _, tc := range []struct {
		pattern  string
		min, max int
	}{
		{`^[0-9]+$`, 15, 19},
		{`^cus_[0-9a-f]{16}$`, 0, -1},
		{`^(visa|mastercard)$`, 0, -1},
		{`^[A-Z]{2}-\d{4,6}$`, 0, 9},
		{`\w+@\w+\.com`, 0, -1},
	} {
		v, ok := fromPattern(tc.pattern, syn.rng, tc.min, tc.max)
		if !ok || !regexp.MustCompile(tc.pattern).MatchString(v) || len(v) < tc.min || tc.max >= 0 && len(v) > tc.max {
			t.Errorf("fromPattern(%q, %d, %d) = %q, %v", tc.pattern, tc.min, tc.max, v, ok)
		}
	}
}

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o644) }

// TestConcurrentRequests hits one stateful mock from many goroutines (run with -race).
func TestConcurrentRequests(t *testing.T) {
	c, _ := shopClient(t, WithStateful())
	var wg sync.WaitGroup
	ids := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 6 {
				req, _ := http.NewRequest("POST", c.base+"/customers", strings.NewReader(`{"name":"User`+itoa(g*10+i)+`","email":"u@example.com"}`))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Api-Key", "k")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				var m map[string]any
				_ = json.NewDecoder(resp.Body).Decode(&m)
				resp.Body.Close()
				if resp.StatusCode != 201 {
					t.Errorf("create: %d", resp.StatusCode)
					return
				}
				ids <- m["id"].(string)
				for _, p := range []string{"/customers", "/customers?limit=200", "/customers/" + m["id"].(string)} {
					req, _ := http.NewRequest("GET", c.base+p, nil)
					req.Header.Set("X-Api-Key", "k")
					if resp, err := http.DefaultClient.Do(req); err == nil {
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
					}
				}
			}
		}()
	}
	wg.Wait()
	close(ids)
	seen := map[string]bool{}
	for id := range ids {
		if seen[id] {
			t.Errorf("id %s given twice", id)
		}
		seen[id] = true
	}
	if a := c.do("GET", "/customers", ""); len(a.body.([]any)) != 48 {
		t.Errorf("%d customers listed, want 48", len(a.body.([]any)))
	}
}

func TestLogRedactsQueryKey(t *testing.T) {
	spec := t.TempDir() + "/q.yaml"
	if err := writeFile(spec, `openapi: 3.0.3
info: {title: Q, version: "1"}
security: [{key: []}]
paths:
  /things:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}
components:
  securitySchemes:
    key: {type: apiKey, in: query, name: api_key}
`); err != nil {
		t.Fatal(err)
	}
	rec := &records{}
	srv := NewServer(t, spec, WithLogger(slog.New(rec)))
	c := client{t: t, base: BaseURL(srv, nil)}
	if a := c.do("GET", "/things?api_key=s3cr3t&x=1", ""); a.status != 200 {
		t.Fatalf("with the key in the query: %d %s", a.status, a.raw)
	}
	if a := c.do("GET", "/things", ""); a.status != 401 {
		t.Fatalf("without the key: %d, want 401", a.status)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if p := rec.recs[0]["path"]; strings.Contains(p, "s3cr3t") || !strings.Contains(p, "REDACTED") {
		t.Errorf("logged path %q: the API key must be redacted", p)
	}
}

// TestCredentialSchemes checks the presence of every kind of credential: HTTP basic and bearer, API keys in a
// header, the query and a cookie, OAuth2, two schemes required together, and alternatives.
func TestCredentialSchemes(t *testing.T) {
	spec := t.TempDir() + "/auth.yaml"
	ok := `{"200": {description: ok, content: {application/json: {schema: {type: string}}}}}`
	if err := writeFile(spec, `openapi: 3.0.3
info: {title: Auth, version: "1"}
paths:
  /basic: {get: {operationId: basic, security: [{basic: []}], responses: `+ok+`}}
  /bearer: {get: {operationId: bearer, security: [{bearer: []}], responses: `+ok+`}}
  /header: {get: {operationId: header, security: [{header: []}], responses: `+ok+`}}
  /query: {get: {operationId: query, security: [{query: []}], responses: `+ok+`}}
  /cookie: {get: {operationId: cookie, security: [{cookie: []}], responses: `+ok+`}}
  /oauth: {get: {operationId: oauth, security: [{oauth: [read]}], responses: `+ok+`}}
  /both: {get: {operationId: both, security: [{header: [], query: []}], responses: `+ok+`}}
  /either: {get: {operationId: either, security: [{header: []}, {cookie: []}], responses: `+ok+`}}
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
    bearer: {type: http, scheme: bearer}
    header: {type: apiKey, in: header, name: X-Key}
    query: {type: apiKey, in: query, name: key}
    cookie: {type: apiKey, in: cookie, name: session}
    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: "https://auth.example.com/token", scopes: {read: read}}}}
`); err != nil {
		t.Fatal(err)
	}
	srv := NewServer(t, spec)
	c := client{t: t, base: BaseURL(srv, nil)}
	cases := []struct {
		path    string
		with    []string // headers that satisfy the requirement
		without []string // headers that do not
		names   string   // what the 401 message asks for (the query, if any, is left out)
	}{
		{"/basic", []string{"Authorization", "Basic dXNlcjo="}, []string{"Authorization", "Basic Og=="}, "basic (HTTP basic authentication)"},
		{"/bearer", []string{"Authorization", "Bearer t"}, []string{"Authorization", "Basic dXNlcjo="}, "bearer (Authorization: Bearer <token>)"},
		{"/header", []string{"X-Key", "k"}, []string{"X-Other", "k"}, "header (header X-Key)"},
		{"/query?key=k", nil, []string{"X-Key", "k"}, "query (query key)"},
		{"/cookie", []string{"Cookie", "session=s"}, []string{"Cookie", "other=s"}, "cookie (cookie session)"},
		{"/oauth", []string{"Authorization", "Bearer t"}, []string{"Authorization", "Bearer "}, "oauth (Authorization: Bearer <token>)"},
		{"/both?key=k", []string{"X-Key", "k"}, []string{"Cookie", "session=s"}, "header (header X-Key) and query (query key)"},
		{"/either", []string{"Cookie", "session=s"}, []string{"X-Other", "k"}, "cookie (cookie session), or header (header X-Key)"},
	}
	for _, tc := range cases {
		if a := c.do("GET", tc.path, "", tc.with...); a.status != 200 {
			t.Errorf("GET %s with %q: %d %s, want 200", tc.path, tc.with, a.status, a.raw)
		}
		a := c.do("GET", strings.TrimSuffix(tc.path, "?key=k"), "", tc.without...)
		if a.status != 401 || !strings.Contains(string(a.raw), "missing credentials: send "+tc.names) {
			t.Errorf("GET %s with %q: %d %s, want 401 asking for %s", tc.path, tc.without, a.status, a.raw, tc.names)
		}
	}
}

// Patterns are ECMA-262: a negative look-ahead, which Go's RE2 refuses, is enforced with an ECMAScript engine,
// and the spec loads by default.
func TestECMAPattern(t *testing.T) {
	path := t.TempDir() + "/ecma.yaml"
	spec := `openapi: 3.0.3
info: {title: ECMA, version: "1"}
servers: [{url: "http://localhost/v1"}]
paths:
  /accounts/{number}:
    get:
      operationId: getAccount
      parameters:
        - {name: number, in: path, required: true, schema: {type: string, pattern: '^(?!0+$)[0-9]{6}$'}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
        "400": {description: bad request, content: {application/json: {schema: {type: object}}}}
`
	if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := NewServer(t, path)
	c := client{t: t, base: BaseURL(srv, nil)}
	if a := c.do("GET", "/accounts/000001", ""); a.status != 200 {
		t.Errorf("a matching number: %d %s", a.status, a.raw)
	}
	if a := c.do("GET", "/accounts/000000", ""); a.status != 400 {
		t.Errorf("all zeros (refused by the look-ahead): %d %s, want 400", a.status, a.raw)
	}
}
