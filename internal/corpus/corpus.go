// Package corpus runs opgen over the shared corpus of real-world OpenAPI descriptions (../shared/corpus): every
// spec is generated into one scratch module that is then built and vetted. The package holds only the helpers
// its test needs; the test is the product.
package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/opgen-sdk/opgen/internal/shared"
)

// Spec is one corpus entry: a folder holding the spec (and, for multi-file specs, a .root file naming the root).
type Spec struct {
	Name string // folder name: "stripe"
	Root string // path of the root file, relative to the folder
	File string // absolute path of the root file
}

// Dir returns the corpus folder: $OPGEN_CORPUS when set, else corpus/ in the shared folder (../shared beside the
// checkout, or $OPGEN_SHARED: see internal/shared). ok is false when there is none.
func Dir() (dir string, ok bool) {
	if d := os.Getenv("OPGEN_CORPUS"); d != "" {
		st, err := os.Stat(d)
		return d, err == nil && st.IsDir()
	}
	return shared.Path("corpus")
}

// List returns the specs of the corpus at dir, sorted by name. A folder holds one file (the spec) or a .root file
// naming the root file of a multi-file spec.
func List(dir string) ([]Spec, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Spec
	for _, e := range ents {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		folder := filepath.Join(dir, e.Name())
		root := ""
		if b, err := os.ReadFile(filepath.Join(folder, ".root")); err == nil {
			root = strings.TrimSpace(string(b))
		} else {
			files, err := os.ReadDir(folder)
			if err != nil {
				return nil, err
			}
			var regular []string
			for _, f := range files {
				if f.Type().IsRegular() && !strings.HasPrefix(f.Name(), ".") {
					regular = append(regular, f.Name())
				}
			}
			if len(regular) != 1 {
				return nil, fmt.Errorf("corpus %s: expected one spec file or a .root file, found %d files", e.Name(), len(regular))
			}
			root = regular[0]
		}
		abs, err := filepath.Abs(filepath.Join(folder, filepath.FromSlash(root)))
		if err != nil {
			return nil, err
		}
		out = append(out, Spec{Name: e.Name(), Root: root, File: abs})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// PackageName turns a corpus folder name into a Go package name: "twilio-api" -> "twilioapi".
func PackageName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	s := b.String()
	if s == "" || unicode.IsDigit(rune(s[0])) {
		s = "api" + s
	}
	return s
}

// Inventory is what a spec declares, counted from its source text independently of kin-openapi: the JSON pointer
// (in OpenAPI 3 form) of every operation, component schema, webhook operation and callback operation.
type Inventory struct {
	Version    string
	Operations []string // "#/paths/~1pets/get"
	Schemas    []string // "#/components/schemas/Pet" (2.0: the definitions, under their converted pointer)
	Webhooks   []string // "#/webhooks/newPet/post"
	Callbacks  []string // "#/paths/~1x/post/callbacks/onEvent/{$request.body#~1url}/post"
}

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace", "query"}

// Count reads the root file of a spec and lists what it declares. Path items that are local $refs are followed;
// a path item in another file is an error (the count would be a guess).
func Count(file string) (*Inventory, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var doc any
	if t := bytes.TrimLeft(data, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
		err = json.Unmarshal(data, &doc)
	} else {
		err = yaml.Unmarshal(data, &doc)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	top := asMap(doc)
	if top == nil {
		return nil, fmt.Errorf("%s: not an object", file)
	}
	inv := &Inventory{}
	if v, ok := top["openapi"]; ok {
		inv.Version = fmt.Sprint(v)
	} else if v, ok := top["swagger"]; ok {
		inv.Version = fmt.Sprint(v)
	}
	resolve := func(item map[string]any) (map[string]any, error) {
		for depth := 0; depth < 32; depth++ {
			ref, ok := item["$ref"].(string)
			if !ok {
				return item, nil
			}
			if !strings.HasPrefix(ref, "#/") {
				return nil, fmt.Errorf("path item $ref %q is in another file", ref)
			}
			var cur any = doc
			for _, tok := range strings.Split(ref[2:], "/") {
				tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
				cur = asMap(cur)[tok]
			}
			if item = asMap(cur); item == nil {
				return nil, fmt.Errorf("path item $ref %q does not resolve", ref)
			}
		}
		return nil, fmt.Errorf("path item $ref chain too long")
	}
	opsOf := func(base string, item map[string]any) ([]string, map[string]any, error) {
		item, err := resolve(item)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", base, err)
		}
		var out []string
		for _, m := range methods {
			if _, ok := item[m]; ok {
				out = append(out, base+"/"+m)
			}
		}
		return out, item, nil
	}
	paths := asMap(top["paths"])
	for _, p := range sortedKeys(paths) {
		base := "#/paths/" + escape(p)
		ops, item, err := opsOf(base, asMap(paths[p]))
		if err != nil {
			return nil, err
		}
		inv.Operations = append(inv.Operations, ops...)
		for _, m := range methods {
			op := asMap(item[m])
			cbs := asMap(op["callbacks"])
			for _, name := range sortedKeys(cbs) {
				cb := asMap(cbs[name])
				if ref, ok := cb["$ref"].(string); ok {
					return nil, fmt.Errorf("%s/%s/callbacks/%s: callback $ref %q: not counted", base, m, name, ref)
				}
				for _, expr := range sortedKeys(cb) {
					cops, _, err := opsOf(base+"/"+m+"/callbacks/"+escape(name)+"/"+escape(expr), asMap(cb[expr]))
					if err != nil {
						return nil, err
					}
					inv.Callbacks = append(inv.Callbacks, cops...)
				}
			}
		}
	}
	hooks := asMap(top["webhooks"])
	for _, name := range sortedKeys(hooks) {
		ops, _, err := opsOf("#/webhooks/"+escape(name), asMap(hooks[name]))
		if err != nil {
			return nil, err
		}
		inv.Webhooks = append(inv.Webhooks, ops...)
	}
	schemas := asMap(asMap(top["components"])["schemas"])
	if inv.Version == "2.0" {
		schemas = asMap(top["definitions"])
	}
	for _, name := range sortedKeys(schemas) {
		inv.Schemas = append(inv.Schemas, "#/components/schemas/"+escape(name))
	}
	return inv, nil
}

func asMap(v any) map[string]any {
	switch m := v.(type) {
	case map[string]any:
		return m
	case map[any]any:
		out := make(map[string]any, len(m))
		for k, v := range m {
			out[fmt.Sprint(k)] = v
		}
		return out
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func escape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}
