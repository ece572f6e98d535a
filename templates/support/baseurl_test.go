package support

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// A client pointed at a mock or proxy with WithBaseURL must send every request there, including operations that
// have their own server in the spec (Culqi's token host): card data must never go to the real host.
func TestBaseURLOverridesOperationServers(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	def := &apiDefinition{
		Name:         "fakepay",
		Environments: []environmentDef{{Name: "production", URL: "https://api.example.invalid"}},
	}
	op := &operationDef{
		API: def, ID: "Tokens.Create", Method: "POST", PathTemplate: "/v2/tokens",
		Servers: map[string]string{"production": "https://secure.example.invalid"},
	}
	c, err := newClientCore(def, []Option{WithBaseURL(srv.URL), WithMaxRetries(0)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.do(context.Background(), op, &request{Path: "/v2/tokens", Body: jsonBody(map[string]string{"card_number": "4111111111111111"})}, nil); err != nil {
		t.Fatalf("call went elsewhere than WithBaseURL: %v", err)
	}
	if hits.Load() != 1 {
		t.Fatalf("mock got %d requests, want 1", hits.Load())
	}

	// Without WithBaseURL the operation's own server is used (an unreachable .invalid host here).
	c2, err := newClientCore(def, []Option{WithMaxRetries(0)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c2.do(context.Background(), op, &request{Path: "/v2/tokens"}, nil); err == nil {
		t.Fatal("expected the call to go to the operation's own (unreachable) server")
	}
	if hits.Load() != 1 {
		t.Fatalf("mock got %d requests, want still 1", hits.Load())
	}
}
