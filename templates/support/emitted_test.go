package support

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

type color string

func (c color) String() string { return "color:" + string(c) }

func TestFormatEach(t *testing.T) {
	if got := formatEach([]int64{1, -2}); !reflect.DeepEqual(got, []string{"1", "-2"}) {
		t.Errorf("ints: %q", got)
	}
	if got := formatEach([]*Decimal{Ptr(MustParseDecimal("10.10")), nil}); !reflect.DeepEqual(got, []string{"10.10", ""}) {
		t.Errorf("decimals: %q", got)
	}
	if got := formatEach([]color{"red"}); !reflect.DeepEqual(got, []string{"color:red"}) {
		t.Errorf("stringers: %q", got)
	}
	if got := formatEach[string](nil); got == nil || len(got) != 0 {
		t.Errorf("nil slice: %#v", got)
	}
}

func TestObjectPairs(t *testing.T) {
	type filter struct {
		Status string   `json:"status"`
		Amount *Decimal `json:"amount,omitempty"`
		Since  Date     `json:"since"`
		Tags   []string `json:"tags"`
		Skip   *string  `json:"skip,omitempty"`
		Flag   bool     `json:"flag"`
	}
	got := objectPairs(filter{Status: "paid", Amount: Ptr(MustParseDecimal("1.50")), Since: mustDate("2024-02-29"), Tags: []string{"a"}})
	want := [][2]string{{"amount", "1.50"}, {"flag", "false"}, {"since", "2024-02-29"}, {"status", "paid"}, {"tags", `["a"]`}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("struct: %q", got)
	}
	if got := objectPairs(map[string]any{"b": 2, "a": "x y"}); !reflect.DeepEqual(got, [][2]string{{"a", "x y"}, {"b", "2"}}) {
		t.Errorf("map: %q", got)
	}
	for _, v := range []any{nil, 3, []int{1}, make(chan int)} {
		if got := objectPairs(v); len(got) != 0 {
			t.Errorf("objectPairs(%T) = %q, want no pairs", v, got)
		}
	}
	if got := objectPairs(map[string]any{"gone": nil}); !reflect.DeepEqual(got, [][2]string{{"gone", ""}}) {
		t.Errorf("null property: %q", got)
	}
	if rawText(json.RawMessage(` 12.50 `)) != "12.50" || rawText(json.RawMessage(`"a\"b"`)) != `a"b` || rawText(json.RawMessage(`{"a":1}`)) != `{"a":1}` {
		t.Error("rawText")
	}
}

func TestMultipartValueAndMapBody(t *testing.T) {
	when := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		in   any
		want string
	}{
		{"text", "text"}, {true, "true"}, {int32(-7), "-7"}, {uint8(200), "200"}, {2.5, "2.5"},
		{MustParseDecimal("0.10"), "0.10"}, {mustDate("2024-05-01"), "2024-05-01"}, {color("blue"), "color:blue"},
		{map[string]int{"a": 1}, `{"a":1}`}, {[]string{"x", "y"}, `["x","y"]`}, {&when, "2024-01-02T03:04:05Z"},
		{struct {
			N string `json:"n"`
		}{"v"}, `{"n":"v"}`},
	} {
		if got := multipartValue(tc.in); got != tc.want {
			t.Errorf("multipartValue(%#v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := multipartValue(make(chan int)); got == "" {
		t.Error("an unmarshalable value falls back to its text")
	}

	body := multipartMapBody(map[string]string{"z": "last", "a": "first", "m": "a\r\nb"})
	_, params, err := mime.ParseMediaType(body.contentType())
	if err != nil {
		t.Fatal(err)
	}
	r, err := body.reader()
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(r, params["boundary"])
	var names, values []string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		names, values = append(names, p.FormName()), append(values, string(b))
	}
	if !reflect.DeepEqual(names, []string{"a", "m", "z"}) || !reflect.DeepEqual(values, []string{"first", "a\r\nb", "last"}) {
		t.Errorf("parts %q = %q", names, values)
	}
}

