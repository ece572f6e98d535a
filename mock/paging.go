package mock

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// paging is how a list operation pages: from its x-opgen-pagination, else guessed from its query parameters.
type paging struct {
	style    string // offset, page, cursor, token; "" when the operation does not page
	offset   string // offset style: the offset parameter
	page     string // page style: the page-number parameter (from 1)
	limit    string // the page-size parameter
	cursor   string // cursor/token style: the parameter the next cursor goes in
	before   string // cursor style: the parameter of the previous-page cursor, if any
	items    string // dotted path of the items in the response ("": the body is the array)
	hasItems bool   // items was given by x-opgen-pagination
	next     string // dotted path of the next cursor in the response
	limitDef int    // the page size when the request gives none (the limit parameter's default; 0: all)
	nextURL  string // top-level property of the response holding the next page's URL, if any
	// nextNullable: the next URL is null on the last page (else it is left out there).
	nextNullable bool
	link         bool // the success response declares a Link header: rel="next" names the next page
}

// nextURLField is the top-level string property of the operation's success body that holds the next page's URL:
// named next_url, next_page_url, next_link, @odata.nextLink or next_href, or `next` with a uri format (the rules
// the generator infers pagination by).
func nextURLField(rt *route) (string, bool) {
	_, resp := successResponse(rt.op)
	if resp == nil {
		return "", false
	}
	mt := jsonMedia(resp.Content)
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return "", false
	}
	props := mt.Schema.Value.Properties
	for _, n := range []string{"next_url", "nexturl", "next_page_url", "nextpageurl", "next_link", "nextlink", "@odata.nextlink", "next_href", "next"} {
		for name, pr := range props {
			if !strings.EqualFold(name, n) || pr == nil || pr.Value == nil || !pr.Value.Type.Is("string") {
				continue
			}
			nullable := pr.Value.Nullable || pr.Value.Type.Is("null")
			switch strings.ToLower(pr.Value.Format) {
			case "uri", "url", "uri-reference", "iri":
				return name, nullable
			}
			if n != "next" {
				return name, nullable
			}
		}
	}
	return "", false
}

// declaresLink reports whether the operation's success response declares a Link header.
func declaresLink(rt *route) bool {
	_, resp := successResponse(rt.op)
	if resp == nil {
		return false
	}
	for name := range resp.Headers {
		if strings.EqualFold(name, "Link") {
			return true
		}
	}
	return false
}

// pagingOf reads the route's x-opgen-pagination, or guesses from the query parameters it declares.
func pagingOf(rt *route) paging {
	var p paging
	params := map[string]*openapi3.Parameter{}
	for _, ps := range []openapi3.Parameters{rt.pathItem.Parameters, rt.op.Parameters} {
		for _, ref := range ps {
			if ref != nil && ref.Value != nil && ref.Value.In == "query" {
				params[ref.Value.Name] = ref.Value
			}
		}
	}
	if x, ok := rt.op.Extensions["x-opgen-pagination"].(map[string]any); ok {
		str := func(k, def string) string {
			if v, ok := x[k].(string); ok {
				return v
			}
			return def
		}
		p.style = str("style", "offset")
		p.offset, p.limit, p.page = str("offset", "offset"), str("limit", "limit"), str("page", "page")
		p.cursor, p.next = str("cursor", ""), str("next", "")
		if v, ok := x["items"].(string); ok {
			p.items, p.hasItems = v, true
		}
		if p.style == "token" && p.cursor == "" {
			p.cursor = "page_token"
		}
	} else {
		has := func(names ...string) string {
			for _, n := range names {
				if params[n] != nil {
					return n
				}
			}
			return ""
		}
		p.limit = has("limit", "per_page", "page_size", "pageSize", "size", "count", "max_results", "maxResults", "pagelen")
		switch {
		case has("offset") != "":
			p.style, p.offset = "offset", "offset"
		case has("page") != "" && p.limit != "":
			p.style, p.page = "page", "page"
		case has("starting_after", "after", "cursor", "page_token", "pageToken") != "":
			p.style, p.cursor = "cursor", has("starting_after", "after", "cursor", "page_token", "pageToken")
		}
	}
	// A body that names the next page's URL (Bitbucket's `next`, `next_page_url`): the mock writes its own URL
	// there, paging by `page` when the operation declares no paging parameter.
	p.nextURL, p.nextNullable = nextURLField(rt)
	if p.style == "" && p.nextURL != "" {
		p.style, p.page = "page", "page"
	}
	p.link = declaresLink(rt)
	if p.style == "" && p.link {
		p.style, p.page = "page", "page"
	}
	if params["before"] != nil && p.style == "cursor" {
		p.before = "before"
	} else if params["ending_before"] != nil && p.style == "cursor" {
		p.before = "ending_before"
	}
	p.limitDefault(params)
	return p
}

