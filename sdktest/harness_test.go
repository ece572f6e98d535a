package sdktest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/spec"
	"github.com/opgen-sdk/opgen/mock"
)

// sdkCase is one generated SDK and what the tests need to drive it without knowing its types.
type sdkCase struct {
	name string            // package name: openpaymx
	spec string            // spec file under ../specs
	vars map[string]string // server variables the client is given
	// newClient returns a client (*pkg.Client) talking to base through hc.
	newClient func(base string, hc *http.Client) (any, error)
	// requestBaseURL returns pkg.WithRequestBaseURL(u), for operations with their own servers.
	requestBaseURL func(u string) any
	// apiError unwraps err into the status of its *pkg.APIError and its typed error body (*pkg.Error, nil when the
	// body did not decode); ok is false when err is no *pkg.APIError.
	apiError func(err error) (status int, typed any, ok bool)
}

func (c sdkCase) specPath() string { return filepath.Join("..", "specs", c.spec) }
func (c sdkCase) dir() string      { return filepath.Join("..", "generated", c.name) }

// method is one generated method and the spec operation it calls.
type method struct {
	key      string // "CustomersCardsService.Create"
	path     string // "/customers/{customer_id}/cards"
	verb     string // "POST"
	op       *openapi3.Operation
	item     *openapi3.PathItem
	paginate bool // an iterator over a list operation (ListAll)
}

var specLineRe = regexp.MustCompile(`^Spec: #/paths/(\S+)/([a-z]+) `)

// specMethods reads the generated package's source and maps every service method to the spec operation its doc
// comment names ("Spec: #/paths/~1cards/get (operationId listCards)").
func specMethods(t *testing.T, dir string, doc *openapi3.T) map[string]*method {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*_gen.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated files in %s: run 'go run ./cmd/opgen generate -config specs/opgen.yaml'", dir)
	}
	out := map[string]*method{}
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Doc == nil || len(fd.Recv.List) != 1 {
				continue
			}
			star, ok := fd.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			recv, ok := star.X.(*ast.Ident)
			if !ok {
				continue
			}
			for _, line := range strings.Split(fd.Doc.Text(), "\n") {
				m := specLineRe.FindStringSubmatch(line + " ")
				if m == nil {
					continue
				}
				path := strings.NewReplacer("~1", "/", "~0", "~").Replace(m[1])
				item := doc.Paths.Value(path)
				if item == nil {
					t.Fatalf("%s: %s.%s names path %s, which the spec does not have", f, recv.Name, fd.Name.Name, path)
				}
				op := item.GetOperation(strings.ToUpper(m[2]))
				if op == nil {
					t.Fatalf("%s: %s.%s names %s %s, which the spec does not have", f, recv.Name, fd.Name.Name, m[2], path)
				}
				key := recv.Name + "." + fd.Name.Name
				out[key] = &method{key: key, path: path, verb: strings.ToUpper(m[2]), op: op, item: item}
			}
		}
	}
	return out
}

// service is one service value of a client (client.Customers.Cards).
type service struct {
	name string // "Customers.Cards"
	v    reflect.Value
}

// services walks the client's exported *XService fields, nested ones included.
func services(client any) []service {
	var out []service
	var walk func(prefix string, v reflect.Value)
	walk = func(prefix string, v reflect.Value) {
		e := v.Elem()
		for i := 0; i < e.NumField(); i++ {
			f := e.Type().Field(i)
			fv := e.Field(i)
			if !f.IsExported() || fv.Kind() != reflect.Pointer || fv.IsNil() || fv.Elem().Kind() != reflect.Struct ||
				!strings.HasSuffix(fv.Elem().Type().Name(), "Service") {
				continue
			}
			name := strings.TrimPrefix(prefix+"."+f.Name, ".")
			out = append(out, service{name: name, v: fv})
			walk(name, fv)
		}
	}
	walk("", reflect.ValueOf(client))
	return out
}

