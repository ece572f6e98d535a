package support

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"unicode/utf8"
)

// Ptr returns a pointer to v; optional fields are pointers:
// Description: Ptr("order 42").
func Ptr[T any](v T) *T { return &v }

// Nullable is a field that may be absent, explicitly null, or hold a value
// (OpenAPI "nullable" properties whose null means something, e.g. "clear
// this field"). The zero value is unset: IsZero reports true, so a field
// tagged `json:",omitzero"` is left out of the request. Null() sends null.
type Nullable[T any] struct {
	value T
	state uint8 // 0 unset, 1 null, 2 value
}

// NewNullable returns a Nullable holding v.
func NewNullable[T any](v T) Nullable[T] { return Nullable[T]{value: v, state: 2} }

// Null returns an explicit null.
func Null[T any]() Nullable[T] { return Nullable[T]{state: 1} }

// Get returns the value and true, or the zero T and false when n is unset
// or null.
func (n Nullable[T]) Get() (T, bool) { return n.value, n.state == 2 }

// IsNull reports whether n is an explicit null.
func (n Nullable[T]) IsNull() bool { return n.state == 1 }

// IsSet reports whether n is null or holds a value.
func (n Nullable[T]) IsSet() bool { return n.state != 0 }

// IsZero reports whether n is unset (so omitzero omits it).
func (n Nullable[T]) IsZero() bool { return n.state == 0 }

// Format prints the value through fmt (so the value's own Format, which masks
// card data, applies), "null" when n is null and "unset" when it is unset.
// Without it fmt would print the unexported fields, which it cannot hand to
// the value's Format.
func (n Nullable[T]) Format(s fmt.State, verb rune) {
	switch n.state {
	case 2:
		fmt.Fprintf(s, fmt.FormatString(s, verb), n.value)
	case 1:
		fmt.Fprint(s, "null")
	default:
		fmt.Fprint(s, "unset")
	}
}

// LogValue logs the value (through its own LogValue when it has one), so slog
// masks what the value masks.
func (n Nullable[T]) LogValue() slog.Value {
	switch n.state {
	case 2:
		return slog.AnyValue(n.value)
	case 1:
		return slog.StringValue("null")
	}
	return slog.StringValue("unset")
}

// MarshalJSON writes the value, or null when n is null. An unset Nullable
// also writes null: tag the field `json:",omitzero"` so it is omitted.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.state != 2 {
		return []byte("null"), nil
	}
	return json.Marshal(n.value)
}

// UnmarshalJSON reads null as the null state and anything else as a value.
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		var zero T
		n.value, n.state = zero, 1
		return nil
	}
	// The common cases without json.Unmarshal's fixed cost (and without a
	// temporary T on the heap): a string without escapes, and a type with its
	// own UnmarshalJSON, given the value as json.Unmarshal would give it.
	switch p := any(&n.value).(type) {
	case *string:
		if s, ok := opgPlainString(b); ok {
			*p, n.state = s, 2
			return nil
		}
	case json.Unmarshaler:
		if opgValid(b) {
			old := n.value
			var zero T
			n.value = zero
			if err := p.UnmarshalJSON(bytes.Trim(b, " \t\r\n")); err != nil {
				n.value = old
				return opgTypeError[T](b, err)
			}
			n.state = 2
			return nil
		}
	}
	var v T
	if err := opgUnmarshal(b, &v); err != nil {
		return opgTypeError[T](b, err)
	}
	n.value, n.state = v, 2
	return nil
}

// opgPlainString returns the text of a JSON string literal that has no
// escape, control character or invalid UTF-8 (so that decoding is a copy).
func opgPlainString(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	in := b[1 : len(b)-1]
	if opgStringSpecial(in, 0) != len(in) || !utf8.Valid(in) {
		return "", false
	}
	return string(in), true
}
