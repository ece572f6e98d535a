package support

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

// Types shaped as opgen generates them, with their drift descriptions.

type driftStatus string

const (
	driftStatusPaid    driftStatus = "paid"
	driftStatusPending driftStatus = "pending"
)

func (v driftStatus) Valid() bool { return v == driftStatusPaid || v == driftStatusPending }

type driftLevel int64

func (v driftLevel) Valid() bool { return v == 1 || v == 2 }

type driftCharge struct {
	ID       string                   `json:"id"`
	Amount   Decimal                  `json:"amount"`
	Status   driftStatus              `json:"status"`
	Previous Opt[driftStatus]         `json:"previous,omitzero"`
	Level    Nullable[driftLevel]     `json:"level,omitzero"`
	Card     *driftCard               `json:"card,omitempty"`
	Tags     []driftStatus            `json:"tags,omitzero"`
	ByDay    map[string][]driftStatus `json:"by_day,omitzero"`
	Source   *driftSource             `json:"source,omitempty"`
	Raw      json.RawMessage          `json:"raw,omitempty"`
	Any      any                      `json:"any,omitempty"`
	Secret   Opt[string]              `json:"secret,omitzero"`
}

type driftCard struct {
	Last4 string `json:"last4"`
	Brand Opt[string]
	Extra map[string]json.RawMessage `json:"-"`
}

func (v *driftCard) UnmarshalJSON(data []byte) error {
	type plain driftCard
	if err := json.Unmarshal(data, (*plain)(v)); err != nil {
		return err
	}
	return splitExtraJSON(data, &v.Extra, []string{"last4"})
}

type driftBank struct {
	IBAN   string `json:"iban"`
	Object string `json:"object"`
}

type driftToken struct {
	Token  string `json:"token"`
	Object string `json:"object"`
}

type driftSource struct {
	Bank    *driftBank
	Token   *driftToken
	Unknown json.RawMessage
}

func (u *driftSource) UnmarshalJSON(data []byte) error {
	*u = driftSource{}
	tag, _, err := unionDiscriminator(data, "object")
	if err != nil {
		return err
	}
	switch tag {
	case "bank":
		u.Bank = new(driftBank)
		return json.Unmarshal(data, u.Bank)
	case "token":
		u.Token = new(driftToken)
		return json.Unmarshal(data, u.Token)
	}
	u.Unknown = append(json.RawMessage(nil), data...)
	return nil
}

// driftTestTypes is the drift table of the test types, as a generated apiDef holds it.
var driftTestTypes = opgDriftTypes{
	"driftCharge":  {required: []string{"amount", "id", "status"}},
	"driftCard":    {required: []string{"last4"}},
	"driftBank":    {required: []string{"iban", "object"}},
	"driftSource":  {union: opgDriftUnion, unknown: "Unknown"},
	"driftProfile": {union: opgDriftUnion},
}

var opDriftGet = &operationDef{ID: "Charges.Get", Method: "GET", PathTemplate: "/charges/{id}", API: fakeAPI}

func decodeWithDrift(t *testing.T, body string, v any, strict bool) ([]Drift, error) {
	t.Helper()
	var got []Drift
	r := &response{StatusCode: 200, Body: []byte(body), api: "fakepay", drift: &opgDriftCall{types: driftTestTypes,
		opgDriftConfig: &opgDriftConfig{strict: strict, handler: func(_ context.Context, d Drift) { got = append(got, d) }}}}
	err := r.decodeJSON(opDriftGet, v)
	return got, err
}

func driftLines(ds []Drift) string {
	var lines []string
	for _, d := range ds {
		lines = append(lines, d.String())
	}
	return strings.Join(lines, "\n")
}

