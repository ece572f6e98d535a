package support

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// redirectServer answers every path under /v1/m_1 with a redirect of the status in ?code= to ?to= (a loop when to
// is the request's own path), and /landed with a charge. It records each request's method, path and body.
type redirectServer struct {
	*fakeServer
	mu   sync.Mutex
	seen []string // "METHOD path body"
}

func newRedirectServer(t *testing.T) *redirectServer {
	rs := &redirectServer{}
	rs.fakeServer = newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		_, body := rs.lastRequest()
		rs.mu.Lock()
		rs.seen = append(rs.seen, r.Method+" "+r.URL.Path+" "+string(body))
		rs.mu.Unlock()
		if r.URL.Path == "/landed" {
			writeJSON(w, 200, `{"id":"ch_landed"}`)
			return
		}
		code, _ := strconv.Atoi(r.URL.Query().Get("code"))
		to := r.URL.Query().Get("to")
		if to == "" {
			to = r.URL.RequestURI() // a loop
		}
		w.Header().Set("Location", to)
		w.WriteHeader(code)
	})
	return rs
}

func (rs *redirectServer) requests() []string {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return append([]string(nil), rs.seen...)
}

// TestRedirectsNeverReplayWrites: same-origin redirects of every kind, on reads, writes without a key, writes with
// one, idempotent methods and an x-opgen-idempotent POST.
//   - 307/308 on a write that is not safe to send again: not followed; the call fails with an *APIError naming the
//     Location; the body reached the server once.
//   - 307/308 on a write that is safe to send again (a key, PUT, DELETE, x-opgen-idempotent): followed, the body and
//     the key resent.
//   - 301/302/303 on any write: not followed (net/http would send a GET and return its answer as the write's).
//   - reads: followed, whatever the code.
//   - a loop: cut after 10 requests, not retried (10, not 30), never ErrOutcomeUnknown (every request got a redirect).
func TestRedirectsNeverReplayWrites(t *testing.T) {
	rs := newRedirectServer(t)
	core, err := newClientCore(fakeAPI, fastOpts(rs.fakeServer, WithMaxRetries(2)))
	if err != nil {
		t.Fatal(err)
	}
	type call struct {
		name   string
		op     *operationDef
		body   bool
		key    bool
		follow map[int]bool // codes followed
	}
	all := map[int]bool{301: true, 302: true, 303: true, 307: true, 308: true}
	replay := map[int]bool{307: true, 308: true}
	none := map[int]bool{}
	put := &operationDef{ID: "Charges.Update", Method: "PUT", Security: [][]string{{"privateKey"}}, IdempotencyHeader: "Idempotency-Key", API: fakeAPI}
	del := &operationDef{ID: "Charges.Delete", Method: "DELETE", Security: [][]string{{"privateKey"}}, API: fakeAPI}
	patch := &operationDef{ID: "Charges.Patch", Method: "PATCH", Security: [][]string{{"privateKey"}}, API: fakeAPI}
	calls := []call{
		{"GET", opChargesGet, false, false, all},
		{"POST", opChargesCreate, true, false, none},
		{"PATCH", patch, true, false, none},
		{"POST+key", opChargesCreate, true, true, replay},
		{"POST x-opgen-idempotent", opChargesCapture, true, false, replay},
		{"PUT", put, true, false, replay},
		{"DELETE", del, false, false, replay},
	}
	for _, cl := range calls {
		for _, code := range []int{301, 302, 303, 307, 308} {
			t.Run(cl.name+"/"+strconv.Itoa(code), func(t *testing.T) {
				rs.mu.Lock()
				rs.seen = nil
				rs.mu.Unlock()
				req := &request{Path: "/charges/ch_1", Query: url.Values{"code": {strconv.Itoa(code)}, "to": {"/landed"}}}
				if cl.body {
					req.Body = jsonBody(map[string]string{"description": "once"})
				}
				var opts []RequestOption
				if cl.key {
					opts = append(opts, WithIdempotencyKey("idem-7"))
				}
				resp, err := core.do(context.Background(), cl.op, req, opts)
				got := rs.requests()
				if cl.follow[code] {
					if err != nil || resp == nil || !strings.Contains(string(resp.Body), "ch_landed") {
						t.Fatalf("not followed: %v", err)
					}
					if len(got) != 2 {
						t.Fatalf("requests: %q", got)
					}
					if !strings.HasPrefix(got[1], cl.op.Method+" /landed") && code >= 307 {
						t.Errorf("307/308 changed the method: %q", got)
					}
					if cl.body && code >= 307 && !strings.HasSuffix(got[1], `{"description":"once"}`) {
						t.Errorf("the body was not resent: %q", got)
					}
					return
				}
				var ae *APIError
				if !errors.As(err, &ae) || ae.StatusCode != code {
					t.Fatalf("err = %v, want an *APIError %d", err, code)
				}
				if errors.Is(err, ErrOutcomeUnknown) {
					t.Errorf("a redirect answered the write: its outcome is known: %v", err)
				}
				wantLoc := "redirect to " + rs.URL + "/landed not followed"
				if !strings.Contains(err.Error(), wantLoc) {
					t.Errorf("the error does not name the Location (%q): %v", wantLoc, err)
				}
				if len(got) != 1 || !strings.HasPrefix(got[0], cl.op.Method+" ") {
					t.Errorf("requests %q, want the write once", got)
				}
			})
		}
	}

	// Loops: capped per attempt, never multiplied by retries.
	for _, cl := range calls {
		t.Run("loop/"+cl.name, func(t *testing.T) {
			rs.mu.Lock()
			rs.seen = nil
			rs.mu.Unlock()
			req := &request{Path: "/charges/ch_1", Query: url.Values{"code": {"307"}}}
			if cl.body {
				req.Body = jsonBody(map[string]string{"description": "loop"})
			}
			var opts []RequestOption
			if cl.key {
				opts = append(opts, WithIdempotencyKey("idem-8"))
			}
			var info ResponseInfo
			_, err := core.do(context.Background(), cl.op, req, append(opts, WithResponseInfo(&info)))
			got := rs.requests()
			if err == nil || errors.Is(err, ErrOutcomeUnknown) {
				t.Fatalf("err = %v", err)
			}
			want := opgMaxRedirects
			if !cl.follow[307] {
				want = 1
			} else if !strings.Contains(err.Error(), "stopped after 10 redirects") {
				t.Errorf("err = %v", err)
			}
			if len(got) != want || info.Attempts != 1 {
				t.Errorf("%d requests in %d attempts, want %d in 1", len(got), info.Attempts, want)
			}
		})
	}

	// A Location carrying a credential or a sensitive value is redacted in the error.
	rs.mu.Lock()
	rs.seen = nil
	rs.mu.Unlock()
	_, err = core.do(context.Background(), opChargesCreate, &request{Path: "/charges", Body: jsonBody(map[string]string{}),
		Query: url.Values{"code": {"307"}, "to": {"/landed?api_key=" + testKey + "&card_number=4111111111111111"}}}, nil)
	if err == nil || strings.Contains(err.Error(), testKey) || strings.Contains(err.Error(), "4111111111111111") ||
		!strings.Contains(err.Error(), "/landed?") {
		t.Errorf("err = %v", err)
	}
}
