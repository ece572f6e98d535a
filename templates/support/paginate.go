package support

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"strings"
)

// paginateOffset iterates over every item of an offset-paged list, fetching
// pages of limit items at offsets start, start+n, start+2n... It stops after
// a page with fewer items than limit (or, when limit <= 0, an empty page), on
// the first error (yielded once) and when ctx is done.
func paginateOffset[T any](ctx context.Context, start, limit int, fetch func(ctx context.Context, offset, limit int) ([]T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		offset := start
		for {
			items, err := opgFetchPage(ctx, func(ctx context.Context) ([]T, error) { return fetch(ctx, offset, limit) })
			if !opgYieldPage(items, err, yield) {
				return
			}
			if len(items) == 0 || (limit > 0 && len(items) < limit) {
				return
			}
			offset += len(items)
		}
	}
}

// paginatePage iterates over every item of a page-numbered list from page
// first (the caller's page, else the API's first: 1, or 0), with the same
// stop rules as paginateOffset.
func paginatePage[T any](ctx context.Context, first, limit int, fetch func(ctx context.Context, page, limit int) ([]T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page := first; ; page++ {
			items, err := opgFetchPage(ctx, func(ctx context.Context) ([]T, error) { return fetch(ctx, page, limit) })
			if !opgYieldPage(items, err, yield) {
				return
			}
			if len(items) == 0 || (limit > 0 && len(items) < limit) {
				return
			}
		}
	}
}

// errOpgCursorRepeated is yielded when a cursor-paged list returns the cursor it
// was given, which would otherwise loop forever.
var errOpgCursorRepeated = errors.New("pagination: the server returned the same cursor again")

// paginateCursor iterates over every item of a cursor-paged list: the first
// call gets cursor start (the caller's, or ""), each next one the cursor the
// previous page returned. It stops when the next cursor is "" (null, absent
// or empty; a has_more of false gives "") or a page is empty; a cursor that
// does not change yields an error rather than looping.
func paginateCursor[T any](ctx context.Context, start string, fetch func(ctx context.Context, cursor string) (items []T, next string, err error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		cursor := start
		seen := map[string]bool{}
		for {
			var next string
			items, err := opgFetchPage(ctx, func(ctx context.Context) ([]T, error) {
				items, n, err := fetch(ctx, cursor)
				next = n
				return items, err
			})
			if !opgYieldPage(items, err, yield) {
				return
			}
			if next == "" || len(items) == 0 {
				return
			}
			if seen[next] || next == cursor {
				var zero T
				yield(zero, errOpgCursorRepeated)
				return
			}
			seen[next] = true
			cursor = next
		}
	}
}

// errOpgLinkOrigin is yielded when the next page's URL (a Link header's, or
// one the body gives) is on another host than the API: the SDK does not send
// the credentials there.
var errOpgLinkOrigin = errors.New("pagination: the next page's URL is on another host; not followed")

// paginateLink iterates over every item of a list paged by RFC 8288 Link
// headers: the first page from first, each next one from the rel="next" URL
// of the previous page's Link header (fetched with next), until there is
// none or a page is empty.
func paginateLink[T any](ctx context.Context, first func(ctx context.Context) ([]T, http.Header, error), next func(ctx context.Context, u string) ([]T, http.Header, error)) iter.Seq2[T, error] {
	return paginateURL(ctx, func(ctx context.Context) ([]T, string, error) {
		items, h, err := first(ctx)
		return items, opgLinkNext(h), err
	}, func(ctx context.Context, u string) ([]T, string, error) {
		items, h, err := next(ctx, u)
		return items, opgLinkNext(h), err
	})
}

// paginateURL iterates over every item of a list whose pages name the next
// page's URL (in the body, as Bitbucket's `next`, or in a Link header): the
// first page from first, each next one fetched from the URL the previous page
// gave (with next, which keeps the API's host and credentials), until there
// is none or a page is empty. A URL seen before ends the iteration with an
// error instead of looping.
func paginateURL[T any](ctx context.Context, first func(ctx context.Context) ([]T, string, error), next func(ctx context.Context, u string) ([]T, string, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var u string
		items, err := opgFetchPage(ctx, func(ctx context.Context) ([]T, error) {
			items, n, err := first(ctx)
			u = n
			return items, err
		})
		seen := map[string]bool{}
		for {
			if !opgYieldPage(items, err, yield) {
				return
			}
			if u == "" || len(items) == 0 {
				return
			}
			if seen[u] {
				var zero T
				yield(zero, errOpgCursorRepeated)
				return
			}
			seen[u] = true
			cur := u
			items, err = opgFetchPage(ctx, func(ctx context.Context) ([]T, error) {
				items, n, err := next(ctx, cur)
				u = n
				return items, err
			})
		}
	}
}

// opgLinkNext is the target of the rel="next" link of the Link headers
// (RFC 8288), or "".
func opgLinkNext(h http.Header) string {
	for _, v := range h.Values("Link") {
		for v != "" {
			v = strings.TrimLeft(v, " ,")
			if !strings.HasPrefix(v, "<") {
				break
			}
			end := strings.IndexByte(v, '>')
			if end < 0 {
				break
			}
			target := v[1:end]
			v = v[end+1:]
			// Parameters up to the next link: a ',' outside quotes.
			params, quoted, i := "", false, 0
			for ; i < len(v); i++ {
				if v[i] == '"' {
					quoted = !quoted
				}
				if v[i] == ',' && !quoted {
					break
				}
			}
			params, v = v[:i], v[i:]
			for _, p := range strings.Split(params, ";") {
				k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
				if !ok || !strings.EqualFold(strings.TrimSpace(k), "rel") {
					continue
				}
				for _, rel := range strings.Fields(strings.Trim(strings.TrimSpace(val), `"`)) {
					if strings.EqualFold(rel, "next") {
						return target
					}
				}
			}
		}
	}
	return ""
}

// fetchLink sends op's request to the URL of a Link header (resolved against
// the operation's base URL), which must be on the same scheme and host: the
// call's credentials never go anywhere else.
func (c *clientCore) fetchLink(ctx context.Context, op *operationDef, link string, opts []RequestOption) (*response, error) {
	base, err := c.resolveBase(op, "")
	if err != nil {
		return nil, err
	}
	bu, err := url.Parse(base + "/")
	if err != nil {
		return nil, err
	}
	ref, err := url.Parse(link)
	if err != nil {
		return nil, errOpgLinkOrigin
	}
	u := bu.ResolveReference(ref)
	if !opgSameOrigin(u, bu) {
		return nil, errOpgLinkOrigin
	}
	raw := u.RawQuery
	u.RawQuery, u.Fragment = "", ""
	o := append(append([]RequestOption(nil), opts...), WithRequestBaseURL(u.String()))
	return c.do(ctx, op, &request{RawQuery: raw}, o)
}

func opgFetchPage[T any](ctx context.Context, f func(context.Context) ([]T, error)) ([]T, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return f(ctx)
}

// opgYieldPage yields the items of a page, or the error; it reports whether
// iteration should go on.
func opgYieldPage[T any](items []T, err error, yield func(T, error) bool) bool {
	if err != nil {
		var zero T
		yield(zero, err)
		return false
	}
	for _, it := range items {
		if !yield(it, nil) {
			return false
		}
	}
	return true
}
