package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestMockHelpAndUsage(t *testing.T) {
	for _, args := range [][]string{{"mock", "-h"}, {"help", "mock"}} {
		code, out, _ := runCmd(t, args...)
		if code != exitOK || !strings.Contains(out, "examples:") || !strings.Contains(out, "Prefer: code=402") || !strings.Contains(out, "-stateful") {
			t.Errorf("opgen %v: exit %d\n%s", args, code, out)
		}
	}
	if _, out, _ := runCmd(t, "help"); !strings.Contains(out, "mock") {
		t.Errorf("opgen help does not list mock:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"mock"}, "missing -spec"},
		{[]string{"mock", "specs/openpay-mx.yaml"}, `unexpected argument "specs/openpay-mx.yaml"`},
		{[]string{"mock", "-spec", "x.yaml", "-addr", "12111"}, `-addr "12111" is not host:port`},
		{[]string{"mock", "-spec", "x.yaml", "-seed", "abc"}, "invalid value"},
	} {
		code, _, stderr := runCmd(t, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("opgen %v: exit %d, stderr:\n%s\nwant exit 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

func TestMockBadSpec(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths:\n  /a:\n    get:\n      responses: {200: {description: ok}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "mock", "-spec", bad, "-addr", "127.0.0.1:0")
	if code != exitFail || !regexp.MustCompile(`bad\.yaml:\d+`).MatchString(stderr) || !strings.Contains(stderr, "-lenient") {
		t.Errorf("bad spec: exit %d, stderr:\n%s\nwant exit 1, the file:line of the problem and the -lenient hint", code, stderr)
	}
	code, _, stderr = runCmd(t, "mock", "-spec", filepath.Join(t.TempDir(), "none.yaml"))
	if code != exitFail || !strings.Contains(stderr, "none.yaml") || !strings.Contains(stderr, "not found") {
		t.Errorf("missing spec: exit %d, stderr:\n%s", code, stderr)
	}
}

func TestMockBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	code, _, stderr := runCmd(t, "mock", "-spec", "../../specs/openpay-mx.yaml", "-addr", addr)
	if code != exitFail || !strings.Contains(stderr, addr) || !strings.Contains(stderr, "already in use") || !strings.Contains(stderr, "-addr") {
		t.Errorf("busy port: exit %d, stderr:\n%s\nwant exit 1 naming %s, saying it is in use and what to do", code, stderr, addr)
	}
}

// mockOutput is a bytes.Buffer safe for the server goroutine and the test.
type mockOutput struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *mockOutput) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *mockOutput) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestMockServe runs the command, calls the mock, and stops it as SIGINT would.
func TestMockServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	old := mockSignals
	mockSignals = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	t.Cleanup(func() { mockSignals = old; cancel() })

	var stdout, stderr mockOutput
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"mock", "-spec", "../../specs/openpay-mx.yaml", "-addr", "127.0.0.1:0", "-stateful", "-seed", "3"}, &stdout, &stderr)
	}()
	listening := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := listening.FindStringSubmatch(stdout.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("opgen mock exited with %d before listening:\n%s\n%s", code, stdout.String(), stderr.String())
		default:
		}
	}
	if base == "" {
		t.Fatalf("opgen mock did not say where it listens:\n%s", stdout.String())
	}
	if !strings.Contains(stdout.String(), "base URL for clients: "+base+"/v1/{merchant_id}") {
		t.Errorf("the startup lines do not give the base URL:\n%s", stdout.String())
	}

	req, _ := http.NewRequest("POST", base+"/v1/m123/customers", strings.NewReader(`{"name":"Ana","email":"ana@example.com"}`))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth("sk_test", "")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"name":"Ana"`) {
		t.Errorf("POST customers: %d %s", resp.StatusCode, body)
	}

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d after the signal, want 0; stderr:\n%s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("opgen mock did not stop after the signal")
	}
	logs := stderr.String()
	if !strings.Contains(logs, "method=POST") || !strings.Contains(logs, "path=/v1/m123/customers") ||
		!strings.Contains(logs, "status=200") || !strings.Contains(logs, "operation=createCustomer") {
		t.Errorf("no log line for the request:\n%s", logs)
	}
	if !strings.Contains(stdout.String(), "shutting down") {
		t.Errorf("no shutdown line:\n%s", stdout.String())
	}
}