func TestExtraProperties(t *testing.T) {
	base := []byte(`{"id":"c1","amount":1}`)
	out, err := mergeExtraJSON(base, map[string]any{"id": "evil", "note": "hi", "n": json.Number("1.10")})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	json.Unmarshal(out, &m)
	if string(m["id"]) != `"c1"` || string(m["note"]) != `"hi"` || string(m["n"]) != "1.10" || len(m) != 4 {
		t.Errorf("merged = %s (declared fields must win)", out)
	}
	if out, err := mergeExtraJSON[string](base, nil); err != nil || string(out) != string(base) {
		t.Errorf("no extras: %s %v", out, err)
	}
	if _, err := mergeExtraJSON([]byte(`[1]`), map[string]int{"a": 1}); err == nil {
		t.Error("merging into a non-object")
	}
	if _, err := mergeExtraJSON([]byte(`{}`), map[string]any{"c": make(chan int)}); err == nil {
		t.Error("an unmarshalable extra")
	}

	var extra map[string]int
	if err := splitExtraJSON([]byte(`{"id":"c1","a":1,"b":2}`), &extra, []string{"id"}); err != nil || !reflect.DeepEqual(extra, map[string]int{"a": 1, "b": 2}) {
		t.Errorf("split: %v %v", extra, err)
	}
	if err := splitExtraJSON([]byte(`{"id":"c1"}`), &extra, []string{"id"}); err != nil || extra != nil {
		t.Errorf("nothing extra: %v %v", extra, err)
	}
	if err := splitExtraJSON([]byte(`{"a":"x"}`), &extra, nil); err == nil || !strings.Contains(err.Error(), `property "a"`) {
		t.Errorf("wrong type: %v", err)
	}
	if err := splitExtraJSON([]byte(`[]`), &extra, nil); err == nil {
		t.Error("split of a non-object")
	}
}

func TestErrorBodyText(t *testing.T) {
	for _, tc := range []struct{ code, msg, want string }{
		{"1001", "bad request", "1001: bad request"},
		{"", "only message", "only message"},
		{"3001", "", "3001"},
		{"", "", "Error"},
		{"3001", "card 4111111111111111 declined", "3001: card 411111******1111 declined"},
		{"", "card 4111 1111 1111 1111", "card 4111 11** **** 1111"},
	} {
		if got := errorBodyText("Error", tc.code, tc.msg); got != tc.want {
			t.Errorf("errorBodyText(%q, %q) = %q, want %q", tc.code, tc.msg, got, tc.want)
		}
	}
}

