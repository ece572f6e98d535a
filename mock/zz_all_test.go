package mock

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/opgen-sdk/opgen/internal/corpus"
)

func TestZZAll(t *testing.T) {
	dir, _ := corpus.Dir()
	specs, _ := corpus.List(dir)
	for _, s := range specs {
		start := time.Now()
		h, err := newHandler(s.File, WithLenient())
		if err != nil {
			t.Logf("%s: load: %.300v", s.Name, err)
			continue
		}
		load := time.Since(start)
		srv := httptest.NewServer(h)
		client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		n, ok, bad := 0, 0, 0
		for _, op := range h.Operations() {
			sr, _ := h.SampleRequest(op)
			req, err := sr.NewRequest(context.Background(), srv.URL)
			if err != nil {
				t.Logf("%s %s: %v", s.Name, op, err)
				continue
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Logf("%s %s: %v", s.Name, op, err)
				continue
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			n++
			if resp.StatusCode < 400 {
				ok++
			} else {
				if bad < 4 {
					t.Logf("  %s %s %s: %d %.300s", s.Name, op, sr.Path, resp.StatusCode, b)
				}
				bad++
			}
		}
		srv.Close()
		t.Logf("%s: load %v, %d ops, %d ok, %d bad, total %v", s.Name, load.Round(time.Millisecond), n, ok, bad, time.Since(start).Round(time.Millisecond))
	}
}
