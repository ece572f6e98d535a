package build

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestDocLeadOperations(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"Create", "Create a charge", "Create creates a charge."},
		{"Create", "Create a charge.", "Create creates a charge."},
		{"List", "List all cards of a customer", "List lists all cards of a customer."},
		{"Get", "Returns a charge by its id.", "Get returns a charge by its id."},
		{"Get", "Retrieves the customer", "Get retrieves the customer."},
		{"Search", "Search charges", "Search searches charges."},
		{"Apply", "Apply a coupon", "Apply applies a coupon."},
		{"Verify", "verify a webhook", "Verify verifies a webhook."},
		{"Capture", "Charge a card that was authorized", "Capture charges a card that was authorized."},
		{"Refund", "Refund a charge", "Refund refunds a charge."},
		{"Get", "This endpoint returns the merchant", "Get returns the merchant."},
		{"Transfer", "Transfer funds between two customers", "Transfer transfers funds between two customers."},
		{"Delete", "Delete a card: it cannot be used again", "Delete deletes a card: it cannot be used again."},
		{"Confirm", "Confirm the payment?", "Confirm confirms the payment?"},
	}
	for _, c := range cases {
		got, ok := docLead(c.name, c.text, docFunc, true)
		if !ok || got != c.want {
			t.Errorf("docLead(%q, %q) = %q, %v; want %q", c.name, c.text, got, ok, c.want)
		}
	}
	// Not confidently English, or not a verb: no rule applies, the caller keeps the text as it is.
	for _, text := range []string{
		"Crea un cargo", "Obtener un cargo", "Lista los cargos de un cliente", "Actualiza la suscripción",
		"Elimina una tarjeta", "Cancela el cargo", "Registra un webhook", "Devolución de un cargo",
		"Cria uma cobrança", "Charge object", "Refund details", "Transfers of the customer", "List of cards",
		"Charges for a customer", "Customer cards", "Endpoint to create charges", "Create", "",
		"Charge: the card is charged", "Crear cargo con tarjeta", "Get un cargo",
	} {
		if got, ok := docLead("Op", text, docFunc, true); ok {
			t.Errorf("docLead(%q) = %q; want no rule", text, got)
		}
	}
}

func TestDocLeadTypesAndFields(t *testing.T) {
	cases := []struct {
		kind             docKind
		name, text, want string
	}{
		{docType, "Charge", "A charge made with a card.", "Charge is a charge made with a card."},
		{docType, "Card", "Represents a saved card", "Card represents a saved card."},
		{docType, "CardBrand", "Card brand.", "CardBrand is the card brand."},
		{docField, "Limit", "Number of records per page", "Limit is the number of records per page."},
		{docField, "ID", "Unique identifier of the card.", "ID is the unique identifier of the card."},
		{docField, "Currency", "ISO 4217 currency code", "Currency: ISO 4217 currency code"},
		{docField, "Currency", "Currency code, ISO 4217.", "Currency is the currency code, ISO 4217."},
		{docField, "URL", "URL to send the customer to.", "URL is the URL to send the customer to."},
		{docField, "Email", "Customer's email address", "Email is the customer's email address."},
		{docField, "Capture", "Whether the amount is captured", "Capture indicates whether the amount is captured."},
		{docField, "Key", "Used to sign the events", "Key is used to sign the events."},
		{docField, "Data", "The object of the event", "Data is the object of the event."},
		{docField, "Source", "Contains the token", "Source contains the token."},
	}
	for _, c := range cases {
		doc := []string{c.text}
		var got string
		if c.kind == docField {
			got = fieldLead(c.name, doc)[0]
		} else {
			got, _ = docLead(c.name, c.text, c.kind, true)
		}
		if got != c.want {
			t.Errorf("%q on %s: got %q, want %q", c.text, c.name, got, c.want)
		}
	}
	// Spanish, Portuguese and shapes no rule knows keep their text after "Name: ".
	for _, text := range []string{
		"Monto del cargo", "Número de tarjeta", "Identificador único del cliente", "Total del cargo",
		"Plan de pagos", "Email del cliente", "Código de moneda", "Card del cliente", "Valor da cobrança",
		"Amount must be positive", "Only charges with this status", "If true, the charge is captured",
		"Created on or after this date", "Free key/value pairs",
	} {
		got := fieldLead("Field", []string{text})
		if want := "Field: " + text; got[0] != want {
			t.Errorf("fieldLead(%q) = %q; want %q", text, got[0], want)
		}
	}
}