func TestUnions(t *testing.T) {
	if err := unionEmptyError("PaymentSource"); err.Error() != "PaymentSource: no variant is set" {
		t.Error(err)
	}
	cause := errors.New("boom")
	if err := unionDecodeError("PaymentSource", cause); !errors.Is(err, cause) || err.Error() != "PaymentSource: boom" {
		t.Error(err)
	}
	if err := unionDecodeError("PaymentSource", nil); !strings.Contains(err.Error(), "discriminator names no known variant") {
		t.Error(err)
	}

	for _, tc := range []struct {
		in, want string
		found    bool
		err      bool
	}{
		{`{"type":"card","x":1}`, "card", true, false},
		{` {"type":7}`, "7", true, false},
		{`{"other":1}`, "", false, false},
		{`["type"]`, "", false, false},
		{`"card"`, "", false, false},
		{`{"type":`, "", false, true},
	} {
		got, found, err := unionDiscriminator([]byte(tc.in), "type")
		if got != tc.want || found != tc.found || (err != nil) != tc.err {
			t.Errorf("unionDiscriminator(%s) = %q %v %v", tc.in, got, found, err)
		}
	}

	shapes := []unionShape{
		{kind: "object", required: []string{"card_number"}, known: []string{"card_number", "cvv2", "holder_name"}},
		{kind: "object", required: []string{"clabe"}, known: []string{"clabe", "holder_name"}},
		{kind: "object", known: []string{"holder_name", "store"}},
		{kind: "string"},
		{kind: "integer"},
		{kind: "number"},
		{kind: "array"},
		{kind: "boolean"},
	}
	for _, tc := range []struct {
		in   string
		want int
	}{
		{`{"card_number":"4111","holder_name":"A"}`, 0},
		{`{"clabe":"0123","holder_name":"A"}`, 1},
		{`{"holder_name":"A","store":"x"}`, 2},
		{`{"holder_name":"A"}`, 2}, // the only candidate without a missing required property
		{`"text"`, 3}, {`12`, 4}, {`-3`, 4}, {`1.5`, 5}, {`1e3`, 5}, {`[1]`, 6}, {`true`, 7}, {` false `, 7},
	} {
		got, err := unionPick("Source", []byte(tc.in), shapes)
		if err != nil || got != tc.want {
			t.Errorf("unionPick(%s) = %d %v, want %d", tc.in, got, err, tc.want)
		}
	}
	// An exact JSON type beats "any", which accepts everything.
	if got, err := unionPick("U", []byte(`{"a":1}`), []unionShape{{kind: "object"}, {kind: "any"}}); err != nil || got != 0 {
		t.Errorf("tie: %d %v", got, err)
	}
	if got, err := unionPick("U", []byte(`null`), []unionShape{{kind: "string"}, {kind: ""}}); err != nil || got != 1 {
		t.Errorf("any: %d %v", got, err)
	}
	for _, in := range []string{``, `  `, `null`, `{"x":`, `{"x":1}`} {
		if _, err := unionPick("Source", []byte(in), shapes[:2]); err == nil || !strings.HasPrefix(err.Error(), "Source: ") {
			t.Errorf("unionPick(%q) err = %v", in, err)
		}
	}
	if _, err := unionPick("Source", []byte(`null`), shapes[:2]); !strings.Contains(err.Error(), "a JSON null matches none of its variants (object, object)") {
		t.Errorf("message: %v", err)
	}
	for in, want := range map[string]string{`{`: "object", `[`: "array", `"`: "string", `t`: "boolean", `f`: "boolean", `n`: "null", `-`: "number", `0`: "number"} {
		if got := jsonKindOf([]byte(in)); got != want {
			t.Errorf("jsonKindOf(%s) = %s", in, got)
		}
	}
	if !kindFits("integer", "number", []byte("10")) || kindFits("integer", "number", []byte("1.0")) || kindFits("integer", "number", []byte("1E2")) ||
		!kindFits("number", "number", []byte("1.0")) || kindFits("string", "number", []byte("1")) || !kindFits("", "array", nil) {
		t.Error("kindFits")
	}
}

func TestDecodeWebhook(t *testing.T) {
	type event struct {
		Type string         `json:"type"`
		Data map[string]any `json:"data"`
	}
	var ev event
	if err := decodeWebhook([]byte(`{"type":"charge.succeeded","data":{"id":"tr_1"}}`), &ev); err != nil || ev.Type != "charge.succeeded" || ev.Data["id"] != "tr_1" {
		t.Errorf("%+v %v", ev, err)
	}
	ok512 := strings.Repeat(`{"a":`, 511) + "1" + strings.Repeat("}", 511)
	var v any
	if err := decodeWebhook([]byte(ok512), &v); err != nil {
		t.Errorf("511 levels: %v", err)
	}
	for _, in := range []string{strings.Repeat("[", 513) + strings.Repeat("]", 513), strings.Repeat("[", 100000)} {
		if err := decodeWebhook([]byte(in), &v); err == nil || err.Error() != "webhook body nests too deeply" {
			t.Errorf("deep: %v", err)
		}
	}
	// Brackets inside strings do not count.
	if err := decodeWebhook([]byte(`{"type":"`+strings.Repeat("[", 1000)+`"}`), &ev); err != nil {
		t.Errorf("brackets in a string: %v", err)
	}
	if err := decodeWebhook([]byte(`{"type":1}`), &ev); err == nil || !strings.HasPrefix(err.Error(), "decoding webhook body: ") {
		t.Errorf("type mismatch: %v", err)
	}
}

