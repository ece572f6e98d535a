package rtcheck

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDiff(t *testing.T) {
	for _, c := range []struct {
		a, b, want string
	}{
		{`{"a":1,"b":[1,2]}`, `{"b":[1,2],"a":1}`, ""},
		{`{"n":1.50}`, `{"n":1.5}`, ""},
		{`{"n":9007199254740993}`, `{"n":9007199254740992}`, "/n: 9007199254740993 became 9007199254740992"},
		{`{"n":1e400}`, `{"n":1e400}`, ""},
		{`{"t":"2020-01-01T00:00:00.000Z"}`, `{"t":"2020-01-01T00:00:00Z"}`, ""},
		{`{"t":"2020-01-01T00:00:00+01:00"}`, `{"t":"2020-01-01T00:00:00Z"}`, `/t: "2020-01-01T00:00:00+01:00" became "2020-01-01T00:00:00Z"`},
		{`{"a":{"x/y":1}}`, `{"a":{}}`, "/a/x~1y: lost (was 1)"},
		{`{"a":null}`, `{}`, "/a: lost (was null)"},
		{`{}`, `{"a":""}`, `/a: added ("")`},
		{`[1,null]`, `[1]`, "/: 2 elements became 1"},
		{`"1"`, `1`, `/: "1" became 1`},
	} {
		if got := rtDiff([]byte(c.a), []byte(c.b)); got != c.want {
			t.Errorf("rtDiff(%s, %s) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

// lossy drops the field b on decode: the kind of bug the round trip exists to find.
type lossy struct {
	A string `json:"a"`
	B string `json:"-"`
}

// unstable decodes what it encodes into something else: "x" encodes as "x!", which decodes as "x!".
type unstable struct{ s string }

func (u unstable) MarshalJSON() ([]byte, error) { return json.Marshal(u.s + "!") }
func (u *unstable) UnmarshalJSON(b []byte) error {
	return json.Unmarshal(b, &u.s)
}

type holder struct {
	U unstable `json:"u"`
}

func TestRoundTripFindsLoss(t *testing.T) {
	_, diff, err := rtRoundTrip([]byte(`{"a":"x","b":"y"}`), func() any { return new(lossy) })
	if err != nil || diff != `/b: lost (was "y")` {
		t.Fatalf("got diff %q, err %v", diff, err)
	}
	if _, _, err := rtRoundTrip([]byte(`{"a":1}`), func() any { return new(lossy) }); err == nil || !strings.HasPrefix(err.Error(), "decode:") {
		t.Fatalf("a type mismatch must be a decode error, got %v", err)
	}
}

func TestStable(t *testing.T) {
	if err := rtStable([]byte(`{"a":"x","b":"y"}`), func() any { return new(lossy) }); err != nil {
		t.Fatalf("dropping a field on decode is stable after the first decode: %v", err)
	}
	if err := rtStable([]byte(`[`), func() any { return new(lossy) }); !errors.Is(err, errRTSkip) {
		t.Fatalf("malformed input: got %v, want errRTSkip", err)
	}
	err := rtStable([]byte(`{"u":"x"}`), func() any { return new(holder) })
	if err == nil || !strings.Contains(err.Error(), "$.U.s") {
		t.Fatalf("an unstable codec must be found, with its path: %v", err)
	}
}

func TestMutateKeepsJSON(t *testing.T) {
	seed := []byte(`{"id":"ch_1","amount":100.50,"tags":["a","b"],"card":{"brand":"visa","exp":12},"ok":true,"n":null}`)
	changed := 0
	for i := 0; i < 2000; i++ {
		script := []byte{byte(i), byte(i * 7), byte(i * 13), byte(i >> 3), byte(i * 5), 3, 'a', 'b', 'c'}
		out := rtMutate(seed, script)
		if !json.Valid(out) {
			t.Fatalf("script %v gave invalid JSON %s", script, out)
		}
		if rtDiff(seed, out) != "" {
			changed++
		}
	}
	if changed < 1500 {
		t.Fatalf("only %d of 2000 scripts changed the document", changed)
	}
	if got := rtMutate([]byte("not json"), []byte{0, 0}); string(got) != "not json" {
		t.Fatalf("a document that is not JSON is returned unchanged, got %s", got)
	}
}

type tree struct {
	Name     string           `json:"name"`
	Children []*tree          `json:"children"`
	ByName   map[string]*tree `json:"by_name"`
	Parent   *tree            `json:"parent"`
	Left     *tree            `json:"left"`
	Right    *tree            `json:"right"`
}

func TestGenBounded(t *testing.T) {
	for i := 0; i < 50; i++ {
		s := &rtScript{b: bytes255(i)}
		out := rtGen(reflect.TypeOf(tree{}), s)
		if len(out) > 64<<10 {
			t.Fatalf("a recursive type's document is %d bytes", len(out))
		}
		if err := rtDecode(out, new(tree)); err != nil {
			t.Fatalf("generated %s does not decode: %v", out, err)
		}
	}
}

func bytes255(seed int) []byte {
	b := make([]byte, 300)
	for i := range b {
		b[i] = byte(seed*31 + i*17)
	}
	return b
}

type withRequired struct {
	ID   string  `json:"id"`
	Note *string `json:"note,omitempty"`
	Sub  []struct {
		Code string `json:"code"`
	} `json:"sub,omitzero"`
}

func TestMissingRequiredIsSkipped(t *testing.T) {
	for in, want := range map[string]bool{
		`{"id":"a"}`:                      false,
		`{"id":null}`:                     true,
		`{"note":"x"}`:                    true,
		`{"id":"a","sub":[{}]}`:           true,
		`{"id":"a","sub":[{"code":"c"}]}`: false,
	} {
		var doc any
		if err := rtDecode([]byte(in), &doc); err != nil {
			t.Fatal(err)
		}
		if got := rtMissingRequired(doc, reflect.TypeOf(withRequired{}), 0); got != want {
			t.Errorf("rtMissingRequired(%s) = %v, want %v", in, got, want)
		}
	}
}

// opgKeeper stands for the generated packages' runtime type: a struct with an opgKeeper field keeps unknown members.
//
//lint:ignore U1000 rtKeepsUnknown finds it by reflection, by name
type opgKeeper interface{ kept() }

type keeper struct {
	A    string    `json:"a"`
	B    string    `json:"b,omitempty"`
	rest opgKeeper //lint:ignore U1000 found by reflection
}

type keeperUnion struct {
	K *keeper
	L *lossy
}

func TestStableChecksUnknownMembersOfResponseTypes(t *testing.T) {
	// keeper claims to keep unknown members (it has an opgRest) but drops them: the loss must be found.
	err := rtStable([]byte(`{"a":"x","zz":1}`), func() any { return new(keeper) })
	if err == nil || !strings.Contains(err.Error(), "/zz: lost") {
		t.Fatalf("a lost unknown member must be reported: %v", err)
	}
	if err := rtStable([]byte(`{"a":"x","B":"y"}`), func() any { return new(keeper) }); err != nil {
		t.Fatalf("a member matched ignoring case is re-encoded under its declared name, not lost: %v", err)
	}
	if !rtKeepsUnknown(reflect.TypeOf([]*keeper{}), 0) || rtKeepsUnknown(reflect.TypeOf(keeperUnion{}), 0) ||
		rtKeepsUnknown(reflect.TypeOf(lossy{}), 0) {
		t.Fatal("rtKeepsUnknown: a slice of keepers keeps; a union with a request-only variant and a plain struct do not")
	}
}

type keeperTree struct {
	Kids  []keeper          `json:"kids"`
	ByKey map[string]keeper `json:"by_key,omitempty"`
	Plain *lossy            `json:"plain,omitempty"`
	rest  opgKeeper         //lint:ignore U1000 found by reflection
}

func TestWithUnknownAddsAMemberToEveryKeepingObject(t *testing.T) {
	in, ok := rtWithUnknown([]byte(`{"kids":[{"a":"x"},{"a":"y"}],"by_key":{"k":{"a":"z"}},"plain":{"a":"p"}}`),
		func() any { return new(keeperTree) })
	if !ok {
		t.Fatal("nothing added")
	}
	var doc map[string]any
	if err := json.Unmarshal(in, &doc); err != nil {
		t.Fatal(err)
	}
	has := func(v any) bool { _, ok := v.(map[string]any)[rtUnknownMember]; return ok }
	kids := doc["kids"].([]any)
	if !has(doc) || !has(kids[0]) || !has(kids[1]) || !has(doc["by_key"].(map[string]any)["k"]) || has(doc["plain"]) {
		t.Errorf("got %s", in)
	}
	if _, ok := rtWithUnknown([]byte(`{"a":"x"}`), func() any { return new(lossy) }); ok {
		t.Error("a type keeping nothing gets no unknown member")
	}
}

// withExtras stands for a generated struct with additionalProperties: the undeclared members go to a typed map.
type withExtras[T any] struct {
	A     string       `json:"a"`
	Extra map[string]T `json:"-"`
	rest  opgKeeper    //lint:ignore U1000 found by reflection
}

type optional struct {
	B string `json:"b,omitempty"`
}

type dated struct {
	ID time.Time `json:"id"`
}

func TestWithUnknownFitsATypedExtrasMap(t *testing.T) {
	added := func(in string, newV func() any) (map[string]any, bool) {
		t.Helper()
		out, ok := rtWithUnknown([]byte(in), newV)
		if !ok {
			return nil, false
		}
		var doc map[string]any
		if err := rtDecode(out, &doc); err != nil {
			t.Fatal(err)
		}
		return doc, true
	}
	for _, c := range []struct {
		newV func() any
		want string
	}{
		{func() any { return new(withExtras[string]) }, `"<&>"`},
		{func() any { return new(withExtras[int64]) }, `9007199254740993`},
		{func() any { return new(withExtras[float64]) }, `1.50`},
		{func() any { return new(withExtras[bool]) }, `true`},
		{func() any { return new(withExtras[any]) }, string(rtUnknownValue)},
		{func() any { return new(withExtras[optional]) }, `{}`},
	} {
		doc, ok := added(`{"a":"x","other":null}`, c.newV)
		if !ok {
			t.Fatalf("%T: nothing added", c.newV())
		}
		got, _ := json.Marshal(doc[rtUnknownMember])
		if rtDiff(got, []byte(c.want)) != "" {
			t.Errorf("%T: added %s, want %s", c.newV(), got, c.want)
		}
	}
	// No value of the map's type can be made up: nothing is added to that object.
	if _, ok := added(`{"a":"x"}`, func() any { return new(withExtras[dated]) }); ok {
		t.Error("a map of dates gets no member")
	}
	// The map's entries are walked as its value type: a keeper in the map gets the member.
	doc, ok := added(`{"a":"x","k":{"a":"y"}}`, func() any { return new(withExtras[keeper]) })
	if !ok {
		t.Fatal("nothing added")
	}
	if _, has := doc["k"].(map[string]any)[rtUnknownMember]; !has {
		t.Errorf("the keeper held in the extras map got no member: %v", doc)
	}
}