func TestDriftKinds(t *testing.T) {
	body := `{
		"id": "ch_1",
		"status": "on_hold",
		"previous": "paid",
		"level": 7,
		"card": {"brand": "visa", "issuer": "x"},
		"tags": ["paid", "refunded"],
		"by_day": {"2024-01-02": ["pending", "lost"], "odd key": ["gone"]},
		"source": {"object": "crypto", "wallet": "w"},
		"raw": {"anything": 1},
		"any": {"free": true},
		"surprise": {"nested": 1},
		"secret": "4111111111111111"
	}`
	var c driftCharge
	got, err := decodeWithDrift(t, body, &c, false)
	if err != nil {
		t.Fatalf("lenient decoding failed: %v", err)
	}
	want := strings.Join([]string{
		`Charges.Get: $.by_day["2024-01-02"][1]: unknown enum value "lost"`,
		`Charges.Get: $.by_day["odd key"][0]: unknown enum value "gone"`,
		`Charges.Get: $.card.last4: missing required field "last4"`,
		`Charges.Get: $.level: unknown enum value "7"`,
		`Charges.Get: $.source: unmatched union "driftSource"`,
		`Charges.Get: $.status: unknown enum value "on_hold"`,
		`Charges.Get: $.surprise: unknown field "surprise"`,
		`Charges.Get: $.tags[1]: unknown enum value "refunded"`,
		`Charges.Get: $.amount: missing required field "amount"`,
	}, "\n")
	if g := driftLines(got); g != want {
		t.Errorf("drifts:\n%s\nwant:\n%s", g, want)
	}
	// Lenient: the result is there, unlisted values kept as received.
	if c.ID != "ch_1" || c.Status != "on_hold" || c.Source == nil || c.Source.Unknown == nil || c.Tags[1] != "refunded" {
		t.Errorf("decoded %+v", c)
	}
	for _, d := range got {
		if strings.Contains(d.String(), "4111") {
			t.Errorf("a drift shows a field value: %s", d)
		}
	}
}

func TestDriftCleanPayload(t *testing.T) {
	body := `{"id":"ch_1","amount":"10.50","status":"paid","previous":"pending","level":null,
		"card":{"last4":"4242","brand":"visa","issuer":"x"},"tags":["paid"],"by_day":{"d":["pending"]},
		"source":{"object":"bank","iban":"ES00","extra_bank_field":1}}`
	var c driftCharge
	got, err := decodeWithDrift(t, body, &c, true)
	// The bank variant does not declare extra_bank_field: the variant is checked like any struct.
	if want := `Charges.Get: $.source.extra_bank_field: unknown field "extra_bank_field"`; driftLines(got) != want {
		t.Errorf("drifts:\n%s\nwant:\n%s", driftLines(got), want)
	}
	if err == nil {
		t.Fatal("strict decoding accepted a drift")
	}
	body = strings.Replace(body, `,"extra_bank_field":1`, "", 1)
	got, err = decodeWithDrift(t, body, &c, true)
	if err != nil || len(got) != 0 {
		t.Errorf("a payload that follows the spec: err %v, drifts %v", err, got)
	}
}

func TestDriftStrictError(t *testing.T) {
	var c driftCharge
	got, err := decodeWithDrift(t, `{"id":"x","amount":"1","status":"void","new":1}`, &c, true)
	var de *DriftError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want *DriftError", err)
	}
	if de.Operation != "Charges.Get" || len(de.Drifts) != 2 || len(got) != 2 {
		t.Fatalf("DriftError %+v, handler got %d", de, len(got))
	}
	want := "fakepay: Charges.Get: response deviates from the spec (strict decoding): 2 drifts\n\t$.new: unknown field \"new\"\n\t$.status: unknown enum value \"void\""
	if err.Error() != want {
		t.Errorf("error text:\n%s\nwant:\n%s", err, want)
	}
}

func TestDriftTopLevelShapes(t *testing.T) {
	var list []driftCharge
	got, _ := decodeWithDrift(t, `[{"id":"a","amount":"1","status":"paid"},{"id":"b","amount":"1","status":"x"}]`, &list, false)
	if want := `Charges.Get: $[1].status: unknown enum value "x"`; driftLines(got) != want {
		t.Errorf("slice: %s", driftLines(got))
	}
	var m map[string]driftStatus
	got, _ = decodeWithDrift(t, `{"a":"paid","b c":"nope"}`, &m, false)
	if want := `Charges.Get: $["b c"]: unknown enum value "nope"`; driftLines(got) != want {
		t.Errorf("map: %s", driftLines(got))
	}
	var s driftStatus
	got, _ = decodeWithDrift(t, `"nope"`, &s, false)
	if want := `Charges.Get: $: unknown enum value "nope"`; driftLines(got) != want {
		t.Errorf("scalar: %s", driftLines(got))
	}
	var p *driftCharge
	got, _ = decodeWithDrift(t, `null`, &p, false)
	if len(got) != 0 {
		t.Errorf("null: %v", got)
	}
}

func TestDriftPath(t *testing.T) {
	cases := map[string]string{"status": "$.status", "_x1": "$._x1", "1a": `$["1a"]`, "a b": `$["a b"]`,
		"": `$[""]`, `q"`: `$["q\""]`, "año": `$["año"]`}
	for k, want := range cases {
		if got := opgDriftPath("$", k); got != want {
			t.Errorf("opgDriftPath(%q) = %s, want %s", k, got, want)
		}
	}
}

