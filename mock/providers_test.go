package mock

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// providerSpecs are the repository's own specs (../specs), served directly, without an SDK.
var providerSpecs = []string{"openpay-mx", "openpay-pe", "openpay-co", "culqi", "sky"}

func providerSpec(t *testing.T, name string) string {
	t.Helper()
	p := "../specs/" + name + ".yaml"
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s: %v (the provider specs live in the repository's specs/ directory)", p, err)
	}
	return p
}

// TestCreatedIDsAreAccepted: every object a stateful mock creates can be read back (and acted on) with its id:
// the fresh id satisfies the path parameters of the operations on it.
func TestCreatedIDsAreAccepted(t *testing.T) {
	for _, name := range providerSpecs {
		t.Run(name, func(t *testing.T) {
			h, err := newHandler(providerSpec(t, name), WithStateful())
			if err != nil {
				t.Fatal(err)
			}
			checked := 0
			for _, rt := range h.routes {
				// (A create that changes another object, x-opgen-mock-effect, needs that object first.)
				if rt.state.kind != kindCreate || len(rt.state.ancestors) > 0 || rt.state.effect != nil || segmentsKey(rt.prefix) != segmentsKey(h.routes[0].prefix) {
					continue
				}
				sample, err := h.SampleRequest(rt.id)
				if err != nil {
					t.Fatalf("%s: %v", rt.id, err)
				}
				rec := serveSample(h, sample)
				if rec.Code >= 300 {
					t.Errorf("%s: sample create answered %d %s", rt.id, rec.Code, rec.Body.Bytes())
					continue
				}
				var obj map[string]any
				if json.Unmarshal(rec.Body.Bytes(), &obj) != nil {
					continue
				}
				id := jsonScalar(obj[idKey(obj, rt.state.res.idParam)])
				for _, other := range h.routes {
					if other.state.res != rt.state.res || (other.state.kind != kindGet && other.state.kind != kindAction) ||
						other.method != http.MethodGet || segmentsKey(other.prefix) != segmentsKey(rt.prefix) {
						continue
					}
					path := strings.Replace(h.BasePath(nil)+other.template, "{"+rt.state.res.idParam+"}", id, 1)
					req := httptest.NewRequest(other.method, path, nil)
					req.Header = sample.Header.Clone()
					got := serve(h, req)
					checked++
					if got.Code != http.StatusOK {
						t.Errorf("%s %s after %s: %d %s; want the object created", other.method, path, rt.id, got.Code, got.Body.Bytes())
					}
				}
			}
			if checked == 0 {
				t.Fatal("no created object was read back")
			}
			t.Logf("%d objects read back", checked)
		})
	}
}

