package support

import (
	"errors"
	"strings"
	"testing"
)

func TestDecimalEqual(t *testing.T) {
	a, b := MustParseDecimal("10.10"), MustParseDecimal("10.1")
	if a == b {
		t.Fatal("== should compare representations: 10.10 and 10.1 differ")
	}
	if !a.Equal(b) || a.Equal(MustParseDecimal("10.11")) || !MustParseDecimal("0").Equal(MustParseDecimal("-0.000")) {
		t.Error("Equal should compare numbers")
	}
}

func TestCheckNumber(t *testing.T) {
	two := opgNumberRule{multipleOf: "0.01"}
	positive := opgNumberRule{min: "0", exclMin: true}
	cases := []struct {
		v    any
		r    opgNumberRule
		want string // "" = valid; else a part of the error
	}{
		{MustParseDecimal("10.99"), two, ""},
		{MustParseDecimal("10.990"), two, ""}, // a multiple, whatever its representation
		{MustParseDecimal("10.999"), two, "must be a multiple of 0.01"},
		// 0.1+0.2 in float64 is not a multiple of 0.1; exactly, 0.3 is.
		{MustParseDecimal("0.3"), opgNumberRule{multipleOf: "0.1"}, ""},
		{MustParseDecimal("120000.50"), opgNumberRule{multipleOf: "1"}, "must be a multiple of 1"},
		{MustParseDecimal("120000.00"), opgNumberRule{multipleOf: "1"}, ""},
		{MustParseDecimal("7.5"), opgNumberRule{multipleOf: "2.5"}, ""},
		{MustParseDecimal("7.6"), opgNumberRule{multipleOf: "2.5"}, "multiple of 2.5"},
		{MustParseDecimal("0"), positive, "must be greater than 0"},
		{MustParseDecimal("0.00"), positive, "must be greater than 0"},
		{MustParseDecimal("0.01"), positive, ""},
		{MustParseDecimal("-1"), opgNumberRule{min: "0"}, "must be at least 0"},
		{MustParseDecimal("0"), opgNumberRule{min: "0"}, ""},
		{MustParseDecimal("100.001"), opgNumberRule{max: "100"}, "must be at most 100"},
		{MustParseDecimal("100"), opgNumberRule{max: "100", exclMax: true}, "must be less than 100"},
		{DecimalString{MustParseDecimal("5.555")}, two, "multiple of 0.01"},
		{int64(99), opgNumberRule{min: "100"}, "must be at least 100"},
		{int32(150), opgNumberRule{multipleOf: "50"}, ""},
		{int32(151), opgNumberRule{multipleOf: "50"}, "multiple of 50"},
		{float64(0.3), opgNumberRule{multipleOf: "0.1"}, ""},
		// Minor units of the currency named by another field, or the default.
		{MustParseDecimal("10.999"), opgNumberRule{currency: "MXN"}, "more decimals than MXN allows (2)"},
		{MustParseDecimal("10.99"), opgNumberRule{currency: "MXN"}, ""},
		{MustParseDecimal("10.990"), opgNumberRule{currency: "PEN"}, ""},
		{MustParseDecimal("10.999"), opgNumberRule{currDflt: "COP"}, "COP allows (2)"},
		{MustParseDecimal("120000.50"), opgNumberRule{currency: "CLP"}, "CLP amounts take none"},
		{MustParseDecimal("120000"), opgNumberRule{currency: "CLP", currDflt: "MXN"}, ""},
		{MustParseDecimal("1.234"), opgNumberRule{currency: "KWD"}, ""},
		{MustParseDecimal("1.2345"), opgNumberRule{currency: "KWD"}, "KWD allows (3)"},
		{MustParseDecimal("1.2345"), opgNumberRule{currency: "not a code"}, ""}, // unknown: the API decides
		{MustParseDecimal("1.5"), opgNumberRule{currency: "MXN", digits: map[string]int{"MXN": 0}}, "MXN amounts take none"},
		{MustParseDecimal("1.555"), opgNumberRule{currency: "USD", digits: map[string]int{"MXN": 0}}, ""}, // not in the spec's table
		{MustParseDecimal("4111111111111111.5"), opgNumberRule{multipleOf: "1", sensitive: true}, "the value must be"},
	}
	for _, c := range cases {
		err := opgCheckNumber("amount", c.v, c.r)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%v %+v: unexpected %v", c.v, c.r, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%v %+v: error %v, want one containing %q", c.v, c.r, err, c.want)
		case err != nil:
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field != "amount" {
				t.Errorf("%v: %T %v is not a *ValidationError on amount", c.v, err, err)
			}
			if c.r.sensitive && strings.Contains(err.Error(), "4111") {
				t.Errorf("a sensitive value reached the error: %v", err)
			}
		}
	}
}

// A body check's error names the API and the operation, like every other validation error.
func TestInvalidBodyNamesOperation(t *testing.T) {
	err := opgInvalidBody(opChargesCreate, opgCheckNumber("card.amount", MustParseDecimal("10.999"), opgNumberRule{currency: "MXN"}))
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Operation != "Charges.Create" || ve.Field != "card.amount" {
		t.Fatalf("err = %#v", err)
	}
	if want := "Charges.Create: field \"card.amount\": 10.999 has more decimals than MXN allows (2)"; !strings.Contains(err.Error(), want) {
		t.Errorf("err = %q, want it to contain %q", err, want)
	}
}
