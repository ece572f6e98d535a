package mock

import (
	"net/http/httptest"
	"testing"
)

// TestWireFormsAccepted: a request body in the alternative forms x-opgen-also-accept lists is accepted (through
// allOf, a $ref'd enum, array items and a oneOf), the stored resource holds the canonical values, and a value in
// no accepted form is still refused.
func TestWireFormsAccepted(t *testing.T) {
	h, err := newHandler("testdata/wireforms.yaml", WithStateful())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	c := client{t: t, base: srv.URL}

	a := c.do("POST", "/plans", `{"name":"p","trial_days":"30","send_email":"true","status_after_retry":"CANCELLED",`+
		`"account":1234567890,"counts":["1",2],"either":"x"}`)
	if a.status != 201 {
		t.Fatalf("alternative forms: %d %s", a.status, a.raw)
	}
	m := a.obj(t)
	id, _ := m["id"].(string)
	got := c.do("GET", "/plans/"+id, "").obj(t)
	for k, want := range map[string]any{"trial_days": 30.0, "send_email": true, "status_after_retry": "cancelled",
		"account": "1234567890", "either": "x"} {
		if got[k] != want {
			t.Errorf("stored %s = %#v, want the canonical %#v (%s)", k, got[k], want, a.raw)
		}
	}
	if cs, _ := got["counts"].([]any); len(cs) != 2 || cs[0] != 1.0 || cs[1] != 2.0 {
		t.Errorf("stored counts = %#v, want [1 2]", got["counts"])
	}

	for _, bad := range []string{
		`{"name":"p","trial_days":"thirty"}`,       // not a number in a string
		`{"name":"p","trial_days":"-1"}`,           // canonical value out of bounds: still checked
		`{"name":"p","trial_days":" 3"}`,           // only exactly a JSON number
		`{"name":"p","retry_times":"3"}`,           // no extension: the canonical form only
		`{"name":"p","send_email":"yes"}`,          // not a boolean's text
		`{"name":"p","status_after_retry":"paid"}`, // in no case of the enum
		`{"name":"p","account":true}`,              // a string takes a number, not a boolean
		`{"name":"p","counts":["x"]}`,
	} {
		if a := c.do("POST", "/plans", bad); a.status != 400 {
			t.Errorf("%s: %d %s, want 400", bad, a.status, a.raw)
		}
	}
	// A oneOf member that takes the value as it is keeps it: "7" stays the string branch's "7".
	a = c.do("POST", "/plans", `{"name":"p","either":"7"}`)
	if a.status != 201 {
		t.Fatalf("%d %s", a.status, a.raw)
	}
	id, _ = a.obj(t)["id"].(string)
	if got := c.do("GET", "/plans/"+id, "").obj(t); got["either"] != "7" {
		t.Errorf("either = %#v, want \"7\"", got["either"])
	}
}

// TestWireFormsParams: a query or path parameter whose enum accepts any letter case is read as the listed spelling;
// one without the extension is still refused in another case.
func TestWireFormsParams(t *testing.T) {
	h, err := newHandler("testdata/wireforms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	c := client{t: t, base: srv.URL}
	for path, want := range map[string]int{
		"/plans/by-status/CANCELLED?unit=MONTH&kind=a": 200,
		"/plans/by-status/cancelled?unit=month":        200,
		"/plans/by-status/Unpaid":                      200,
		"/plans/by-status/paused":                      400,
		"/plans/by-status/unpaid?unit=day":             400,
		"/plans/by-status/unpaid?kind=A":               400,
	} {
		if a := c.do("GET", path, ""); a.status != want {
			t.Errorf("GET %s: %d %s, want %d", path, a.status, a.raw, want)
		}
	}
}
