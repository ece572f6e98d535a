package apidiff

import (
	"strings"
	"testing"
)

func parse(t *testing.T, src string) *API {
	t.Helper()
	api, err := Parse(map[string][]byte{"a_gen.go": []byte("package p\n\n" + src)})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

// lines prints the changes one per line, "BREAKING " before the breaking ones.
func lines(changes []Change) string {
	var b strings.Builder
	for _, c := range changes {
		if c.Breaking {
			b.WriteString("BREAKING ")
		}
		b.WriteString(c.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func TestCompare(t *testing.T) {
	cases := []struct {
		name, before, after, want string
	}{
		{"identical", "type T struct{ A int }\nfunc F(x int) error { return nil }", "type T struct{ A int }\n\nfunc F(x int) error {\n\treturn nil\n}", ""},
		{"unexported ignored", "type t struct{ A int }\nfunc f() {}\nconst c = 1\ntype T struct{ a int }",
			"type t struct{ B int }\nfunc f(int) {}\nconst c = 2\ntype T struct{ b string }", ""},
		{"parameter names do not matter", "func F(a, b int) {}", "func F(x int, y int) {}", ""},
		{"field added", "type T struct{ A int }", "type T struct {\n\tA int\n\tB *string `json:\"b,omitempty\"`\n}",
			"added field T.B *string `json:\"b,omitempty\"`\n"},
		{"field removed", "type T struct{ A int; B string }", "type T struct{ A int }",
			"BREAKING removed field T.B string\n"},
		{"field type", "type T struct{ A int64 `json:\"a\"` }", "type T struct{ A string `json:\"a\"` }",
			"BREAKING changed field T.A: int64 `json:\"a\"` -> string `json:\"a\"`\n"},
		{"json tag", "type T struct{ A int `json:\"a\"` }", "type T struct{ A int `json:\"a,omitempty\" xml:\"a\"` }",
			"BREAKING changed field T.A: int `json:\"a\"` -> int `json:\"a,omitempty\"`\n"},
		{"other tags ignored", "type T struct{ A int `json:\"a\" xml:\"a\"` }", "type T struct{ A int `json:\"a\" xml:\"b\"` }", ""},
		{"field renamed", "type T struct{ A int; Name string `json:\"name\"` }", "type T struct{ A int; FullName string `json:\"full_name\"` }",
			"BREAKING renamed field T.Name -> T.FullName: string `json:\"name\"` -> string `json:\"full_name\"`\n"},
		{"two removed, two added: no guessing", "type T struct{ A, B string }", "type T struct{ C, D string }",
			"BREAKING removed field T.A string\nBREAKING removed field T.B string\nadded field T.C string\nadded field T.D string\n"},
		{"embedded field", "type B struct{}\ntype T struct{ *B }", "type B struct{}\ntype T struct{ B }",
			"BREAKING changed field T.B: *B -> B\n"},
		{"method signature", "type C struct{}\nfunc (c *C) Get(ctx context.Context, id string) (*T, error) { return nil, nil }",
			"type C struct{}\nfunc (c *C) Get(ctx context.Context, id int64) (*T, error) { return nil, nil }",
			"BREAKING changed method C.Get: (ctx context.Context, id string) (*T, error) -> (ctx context.Context, id int64) (*T, error)\n"},
		{"method removed", "type C struct{}\nfunc (c *C) Get() {}\nfunc (c *C) List() {}", "type C struct{}\nfunc (c *C) List() {}",
			"BREAKING removed method (*C).Get()\n"},
		{"method added", "type C struct{}", "type C struct{}\nfunc (C) Ping(ctx context.Context) error { return nil }",
			"added method C.Ping(ctx context.Context) error\n"},
		{"receiver *T -> T is compatible", "type C struct{}\nfunc (*C) M() {}", "type C struct{}\nfunc (C) M() {}",
			"changed method C.M: receiver *C -> C\n"},
		{"receiver T -> *T breaks", "type C struct{}\nfunc (C) M() {}", "type C struct{}\nfunc (*C) M() {}",
			"BREAKING changed method C.M: receiver C -> *C\n"},
		{"methods of unexported types ignored", "type c struct{}\nfunc (c) M() {}", "type c struct{}", ""},
		{"variadic", "func F(opts ...Option) {}", "func F(opts []Option) {}",
			"BREAKING changed func F: (opts ...Option) -> (opts []Option)\n"},
		{"results", "func F() (n int, err error) { return }", "func F() (int, error) { return 0, nil }", ""},
		{"function renamed", "func Old(a int) string { return \"\" }", "func New(b int) string { return \"\" }",
			"BREAKING renamed func Old -> New: (a int) string -> (b int) string\n"},
		{"const value", "type S string\nconst (\n\tSA S = \"a\"\n\tSB S = \"b\"\n)", "type S string\nconst (\n\tSA S = \"a\"\n\tSB S = \"bee\"\n)",
			"BREAKING changed const SB: S = \"b\" -> S = \"bee\"\n"},
		{"const type", "const N = 1", "const N int64 = 1", "BREAKING changed const N: = 1 -> int64 = 1\n"},
		{"const renamed", "type S string\nconst (\n\tSA S = \"a\"\n\tSB S = \"b\"\n)", "type S string\nconst (\n\tSA S = \"a\"\n\tSBee S = \"b\"\n)",
			"BREAKING renamed const SB -> SBee\n"},
		{"iota", "const (\n\tA = iota\n\tB\n\tC\n)", "const (\n\tA = iota\n\tC\n)",
			"BREAKING removed const B = iota (iota 1)\nBREAKING changed const C: = iota (iota 2) -> = iota (iota 1)\n"},
		{"type kind", "type T struct{}", "type T string", "BREAKING changed type T: struct -> string\n"},
		{"alias", "type T = string", "type T string", "BREAKING changed type T: = string -> string\n"},
		{"type removed stands for its members", "type T struct{ A, B int }\nfunc (T) M() {}\ntype U int", "type U int",
			"BREAKING removed type T struct\n"},
		{"type added stands for its members", "type U int", "type U int\ntype T struct{ A, B int }\nfunc (*T) M() {}",
			"added type T struct\n"},
		{"type renamed", "type Pet struct{ ID int64; Name string }\nfunc (p *Pet) String() string { return \"\" }",
			"type Animal struct{ ID int64; Name string }\nfunc (p *Animal) String() string { return \"\" }",
			"BREAKING renamed type Pet -> Animal\n"},
		{"interface method added breaks implementations", "type I interface{ A() }", "type I interface{ A(); B(int) error }",
			"BREAKING added method I.B(int) error\n"},
		{"interface embed", "type I interface{ A() }", "type I interface{ A(); fmt.Stringer }",
			"BREAKING added interface I embeds fmt.Stringer\n"},
		{"var type", "var V int\nvar W = 1", "var V int64\nvar W = 2", "BREAKING changed var V: int -> int64\n"},
		{"generic", "func Ptr[T any](v T) *T { return &v }", "func Ptr[T comparable](v T) *T { return &v }",
			"BREAKING changed func Ptr: [T any](v T) *T -> [T comparable](v T) *T\n"},
		{"generic receiver", "type N[T any] struct{ V T }\nfunc (n N[T]) Get() T { return n.V }", "type N[T any] struct{ V T }\nfunc (n *N[T]) Get() T { return n.V }",
			"BREAKING changed method N.Get: receiver N -> *N\n"},
		{"breaking first, then by name", "type T struct{ B int }\nfunc Z() {}", "type T struct{ A string }\nfunc Y(int) {}\nfunc Z(int) {}",
			"BREAKING removed field T.B int\nBREAKING changed func Z: () -> (int)\nadded field T.A string\nadded func Y(int)\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := lines(Compare(parse(t, c.before), parse(t, c.after)))
			if got != c.want {
				t.Errorf("before:\n%s\nafter:\n%s\ngot:\n%s\nwant:\n%s", c.before, c.after, got, c.want)
			}
		})
	}
}

func TestParseFiles(t *testing.T) {
	api, err := Parse(map[string][]byte{
		"a_gen.go":      []byte("package p\n\ntype A struct{ X int }\n"),
		"b_gen.go":      []byte("package p\n\nfunc (a *A) M() {}\n"),
		"a_test.go":     []byte("package p\n\nfunc TestX() {}\n"),
		"README.md":     []byte("not go"),
		"notes_gen.txt": []byte("not go either"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if api.Len() != 3 { // A, A.X, A.M
		t.Errorf("Len = %d, want 3: %v", api.Len(), api.elems)
	}
	if _, err := Parse(map[string][]byte{"bad_gen.go": []byte("package p\n\nfunc {\n")}); err == nil || !strings.Contains(err.Error(), "bad_gen.go:3:") {
		t.Errorf("syntax error: %v, want it located", err)
	}
}

func TestBreaking(t *testing.T) {
	changes := Compare(parse(t, "type T struct{ A int }\nfunc F() {}"), parse(t, "type T struct{ A int; B int }"))
	if n := Breaking(changes); n != 1 || len(changes) != 2 {
		t.Errorf("Breaking = %d of %d:\n%s", n, len(changes), lines(changes))
	}
}
