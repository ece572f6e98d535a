package mock

import (
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// route is one operation reachable under one server path prefix.
type route struct {
	method   string
	template string // the spec's path, e.g. /customers/{customer_id}
	pathItem *openapi3.PathItem
	op       *openapi3.Operation
	server   *openapi3.Server
	id       string    // operationId, else "METHOD /path"
	prefix   []segment // from the server URL's path
	segs     []segment // from the template
	state    stateInfo // what the route does in stateful mode
}

// segment is one path segment: a literal, or a pattern with variables (path parameters or server variables).
type segment struct {
	literal string
	re      *regexp.Regexp // nil for a literal
	names   []string       // the path parameters re captures, in order ("" for a server variable)
}

// rank orders segments for matching: literals before partial patterns before whole-segment variables.
func (s segment) rank() int {
	switch {
	case s.re == nil:
		return 0
	case len(s.names) == 1 && s.re.String() == "^([^/]+)$":
		return 2
	}
	return 1
}

func (s segment) match(v string, params map[string]string) bool {
	if s.re == nil {
		return s.literal == v
	}
	m := s.re.FindStringSubmatch(v)
	if m == nil {
		return false
	}
	for i, name := range s.names {
		if name != "" && params != nil {
			params[name] = m[i+1]
		}
	}
	return true
}

var braceRe = regexp.MustCompile(`\{([^{}]*)\}`)

// compileSegment turns "{id}", "v{version}" or "customers" into a segment. Variables of a server URL
// (serverVars) match like path parameters but are not captured.
func compileSegment(seg string, serverVars bool) segment {
	if !strings.Contains(seg, "{") {
		return segment{literal: seg}
	}
	var b strings.Builder
	var names []string
	b.WriteString("^")
	last := 0
	for _, loc := range braceRe.FindAllStringSubmatchIndex(seg, -1) {
		b.WriteString(regexp.QuoteMeta(seg[last:loc[0]]))
		b.WriteString("([^/]+)")
		if serverVars {
			names = append(names, "")
		} else {
			names = append(names, seg[loc[2]:loc[3]])
		}
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(seg[last:]))
	b.WriteString("$")
	return segment{re: regexp.MustCompile(b.String()), names: names}
}

// splitPath splits a path into its segments, ignoring a trailing slash: "/a/b/" -> [a b], "/" -> [].
func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// serverPrefixes returns the path prefixes of a server URL: one with its variables as wildcards and, when the
// variables' defaults make a different path (an empty default, a default holding a slash), one with the
// defaults substituted.
func serverPrefixes(s *openapi3.Server) [][]segment {
	if s == nil {
		return [][]segment{nil}
	}
	var out [][]segment
	seen := map[string]bool{}
	add := func(path string, wild bool) {
		var segs []segment
		var key strings.Builder
		for _, p := range splitPath(path) {
			seg := segment{literal: p}
			if wild {
				seg = compileSegment(p, true)
			}
			segs = append(segs, seg)
			key.WriteString("/" + p)
		}
		if !seen[key.String()] {
			seen[key.String()] = true
			out = append(out, segs)
		}
	}
	add(serverPath(s.URL, nil), true)
	defaults := map[string]string{}
	for name, v := range s.Variables {
		if v != nil {
			defaults[name] = v.Default
		}
	}
	add(serverPath(s.URL, defaults), false)
	return out
}

// serverPath returns the path part of a server URL. With vars nil the variables stay as {name}; otherwise they
// are substituted first.
func serverPath(raw string, vars map[string]string) string {
	if vars != nil {
		raw = braceRe.ReplaceAllStringFunc(raw, func(m string) string { return vars[m[1:len(m)-1]] })
	}
	// Variables in the scheme or host ("{scheme}://{host}/v1") must not confuse the URL parser: cut the
	// scheme and authority by hand.
	rest := raw
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			rest = rest[j:]
		} else {
			rest = "/"
		}
	} else if !strings.HasPrefix(rest, "/") {
		// "api.example.com/v1" or "{server}": a host without scheme, or a variable holding the whole URL.
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			rest = rest[j:]
		} else {
			rest = "/"
		}
	}
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i]
	}
	if u, err := url.PathUnescape(rest); err == nil {
		rest = u
	}
	return rest
}

