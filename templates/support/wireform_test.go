package support

import (
	"strings"
	"testing"
)

func TestWireCanonical(t *testing.T) {
	enum := []string{"unpaid", "cancelled"}
	for _, c := range []struct {
		raw   string
		forms int
		want  string
	}{
		{`"30"`, opgWireString, `30`},
		{` "30" `, opgWireString, `30`},
		{`"10.50"`, opgWireString, `10.50`},
		{`"true"`, opgWireString, `true`},
		{`"30 "`, opgWireString, `"30 "`},
		{`"+3"`, opgWireString, `"+3"`},
		{`"3\u0030"`, opgWireString, `30`},
		{`"x"`, opgWireString, `"x"`},
		{`30`, opgWireString, `30`},
		{`1234567890`, opgWireNumber, `"1234567890"`},
		{`-1.5e3`, opgWireNumber, `"-1.5e3"`},
		{`"1234"`, opgWireNumber, `"1234"`},
		{`true`, opgWireNumber, `true`},
		{`"CANCELLED"`, opgWireAnyCase, `"cancelled"`},
		{`"cancelled"`, opgWireAnyCase, `"cancelled"`},
		{`"paused"`, opgWireAnyCase, `"paused"`},
		{`"30"`, opgWireAnyCase, `"30"`},
		{`null`, opgWireString | opgWireNumber | opgWireAnyCase, `null`},
	} {
		if got := string(opgWireCanonical([]byte(c.raw), c.forms, enum)); got != c.want {
			t.Errorf("opgWireCanonical(%s, %d) = %s, want %s", c.raw, c.forms, got, c.want)
		}
	}
	var n int32
	if err := opgWireDecode([]byte(`"x"`), "trial_days", opgWireString, nil, &n); err == nil || !strings.Contains(err.Error(), "trial_days") {
		t.Errorf("error %v does not name the field", err)
	}
	n = 5
	if err := opgWireDecode(nil, "trial_days", opgWireString, nil, &n); err != nil || n != 5 {
		t.Errorf("an absent property changed the value: %d, %v", n, err)
	}
}
