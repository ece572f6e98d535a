package mock

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/opgen-sdk/opgen/internal/corpus"
	"github.com/opgen-sdk/opgen/internal/shared"
)

// corpusSpecs are real-world specs of ../shared/corpus the mock must serve: every operation answers a request
// synthesized from its own schema with something other than a 5xx. minOK is the share of them that must get a
// 2xx or documented 3xx (the rest may be refused by the mock's validation where a spec's examples contradict its schemas).
var corpusSpecs = []struct {
	name  string
	minOK float64
}{
	{"oai-petstore", 1},
	{"oai-petstore-expanded", 1},
	{"oai-uspto", 1},
	{"oai-link-example", 1},
	{"oai-callback-example", 1},
	{"spotify", 0.95},
	{"adyen-checkout", 0.95},
	{"paystack", 0.95},
	{"paypal-orders", 0.95},
	{"bitbucket", 0.95},
}

func TestCorpusEveryOperationAnswers(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	dir, ok := corpus.Dir()
	if !ok {
		t.Skip(shared.Why("corpus"))
	}
	specs, err := corpus.List(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, s := range specs {
		files[s.Name] = s.File
	}
	for _, cs := range corpusSpecs {
		t.Run(cs.name, func(t *testing.T) {
			file, ok := files[cs.name]
			if !ok {
				t.Skip(shared.Why("corpus", cs.name))
			}
			h, err := newHandler(file, WithLenient())
			if err != nil {
				t.Fatalf("%s: %v", filepath.Base(file), err)
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse // a documented 3xx is an answer, not a place to go
			}}
			ctx := context.Background()
			ops := h.Operations()
			twoXX := 0
			for _, op := range ops {
				s, err := h.SampleRequest(op)
				if err != nil {
					t.Fatal(err)
				}
				req, err := s.NewRequest(ctx, srv.URL)
				if err != nil {
					t.Fatalf("%s: %v", op, err)
				}
				resp, err := client.Do(req)
				if err != nil {
					t.Fatalf("%s: %v", op, err)
				}
				body, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
				resp.Body.Close()
				switch {
				case resp.StatusCode >= 500:
					t.Errorf("%s %s %s: %d %s", op, s.Method, s.Path, resp.StatusCode, body)
				case resp.StatusCode >= 400:
					t.Logf("%s %s %s: %d %s", op, s.Method, s.Path, resp.StatusCode, body)
				default:
					twoXX++
				}
			}
			share := float64(twoXX) / float64(len(ops))
			t.Logf("%s: %d operations, %d answered 2xx/3xx (%.0f%%)", cs.name, len(ops), twoXX, share*100)
			if share < cs.minOK {
				t.Errorf("%s: only %.0f%% of the operations answered 2xx/3xx to their own sample request, want at least %.0f%%", cs.name, share*100, cs.minOK*100)
			}
		})
	}
}
