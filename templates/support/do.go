package support

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// request is one call's request, built by the generated code.
type request struct {
	Path  string     // filled and escaped, relative to the base URL
	Query url.Values // may be nil
	// RawQuery is the escaped query string of the declared parameters (see
	// query), sent before Query.
	RawQuery string
	Header   http.Header // declared header parameters; may be nil
	Cookies  []*http.Cookie
	Body     requestBody // nil: no body
	Stream   bool        // stream the success body into response.Stream
}

// String describes the request without parameter values.
func (r request) String() string {
	keys := make([]string, 0, len(r.Query))
	for k := range r.Query {
		keys = append(keys, k)
	}
	for _, kv := range strings.Split(r.RawQuery, "&") {
		if k, _, _ := strings.Cut(kv, "="); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	ct := ""
	if r.Body != nil {
		ct = r.Body.contentType()
	}
	return "request{Path: " + r.Path + ", Query: [" + strings.Join(keys, " ") + "], Body: " + ct + "}"
}

// GoString is String.
func (r request) GoString() string { return r.String() }

// Format prints String for every verb.
func (r request) Format(f fmt.State, _ rune) { io.WriteString(f, r.String()) }

// opgRetrySafeMethods are retried by default.
var opgRetrySafeMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPut: true,
	http.MethodDelete: true, http.MethodOptions: true, http.MethodTrace: true,
}

// opgReadMethods change nothing on the server: a failed read has no outcome to reconcile.
var opgReadMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodOptions: true, http.MethodTrace: true,
}

