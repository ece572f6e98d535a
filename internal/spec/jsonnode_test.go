package spec

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/opgen-sdk/opgen/internal/shared"
)

// jsonNodeCases are JSON documents whose every quirk jsonNode must either read as yaml.v3 does or leave to it.
var jsonNodeCases = []string{
	`{}`, `[]`, `"x"`, `1`, `-0`, `null`, `true`, `false`, ` {"a":1} `, "\n\n  \n   {\"a\": 1}\n\n",
	`{"a":1,"b":[1,-2.5e3,true,false,null,"x\u00e9\"\\\b\f\n\r\t"],"c":{},"d":[],"ü":"é"}`,
	`[0, -0, 0.0, 1E5, 1e+5, 1e-5, 1e400, 1e-400, -1e400, 9223372036854775807, 9223372036854775808,
	  18446744073709551615, 18446744073709551616, 123456789012345678901234567890, 0.1e1, -12.50]`,
	"{\t\"a\"\t:\t1\t}", "{}\t", "\t{}", "{\"a\":\"é\", \"b\":\r\n1, \"c\":\r2, \"d\":\n3}",
	"{\n\"a\"\n: 1}", "{\"a\" :\n 1}", `{"a":1,}`, `[1,]`, `{"a"}`, `{1:2}`, `[01]`, `[1.]`, `[.5]`, `[+1]`, `[1e]`,
	`["\/"]`, `{"a\/b": "c\/\/d", "e": "\\/", "f": "\\\/"}`, `["\/", "\u0085"]`, `["\/\ud800"]`, `["\x"]`, `["\u00"]`, `["\u00zz"]`, `["\ud83d\ude00"]`, `["\ud800"]`, `["\uDFFF x"]`, `["\u0000\u007f\u0085\u2028\ufffe"]`,
	"[\"\x7f\"]", "[\"\u0080\"]", "[\"\u0085\"]", "[\"\u009f\"]", "[\"\u00a0\"]", "[\"\u2028\"]", "[\"\u2029\"]",
	"[\"\ufeff\"]", "\ufeff{}", "[\"\ufffe\"]", "[\"\uffff\"]", "[\"\U0001F600\"]", "[\"\xff\"]", "[\"\xc3\"]",
	"[\"a\tb\"]", "[\"a\nb\"]", `{"a":1}{"b":2}`, `{"a":1} x`, `{"a":1} # c`, `[1 2]`, `[nul]`, `[True]`, `{"a":tru}`,
	`{"a":{"b":{"c":[[[[{"d":"e"}]]]]}}}`,
	`{"` + strings.Repeat("k", 990) + `": 1}`, `{"` + strings.Repeat("k", 1020) + `": 1}`,
	`{"` + strings.Repeat("k", 1030) + `": 1}`, `{"` + strings.Repeat("é", 1030) + `": 1}`,
	`{"a": "` + strings.Repeat("v", 3000) + `", "b": [1, "` + strings.Repeat("é", 1500) + `", 2]}`,
	strings.Repeat("[", 2000) + strings.Repeat("]", 2000),
	`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}}}}`,
}

// checkJSONNode holds jsonNode to yaml.v3 on data: the same tree when it builds one, a yaml.v3 failure when it
// says yaml.v3 refuses the bytes.
func checkJSONNode(t *testing.T, name string, data []byte) jsonStatus {
	t.Helper()
	n, status := jsonNode(data)
	var want yaml.Node
	// yaml.v3 refuses JSON's "\/", which jsonNode reads as "/": the oracle reads "\N" (U+0085, two characters
	// too) in its place, and its values get "/" back. An input that escapes U+0085 itself is not compared.
	oracle, slashes := yamlSlashes(data)
	if slashes && bytes.Contains(bytes.ToLower(data), []byte(`\u0085`)) {
		return status
	}
	err := yaml.Unmarshal(oracle, &want)
	if slashes && err == nil {
		restoreSlashes(&want)
	}
	switch status {
	case jsonBuilt:
		if err != nil {
			t.Errorf("%s: jsonNode built a tree, yaml.v3 fails: %v", name, err)
			return status
		}
		if diff := nodeDiff(n, &want, "#"); diff != "" {
			t.Errorf("%s: jsonNode and yaml.v3 differ: %s", name, diff)
		}
	case jsonYAMLRejects:
		if err == nil {
			t.Errorf("%s: jsonNode says yaml.v3 refuses the bytes; it reads them", name)
		}
	}
	return status
}

// yamlSlashes returns data with every "\/" escape of its strings written "\N", and whether there was one.
func yamlSlashes(data []byte) ([]byte, bool) {
	out := bytes.Clone(data)
	found, inString := false, false
	for i := 0; i < len(out); i++ {
		switch c := out[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString && i+1 < len(out):
			if out[i+1] == '/' {
				out[i+1], found = 'N', true
			}
			i++
		}
	}
	return out, found
}

func restoreSlashes(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		n.Value = strings.ReplaceAll(n.Value, "\u0085", "/")
	}
	for _, c := range n.Content {
		restoreSlashes(c)
	}
}

// nodeDiff describes the first difference between two trees ("" when none).
func nodeDiff(got, want *yaml.Node, at string) string {
	g, w := *got, *want
	g.Content, w.Content = nil, nil
	if !reflect.DeepEqual(g, w) {
		return fmt.Sprintf("at %s: got %+v, want %+v", at, g, w)
	}
	if len(got.Content) != len(want.Content) {
		return fmt.Sprintf("at %s: %d children, want %d", at, len(got.Content), len(want.Content))
	}
	for i := range got.Content {
		if d := nodeDiff(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

func TestJSONNodeCases(t *testing.T) {
	seen := map[jsonStatus]int{}
	for i, c := range jsonNodeCases {
		seen[checkJSONNode(t, fmt.Sprintf("case %d (%.40q)", i, c), []byte(c))]++
		seen[checkJSONNode(t, fmt.Sprintf("case %d made yaml-safe (%.40q)", i, c), yamlSafeJSON([]byte(c)))]++
	}
	// The cases exercise every outcome.
	for _, s := range []jsonStatus{jsonBuilt, jsonYAMLRejects, jsonUnsure} {
		if seen[s] == 0 {
			t.Errorf("no case ends in status %d", s)
		}
	}
}

// TestJSONNodeCorpus holds jsonNode to yaml.v3 on every JSON spec of the corpus and requires it to build the
// tree of each (its reason to exist is their speed).
func TestJSONNodeCorpus(t *testing.T) {
	dir := shared.Need(t, "corpus")
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".unprocessed")) {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	built := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		status := checkJSONNode(t, f, data)
		if status == jsonYAMLRejects {
			status = checkJSONNode(t, f+" made yaml-safe", yamlSafeJSON(data))
		}
		if status == jsonBuilt {
			built++
		} else {
			t.Errorf("%s: jsonNode left it to yaml.v3 (status %d)", f, status)
		}
	}
	if built < 3 {
		t.Errorf("only %d JSON specs in the corpus", built)
	}
}

// FuzzJSONNode: on any input jsonNode builds yaml.v3's tree, or says yaml.v3 refuses it, or leaves it to yaml.v3.
//
//	go test ./internal/spec -run '^$' -fuzz FuzzJSONNode -fuzztime 2m
func FuzzJSONNode(f *testing.F) {
	for _, c := range jsonNodeCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkJSONNode(t, "input", data)
	})
}