func TestWebhookBasicAuth(t *testing.T) {
	const user, pass = "hook-user", "hook-PASSWORD-77"
	type event struct {
		Type string `json:"type"`
	}
	r, err := newWebhookTestRequest("fakepay", &event{Type: "charge.succeeded"}, user, pass)
	if err != nil {
		t.Fatal(err)
	}
	if err := verifyWebhookBasicAuth("fakepay", r, user, pass); err != nil {
		t.Errorf("valid credentials: %v", err)
	}
	b, _ := io.ReadAll(r.Body)
	if string(b) != `{"type":"charge.succeeded"}` || r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || r.RequestURI == "" {
		t.Errorf("test request: %s %s %q", r.Method, b, r.Header)
	}

	withAuth := func(h string) *http.Request {
		r, _ := http.NewRequest(http.MethodPost, "http://example.com/webhook", nil)
		if h != "" {
			r.Header.Set("Authorization", h)
		}
		return r
	}
	basic := func(u, p string) string {
		r := withAuth("")
		r.SetBasicAuth(u, p)
		return r.Header.Get("Authorization")
	}
	for name, tc := range map[string]struct {
		r    *http.Request
		want string
	}{
		"wrong password":  {withAuth(basic(user, "guess")), "do not match"},
		"wrong user":      {withAuth(basic("admin", pass)), "do not match"},
		"password prefix": {withAuth(basic(user, pass[:5])), "do not match"},
		"swapped":         {withAuth(basic(pass, user)), "do not match"},
		"no header":       {withAuth(""), "no HTTP basic credentials"},
		"bearer":          {withAuth("Bearer " + pass), "no HTTP basic credentials"},
		"garbage":         {withAuth("Basic !!!"), "no HTTP basic credentials"},
		"nil request":     {nil, "nil *http.Request"},
	} {
		err := verifyWebhookBasicAuth("fakepay", tc.r, user, pass)
		if err == nil || !strings.HasPrefix(err.Error(), "fakepay: webhook: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
			continue
		}
		for _, secret := range []string{user, pass, "guess", "admin"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("%s: the error shows %q: %v", name, secret, err)
			}
		}
	}
	// An empty expected password never verifies, even against empty credentials.
	if err := verifyWebhookBasicAuth("fakepay", withAuth(basic("", "")), "", ""); err == nil || !strings.Contains(err.Error(), "no webhook password given") {
		t.Errorf("empty configuration: %v", err)
	}
	// Without credentials the test request carries none.
	r, _ = newWebhookTestRequest("fakepay", &event{}, "", "")
	if r.Header.Get("Authorization") != "" {
		t.Error("credentials added")
	}
	var nilEvent *event
	for _, p := range []any{nil, nilEvent} {
		if _, err := newWebhookTestRequest("fakepay", p, user, pass); err == nil || err.Error() != "fakepay: webhook: nil event" {
			t.Errorf("nil event: %v", err)
		}
	}
	if _, err := newWebhookTestRequest("fakepay", map[string]any{"c": make(chan int)}, user, pass); err == nil || !strings.Contains(err.Error(), "encoding the event") {
		t.Errorf("unencodable event: %v", err)
	}
}

