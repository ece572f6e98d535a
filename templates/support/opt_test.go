package support

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

type optStatus string

type optHolder struct {
	ID      Opt[string]    `json:"id,omitzero"`
	Amount  Opt[Decimal]   `json:"amount,omitzero"`
	Count   Opt[int32]     `json:"count,omitzero"`
	Small   Opt[uint8]     `json:"small,omitzero"`
	Rate    Opt[float64]   `json:"rate,omitzero"`
	Live    Opt[bool]      `json:"live,omitzero"`
	Status  Opt[optStatus] `json:"status,omitzero"`
	Created Opt[time.Time] `json:"created,omitzero"`
	Day     Opt[Date]      `json:"day,omitzero"`
}

// A decoded value re-encodes exactly the fields that were present, zeros included; absent ones stay absent.
func TestOptRoundTrip(t *testing.T) {
	for _, in := range []string{
		`{"id":"","amount":0,"count":0,"small":0,"rate":0,"live":false,"status":"","created":"2024-01-02T03:04:05Z","day":"2024-01-02"}`,
		`{"id":"ch_1","amount":10.10,"count":-3,"small":255,"rate":1.5,"live":true,"status":"completed"}`,
		`{"id":"caf\u00e9 \"q\""}`,
		`{}`,
	} {
		var h optHolder
		if err := json.Unmarshal([]byte(in), &h); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		out, err := json.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		var a, b map[string]any
		json.Unmarshal([]byte(in), &a)
		json.Unmarshal(out, &b)
		if len(a) != len(b) {
			t.Errorf("%s re-encoded as %s", in, out)
		}
		for k, v := range a {
			if bv, ok := b[k]; !ok || bv != v {
				t.Errorf("%s: %s re-encoded as %v", in, k, bv)
			}
		}
	}
}

func TestOptReadAndSet(t *testing.T) {
	var h optHolder
	if err := json.Unmarshal([]byte(`{"id":"ch_1","amount":10.10,"status":"done"}`), &h); err != nil {
		t.Fatal(err)
	}
	if h.ID.Value != "ch_1" || h.Amount.Value.String() != "10.10" || h.Status.Value != "done" || !h.ID.IsSet() {
		t.Errorf("decoded %+v", h)
	}
	if h.Count.IsSet() || h.Count.Value != 0 || h.Count.Or(7) != 7 || h.Created.Value.IsZero() == false {
		t.Errorf("absent fields: %+v", h)
	}
	if v, ok := h.ID.Get(); !ok || v != "ch_1" {
		t.Errorf("Get = %q, %v", v, ok)
	}
	// The three states a request needs: unset (not sent), an explicit zero (Some), a value (Some or Value).
	req := optHolder{Count: Some(int32(0)), Live: Some(false), ID: Opt[string]{Value: "x"}}
	out, _ := json.Marshal(req)
	if string(out) != `{"id":"x","count":0,"live":false}` {
		t.Errorf("sent %s", out)
	}
	if s := Some("a").String() + "|" + (Opt[int]{}).String(); s != "a|<unset>" {
		t.Errorf("String = %q", s)
	}
}

// Wrong JSON types fail as encoding/json fails; null leaves the field unset; overflow is an error.
func TestOptDecodeErrors(t *testing.T) {
	for _, in := range []string{`{"count":"1"}`, `{"count":1.5}`, `{"count":99999999999}`, `{"small":-1}`, `{"live":1}`, `{"id":1}`, `{"created":"x"}`} {
		var h optHolder
		if err := json.Unmarshal([]byte(in), &h); err == nil {
			t.Errorf("%s decoded as %+v", in, h)
		}
	}
	var h optHolder
	if err := json.Unmarshal([]byte(`{"id":null,"count":null}`), &h); err != nil || h.ID.IsSet() || h.Count.IsSet() {
		t.Errorf("null: %+v, %v", h, err)
	}
	if err := json.Unmarshal([]byte("{\"id\":\"a\nb\"}"), &h); err == nil {
		t.Error("raw control character accepted")
	}
	if err := json.Unmarshal([]byte(`{"id":"a\nb"}`), &h); err != nil || h.ID.Value != "a\nb" {
		t.Errorf("escaped: %q, %v", h.ID.Value, err)
	}
	if !strings.Contains(Some(MustParseDecimal("1.50")).String(), "1.50") {
		t.Error("Decimal String")
	}
}

// A value that fails to decode names its field and path, through Opt and Nullable alike, and never the value.
func TestOptDecodeErrorNamesTheField(t *testing.T) {
	type inner struct {
		Day  Opt[Date]           `json:"day,omitzero"`
		When Nullable[time.Time] `json:"when,omitzero"`
	}
	type outer struct {
		Holder optHolder `json:"holder"`
		Items  []inner   `json:"items"`
	}
	for in, want := range map[string]string{
		`{"holder":{"created":"4111111111111111"}}`: "holder.created of type time.Time",
		`{"holder":{"amount":"x"}}`:                 "holder.amount of type support.Decimal",
		`{"holder":{"count":"1"}}`:                  "holder.count of type int32",
		`{"holder":{"day":"2024-13-45"}}`:           "holder.day of type support.Date",
		`{"items":[{"day":"soon"}]}`:                "items.day of type support.Date",
		`{"items":[{"when":"4111111111111111"}]}`:   "items.when of type time.Time",
	} {
		var o outer
		err := json.Unmarshal([]byte(in), &o)
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "4111") {
			t.Errorf("%s: err = %v, want it to name %q and no value", in, err, want)
		}
	}
}

// A null the spec does not allow reads as absent, is detectable, and is sent back as received.
func TestOptNullIsDetectableAndKept(t *testing.T) {
	var h optHolder
	if err := json.Unmarshal([]byte(`{"id":null,"count":3}`), &h); err != nil {
		t.Fatal(err)
	}
	if h.ID.IsSet() || h.ID.Value != "" || !h.ID.WasNull() || h.Count.WasNull() || h.Rate.WasNull() {
		t.Errorf("decoded: %+v (WasNull %v)", h, h.ID.WasNull())
	}
	out, err := json.Marshal(h)
	if err != nil || string(out) != `{"id":null,"count":3}` {
		t.Errorf("re-encoded = %s, %v", out, err)
	}
	// Setting a value replaces the null.
	h.ID.Value = "x"
	if h.ID.WasNull() || !h.ID.IsSet() {
		t.Errorf("after setting: %+v", h.ID)
	}
	if (Opt[string]{}).WasNull() || Some("").WasNull() {
		t.Error("a built Opt reports a null")
	}
}