// call is one method call to make.
type call struct {
	svc    service
	name   string // method name
	m      *method
	fn     reflect.Value
	label  string // "Customers.Cards.Create"
	sample *mock.SampleRequest
	body   *example // the request body to send; nil: the first documented example, else the mock's sample
}

// calls lists every method of every service of the client with its spec operation; every spec operation must
// be reached by at least one method.
func calls(t *testing.T, client any, methods map[string]*method, h *mock.Handler, doc *openapi3.T) []call {
	t.Helper()
	var out []call
	reached := map[*openapi3.Operation]bool{}
	for _, s := range services(client) {
		typ := s.v.Type()
		for i := 0; i < typ.NumMethod(); i++ {
			name := typ.Method(i).Name
			key := typ.Elem().Name() + "." + name
			m := methods[key]
			if m == nil {
				if base := methods[strings.TrimSuffix(key, "All")]; base != nil && strings.HasSuffix(name, "All") {
					cp := *base
					cp.paginate = true
					m = &cp
				}
			}
			if m == nil {
				switch name {
				case "String", "GoString":
					continue
				}
				t.Errorf("%s.%s: no spec operation found for it (no \"Spec: #/paths/...\" line in its doc comment)", s.name, name)
				continue
			}
			reached[m.op] = true
			sample, err := h.SampleRequest(m.verb + " " + m.path)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, call{svc: s, name: name, m: m, fn: s.v.Method(i), label: s.name + "." + name, sample: sample})
		}
	}
	for _, p := range doc.Paths.InMatchingOrder() {
		for verb, op := range doc.Paths.Value(p).Operations() {
			if !reached[op] {
				t.Errorf("%s %s (%s): no SDK method reaches this operation", verb, p, op.OperationID)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].label < out[j].label })
	return out
}

// templateParams are the path parameters of a path template, in order.
func templateParams(path string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`\{([^{}]+)\}`).FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

// example is one documented JSON request example.
type example struct {
	name string
	data []byte
}

// requestExamples are the operation's documented JSON request examples, by name.
func requestExamples(op *openapi3.Operation) []example {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil {
		return nil
	}
	var out []example
	if mt.Example != nil {
		if b, err := json.Marshal(mt.Example); err == nil {
			out = append(out, example{"example", b})
		}
	}
	names := make([]string, 0, len(mt.Examples))
	for n := range mt.Examples {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if ex := mt.Examples[n]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			if b, err := json.Marshal(ex.Value.Value); err == nil {
				out = append(out, example{"example " + n, b})
			}
		}
	}
	return out
}

