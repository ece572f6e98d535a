package support

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// restCard and restCharge are declared as the generator declares a response type: an opgRest field and the
// three methods that use it.
type restCard struct {
	Brand Opt[string] `json:"brand,omitzero"`
	Last4 string      `json:"last4"`
	rest  opgKeeper
}

func (v *restCard) UnmarshalJSON(data []byte) error {
	type plain restCard
	return opgDecodeObject(data, (*plain)(v), &v.rest)
}

func (v restCard) MarshalJSON() ([]byte, error) {
	type plain restCard
	return opgEncodeObject((*plain)(&v), v.rest)
}

func (v restCard) UnknownFields() map[string]json.RawMessage { return opgUnknownFields(v.rest) }

type restCharge struct {
	ID       Opt[string]       `json:"id,omitzero"`
	Amount   int64             `json:"amount"`
	Card     *restCard         `json:"card,omitempty"`
	Cards    []restCard        `json:"cards,omitzero"`
	Metadata map[string]string `json:"metadata,omitzero"`
	Note     Nullable[string]  `json:"note,omitzero"`
	Raw      json.RawMessage   `json:"raw,omitzero"`
	Free     any               `json:"free,omitempty"`
	Status   string            `json:"status"`
	Primary  restCard          `json:"primary"`
	rest     opgKeeper
}

func (v *restCharge) UnmarshalJSON(data []byte) error {
	type plain restCharge
	return opgDecodeObject(data, (*plain)(v), &v.rest)
}

func (v restCharge) MarshalJSON() ([]byte, error) {
	type plain restCharge
	return opgEncodeObject((*plain)(&v), v.rest)
}

func (v restCharge) UnknownFields() map[string]json.RawMessage { return opgUnknownFields(v.rest) }

// restSame decodes both documents with numbers as json.Number and compares them.
func restSame(t *testing.T, want, got []byte) {
	t.Helper()
	decode := func(b []byte) any {
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		return v
	}
	if !reflect.DeepEqual(decode(want), decode(got)) {
		t.Errorf("re-encoded document differs\nwant %s\ngot  %s", want, got)
	}
}

func TestRestRoundTripsUnknownMembersAndNulls(t *testing.T) {
	cases := []string{
		// unknown members at every depth, with odd keys, escapes, big numbers and nested values
		`{"id":"ch_1","amount":0,"status":"","primary":{"last4":"4242","x":1},"new_top":{"a":[1,2,{"b":null}]},
		  "card":{"last4":"1111","brand":"visa","fingerprint":"fp","nested":{"deep":true}},
		  "cards":[{"last4":"1","e1":"<&>"},{"last4":"2"},{"last4":"3","e3":123456789012345678901234567890}],
		  "odd key \"q\"":1e400,"na\u00efve":"x","metadata":{"k":"v"}}`,
		// nulls the fields cannot hold: pointer, slice, map, plain values, any, and a struct value
		`{"id":null,"amount":null,"status":null,"card":null,"cards":null,"metadata":null,"free":null,"primary":null}`,
		// nulls the fields hold themselves
		`{"amount":1,"status":"s","primary":{"last4":"x"},"note":null,"raw":null}`,
		// a null element of an array of objects
		`{"amount":1,"status":"s","primary":{"last4":"x"},"cards":[null,{"last4":"2","u":null}]}`,
		// nothing extra: encodes as before
		`{"amount":1,"status":"s","primary":{"last4":"x"}}`,
		// whitespace everywhere
		" { \"amount\" : 1 ,\n\t\"status\":\"s\" , \"primary\" : { \"last4\" : \"x\" , \"y\" : [ 1 , 2 ] } , \"z\" : { } } ",
	}
	for _, in := range cases {
		var c restCharge
		if err := json.Unmarshal([]byte(in), &c); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		restSame(t, []byte(in), out)
		// Stable: the re-encoding decodes to the same value and encodes to the same bytes.
		var c2 restCharge
		if err := json.Unmarshal(out, &c2); err != nil {
			t.Fatal(err)
		}
		out2, _ := json.Marshal(c2)
		restSame(t, out, out2)
	}
}

func TestRestUnknownFieldsAccessor(t *testing.T) {
	var c restCharge
	in := `{"amount":1,"status":"s","primary":{"last4":"x","p":[1, 2]},"t1":"a","t2":{"b" : 2},"ID":"case-insensitive"}`
	if err := json.Unmarshal([]byte(in), &c); err != nil {
		t.Fatal(err)
	}
	got := c.UnknownFields()
	if len(got) != 2 || string(got["t1"]) != `"a"` || string(got["t2"]) != `{"b":2}` {
		t.Errorf("UnknownFields = %s", got)
	}
	if c.ID.Value != "case-insensitive" {
		t.Errorf("a key matching a declared name ignoring case fills the field, as encoding/json does: %+v", c.ID)
	}
	if p := c.Primary.UnknownFields(); string(p["p"]) != `[1,2]` {
		t.Errorf("nested UnknownFields = %s", p)
	}
	if (restCharge{}).UnknownFields() != nil {
		t.Error("a struct built in Go has no unknown fields")
	}
}

