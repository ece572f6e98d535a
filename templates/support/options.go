package support

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// LevelTrace is the slog level below Debug at which the client also logs
// request and response bodies, with sensitive fields redacted and card
// numbers masked.
const LevelTrace = slog.Level(-8)

// Environment names one of the API's servers; the package declares a
// constant for each (for example Sandbox and Production).
type Environment string

// Option configures a Client. Printing an Option shows only its name
// ("WithPrivateKey"), never its value.
type Option struct {
	name  string
	apply func(*opgConfig) error
}

// String returns the option's name.
func (o Option) String() string {
	if o.name == "" {
		return "Option"
	}
	return o.name
}

// GoString returns the option's name.
func (o Option) GoString() string { return o.String() }

// Format prints the option's name for every verb.
func (o Option) Format(f fmt.State, _ rune) { io.WriteString(f, o.String()) }

// RequestOption configures one call. Printing a RequestOption shows only its
// name, never its value.
type RequestOption struct {
	name  string
	apply func(*opgCallConfig) error
}

// String returns the option's name.
func (o RequestOption) String() string {
	if o.name == "" {
		return "RequestOption"
	}
	return o.name
}

// GoString returns the option's name.
func (o RequestOption) GoString() string { return o.String() }

// Format prints the option's name for every verb.
func (o RequestOption) Format(f fmt.State, _ rune) { io.WriteString(f, o.String()) }

// ResponseInfo receives details of the last HTTP exchange of a call, filled
// after the call returns, also when it fails (StatusCode is 0 when no
// response arrived).
type ResponseInfo struct {
	StatusCode int
	Header     http.Header
	RequestID  string
	Attempts   int // HTTP attempts made, retries included
}

// credential is the secret of one security scheme. Printing it never shows
// the secret.
type credential struct {
	Username, Password, Token, APIKey string
}

func (c credential) isEmpty() bool {
	return c.Username == "" && c.Password == "" && c.Token == "" && c.APIKey == ""
}

// String never shows the secret.
func (c credential) String() string { return "credential{" + opgRedacted + "}" }

// GoString never shows the secret.
func (c credential) GoString() string { return c.String() }

// Format never shows the secret.
func (c credential) Format(f fmt.State, _ rune) { io.WriteString(f, c.String()) }

// opgConfig collects the client options.
type opgConfig struct {
	baseURL          string
	httpClient       HTTPDoer
	editors          []func(context.Context, *http.Request) error
	timeout          time.Duration
	maxRetries       int
	logger           *slog.Logger
	headers          http.Header
	userAgent        string
	env              Environment
	envSet           bool
	insecure         bool
	backoffInitial   time.Duration
	backoffMax       time.Duration
	maxResponseBytes int64
	vars             map[string]string
	varOptions       map[string]string
	creds            map[string]credential
	credOptions      map[string]string
	drift            *opgDriftConfig
}

// opgCallConfig collects the request options of one call.
type opgCallConfig struct {
	headers    http.Header
	timeout    time.Duration
	timeoutSet bool
	maxRetries int
	retriesSet bool
	idemKey    string
	idemSet    bool
	baseURL    string
	info       *ResponseInfo
	headerDst  opgHeaderReader
}

func opgOption(name string, f func(*opgConfig) error) Option { return Option{name: name, apply: f} }

func opgRequestOption(name string, f func(*opgCallConfig) error) RequestOption {
	return RequestOption{name: name, apply: f}
}

// opgErr is an option error; the caller adds the API and option names.
type opgErr string

func (e opgErr) Error() string { return string(e) }

// WithBaseURL sends every request to u, replacing the environment's server
// and also the servers of operations that have their own host (a token
// endpoint on another host): a mock or a proxy gets every call, and no
// request goes to a host you did not name. A proxy in front of several hosts
// routes by path; WithRequestBaseURL sends one call elsewhere. It must be
// https unless it is a loopback address or WithInsecureHTTP is given.
func WithBaseURL(u string) Option {
	return opgOption("WithBaseURL", func(c *opgConfig) error {
		if strings.TrimSpace(u) == "" {
			return opgErr("empty URL")
		}
		c.baseURL = u
		return nil
	})
}

