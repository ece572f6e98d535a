package specs_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

var update = flag.Bool("update", false, "rewrite ../docs/DOC-NOTES.md from the specs' doc notes")

// docNotesFile lists every mistake or contradiction found in the providers' documents and how each spec resolved
// it, gathered from the specs themselves so the list can never disagree with them.
const docNotesFile = "../docs/DOC-NOTES.md"

// TestDocNotesListed fails when docs/DOC-NOTES.md is not what the specs' x-opgen-doc-note values and NOTES
// sections give; `go test ./specs -run TestDocNotesListed -update` rewrites it.
func TestDocNotesListed(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("# What the providers' documents get wrong, and what the specs do about it\n\n")
	b.WriteString("Every mistake or contradiction found in `../shared/seeds` and `../shared/reference` (a wrong verb or path, invalid\n")
	b.WriteString("JSON in a sample, Spanish and English versions that differ, a field typed two ways) and every spec-wide decision,\n")
	b.WriteString("as recorded in the specs: the `NOTES` of each spec's `info.description`, then each `x-opgen-doc-note` with its\n")
	b.WriteString("place in the spec. Generated from the specs by `go test ./specs -run TestDocNotesListed -update`; do not edit.\n")
	total := 0
	for _, tg := range readTargets(t) {
		root, err := parseYAML(tg.Spec)
		if err != nil {
			t.Fatal(err)
		}
		notes := specNotes(get(get(root, "info"), "description"))
		var docNotes []string
		walkYAML(root, "#", func(ptr string, key, val *yaml.Node) {
			if key.Value == "x-opgen-doc-note" && val.Kind == yaml.ScalarNode {
				where := strings.TrimSuffix(ptr, "/x-opgen-doc-note")
				docNotes = append(docNotes, fmt.Sprintf("- `%s:%d` `%s`: %s", tg.Spec, key.Line, where, oneLine(val.Value)))
			}
		})
		total += len(notes) + len(docNotes)
		fmt.Fprintf(&b, "\n## %s (package %s): %d notes, %d doc notes\n\n", tg.Spec, tg.Package, len(notes), len(docNotes))
		for _, n := range notes {
			fmt.Fprintf(&b, "- NOTES: %s\n", n)
		}
		if len(notes) > 0 && len(docNotes) > 0 {
			b.WriteString("\n")
		}
		for _, n := range docNotes {
			b.WriteString(n + "\n")
		}
	}
	if total == 0 {
		t.Fatal("no doc note in any spec: the specs are written from documents with known mistakes")
	}
	if *update {
		if err := os.WriteFile(docNotesFile, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile(docNotesFile)
	if err != nil {
		t.Fatalf("%v: run `go test ./specs -run TestDocNotesListed -update`", err)
	}
	if !bytes.Equal(have, b.Bytes()) {
		t.Errorf("%s is stale: a spec's doc notes changed; run `go test ./specs -run TestDocNotesListed -update`", docNotesFile)
	}
}

// specNotes returns the items of the NOTES section of a spec description: the "- " lines after a line starting
// with NOTES, up to the next blank line.
func specNotes(desc *yaml.Node) []string {
	if desc == nil {
		return nil
	}
	var out []string
	in := false
	for _, l := range strings.Split(desc.Value, "\n") {
		switch {
		case strings.HasPrefix(l, "NOTES"):
			in = true
		case in && strings.TrimSpace(l) == "":
			in = false
		case in && strings.HasPrefix(l, "- "):
			out = append(out, oneLine(strings.TrimPrefix(l, "- ")))
		case in && len(out) > 0:
			out[len(out)-1] += " " + oneLine(l) // a note that wraps
		}
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
