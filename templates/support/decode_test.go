package support

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// codecCard and codecCharge carry the methods the generator writes for a response type with a generated decoder;
// codecChargeOracle is the same struct decoded by encoding/json (reflection) as before: the oracle.
type codecCard struct {
	Brand Opt[string] `json:"brand,omitzero"`
	Last4 string      `json:"last4"`
	rest  opgKeeper
}

func (v *codecCard) opgDecodeJSON(data []byte) error {
	return opgDecodeMembers(data, v, "brand\x00last4", &v.rest, []string{"brand"}, &v.Brand)
}

func (v *codecCard) opgDecodeMember(key, value []byte) (uint8, error) {
	switch string(key) {
	case "last4":
		return opgDeclared, opgDecodeField(value, &v.Last4)
	}
	return opgUndeclared, nil
}

func (v *codecCard) UnmarshalJSON(data []byte) error {
	if !json.Valid(data) {
		return opgSyntaxError(data)
	}
	return v.opgDecodeJSON(data)
}

func (v codecCard) MarshalJSON() ([]byte, error) {
	type plain codecCard
	return opgEncodeObject((*plain)(&v), v.rest)
}

type codecStatus string

type codecCharge struct {
	ID      Opt[string]       `json:"id,omitzero"`
	Amount  int64             `json:"amount"`
	Rate    float64           `json:"rate,omitempty"`
	Paid    bool              `json:"paid,omitempty"`
	Status  codecStatus       `json:"status,omitempty"`
	Card    *codecCard        `json:"card,omitempty"`
	Cards   []codecCard       `json:"cards,omitzero"`
	Primary codecCard         `json:"primary"`
	Meta    map[string]string `json:"meta,omitzero"`
	Tags    []string          `json:"tags,omitzero"`
	Note    Nullable[string]  `json:"note,omitzero"`
	Raw     json.RawMessage   `json:"raw,omitzero"`
	Free    any               `json:"free,omitempty"`
	When    time.Time         `json:"when,omitzero"`
	Price   Decimal           `json:"price,omitzero"`
	rest    opgKeeper
}

func (v *codecCharge) opgDecodeJSON(data []byte) error {
	// The closure form (opgMemberFunc), which the generator writes for a struct holding a sibling-tagged union.
	return opgDecodeMembers(data, opgMemberFunc[codecCharge](v.opgDecodeMember),
		"id\x00amount\x00rate\x00paid\x00status\x00card\x00cards\x00primary\x00meta\x00tags\x00note\x00raw\x00free\x00when\x00price", &v.rest,
		[]string{"id", "note", "raw"}, &v.ID, &v.Note, &v.Raw)
}

func (v *codecCharge) opgDecodeMember(key, value []byte) (uint8, error) {
	switch string(key) {
	case "amount":
		return opgDeclared, opgDecodeField(value, &v.Amount)
	case "rate":
		return opgDeclared, opgDecodeField(value, &v.Rate)
	case "paid":
		return opgDeclared, opgDecodeField(value, &v.Paid)
	case "status":
		return opgDeclared, opgDecodeField(value, &v.Status)
	case "card":
		return opgDeclared | opgOwnErrors, opgDecodeStructPtr(value, &v.Card)
	case "cards":
		return opgDecodeStructSlice(value, &v.Cards, opgDeclared)
	case "primary":
		return opgKeepsOwn | opgOwnErrors, v.Primary.opgDecodeJSON(value)
	case "meta":
		return opgDecodeOther(value, &v.Meta, opgDeclared)
	case "tags":
		return opgDecodeOther(value, &v.Tags, opgDeclared)
	case "free":
		return opgDecodeOther(value, &v.Free, opgDeclared)
	case "when":
		return opgDeclared | opgOwnErrors, v.When.UnmarshalJSON(value)
	case "price":
		return opgDeclared | opgOwnErrors, v.Price.UnmarshalJSON(value)
	}
	return opgUndeclared, nil
}

func (v *codecCharge) UnmarshalJSON(data []byte) error {
	if !json.Valid(data) {
		return opgSyntaxError(data)
	}
	return v.opgDecodeJSON(data)
}

