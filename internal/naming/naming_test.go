package naming

import "testing"

func TestExported(t *testing.T) {
	n := New("PSE")
	cases := map[string]string{
		"customer_id":         "CustomerID",
		"customerId":          "CustomerID",
		"HTTPServer":          "HTTPServer",
		"creation[gte]":       "CreationGte",
		"charge.succeeded":    "ChargeSucceeded",
		"1st":                 "X1st",
		"a-b":                 "AB",
		"A_B":                 "AB",
		"":                    "",
		"ACTIVE":              "Active",
		"USD":                 "USD",
		"authentication_3DS":  "Authentication3DS",
		"url":                 "URL",
		"pse_charge":          "PSECharge",
		"v2Api":               "V2API",
		"3ds":                 "X3ds",
		"ñandú":               "Nandu",
		"日本":                  "U65E5U672C",
		"x-culqi-tracking-id": "XCulqiTrackingID",
	}
	for in, want := range cases {
		if got := n.Exported(in); got != want {
			t.Errorf("Exported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnexported(t *testing.T) {
	n := New()
	cases := map[string]string{
		"customer_id": "customerID",
		"ID":          "id",
		"type":        "type_",
		"string":      "string_",
		"URLPath":     "urlPath",
		"1st":         "x1st",
		"ids":         "ids",
		"urls_list":   "urlsList",
		"USD_amount":  "usdAmount",
		"HTTPServer":  "httpServer",
		"card_ids":    "cardIDs",
	}
	for in, want := range cases {
		if got := n.Unexported(in); got != want {
			t.Errorf("Unexported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScopeClaim(t *testing.T) {
	s := NewScope()
	s.Reserve("Decimal")
	if got := s.Claim("Decimal", "Model"); got != "DecimalModel" {
		t.Fatalf("got %q", got)
	}
	if got := s.Claim("Decimal", "Model"); got != "Decimal2" {
		t.Fatalf("got %q", got)
	}
	if got := s.Claim("Charge"); got != "Charge" {
		t.Fatalf("got %q", got)
	}
}
