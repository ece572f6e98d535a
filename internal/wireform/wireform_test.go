package wireform

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		raw  any
		kind Kind
		want string // forms joined by ","; or "error: <part of the message>"
	}{
		{"string", KindNumber, "string"},
		{[]any{"string"}, KindBoolean, "string"},
		{[]any{"number", "any-case", "number"}, KindEnum, "any-case,number"},
		{[]any{"number"}, KindString, "number"},
		{[]any{"number"}, KindNumber, "error: applies to a string schema"},
		{[]any{"string"}, KindString, "error: applies to an integer, number or boolean"},
		{[]any{"any-case"}, KindString, "error: with an enum"},
		{[]any{"numeric"}, KindNumber, `error: unknown form "numeric"; known forms: string, number, any-case`},
		{[]any{}, KindNumber, "error: is empty"},
		{true, KindNumber, "error: must be a list of forms"},
		{[]any{3}, KindNumber, `error: unknown form "3"`},
	} {
		fs, err := Parse(c.raw, c.kind)
		var got string
		if err != nil {
			got = "error: " + err.Error()
		} else {
			var s []string
			for _, f := range fs {
				s = append(s, string(f))
			}
			got = strings.Join(s, ",")
		}
		if strings.HasPrefix(c.want, "error: ") {
			if !strings.HasPrefix(got, "error: ") || !strings.Contains(got, strings.TrimPrefix(c.want, "error: ")) {
				t.Errorf("Parse(%#v, %d) = %q, want %q", c.raw, c.kind, got, c.want)
			}
		} else if got != c.want {
			t.Errorf("Parse(%#v, %d) = %q, want %q", c.raw, c.kind, got, c.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	all := Forms{String, Number, AnyCase}
	enum := []string{"unpaid", "cancelled"}
	for _, c := range []struct {
		in      any
		forms   Forms
		want    any
		changed bool
	}{
		{"30", Forms{String}, json.Number("30"), true},
		{"-1.5e3", Forms{String}, json.Number("-1.5e3"), true},
		{"true", Forms{String}, true, true},
		{"false", Forms{String}, false, true},
		{" 30", Forms{String}, " 30", false},
		{"30 ", Forms{String}, "30 ", false},
		{"+3", Forms{String}, "+3", false},
		{"0x1f", Forms{String}, "0x1f", false},
		{"", Forms{String}, "", false},
		{"30", Forms{Number}, "30", false},
		{json.Number("1234567890"), Forms{Number}, "1234567890", true},
		{json.Number("12"), Forms{String}, json.Number("12"), false},
		{"CANCELLED", Forms{AnyCase}, "cancelled", true},
		{"cancelled", all, "cancelled", false},
		{"paused", Forms{AnyCase}, "paused", false},
		{true, all, true, false},
	} {
		got, changed := Normalize(c.in, c.forms, enum)
		if got != c.want || changed != c.changed {
			t.Errorf("Normalize(%#v, %v) = %#v, %v; want %#v, %v", c.in, c.forms, got, changed, c.want, c.changed)
		}
	}
}
