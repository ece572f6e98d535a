package mock

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/spec"
)

// maxBody is the largest request body the mock reads; a larger one gets 413.
const maxBody = 16 << 20

// Option configures a mock.
type Option func(*config)

type config struct {
	stateful bool
	seed     int64
	logger   *slog.Logger
	lenient  bool
}

// WithStateful keeps the resources created through the API in memory for the life of the handler, so that
// create, get, list, update and delete behave like the real API (see the package documentation).
func WithStateful() Option { return func(c *config) { c.stateful = true } }

// WithSeed sets the seed of the synthesized values and ids (default 1). The same seed gives the same answers.
func WithSeed(n int64) Option { return func(c *config) { c.seed = n } }

// WithLogger logs one line per request (method, path, status, operation, validation error) to l. NewHandler
// logs nothing by default; NewServer logs to the test's log.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithLenient serves a spec that fails validation (its problems are logged as warnings) instead of refusing it.
// Syntax errors and unresolvable references are errors even so.
func WithLenient() Option { return func(c *config) { c.lenient = true } }

// Handler is the mock: an http.Handler answering every operation of one spec. NewHandler returns one.
type Handler struct {
	doc      *openapi3.T
	display  string
	warnings []string
	cfg      config
	log      *slog.Logger
	routes   []*route
	docError *openapi3.Response // the document's usual error response, for errors outside any operation
	state    *store             // nil unless stateful
	reqSeq   atomic.Uint64
}

// NewHandler loads the spec at specPath (YAML or JSON; Swagger 2.0, OpenAPI 3.0, 3.1, 3.2) and returns a mock
// serving it. The dynamic type of the handler is *Handler. A spec with problems is refused with every problem
// located by file and line (see WithLenient).
func NewHandler(specPath string, opts ...Option) (http.Handler, error) {
	return newHandler(specPath, opts...)
}

func newHandler(specPath string, opts ...Option) (*Handler, error) {
	cfg := config{seed: 1}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	d, err := spec.Load(context.Background(), specPath, spec.LoadOptions{Lenient: cfg.lenient})
	if err != nil {
		return nil, fmt.Errorf("mock: %w", err)
	}
	h := &Handler{doc: d.T, display: d.DisplayPath(), warnings: d.Warnings, cfg: cfg, log: cfg.logger}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	for _, w := range d.Warnings {
		h.log.Warn("spec problem (served despite it)", "problem", w)
	}
	h.routes = buildRoutes(d.T)
	if len(h.routes) == 0 {
		return nil, fmt.Errorf("mock: %s: the spec has no operations to serve: add paths to it", h.display)
	}
	h.docError = docErrorResponse(h.routes)
	classifyRoutes(h.routes)
	if err := readEffects(h.routes); err != nil {
		return nil, fmt.Errorf("mock: %s: %w", h.display, err)
	}
	if cfg.stateful {
		h.state = newStore()
	}
	return h, nil
}

// NewServer starts a mock of the spec at specPath on a loopback port for the test and closes it when the test
// ends. It fails the test if the spec cannot be loaded. Requests are logged to the test's log unless WithLogger
// says otherwise. Point the client at BaseURL(srv, vars).
func NewServer(t testing.TB, specPath string, opts ...Option) *httptest.Server {
	t.Helper()
	opts = append([]Option{WithLogger(slog.New(slog.NewTextHandler(testWriter{t}, nil)))}, opts...)
	h, err := newHandler(specPath, opts...)
	if err != nil {
		t.Fatalf("mock.NewServer: %v", err)
		return nil
	}
	srv := httptest.NewUnstartedServer(h)
	DefaultLimits.Apply(srv.Config)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// testWriter writes log lines to the test's log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// BaseURL is the base URL a client of the mock srv should use: the server's URL plus the path of the spec's
// first server, its variables replaced by vars (a variable vars does not give keeps its default). For Openpay,
// whose server is https://sandbox-api.openpay.mx/v1/{merchant_id}:
//
//	mock.BaseURL(srv, map[string]string{"merchant_id": "m123"}) // srv.URL + "/v1/m123"
//
// Any value works for a variable: the mock matches server variables as wildcards. For a server that srv does
// not serve with this package's handler, BaseURL is srv.URL.
func BaseURL(srv *httptest.Server, vars map[string]string) string {
	if h, ok := srv.Config.Handler.(*Handler); ok {
		return srv.URL + h.BasePath(vars)
	}
	return srv.URL
}

// BasePath is the path of the spec's first server with its variables replaced by vars (or their defaults),
// without a trailing slash: "/v1/m123" for Openpay, "" for a server without a path.
func (h *Handler) BasePath(vars map[string]string) string {
	if len(h.doc.Servers) == 0 || h.doc.Servers[0] == nil {
		return ""
	}
	s := h.doc.Servers[0]
	values := map[string]string{}
	for name, v := range s.Variables {
		if v != nil {
			values[name] = v.Default
		}
	}
	for k, v := range vars {
		values[k] = url.PathEscape(v)
	}
	return strings.TrimRight(serverPath(s.URL, values), "/")
}

// ServerPath is the path of the spec's first server as written, variables included: "/v1/{merchant_id}".
func (h *Handler) ServerPath() string {
	if len(h.doc.Servers) == 0 || h.doc.Servers[0] == nil {
		return ""
	}
	return strings.TrimRight(serverPath(h.doc.Servers[0].URL, nil), "/")
}

// Operations lists the operations the mock serves ("operationId", or "METHOD /path" without one), sorted.
func (h *Handler) Operations() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range h.routes {
		if !seen[r.id] {
			seen[r.id] = true
			out = append(out, r.id)
		}
	}
	sort.Strings(out)
	return out
}