func (v codecCharge) MarshalJSON() ([]byte, error) {
	type plain codecCharge
	return opgEncodeObject((*plain)(&v), v.rest)
}

type codecChargeOracle codecCharge

func (v *codecChargeOracle) UnmarshalJSON(data []byte) error {
	type plain codecChargeOracle
	return opgDecodeObject(data, (*plain)(v), &v.rest)
}

// errClass is what the codec must share with encoding/json: no error, a type error, a syntax error, another.
func errClass(err error) string {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case err == nil:
		return "nil"
	case errors.As(err, &te):
		return "type"
	case errors.As(err, &se):
		return "syntax"
	}
	return "other"
}

func checkCodec(t *testing.T, in []byte) {
	var got codecCharge
	var want codecChargeOracle
	gerr := json.Unmarshal(in, &got)
	werr := json.Unmarshal(in, &want)
	if errClass(gerr) != errClass(werr) {
		t.Fatalf("%s: codec error %v, encoding/json %v", in, gerr, werr)
	}
	if errClass(gerr) == "type" {
		// Past a type mismatch the declared fields are still encoding/json's: it decodes past the ones it finds
		// itself and stops at one an UnmarshalJSON returns. What the objects kept is not compared.
		w := codecCharge(want)
		forgetKept(&got)
		forgetKept(&w)
		if !reflect.DeepEqual(got, w) {
			t.Fatalf("%s: after %v the codec decoded\n%#v\nencoding/json\n%#v", in, gerr, got, w)
		}
	}
	if gerr != nil {
		return
	}
	if !reflect.DeepEqual(got, codecCharge(want)) {
		t.Fatalf("%s: codec decoded\n%#v\nencoding/json\n%#v", in, got, codecCharge(want))
	}
	a, aerr := json.Marshal(got)
	b, berr := json.Marshal(codecCharge(want))
	if string(a) != string(b) || (aerr == nil) != (berr == nil) {
		t.Fatalf("%s: re-encoded\n%s\n%s", in, a, b)
	}
}

// forgetKept drops what c and the cards in it kept beyond their declared fields.
func forgetKept(c *codecCharge) {
	c.rest, c.Primary.rest = nil, nil
	if c.Card != nil {
		c.Card.rest = nil
	}
	for i := range c.Cards {
		c.Cards[i].rest = nil
	}
}

var codecSeeds = []string{
	// A type mismatch: deferred when encoding/json finds it, at once when an UnmarshalJSON returns it.
	`{"note":5,"amount":2}`, `{"amount":"x","rate":2,"note":"n"}`, `{"cards":{},"amount":2}`, `{"tags":"x","amount":4}`,
	`{"cards":[{"last4":"1"},{"last4":2},{"last4":"3"}],"amount":3}`, `{"meta":{"a":1},"amount":5}`,
	`{"when":5,"amount":6}`, `{"card":{"last4":7},"amount":8}`, `{"primary":{"last4":7},"amount":8}`,
	`{"free":[1,{"a":"b"}],"status":7,"amount":9}`,
	`{"id":"ch_1","amount":5,"rate":1.5,"paid":true,"status":"paid","card":{"brand":"visa","last4":"4242","x":1},
	  "cards":[{"last4":"1"},null,{"brand":null,"y":[1]}],"primary":{"last4":"p"},"meta":{"k":"v"},"tags":["a"],
	  "note":null,"raw":{"a":1},"free":{"n":123456789012345678901234567890},"when":"2024-02-29T10:11:12Z",
	  "price":"12.50","zz":{"deep":[null]},"ID":"case"}`,
	`{"amount":null,"card":null,"cards":null,"primary":null,"meta":null,"tags":null,"free":null,"when":null,"price":null,"status":null}`,
	`{"amount":"x"}`, `{"amount":1.5}`, `{"amount":1e400}`, `{"rate":1e400}`, `{"card":[]}`, `{"cards":{}}`, `{"cards":[1]}`,
	`{"primary":"s"}`, `[]`, `"s"`, `null`, `1`, `{`, `{"a":}`, `{"AmOuNt":7,"\u0069d":"esc","st\u0061tus":"x"}`,
	`{"card":{"brand":"a"},"card":{"last4":"b"}}`, `{"cards":[{"last4":"1"}],"cards":[{"last4":"2"},{"last4":"3"}]}`,
	`{"meta":{"a":"1"},"meta":{"b":"2"}}`, `{"paid":"yes"}`, `{"when":"soon"}`, `{"price":"abc"}`, `{"tags":[1]}`,
	"{\"last4\":\"\xff\",\"s\":\"\xfe\"}", `{"status":"\ud83d\ude00"}`, `  {  "amount" : 3 , "x" : [ ] }  `,
}