func TestUnionPickTieRule(t *testing.T) {
	base := unionShape{name: "Base", kind: "object", known: []string{"id", "kind"}}
	child := unionShape{name: "Child", kind: "object", known: []string{"id", "kind", "extra"}}
	// The parent's own properties only: Base knows as many and lacks fewer, whatever the order.
	for _, shapes := range [][]unionShape{{base, child}, {child, base}} {
		i, err := unionPick("P", []byte(`{"id":"1"}`), shapes)
		if err != nil || shapes[i].name != "Base" {
			t.Errorf("parent's fields only: %d %v", i, err)
		}
		i, err = unionPick("P", []byte(`{"id":"1","extra":2}`), shapes)
		if err != nil || shapes[i].name != "Child" {
			t.Errorf("child's field present: %d %v", i, err)
		}
	}
	// Two objects equal on every count: the payload does not say which, so neither is chosen.
	a := unionShape{name: "A", kind: "object", known: []string{"x", "a"}}
	b := unionShape{name: "B", kind: "object", known: []string{"x", "b"}}
	if _, err := unionPick("U", []byte(`{"x":1}`), []unionShape{a, b}); err == nil || !strings.Contains(err.Error(), "A and B equally") {
		t.Errorf("true tie: err = %v", err)
	}
	// Integer before number for an integer payload, in either order; scalars of one type: the first listed.
	for _, shapes := range [][]unionShape{{{name: "N", kind: "number"}, {name: "I", kind: "integer"}}, {{name: "I", kind: "integer"}, {name: "N", kind: "number"}}} {
		if i, err := unionPick("U", []byte(`5`), shapes); err != nil || shapes[i].name != "I" {
			t.Errorf("5: %d %v", i, err)
		}
		if i, err := unionPick("U", []byte(`5.5`), shapes); err != nil || shapes[i].name != "N" {
			t.Errorf("5.5: %d %v", i, err)
		}
	}
	if i, err := unionPick("U", []byte(`"s"`), []unionShape{{kind: "string"}, {kind: "string"}}); err != nil || i != 0 {
		t.Errorf("two strings: %d %v", i, err)
	}
	// A listed value goes to its enum, an unlisted one to the plain variant, in either order; an enum alone
	// still takes an unlisted value.
	status := unionShape{name: "Status", kind: "string", enum: []string{"paid", "a\"b"}}
	level := unionShape{name: "Level", kind: "integer", enum: []string{"1", "2"}}
	for _, shapes := range [][]unionShape{{status, {name: "S", kind: "string"}}, {{name: "S", kind: "string"}, status}} {
		for in, want := range map[string]string{`"paid"`: "Status", `"a\"b"`: "Status", `"new"`: "S"} {
			if i, err := unionPick("U", []byte(in), shapes); err != nil || shapes[i].name != want {
				t.Errorf("%s: %d %v, want %s", in, i, err, want)
			}
		}
	}
	for in, want := range map[string]string{`2`: "Level", `7`: "I"} {
		shapes := []unionShape{{name: "I", kind: "integer"}, level}
		if i, err := unionPick("U", []byte(in), shapes); err != nil || shapes[i].name != want {
			t.Errorf("%s: %d %v, want %s", in, i, err, want)
		}
	}
	if i, err := unionPick("U", []byte(`"new"`), []unionShape{status, {kind: "object"}}); err != nil || i != 0 {
		t.Errorf("an enum alone: %d %v", i, err)
	}
}