// HTTPDoer sends HTTP requests: *http.Client is one, and so is any wrapper
// with its Do method (a tracing, metrics or test client).
type HTTPDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// WithHTTPClient sets what sends the requests: an *http.Client (its Transport
// decides proxies, TLS and connection reuse; wrap it for tracing) or any
// HTTPDoer. An *http.Client is not modified: the client works on a copy whose
// CheckRedirect refuses redirects to another host and redirects that would
// replay a write. Another HTTPDoer is called as is: if it follows redirects
// itself, it must not send the credentials to another host.
func WithHTTPClient(hc HTTPDoer) Option {
	return opgOption("WithHTTPClient", func(c *opgConfig) error {
		if hc == nil {
			return opgErr("nil HTTP client")
		}
		if p, ok := hc.(*http.Client); ok && p == nil {
			return opgErr("nil *http.Client")
		}
		c.httpClient = hc
		return nil
	})
}

// WithRequestEditor adds a function the client calls on every outgoing
// request, each retry included, just before it is sent: after the URL,
// headers, idempotency key and credentials are set, so it sees the request
// as it goes on the wire and may add headers (a trace context, a signature)
// or replace the credentials. It must not read or replace the body. An error
// fails the call before that attempt is sent; it is not retried. Editors run
// in the order given. The logs never show headers, so what an editor adds is
// not logged either.
func WithRequestEditor(edit func(ctx context.Context, req *http.Request) error) Option {
	return opgOption("WithRequestEditor", func(c *opgConfig) error {
		if edit == nil {
			return opgErr("nil request editor")
		}
		c.editors = append(c.editors, edit)
		return nil
	})
}

// WithTimeout sets the deadline of each call, retries and waits included
// (default 60s; 0 means none). A streamed body must be read within it.
func WithTimeout(d time.Duration) Option {
	return opgOption("WithTimeout", func(c *opgConfig) error {
		if d < 0 {
			return opgErr("negative timeout")
		}
		c.timeout = d
		return nil
	})
}

// WithMaxRetries sets how many times a failed call that is safe to retry is
// retried (default 2; 0 disables retries).
func WithMaxRetries(n int) Option {
	return opgOption("WithMaxRetries", func(c *opgConfig) error {
		if n < 0 || n > 20 {
			return opgErr("must be between 0 and 20")
		}
		c.maxRetries = n
		return nil
	})
}

// WithRetryBackoff sets the exponential backoff between retries: the first
// wait is up to initial, each next one up to twice the previous, at most
// max, with full jitter (defaults 500ms and 8s). A Retry-After response
// header is honoured up to max.
func WithRetryBackoff(initial, max time.Duration) Option {
	return opgOption("WithRetryBackoff", func(c *opgConfig) error {
		if initial < 0 || max < initial {
			return opgErr("want 0 <= initial <= max")
		}
		c.backoffInitial, c.backoffMax = initial, max
		return nil
	})
}

// WithLogger logs one Debug line per HTTP attempt ("http request":
// operation, method, path template, status, duration, attempt, error). At
// LevelTrace the request and response bodies are logged too, redacted.
// Credentials and auth headers are never logged.
func WithLogger(l *slog.Logger) Option {
	return opgOption("WithLogger", func(c *opgConfig) error {
		c.logger = l
		return nil
	})
}

// WithHeader adds a header to every request.
func WithHeader(k, v string) Option {
	return opgOption("WithHeader", func(c *opgConfig) error {
		if !opgValidHeader(k, v) {
			return opgErr("invalid header name or value")
		}
		if c.headers == nil {
			c.headers = http.Header{}
		}
		c.headers.Add(k, v)
		return nil
	})
}

// WithUserAgent replaces the default User-Agent ("<package>/<version> (opgen)").
func WithUserAgent(ua string) Option {
	return opgOption("WithUserAgent", func(c *opgConfig) error {
		if !opgValidHeader("User-Agent", ua) || ua == "" {
			return opgErr("invalid User-Agent")
		}
		c.userAgent = ua
		return nil
	})
}

// WithEnvironment selects one of the API's servers (default: the first).
func WithEnvironment(env Environment) Option {
	return opgOption("WithEnvironment", func(c *opgConfig) error {
		c.env, c.envSet = env, true
		return nil
	})
}

// WithInsecureHTTP allows a plain-http base URL that is not a loopback
// address. Credentials then travel in clear text: for testing only.
func WithInsecureHTTP() Option {
	return opgOption("WithInsecureHTTP", func(c *opgConfig) error {
		c.insecure = true
		return nil
	})
}