// do sends the request of op, with retries, and returns the 2xx response or
// an error: *ValidationError before sending, *APIError for a non-2xx
// response, else an error naming the operation that wraps its cause (and
// ErrOutcomeUnknown, context errors, ErrResponseTooLarge as they apply).
func (c *clientCore) do(ctx context.Context, op *operationDef, req *request, opts []RequestOption) (_ *response, err error) {
	if ctx == nil {
		ctx = context.Background()
	}
	callCtx := ctx // the caller's, for the drift handler: ctx below is cancelled when do returns
	if req == nil {
		req = &request{}
	}
	vErr := func(field, text string) error {
		return &ValidationError{api: c.def.Name, Operation: op.ID, Field: field, Reason: text, text: text}
	}
	var cc opgCallConfig
	if len(opts) > 0 {
		// Applied to a copy on the heap, so that a call without options does
		// not pay for one.
		p := new(opgCallConfig)
		for _, o := range opts {
			if o.apply == nil {
				continue
			}
			if err := o.apply(p); err != nil {
				return nil, vErr(o.String(), o.String()+": "+err.Error())
			}
		}
		cc = *p
	}
	var st opgCallState
	if cc.headerDst != nil {
		defer func() {
			if st.header != nil {
				cc.headerDst.readHeaders(st.header)
			}
		}()
	}
	if cc.info != nil {
		defer func() {
			*cc.info = ResponseInfo{StatusCode: st.status, Header: st.header, RequestID: st.requestID, Attempts: st.attempts}
		}()
	}

	method := strings.ToUpper(op.Method)
	if method == "" {
		method = http.MethodGet
	}

	// URL.
	base, err := c.resolveBase(op, cc.baseURL)
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	for k, vs := range req.Query {
		q[k] = append([]string(nil), vs...)
	}

	// Headers.
	h := http.Header{}
	h.Set("User-Agent", c.userAgent)
	h.Set("Accept", "application/json")
	for _, src := range []http.Header{c.headers, req.Header, cc.headers} {
		for k, vs := range src {
			h[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
		}
	}
	var body []byte
	var bodyCT string
	var logBody []byte
	if req.Body != nil {
		var err error
		if b, ok := req.Body.(*opgBytesBody); ok && b.err == nil && len(b.b) <= opgMaxRequestBody {
			body = b.b // already in memory, never modified: no copy
			if body == nil {
				body = []byte{}
			}
		} else {
			var r io.Reader
			r, err = req.Body.reader()
			if err == nil {
				body, err = opgReadCapped(r, opgMaxRequestBody)
			}
		}
		if err != nil {
			if ve := opgBodyError(c.def.Name, op.ID, err); ve != nil {
				return nil, ve
			}
			return nil, &opgCallError{api: c.def.Name, op: op.ID, msg: err.Error(), errs: []error{err}}
		}
		bodyCT = req.Body.contentType()
		logBody = req.Body.logBody()
		if bodyCT != "" {
			h.Set("Content-Type", bodyCT)
		}
	}
	if cc.idemSet {
		if op.IdempotencyHeader == "" {
			return nil, vErr("WithIdempotencyKey", "this operation takes no idempotency key (WithIdempotencyKey)")
		}
		h.Set(op.IdempotencyHeader, cc.idemKey)
	}
	hasKey := op.IdempotencyHeader != "" && h.Get(op.IdempotencyHeader) != ""

	// Security.
	cookies := append([]*http.Cookie(nil), req.Cookies...)
	if c.def.SecuritySchemes != nil {
		if err := c.def.SecuritySchemes.apply(c, op, h, q, &cookies); err != nil {
			return nil, err
		}
	}
	for _, ck := range cookies {
		// net/http would drop the bytes a cookie cannot carry, log it and send what is left: refuse instead.
		// The value is not quoted: it may be a credential.
		if ck.Valid() != nil {
			return nil, vErr(ck.Name, "cookie "+strconv.Quote(ck.Name)+": the value holds a character a cookie cannot carry (a control or non-ASCII character, '\"', ';' or '\\')")
		}
	}

	// net/http refuses a header it cannot send, but only once the attempt runs, with an error that cannot be told
	// from a failure on the wire: refuse it here, before sending, naming the header (its value may be a credential).
	if name, ok := opgInvalidHeader(h); !ok {
		return nil, vErr(name, "header "+strconv.Quote(name)+": the name or the value holds a character a header cannot carry (a control character, or a separator in the name)")
	}

	full := base + req.Path
	enc := req.RawQuery
	if more := q.Encode(); more != "" {
		enc = strings.TrimPrefix(enc+"&"+more, "&")
	}
	if enc != "" {
		if strings.Contains(full, "?") {
			full += "&" + enc
		} else {
			full += "?" + enc
		}
	}
	u, err := url.Parse(full)
	if err != nil {
		return nil, vErr("path", "invalid request URL")
	}
	// The URL as errors and logs show it: made when the first one needs it.

	retrySafe := opgRetrySafeMethods[method] || op.Idempotent || hasKey
	// writes: the request changes state on the server, so a failure after it may have arrived leaves the outcome
	// unknown, even when retrying is safe (an idempotency key makes the retry safe, not the outcome known).
	writes := !opgReadMethods[method]
	maxRetries := c.maxRetries
	if cc.retriesSet {
		maxRetries = cc.maxRetries
	}
	timeout := c.timeout
	if cc.timeoutSet {
		timeout = cc.timeout
	}
	if writes {
		// A redirect must not replay a write that is not safe to send again (opgRedirectAllowed).
		ctx = context.WithValue(ctx, opgRedirectPolicyKey{}, &opgRedirectPolicy{replaySafe: retrySafe})
	}
	var cancel context.CancelFunc
	if timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, timeout)
	} else {
		ctx, cancel = context.WithCancel(ctx)
	}
	handedOff := false
	defer func() {
		if !handedOff {
			cancel()
		}
	}()

	// Values a server might echo back that must not reach an error or a log
	// line: the credentials and the request's sensitive fields (card number,
	// CVV...). Finding the latter parses the body: a.secrets does it for the
	// first log line or error that needs them, not on every call.
	a := opgAttempt{c: c, op: op, method: method, u: u, bodyCT: bodyCT, logBody: logBody}
	fail := func(msg string, unknown bool, errs ...error) error {
		e := &opgCallError{api: c.def.Name, op: op.ID, msg: method + " " + a.url() + ": "}
		if unknown {
			e.msg += ErrOutcomeUnknown.Error() + ": "
			e.errs = append(e.errs, ErrOutcomeUnknown)
		}
		// msg quotes the error of the caller's http.Client or RoundTripper, which may quote the URL (an API key
		// in its query) or a header.
		e.msg += a.scrub(msg)
		for _, x := range errs {
			if x != nil {
				e.errs = append(e.errs, x)
			}
		}
		return e
	}
	var lastErr error
	// landed: an earlier attempt of this call may have taken effect on the server (it was sent and then lost, or
	// answered with a 5xx). A write whose retries are cut short (a deadline, a cancellation, a later attempt
	// failing otherwise) then fails as an unknown outcome too: the earlier attempt may have charged.
	landed := false
	for attempt := 1; ; attempt++ {
		if ctxErr := ctx.Err(); ctxErr != nil {
			msg := ctxErr.Error()
			if lastErr != nil {
				msg += " (after " + strconv.Itoa(attempt-1) + " attempts; last error: " + lastErr.Error() + ")"
			}
			return nil, fail(msg, writes && landed, ctxErr, lastErr)
		}
		st.attempts = attempt
		var rdr io.Reader
		if body != nil {
			rdr = bytes.NewReader(body)
		}
		// The trace tells a failure before any connection was made (DNS, dial, TLS handshake: nothing was sent)
		// from one after, whatever the error's type.
		var conn opgConnTrace
		hreq, err := http.NewRequestWithContext(conn.context(ctx), method, full, rdr)
		if err != nil {
			return nil, fail(err.Error(), writes && landed, err)
		}
		// A *bytes.Reader body gets its ContentLength and GetBody (for
		// redirects) from NewRequestWithContext. The headers are not copied:
		// nothing writes h once the attempts start, and a RoundTripper must
		// not modify the request. AddCookie does: then each attempt has a copy.
		hreq.Header = h
		if len(cookies) > 0 {
			hreq.Header = h.Clone()
			for _, ck := range cookies {
				hreq.AddCookie(ck)
			}
		}
		if len(c.editors) > 0 {
			if len(cookies) == 0 {
				hreq.Header = h.Clone() // an editor's changes stay on this attempt
			}
			if err := c.edit(ctx, hreq); err != nil {
				return nil, fail("not sent: "+err.Error(), writes && landed, err)
			}
			// An editor's header that net/http would refuse is refused here, like the call's own.
			if name, ok := opgInvalidHeader(hreq.Header); !ok {
				return nil, fail("not sent: request editor: header "+strconv.Quote(name)+": the name or the value holds a character a header cannot carry", writes && landed)
			}
		}
		start := time.Now()
		hresp, err := c.hc.Do(hreq)
		if err != nil {
			cause := err
			var ue *url.Error
			if errors.As(err, &ue) {
				cause = ue.Err
			}
			// sent: some of the request may have reached the server. permanent: sending it again cannot help
			// (a rejected certificate, a redirect loop).
			sent := !opgNothingSent(cause) && !conn.none()
			permanent := opgPermanent(cause)
			a.log(ctx, attempt, 0, time.Since(start), cause, bodyCT, logBody, "", nil, "")
			ctxErr := ctx.Err()
			if ctxErr != nil {
				msg := cause.Error()
				if !errors.Is(cause, ctxErr) {
					msg = ctxErr.Error() + ": " + msg
				}
				return nil, fail(msg, (sent || landed) && writes, ctxErr, cause)
			}
			landed = landed || sent
			msg := cause.Error()
			if !sent {
				msg = "not sent: " + msg
			}
			if !permanent && (retrySafe || !sent) && attempt <= maxRetries {
				lastErr = fail(msg, false, cause)
				if c.wait(ctx, attempt, 0, false) || ctx.Err() != nil {
					continue
				}
				return nil, fail(msg, landed && writes, cause)
			}
			return nil, fail(msg, landed && writes, cause)
		}

		st.status, st.header = hresp.StatusCode, hresp.Header
		// A server echoing the credential in its request-id header must not put it in an error or a log line.
		st.requestID = opgScrub(c.requestID(hresp.Header), c.keys().secrets)
		ok2xx := hresp.StatusCode >= 200 && hresp.StatusCode < 300
		if ok2xx && req.Stream {
			a.log(ctx, attempt, hresp.StatusCode, time.Since(start), nil, bodyCT, logBody, "", nil, st.requestID)
			handedOff = true
			return &response{StatusCode: hresp.StatusCode, Header: hresp.Header, Stream: &opgStream{rc: hresp.Body, cancel: cancel}, api: c.def.Name}, nil
		}
		data, tooLarge, readErr := opgReadResponse(hresp.Body, hresp.ContentLength, c.maxResponseBytes)
		respCT := hresp.Header.Get("Content-Type")
		logErr := readErr
		if tooLarge {
			logErr = ErrResponseTooLarge
		}
		a.log(ctx, attempt, hresp.StatusCode, time.Since(start), logErr, bodyCT, logBody, respCT, data, st.requestID)

		if ok2xx {
			switch {
			case tooLarge:
				return nil, fail(ErrResponseTooLarge.Error()+" (limit "+strconv.FormatInt(c.maxResponseBytes, 10)+" bytes; see WithMaxResponseBytes)", writes, ErrResponseTooLarge)
			case readErr != nil:
				if ctxErr := ctx.Err(); ctxErr != nil {
					return nil, fail("reading "+strconv.Itoa(hresp.StatusCode)+" response: "+readErr.Error(), writes, ctxErr, readErr)
				}
				if retrySafe && attempt <= maxRetries {
					landed = true
					lastErr = fail("reading response: "+readErr.Error(), false, readErr)
					if c.wait(ctx, attempt, 0, false) || ctx.Err() != nil {
						continue
					}
					return nil, fail("reading "+strconv.Itoa(hresp.StatusCode)+" response: "+readErr.Error(), writes, readErr)
				}
				return nil, fail("reading "+strconv.Itoa(hresp.StatusCode)+" response: "+readErr.Error(), writes, readErr)
			}
			resp := &response{StatusCode: hresp.StatusCode, Header: hresp.Header, Body: data, api: c.def.Name, lostIfUndecodable: writes}
			if c.drift != nil {
				resp.drift = &opgDriftCall{opgDriftConfig: c.drift, types: c.def.DriftTypes, ctx: callCtx}
			}
			return resp, nil
		}

		apiErr := &APIError{
			StatusCode: hresp.StatusCode, Method: method, URL: a.url(), Operation: op.ID,
			RequestID: st.requestID, api: c.def.Name,
		}
		if hresp.StatusCode >= 300 && hresp.StatusCode < 400 {
			apiErr.location = a.location(hresp)
		}
		apiErr.Body = data
		if len(data) > opgMaxErrorBody {
			apiErr.Body = data[:opgMaxErrorBody]
		}
		apiErr.Body = bytes.Clone(apiErr.Body)
		apiErr.snippet = c.redactor.snippet(respCT, apiErr.Body, a.secrets())
		if !tooLarge && readErr == nil && op.DecodeError != nil && len(bytes.TrimSpace(data)) > 0 {
			apiErr.Err = opgSafeDecodeError(op.DecodeError, hresp.StatusCode, data)
			if apiErr.Err != nil {
				apiErr.errText = opgScrub(opgMaskCardNumbers(apiErr.Err.Error()), a.secrets())
				// Some providers (Openpay) put the request id in the error body rather than a header.
				if r, ok := apiErr.Err.(interface{ opgRequestID() string }); ok && apiErr.RequestID == "" {
					apiErr.RequestID = opgScrub(r.opgRequestID(), a.secrets())
					st.requestID = apiErr.RequestID
				}
			}
		}
		retryStatus := hresp.StatusCode == http.StatusRequestTimeout || hresp.StatusCode == http.StatusTooManyRequests ||
			(hresp.StatusCode >= 500 && hresp.StatusCode != http.StatusNotImplemented)
		landed = landed || (hresp.StatusCode >= 500 && hresp.StatusCode != http.StatusNotImplemented)
		if retryStatus && retrySafe && attempt <= maxRetries {
			ra, hasRA := opgRetryAfter(hresp.Header.Get("Retry-After"))
			lastErr = apiErr
			if c.wait(ctx, attempt, ra, hasRA) || ctx.Err() != nil {
				continue
			}
		}
		apiErr.outcomeUnknown = writes && landed
		return nil, apiErr
	}
}