func TestUnionMatches(t *testing.T) {
	person := unionShape{name: "Person", kind: "object", known: []string{"name", "age"}}
	company := unionShape{name: "Company", kind: "object", known: []string{"name", "vat"}}
	free := unionShape{name: "Free", kind: "object"}
	email := unionShape{name: "Email", kind: "object", known: []string{"email"}, required: []string{"email"}}
	str := unionShape{name: "S", kind: "string"}
	for _, tc := range []struct {
		in     string
		shapes []unionShape
		want   []int
	}{
		{`{"name":"a","age":1,"vat":"v"}`, []unionShape{person, company}, []int{0, 1}},
		{`{"age":1}`, []unionShape{person, company}, []int{0}},
		{`{}`, []unionShape{person, company}, []int{0, 1}},
		{`{"zzz":1}`, []unionShape{person, company}, []int{0, 1}},
		{`{"age":1}`, []unionShape{person, free}, []int{0, 1}},
		{`{"age":1}`, []unionShape{email, person}, []int{1}},
		{`"x"`, []unionShape{str, email}, []int{0}},
		{`{"email":"e"}`, []unionShape{str, email}, []int{1}},
	} {
		got, err := unionMatches("U", []byte(tc.in), tc.shapes)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("unionMatches(%s) = %v %v, want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := unionMatches("U", []byte(`7`), []unionShape{str, email}); err == nil || !strings.HasPrefix(err.Error(), "U: a JSON number matches none") {
		t.Errorf("no branch: %v", err)
	}
}

func TestUnionMerge(t *testing.T) {
	out, err := unionMerge("P", []unionPart{{"Person", []byte(`{"name":"A","age":3}`)}, {"Company", []byte(`{"vat":"V","name":"A"}`)}})
	if err != nil || string(out) != `{"name":"A","age":3,"vat":"V"}` {
		t.Errorf("merge = %s %v", out, err)
	}
	// Equal values written differently are one value.
	if out, err := unionMerge("P", []unionPart{{"A", []byte(`{"o":{"x":1,"y":2}}`)}, {"B", []byte(`{"o":{"y":2,"x":1}}`)}}); err != nil || string(out) != `{"o":{"x":1,"y":2}}` {
		t.Errorf("equal nested = %s %v", out, err)
	}
	_, err = unionMerge("P", []unionPart{{"Person", []byte(`{"name":"4111111111111111"}`)}, {"Company", []byte(`{"name":"B"}`)}})
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "name" || !strings.Contains(err.Error(), "Person and Company") || strings.Contains(err.Error(), "4111") {
		t.Errorf("conflict: %v", err)
	}
	if _, err := unionMerge("P", []unionPart{{"S", []byte(`"a"`)}, {"O", []byte(`{"a":1}`)}}); !errors.As(err, &ve) {
		t.Errorf("string and object: %v", err)
	}
	if out, err := unionMerge("P", []unionPart{{"I", []byte(`7`)}, {"N", []byte(`7`)}}); err != nil || string(out) != `7` {
		t.Errorf("equal scalars = %s %v", out, err)
	}
	if _, err := unionMerge("P", nil); err == nil {
		t.Error("nothing set was encoded")
	}
	if out, err := unionMerge("P", []unionPart{{"Null", []byte(`null`)}}); err != nil || string(out) != "null" {
		t.Errorf("null = %s %v", out, err)
	}
}

func TestUnionNullHelpers(t *testing.T) {
	for in, want := range map[string]bool{`null`: true, " null\n": true, `"null"`: false, `nul`: false, ``: false, `{}`: false} {
		if got := isJSONNull([]byte(in)); got != want {
			t.Errorf("isJSONNull(%q) = %v", in, got)
		}
		if got := (&response{Body: []byte(in)}).bodyIsNull(); got != want {
			t.Errorf("bodyIsNull(%q) = %v", in, got)
		}
	}
	inner := errors.New("json: cannot unmarshal string into Go value of type int64")
	if err := unionNoBranch("U", inner); err != inner {
		t.Errorf("unionNoBranch kept %v", err)
	}
	if err := unionNoBranch("U", nil); err == nil || !strings.HasPrefix(err.Error(), "U: ") {
		t.Errorf("unionNoBranch(nil) = %v", err)
	}
}

func TestUnionFixedProperties(t *testing.T) {
	card := unionShape{name: "Card", kind: "object", required: []string{"id"}, known: []string{"id", "object", "last4"}, fixed: [][2]string{{"object", "card"}}}
	bank := unionShape{name: "Bank", kind: "object", required: []string{"id"}, known: []string{"id", "object", "iban"}, fixed: [][2]string{{"object", "bank_account"}}}
	for _, shapes := range [][]unionShape{{card, bank}, {bank, card}} {
		for in, want := range map[string]string{`{"id":"1","object":"card"}`: "Card", `{"id":"1","object":"bank_account"}`: "Bank", `{"id":"1","object":"x","iban":"E"}`: "Bank"} {
			if i, err := unionPick("S", []byte(in), shapes); err != nil || shapes[i].name != want {
				t.Errorf("unionPick(%s) = %d %v, want %s", in, i, err, want)
			}
		}
		got, err := unionMatches("S", []byte(`{"id":"1","object":"card"}`), shapes)
		if err != nil || len(got) != 1 || shapes[got[0]].name != "Card" {
			t.Errorf("unionMatches(card) = %v %v", got, err)
		}
		if got, err := unionMatches("S", []byte(`{"id":"1","object":"wallet"}`), shapes); err != nil || len(got) != 2 {
			t.Errorf("unionMatches(wallet) = %v %v, want both (lenient)", got, err)
		}
	}
}

func TestJSONInString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"id":"chr_1"}`, `{"id":"chr_1"}`},
		{` "{\"id\":\"chr_1\",\"amount\":100}" `, `{"id":"chr_1","amount":100}`},
		{`"[1,2]"`, `[1,2]`},
		{`"plain text"`, `"plain text"`},
		{`"{not json"`, `"{not json"`},
		{`"\"nested\""`, `"\"nested\""`},
		{`null`, `null`},
		{`"`, `"`},
	} {
		if got := string(opgJSONInString([]byte(c.in))); got != c.want {
			t.Errorf("opgJSONInString(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}
