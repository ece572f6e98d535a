package sdktest

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sync"
	"testing"

	"github.com/opgen-sdk/opgen/generated/culqi"
	"github.com/opgen-sdk/opgen/generated/openpaymx"
)

// TestNoRequiredPageSize checks every generated params struct of the five SDKs: a page-size field (Limit,
// PerPage, PageSize) that is a plain integer is sent as 0 when the caller leaves it unset, which the APIs refuse
// (Culqi's 1-100) or read as "nothing". Each must be an Opt, unset and unsent unless given.
func TestNoRequiredPageSize(t *testing.T) {
	sizes := map[string]bool{"Limit": true, "PerPage": true, "PageSize": true}
	for _, c := range sdks {
		files, err := filepath.Glob(filepath.Join(c.dir(), "*_gen.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no generated files", c.name)
		}
		fset := token.NewFileSet()
		for _, f := range files {
			file, err := parser.ParseFile(fset, f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				ts, ok := n.(*ast.TypeSpec)
				if !ok {
					return true
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					return false
				}
				for _, fl := range st.Fields.List {
					id, plain := fl.Type.(*ast.Ident)
					for _, name := range fl.Names {
						if sizes[name.Name] && plain && id.Name != "bool" && id.Name != "string" {
							t.Errorf("%s: %s.%s is a plain %s: an unset page size would be sent as 0", c.name, ts.Name.Name, name.Name, id.Name)
						}
					}
				}
				return false
			})
		}
	}
}

// queryRecorder answers every request with body and records each request's query.
type queryRecorder struct {
	mu      sync.Mutex
	queries []url.Values
}

func (r *queryRecorder) server(t *testing.T, body func(n int) any) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.queries = append(r.queries, req.URL.Query())
		n := len(r.queries)
		r.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body(n))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestCulqiListLimitDefault: Culqi documents a default of 50 when `limit` is omitted, and refuses 0. A list
// called without params, or with params that leave Limit unset, sends no `limit` at all; a caller's limit and
// cursor are sent as given, and ListAll starts from the caller's cursor.
func TestCulqiListLimitDefault(t *testing.T) {
	ctx := context.Background()
	var rec queryRecorder
	srv := rec.server(t, func(n int) any {
		if n == 3 { // ListAll's first page: one charge and a next cursor; the second page is empty
			return map[string]any{"data": []any{map[string]any{"id": "chr_test_000000000000000001"}},
				"paging": map[string]any{"cursors": map[string]any{"after": "chr_test_000000000000000001"}}}
		}
		return map[string]any{"data": []any{}, "paging": map[string]any{}}
	})
	client, err := culqi.NewClient(culqi.WithBaseURL(srv.URL), culqi.WithSecretKey("sk_test_key"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Charges.List(ctx, nil); err != nil {
		t.Fatalf("List(nil): %v", err)
	}
	if _, err := client.Charges.List(ctx, &culqi.ChargesListParams{Limit: culqi.Some(int32(20))}); err != nil {
		t.Fatalf("List(limit 20): %v", err)
	}
	start := "chr_test_0000000000000000aa"
	n := 0
	for _, err := range client.Charges.ListAll(ctx, &culqi.ChargesListParams{After: culqi.Some(start)}) {
		if err != nil {
			t.Fatalf("ListAll: %v", err)
		}
		n++
	}
	if n != 1 {
		t.Errorf("ListAll yielded %d charges, want 1", n)
	}
	if len(rec.queries) != 4 {
		t.Fatalf("%d requests, want 4: %v", len(rec.queries), rec.queries)
	}
	if q := rec.queries[0]; q.Has("limit") {
		t.Errorf("List(nil) sent limit=%q; an unset limit must not be sent (Culqi's default is 50)", q.Get("limit"))
	}
	if got := rec.queries[1].Get("limit"); got != "20" {
		t.Errorf("List(limit 20) sent limit=%q", got)
	}
	if q := rec.queries[2]; q.Get("after") != start || q.Has("limit") {
		t.Errorf("ListAll's first page sent %v, want after=%s and no limit", q, start)
	}
	if got := rec.queries[3].Get("after"); got != "chr_test_000000000000000001" {
		t.Errorf("ListAll's second page sent after=%q, want the first page's cursor", got)
	}
}

// TestOpenpayListAllHonoursOffset: a caller-given offset is where ListAll starts, and its limit is kept on every
// page; without them, nothing is sent for either on the first page but the offset.
func TestOpenpayListAllHonoursOffset(t *testing.T) {
	ctx := context.Background()
	var rec queryRecorder
	srv := rec.server(t, func(n int) any {
		if n == 1 {
			return []any{map[string]any{"id": "tr1"}, map[string]any{"id": "tr2"}}
		}
		return []any{}
	})
	client, err := openpaymx.NewClient(openpaymx.WithBaseURL(srv.URL), openpaymx.WithMerchantID("m1"),
		openpaymx.WithPrivateKey("sk_test_key"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, err := range client.Charges.ListAll(ctx, &openpaymx.ChargesListParams{Offset: openpaymx.Some(int32(40)), Limit: openpaymx.Some(int32(2))}) {
		if err != nil {
			t.Fatalf("ListAll: %v", err)
		}
		n++
	}
	if n != 2 || len(rec.queries) != 2 {
		t.Fatalf("ListAll yielded %d charges in %d requests, want 2 in 2", n, len(rec.queries))
	}
	if q := rec.queries[0]; q.Get("offset") != "40" || q.Get("limit") != "2" {
		t.Errorf("first page sent %v, want offset=40 limit=2", q)
	}
	if q := rec.queries[1]; q.Get("offset") != "42" || q.Get("limit") != "2" {
		t.Errorf("second page sent %v, want offset=42 limit=2", q)
	}
}