// opgCallState is what ResponseInfo reports.
type opgCallState struct {
	status    int
	header    http.Header
	requestID string
	attempts  int
}

// resolveBase returns the base URL of a call: the per-call one, else the
// operation's server for the environment, else the client's.
func (c *clientCore) resolveBase(op *operationDef, override string) (string, error) {
	vErr := func(field, text string) error {
		return &ValidationError{api: c.def.Name, Operation: op.ID, Field: field, Reason: text, text: text}
	}
	if override != "" {
		b, err := opgCheckBaseURL(override, c.insecure)
		if err != nil {
			return "", vErr("WithRequestBaseURL", "WithRequestBaseURL: "+err.Error())
		}
		return b, nil
	}
	// WithBaseURL points the whole client somewhere else (a mock, a proxy): an operation's own server must not
	// send its request, card data and credentials to the real host behind the user's back.
	if len(op.Servers) > 0 && !c.baseURLSet {
		tmpl, ok := op.Servers[c.env]
		if !ok {
			tmpl, ok = op.Servers[""]
		}
		if ok {
			s, missing := c.expand(tmpl)
			if missing != "" {
				return "", vErr(c.def.ServerVariables.missing(missing))
			}
			b, err := opgCheckBaseURL(s, c.insecure)
			if err != nil {
				return "", vErr("server", err.Error())
			}
			return b, nil
		}
	}
	return c.baseURL, nil
}