func TestDocDropsRepeatedName(t *testing.T) {
	for _, c := range []struct{ name, json, text string }{
		{"Description", "description", "Description."},
		{"CardNumber", "card_number", "The card number"},
		{"ID", "id", "Id"},
		{"OrderID", "order_id", "order_id"},
		{"CreationDate", "creation_date", "Creation date."},
	} {
		if got := fieldLead(c.name, []string{c.text, "", "More."}, c.json); !reflect.DeepEqual(got, []string{c.name + ": More."}) {
			t.Errorf("%s %q: got %q, want only the second paragraph", c.name, c.text, got)
		}
		if got := fieldLead(c.name, []string{c.text}, c.json); len(got) != 0 {
			t.Errorf("%s %q: got %q, want nothing", c.name, c.text, got)
		}
	}
	// More than the name is kept.
	if got := fieldLead("ID", []string{"Id of the charge"}, "id"); len(got) != 1 {
		t.Errorf("got %q", got)
	}
	// A first line that continues into the next is not a repeat.
	if got := fieldLead("Description", []string{"Description", "of the charge."}); len(got) != 2 {
		t.Errorf("got %q", got)
	}
}

func TestDocLists(t *testing.T) {
	in := "NOTES (spec-wide):\n- Sources: the reference\n  and the README.\n- Types: wire wins\n* Money: decimal\nAfter the list.\n\n1. first\n2) second"
	want := []string{
		"NOTES (spec-wide):",
		"",
		"  - Sources: the reference",
		"    and the README.",
		"  - Types: wire wins",
		"  - Money: decimal",
		"",
		"After the list.",
		"",
		"  1. first",
		"  2. second",
	}
	if got := docLines(in); !reflect.DeepEqual(got, want) {
		t.Errorf("docLines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Text that only looks like a marker stays a paragraph.
	for _, l := range []string{"-5 is allowed", "1.5 percent", "2009 is a code", "--flag"} {
		if got := docLines(l); !reflect.DeepEqual(got, []string{l}) {
			t.Errorf("docLines(%q) = %q", l, got)
		}
	}
}

func TestDocLeadKeepsSentences(t *testing.T) {
	// A description that is already a sentence is not a noun phrase: "X is a refund is a resource" would be
	// wrong, so no rule applies.
	for _, text := range []string{
		"A refund is a resource with timestamps.", "An inline enum gets a type named after its field.",
		"Amount must be positive", "Optional and may be null.", "The card has expired",
	} {
		if got, ok := docLead("X", text, docType, true); ok {
			t.Errorf("docLead(%q) = %q; want no rule", text, got)
		}
	}
	// A verb after the first clause does not count.
	if got, _ := docLead("Refund", "A refund of a charge, which is final.", docType, true); got != "Refund is a refund of a charge, which is final." {
		t.Errorf("got %q", got)
	}
}

// TestRepeatsName: the length pre-check (a name with fewer letters and digits than the text cannot repeat it)
// keeps every answer of the full comparison.
// TestLongerThan holds repeatsName's shortcut to the length of norm, on texts of every kind of word and space.
func TestLongerThan(t *testing.T) {
	texts := []string{"", " ", "The card number", "the\tcard\u00a0number\u0085x", "A an ITS its the", "Ünïcode  näme",
		"ÉTAT. état!", "x\xffy z", "a1 b2 c3 d4 e5", "  leading and trailing  ", "…—–", "日本語 テキスト", "İstanbul ǅ",
		"İts İTS Its \u212Aey AN An", "Ⅻ ⅻ Ⓐ ⓐ ǈ"}
	for _, text := range texts {
		n := utf8.RuneCountInString(norm(text))
		for limit := 0; limit <= n+2; limit++ {
			if got := longerThan(text, limit); got != (n > limit) {
				t.Errorf("longerThan(%q, %d) = %t; norm has %d runes", text, limit, got, n)
			}
		}
	}
}

// TestLowerKeepsAlnum: lower-casing never makes a letter or digit of a rune that is neither, or the reverse, so
// longerThan may count the letters of a word as written.
func TestLowerKeepsAlnum(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		l := unicode.ToLower(r)
		if (unicode.IsLetter(r) || unicode.IsDigit(r)) != (unicode.IsLetter(l) || unicode.IsDigit(l)) {
			t.Errorf("%U lower-cases to %U", r, l)
		}
	}
}

func TestRepeatsName(t *testing.T) {
	for _, c := range []struct {
		text  string
		names []string
		want  bool
	}{
		{"Description.", []string{"Description"}, true},
		{"The card number", []string{"CardNumber"}, true},
		{"Id", []string{"ID"}, true},
		{"the card_number", []string{"card_number"}, true},
		{"Ünïcode näme", []string{"ÜnïcodeNäme"}, true},
		{"The card number of the customer", []string{"CardNumber"}, false},
		{"Card", []string{"CardNumber"}, false},
		{"Number", []string{"", "CardNumber", "Number"}, true},
		{"ÉTAT", []string{"état"}, true},
		{"...", []string{"X"}, false},
	} {
		if got := repeatsName(c.text, c.names...); got != c.want {
			t.Errorf("repeatsName(%q, %q) = %t, want %t", c.text, c.names, got, c.want)
		}
	}
}
