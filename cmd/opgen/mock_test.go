package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
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
		{[]string{"mock", "a.yaml", "b.yaml"}, `unexpected argument "b.yaml"`},
		{[]string{"mock", "a.yaml", "-spec", "b.yaml"}, `two specs`},
		{[]string{"mock", "-spc", "a.yaml"}, `did you mean -spec?`},
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
	dir := t.TempDir()
	syntax := filepath.Join(dir, "syntax.yaml")
	invalid := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(syntax, []byte("openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths:\n  /a:\n    get:\n      responses: {200: {description: ok}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(invalid, []byte("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    M: {type: money}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A validation error: -lenient can help, and is suggested.
	code, _, stderr := runCmd(t, "mock", "-spec", invalid, "-addr", "127.0.0.1:0")
	if code != exitFail || !regexp.MustCompile(`bad\.yaml:\d+`).MatchString(stderr) || !strings.Contains(stderr, "-lenient") {
		t.Errorf("bad spec: exit %d, stderr:\n%s\nwant exit 1, the file:line of the problem and the -lenient hint", code, stderr)
	}
	// A syntax error or a missing file: -lenient cannot help, and is not suggested.
	code, _, stderr = runCmd(t, "mock", "-spec", syntax, "-addr", "127.0.0.1:0")
	if code != exitFail || !regexp.MustCompile(`syntax\.yaml:\d+`).MatchString(stderr) || strings.Contains(stderr, "-lenient") {
		t.Errorf("syntax error: exit %d, stderr:\n%s\nwant exit 1, the line, and no -lenient hint", code, stderr)
	}
	code, _, stderr = runCmd(t, "mock", "-spec", filepath.Join(t.TempDir(), "none.yaml"))
	if code != exitFail || !strings.Contains(stderr, "none.yaml") || !strings.Contains(stderr, "not found") || strings.Contains(stderr, "-lenient") {
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

// TestMockSignals runs opgen mock as a separate process (this test binary, re-executed) and stops it with a
// real SIGTERM, then a real SIGINT, while a request is half sent: the request is still answered, and the
// process exits 0.
func TestMockSignals(t *testing.T) {
	if args := os.Getenv("OPGEN_TEST_MOCK_ARGS"); args != "" {
		os.Exit(run(strings.Split(args, "\n"), os.Stdout, os.Stderr))
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGTERM and SIGINT cannot be sent to a process on Windows")
	}
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		t.Run(sig.String(), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestMockSignals$")
			cmd.Env = append(os.Environ(), "OPGEN_TEST_MOCK_ARGS="+strings.Join(
				[]string{"mock", "-spec", "../../specs/openpay-mx.yaml", "-addr", "127.0.0.1:0"}, "\n"))
			var stderr mockOutput
			cmd.Stderr = &stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := make(chan string, 16)
			go func() {
				sc := bufio.NewScanner(out)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			waitLine := func(prefix string) string {
				t.Helper()
				for {
					select {
					case l, ok := <-lines:
						if !ok {
							t.Fatalf("opgen mock ended before printing %q; stderr:\n%s", prefix, stderr.String())
						}
						if rest, ok := strings.CutPrefix(l, prefix); ok {
							return rest
						}
					case <-ctx.Done():
						t.Fatalf("no %q line within 30s; stderr:\n%s", prefix, stderr.String())
					}
				}
			}
			addr := strings.TrimPrefix(waitLine("listening on "), "http://")

			// Half a request: the headers, with Expect: 100-continue, and no body yet.
			conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(20 * time.Second))
			body := `{"name":"Ana","email":"ana@example.com"}`
			fmt.Fprintf(conn, "POST /v1/m123/customers HTTP/1.1\r\nHost: %s\r\nAuthorization: Basic c2tfdGVzdDo=\r\n"+
				"Content-Type: application/json\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", addr, len(body))
			// The server says "100 Continue" when its handler starts reading the body: the request is then in flight,
			// an event rather than a sleep (a request whose headers are read after the signal is not served).
			br := bufio.NewReader(conn)
			if line, err := br.ReadString('\n'); err != nil || !strings.Contains(line, " 100 ") {
				t.Fatalf("no 100 Continue: %q %v", line, err)
			}
			if line, err := br.ReadString('\n'); err != nil || line != "\r\n" {
				t.Fatalf("100 Continue not followed by an empty line: %q %v", line, err)
			}

			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			waitLine("opgen mock: shutting down")
			// The body: the request is still answered.
			if _, err := conn.Write([]byte(body)); err != nil {
				t.Fatalf("finishing the request after the signal: %v", err)
			}
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatalf("the request in flight at the signal got no answer: %v", err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(got), `"id":`) { // stateless: the documented customer
				t.Errorf("the request in flight at the signal: %d %s", resp.StatusCode, got)
			}
			for range lines { // drain stdout so Wait can return
			}
			if err := cmd.Wait(); err != nil {
				t.Errorf("opgen mock after %v: %v, want exit 0; stderr:\n%s", sig, err, stderr.String())
			}
			if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
				t.Errorf("%s still accepts connections after the shutdown", addr)
			}
		})
	}
}
