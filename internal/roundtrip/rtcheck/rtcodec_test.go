package rtcheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// codecGood and oracleGood are declared alike, as a generated type and its json_codecs: false twin are.
type codecGood struct {
	ID     string            `json:"id"`
	Amount json.Number       `json:"amount"`
	Tags   []string          `json:"tags"`
	Meta   map[string]string `json:"meta"`
}

type oracleGood struct {
	ID     string            `json:"id"`
	Amount json.Number       `json:"amount"`
	Tags   []string          `json:"tags"`
	Meta   map[string]string `json:"meta"`
}

// codecCaseBlind matches keys exactly only: encoding/json also matches them ignoring case.
type codecCaseBlind struct {
	ID     string            `json:"id"`
	Amount json.Number       `json:"amount"`
	Tags   []string          `json:"tags"`
	Meta   map[string]string `json:"meta"`
}

func (c *codecCaseBlind) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	if v, ok := m["id"]; ok {
		return json.Unmarshal(v, &c.ID)
	}
	return nil
}

// codecWrongError refuses a wrong type with an error of another class.
type codecWrongError struct {
	ID     string            `json:"id"`
	Amount json.Number       `json:"amount"`
	Tags   []string          `json:"tags"`
	Meta   map[string]string `json:"meta"`
}

func (c *codecWrongError) UnmarshalJSON(b []byte) error {
	type plain codecWrongError
	if err := json.Unmarshal(b, (*plain)(c)); err != nil {
		return errors.New("bad input")
	}
	return nil
}

// codecLoud encodes its ID in upper case.
type codecLoud struct {
	ID     string            `json:"id"`
	Amount json.Number       `json:"amount"`
	Tags   []string          `json:"tags"`
	Meta   map[string]string `json:"meta"`
}

func (c codecLoud) MarshalJSON() ([]byte, error) {
	type plain codecLoud
	c.ID = strings.ToUpper(c.ID)
	return json.Marshal(plain(c))
}

func TestCodecSame(t *testing.T) {
	oracle := func() any { return new(oracleGood) }
	const in = `{"ID":"ch_1","amount":12.50,"tags":["a"],"meta":{"k":"v"}}`
	for _, c := range []struct {
		name  string
		newV  func() any
		input string
		want  string // a substring of the error; "" for none
	}{
		{"alike", func() any { return new(codecGood) }, in, ""},
		{"alike, a type error", func() any { return new(codecGood) }, `{"id":1,"amount":"x"}`, ""},
		{"alike, not JSON", func() any { return new(codecGood) }, `{"id":`, ""},
		{"a case-folded key lost", func() any { return new(codecCaseBlind) }, in, "differs from encoding/json's at $.ID"},
		{"another error class", func() any { return new(codecWrongError) }, `{"id":1}`, "(other), encoding/json"},
		{"another encoding", func() any { return new(codecLoud) }, in, `encodes as {"id":"CH_1"`},
	} {
		err := rtCodecSame(rtCodecPair{c.name, c.newV, oracle}, nil, []byte(c.input))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
		}
	}
}

// codecNoMerge resets the value before decoding: encoding/json keeps the members the input does not hold.
type codecNoMerge struct {
	ID     string            `json:"id"`
	Amount json.Number       `json:"amount"`
	Tags   []string          `json:"tags"`
	Meta   map[string]string `json:"meta"`
}

func (c *codecNoMerge) UnmarshalJSON(b []byte) error {
	type plain codecNoMerge
	*c = codecNoMerge{}
	return json.Unmarshal(b, (*plain)(c))
}

func TestCodecSameDecodesIntoAFilledValue(t *testing.T) {
	p := rtCodecPair{"noMerge", func() any { return new(codecNoMerge) }, func() any { return new(oracleGood) }}
	if err := rtCodecSame(p, nil, []byte(`{"amount":1}`)); err != nil {
		t.Fatalf("into a new value: %v", err)
	}
	err := rtCodecSame(p, []byte(`{"id":"ch_1"}`), []byte(`{"amount":1}`))
	if err == nil || !strings.Contains(err.Error(), "decoding into a value that holds") {
		t.Fatalf("got %v, want the merge difference", err)
	}
}

func TestEqualAcrossMaps(t *testing.T) {
	type k1 string
	type k2 string
	a := map[k1][]byte{"x": []byte(`{"a":1}`)}
	b := map[k2][]byte{"x": []byte(`{"a": 1}`)}
	if p := rtEqualAcross(valueOf(a), valueOf(b), "$", 0, false); !strings.Contains(p, "$[\"x\"]") {
		t.Errorf("raw bytes that differ in spacing compared equal (%q): kept members must be byte for byte", p)
	}
	b["x"] = []byte(`{"a":1}`)
	if p := rtEqualAcross(valueOf(a), valueOf(b), "$", 0, false); p != "" {
		t.Errorf("equal maps differ at %s", p)
	}
}

func valueOf(v any) reflect.Value { return reflect.ValueOf(v) }

// fatalRecorder is the part of *testing.T that rtCodecFuzz uses, recording instead of stopping.
type fatalRecorder struct{ msg string }

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	if r.msg == "" {
		r.msg = fmt.Sprintf(format, args...)
	}
}

func TestCodecFuzzInput(t *testing.T) {
	pairs := []rtCodecPair{
		{"good", func() any { return new(codecGood) }, func() any { return new(oracleGood) }},
		{"caseBlind", func() any { return new(codecCaseBlind) }, func() any { return new(oracleGood) }},
	}
	for _, c := range []struct {
		typ       uint16
		doc       string
		script    []byte
		wantFatal string
	}{
		{0, `{"ID":"x","amount":1}`, nil, ""},
		{0, ``, []byte{1, 2, 3, 4}, ""}, // a document generated from the type
		{0, `{"id":`, nil, ""},          // not JSON: both refuse it alike
		{1, `{"ID":"x"}`, nil, "caseBlind: the decoded value differs"},
		{1, `{"id":"x"}`, []byte{0, 0}, ""}, // the script sets the root to null: both leave the value alone
	} {
		var r fatalRecorder
		rtCodecFuzz(&r, pairs, c.typ, []byte(c.doc), c.script)
		if (r.msg == "") != (c.wantFatal == "") || !strings.Contains(r.msg, c.wantFatal) {
			t.Errorf("type %d, doc %s: got %q, want %q", c.typ, c.doc, r.msg, c.wantFatal)
		}
	}
}
