package support

import (
	"context"
	"errors"
	"iter"
)

// paginateOffset iterates over every item of an offset-paged list, fetching
// pages of limit items at offsets 0, n, 2n... It stops after a page with
// fewer items than limit (or, when limit <= 0, an empty page), on the first
// error (yielded once) and when ctx is done.
func paginateOffset[T any](ctx context.Context, limit int, fetch func(ctx context.Context, offset, limit int) ([]T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		offset := 0
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

// paginatePage iterates over every item of a page-numbered list (pages
// 1, 2, 3...), with the same stop rules as paginateOffset.
func paginatePage[T any](ctx context.Context, limit int, fetch func(ctx context.Context, page, limit int) ([]T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page := 1; ; page++ {
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
// call gets cursor "", each next one the cursor the previous page returned.
// It stops when the next cursor is "" or a page is empty; a cursor that does
// not change yields an error rather than looping.
func paginateCursor[T any](ctx context.Context, fetch func(ctx context.Context, cursor string) (items []T, next string, err error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		cursor := ""
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
