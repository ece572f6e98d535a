package naming

import (
	"testing"
	"unicode/utf8"
)

func TestExportedASCII(t *testing.T) {
	n := New()
	cases := map[string]string{
		// Spanish, Portuguese, French, German, Nordic, Polish, Turkish.
		"Devolución":          "Devolucion",
		"año":                 "Ano",
		"Año":                 "Ano",
		"ñandú":               "Nandu",
		"número_de_tarjeta":   "NumeroDeTarjeta",
		"situação":            "Situacao",
		"cartão_crédito":      "CartaoCredito",
		"Größe":               "Grosse",
		"straße":              "Strasse",
		"Übermäßig":           "Ubermassig",
		"crème_brûlée":        "CremeBrulee",
		"smørrebrød":          "Smorrebrod",
		"Æbleskiver":          "Aebleskiver",
		"Łódź":                "Lodz",
		"ılık":                "Ilik",
		"ÀngelCasa":           "AngelCasa",
		"estado_PAGADO_ÉXITO": "EstadoPagadoExito",
		// Compatibility forms.
		"ﬁle":    "File",
		"Ⅻ_plan": "XIIPlan",
		"ＡＢＣ_id": "ABCID",
		// Greek.
		"κατάσταση": "Katastasi",
		"Ψυχή":      "Psychi",
		"ΘΕΜΑ":      "Thema",
		// Cyrillic.
		"Статус":        "Status",
		"статус_заказа": "StatusZakaza",
		"СтатусЗаказа":  "StatusZakaza",
		"ЖУК":           "Zhuk",
		"Жук":           "Zhuk",
		"щука":          "Shchuka",
		"Україна":       "Ukrayina",
		"объект":        "Obekt",
		// Scripts without a table, and emoji: code points.
		"状态":        "U72B6U6001",
		"用户id":      "U7528U6237ID",
		"注文_status": "U6CE8U6587Status",
		"👍":         "U1F44D",
		"thumbs_👎":  "ThumbsU1F44E",
		"مرحبا":     "U0645U0631U062DU0628U0627",
		"ꯀꯁ":        "UABC0UABC1",
		// Unchanged ASCII behaviour.
		"customer_id": "CustomerID",
		"3ds":         "X3ds",
	}
	for in, want := range cases {
		got := n.Exported(in)
		if got != want {
			t.Errorf("Exported(%q) = %q, want %q", in, got, want)
		}
		if !isASCII(got) {
			t.Errorf("Exported(%q) = %q is not ASCII", in, got)
		}
	}
}

func TestUnexportedASCII(t *testing.T) {
	n := New()
	cases := map[string]string{
		"año":         "ano",
		"Devolución":  "devolucion",
		"Статус":      "status",
		"状态":          "u72b6U6001",
		"número_ids":  "numeroIDs",
		"ÉXITO_total": "exitoTotal",
	}
	for in, want := range cases {
		if got := n.Unexported(in); got != want {
			t.Errorf("Unexported(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFoldedNamesStayDistinct checks that names folding to one spelling get distinct identifiers from a scope,
// in claim order, and that names differing only in a script without a table never fold together.
func TestFoldedNamesStayDistinct(t *testing.T) {
	n := New()
	s := NewScope()
	var got []string
	for _, name := range []string{"ano", "año", "Año", "状态", "状況", "👍", "👎"} {
		got = append(got, s.Claim(n.Exported(name)))
	}
	want := []string{"Ano", "Ano2", "Ano3", "U72B6U6001", "U72B6U6CC1", "U1F44D", "U1F44E"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("claim %d = %q, want %q (all: %v)", i, got[i], want[i], got)
		}
	}
}

func TestKeepUnicode(t *testing.T) {
	n := New().KeepUnicode()
	cases := map[string]string{
		"Devolución": "Devolución",
		"año":        "Año",
		"Статус":     "Статус",
		"日本":         "X日本",
		"👍":          "",
		"ñandú":      "Ñandú",
	}
	for in, want := range cases {
		if got := n.Exported(in); got != want {
			t.Errorf("KeepUnicode: Exported(%q) = %q, want %q", in, got, want)
		}
	}
	if got := n.Pinned("MiTipoÑ"); got != "MiTipoÑ" {
		t.Errorf("KeepUnicode: Pinned = %q", got)
	}
}

func TestPinned(t *testing.T) {
	n := New()
	cases := map[string]string{
		"MiTipoÑ":    "MiTipoN",
		"Cobro":      "Cobro",
		"JSONAño":    "JSONAno",
		"Статус":     "Status",
		"Tipo状态":     "TipoU72B6U6001",
		"ЖУК_Status": "ZHUK_Status",
	}
	for in, want := range cases {
		if got := n.Pinned(in); got != want {
			t.Errorf("Pinned(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestASCIIAlways feeds every rune of several scripts through Exported: each result is ASCII, and an identifier.
func TestASCIIAlways(t *testing.T) {
	n := New()
	for _, block := range [][2]rune{{0x80, 0x250}, {0x370, 0x400}, {0x400, 0x530}, {0x590, 0x700}, {0x900, 0x980},
		{0x3040, 0x3100}, {0x4E00, 0x4E40}, {0xAC00, 0xAC20}, {0xFB00, 0xFB50}, {0xFF00, 0xFF70}, {0x1F300, 0x1F340}} {
		for r := block[0]; r < block[1]; r++ {
			in := "a" + string(r) + "b"
			got := n.Exported(in)
			if !isASCII(got) || got != "" && !IsValidIdent(got) {
				t.Errorf("Exported(%q U+%04X) = %q", in, r, got)
			}
			if !utf8.ValidString(got) {
				t.Errorf("invalid UTF-8 for U+%04X", r)
			}
		}
	}
}
