package build_test

import (
	"context"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/internal/build"
	"github.com/opgen-sdk/opgen/internal/spec"
)

// The config's pagination key overrides inference per operationId: false switches it off, an object gives the
// shape, and either beats x-opgen-pagination.
func TestPaginationConfigOverride(t *testing.T) {
	doc, err := spec.Load(context.Background(), "../../golden/testdata/pagination-inferred/spec.yaml", spec.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := build.Build(build.Input{Doc: doc.T, SpecPath: "spec.yaml", Package: "api", Pagination: map[string]any{
		"listCharges":  false,
		"Refunds.List": "off",
		"listTags":     map[string]any{"style": "offset", "offset": "offset", "limit": "limit", "method": "Every"},
		// The inferred next-page URL replaced by the page numbers the operation also takes.
		"listInvoices": map[string]any{"style": "page", "page": "page", "limit": "per_page", "items": "data"},
		// An explicit url style, naming the field.
		"listNotes": map[string]any{"style": "url", "next": "next", "items": "data"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, op := range pkg.Client.Operations {
		if op.Pagination != nil {
			got[op.ID] = op.Pagination.Style + " " + op.Pagination.Method
		}
	}
	want := map[string]string{
		"Tags.List": "offset Every", "Customers.List": "cursor ListAll", "Events.List": "token ListAll",
		"Orders.List": "cursor ListAll", "Repos.List": "link ListAll", "Invoices.List": "page ListAll",
		"Notes.List": "url ListAll", "Workspaces.ListWorkspaceRepos": "url ListWorkspaceReposAll",
	}
	if len(got) != len(want) {
		t.Errorf("paginated operations %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	var notes []string
	for _, n := range pkg.Notes {
		if n.Kind == "pagination" {
			notes = append(notes, n.Name+" "+n.Status+" "+n.Pointer)
		}
	}
	for _, w := range []string{"Charges.List excluded config pagination.listCharges", "Refunds.List excluded config pagination.Refunds.List",
		"Tags.List exact config pagination.listTags"} {
		if !strings.Contains(strings.Join(notes, "\n"), w) {
			t.Errorf("report lacks %q:\n%s", w, strings.Join(notes, "\n"))
		}
	}
}
