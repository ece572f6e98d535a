package main

// End-to-end tests of opgen used from another module, the way docs/DOWNSTREAM.md describes: each
// testdata/script/*.txtar builds a scratch module outside this repository that requires
// github.com/opgen-sdk/opgen (replaced by this checkout), generates an SDK with go generate, builds and vets it,
// and runs a program that calls the SDK against a server.
//
// A script is a txtar archive: the comment is the script, one command a line, and the files are written to the
// scratch module ($WORK) first. In file contents and arguments, $OPGEN is this checkout, $WORK the scratch
// module and $SERVER the root URL of the server started by "serve" (operations live under the path of the
// spec's server, e.g. $SERVER/v1). Commands:
//
//	go ARGS...            run the go command in $WORK (prefix any command with ! to expect it to fail)
//	stdout REGEXP         the last command's stdout matches ((?m) mode; ! for must not match)
//	stderr REGEXP         the same for stderr
//	exists FILE...        the files exist
//	grep REGEXP FILE      the file's contents match
//	cp SRC DST            copy a file (DST's folder is created)
//	serve SPEC            start `opgen mock -spec SPEC` (built from the scratch module) and set $SERVER
//
// The go commands run with GOFLAGS=-mod=mod and GOPROXY set to the module cache first, then the environment's
// proxy, so the scripts work offline when the checkout's modules are cached and reach the proxy in CI when not.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
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
	out, err := exec.Command(goBin, "env", "GOMODCACHE", "GOPROXY").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	goenv := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(goenv) != 2 {
		t.Fatalf("go env GOMODCACHE GOPROXY: %q", out)
	}
	proxy := (&url.URL{Scheme: "file", Path: filepath.ToSlash(goenv[0]) + "/cache/download"}).String()
	if p := strings.TrimSpace(goenv[1]); p != "" && p != "off" {
		proxy += "," + p
	}
	scripts, _ := filepath.Glob(filepath.Join("testdata", "script", "*.txtar"))
	if len(scripts) == 0 {
		t.Fatal("no testdata/script/*.txtar")
	}
	for _, file := range scripts {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			s := &script{t: t, goBin: goBin, work: t.TempDir(), vars: map[string]string{"OPGEN": root}}
			s.vars["WORK"] = s.work
			s.env = scriptEnv(proxy)
			s.run(file, data)
		})
	}
}

// scriptEnv is the environment of the scripts' go commands.
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
		"GOFLAGS=-mod=mod", // CI exports -mod=readonly; the scratch module's go.mod is made by the script
		"GOPROXY="+proxy,
		// Modules come from the local module cache (verified when they were downloaded) or the proxy; a
		// scratch module has no go.sum to check them against and the checksum database may be out of reach.
		"GOSUMDB=off",
		"GOWORK=off",
		"GOTOOLCHAIN=local",
	)
}

type script struct {
	t      *testing.T
	goBin  string
	work   string
	env    []string
	vars   map[string]string
	log    bytes.Buffer
	stdout string
	stderr string
}

var varRe = regexp.MustCompile(`\$(OPGEN|WORK|SERVER)\b`)

// expand replaces $OPGEN, $WORK and $SERVER (and nothing else: specs have "$ref").
func (s *script) expand(text string) string {
	return varRe.ReplaceAllStringFunc(text, func(v string) string {
		if val, ok := s.vars[v[1:]]; ok {
			return val
		}
		return v
	})
}

func (s *script) run(file string, data []byte) {
	comment, files := parseTxtar(data)
	for _, f := range files {
		path := filepath.Join(s.work, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			s.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(s.expand(f.data)), 0o644); err != nil {
			s.t.Fatal(err)
		}
	}
	start := time.Now()
	for i, line := range strings.Split(comment, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fmt.Fprintf(&s.log, "> %s\n", line)
		if err := s.exec(line); err != nil {
			s.t.Fatalf("%s:%d: %s: %v\n\nscript log:\n%s", file, i+1, line, err, s.log.String())
		}
	}
	s.t.Logf("%s: passed in %v", file, time.Since(start).Round(time.Millisecond))
}

// exec runs one script line.
func (s *script) exec(line string) error {
	neg := false
	if rest, ok := strings.CutPrefix(line, "!"); ok {
		neg, line = true, strings.TrimSpace(rest)
	}
	args, err := splitArgs(line)
	if err != nil {
		return err
	}
	for i := range args {
		args[i] = s.expand(args[i])
	}
	switch cmd, args := args[0], args[1:]; cmd {
	case "go":
		err := s.goCmd(args...)
		switch {
		case neg && err == nil:
			return fmt.Errorf("succeeded, want failure")
		case !neg && err != nil:
			return err
		}
		return nil
	case "stdout", "stderr":
		if len(args) != 1 {
			return fmt.Errorf("usage: %s REGEXP", cmd)
		}
		re, err := regexp.Compile("(?m)" + args[0])
		if err != nil {
			return err
		}
		text := s.stdout
		if cmd == "stderr" {
			text = s.stderr
		}
		if re.MatchString(text) == neg {
			return fmt.Errorf("%s %s %q:\n%s", cmd, map[bool]string{false: "does not match", true: "matches"}[neg], args[0], text)
		}
		return nil
	case "exists":
		for _, f := range args {
			if _, err := os.Stat(s.path(f)); (err == nil) == neg {
				return fmt.Errorf("%s: %v", f, map[bool]string{false: "does not exist", true: "exists"}[err == nil])
			}
		}
		return nil
	case "grep":
		if len(args) != 2 {
			return fmt.Errorf("usage: grep REGEXP FILE")
		}
		b, err := os.ReadFile(s.path(args[1]))
		if err != nil {
			return err
		}
		re, err := regexp.Compile("(?m)" + args[0])
		if err != nil {
			return err
		}
		if re.Match(b) == neg {
			return fmt.Errorf("%s %s %q:\n%s", args[1], map[bool]string{false: "does not match", true: "matches"}[neg], args[0], b)
		}
		return nil
	case "cp":
		if len(args) != 2 || neg {
			return fmt.Errorf("usage: cp SRC DST")
		}
		b, err := os.ReadFile(s.path(args[0]))
		if err != nil {
			return err
		}
		dst := s.path(args[1])
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	case "serve":
		if len(args) != 1 || neg {
			return fmt.Errorf("usage: serve SPEC")
		}
		return s.serve(s.path(args[0]))
	default:
		return fmt.Errorf("unknown command %q", cmd)
	}
}

