package mock

import (
	"bufio"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// slowKinds are the ways a client can hold a connection: a request line and half its headers, then nothing; full
// headers announcing a body and 10 bytes of it, then nothing; one complete request, then idle on the keep-alive
// connection.
var slowKinds = []struct {
	name  string
	open  string
	reply bool // a complete request: read its response before idling
}{
	{"slow headers", "GET /v1/t1/health HTTP/1.1\r\nHost: mock\r\nX-Slow: ", false},
	{"slow body", "POST /v1/t1/health HTTP/1.1\r\nHost: mock\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a\":\"bbbb", false},
	{"idle keep-alive", "GET /v1/t1/health HTTP/1.1\r\nHost: mock\r\n\r\n", true},
}

// openSlow opens n connections of each slow kind to addr and returns them, each having done its part.
func openSlow(t *testing.T, addr string, n int) []net.Conn {
	t.Helper()
	var conns []net.Conn
	t.Cleanup(func() {
		for _, c := range conns {
			c.Close()
		}
	})
	for _, k := range slowKinds {
		for range n {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatalf("%s: %v", k.name, err)
			}
			conns = append(conns, c)
			if _, err := io.WriteString(c, k.open); err != nil {
				t.Fatalf("%s: %v", k.name, err)
			}
			if k.reply {
				c.SetReadDeadline(time.Now().Add(30 * time.Second))
				resp, err := http.ReadResponse(bufio.NewReader(c), nil)
				if err != nil {
					t.Fatalf("%s: %v", k.name, err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
	}
	return conns
}

func quietServer(t *testing.T, l Limits) *httptest.Server {
	t.Helper()
	h, err := NewHandler(shop, WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	l.Apply(srv.Config)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// TestSlowClientsAreDropped: with short limits, 300 connections held by slow clients (100 each: slow headers, a
// slow body, idle keep-alive) are all closed by the server. Each client waits up to 30 s for the close, far beyond
// the limits (at most 1 s): the test fails only if the server never drops them, not if the machine is slow.
func TestSlowClientsAreDropped(t *testing.T) {
	srv := quietServer(t, Limits{ReadHeaderTimeout: 300 * time.Millisecond, ReadTimeout: time.Second,
		WriteTimeout: time.Second, IdleTimeout: 300 * time.Millisecond, MaxHeaderBytes: 4 << 10})
	conns := openSlow(t, srv.Listener.Addr().String(), 100)
	var wg sync.WaitGroup
	held := make([]string, len(conns))
	for i, c := range conns {
		wg.Go(func() {
			c.SetReadDeadline(time.Now().Add(30 * time.Second))
			_, err := io.Copy(io.Discard, c) // a 408 or 400, then EOF; or a reset
			if errors.Is(err, os.ErrDeadlineExceeded) {
				held[i] = slowKinds[i/100].name
			}
		})
	}
	wg.Wait()
	n := 0
	for _, h := range held {
		if h != "" {
			if n++; n <= 5 {
				t.Errorf("a %s connection was still open after 30 s", h)
			}
		}
	}
	if n > 0 {
		t.Errorf("%d of %d slow connections were never dropped", n, len(conns))
	}
}

// TestResponsiveUnderSlowClients: with the default limits, while 300 slow clients hold connections, 30 ordinary
// requests are all answered. A client timeout of 30 s bounds the test; no request should come near it.
func TestResponsiveUnderSlowClients(t *testing.T) {
	srv := quietServer(t, DefaultLimits)
	openSlow(t, srv.Listener.Addr().String(), 100)
	hc := &http.Client{Timeout: 30 * time.Second}
	var wg sync.WaitGroup
	errs := make([]error, 30)
	for i := range errs {
		wg.Go(func() {
			resp, err := hc.Get(srv.URL + "/v1/t1/health")
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					err = errors.New(resp.Status)
				}
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("request %d with 300 slow clients connected: %v", i, err)
		}
	}
}

// TestNewServerLimits: NewServer and NewHTTPServer (which `opgen mock` runs) carry DefaultLimits, and headers
// larger than MaxHeaderBytes are answered 431 before the handler runs.
func TestNewServerLimits(t *testing.T) {
	srv := NewServer(t, shop, WithLogger(nil))
	for name, got := range map[string]*http.Server{"NewServer": srv.Config, "NewHTTPServer": NewHTTPServer(http.NotFoundHandler())} {
		l := Limits{got.ReadHeaderTimeout, got.ReadTimeout, got.WriteTimeout, got.IdleTimeout, got.MaxHeaderBytes}
		if l != DefaultLimits || l.ReadHeaderTimeout == 0 || l.ReadTimeout == 0 || l.IdleTimeout == 0 || l.MaxHeaderBytes == 0 {
			t.Errorf("%s: limits %+v, want %+v", name, l, DefaultLimits)
		}
	}
	req, _ := http.NewRequest("GET", srv.URL+"/v1/t1/health", nil)
	req.Header.Set("X-Big", strings.Repeat("a", DefaultLimits.MaxHeaderBytes+8<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("%d KiB of headers: %s, want 431", (DefaultLimits.MaxHeaderBytes+8<<10)>>10, resp.Status)
	}
}