// operationServers are the servers an operation is served under: its own, its path's, or the document's.
func operationServers(doc *openapi3.T, item *openapi3.PathItem, op *openapi3.Operation) openapi3.Servers {
	switch {
	case op.Servers != nil && len(*op.Servers) > 0:
		return *op.Servers
	case len(item.Servers) > 0:
		return item.Servers
	}
	return doc.Servers
}

// buildRoutes lists every operation under every server prefix, most specific first.
func buildRoutes(doc *openapi3.T) []*route {
	var routes []*route
	if doc.Paths == nil {
		return nil
	}
	for _, tmpl := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(tmpl)
		if item == nil {
			continue
		}
		var segs []segment
		for _, p := range splitPath(tmpl) {
			segs = append(segs, compileSegment(p, false))
		}
		ops := item.Operations()
		for _, method := range sortedKeys(ops) {
			op := ops[method]
			if op == nil {
				continue
			}
			id := op.OperationID
			if id == "" {
				id = strings.ToUpper(method) + " " + tmpl
			}
			servers := operationServers(doc, item, op)
			if own := len(servers) > 0 && len(doc.Servers) > 0 && &servers[0] != &doc.Servers[0]; own {
				// An operation with its own host (Culqi's token endpoint) is also served under the document's
				// servers: a client given WithBaseURL(mock) sends every request there, as its doc says.
				servers = append(append(openapi3.Servers(nil), servers...), doc.Servers...)
			}
			if len(servers) == 0 {
				servers = openapi3.Servers{nil}
			}
			seen := map[string]bool{}
			for _, srv := range servers {
				for _, prefix := range serverPrefixes(srv) {
					key := segmentsKey(prefix)
					if seen[key] {
						continue
					}
					seen[key] = true
					routes = append(routes, &route{
						method: strings.ToUpper(method), template: tmpl, pathItem: item, op: op,
						server: srv, id: id, prefix: prefix, segs: segs,
					})
				}
			}
		}
	}
	sort.SliceStable(routes, func(i, j int) bool { return moreSpecific(routes[i], routes[j]) })
	return routes
}

func segmentsKey(segs []segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		if s.re != nil {
			b.WriteString(s.re.String())
		} else {
			b.WriteString(s.literal)
		}
	}
	return b.String()
}

// moreSpecific orders routes so that the first match wins: more segments first (a longer server prefix), then
// segment by segment literals before variables (/v2/orders/confirm before /v2/orders/{id}).
func moreSpecific(a, b *route) bool {
	as, bs := a.all(), b.all()
	if len(as) != len(bs) {
		return len(as) > len(bs)
	}
	for i := range as {
		if ra, rb := as[i].rank(), bs[i].rank(); ra != rb {
			return ra < rb
		}
	}
	return false
}

func (r *route) all() []segment {
	return append(append([]segment(nil), r.prefix...), r.segs...)
}

// match reports whether the request path (split into unescaped segments) is this route's path, and fills
// params with the path parameters.
func (r *route) match(parts []string, params map[string]string) bool {
	if len(parts) != len(r.prefix)+len(r.segs) {
		return false
	}
	for i, s := range r.prefix {
		if !s.match(parts[i], nil) {
			return false
		}
	}
	for i, s := range r.segs {
		if !s.match(parts[len(r.prefix)+i], params) {
			return false
		}
	}
	return true
}

// lookup finds the route of a request: the most specific route whose path and method match (a literal segment
// wins over a variable, but a variable route with the right method still beats a literal one without it). It
// returns the route and its path parameters; when paths match but no method does, the allowed methods of the
// most specific path; when nothing matches, neither.
func lookup(routes []*route, method, escapedPath string) (*route, map[string]string, []string) {
	raw := splitPath(escapedPath)
	parts := make([]string, len(raw))
	for i, p := range raw {
		if u, err := url.PathUnescape(p); err == nil {
			parts[i] = u
		} else {
			parts[i] = p
		}
	}
	var allowed []string
	var pathKey string
	for _, r := range routes {
		params := map[string]string{}
		if !r.match(parts, params) {
			continue
		}
		if r.method == method {
			return r, params, nil
		}
		// The most specific matching path decides the methods a 405 lists.
		if key := segmentsKey(r.all()); pathKey == "" || key == pathKey {
			pathKey = key
			allowed = append(allowed, r.method)
		}
	}
	sort.Strings(allowed)
	return nil, nil, allowed
}

// allowHeader renders the methods for an Allow header.
func allowHeader(methods []string) string {
	seen := map[string]bool{}
	var out []string
	for _, m := range methods {
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return strings.Join(out, ", ")
}