func (p *paging) limitDefault(params map[string]*openapi3.Parameter) {
	if p.limit == "" {
		return
	}
	lp := params[p.limit]
	if lp == nil {
		p.limit = ""
		return
	}
	if lp.Schema != nil && lp.Schema.Value != nil {
		if f, ok := lp.Schema.Value.Default.(float64); ok && f > 0 {
			p.limitDef = int(f)
		}
	}
}

// itemsPath finds where the items of a list response are: the body itself when it is an array, else the
// array property with a usual name (data, items, results...), else the first array property.
func itemsPath(body any) (string, bool) {
	switch b := body.(type) {
	case []any:
		return "", true
	case map[string]any:
		for _, k := range []string{"data", "items", "results", "records", "entries", "list", "values", "content"} {
			if _, ok := b[k].([]any); ok {
				return k, true
			}
		}
		for _, k := range sortedKeys(b) {
			if _, ok := b[k].([]any); ok {
				return k, true
			}
		}
	}
	return "", false
}

// getPath and setPath read and write a dotted path in a JSON value.
func getPath(v any, path string) (any, bool) {
	if path == "" {
		return v, true
	}
	for part := range strings.SplitSeq(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[part]; !ok {
			return nil, false
		}
	}
	return v, true
}

func setPath(v any, path string, x any) any {
	if path == "" {
		return x
	}
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	parts := strings.Split(path, ".")
	cur := m
	for _, part := range parts[:len(parts)-1] {
		next, ok := cur[part].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[part] = next
		}
		cur = next
	}
	cur[parts[len(parts)-1]] = x
	return m
}

// page cuts the list response body of rep to the page the query asks for. stored is the stateful collection
// (nil in stateless mode, where the items of the example are the whole collection). Cursors are item ids. When
// more items follow, rep.next is the query of the next page (its URL goes in a Link header or the body's next
// URL field: nextLinks).
func (h *Handler) page(rt *route, query url.Values, rep *reply, stored []any) {
	rep.paging = pagingOf(rt)
	rep.body, rep.next = h.cut(rt, rep.paging, query, rep.body, stored)
}

