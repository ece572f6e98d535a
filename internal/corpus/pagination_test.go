package corpus

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// pagedAtLeast is, per corpus spec, how many list operations opgen must recognise as paginated without any
// extension (each style it must find at least once there): the shapes that spec's API documents.
var pagedAtLeast = map[string]map[string]int{
	"stripe":     {"cursor": 90}, // starting_after + has_more: the next page starts after the last item's id
	"openai":     {"cursor": 30}, // after + has_more
	"spotify":    {"offset": 10}, // offset + limit
	"github":     {"link": 100},  // Link: <...>; rel="next", declared on the list responses
	"twilio-api": {"page": 50},   // Page + PageSize
	"kubernetes": {"cursor": 50}, // continue + metadata.continue
	"chargebee":  {"cursor": 15}, // offset (a string token) + next_offset
	"bitbucket":  {"url": 18},    // the next page's full URL in the body's `next` (format uri)
}

// checkPagination counts, per corpus spec, the list operations whose auto-paging method opgen inferred, by
// style, logs the table (docs/COMPATIBILITY.md lists it) and checks the APIs with a known shape.
func checkPagination(t *testing.T, outs []*outcome) {
	t.Helper()
	var table strings.Builder
	fmt.Fprintf(&table, "%-22s %6s %6s  %s\n", "spec", "ops", "paged", "styles")
	total := 0
	for _, o := range outs {
		if o.res == nil {
			continue
		}
		styles := map[string]int{}
		n := 0
		for _, e := range o.res.Report.Entries {
			if e.Kind != "pagination" || e.Status != "exact" {
				continue
			}
			style := "explicit"
			if strings.HasPrefix(e.Reason, "inferred ") {
				style = strings.Fields(e.Reason)[1]
			}
			styles[style]++
			n++
		}
		total += n
		var parts []string
		for _, k := range sortedStyleKeys(styles) {
			parts = append(parts, fmt.Sprintf("%s %d", k, styles[k]))
		}
		fmt.Fprintf(&table, "%-22s %6d %6d  %s\n", o.spec.Name, o.res.Report.Operations, n, strings.Join(parts, ", "))
		for style, min := range pagedAtLeast[o.spec.Name] {
			if styles[style] < min {
				t.Errorf("%s: %d operations recognised as %s-paginated, want at least %d", o.spec.Name, styles[style], style, min)
			}
		}
	}
	if total == 0 {
		t.Error("no paginated operation recognised in the whole corpus")
	}
	t.Logf("paginated operations recognised without extensions: %d\n%s", total, table.String())
}

func sortedStyleKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