// Title is the spec's info.title.
func (h *Handler) Title() string {
	if h.doc.Info == nil {
		return ""
	}
	return h.doc.Info.Title
}

// Warnings are the spec's validation problems the mock was loaded despite (WithLenient).
func (h *Handler) Warnings() []string { return h.warnings }

// reply is a response about to be written.
type reply struct {
	status      int
	contentType string
	body        any
	hasBody     bool
	header      http.Header
	// paging is how a list pages, next the query of its next page (nil on the last page, or for no list).
	paging paging
	next   url.Values
	// fromExample: the body is a documented example (not synthesized).
	fromExample bool
}

// ServeHTTP answers one request: route, credentials, validation, then the documented (or synthesized, or
// stored) response.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	reqID := h.requestID()
	rt, params, allowed := lookup(h.routes, r.Method, r.URL.EscapedPath())
	rep, aerr := h.serve(r, rt, params, allowed, reqID)
	var op *openapi3.Operation
	opID := ""
	if rt != nil {
		op, opID = rt.op, rt.id
	}
	if aerr != nil {
		ct, body, hdr := h.errorBody(op, aerr, reqID)
		if aerr.pinned != nil {
			body = aerr.pinned
		}
		rep = &reply{status: aerr.status, contentType: ct, body: body, hasBody: true, header: hdr}
		for k, v := range aerr.header {
			if rep.header == nil {
				rep.header = http.Header{}
			}
			rep.header[k] = v
		}
	}
	h.write(w, rep)
	attrs := []slog.Attr{
		slog.String("method", r.Method),
		slog.String("path", h.logPath(r.URL)),
		slog.Int("status", rep.status),
		slog.String("operation", opID),
		slog.Duration("duration", time.Since(start)),
	}
	level := slog.LevelInfo
	if aerr != nil && !aerr.simulated {
		level = slog.LevelWarn
		attrs = append(attrs, slog.String("error", aerr.message))
	}
	if p := r.Header.Values("Prefer"); len(p) > 0 {
		attrs = append(attrs, slog.String("prefer", strings.Join(p, ", ")))
	}
	h.log.LogAttrs(r.Context(), level, "mock request", attrs...)
}

// logPath is the request's path and query for the log, with API keys sent in the query redacted.
func (h *Handler) logPath(u *url.URL) string {
	if u.RawQuery == "" || h.doc.Components == nil {
		return u.RequestURI()
	}
	q := u.Query()
	redacted := false
	for _, ref := range h.doc.Components.SecuritySchemes {
		if s := ref.Value; s != nil && strings.EqualFold(s.Type, "apiKey") && strings.EqualFold(s.In, "query") && q.Has(s.Name) {
			q.Set(s.Name, "[REDACTED]")
			redacted = true
		}
	}
	if !redacted {
		return u.RequestURI()
	}
	return u.EscapedPath() + "?" + q.Encode()
}