// TestDriftThroughTheClient checks that a client without the options does not look for drift, and that the
// options reach the decoder, with the caller's context, through a real call.
func TestDriftThroughTheClient(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"ch_1","amount":"1","status":"paid","new_field":true}`)
	}))
	defer srv.Close()
	call := func(opts ...Option) (*driftCharge, error) {
		core, err := newClientCore(fakeAPI, append([]Option{WithBaseURL(srv.URL), WithMerchantID("m"), WithPrivateKey("sk")}, opts...))
		if err != nil {
			t.Fatal(err)
		}
		if (core.drift != nil) != (len(opts) > 0) {
			t.Fatalf("drift config %v with %d options", core.drift, len(opts))
		}
		resp, err := core.do(context.WithValue(context.Background(), driftCtxKey{}, "caller"), opDriftGet, &request{Path: "/charges/ch_1"}, nil)
		if err != nil {
			return nil, err
		}
		var out driftCharge
		if err := resp.decodeJSON(opDriftGet, &out); err != nil {
			return nil, err
		}
		return &out, nil
	}
	if c, err := call(); err != nil || c.ID != "ch_1" {
		t.Fatalf("no options: %v %v", c, err)
	}
	var got []Drift
	var ctxVal any
	h := WithDriftHandler(func(ctx context.Context, d Drift) {
		ctxVal = ctx.Value(driftCtxKey{})
		got = append(got, d)
	})
	if c, err := call(h); err != nil || c.ID != "ch_1" {
		t.Fatalf("handler: %v %v", c, err)
	}
	if len(got) != 1 || got[0].Path != "$.new_field" || got[0].Kind != DriftUnknownField || ctxVal != "caller" {
		t.Errorf("handler got %v (ctx value %v)", got, ctxVal)
	}
	got = nil
	c, err := call(h, WithStrictDecoding())
	var de *DriftError
	if !errors.As(err, &de) || c != nil || len(got) != 1 {
		t.Errorf("strict: %v, %v, handler got %v", c, err, got)
	}
	if _, err := newClientCore(fakeAPI, []Option{WithDriftHandler(nil)}); err == nil {
		t.Error("a nil handler was accepted")
	}
}

type driftCtxKey struct{}

func TestDriftKindString(t *testing.T) {
	for k, want := range map[DriftKind]string{DriftUnknownField: "unknown field", DriftUnknownEnumValue: "unknown enum value",
		DriftMissingRequired: "missing required field", DriftUnmatchedUnion: "unmatched union", 0: "DriftKind(0)"} {
		if k.String() != want {
			t.Errorf("%d: %q", int(k), k.String())
		}
	}
	_ = reflect.TypeFor[Drift]()
}

type driftPerson struct {
	Name   string      `json:"name"`
	Birth  Opt[string] `json:"birth,omitzero"`
	Status driftStatus `json:"status,omitzero"`
}

type driftCompany struct {
	Name   string      `json:"name"`
	TaxID  Opt[string] `json:"tax_id,omitzero"`
	Status driftStatus `json:"status,omitzero"`
}

// driftProfile is an anyOf that, as opgen's, sets every branch the payload fits.
type driftProfile struct {
	Person  *driftPerson
	Company *driftCompany
	Null    bool
}

func (u *driftProfile) UnmarshalJSON(data []byte) error {
	*u = driftProfile{}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err != nil {
		return err
	}
	if _, ok := keys["birth"]; ok {
		u.Person = new(driftPerson)
		json.Unmarshal(data, u.Person)
	}
	if _, ok := keys["tax_id"]; ok {
		u.Company = new(driftCompany)
		json.Unmarshal(data, u.Company)
	}
	return nil
}

func TestDriftAnyOfBranches(t *testing.T) {
	var p driftProfile
	got, _ := decodeWithDrift(t, `{"name":"Ana","birth":"1990","tax_id":"X1","status":"gone","nickname":"a"}`, &p, false)
	// birth and tax_id are each unknown to one branch but known to the other; nickname to both. The status
	// drift, seen through both branches, is reported once.
	want := "Charges.Get: $.nickname: unknown field \"nickname\"\nCharges.Get: $.status: unknown enum value \"gone\""
	if g := driftLines(got); g != want {
		t.Errorf("drifts:\n%s\nwant:\n%s", g, want)
	}
	if p.Person == nil || p.Company == nil {
		t.Fatalf("both branches should be set: %+v", p)
	}
}