// args builds the arguments of a call: the context, the path parameters (from the sample, which takes the
// spec's parameter examples), the query parameters struct (required ones set), the request body (c.body, else
// the spec's first request example, decoded into the SDK's type, else the mock's synthesized body), and opts.
func (c call) args(ctx context.Context, opts []reflect.Value) ([]reflect.Value, string, error) {
	ft := c.fn.Type()
	params := templateParams(c.m.path)
	var out []reflect.Value
	bodyFrom := ""
	for i := 0; i < ft.NumIn(); i++ {
		in := ft.In(i)
		if ft.IsVariadic() && i == ft.NumIn()-1 {
			out = append(out, opts...)
			break
		}
		switch {
		case in == reflect.TypeFor[context.Context]():
			out = append(out, reflect.ValueOf(ctx))
		case in.Kind() == reflect.String || in.Kind() >= reflect.Int && in.Kind() <= reflect.Int64:
			if len(params) == 0 {
				return nil, "", fmt.Errorf("argument %d (%s): more scalar arguments than path parameters in %s", i, in, c.m.path)
			}
			raw := c.sample.PathParams[params[0]]
			params = params[1:]
			v := reflect.New(in)
			if err := decodeScalar(raw, v.Interface()); err != nil {
				return nil, "", fmt.Errorf("path parameter value %q does not fit %s: %v", raw, in, err)
			}
			out = append(out, v.Elem())
		case in.Kind() == reflect.Pointer && in.Elem().Kind() == reflect.Struct && strings.HasSuffix(in.Elem().Name(), "Params"):
			v := reflect.New(in.Elem())
			if err := fillParams(v.Elem(), c.sample.Query); err != nil {
				return nil, "", err
			}
			if f := in.Elem().Field(0); c.m.op.RequestBody != nil && (f.Anonymous || f.Name == "Body" || f.Name == "RequestBody") {
				// The body travels in the params struct (Create(ctx, params)): its first field.
				data, from := c.bodyData()
				if err := json.Unmarshal(data, v.Elem().Field(0).Addr().Interface()); err != nil {
					return nil, "", fmt.Errorf("the spec's request %s does not decode into %s: %v\n%s", from, f.Type, err, data)
				}
				bodyFrom = from
			}
			out = append(out, v)
		case in.Kind() == reflect.Pointer:
			data, from := c.bodyData()
			v := reflect.New(in.Elem())
			if err := json.Unmarshal(data, v.Interface()); err != nil {
				return nil, "", fmt.Errorf("the spec's request %s does not decode into %s: %v\n%s", from, in, err, data)
			}
			bodyFrom = from
			out = append(out, v)
		default:
			return nil, "", fmt.Errorf("argument %d has type %s, which the test cannot fill", i, in)
		}
	}
	return out, bodyFrom, nil
}

// bodyData is the request body a call sends: c.body, else the spec's first request example, else the mock's
// synthesized body.
func (c call) bodyData() ([]byte, string) {
	if c.body != nil {
		return c.body.data, c.body.name
	}
	if exs := requestExamples(c.m.op); len(exs) > 0 {
		return exs[0].data, exs[0].name
	}
	return c.sample.Body, "synthesized body"
}

// decodeScalar decodes a parameter value into v (a pointer), as a JSON number or boolean, else as a string.
func decodeScalar(raw string, v any) error {
	if err := json.Unmarshal([]byte(raw), v); err == nil {
		return nil
	}
	b, _ := json.Marshal(raw)
	return json.Unmarshal(b, v)
}

// fillParams sets the fields of a generated *Params struct from query values, matching the field's name to the
// parameter's name without case, underscores or brackets (CreationGte <- creation[gte]).
func fillParams(v reflect.Value, q url.Values) error {
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				return r
			case r >= 'A' && r <= 'Z':
				return r + 'a' - 'A'
			}
			return -1
		}, s)
	}
	for name := range q {
		found := false
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if norm(f.Name) != norm(name) {
				continue
			}
			found = true
			target := v.Field(i)
			if target.Kind() == reflect.Pointer {
				target.Set(reflect.New(target.Type().Elem()))
				target = target.Elem()
			}
			if err := decodeScalar(q.Get(name), target.Addr().Interface()); err != nil {
				return fmt.Errorf("query parameter %s=%q does not fit field %s (%s): %v", name, q.Get(name), f.Name, f.Type, err)
			}
		}
		if !found {
			return fmt.Errorf("required query parameter %q has no field in %s", name, v.Type())
		}
	}
	return nil
}

