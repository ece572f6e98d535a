package support

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Defaults of the client options.
const (
	opgDefaultTimeout          = 60 * time.Second
	opgDefaultMaxRetries       = 2
	opgDefaultBackoffInitial   = 500 * time.Millisecond
	opgDefaultBackoffMax       = 8 * time.Second
	opgDefaultMaxResponseBytes = 16 << 20
	opgMaxRedirects            = 10
)

// clientCore sends the API's requests. It is immutable after construction
// and safe for concurrent use.
type clientCore struct {
	def              *apiDefinition
	baseURL          string
	baseURLSet       bool // WithBaseURL was given: every request goes there, operation servers included
	env              string
	vars             map[string]string // every variable: set value or default
	varSet           map[string]bool
	hc               HTTPDoer
	editors          []func(context.Context, *http.Request) error
	timeout          time.Duration
	maxRetries       int
	backoffInitial   time.Duration
	backoffMax       time.Duration
	logger           *slog.Logger
	headers          http.Header
	userAgent        string
	insecure         bool
	maxResponseBytes int64
	// drift is nil unless WithDriftHandler or WithStrictDecoding was given: responses are then not checked.
	drift       *opgDriftConfig
	redactor    *opgRedactor
	secretQuery map[string]bool // query parameters holding API keys
	// sleep, when set, replaces the timer of a retry's wait (tests: a fake clock that records the waits asked
	// for, so that no test depends on the machine's speed). It returns whether to go on.
	sleep func(ctx context.Context, d time.Duration) bool
	// keys holds the credentials behind a func value. fmt reaches unexported
	// fields without calling String or Format (%s of a generated Client value
	// dumps its core), but it prints a func as an address.
	keys func() *opgKeys
}

// newClientCore applies opts and checks the configuration: environment,
// server variables (required ones set, enum values valid), an https base URL
// (plain http only for loopback or with WithInsecureHTTP), credentials.
func newClientCore(def *apiDefinition, opts []Option) (*clientCore, error) {
	if def == nil {
		return nil, errors.New("newClientCore: nil apiDefinition")
	}
	cerr := func(field, reason string) error {
		return &ValidationError{api: def.Name, Field: field, Reason: reason, text: strings.TrimPrefix(field+": ", ": ") + reason}
	}
	varErr := func(field, reason string) error {
		return &ValidationError{api: def.Name, Field: field, Reason: reason, text: reason}
	}
	cfg := opgConfig{
		timeout:          opgDefaultTimeout,
		maxRetries:       opgDefaultMaxRetries,
		backoffInitial:   opgDefaultBackoffInitial,
		backoffMax:       opgDefaultBackoffMax,
		maxResponseBytes: opgDefaultMaxResponseBytes,
	}
	for _, o := range opts {
		if o.apply == nil {
			continue
		}
		if err := o.apply(&cfg); err != nil {
			return nil, cerr(o.String(), err.Error())
		}
	}
	c := &clientCore{
		def:              def,
		timeout:          cfg.timeout,
		maxRetries:       cfg.maxRetries,
		backoffInitial:   cfg.backoffInitial,
		backoffMax:       cfg.backoffMax,
		logger:           cfg.logger,
		headers:          cfg.headers,
		userAgent:        cfg.userAgent,
		insecure:         cfg.insecure,
		maxResponseBytes: cfg.maxResponseBytes,
		drift:            cfg.drift,
		redactor:         opgNewRedactor(def.SensitiveFields),
		secretQuery:      map[string]bool{},
		vars:             map[string]string{},
		varSet:           map[string]bool{},
	}
	if c.userAgent == "" {
		v := def.Version
		if v == "" {
			v = "dev"
		}
		c.userAgent = def.Name + "/" + v + " (opgen)"
	}

	// Environment.
	var envURL string
	var envDefaults map[string]string
	if len(def.Environments) > 0 {
		c.env, envURL, envDefaults = def.Environments[0].Name, def.Environments[0].URL, def.Environments[0].Defaults
	}
	if cfg.envSet {
		found := false
		var names []string
		for _, e := range def.Environments {
			names = append(names, strconv.Quote(e.Name))
			if e.Name == string(cfg.env) {
				c.env, envURL, envDefaults, found = e.Name, e.URL, e.Defaults, true
			}
		}
		if !found {
			return nil, cerr("WithEnvironment", "unknown environment "+strconv.Quote(string(cfg.env))+"; known: "+strings.Join(names, ", "))
		}
	}

	tmpl := envURL
	if cfg.baseURL != "" {
		tmpl = cfg.baseURL
		c.baseURLSet = true
	}
	if def.ServerVariables != nil {
		if err := def.ServerVariables.setup(c, &cfg, envURL, envDefaults, cerr); err != nil {
			return nil, err
		}
	}
	if tmpl == "" {
		return nil, cerr("WithBaseURL", "no base URL: use WithBaseURL")
	}
	base, missing := c.expand(tmpl)
	if missing != "" {
		return nil, varErr(def.ServerVariables.missing(missing))
	}
	base, err := opgCheckBaseURL(base, c.insecure)
	if err != nil {
		return nil, cerr("base URL", err.Error())
	}
	c.baseURL = base

	// Credentials.
	keys := &opgKeys{creds: map[string]credential{}}
	c.keys = func() *opgKeys { return keys }
	if def.SecuritySchemes != nil {
		if err := def.SecuritySchemes.setup(c, &cfg, keys, cerr); err != nil {
			return nil, err
		}
	}

	c.editors = cfg.editors
	// HTTP client: a copy that refuses cross-host redirects, and redirects that would replay a write. Another
	// HTTPDoer is the caller's own: used as given (WithHTTPClient says what it must do about redirects).
	var hc http.Client
	switch d := cfg.httpClient.(type) {
	case nil:
	case *http.Client:
		hc = *d
	default:
		c.hc = d
		return c, nil
	}
	userCheck := hc.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) == 0 {
			return nil
		}
		if !opgSameOrigin(req.URL, via[0].URL) {
			return http.ErrUseLastResponse
		}
		if !opgRedirectAllowed(req, via[0]) {
			return http.ErrUseLastResponse
		}
		if len(via) >= opgMaxRedirects {
			return opgRedirectLimitError{}
		}
		if userCheck != nil {
			return userCheck(req, via)
		}
		return nil
	}
	c.hc = &hc
	return c, nil
}