func (h *Handler) serve(r *http.Request, rt *route, params map[string]string, allowed []string, reqID string) (*reply, *apiError) {
	if rt == nil {
		if len(allowed) > 0 {
			return nil, &apiError{status: http.StatusMethodNotAllowed,
				message: fmt.Sprintf("method %s is not allowed on %s: the spec documents %s", r.Method, r.URL.Path, allowHeader(allowed)),
				header:  http.Header{"Allow": {allowHeader(allowed)}}}
		}
		msg := fmt.Sprintf("no operation of %q matches %s %s", h.Title(), r.Method, r.URL.Path)
		if p := h.ServerPath(); p != "" {
			msg += fmt.Sprintf("; the spec's paths are under its server path %s: use the base URL <mock URL>%s (mock.BaseURL)", p, p)
		}
		return nil, &apiError{status: http.StatusNotFound, message: msg}
	}
	if missing := h.missingCredentials(r, rt.op); missing != "" {
		return nil, &apiError{status: http.StatusUnauthorized, message: missing, header: h.authChallenge(rt.op)}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, &apiError{status: http.StatusBadRequest, message: "cannot read the request body: " + err.Error()}
	}
	if len(body) > maxBody {
		return nil, &apiError{status: http.StatusRequestEntityTooLarge, message: fmt.Sprintf("the request body is larger than the mock accepts (%d MiB)", maxBody>>20)}
	}
	body = h.canonicalBody(r, rt, body) // x-opgen-also-accept: alternative forms become canonical (wireforms.go)
	h.canonicalParams(r, rt, params)
	if aerr := h.validate(r, rt, params, body); aerr != nil {
		return nil, aerr
	}
	reqBody := decodeJSONBody(r.Header.Get("Content-Type"), body)
	pref, perr := parsePrefer(r.Header.Values("Prefer"))
	if perr != "" {
		return nil, &apiError{status: http.StatusBadRequest, message: perr}
	}
	if pref.code != 0 && pref.code < 400 && !documentsStatus(rt.op, pref.code) {
		return nil, &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(
			"Prefer: code=%d: %s documents no %d response (it documents %s): ask for one of those, or for any 4xx or 5xx",
			pref.code, rt.id, pref.code, documentedStatuses(rt.op))}
	}
	if pref.code >= 400 {
		return nil, h.simulatedError(rt, pref)
	}
	base := func(like any) (*reply, *apiError) {
		rep, aerr := h.success(rt, pref, r, reqBody, reqID, like)
		if aerr == nil && rep != nil && pref.example == "" {
			if rep.fromExample {
				h.pathValues(rt, params, rep)
			}
			h.statedValues(rt, rep)
		}
		return rep, aerr
	}
	if h.state != nil && pref.code == 0 && pref.example == "" {
		if rep, aerr, handled := h.stateful(rt, params, r.URL.Query(), reqBody, base); handled {
			if rep != nil {
				nextLinks(r, rep)
			}
			return rep, aerr
		}
	}
	rep, aerr := base(nil)
	if aerr != nil {
		return nil, aerr
	}
	if rep.hasBody {
		h.page(rt, r.URL.Query(), rep, nil)
		nextLinks(r, rep)
	}
	return rep, nil
}

// requestID is a fresh, deterministic request id (a UUID) for error bodies and request-id headers.
func (h *Handler) requestID() string {
	n := h.reqSeq.Add(1)
	return newSynth(h.cfg.seed, "request "+strconv.FormatUint(n, 10), forResponse).uuid()
}

// prefer is what a Prefer header asks for: "code=402, example=card_declined" (as Prism).
type prefer struct {
	code    int
	example string
}

// parsePrefer reads the Prefer headers. A code that is not an HTTP status is reported (problem != ""), so a
// typo never silently gives the default answer; preferences other than code and example are ignored.
func parsePrefer(values []string) (p prefer, problem string) {
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			for item := range strings.SplitSeq(part, ";") {
				k, val, ok := strings.Cut(strings.TrimSpace(item), "=")
				if !ok {
					continue
				}
				val = strings.Trim(strings.TrimSpace(val), `"`)
				switch strings.ToLower(strings.TrimSpace(k)) {
				case "code":
					n, err := strconv.Atoi(val)
					if err != nil || n < 100 || n > 599 {
						return prefer{}, fmt.Sprintf("Prefer: code=%s is not an HTTP status: give a number from 100 to 599, e.g. Prefer: code=402", val)
					}
					p.code = n
				case "example":
					if val == "" {
						return prefer{}, "Prefer: example= names no example: give the name of a documented example, e.g. Prefer: example=card_declined"
					}
					p.example = val
				}
			}
		}
	}
	return p, ""
}

