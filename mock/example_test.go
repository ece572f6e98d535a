package mock_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/opgen-sdk/opgen/mock"
)

// send makes a request with the shop API's key and returns the status and the body.
func send(method, url, body string) (int, string) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("X-Api-Key", "any-key") // any value: the mock checks that a credential is there
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		log.Fatal(err)
	}
	return resp.StatusCode, strings.TrimSpace(string(b))
}

// A mock of an API from its spec, served with net/http/httptest: documented examples where a request matches one,
// data synthesized from the schema otherwise, and the API's own error shape for an invalid request. The base URL
// is the server's plus the path of the spec's first server (https://api.shop.test/v1/{tenant}), variables filled.
func ExampleNewHandler() {
	h, err := mock.NewHandler("testdata/shop.yaml")
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	base := mock.BaseURL(srv, map[string]string{"tenant": "acme"})

	fmt.Println(send("GET", base+"/health", ""))
	fmt.Println(send("POST", base+"/customers", `{"name":"Gold Customer","email":"gold@example.com","tier":"gold"}`))

	status, body := send("POST", base+"/customers", `{"name":"No Email"}`)
	var apiErr struct{ Field, Message string }
	if err := json.Unmarshal([]byte(body), &apiErr); err != nil {
		log.Fatal(err)
	}
	fmt.Println(status, apiErr.Field, apiErr.Message)
	// Output:
	// 200 {"status":"ok"}
	// 201 {"created_at":"2024-05-02T10:00:00Z","email":"gold@example.com","id":"cus_fedcba9876543210","name":"Gold Customer","tier":"gold"}
	// 400 email field "email" is required but missing
}

// With WithStateful, what a test creates through the API is kept: it can be read back, listed and deleted, and an
// unknown id is a 404 (a malformed one, a 400).
func ExampleWithStateful() {
	h, err := mock.NewHandler("testdata/shop.yaml", mock.WithStateful())
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	base := mock.BaseURL(srv, map[string]string{"tenant": "acme"})

	_, body := send("POST", base+"/customers", `{"name":"Ana","email":"ana@example.com","tier":"basic"}`)
	var created struct{ ID, Name string }
	if err := json.Unmarshal([]byte(body), &created); err != nil {
		log.Fatal(err)
	}
	status, body := send("GET", base+"/customers/"+created.ID, "")
	var got struct{ ID, Name string }
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		log.Fatal(err)
	}
	fmt.Println(status, got.ID == created.ID, got.Name)
	status, _ = send("GET", base+"/customers/cus_00000000000000ff", "")
	fmt.Println(status)
	// Output:
	// 200 true Ana
	// 404
}