// requestID returns the provider's request id from the response headers.
func (c *clientCore) requestID(h http.Header) string {
	for _, name := range c.def.RequestIDHeaders {
		if v := h.Get(name); v != "" {
			return v
		}
	}
	return h.Get("X-Request-Id")
}

// wait sleeps before retry number attempt (1-based): Retry-After when the
// server sent one (capped at the maximum backoff), else exponential backoff
// with full jitter. It returns false, without waiting, when the wait would
// pass the context's deadline, and false when the context ends.
func (c *clientCore) wait(ctx context.Context, attempt int, retryAfter time.Duration, hasRetryAfter bool) bool {
	var d time.Duration
	if hasRetryAfter {
		d = min(max(retryAfter, 0), c.backoffMax)
	} else {
		ceil := c.backoffInitial
		for i := 1; i < attempt && ceil < c.backoffMax; i++ {
			ceil *= 2
		}
		ceil = min(ceil, c.backoffMax)
		if ceil > 0 {
			d = rand.N(ceil + 1)
		}
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= d {
		return false
	}
	if c.sleep != nil {
		return c.sleep(ctx, d)
	}
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// opgRetryAfter parses a Retry-After header: seconds or an HTTP date.
func opgRetryAfter(v string) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > 86400 {
			n = 86400
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t), true
	}
	return 0, false
}

