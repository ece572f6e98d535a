package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/opgen-sdk/opgen/internal/spec"
	"github.com/opgen-sdk/opgen/mock"
)

const mockUsage = `usage: opgen mock [-spec] FILE [-addr 127.0.0.1:12111] [-stateful] [-seed N] [-lenient]

Serves a mock of the API the spec describes, for testing clients and SDKs without the real service. Every
operation is routed under the path of the spec's servers, with server variables matched as wildcards (Openpay's
/v1/{merchant_id}/charges answers /v1/m123/charges). Each request is checked for the credentials the spec
declares (any value is accepted; none gives 401) and validated against the spec (an invalid one gets the API's
own error body, naming the field, with 400 or 422). A valid request gets the documented example, else a response
synthesized from the schema. One log line per request goes to stderr. Slow and idle clients are dropped
(headers within 5 s, a whole request within 30 s, idle keep-alive 60 s; headers up to 64 KiB, bodies 16 MiB).

flags:
  -spec FILE      OpenAPI spec (YAML or JSON; Swagger 2.0, OpenAPI 3.0, 3.1, 3.2)
  -addr ADDR      address to listen on (default 127.0.0.1:12111; port 0 picks a free port)
  -stateful       keep created resources: create, then get, list, update and delete them
  -seed N         seed of synthesized values and ids (default 1): the same seed gives the same answers
  -lenient        serve a spec with validation problems (they are printed as warnings)

request headers:
  Prefer: code=402, example=card_declined   answer with that documented status and example
  Prefer: code=429                          429 with Retry-After: 1; any 4xx/5xx works, documented or not

examples:
  opgen mock -spec specs/openpay-mx.yaml
  opgen mock -spec specs/culqi.yaml -stateful -addr 127.0.0.1:8080
  curl -u sk_test: -X POST http://127.0.0.1:12111/v1/m123/customers -H 'Content-Type: application/json' -d '{"name":"Ana","email":"ana@example.com"}'
  curl -u sk_test: -H 'Prefer: code=402' http://127.0.0.1:12111/v1/m123/charges

In Go tests, use the package github.com/opgen-sdk/opgen/mock instead (mock.NewServer); see docs/MOCK.md.
Stop the server with Ctrl-C (SIGINT) or SIGTERM.

exit status: 0 stopped by a signal, 1 spec or listen failure, 2 wrong usage.
`

// mockSignals returns the context that ends the server; tests replace it.
var mockSignals = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func runMock(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mock", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	specFile := fs.String("spec", "", "")
	addr := fs.String("addr", "127.0.0.1:12111", "")
	stateful := fs.Bool("stateful", false, "")
	seed := fs.Int64("seed", 1, "")
	lenient := fs.Bool("lenient", false, "")
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "opgen: mock: %s\nrun 'opgen mock -h' for usage\n", fmt.Sprintf(format, a...))
		return exitUsage
	}
	positional, err := parseFlags(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, mockUsage)
			return exitOK
		}
		return usageErr("%v", err)
	}
	switch {
	case len(positional) > 1:
		return usageErr("unexpected argument %q: give one spec (opgen mock SPEC); every other input is a flag", positional[1])
	case len(positional) == 1 && *specFile != "":
		return usageErr("two specs: %q and -spec %q: give one", positional[0], *specFile)
	case len(positional) == 1:
		*specFile = positional[0]
	}
	if *specFile == "" {
		return usageErr("missing -spec: say which OpenAPI spec to mock, e.g. -spec specs/openpay-mx.yaml")
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return usageErr("-addr %q is not host:port: use e.g. -addr 127.0.0.1:12111", *addr)
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	opts := []mock.Option{mock.WithSeed(*seed), mock.WithLogger(logger)}
	if *stateful {
		opts = append(opts, mock.WithStateful())
	}
	if *lenient {
		opts = append(opts, mock.WithLenient())
	}
	handler, err := mock.NewHandler(*specFile, opts...)
	if err != nil {
		printErr(stderr, err)
		if !*lenient && lenientHelps(err) {
			fmt.Fprintln(stderr, "opgen: mock: fix the spec, or run with -lenient to serve it despite these validation problems")
		}
		return exitFail
	}
	h := handler.(*mock.Handler)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "opgen: mock: cannot listen on %s: %v\n", *addr, listenHint(err, *addr))
		return exitFail
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "opgen: mock: warning: %s is not a loopback address: other machines can reach this mock\n", *addr)
	}
	base := "http://" + ln.Addr().String()
	mode := "stateless"
	if *stateful {
		mode = "stateful"
	}
	fmt.Fprintf(stdout, "opgen mock: %s (%s): %d operations, %s, seed %d\n", h.Title(), *specFile, len(h.Operations()), mode, *seed)
	fmt.Fprintf(stdout, "listening on %s\n", base)
	if p := h.ServerPath(); p != "" {
		fmt.Fprintf(stdout, "base URL for clients: %s%s (server variables take any value, e.g. %s%s)\n", base, p, base, h.BasePath(nil))
	}

	srv := mock.NewHTTPServer(h) // mock.DefaultLimits: slow and idle clients are dropped
	ctx, stop := mockSignals()
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "opgen: mock: server stopped: %v\n", err)
		return exitFail
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "opgen mock: shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		fmt.Fprintf(stderr, "opgen: mock: shutdown: %v (open connections were closed)\n", err)
		_ = srv.Close()
	}
	<-served
	return exitOK
}

// listenHint explains a listen error and says what to do.
func listenHint(err error, addr string) string {
	msg := err.Error()
	switch {
	case errors.Is(err, syscall.EADDRINUSE) || strings.Contains(msg, "address already in use"):
		return "the address is already in use (another opgen mock, or another server, is listening there): stop it, or choose another port with -addr, e.g. -addr 127.0.0.1:0 for a free one"
	case errors.Is(err, syscall.EACCES) || strings.Contains(msg, "permission denied"):
		return "permission denied: ports below 1024 need privileges; choose a port above 1024 with -addr"
	case strings.Contains(msg, "cannot assign requested address") || strings.Contains(msg, "no such host"):
		return fmt.Sprintf("%v: %s is not an address of this machine; use -addr 127.0.0.1:PORT", err, addr)
	}
	return msg
}

// lenientHelps says whether -lenient would load the spec: only validation problems become warnings with it; a
// missing file, a syntax error or a document kin-openapi cannot load stay errors.
func lenientHelps(err error) bool {
	var ps spec.Problems
	if !errors.As(err, &ps) {
		return false
	}
	for _, p := range ps {
		if p.Kind == "" || p.Kind == spec.KindLoad {
			return false
		}
	}
	return true
}
