package opgen

import (
	"context"
	"strings"
	"testing"
)

// The report never calls a construct exact when it was changed: allOf members that contradict each other, a
// property typed two ways, enum values of the wrong JSON type, an alias that leads back to itself; and whatever
// contains such a change (the struct, the inline type) says so too. A nullable $ref written as allOf is exact.
func TestReportNeverExactForAChange(t *testing.T) {
	res, err := Generate(context.Background(), Target{Spec: "spec.yaml", SpecFile: "../../golden/testdata/allof-types/spec.yaml", Package: "allof"})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string][]string{}
	for _, e := range res.Report.Entries {
		status[e.Name] = append(status[e.Name], e.Status+": "+e.Reason)
	}
	want := map[string]string{
		"BadEnum":         `downgraded: enum values of another JSON type than the schema's type integer: "1" (string), "2" (string)`,
		"BadEnum2":        "downgraded: enum values of another JSON type than the schema's type string: 1 (integer)",
		"Conflict":        "downgraded: allOf members of different JSON types cannot all hold: object",
		"Loop1":           "downgraded: the schema is only a reference back to itself",
		"Loop2":           "downgraded: the schema is only a reference back to itself",
		"ThingBad":        "downgraded: allOf members of different JSON types",
		"ThingMerged.a":   "downgraded: property typed two ways by allOf members (number at",
		"ThingMerged":     "downgraded: see #/components/schemas/Thing/properties/merged/allOf/1/properties/a",
		"Thing":           "downgraded: see #/components/schemas/Thing/properties/",
		"NullableCode":    "exact: ",
		"NullableAddress": "exact: ",
		"Holder":          "exact: ",
	}
	for name, prefix := range want {
		got := status[name]
		if len(got) != 1 || !strings.HasPrefix(got[0], prefix) {
			t.Errorf("%s: report entries %q, want one starting %q", name, got, prefix)
		}
	}
}