// TestProviderFlows runs the payment flows directly against the mocks of the provider specs: the store and
// SPEI answers, capture and refund on the stored charge, Culqi's 201, and Sky's 3-D Secure fallback.
func TestProviderFlows(t *testing.T) {
	openpay := func(t *testing.T, spec string) client {
		srv := NewServer(t, providerSpec(t, spec), WithStateful())
		c := client{t: t, base: BaseURL(srv, map[string]string{"merchant_id": "m1"})}
		return c
	}
	basic := []string{"Authorization", "Basic c2tfdGVzdDo="}
	t.Run("openpay-mx", func(t *testing.T) {
		c := openpay(t, "openpay-mx")
		a := c.do("POST", "/charges", `{"method":"store","amount":55.5,"description":"x","order_id":"o-1"}`, basic...)
		if m := a.obj(t); a.status != 200 || str(m, "payment_method.type") != "store" || str(m, "amount") != "55.5" {
			t.Fatalf("store charge = %d %s", a.status, a.raw)
		}
		a = c.do("POST", "/charges", `{"method":"bank_account","amount":70,"description":"y"}`, basic...)
		if m := a.obj(t); str(m, "payment_method.type") != "bank_transfer" || str(m, "payment_method.clabe") == "<none>" {
			t.Fatalf("SPEI charge = %d %s", a.status, a.raw)
		}
		a = c.do("POST", "/charges", `{"method":"card","source_id":"kqgykn96i7bcs1wwhvgw","amount":100,"description":"z","capture":false}`, basic...)
		id := str(a.obj(t), "id")
		a = c.do("POST", "/charges/"+id+"/capture", "", basic...)
		if m := a.obj(t); str(m, "id") != id || str(m, "amount") != "100" || str(m, "status") != "completed" {
			t.Fatalf("full capture = %d %s; want %s, 100, completed", a.status, a.raw, id)
		}
		a = c.do("POST", "/charges/"+id+"/refund", `{"amount":40.25}`, basic...)
		if m := a.obj(t); str(m, "id") != id || str(m, "amount") != "100" || str(m, "refund.amount") != "40.25" || str(m, "refund.transaction_type") != "refund" {
			t.Fatalf("refund = %d %s; want %s of 100 with a refund of 40.25", a.status, a.raw, id)
		}
		// A validation error inside the charge's oneOf variant and a property's allOf: Openpay's error body,
		// naming the field inside.
		a = c.do("POST", "/charges", `{"method":"card","amount":1,"description":"x","card":{"card_number":"41"}}`, basic...)
		if m := a.obj(t); a.status != 400 || str(m, "error_code") != "1001" || str(m, "category") != "request" || str(m, "http_code") != "400" ||
			!strings.Contains(str(m, "description"), `"card.card_number"`) || len(str(m, "request_id")) < 10 {
			t.Fatalf("invalid card number = %d %s; want Openpay's 400 error 1001 naming card.card_number", a.status, a.raw)
		}
		a = c.do("POST", "/charges", `{"method":"cash","amount":1,"description":"x"}`, basic...)
		if m := a.obj(t); a.status != 400 || !strings.Contains(str(m, "description"), `"method"`) {
			t.Fatalf("unknown method = %d %s; want a 400 naming method", a.status, a.raw)
		}
		a = c.do("POST", "/charges", `{"method":"card","source_id":"k","amount":1,"description":"d"}`, append(basic, "Prefer", "code=402")...)
		if m := a.obj(t); a.status != 402 || str(m, "error_code") != "3001" || str(m, "category") != "gateway" || str(m, "http_code") != "402" {
			t.Fatalf("Prefer: code=402 = %d %s; want gateway 3001", a.status, a.raw)
		}
	})
	t.Run("culqi", func(t *testing.T) {
		srv := NewServer(t, providerSpec(t, "culqi"), WithStateful())
		c := client{t: t, base: BaseURL(srv, nil)}
		auth := []string{"Authorization", "Bearer sk_test_x"}
		a := c.do("POST", "/v2/charges", `{"amount":10000,"currency_code":"PEN","email":"a@b.pe","source_id":"tkn_test_0CjjdWhFpEAZlxlz","capture":false}`, auth...)
		id := str(a.obj(t), "id")
		if a.status != 201 || str(a.obj(t), "capture") != "false" {
			t.Fatalf("charge = %d %s; want 201 with capture false", a.status, a.raw)
		}
		a = c.do("POST", "/v2/charges/"+id+"/capture", "", auth...)
		if m := a.obj(t); a.status != 201 || str(m, "id") != id || str(m, "capture") != "true" || str(m, "amount") != "10000" {
			t.Fatalf("capture = %d %s; want 201, %s, capture true", a.status, a.raw, id)
		}
		a = c.do("POST", "/v2/refunds", `{"amount":4025,"charge_id":"`+id+`","reason":"solicitud_comprador"}`, auth...)
		if m := a.obj(t); a.status != 201 || str(m, "amount") != "4025" || str(m, "charge_id") != id {
			t.Fatalf("refund = %d %s", a.status, a.raw)
		}
		// Validation errors are Culqi's 422 parameter_error naming the field.
		a = c.do("POST", "/v2/charges", `{"amount":10000,"currency_code":"PEN","email":"not-an-email","source_id":"tkn_test_0CjjdWhFpEAZlxlz"}`, auth...)
		if m := a.obj(t); a.status != 422 || str(m, "type") != "parameter_error" || str(m, "param") != "email" {
			t.Fatalf("invalid email = %d %s; want 422 parameter_error with param email", a.status, a.raw)
		}
		a = c.do("POST", "/v2/charges", `{"amount":10000,"currency_code":"PEN","email":"a@b.pe","source_id":"tkn_test_0CjjdWhFpEAZlxlz","antifraud_details":{"first_name":5}}`, auth...)
		if m := a.obj(t); a.status != 422 || str(m, "type") != "parameter_error" || str(m, "param") != "antifraud_details.first_name" {
			t.Fatalf("invalid nested field = %d %s; want 422 parameter_error with param antifraud_details.first_name", a.status, a.raw)
		}
		if a = c.do("GET", "/v2/charges?limit=1000", "", auth...); a.status != 422 || str(a.obj(t), "param") != "limit" {
			t.Fatalf("limit=1000 = %d %s; want 422 naming limit", a.status, a.raw)
		}
	})
	t.Run("sky", func(t *testing.T) {
		c := openpay(t, "sky")
		direct := `{"method":"card","source_id":"k570iqqwzrnxitxm4bkq","amount":20,"currency":"USD","description":"d",` +
			`"customer":{"name":"Eli","email":"eli@openpay.mx"},"provider":{"data":{"point_of_sale":"web_retail"}}}`
		a := c.do("POST", "/charges", direct, append(basic, "Prefer", "code=402")...)
		if m := a.obj(t); a.status != 402 || str(m, "error_code") != "3005" {
			t.Fatalf("direct charge, Prefer: code=402 = %d %s; want 3005", a.status, a.raw)
		}
		retry := strings.Replace(direct, `"point_of_sale":"web_retail"`, `"point_of_sale":"web_retail","use_3d_secure":true,`+
			`"url_success":"https://x.test/","browser_info":{"accept_header":"a","user_agent":"b"}`, 1)
		a = c.do("POST", "/charges", retry, basic...)
		m := a.obj(t)
		if a.status != 200 || str(m, "status") != "charge_pending" || str(m, "payment_method.type") != "redirect" {
			t.Fatalf("3-D Secure retry = %d %s; want charge_pending with a redirect", a.status, a.raw)
		}
		if got := c.do("GET", "/charges/"+str(m, "id"), "", basic...); str(got.obj(t), "status") != "charge_pending" {
			t.Fatalf("get after the retry = %s", got.raw)
		}
	})
}

func serveSample(h *Handler, s *SampleRequest) *httptest.ResponseRecorder {
	u := s.Path
	if len(s.Query) > 0 {
		u += "?" + s.Query.Encode()
	}
	var body io.Reader
	if s.Body != nil {
		body = bytes.NewReader(s.Body)
	}
	req := httptest.NewRequest(s.Method, u, body)
	req.Header = s.Header.Clone()
	if s.ContentType != "" {
		req.Header.Set("Content-Type", s.ContentType)
	}
	return serve(h, req)
}

func serve(h *Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