// documentsStatus reports whether the operation documents a response for status (exactly, by its range such
// as 2XX, or with a default response).
func documentsStatus(op *openapi3.Operation, status int) bool {
	if op.Responses == nil {
		return false
	}
	return op.Responses.Status(status) != nil || op.Responses.Default() != nil
}

// documentedStatuses lists the response statuses of an operation, sorted: "200, 400, 404".
func documentedStatuses(op *openapi3.Operation) string {
	if op.Responses == nil || op.Responses.Len() == 0 {
		return "no responses"
	}
	return strings.Join(sortedKeys(op.Responses.Map()), ", ")
}

// simulatedError answers a Prefer: code=4xx/5xx: the example named by example= as documented, else the error
// shape of that status (its first example with the message patched, else built from the schema), documented
// or not; 429 carries Retry-After: 1.
func (h *Handler) simulatedError(rt *route, pref prefer) *apiError {
	e := &apiError{status: pref.code, simulated: true,
		message: fmt.Sprintf("simulated %d %s (Prefer: code=%d)", pref.code, http.StatusText(pref.code), pref.code)}
	if pref.code == http.StatusTooManyRequests {
		e.header = http.Header{"Retry-After": {"1"}}
	}
	if pref.example == "" {
		return e
	}
	// The example named: in the operation's response of that status, else in any operation's (the document
	// may share one 402 response between its charge operations).
	if resp := rt.op.Responses.Status(pref.code); resp != nil && resp.Value != nil {
		if ex, ok := namedExample(jsonMedia(resp.Value.Content), pref.example); ok {
			e.pinned = ex
			return e
		}
	}
	for _, other := range h.routes {
		if other.op.Responses == nil {
			continue
		}
		if resp := other.op.Responses.Status(pref.code); resp != nil && resp.Value != nil {
			if ex, ok := namedExample(jsonMedia(resp.Value.Content), pref.example); ok {
				e.pinned = ex
				return e
			}
		}
	}
	if ne, ok := h.namedCode(rt, pref.example, pref.code); ok {
		ne.header = e.header
		return ne
	}
	return &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(
		"Prefer: example=%s: no response %d of the spec has an example of that name (the examples of %s: %s), and no error code has that name (x-enum-varnames or value)",
		pref.example, pref.code, rt.id, allExampleNames(rt.op))}
}

// success builds the success response of the operation: the status and example Prefer asks for, else the
// lowest documented 2xx with the example matching the request's example, its first example, or a value
// synthesized from its schema.
func (h *Handler) success(rt *route, pref prefer, r *http.Request, reqBody any, reqID string, like any) (*reply, *apiError) {
	status, resp := primarySuccess(rt)
	if pref.code != 0 {
		status = pref.code
		if rr := rt.op.Responses.Status(pref.code); rr != nil && rr.Value != nil {
			resp = rr.Value
		}
	}
	if pref.example != "" && pref.code == 0 {
		st, rr, ok := findExample(rt.op, pref.example)
		if !ok {
			if ne, ok := h.namedCode(rt, pref.example, 0); ok {
				return nil, ne
			}
			return nil, &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(
				"Prefer: example=%s: %s documents no example of that name (it has: %s), and no error code has that name (x-enum-varnames or value)", pref.example, rt.id, allExampleNames(rt.op))}
		}
		if st >= 400 {
			return nil, &apiError{status: st, simulated: true, pinned: mustExample(rr, pref.example),
				message: fmt.Sprintf("simulated %d (Prefer: example=%s)", st, pref.example)}
		}
		status, resp = st, rr
	}
	rep := &reply{status: status}
	if resp == nil {
		return rep, nil
	}
	rep.header = h.responseHeaders(resp, reqID)
	if status == http.StatusNoContent || status == http.StatusNotModified || len(resp.Content) == 0 {
		return rep, nil
	}
	ct, mt := negotiate(resp.Content, r.Header.Get("Accept"))
	if mt == nil {
		return rep, nil
	}
	rep.contentType, rep.hasBody = ct, true
	if pref.example != "" {
		if ex, ok := namedExample(mt, pref.example); ok {
			rep.body, rep.fromExample = ex, true
			return rep, nil
		}
		if pref.code != 0 {
			return nil, &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(
				"Prefer: example=%s: response %d of %s has no example of that name (it has: %s)", pref.example, status, rt.id, exampleNames(mt))}
		}
	}
	if ex, ok := h.chooseExample(rt, mt, r, reqBody, like); ok {
		rep.body, rep.fromExample = ex, true
		return rep, nil
	}
	syn := newSynth(h.cfg.seed, rt.id+" "+strconv.Itoa(status), forResponse)
	if mt.Schema == nil {
		rep.hasBody = false
		return rep, nil
	}
	rep.body = syn.value(mt.Schema)
	return rep, nil
}

