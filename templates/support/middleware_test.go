package support

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// recordingDoer is an HTTPDoer that is not an *http.Client: it answers every request itself, as a test double or a
// wrapping client would, and records what it was given.
type recordingDoer struct {
	mu       sync.Mutex
	reqs     []*http.Request
	statuses []int // answered in turn; the last one repeats
}

func (d *recordingDoer) Do(r *http.Request) (*http.Response, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.reqs = append(d.reqs, r)
	status := d.statuses[min(len(d.reqs), len(d.statuses))-1]
	body := `{"id":"ch_1","amount":1}`
	if status >= 300 {
		body = `{"error_code":"unavailable","description":"later"}`
	}
	return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

func doerOpts(d HTTPDoer, extra ...Option) []Option {
	return append([]Option{
		WithHTTPClient(d),
		WithBaseURL("https://api.fakepay.test/v1/{merchant_id}"),
		WithMerchantID("m_123"),
		WithPrivateKey(testKey),
		WithRetryBackoff(0, 0),
	}, extra...)
}

// TestWithHTTPClientAcceptsAnyDoer: a Doer that is not an *http.Client sends every request, retries included.
func TestWithHTTPClientAcceptsAnyDoer(t *testing.T) {
	d := &recordingDoer{statuses: []int{503, 200}}
	c := mustClient(t, doerOpts(d)...)
	ch, err := c.Charges.Get(context.Background(), "ch_1")
	if err != nil || ch.ID != "ch_1" {
		t.Fatalf("%v %v", ch, err)
	}
	if len(d.reqs) != 2 {
		t.Fatalf("the Doer saw %d requests, want 2 (one retry)", len(d.reqs))
	}
	if got := d.reqs[0].URL.String(); got != "https://api.fakepay.test/v1/m_123/charges/ch_1" {
		t.Errorf("URL = %s", got)
	}
	if u, _, ok := d.reqs[0].BasicAuth(); !ok || u != testKey {
		t.Errorf("credentials not set before the Doer: %v", d.reqs[0].Header)
	}
}

func TestWithHTTPClientRejectsNil(t *testing.T) {
	var typedNil *http.Client
	for name, d := range map[string]HTTPDoer{"nil": nil, "typed nil": typedNil} {
		if _, err := newFakeClient(doerOpts(d)...); err == nil || !strings.Contains(err.Error(), "WithHTTPClient") {
			t.Errorf("%s: err = %v, want a WithHTTPClient error", name, err)
		}
	}
}

// TestRequestEditor: editors run in order on every attempt, after the credentials are set, and what one adds to an
// attempt does not leak into the next.
func TestRequestEditor(t *testing.T) {
	d := &recordingDoer{statuses: []int{503, 503, 200}}
	var seen []string
	var mu sync.Mutex
	first := func(ctx context.Context, r *http.Request) error {
		mu.Lock()
		defer mu.Unlock()
		if _, _, ok := r.BasicAuth(); !ok {
			t.Error("editor ran before the credentials were set")
		}
		if r.Header.Get("X-Edited") != "" {
			t.Error("an earlier attempt's edit leaked into this one")
		}
		seen = append(seen, "first")
		r.Header.Add("X-Edited", "1")
		return nil
	}
	second := func(ctx context.Context, r *http.Request) error {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, "second")
		r.Header.Set("Traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
		return nil
	}
	c := mustClient(t, doerOpts(d, WithRequestEditor(first), WithRequestEditor(second))...)
	if _, err := c.Charges.Get(context.Background(), "ch_1"); err != nil {
		t.Fatal(err)
	}
	if len(d.reqs) != 3 {
		t.Fatalf("%d attempts, want 3", len(d.reqs))
	}
	if want := "first second first second first second"; strings.Join(seen, " ") != want {
		t.Errorf("editors ran %v, want %s", seen, want)
	}
	for i, r := range d.reqs {
		if got := r.Header.Values("X-Edited"); len(got) != 1 || r.Header.Get("Traceparent") == "" {
			t.Errorf("attempt %d headers: %v", i+1, r.Header)
		}
	}
}

// TestRequestEditorErrorStopsTheCall: an editor's error fails the call before anything is sent; a panic in one is
// reported, not propagated; neither is retried.
func TestRequestEditorErrorStopsTheCall(t *testing.T) {
	boom := errors.New("no trace context")
	for name, edit := range map[string]func(context.Context, *http.Request) error{
		"error": func(context.Context, *http.Request) error { return boom },
		"panic": func(context.Context, *http.Request) error { panic("editor bug") },
	} {
		t.Run(name, func(t *testing.T) {
			d := &recordingDoer{statuses: []int{200}}
			c := mustClient(t, doerOpts(d, WithRequestEditor(edit))...)
			_, err := c.Charges.Get(context.Background(), "ch_1")
			if err == nil || !strings.Contains(err.Error(), "request editor 1") || !strings.Contains(err.Error(), "not sent") {
				t.Fatalf("err = %v", err)
			}
			if name == "error" && !errors.Is(err, boom) {
				t.Errorf("err does not wrap the editor's error: %v", err)
			}
			if len(d.reqs) != 0 {
				t.Errorf("%d requests sent, want none", len(d.reqs))
			}
		})
	}
	if _, err := newFakeClient(doerOpts(&recordingDoer{statuses: []int{200}}, WithRequestEditor(nil))...); err == nil {
		t.Error("a nil editor was accepted")
	}
}
