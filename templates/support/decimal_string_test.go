package support

import (
	"encoding/json"
	"testing"
)

func TestDecimalString(t *testing.T) {
	type body struct {
		Amount DecimalString            `json:"amount"`
		Fee    *DecimalString           `json:"fee,omitempty"`
		Zero   DecimalString            `json:"zero,omitzero"`
		Rates  map[string]DecimalString `json:"rates"`
	}
	var b body
	// Read from a string or a number, always written as a string with its digits.
	if err := json.Unmarshal([]byte(`{"amount":"20.00","fee":1.50,"rates":{"usd":"0.0550"}}`), &b); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"amount":"20.00","fee":"1.50","rates":{"usd":"0.0550"}}`; string(out) != want {
		t.Errorf("round trip = %s, want %s", out, want)
	}
	if formatParam(b.Amount) != "20.00" || formatParam(&b.Amount) != "20.00" {
		t.Errorf("formatParam = %q", formatParam(b.Amount))
	}
	if b.Amount.Cmp(MustParseDecimal("20")) != 0 {
		t.Error("Cmp")
	}
	if err := json.Unmarshal([]byte(`{"amount":"12abc"}`), &b); err == nil {
		t.Error("accepted 12abc")
	}
}