func TestRestCallerChangesWin(t *testing.T) {
	var c restCharge
	in := `{"amount":1,"status":"s","primary":null,"card":null,"cards":null,"extra":true}`
	if err := json.Unmarshal([]byte(in), &c); err != nil {
		t.Fatal(err)
	}
	c.Card = &restCard{Last4: "9"}
	c.Primary.Last4 = "8"
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	restSame(t, []byte(`{"amount":1,"status":"s","primary":{"last4":"8"},"card":{"last4":"9"},"cards":null,"extra":true}`), out)
}

func TestRestBuiltInGoIsUnaffected(t *testing.T) {
	c := restCharge{Amount: 5, Status: "s", Card: &restCard{Last4: "1"}}
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	type plain restCharge
	want, _ := json.Marshal(plain(c))
	if !bytes.Equal(out, want) {
		t.Errorf("got %s, want %s", out, want)
	}
}

func TestRestDecodeErrorsAreEncodingJSONs(t *testing.T) {
	for _, in := range []string{`{"amount":"x","status":"s"}`, `{"primary":{"last4":5}}`, `[1]`, `"s"`} {
		var c restCharge
		err := json.Unmarshal([]byte(in), &c)
		type plain restCharge
		var p plain
		want := json.Unmarshal([]byte(in), &p)
		if (err == nil) != (want == nil) || err != nil && !strings.Contains(err.Error(), "cannot unmarshal") {
			t.Errorf("%s: got %v, encoding/json gives %v", in, err, want)
		}
	}
}

func TestEachMemberAndSkipValue(t *testing.T) {
	in := []byte(` { "a" : [1,{"x":"]}"}] , "b\"c":"d\\" ,"e":-1.5e3,"f":{},"g":true } `)
	var keys, values []string
	opgEachMember(in, func(key, _, value []byte) {
		keys = append(keys, string(key))
		values = append(values, string(value))
	})
	if strings.Join(keys, "|") != `a|b"c|e|f|g` || strings.Join(values, "|") != `[1,{"x":"]}"}]|"d\\"|-1.5e3|{}|true` {
		t.Errorf("keys %q values %q", keys, values)
	}
}

// restShared is embedded as x-opgen-embed embeds the fields several types share: it has no methods of its own.
type restShared struct {
	ID     string    `json:"id"`
	Parent *restCard `json:"parent,omitempty"`
}

type restEmbedding struct {
	restShared
	Note string `json:"note,omitempty"`
	rest opgKeeper
}

func (v *restEmbedding) UnmarshalJSON(data []byte) error {
	type plain restEmbedding
	return opgDecodeObject(data, (*plain)(v), &v.rest)
}

func (v restEmbedding) MarshalJSON() ([]byte, error) {
	type plain restEmbedding
	return opgEncodeObject((*plain)(&v), v.rest)
}

func TestRestEmbeddedFieldsAreDeclared(t *testing.T) {
	in := `{"id":"x","parent":null,"note":"n","extra":[1]}`
	var e restEmbedding
	if err := json.Unmarshal([]byte(in), &e); err != nil {
		t.Fatal(err)
	}
	if u := opgUnknownFields(e.rest); len(u) != 1 || string(u["extra"]) != "[1]" {
		t.Errorf("only extra is undeclared: %s", u)
	}
	out, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	restSame(t, []byte(in), out)
}

// restExtra is a struct with additionalProperties: its undeclared members go to the typed map.
type restExtra struct {
	Name  string           `json:"name"`
	Extra map[string]int64 `json:"-"`
	rest  opgKeeper
}

func (v *restExtra) UnmarshalJSON(data []byte) error {
	type plain restExtra
	if err := opgDecodeObject(data, (*plain)(v), &v.rest); err != nil {
		return err
	}
	return opgTakeExtra(&v.rest, &v.Extra)
}

func (v restExtra) MarshalJSON() ([]byte, error) {
	type plain restExtra
	base, err := opgEncodeObject((*plain)(&v), v.rest)
	if err != nil {
		return nil, err
	}
	return mergeExtraJSON(base, v.Extra)
}

func TestRestExtraMapHoldsUndeclaredMembers(t *testing.T) {
	in := `{"name":null,"a":1,"b":12345678901}`
	var e restExtra
	if err := json.Unmarshal([]byte(in), &e); err != nil {
		t.Fatal(err)
	}
	if len(e.Extra) != 2 || e.Extra["b"] != 12345678901 || opgUnknownFields(e.rest) != nil {
		t.Errorf("%+v", e)
	}
	out, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	restSame(t, []byte(in), out)
	if err := json.Unmarshal([]byte(`{"a":"x"}`), &e); err == nil || !strings.Contains(err.Error(), `property "a"`) {
		t.Errorf("a member of the wrong type: %v", err)
	}
}