// successResponse is the operation's lowest documented 2xx response (200 for a 2XX range or a lone default).
func successResponse(op *openapi3.Operation) (int, *openapi3.Response) {
	if op.Responses == nil {
		return http.StatusOK, nil
	}
	best := 0
	for code := range op.Responses.Map() {
		if n, err := strconv.Atoi(code); err == nil && n >= 200 && n < 300 && (best == 0 || n < best) {
			best = n
		}
	}
	if best != 0 {
		return best, op.Responses.Value(strconv.Itoa(best)).Value
	}
	if r := op.Responses.Value("2XX"); r != nil {
		return http.StatusOK, r.Value
	}
	if r := op.Responses.Default(); r != nil {
		return http.StatusOK, r.Value
	}
	for code := range op.Responses.Map() {
		if n, err := strconv.Atoi(code); err == nil && n < 400 && (best == 0 || n < best) {
			best = n
		}
	}
	if best != 0 {
		return best, op.Responses.Value(strconv.Itoa(best)).Value
	}
	return http.StatusOK, nil
}

// requestExampleName is the name of the request example the request body equals, if any: its response
// example of the same name is the best answer (Openpay's card_charge request gets the card_charge response).
func (h *Handler) requestExampleName(op *openapi3.Operation, r *http.Request, reqBody any) string {
	if reqBody == nil || op.RequestBody == nil || op.RequestBody.Value == nil {
		return ""
	}
	mt := op.RequestBody.Value.Content.Get(r.Header.Get("Content-Type"))
	if mt == nil {
		return ""
	}
	got, _ := jsonMarshal(toFloats(reqBody))
	for _, name := range sortedKeys(mt.Examples) {
		ex := mt.Examples[name]
		if ex == nil || ex.Value == nil || ex.Value.Value == nil {
			continue
		}
		if want, _ := jsonMarshal(ex.Value.Value); bytes.Equal(got, want) {
			return name
		}
	}
	return ""
}

// findExample looks for a named example in the operation's responses, the success response first.
func findExample(op *openapi3.Operation, name string) (int, *openapi3.Response, bool) {
	status, resp := successResponse(op)
	if resp != nil {
		if _, mt := jsonMediaType(resp.Content); mt != nil {
			if _, ok := namedExample(mt, name); ok {
				return status, resp, true
			}
		}
	}
	if op.Responses == nil {
		return 0, nil, false
	}
	for _, code := range sortedKeys(op.Responses.Map()) {
		n, err := strconv.Atoi(code)
		rr := op.Responses.Value(code)
		if err != nil || rr == nil || rr.Value == nil {
			continue
		}
		for _, mt := range rr.Value.Content {
			if _, ok := namedExample(mt, name); ok {
				return n, rr.Value, true
			}
		}
	}
	return 0, nil, false
}

func mustExample(resp *openapi3.Response, name string) any {
	for _, mt := range resp.Content {
		if ex, ok := namedExample(mt, name); ok {
			return ex
		}
	}
	return nil
}

func allExampleNames(op *openapi3.Operation) string {
	var names []string
	if op.Responses != nil {
		for _, code := range sortedKeys(op.Responses.Map()) {
			rr := op.Responses.Value(code)
			if rr == nil || rr.Value == nil {
				continue
			}
			for _, mt := range rr.Value.Content {
				for _, n := range sortedKeys(mt.Examples) {
					names = append(names, n+" ("+code+")")
				}
			}
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func exampleNames(mt *openapi3.MediaType) string {
	if len(mt.Examples) == 0 {
		return "none"
	}
	return strings.Join(sortedKeys(mt.Examples), ", ")
}

func namedExample(mt *openapi3.MediaType, name string) (any, bool) {
	if mt == nil {
		return nil, false
	}
	if ex := mt.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
		return deepCopy(ex.Value.Value), true
	}
	return nil, false
}

// firstExample is the media type's example, else its first named example (by name).
func firstExample(mt *openapi3.MediaType) (any, bool) {
	if mt == nil {
		return nil, false
	}
	if mt.Example != nil {
		return deepCopy(mt.Example), true
	}
	for _, name := range sortedKeys(mt.Examples) {
		if ex := mt.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			return deepCopy(ex.Value.Value), true
		}
	}
	return nil, false
}

// isJSON reports whether a media type carries JSON.
func isJSON(ct string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(ct), ";")
	mt = strings.TrimSpace(mt)
	return mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "*/*" || mt == "application/*"
}

