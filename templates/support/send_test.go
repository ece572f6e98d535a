package support

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestStripReadOnly(t *testing.T) {
	in := `{"id":"x","n":12345678901234567890.10,"a":{"id":1,"k":2},"l":[{"id":1,"k":1},{"k":2}],"m":{"p":{"id":3}}}`
	out, err := opgStripReadOnly([]byte(in), [][]string{{"id"}, {"a", "id"}, {"l", "*", "id"}, {"m", "*", "id"}, {"absent", "id"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"a":{"k":2},"l":[{"k":1},{"k":2}],"m":{"p":{}},"n":12345678901234567890.10}`
	if string(out) != want {
		t.Errorf("got %s\nwant %s", out, want)
	}
	// Nothing to remove: the bytes are returned as they are.
	same := `{"b":1,"a":2}`
	if out, _ := opgStripReadOnly([]byte(same), [][]string{{"id"}}); string(out) != same {
		t.Errorf("got %s", out)
	}
	if _, err := opgStripReadOnly([]byte(`{`), [][]string{{"id"}}); err == nil {
		t.Error("invalid JSON accepted")
	}
}

func TestUnionTag(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"a":1}`, `{"type":"card","a":1}`},
		{`{}`, `{"type":"card"}`},
		{`{"type":"","a":1}`, `{"a":1,"type":"card"}`},
		{`{"type":"credit","a":1}`, `{"type":"credit","a":1}`},
	} {
		out, err := unionTag("U", "Card", []byte(tc.in), "type", []string{"card", "credit"}, true, nil)
		if err != nil || string(out) != tc.want {
			t.Errorf("%s: got %s, %v; want %s", tc.in, out, err, tc.want)
		}
	}
	_, err := unionTag("U", "Card", []byte(`{"type":"bank"}`), "type", []string{"card"}, true, nil)
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), `"bank"`) || !strings.Contains(err.Error(), "Card") {
		t.Errorf("wrong tag: %v", err)
	}
	// An implicit value (the schema name) is only filled in, never enforced.
	if out, err := unionTag("U", "Card", []byte(`{"type":"bank"}`), "type", []string{"Card"}, false, nil); err != nil || string(out) != `{"type":"bank"}` {
		t.Errorf("implicit: %s, %v", out, err)
	}
	// A union without Unknown decodes a value no variant lists by shape: that value goes back as received, while
	// a value another variant lists is still refused.
	if out, err := unionTag("U", "Card", []byte(`{"type":"new_kind"}`), "type", []string{"card"}, true, []string{"bank"}); err != nil || string(out) != `{"type":"new_kind"}` {
		t.Errorf("unlisted value of a shape-decoded union: %s, %v", out, err)
	}
	if _, err := unionTag("U", "Card", []byte(`{"type":"bank"}`), "type", []string{"card"}, true, []string{"bank"}); !errors.As(err, &ve) {
		t.Errorf("a value of another variant: %v, want a *ValidationError", err)
	}
}

func TestUnionMany(t *testing.T) {
	if err := unionMany("U", []string{"A", "B", "C"}, true, false, false); err != nil {
		t.Error(err)
	}
	err := unionMany("U", []string{"A", "B", "C"}, true, false, true)
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "U" || !strings.Contains(err.Error(), "A, C") {
		t.Errorf("got %v", err)
	}
	if got := opgBodyError("api", "Op", errors.Join(errors.New("x"), err)); got == nil || !strings.HasPrefix(got.Error(), "api: Op: ") {
		t.Errorf("body error: %v", got)
	}
}

func TestJSONBodyWithoutReadOnly(t *testing.T) {
	b := jsonBodyWithout("application/merge-patch+json", map[string]any{"id": "x", "name": "<a>", "card": map[string]any{"id": 1, "n": 2}}, []string{"id"}, []string{"card", "id"})
	r, err := b.reader()
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	if want := `{"card":{"n":2},"name":"<a>"}`; string(got) != want || b.contentType() != "application/merge-patch+json" {
		t.Errorf("jsonBodyWithout sent %s as %s, want %s as application/merge-patch+json", got, b.contentType(), want)
	}
	if _, err := jsonBodyWithout("application/json", func() {}, []string{"id"}).reader(); err == nil || !strings.HasPrefix(err.Error(), "encoding JSON body") {
		t.Errorf("an unencodable body: %v", err)
	}
}

func TestFormBodyWithoutReadOnly(t *testing.T) {
	b := formBody(withoutReadOnly(map[string]any{"id": "x", "name": "a", "card": map[string]any{"id": 1, "n": 2}}, []string{"id"}, []string{"card", "id"}))
	bb := b.(*opgBytesBody)
	if bb.err != nil || string(bb.b) != "card%5Bn%5D=2&name=a" {
		t.Errorf("got %q, %v", bb.b, bb.err)
	}
	b = formBody(withoutReadOnly(func() {}, []string{"id"}))
	if b.(*opgBytesBody).err == nil {
		t.Error("an encoding error was lost")
	}
}