// invoke calls the method and checks its results: no error, and a non-nil result when it returns one. For an
// iterator (ListAll) it reads up to 50 items.
func (c call) invoke(ctx context.Context, opts []reflect.Value) error {
	args, from, err := c.args(ctx, opts)
	if err != nil {
		return err
	}
	res := c.fn.Call(args)
	if c.m.paginate {
		if len(res) != 1 || res[0].Kind() != reflect.Func {
			return fmt.Errorf("%s returns %d values, want one iterator", c.label, len(res))
		}
		seq := res[0]
		n := 0
		var iterErr error
		yield := reflect.MakeFunc(seq.Type().In(0), func(a []reflect.Value) []reflect.Value {
			if !a[1].IsNil() {
				iterErr = a[1].Interface().(error)
				return []reflect.Value{reflect.ValueOf(false)}
			}
			n++
			return []reflect.Value{reflect.ValueOf(n < 50)}
		})
		seq.Call([]reflect.Value{yield})
		if iterErr != nil {
			return iterErr
		}
		return nil // zero items is fine: some documented list examples are empty pages
	}
	last := res[len(res)-1]
	if !last.IsNil() {
		err := last.Interface().(error)
		if from != "" {
			return fmt.Errorf("%w (body from the %s)", err, from)
		}
		return err
	}
	if len(res) == 2 {
		switch v := res[0]; v.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			if v.IsNil() {
				return fmt.Errorf("%s returned a nil %s and no error", c.label, v.Type())
			}
		}
	}
	return nil
}

// ownServerBase is the base URL of an operation with its own servers (Culqi's token host), under the mock:
// those calls do not follow WithBaseURL, so they get WithRequestBaseURL.
func ownServerBase(root string, m *method) (string, bool) {
	var servers openapi3.Servers
	switch {
	case m.op.Servers != nil && len(*m.op.Servers) > 0:
		servers = *m.op.Servers
	case len(m.item.Servers) > 0:
		servers = m.item.Servers
	default:
		return "", false
	}
	s := servers[0]
	raw := s.URL
	for name, v := range s.Variables {
		raw = strings.ReplaceAll(raw, "{"+name+"}", v.Default)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return root, true
	}
	return root + strings.TrimRight(u.Path, "/"), true
}

// rewrite is a transport that edits each JSON request body before sending it (to get past the SDK's own
// checks) and can drop headers.
type rewrite struct {
	edit       func(map[string]any)
	dropHeader string
}

func (rw rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	if rw.dropHeader != "" {
		req.Header.Del(rw.dropHeader)
	}
	if rw.edit != nil && req.Body != nil {
		data, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if json.Unmarshal(data, &m) == nil {
			rw.edit(m)
			data, _ = json.Marshal(m)
		}
		req.Body = io.NopCloser(bytes.NewReader(data))
		req.ContentLength = int64(len(data))
		req.Header.Set("Content-Length", strconv.Itoa(len(data)))
	}
	return http.DefaultTransport.RoundTrip(req)
}

var (
	specsMu sync.Mutex
	specs   = map[string]*openapi3.T{}
)

// loadSpec loads one of the repository's specs, once per test binary (the tests only read it).
func loadSpec(t *testing.T, path string) *openapi3.T {
	t.Helper()
	specsMu.Lock()
	defer specsMu.Unlock()
	if doc := specs[path]; doc != nil {
		return doc
	}
	d, err := spec.Load(context.Background(), path, spec.LoadOptions{})
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	specs[path] = d.T
	return d.T
}

// startMock serves the SDK's spec and returns the server, the mock handler and the client's base URL.
func startMock(t *testing.T, c sdkCase, opts ...mock.Option) (*httptest.Server, *mock.Handler, string) {
	t.Helper()
	srv := mock.NewServer(t, c.specPath(), opts...)
	h, ok := srv.Config.Handler.(*mock.Handler)
	if !ok {
		t.Fatalf("mock.NewServer's handler is %T, want *mock.Handler", srv.Config.Handler)
	}
	return srv, h, mock.BaseURL(srv, c.vars)
}

// typedFields renders a typed error body as a map, to look at its fields whatever the SDK.
func typedFields(t *testing.T, typed any) map[string]any {
	t.Helper()
	b, err := json.Marshal(typed)
	if err != nil {
		t.Fatalf("cannot encode the typed error %T: %v", typed, err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("typed error %T is not an object: %s", typed, b)
	}
	return m
}

// mentions reports whether a string field of the error body mentions s.
func mentions(fields map[string]any, s string) bool {
	for _, v := range fields {
		if str, ok := v.(string); ok && strings.Contains(str, s) {
			return true
		}
	}
	return false
}
