package pattern

import (
	"testing"
)

func TestCompile(t *testing.T) {
	for _, c := range []struct {
		expr      string
		re2       bool
		match, no string
	}{
		{`^[0-9]{4}$`, true, "2024", "20a4"},
		{`^\u00e9+$`, true, "éé", "e"},
		{`^(?!0+$)[0-9]{11}$`, false, "00000000001", "00000000000"},           // negative look-ahead (a bank account)
		{`^(a|b)\1$`, false, "aa", "ab"},                                      // back-reference
		{`^[A-Z]{3}(?<!XXX)$`, false, "EUR", "XXX"},                           // negative look-behind
		{`^(?<cur>[A-Z]{3})-\k<cur>$`, false, "USD-USD", "USD-EUR"},           // named back-reference
		{`^[\w.+-]+@(?![.-])[\w.-]+\.[a-z]{2,}$`, false, "a@b.co", "a@.b.co"}, // e-mail with a look-ahead
	} {
		if IsRE2(c.expr) != c.re2 {
			t.Errorf("IsRE2(%q) = %v", c.expr, !c.re2)
		}
		m, err := Compile(c.expr)
		if err != nil {
			t.Errorf("Compile(%q): %v", c.expr, err)
			continue
		}
		if !m.MatchString(c.match) || m.MatchString(c.no) {
			t.Errorf("%q: MatchString(%q) = %v, MatchString(%q) = %v", c.expr, c.match, m.MatchString(c.match), c.no, m.MatchString(c.no))
		}
	}
	if _, err := Compile(`(unclosed`); err == nil {
		t.Errorf("an invalid pattern compiled")
	}
}