// jsonMediaType is the content's JSON media type (application/json first), else its first one by name.
func jsonMediaType(c openapi3.Content) (string, *openapi3.MediaType) {
	if len(c) == 0 {
		return "", nil
	}
	if mt := c["application/json"]; mt != nil {
		return "application/json", mt
	}
	keys := sortedKeys(c)
	for _, k := range keys {
		if isJSON(k) && !strings.Contains(k, "*") {
			return k, c[k]
		}
	}
	if mt := c["*/*"]; mt != nil {
		return "application/json", mt
	}
	return keys[0], c[keys[0]]
}

// jsonMedia is the content's JSON media type, or nil.
func jsonMedia(c openapi3.Content) *openapi3.MediaType {
	ct, mt := jsonMediaType(c)
	if mt == nil || !isJSON(ct) {
		return nil
	}
	return mt
}

// negotiate picks the response media type the Accept header asks for, else the JSON one.
func negotiate(c openapi3.Content, accept string) (string, *openapi3.MediaType) {
	for part := range strings.SplitSeq(accept, ",") {
		want, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		want = strings.ToLower(strings.TrimSpace(want))
		if want == "" || strings.Contains(want, "*") {
			continue
		}
		if mt := c[want]; mt != nil {
			return want, mt
		}
	}
	return jsonMediaType(c)
}

// responseHeaders are the response's documented headers with their example or synthesized values; headers
// carrying the request id (x-opgen-request-id, X-Request-Id) get this request's id.
func (h *Handler) responseHeaders(resp *openapi3.Response, reqID string) http.Header {
	if resp == nil || len(resp.Headers) == 0 {
		return nil
	}
	out := http.Header{}
	for _, name := range sortedKeys(resp.Headers) {
		hr := resp.Headers[name]
		if hr == nil || hr.Value == nil {
			continue
		}
		switch strings.ToLower(name) {
		case "content-type", "content-length", "transfer-encoding", "connection":
			continue
		}
		hv := hr.Value
		if _, ok := hv.Extensions["x-opgen-request-id"]; ok || strings.EqualFold(name, "X-Request-Id") {
			out.Set(name, reqID)
			continue
		}
		var v any
		switch {
		case hv.Example != nil:
			v = hv.Example
		case hv.Schema != nil:
			v = newSynth(h.cfg.seed, "header "+name, forResponse).value(hv.Schema)
		default:
			continue
		}
		out.Set(name, jsonScalar(v))
	}
	return out
}

// write sends the reply.
func (h *Handler) write(w http.ResponseWriter, rep *reply) {
	for k, v := range rep.header {
		w.Header()[k] = v
	}
	if !rep.hasBody {
		w.WriteHeader(rep.status)
		return
	}
	var data []byte
	ct := rep.contentType
	if s, ok := rep.body.(string); ok && !isJSON(ct) {
		data = []byte(s)
	} else {
		b, err := jsonMarshal(rep.body)
		if err != nil {
			h.log.Error("mock: cannot encode the response", "error", err)
			b = []byte(`{"message":"mock: cannot encode the response"}`)
		}
		data = b
		if !isJSON(ct) && !strings.HasPrefix(ct, "text/") {
			ct = "application/json"
		}
	}
	if strings.Contains(ct, "*") || ct == "" {
		ct = "application/json"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(rep.status)
	_, _ = w.Write(data)
}

// jsonMarshal encodes v without HTML escaping and without a trailing newline.
func jsonMarshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// decodeJSONBody decodes a JSON request body (numbers kept exact), nil for anything else.
func decodeJSONBody(contentType string, body []byte) any {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || !isJSON(mt) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	return v
}

// toFloats turns the json.Numbers of a decoded value into float64, the form kin-openapi validates.
func toFloats(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[k] = toFloats(x)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, x := range t {
			s[i] = toFloats(x)
		}
		return s
	case json.Number:
		if f, err := t.Float64(); err == nil {
			return f
		}
	}
	return v
}