func (h *Handler) cut(rt *route, p paging, query url.Values, body any, stored []any) (any, url.Values) {
	if p.style == "" && stored == nil {
		return body, nil
	}
	path, ok := p.items, p.hasItems
	if !ok {
		if path, ok = itemsPath(body); !ok {
			return body, nil
		}
	}
	all := stored
	if all == nil {
		v, ok := getPath(body, path)
		if !ok {
			return body, nil
		}
		if all, ok = v.([]any); !ok {
			return body, nil
		}
	}
	atoi := func(name string, def int) int {
		if name == "" {
			return def
		}
		if n, err := strconv.Atoi(query.Get(name)); err == nil && n >= 0 {
			return n
		}
		return def
	}
	limit := atoi(p.limit, p.limitDef)
	if limit == 0 {
		limit = len(all)
	}
	start, end := 0, len(all)
	idOf := func(item any) string {
		if m, ok := item.(map[string]any); ok {
			key := "id"
			if rt.state.res != nil {
				key = idKey(m, rt.state.res.idParam)
			}
			return jsonScalar(m[key])
		}
		return ""
	}
	indexOf := func(id string) int {
		for i, it := range all {
			if idOf(it) == id {
				return i
			}
		}
		return -1
	}
	switch p.style {
	case "offset":
		start = min(atoi(p.offset, 0), len(all))
	case "page":
		start = min((max(atoi(p.page, 1), 1)-1)*limit, len(all))
	case "cursor", "token":
		if c := query.Get(p.cursor); c != "" {
			if i := indexOf(c); i >= 0 {
				start = i + 1
			} else {
				start = len(all) // an unknown cursor: nothing after it
			}
		}
		if b := query.Get(p.before); p.before != "" && b != "" {
			if i := indexOf(b); i >= 0 {
				end = i
				start = max(0, min(start, end-limit))
				if query.Get(p.cursor) == "" {
					start = max(0, end-limit)
				}
			}
		}
	}
	end = min(end, start+limit)
	if end < start {
		end = start
	}
	items := append([]any{}, all[start:end]...)
	more := end < len(all)
	body = setPath(body, path, items)
	var next url.Values
	if more && len(items) > 0 {
		next = url.Values{}
		for k, vs := range query {
			next[k] = vs
		}
		switch p.style {
		case "offset":
			next.Set(p.offset, strconv.Itoa(end))
		case "page":
			next.Set(p.page, strconv.Itoa(max(atoi(p.page, 1), 1)+1))
		case "cursor", "token":
			next.Set(p.cursor, idOf(items[len(items)-1]))
			next.Del(p.before)
		default:
			next = nil
		}
	}
	if p.next != "" {
		var next any
		if more && len(items) > 0 {
			next = idOf(items[len(items)-1])
		}
		body = setPath(body, p.next, next)
		if parent, last, ok := strings.Cut(reverse(p.next), "."); ok && reverse(parent) == "after" {
			sib := reverse(last) + ".before"
			if _, has := getPath(body, sib); has {
				var prev any
				if start > 0 && len(items) > 0 {
					prev = idOf(items[0])
				}
				body = setPath(body, sib, prev)
			}
		}
	}
	if m, ok := body.(map[string]any); ok {
		if _, has := m["has_more"]; has {
			m["has_more"] = more
		}
		// The object holding the cursors (Culqi's paging) may also hold page links and a count.
		if first, _, ok := strings.Cut(p.next, "."); ok {
			if pg, ok := m[first].(map[string]any); ok {
				if _, has := pg["next"]; has && !more {
					pg["next"] = nil
				}
				if _, has := pg["previous"]; has && start == 0 {
					pg["previous"] = nil
				}
				if _, has := pg["remaining_items"]; has {
					pg["remaining_items"] = len(all) - end
				}
			}
		}
	}
	return body, next
}

// nextLinks points the client at the next page with the mock's own URL (never the provider's host the
// examples name, which an SDK must refuse to send credentials to): in the Link header the response declares
// (rel="next", absent on the last page) and in the body's next-URL field (null on the last page).
func nextLinks(r *http.Request, rep *reply) {
	// The object holding the cursors (Culqi's paging) may also name the next page's full URL: `next`.
	var holder map[string]any
	if first, _, ok := strings.Cut(rep.paging.next, "."); ok {
		if m, ok := rep.body.(map[string]any); ok {
			if pg, ok := m[first].(map[string]any); ok {
				if _, ok := pg["next"].(string); ok {
					holder = pg
				}
			}
		}
	}
	if !rep.paging.link && rep.paging.nextURL == "" && holder == nil {
		return
	}
	u := ""
	if rep.next != nil {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		u = (&url.URL{Scheme: scheme, Host: r.Host, Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: rep.next.Encode()}).String()
	}
	if rep.paging.link {
		if rep.header == nil {
			rep.header = http.Header{}
		}
		rep.header.Del("Link")
		if u != "" {
			rep.header.Set("Link", "<"+u+`>; rel="next"`)
		}
	}
	if holder != nil && u != "" {
		holder["next"] = u // on the last page the cursor logic has nulled it already
	}
	if m, ok := rep.body.(map[string]any); ok && rep.paging.nextURL != "" {
		switch {
		case u != "":
			m[rep.paging.nextURL] = u
		case rep.paging.nextNullable:
			m[rep.paging.nextURL] = nil
		default:
			delete(m, rep.paging.nextURL) // Bitbucket: "the last page of a collection does not have this value"
		}
	}
}

// reverse reverses a dotted path's elements: "paging.cursors.after" -> "after.cursors.paging".
func reverse(path string) string {
	parts := strings.Split(path, ".")
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, ".")
}
