package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The harness must catch an SDK that sends or decodes anything other than what the spec says. TestHarnessCatches
// runs TestFakeSDKContract (a hand-made client with one planted bug at a time) in a child process and requires
// it to fail with the expected complaint, and to pass with no bug planted.

const fakeSpec = `openapi: 3.0.3
info: {title: fake, version: "1"}
servers: [{url: "https://api.example.com/v1"}]
security: [{key: []}]
paths:
  /things/{thing_id}:
    post:
      operationId: createThing
      summary: Create a thing
      tags: [Things]
      x-opgen-resource: things
      x-opgen-method: Create
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer, format: int32}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
            examples:
              thing: {value: {name: lamp, amount: 10.10}}
      responses:
        "200":
          description: The thing.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
              examples:
                thing: {value: {id: th_1, name: lamp, amount: 10.10, note: null}}
        "404":
          description: Not found.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
              example: {code: not_found, message: no such thing}
components:
  securitySchemes:
    key: {type: http, scheme: bearer}
  schemas:
    Thing:
      type: object
      properties:
        id: {type: string, readOnly: true}
        name: {type: string}
        amount: {type: number, format: decimal}
        note: {type: string, nullable: true}
    Error:
      type: object
      properties:
        code: {type: string}
        message: {type: string}
`

func TestHarnessCatches(t *testing.T) {
	if os.Getenv("CONTRACT_FAKE_BUG") != "" {
		t.Skip("child process")
	}
	for bug, want := range map[string]string{
		"":          "",
		"method":    "method: got PUT",
		"path":      "path: got /v1/things/th_9",
		"query":     "query: got",
		"auth":      "Authorization: got",
		"body":      "request body /amount",
		"drop":      "response decoded and re-encoded: /name: missing",
		"error":     "errors.As does not find the typed error",
		"errorcode": "error code: got",
		"twice":     "received 2 requests",
		"nocase":    "has no contract case",
	} {
		t.Run("bug="+bug, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestFakeSDKContract$", "-test.count=1", "-test.v")
			cmd.Env = append(os.Environ(), "CONTRACT_FAKE_BUG="+bug, "CONTRACT_FAKE_SPEC="+writeFakeSpec(t))
			if bug == "" {
				cmd.Env = append(cmd.Env, "CONTRACT_FAKE_BUG=none")
			}
			out, err := cmd.CombinedOutput()
			switch {
			case bug == "" && (err != nil || !strings.Contains(string(out), "--- PASS: TestFakeSDKContract/things.Create/error=404/example")):
				t.Errorf("the faithful fake SDK does not pass its contract:\n%s", out)
			case bug != "" && err == nil:
				t.Errorf("the harness does not catch the planted bug %q:\n%s", bug, out)
			case bug != "" && !strings.Contains(string(out), want):
				t.Errorf("bug %q: the output lacks %q:\n%s", bug, want, out)
			}
		})
	}
}

func writeFakeSpec(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "fake.yaml")
	if err := os.WriteFile(path, []byte(fakeSpec), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFakeSDKContract(t *testing.T) {
	bug := os.Getenv("CONTRACT_FAKE_BUG")
	if bug == "" {
		t.Skip("run by TestHarnessCatches")
	}
	cases := map[string]opCase{"things.Create": {route: "POST /things/{thing_id}"}}
	if bug == "nocase" {
		delete(cases, "things.Create") // the coverage guard must report the operation without a case
	}
	runContract(t, &sdkContract{
		specFile:   os.Getenv("CONTRACT_FAKE_SPEC"),
		serverPath: "/v1",
		newClient: func(base string, hc *http.Client) (any, error) {
			if base == "" {
				base = "https://api.example.com"
			}
			return &fakeClient{Things: &fakeThings{base: base + "/v1", bug: bug, hc: hc}}, nil
		},
		requestBaseURL: func(string) any { return fakeOption{} },
		authHeader:     map[string]string{"key": "Bearer k_1"},
		defaultScheme:  "key",
		asError: func(err error) (int, any, string, string, bool) {
			var api *fakeAPIError
			var e *fakeError
			if !errors.As(err, &api) || !errors.As(err, &e) {
				return 0, nil, "", "", false
			}
			return api.status, e, e.Code, e.Message, true
		},
		errorCodeKey:    "code",
		errorMessageKey: "message",
		pathValues:      map[string]string{"thing_id": "th_1"},
		params:          map[string]paramArg{"limit": {"Limit", "25"}},
		cases:           cases,
	})
}

// fakeClient is a hand-written client shaped like a generated one, with one bug planted on request.
type fakeClient struct{ Things *fakeThings }

type fakeThings struct {
	base, bug string
	hc        *http.Client
}

type fakeThing struct {
	ID     *string         `json:"id,omitempty"`
	Name   *string         `json:"name,omitempty"`
	Amount json.RawMessage `json:"amount,omitempty"`
	Note   *string         `json:"note,omitempty"`
}

type fakeParams struct{ Limit *int32 }

type fakeOption struct{}

type fakeError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *fakeError) Error() string { return e.Code + ": " + e.Message }

type fakeAPIError struct {
	status int
	err    error
}

func (e *fakeAPIError) Error() string { return fmt.Sprintf("status %d: %v", e.status, e.err) }
func (e *fakeAPIError) Unwrap() error { return e.err }

func (s *fakeThings) Create(ctx context.Context, thingID string, body *fakeThing, params *fakeParams, _ ...fakeOption) (*fakeThing, error) {
	method, path, auth := "POST", "/things/"+url.PathEscape(thingID), "Bearer k_1"
	q := url.Values{}
	if params.Limit != nil {
		q.Set("limit", fmt.Sprint(*params.Limit))
	}
	switch s.bug {
	case "method":
		method = "PUT"
	case "path":
		path = "/things/th_9"
	case "query":
		q.Set("limit", "26")
	case "auth":
		auth = "Basic k_1"
	case "body":
		body.Amount = json.RawMessage("10.1")
	}
	b, _ := json.Marshal(body)
	send := func() (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, method, s.base+path+"?"+q.Encode(), bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", auth)
		req.Header.Set("Content-Type", "application/json")
		return s.hc.Do(req)
	}
	resp, err := send()
	if err == nil && s.bug == "twice" {
		resp.Body.Close()
		resp, err = send()
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		e := new(fakeError)
		if err := json.Unmarshal(data, e); err != nil || s.bug == "error" {
			return nil, &fakeAPIError{status: resp.StatusCode}
		}
		if s.bug == "errorcode" {
			e.Code = "other"
		}
		return nil, &fakeAPIError{status: resp.StatusCode, err: e}
	}
	out := new(fakeThing)
	if err := json.Unmarshal(data, out); err != nil {
		return nil, err
	}
	if s.bug == "drop" {
		out.Name = nil
	}
	return out, nil
}
