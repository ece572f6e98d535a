package sdktest

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unsafe"

	"gopkg.in/yaml.v3"

	"github.com/opgen-sdk/opgen/generated/culqi"
	"github.com/opgen-sdk/opgen/generated/openpayco"
	"github.com/opgen-sdk/opgen/generated/openpaymx"
	"github.com/opgen-sdk/opgen/generated/openpaype"
	"github.com/opgen-sdk/opgen/generated/sky"
)

// canary fills every sensitive string field: a card number behind a marker no legitimate output contains.
const canary = "SECRETCANARY4111111111111111"

// builtinSensitive are the property names opgen redacts without a mark (docs/EXTENSIONS.md, x-opgen-sensitive).
var builtinSensitive = []string{"card_number", "cvv", "cvv2", "cvc", "password", "secret"}

// sensitiveNames returns the JSON names the spec marks sensitive (x-opgen-sensitive, writeOnly, format:
// password) plus the built-in ones.
func sensitiveNames(t *testing.T, spec string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "specs", spec))
	if err != nil {
		t.Fatal(err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, n := range builtinSensitive {
		out[n] = true
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "properties" && v.Kind == yaml.MappingNode {
					for j := 0; j+1 < len(v.Content); j += 2 {
						prop := v.Content[j+1]
						for m := 0; prop.Kind == yaml.MappingNode && m+1 < len(prop.Content); m += 2 {
							pk, pv := prop.Content[m].Value, prop.Content[m+1].Value
							if (pk == "x-opgen-sensitive" || pk == "writeOnly") && pv == "true" || pk == "format" && pv == "password" {
								out[v.Content[j].Value] = true
							}
						}
					}
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&root)
	return out
}

// reachableTypes returns every named type of the SDK's package reachable from the methods of the client's
// services (their arguments and results, through fields, elements and type arguments) and from extra roots.
func reachableTypes(client any, extra ...any) []reflect.Type {
	pkg := reflect.TypeOf(client).Elem().PkgPath()
	seen := map[reflect.Type]bool{}
	var out []reflect.Type
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			visit(t.Elem())
			return
		case reflect.Struct:
			for i := range t.NumField() {
				visit(t.Field(i).Type)
			}
		}
		if t.PkgPath() == pkg && t.Name() != "" {
			out = append(out, t)
		}
	}
	var services func(t reflect.Type)
	services = func(t reflect.Type) {
		for i := range t.NumMethod() {
			m := t.Method(i).Type
			for j := 1; j < m.NumIn(); j++ {
				visit(m.In(j))
			}
			for j := range m.NumOut() {
				visit(m.Out(j))
			}
		}
		for i := range t.Elem().NumField() {
			f := t.Elem().Field(i)
			if f.IsExported() && f.Type.Kind() == reflect.Pointer && strings.HasSuffix(f.Type.Elem().Name(), "Service") {
				services(f.Type)
			}
		}
	}
	services(reflect.TypeOf(client))
	for _, e := range extra {
		visit(reflect.TypeOf(e))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// fill returns a value of t with every field set: sensitive strings (by JSON name) to the canary, other strings to
// "plain", one element in slices and maps, every union variant, Nullable holding a value. depth stops recursion.
func fill(t reflect.Type, sensitive map[string]bool, name string, depth int) reflect.Value {
	v := reflect.New(t).Elem()
	if depth > 6 {
		return v
	}
	switch t.Kind() {
	case reflect.String:
		if sensitive[name] {
			v.SetString(canary)
		} else {
			v.SetString("plain")
		}
	case reflect.Pointer:
		v.Set(reflect.New(t.Elem()))
		v.Elem().Set(fill(t.Elem(), sensitive, name, depth+1))
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 { // []byte, json.RawMessage: opaque
			return v
		}
		s := reflect.MakeSlice(t, 1, 1)
		s.Index(0).Set(fill(t.Elem(), sensitive, name, depth+1))
		v.Set(s)
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return v
		}
		m := reflect.MakeMap(t)
		m.SetMapIndex(reflect.ValueOf("k").Convert(t.Key()), fill(t.Elem(), sensitive, name, depth+1))
		v.Set(m)
	case reflect.Struct:
		if strings.HasPrefix(t.Name(), "Nullable[") {
			// Nullable's fields are unexported: set them as NewNullable would.
			val, state := v.FieldByName("value"), v.FieldByName("state")
			reflect.NewAt(val.Type(), unsafe.Pointer(val.UnsafeAddr())).Elem().Set(fill(val.Type(), sensitive, name, depth+1))
			reflect.NewAt(state.Type(), unsafe.Pointer(state.UnsafeAddr())).Elem().SetUint(2)
			return v
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			fname := strings.Split(f.Tag.Get("json"), ",")[0]
			if fname == "" || fname == "-" {
				fname = name // union variants and embedded values keep the field's name
			}
			v.Field(i).Set(fill(f.Type, sensitive, fname, depth+1))
		}
	}
	return v
}

// leaks returns the forms in which out shows the canary or its card number.
func leaks(out string) bool {
	for _, s := range []string{canary, "4111111111111111", hex.EncodeToString([]byte(canary)), strings.ToUpper(hex.EncodeToString([]byte(canary))), "4111 1111"} {
		if strings.Contains(out, s) {
			return true
		}
	}
	return false
}

// TestNoSecretInLogs: every request and response type of the five SDKs, filled with a card number in every field
// the spec marks sensitive (and the built-in names), logged through slog's JSON and text handlers, fmt with every
// verb and the log package, by value and by pointer, never shows it.
func TestNoSecretInLogs(t *testing.T) {
	type sdk struct {
		spec   string
		client any
		extra  []any
	}
	mx, _ := openpaymx.NewClient(openpaymx.WithMerchantID("m"), openpaymx.WithPrivateKey("k"))
	pe, _ := openpaype.NewClient(openpaype.WithMerchantID("m"), openpaype.WithPrivateKey("k"))
	co, _ := openpayco.NewClient(openpayco.WithMerchantID("m"), openpayco.WithPrivateKey("k"))
	cq, _ := culqi.NewClient(culqi.WithSecretKey("k"))
	sk, _ := sky.NewClient(sky.WithMerchantID("m"), sky.WithPrivateKey("k"))
	sdks := []sdk{
		{"openpay-mx.yaml", mx, []any{openpaymx.WebhookEvent{}}},
		{"openpay-pe.yaml", pe, []any{openpaype.WebhookEvent{}}},
		{"openpay-co.yaml", co, []any{openpayco.WebhookEvent{}}},
		{"culqi.yaml", cq, nil},
		{"sky.yaml", sk, []any{sky.WebhookEvent{}}},
	}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v"}
	checked := 0
	for _, s := range sdks {
		sensitive := sensitiveNames(t, s.spec)
		withSecret := 0
		for _, typ := range reachableTypes(s.client, s.extra...) {
			val := fill(typ, sensitive, "", 0)
			ptr := reflect.New(typ)
			ptr.Elem().Set(val)
			raw := fmt.Sprintf("%#v", val.Interface())
			// Only types that can hold a secret are of interest; encoding/json shows whether this one does.
			if j, _ := jsonText(val.Interface()); !leaks(j) && !strings.Contains(raw, canary) {
				continue
			}
			withSecret++
			for _, x := range []any{val.Interface(), ptr.Interface()} {
				var outs []string
				for _, h := range []func(*bytes.Buffer) slog.Handler{
					func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
					func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
				} {
					var b bytes.Buffer
					l := slog.New(h(&b))
					l.Info("req", "v", x)
					l.Info("req", slog.Any("v", x), slog.Group("g", "v", x))
					outs = append(outs, b.String())
				}
				for _, verb := range verbs {
					outs = append(outs, fmt.Sprintf(verb, x))
				}
				var b bytes.Buffer
				lg := log.New(&b, "", 0)
				lg.Print(x)
				lg.Printf("%+v", x)
				lg.Println(x)
				outs = append(outs, b.String(), fmt.Sprint(x), fmt.Sprintln(x))
				for _, out := range outs {
					if leaks(out) {
						t.Errorf("%s: %s shows a secret: %.300s", s.spec, reflect.TypeOf(x), out)
						break
					}
				}
			}
		}
		if withSecret == 0 {
			t.Errorf("%s: no request or response type can hold a secret: the walk found nothing to check", s.spec)
		}
		checked += withSecret
	}
	t.Logf("%d types that can hold a card number, CVV, key or password checked", checked)
}

func jsonText(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	err := enc.Encode(v)
	return b.String(), err
}
