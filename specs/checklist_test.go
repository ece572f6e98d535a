package specs_test

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// readmeFile holds the production checklist, one subsection per provider SDK.
const readmeFile = "../README.md"

// checklistHeading opens the README section that TestProductionChecklist keeps in step with the specs.
const checklistHeading = "### Production checklist per provider"

// TestProductionChecklist fails when a provider SDK listed in opgen.yaml has no subsection in the README's
// production checklist, or when a server URL its spec declares (top level, per path or per operation) is absent
// from that subsection: a host added to a spec must reach the checklist readers go live with.
func TestProductionChecklist(t *testing.T) {
	data, err := os.ReadFile(readmeFile)
	if err != nil {
		t.Fatalf("read %s: %v", readmeFile, err)
	}
	sections, err := checklistSections(string(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range readTargets(t) {
		body, ok := sections[tg.Package]
		if !ok {
			t.Errorf("%s: README.md %q has no subsection for package %s (a heading \"#### <provider> (`%s`)\")",
				tg.Spec, checklistHeading, tg.Package, tg.Package)
			continue
		}
		root, err := parseYAML(tg.Spec)
		if err != nil {
			t.Fatal(err)
		}
		urls := serverURLs(root)
		if len(urls) == 0 {
			t.Errorf("%s: declares no server URL", tg.Spec)
		}
		for _, u := range urls {
			if !strings.Contains(body, "`"+u+"`") {
				t.Errorf("%s: server %s is missing from the README's production checklist for %s", tg.Spec, u, tg.Package)
			}
		}
	}
}

var checklistPackage = regexp.MustCompile("^#### .*\\(`([a-z0-9]+)`\\)\\s*$")

// checklistSections splits the checklist section of the README into its provider subsections, keyed by package.
func checklistSections(readme string) (map[string]string, error) {
	start := strings.Index(readme, "\n"+checklistHeading+"\n")
	if start < 0 {
		return nil, fmt.Errorf("README.md has no %q section: add it beside the provider quick starts", checklistHeading)
	}
	rest := readme[start+1+len(checklistHeading):]
	if end := regexp.MustCompile(`\n#{1,3} `).FindStringIndex(rest); end != nil {
		rest = rest[:end[0]]
	}
	sections := map[string]string{}
	pkg := ""
	for _, line := range strings.Split(rest, "\n") {
		if m := checklistPackage.FindStringSubmatch(line); m != nil {
			pkg = m[1]
			continue
		}
		if pkg != "" {
			sections[pkg] += line + "\n"
		}
	}
	return sections, nil
}

// serverURLs returns every url of every servers list in the spec, sorted and without duplicates.
func serverURLs(root *yaml.Node) []string {
	seen := map[string]bool{}
	walkYAML(root, "#", func(_ string, key, val *yaml.Node) {
		if key.Value != "servers" || val.Kind != yaml.SequenceNode {
			return
		}
		for _, s := range val.Content {
			if u := get(s, "url"); u != nil && u.Kind == yaml.ScalarNode && u.Value != "" {
				seen[u.Value] = true
			}
		}
	})
	var out []string
	for u := range seen {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}