// opgNothingSent reports whether a transport error certainly happened before
// any byte of the request was sent: the connection could not be made (DNS,
// dial, proxy), its TLS handshake failed, or the redirect chain was cut
// (every request of it was answered with a redirect, none acted on).
func opgNothingSent(err error) bool {
	if opgNoTLSServer(err) {
		return true
	}
	var oe *net.OpError
	if errors.As(err, &oe) && (oe.Op == "dial" || oe.Op == "proxyconnect") {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns) || errors.Is(err, syscall.ECONNREFUSED) || opgCertificateError(err) || errors.As(err, new(opgRedirectLimitError))
}

// opgPermanent reports a transport error that sending the request again
// cannot cure: the server's certificate was rejected, it speaks no TLS, or
// its redirects loop.
func opgPermanent(err error) bool {
	return opgCertificateError(err) || opgNoTLSServer(err) || errors.As(err, new(opgRedirectLimitError))
}

// opgNoTLSServer reports an https request answered by a plain-HTTP server:
// the handshake's first record was not TLS. http.Transport replaces the
// tls.RecordHeaderError by an error of its own, told by its text.
func opgNoTLSServer(err error) bool {
	var rec tls.RecordHeaderError
	return errors.As(err, &rec) || (err != nil && err.Error() == "http: server gave HTTP response to HTTPS client")
}