// WithMaxResponseBytes caps the size of a response body read into memory
// (default 16 MiB); a larger body fails with ErrResponseTooLarge. Streamed
// downloads are not capped.
func WithMaxResponseBytes(n int64) Option {
	return opgOption("WithMaxResponseBytes", func(c *opgConfig) error {
		if n <= 0 {
			return opgErr("must be positive")
		}
		c.maxResponseBytes = n
		return nil
	})
}

// serverVariableOption is the option behind a generated WithMerchantID: it
// sets a server variable; optionName is used in errors.
func serverVariableOption(optionName, variable, value string) Option {
	return opgOption(optionName, func(c *opgConfig) error {
		if value == "" {
			return opgErr("empty value")
		}
		if strings.ContainsAny(value, "?#@{} \t\r\n\x00") {
			return opgErr("value contains a character not allowed in a URL")
		}
		if c.vars == nil {
			c.vars, c.varOptions = map[string]string{}, map[string]string{}
		}
		c.vars[variable] = value
		c.varOptions[variable] = optionName
		return nil
	})
}

// credentialOption is the option behind a generated WithPrivateKey: it sets
// the credential of a security scheme.
func credentialOption(optionName, scheme string, cred credential) Option {
	return opgOption(optionName, func(c *opgConfig) error {
		if cred.isEmpty() {
			return opgErr("empty credential")
		}
		for _, s := range []string{cred.Username, cred.Password, cred.Token, cred.APIKey} {
			if strings.ContainsAny(s, "\r\n\x00") {
				return opgErr("credential contains a control character")
			}
		}
		if c.creds == nil {
			c.creds, c.credOptions = map[string]credential{}, map[string]string{}
		}
		c.creds[scheme] = cred
		c.credOptions[scheme] = optionName
		return nil
	})
}

// WithRequestHeader adds a header to this call's request.
func WithRequestHeader(k, v string) RequestOption {
	return opgRequestOption("WithRequestHeader", func(c *opgCallConfig) error {
		if !opgValidHeader(k, v) {
			return opgErr("invalid header name or value")
		}
		if c.headers == nil {
			c.headers = http.Header{}
		}
		c.headers.Add(k, v)
		return nil
	})
}

// WithRequestTimeout sets this call's deadline, retries included, in place
// of the client's WithTimeout (0 means none).
func WithRequestTimeout(d time.Duration) RequestOption {
	return opgRequestOption("WithRequestTimeout", func(c *opgCallConfig) error {
		if d < 0 {
			return opgErr("negative timeout")
		}
		c.timeout, c.timeoutSet = d, true
		return nil
	})
}

// WithRequestMaxRetries sets this call's maximum number of retries.
func WithRequestMaxRetries(n int) RequestOption {
	return opgRequestOption("WithRequestMaxRetries", func(c *opgCallConfig) error {
		if n < 0 || n > 20 {
			return opgErr("must be between 0 and 20")
		}
		c.maxRetries, c.retriesSet = n, true
		return nil
	})
}

// opgIdempotencyKey is the body of the generated WithIdempotencyKey, which a package has only when one of its
// operations declares an idempotency header: an API without keys offers no option that could only fail.
func opgIdempotencyKey(key string) RequestOption {
	return opgRequestOption("WithIdempotencyKey", func(c *opgCallConfig) error {
		if key == "" || !opgValidHeader("Idempotency-Key", key) {
			return opgErr("empty or invalid key")
		}
		c.idemKey, c.idemSet = key, true
		return nil
	})
}

// WithRequestBaseURL sends this call to another base URL (with the client's
// credentials), also for operations that have their own servers.
func WithRequestBaseURL(u string) RequestOption {
	return opgRequestOption("WithRequestBaseURL", func(c *opgCallConfig) error {
		if strings.TrimSpace(u) == "" {
			return opgErr("empty URL")
		}
		c.baseURL = u
		return nil
	})
}

// WithResponseInfo fills info with the status, headers, request id and
// attempt count of the call when it returns, also on error.
func WithResponseInfo(info *ResponseInfo) RequestOption {
	return opgRequestOption("WithResponseInfo", func(c *opgCallConfig) error {
		c.info = info
		return nil
	})
}

// opgValidHeader reports whether k is a valid header name and v a value
// without line breaks or NUL.
func opgValidHeader(k, v string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return !strings.ContainsAny(v, "\r\n\x00")
}
