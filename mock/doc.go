// Package mock serves a fake API from an OpenAPI description, for testing clients and SDKs without the real
// service. It is the engine of `opgen mock`.
//
//	srv := mock.NewServer(t, "specs/openpay-mx.yaml", mock.WithStateful())
//	client, _ := openpaymx.NewClient(openpaymx.WithBaseURL(mock.BaseURL(srv, map[string]string{"merchant_id": "m123"})),
//		openpaymx.WithMerchantID("m123"), openpaymx.WithPrivateKey("sk_test_any"))
//
// For every request the mock:
//
//   - routes it to an operation, under the path of the operation's servers with server variables matched as
//     wildcards (/v1/m123/charges reaches Openpay's /charges); literal segments win over parameters;
//   - checks that the credentials one of its security requirements asks for are present (any value): 401 in the
//     API's error shape otherwise;
//   - validates parameters and body with kin-openapi's openapi3filter: an invalid request gets 400 (422 when the
//     spec keeps 400 for syntax errors) with the API's error body naming the offending field;
//   - answers a valid request with the documented example of the lowest 2xx status (the one named like the
//     request example the body equals, else the first), else a value synthesized from the schema, deterministic
//     for the seed (WithSeed), respecting formats, enums, patterns, lengths, ranges and required fields;
//   - honours Prefer: code=402, example=card_declined (a documented status and example) and Prefer: code=429
//     (429 with Retry-After: 1); any 4xx/5xx status works, documented or not.
//
// Error bodies are built from the spec: the documented example of the status with its message and field patched,
// else the error schema filled by field name (message, param, status, code/type/category from its enum).
//
// With WithStateful, resources created through the API are kept for the life of the handler: create, get, list
// (paged as the spec's x-opgen-pagination says, or as its offset/limit, page or cursor parameters suggest),
// update and delete behave like the real API, and an unknown id gets 404. A resource is what the spec
// identifies by an id path parameter; its collection is the item path without the last {id} segment, nested
// collections are keyed by their parent's id. See docs/MOCK.md.
//
// The base URL of a client is the server's URL plus the path of the spec's first server with its variables
// replaced by anything: BaseURL(srv, vars) builds it.
package mock