func opgCertificateError(err error) bool {
	var (
		cv *tls.CertificateVerificationError
		ua x509.UnknownAuthorityError
		he x509.HostnameError
		ci x509.CertificateInvalidError
	)
	return errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &he) || errors.As(err, &ci)
}

// opgConnTrace records whether an attempt asked the transport for a
// connection and got one. Asked and never got: the failure was in DNS, dial
// or the TLS handshake, before any byte of the request was written. A
// RoundTripper that reports nothing leaves the error's type to decide.
type opgConnTrace struct{ asked, got atomic.Bool }

func (t *opgConnTrace) context(ctx context.Context) context.Context {
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GetConn: func(string) { t.asked.Store(true) },
		GotConn: func(httptrace.GotConnInfo) { t.got.Store(true) },
	})
}

// none reports that the transport asked for a connection and never got one.
func (t *opgConnTrace) none() bool { return t.asked.Load() && !t.got.Load() }

// opgInvalidHeader returns the first header net/http would refuse to send
// (a name that is not a token, a value with a control character other than
// tab), and false; or "", true.
func opgInvalidHeader(h http.Header) (string, bool) {
	bad := ""
	for k, vs := range h {
		if opgBadHeaderName(k) || slices.ContainsFunc(vs, opgBadHeaderValue) {
			if bad == "" || k < bad { // the same name whatever the map's order
				bad = k
			}
		}
	}
	return bad, bad == "" && h[""] == nil
}

func opgBadHeaderName(k string) bool {
	if k == "" {
		return true
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return true
		}
	}
	return false
}

func opgBadHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return true
		}
	}
	return false
}

// opgReadResponseChunk is the buffer a response body starts in when its
// Content-Length is larger: the buffer then grows as bytes arrive, at most
// doubling, and never past Content-Length+1 bytes.
const opgReadResponseChunk = 32 << 10

// opgReadResponse reads a body up to max bytes and closes it. tooLarge
// reports a longer body (the connection is then dropped, not drained). size
// is the Content-Length, or -1. Memory follows the bytes that arrive, not the
// Content-Length: a server announcing 16 MiB and sending nothing costs no
// 16 MiB buffer. A body that matches its Content-Length is read without a
// byte of slack and without growing once it fits the first buffer.
func opgReadResponse(rc io.ReadCloser, size, maxBytes int64) (data []byte, tooLarge bool, err error) {
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: maxBytes + 1}
	limit := maxBytes + 1 // the largest buffer this read can need
	if size >= 0 && size < maxBytes {
		limit = size + 1 // one more byte, so that EOF is read without growing
	}
	first := int64(opgReadResponseChunk)
	if size < 0 {
		first = 512 // as io.ReadAll: a chunked body is often small
	}
	data = make([]byte, 0, min(limit, first))
	for {
		if len(data) == cap(data) {
			n := 2 * int64(cap(data))
			if int64(cap(data)) < limit {
				n = min(n, limit)
			}
			if n = min(n, maxBytes+1); n > int64(cap(data)) {
				grown := make([]byte, len(data), n)
				copy(grown, data)
				data = grown
			}
		}
		// Once maxBytes+1 bytes are in, lr reads nothing more and reports EOF.
		m, rerr := lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+m]
		if rerr != nil {
			if rerr != io.EOF {
				err = rerr
			}
			break
		}
	}
	if int64(len(data)) > maxBytes {
		return data[:maxBytes], true, nil
	}
	return data, false, err
}

// opgSafeDecodeError runs the generated error decoder, turning a panic into
// "no typed error".
func opgSafeDecodeError(f func(int, []byte) error, status int, body []byte) (err error) {
	defer func() {
		if recover() != nil {
			err = nil
		}
	}()
	return f(status, body)
}

// opgStream is a streamed response body; closing it ends the call's context.
type opgStream struct {
	rc     io.ReadCloser
	cancel context.CancelFunc
	once   sync.Once
}

func (s *opgStream) Read(p []byte) (int, error) { return s.rc.Read(p) }

func (s *opgStream) Close() error {
	err := s.rc.Close()
	s.once.Do(s.cancel)
	return err
}

