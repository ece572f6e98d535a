package sdktest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/mock"
)

// requestLog is a transport that records the URL of every request it carries.
type requestLog struct {
	mu   sync.Mutex
	urls []*url.URL
	next http.RoundTripper
}

func (l *requestLog) RoundTrip(req *http.Request) (*http.Response, error) {
	l.mu.Lock()
	l.urls = append(l.urls, req.URL)
	l.mu.Unlock()
	return l.next.RoundTrip(req)
}

func (l *requestLog) take() []*url.URL {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.urls
	l.urls = nil
	return out
}

// TestListAllWithNilParams calls every ListAll of the five SDKs as a caller who knows nothing of paging does,
// ListAll(ctx, nil) (path parameters from the spec's examples), against the mock of the SDK's own spec: each
// must yield the documented items without an error, and never send a paging parameter as 0 or empty (an unset
// limit left out or sent as its documented default).
func TestListAllWithNilParams(t *testing.T) {
	total := 0
	for _, c := range sdks {
		t.Run(c.name, func(t *testing.T) {
			ctx := testContext(t)
			doc := loadSpec(t, c.specPath())
			srv, h, base := startMock(t, c)
			log := &requestLog{next: srv.Client().Transport}
			client, err := c.newClient(base, &http.Client{Transport: log})
			if err != nil {
				t.Fatalf("NewClient: %v", err)
			}
			n, withItems := 0, 0
			paged := map[*openapi3.Operation]bool{}
			for _, cl := range calls(t, client, specMethods(t, c.dir(), doc), h, doc) {
				if !cl.m.paginate {
					continue
				}
				n++
				paged[cl.m.op] = true
				var opts []reflect.Value
				if u, ok := ownServerBase(srv.URL, cl.m); ok {
					opts = append(opts, reflect.ValueOf(c.requestBaseURL(u)))
				}
				items, err := listAllNil(ctx, cl, opts)
				urls := log.take()
				if err != nil {
					t.Errorf("%s(ctx, nil) (%s %s): %v", cl.label, cl.m.verb, cl.m.path, err)
					continue
				}
				// At least the items of the mock's first page, as a plain request without paging parameters gets it.
				first, err := firstPageItems(ctx, srv.Client(), srv.URL, cl.sample)
				if err != nil {
					t.Errorf("%s (%s %s): %v", cl.label, cl.m.verb, cl.m.path, err)
				} else if items < first {
					t.Errorf("%s(ctx, nil) (%s %s) yielded %d items in %d requests; the mock's first page alone has %d", cl.label, cl.m.verb, cl.m.path, items, len(urls), first)
				}
				withItems += min(items, 1)
				if len(urls) == 0 {
					t.Errorf("%s(ctx, nil) sent no request", cl.label)
				}
				for _, u := range urls {
					for k, vs := range u.Query() {
						for _, v := range vs {
							if v == "" || v == "0" && k != "offset" && k != "page" {
								t.Errorf("%s(ctx, nil) sent %s=%q in %s: a parameter the caller left unset", cl.label, k, v, u)
							}
						}
					}
				}
			}
			// Every list operation pages with ListAll, or its spec says it is not paginated (x-opgen-pagination:
			// false, with a doc note giving the reason).
			notPaged := 0
			for _, p := range doc.Paths.InMatchingOrder() {
				op := doc.Paths.Value(p).Get
				if op == nil || !isList(op) || paged[op] {
					continue
				}
				if off, ok := op.Extensions["x-opgen-pagination"].(bool); ok && !off {
					if op.Extensions["x-opgen-doc-note"] == nil {
						t.Errorf("GET %s (%s) is declared not paginated without a doc note saying why", p, op.OperationID)
					}
					notPaged++
					continue
				}
				t.Errorf("GET %s (%s) lists items but has no ListAll, and its spec does not say it is not paginated", p, op.OperationID)
			}
			t.Logf("%s: %d ListAll methods called with nil params, %d yielded items; %d list operations not paginated", c.name, n, withItems, notPaged)
			total += n
		})
	}
	t.Logf("%d ListAll methods in all", total)
}

// isList reports whether an operation lists items: its operationId or x-opgen-method says List.
func isList(op *openapi3.Operation) bool {
	if m, ok := op.Extensions["x-opgen-method"].(string); ok && strings.HasPrefix(m, "List") {
		return true
	}
	return strings.HasPrefix(strings.ToLower(op.OperationID), "list")
}

// listAllNil calls a ListAll method with its path parameters and a nil params struct, and counts the items it
// yields (at most 200).
func listAllNil(ctx context.Context, cl call, opts []reflect.Value) (int, error) {
	args, _, err := cl.args(ctx, opts)
	if err != nil {
		return 0, err
	}
	ft := cl.fn.Type()
	for i := range args {
		in := ft.In(min(i, ft.NumIn()-1))
		if in.Kind() == reflect.Pointer && strings.HasSuffix(in.Elem().Name(), "Params") {
			args[i] = reflect.Zero(in)
		}
	}
	res := cl.fn.Call(args)
	if len(res) != 1 || res[0].Kind() != reflect.Func {
		return 0, fmt.Errorf("returns %d values, want one iterator", len(res))
	}
	n := 0
	var iterErr error
	yield := reflect.MakeFunc(res[0].Type().In(0), func(a []reflect.Value) []reflect.Value {
		if !a[1].IsNil() {
			iterErr = a[1].Interface().(error)
			return []reflect.Value{reflect.ValueOf(false)}
		}
		n++
		return []reflect.Value{reflect.ValueOf(n < 200)}
	})
	res[0].Call([]reflect.Value{yield})
	return n, iterErr
}

// firstPageItems asks the mock for the list as a plain request (the sample's path, required query and
// credentials, no paging parameters) and counts the items of the answer: the body when it is an array, else its
// first array property by name (data, items, results, then any other).
func firstPageItems(ctx context.Context, hc *http.Client, root string, s *mock.SampleRequest) (int, error) {
	u := root + s.Path
	if len(s.Query) > 0 {
		u += "?" + s.Query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, s.Method, u, nil)
	if err != nil {
		return 0, err
	}
	for k, vs := range s.Header {
		req.Header[k] = vs
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var v any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil || resp.StatusCode != 200 {
		return 0, fmt.Errorf("plain GET %s: %d, %v", u, resp.StatusCode, err)
	}
	switch b := v.(type) {
	case []any:
		return len(b), nil
	case map[string]any:
		keys := make([]string, 0, len(b))
		for k := range b {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range append([]string{"data", "items", "results"}, keys...) {
			if a, ok := b[k].([]any); ok {
				return len(a), nil
			}
		}
	}
	return 0, fmt.Errorf("plain GET %s: no list in the answer", u)
}
