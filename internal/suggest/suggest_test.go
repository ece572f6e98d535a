package suggest

import "testing"

func TestClosest(t *testing.T) {
	for _, c := range []struct {
		s    string
		cand []string
		want string
	}{
		{"spc", []string{"spec", "package", "out", "config"}, "spec"},
		{"pakage", []string{"spec", "package", "out"}, "package"},
		{"confg", []string{"spec", "config"}, "config"},
		{"Chrage", []string{"Charge", "Refund"}, "Charge"},
		{"charge", []string{"Charge", "Refund"}, "Charge"},
		{"Missing", []string{"Charge", "Refund"}, ""},
		{"x", []string{"spec", "out"}, ""},
		{"PetList", []string{"Pet", "Pets", "PetsList"}, "PetsList"},
	} {
		if got := Closest(c.s, c.cand); got != c.want {
			t.Errorf("Closest(%q, %v) = %q, want %q", c.s, c.cand, got, c.want)
		}
	}
}