func TestCodecMatchesEncodingJSON(t *testing.T) {
	for _, s := range codecSeeds {
		checkCodec(t, []byte(s))
	}
}

func FuzzCodecMatchesEncodingJSON(f *testing.F) {
	for _, s := range codecSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) { checkCodec(t, in) })
}

func TestCodecDirectCallChecksSyntax(t *testing.T) {
	for _, in := range []string{`{`, `{"amount":}`, `{"a":1}x`, ``} {
		var c codecCharge
		if err := c.UnmarshalJSON([]byte(in)); errClass(err) != "syntax" {
			t.Errorf("%q: got %v, want a *json.SyntaxError", in, err)
		}
	}
}

func TestCodecEnumsAllocateNothing(t *testing.T) {
	var s codecStatus
	var o Opt[codecStatus]
	paid, open := []byte(`"paid"`), []byte(`"open"`)
	allocs := testing.AllocsPerRun(100, func() {
		_ = opgDecodeEnum(paid, &s, "open\x00paid")
		_ = opgDecodeOptEnum(open, &o, "open\x00paid")
	})
	if allocs != 0 || s != "paid" || o.Value != "open" || !o.IsSet() {
		t.Errorf("allocs %v, s %q, o %+v", allocs, s, o)
	}
	// Unlisted, escaped and null values decode as encoding/json decodes them.
	for _, c := range [][2]string{{`"new"`, "new"}, {`"pa\u0069d"`, "paid"}, {`null`, "paid"}} {
		in, want := c[0], codecStatus(c[1])
		if err := opgDecodeEnum([]byte(in), &s, "open\x00paid"); err != nil || s != want {
			t.Errorf("%s: %q, %v", in, s, err)
		}
	}
	if err := opgDecodeOptEnum([]byte(`null`), &o, "open"); err != nil || !o.WasNull() {
		t.Errorf("null: %+v %v", o, err)
	}
	if err := opgDecodeEnum([]byte(`5`), &s, "open"); errClass(err) != "type" {
		t.Errorf("a number: %v", err)
	}
}

