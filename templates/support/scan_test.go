package support

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// scanCases are JSON texts, valid and not, for opgValid and the skipping functions: every rule of the grammar
// broken once, and each kind of value where it may stand.
var scanCases = []string{
	``, ` `, `null`, ` null `, `nul`, `nulll`, `true`, `tru`, `false`, `fals`, `falsey`, `t`, `n`, `f`,
	`0`, `-0`, `-`, `01`, `-01`, `1.`, `1.5`, `.5`, `1e5`, `1E+5`, `1e-5`, `1e`, `1e+`, `1.5e3`, `1.e3`, `+1`,
	`12345678901234567890123`, `1 2`, `0x10`, `1_0`, `NaN`, `Infinity`, `-Infinity`,
	`""`, `"a"`, `"a`, `"\"`, `"\\"`, `"\/"`, `"\b\f\n\r\t"`, `"\u00e9"`, `"\u00E9"`, `"\u00g9"`, `"\u00e"`,
	`"\x"`, `"\'"`, "\"a\tb\"", "\"a\nb\"", "\"\x1f\"", "\"\x7f\"", "\"\xff\xfe\"", `"é"`, `"😀"`, "\"\x00\"",
	`{}`, `{ }`, `{"a":1}`, `{"a" : 1 }`, `{"a":1,}`, `{,}`, `{"a"}`, `{"a":}`, `{a:1}`, `{'a':1}`, `{"a":1 "b":2}`,
	`{"a":1,"b":[1,2,{"c":null}]}`, `{"a":{"b":{"c":{}}}}`, `{"a":1}}`, `{"a":1`, `{"a":[}`, `{"a":]}`, `{1:2}`,
	`[]`, `[ ]`, `[1]`, `[1,]`, `[,1]`, `[1,,2]`, `[1 2]`, `[[[]]]`, `[[]`, `[]]`, `[{]`, `[}`, `[{"a":1},{"b":[]}]`,
	"[\n1,\r\n2\t]", "\t[1]\n", "\v[1]", "\f1", "[1]\x00", "\u00a01", `[1]x`, `{"a":1}{}`, `[]{}`,
	`{"a":"}"}`, `{"a":"\"}"}`, `["]"]`, `["\\"]`, `{"\\":"\\\\"}`, `{"a\u0000b":1}`,
	`{"amount":100.0,"card":{"id":"kq","address":null,"allows":true},"status":"completed","error":null}`,
}

func TestValidMatchesEncodingJSON(t *testing.T) {
	for _, s := range scanCases {
		if got, want := opgValid([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Errorf("opgValid(%q) = %v, json.Valid says %v", s, got, want)
		}
		checkValidEnds(t, []byte(s))
		checkValidEnds(t, []byte("[ "+s+" , "+s+","+s+"]"))
	}
}

// checkValidEnds: opgValidEnds gives the validity opgValid gives and, for a valid array, the end of each element
// as the decoders' walk finds it (opgEachElement), nothing for anything else.
func checkValidEnds(t *testing.T, data []byte) {
	t.Helper()
	ends, ok := opgValidEnds(data, []int{})
	if ok != opgValid(data) {
		t.Fatalf("opgValidEnds(%q) says %v, opgValid the opposite", data, ok)
	}
	if !ok {
		return
	}
	var want []int
	if trimmed := strings.TrimLeft(string(data), " \t\r\n"); strings.HasPrefix(trimmed, "[") {
		want = []int{}
		opgEachElement(data, func(elem []byte) {
			want = append(want, cap(data)-cap(elem)+len(elem))
		})
	}
	if fmt.Sprint(ends) != fmt.Sprint(want) {
		t.Fatalf("opgValidEnds(%q) = %v, want %v", data, ends, want)
	}
}

// TestValidNesting: encoding/json refuses JSON nested deeper than 10000 levels; opgValid too, for arrays,
// objects and both mixed, and it is no slower on them than on flat JSON of the same size (no recursion).
func TestValidNesting(t *testing.T) {
	for _, depth := range []int{31, 32, 33, 100, opgMaxNesting, opgMaxNesting + 1} {
		arr := strings.Repeat("[", depth) + strings.Repeat("]", depth)
		obj := strings.Repeat(`{"a":`, depth-1) + "{}" + strings.Repeat("}", depth-1)
		mixed := strings.Repeat(`[{"a":`, depth/2) + "1" + strings.Repeat("}]", depth/2)
		for _, s := range []string{arr, obj, mixed, arr[:len(arr)-1], obj[:len(obj)-1]} {
			if got, want := opgValid([]byte(s)), json.Valid([]byte(s)); got != want {
				t.Errorf("depth %d: opgValid(%.20q...) = %v, json.Valid says %v", depth, s, got, want)
			}
		}
	}
}

// FuzzValid compares opgValid with json.Valid on any input.
func FuzzValid(f *testing.F) {
	for _, s := range scanCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := opgValid(data), json.Valid(data); got != want {
			t.Fatalf("opgValid(%q) = %v, json.Valid says %v", data, got, want)
		}
		checkValidEnds(t, data)
	})
}

// TestSkipValueEnds: on valid JSON, opgSkipValue ends each value where it ends, whatever follows, and with the
// quotes, backslashes and brackets that matter at every offset of the 8-byte words the scanners read at a time.
func TestSkipValueEnds(t *testing.T) {
	var texts []string
	for _, s := range scanCases {
		if json.Valid([]byte(s)) {
			texts = append(texts, strings.TrimSpace(s))
		}
	}
	for pad := range 17 {
		p := strings.Repeat("x", pad)
		texts = append(texts, `"`+p+`"`, `"`+p+`\""`, `"`+p+`\\"`, `"`+p+`\\\""`, `"`+p+`é\u00e9"`,
			`{"`+p+`":"}]"}`, `["`+p+`{[",{"a`+p+`":[1,"\"]"]}]`, `["`+p+`"]`, `{"k":{"`+p+`\\":{}}}`)
	}
	for _, v := range texts {
		for _, after := range []string{"", ",", " ,", "]", "}", "\n}"} {
			if got := opgSkipValue([]byte(v+after), 0); got != len(v) {
				t.Errorf("opgSkipValue(%q) = %d, want %d", v+after, got, len(v))
			}
		}
	}
}

// TestSkipValueUnterminated: on text cut short, opgSkipValue stays within it.
func TestSkipValueUnterminated(t *testing.T) {
	for _, s := range []string{`"abc`, `"abc\`, `"abcdefghijk\`, `{"a":"b`, `[[1,2]`, `{"a":"\`} {
		if got := opgSkipValue([]byte(s), 0); got != len(s) {
			t.Errorf("opgSkipValue(%q) = %d, want %d", s, got, len(s))
		}
	}
}

// FuzzSkipValue: on valid JSON, opgSkipValue ends the value where it ends.
func FuzzSkipValue(f *testing.F) {
	for _, s := range scanCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v := strings.TrimSpace(string(data))
		if !json.Valid([]byte(v)) {
			return
		}
		if got := opgSkipValue([]byte(v+" ,"), 0); got != len(v) {
			t.Fatalf("opgSkipValue(%q) = %d, want %d", v+" ,", got, len(v))
		}
	})
}
