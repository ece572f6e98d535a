package main

// End-to-end tests of opgen used from another module, the way docs/DOWNSTREAM.md describes: each
// testdata/script/*.txtar builds a scratch module outside this repository that requires
// github.com/opgen-sdk/opgen (replaced by this checkout: `exec go mod edit -replace=...=$OPGEN`), generates an SDK
// with go generate, builds and vets it, and runs a program that calls the SDK against a server.
//
// The scripts run on github.com/rogpeppe/go-internal/testscript (the engine of the go command's own script
// tests): its commands (exec, stdout, stderr, exists, grep, cp, ! for an expected failure) plus
//
//	serve SPEC            start `opgen mock -spec SPEC` (built from the scratch module) and set $SERVER
//
// $OPGEN is this checkout and $WORK the scratch module. The go commands run with GOFLAGS=-mod=mod and GOPROXY set
// to the module cache first, then the environment's proxy, so the scripts work offline when the checkout's
// modules are cached and reach the proxy in CI when not.

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestDownstream runs testdata/script/*.txtar.
func TestDownstream(t *testing.T) {
	if testing.Short() {
		t.Skip("builds scratch modules with the go command: skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("checkout root %s: %v", root, err)
	}
	out, err := exec.Command(goBin, "env", "GOMODCACHE", "GOPROXY", "GOCACHE", "GOPATH").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	goenv := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(goenv) != 4 {
		t.Fatalf("go env GOMODCACHE GOPROXY GOCACHE GOPATH: %q", out)
	}
	proxy := (&url.URL{Scheme: "file", Path: filepath.ToSlash(goenv[0]) + "/cache/download"}).String()
	if p := strings.TrimSpace(goenv[1]); p != "" && p != "off" {
		proxy += "," + p
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("OPGEN", root)
			// testscript starts from an empty environment: the go command needs its caches and settings.
			env.Setenv("GOMODCACHE", goenv[0])
			env.Setenv("GOCACHE", goenv[2])
			env.Setenv("GOPATH", goenv[3])
			for _, kv := range scriptEnv(proxy) {
				if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "GO") {
					env.Setenv(k, v)
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"serve": serveMock,
		},
	})
}

// scriptEnv is the environment of the go commands the downstream tests run.
func scriptEnv(proxy string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOFLAGS", "GOPROXY", "GOSUMDB", "GONOSUMDB", "GOWORK", "GOTOOLCHAIN", "PWD":
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		// -trimpath: the scratch module lives in a new temporary folder on every run, and without it that folder is part
		// of every build and vet cache key, so unchanged generated packages would be compiled and vetted again each run.
		"GOFLAGS=-mod=mod -trimpath", // CI exports -mod=readonly; the scratch module's go.mod is made by the script
		"GOPROXY="+proxy,
		// Modules come from the local module cache (verified when they were downloaded) or the proxy; a
		// scratch module has no go.sum to check them against and the checksum database may be out of reach.
		"GOSUMDB=off",
		"GOWORK=off",
		"GOTOOLCHAIN=local",
	)
}

// serveMock builds opgen from the scratch module and runs `opgen mock -spec SPEC -addr 127.0.0.1:0`, then reads
// the address it listens on from its output into $SERVER. It builds first rather than `go run`: killing `go run`
// would leave the server it started running.
func serveMock(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: serve SPEC")
	}
	bin := filepath.Join(ts.Getenv("WORK"), ".bin", "opgen")
	ts.Check(ts.Exec("go", "build", "-o", bin, "github.com/opgen-sdk/opgen/cmd/opgen"))
	cmd := exec.Command(bin, "mock", "-spec", args[0], "-addr", "127.0.0.1:0")
	cmd.Dir = ts.Getenv("WORK")
	var stderr syncBuffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	ts.Check(err)
	ts.Check(cmd.Start())
	listening := make(chan string, 1)
	exited := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			fmt.Fprintf(&stderr, "%s\n", sc.Text())
			if u, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				listening <- strings.TrimSpace(u)
			}
		}
		cmd.Wait()
		close(exited)
	}()
	ts.Defer(func() {
		cmd.Process.Kill()
		<-exited
	})
	select {
	case u := <-listening:
		ts.Setenv("SERVER", u)
	case <-exited:
		ts.Fatalf("opgen mock exited: %v\n%s", cmd.ProcessState, stderr.String())
	case <-time.After(30 * time.Second):
		ts.Fatalf("opgen mock printed no \"listening on\" line within 30s:\n%s", stderr.String())
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writes and reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