func TestDecodeBodyListAndStruct(t *testing.T) {
	body := []byte(` [ {"amount":1,"zz":true}, null, {"amount":2,"cards":[{"last4":"x"}]} ] `)
	var got []codecCharge
	ok, err := opgDecodeBody(body, &got)
	var want []codecChargeOracle
	werr := json.Unmarshal(body, &want)
	if !ok || err != nil || werr != nil || len(got) != 3 {
		t.Fatalf("ok %v err %v oracle %v: %+v", ok, err, werr, got)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], codecCharge(want[i])) {
			t.Errorf("[%d]: %+v, want %+v", i, got[i], want[i])
		}
	}
	// encoding/json decodes element i into the slice's element i, merging: Paid stays true.
	reused := []codecCharge{{Amount: 9, Paid: true}, {Amount: 8}, {Amount: 7}, {Amount: 6}}
	reusedOracle := []codecChargeOracle{{Amount: 9, Paid: true}, {Amount: 8}, {Amount: 7}, {Amount: 6}}
	werr = json.Unmarshal([]byte(`[{"amount":1}]`), &reusedOracle)
	if ok, err := opgDecodeBody([]byte(`[{"amount":1}]`), &reused); !ok || err != nil || werr != nil || len(reused) != 1 ||
		!reflect.DeepEqual(reused[0], codecCharge(reusedOracle[0])) || !reused[0].Paid {
		t.Errorf("a reused slice: %+v %v, encoding/json: %+v %v", reused, err, reusedOracle, werr)
	}
	// The backing array is grown once to the number of elements: what it held past the length (where
	// encoding/json decodes elements too, merging) is kept, short and long lists (more elements than the check's
	// buffer of ends) alike.
	for _, n := range []int{0, 2, 3, 5, 200} {
		var list strings.Builder
		list.WriteString("[")
		for i := range n {
			if i > 0 {
				list.WriteString(" ,\n")
			}
			fmt.Fprintf(&list, `{"amount":%d}`, i)
		}
		list.WriteString("]")
		stale := make([]codecCharge, 3)
		stale[2] = codecCharge{Amount: 5, Paid: true}
		staleOracle := make([]codecChargeOracle, 3)
		staleOracle[2] = codecChargeOracle{Amount: 5, Paid: true}
		got, want = stale[:1], staleOracle[:1]
		ok, err := opgDecodeBody([]byte(list.String()), &got)
		werr := json.Unmarshal([]byte(list.String()), &want)
		if !ok || err != nil || werr != nil || len(got) != len(want) {
			t.Fatalf("%d elements into a slice with more capacity than length: %v %v, %d elements, want %d",
				n, ok, err, len(got), len(want))
		}
		for i := range want[:cap(want)] {
			if !reflect.DeepEqual(got[:cap(got)][i], codecCharge(want[:cap(want)][i])) {
				t.Errorf("%d elements, [%d]: %+v, want %+v", n, i, got[:cap(got)][i], want[:cap(want)][i])
			}
		}
	}
	// The first error of an element ends the decoding there, as an UnmarshalJSON's error ends encoding/json's.
	got, want = nil, nil
	body = []byte(`[{"amount":1},{"note":5,"amount":2},{"amount":3}]`)
	_, err = opgDecodeBody(body, &got)
	werr = json.Unmarshal(body, &want)
	if errClass(err) != errClass(werr) || len(got) != len(want) || len(got) != 2 || got[1].Amount != want[1].Amount {
		t.Errorf("an element's error: %+v %v, encoding/json: %+v %v", got, err, want, werr)
	}
	var one codecCharge
	if ok, err := opgDecodeBody([]byte(`{"amount":"x"}`), &one); !ok || errClass(err) != "type" {
		t.Errorf("a type error: %v %v", ok, err)
	}
	for _, in := range []string{`{`, `[1,`} {
		if ok, _ := opgDecodeBody([]byte(in), &one); ok {
			t.Errorf("%s: not JSON, left to encoding/json for its error", in)
		}
	}
	var m map[string]codecCharge
	if ok, _ := opgDecodeBody([]byte(`{}`), &m); ok {
		t.Error("a map is left to encoding/json")
	}
}

// The type error for a value that is not an object names the struct, as encoding/json's does, whichever form the
// member decoder has (the struct's method or an opgMemberFunc).
func TestDecodeMembersTypeErrorNamesTheStruct(t *testing.T) {
	for _, c := range []struct {
		v    interface{ opgDecodeJSON([]byte) error }
		want reflect.Type
	}{
		{new(codecCard), reflect.TypeFor[codecCard]()},
		{new(codecCharge), reflect.TypeFor[codecCharge]()},
	} {
		var te *json.UnmarshalTypeError
		if err := c.v.opgDecodeJSON([]byte(`[1]`)); !errors.As(err, &te) || te.Type != c.want || te.Value != "array" {
			t.Errorf("%T: %v", c.v, err)
		}
	}
}

// TestOwnIndex: the table lookup finds each name at its index and nothing else, in a short table (scanned) and a
// long one (binary search) alike.
func TestOwnIndex(t *testing.T) {
	for _, n := range []int{0, 1, 2, 12, 16, 17, 40} {
		var names []string
		for i := range n {
			names = append(names, fmt.Sprintf("f%02d", i))
		}
		names = append(names, "a")
		slices.Sort(names)
		for i, name := range names {
			if got := opgOwnIndex(names, []byte(name)); got != i {
				t.Errorf("%d names: %q at %d, want %d", len(names), name, got, i)
			}
		}
		for _, key := range []string{"", "b", "f", "f0", "f000", "F00", "f99", "a\x00", "zz"} {
			if got := opgOwnIndex(names, []byte(key)); got != -1 {
				t.Errorf("%d names: %q found at %d", len(names), key, got)
			}
		}
	}
}