// opgRedirectPolicyKey keys the per-call redirect policy in a request's context.
type opgRedirectPolicyKey struct{}

// opgRedirectPolicy is what a call allows a redirect to do.
type opgRedirectPolicy struct {
	// replaySafe: sending the write again is safe (an idempotent method, an x-opgen-idempotent operation, or an
	// idempotency key), so a 307/308 may resend its body.
	replaySafe bool
}

// opgRedirectAllowed decides whether next, a same-origin redirect of first, is followed. A read is. A write is
// not when net/http changed its method (a 301/302/303 makes a POST a GET, whose answer would pass for the
// write's result), nor when it resends the body (307/308) and sending it again is not safe: the call then
// returns the 3xx as an *APIError naming the Location.
func opgRedirectAllowed(next, first *http.Request) bool {
	if opgReadMethods[first.Method] {
		return true
	}
	if next.Method != first.Method {
		return false
	}
	p, _ := first.Context().Value(opgRedirectPolicyKey{}).(*opgRedirectPolicy)
	return p != nil && p.replaySafe
}

// opgRedirectLimitError ends a redirect chain longer than opgMaxRedirects. It is not retried: the same chain would
// follow.
type opgRedirectLimitError struct{}

func (opgRedirectLimitError) Error() string {
	return "stopped after " + strconv.Itoa(opgMaxRedirects) + " redirects (not retried)"
}

// expand fills the {variables} of a server URL template. missing names a
// variable that has no value. An API without server variables has none to
// fill.
func (c *clientCore) expand(tmpl string) (out, missing string) {
	if c.def.ServerVariables == nil {
		return tmpl, ""
	}
	return c.def.ServerVariables.expand(c, tmpl)
}

// opgCheckBaseURL parses a base URL and requires https, except for loopback
// hosts or when insecure is set. It rejects userinfo and fragments and
// returns the URL without a trailing slash.
func opgCheckBaseURL(s string, insecure bool) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return "", errors.New("invalid base URL")
	}
	if u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", errors.New("base URL " + strconv.Quote(opgRedactURL(u, nil)) + " must be an absolute http(s) URL")
	}
	if u.User != nil {
		return "", errors.New("base URL must not hold credentials: use the credential options")
	}
	if u.Fragment != "" {
		return "", errors.New("base URL must not have a fragment")
	}
	if u.Scheme == "http" && !insecure && !opgIsLoopback(u.Hostname()) {
		return "", errors.New("base URL " + strconv.Quote(u.String()) + " is not https: use WithInsecureHTTP to allow it")
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

func opgIsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func opgSameOrigin(a, b *url.URL) bool {
	port := func(u *url.URL) string {
		if p := u.Port(); p != "" {
			return p
		}
		if u.Scheme == "https" {
			return "443"
		}
		return "80"
	}
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

// opgRedactURL renders u without userinfo, with the values of API-key query
// parameters and sensitive query parameters redacted and card numbers
// masked.
func opgRedactURL(u *url.URL, secret func(name string) bool) string {
	cp := *u
	cp.User = nil
	if cp.RawQuery != "" {
		q, err := url.ParseQuery(cp.RawQuery)
		if err != nil {
			cp.RawQuery = opgRedacted
		} else {
			for k, vs := range q {
				if secret != nil && secret(k) {
					for i := range vs {
						vs[i] = opgRedacted
					}
				}
			}
			cp.RawQuery = q.Encode()
		}
	}
	return opgMaskCardNumbers(cp.String())
}

// String describes the client without any secret:
// openpaymx.Client{baseURL: https://..., auth: [privateKey]}.
func (c clientCore) String() string {
	if c.def == nil {
		return "Client{}"
	}
	var creds map[string]credential
	if c.keys != nil {
		creds = c.keys().creds
	}
	names := make([]string, 0, len(creds))
	for n := range creds {
		names = append(names, n)
	}
	sort.Strings(names)
	return c.def.Name + ".Client{baseURL: " + c.baseURL + ", auth: [" + strings.Join(names, " ") + "]}"
}

// GoString is String: it never shows a secret.
func (c clientCore) GoString() string { return c.String() }

// Format prints String for every verb.
func (c clientCore) Format(f fmt.State, _ rune) { io.WriteString(f, c.String()) }

// opgKeys are a client's credentials and the values derived from them that
// errors and logs must never show.
type opgKeys struct {
	creds      map[string]credential
	secrets    []string
	authHeader map[string]string // basic-auth scheme -> its Authorization header, made once
}

// edit runs the WithRequestEditor functions on one attempt's request. A panic
// in one is the caller's bug, reported as the call's error rather than
// crashing the program from inside the SDK.
func (c *clientCore) edit(ctx context.Context, req *http.Request) (err error) {
	for i, e := range c.editors {
		func() {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("request editor %d panicked: %v", i+1, r)
				}
			}()
			if e2 := e(ctx, req); e2 != nil {
				err = fmt.Errorf("request editor %d: %w", i+1, e2)
			}
		}()
		if err != nil {
			return err
		}
	}
	return nil
}