// opgAttempt logs the attempts of one call.
type opgAttempt struct {
	c       *clientCore
	op      *operationDef
	method  string
	u       *url.URL // the request URL; url() shows it redacted
	bodyCT  string
	logBody []byte

	urlText     string
	urlDone     bool
	secretVals  []string
	secretsDone bool
}

// url is the request URL with credentials and sensitive query values
// redacted.
func (a *opgAttempt) url() string {
	if !a.urlDone {
		c := a.c
		// A credential passed in another parameter by mistake is scrubbed too.
		a.urlText = opgScrub(opgRedactURL(a.u, func(k string) bool { return c.secretQuery[k] || c.redactor.sensitive("", k) }), c.keys().secrets)
		a.urlDone = true
	}
	return a.urlText
}

// secrets are the values scrubbed from every logged value and error text:
// the credentials and the request body's sensitive fields.
func (a *opgAttempt) secrets() []string {
	if !a.secretsDone {
		a.secretsDone = true
		a.secretVals = a.c.keys().secrets
		if a.logBody != nil && a.c.def.RequestSecrets != nil {
			if vs := a.c.def.RequestSecrets(a.c.redactor, a.bodyCT, a.logBody); len(vs) > 0 {
				a.secretVals = append(append([]string(nil), a.c.keys().secrets...), vs...)
			}
		}
	}
	return a.secretVals
}

// location is the Location of a redirect that was not followed, resolved
// against the request URL and redacted as the request URL is; "(none)" when
// the answer has none.
func (a *opgAttempt) location(resp *http.Response) string {
	loc := resp.Header.Get("Location")
	if loc == "" {
		return "(none)"
	}
	u, err := url.Parse(loc)
	if err != nil {
		return "(unparseable)"
	}
	if resp.Request != nil && resp.Request.URL != nil {
		u = resp.Request.URL.ResolveReference(u)
	}
	c := a.c
	return a.scrub(opgRedactURL(u, func(k string) bool { return c.secretQuery[k] || c.redactor.sensitive("", k) }))
}

// scrub makes the text of an error fit for an error message or a log line: the
// request URL as sent replaced by its redacted form, then every secret (in
// the spellings a URL gives it too) scrubbed and card numbers masked.
func (a *opgAttempt) scrub(s string) string {
	if raw := a.u.String(); strings.Contains(s, raw) {
		s = strings.ReplaceAll(s, raw, a.url())
	}
	secrets := a.secrets()
	for k, vs := range a.u.Query() {
		if a.c.secretQuery[k] || a.c.redactor.sensitive("", k) {
			secrets = append(secrets[:len(secrets):len(secrets)], vs...)
		}
	}
	for _, v := range secrets {
		if len(v) < opgMinSecretLen {
			continue
		}
		for _, e := range [...]string{url.QueryEscape(v), url.PathEscape(v)} {
			if e != v && strings.Contains(s, e) {
				s = strings.ReplaceAll(s, e, opgRedacted)
			}
		}
	}
	return opgScrub(opgMaskCardNumbers(s), secrets)
}

func (a *opgAttempt) log(ctx context.Context, attempt, status int, dur time.Duration, err error, reqCT string, reqBody []byte, respCT string, respBody []byte, requestID string) {
	l := a.c.logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("operation", a.op.ID),
		slog.String("method", a.method),
		slog.String("path", a.op.PathTemplate),
		slog.Int("status", status),
		slog.Duration("duration", dur),
		slog.Int("attempt", attempt),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", a.scrub(err.Error())))
	}
	if requestID != "" {
		attrs = append(attrs, slog.String("request_id", requestID))
	}
	if l.Enabled(ctx, LevelTrace) {
		if reqCT != "" {
			if reqBody != nil {
				attrs = append(attrs, slog.String("request_body", a.c.redactor.body(reqCT, reqBody, a.secrets())))
			} else {
				attrs = append(attrs, slog.String("request_body", "["+reqCT+" body not logged]"))
			}
		}
		if len(respBody) > 0 {
			attrs = append(attrs, slog.String("response_body", a.c.redactor.body(respCT, respBody, a.secrets())))
		}
	}
	l.LogAttrs(ctx, slog.LevelDebug, "http request", attrs...)
}