func (s *script) path(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(s.work, filepath.FromSlash(p))
}

// goCmd runs the go command in the scratch module and keeps its output for stdout/stderr.
func (s *script) goCmd(args ...string) error {
	ctx, cancel := context.WithTimeout(s.t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.goBin, args...)
	cmd.Dir = s.work
	cmd.Env = s.env
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	start := time.Now()
	err := cmd.Run()
	s.stdout, s.stderr = o.String(), e.String()
	fmt.Fprintf(&s.log, "[%v]\n", time.Since(start).Round(time.Millisecond))
	if s.stdout != "" {
		fmt.Fprintf(&s.log, "[stdout]\n%s", s.stdout)
	}
	if s.stderr != "" {
		fmt.Fprintf(&s.log, "[stderr]\n%s", s.stderr)
	}
	return err
}

// serve starts `opgen mock` for the spec and sets $SERVER.
func (s *script) serve(spec string) error {
	return s.serveMock(spec)
}

// serveMock builds opgen from the scratch module and runs `opgen mock -spec SPEC -addr 127.0.0.1:0`, then reads
// the address it listens on from its output. It builds first rather than `go run`: killing `go run` would leave
// the server it started running.
func (s *script) serveMock(spec string) error {
	bin := filepath.Join(s.work, ".bin", "opgen")
	if err := s.goCmd("build", "-o", bin, "github.com/opgen-sdk/opgen/cmd/opgen"); err != nil {
		return fmt.Errorf("building opgen for the mock server: %v", err)
	}
	cmd := exec.Command(bin, "mock", "-spec", spec, "-addr", "127.0.0.1:0")
	cmd.Dir = s.work
	var stderr syncBuffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
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
	s.t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	select {
	case u := <-listening:
		s.vars["SERVER"] = u
		return nil
	case <-exited:
		return fmt.Errorf("opgen mock exited: %v\n%s", cmd.ProcessState, stderr.String())
	case <-time.After(30 * time.Second):
		return fmt.Errorf("opgen mock printed no \"listening on\" line within 30s:\n%s", stderr.String())
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

type txtarFile struct{ name, data string }

// parseTxtar splits a txtar archive into its comment and files ("-- name --" lines start a file).
func parseTxtar(data []byte) (comment string, files []txtarFile) {
	var cur *txtarFile
	var b strings.Builder
	flush := func() {
		if cur == nil {
			comment = b.String()
		} else {
			cur.data = b.String()
			files = append(files, *cur)
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if name, ok := strings.CutPrefix(trimmed, "-- "); ok && strings.HasSuffix(name, " --") && len(name) > 3 {
			flush()
			cur = &txtarFile{name: strings.TrimSpace(strings.TrimSuffix(name, " --"))}
			continue
		}
		b.WriteString(line)
	}
	flush()
	return comment, files
}

// splitArgs splits a script line into words; single quotes group words and keep backslashes.
func splitArgs(line string) ([]string, error) {
	var args []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range line {
		switch {
		case r == '\'':
			quoted, inWord = !quoted, true
		case !quoted && (r == ' ' || r == '\t'):
			if inWord {
				args = append(args, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("unterminated quote")
	}
	if inWord {
		args = append(args, cur.String())
	}
	if len(args) == 0 {
		return nil, fmt.Errorf("empty command")
	}
	return args, nil
}

func TestParseTxtarAndArgs(t *testing.T) {
	comment, files := parseTxtar([]byte("go build\n# c\n-- a.go --\npackage a\n-- dir/b.txt --\nx $ref\n"))
	if comment != "go build\n# c\n" || len(files) != 2 || files[0].name != "a.go" || files[0].data != "package a\n" ||
		files[1].name != "dir/b.txt" || files[1].data != "x $ref\n" {
		t.Errorf("comment %q files %q", comment, files)
	}
	args, err := splitArgs(`stdout '^a b\.c$'  x`)
	if err != nil || len(args) != 3 || args[1] != `^a b\.c$` || args[2] != "x" {
		t.Errorf("splitArgs = %q, %v", args, err)
	}
	if _, err := splitArgs("stdout 'x"); err == nil {
		t.Error("unterminated quote accepted")
	}
	s := &script{vars: map[string]string{"WORK": "/w"}}
	if got := s.expand("$WORK/x $ref $WORKS $SERVER"); got != "/w/x $ref $WORKS $SERVER" {
		t.Errorf("expand = %q", got)
	}
}
