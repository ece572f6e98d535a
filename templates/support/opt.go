package support

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
)

// Opt is an optional value: an optional property of the spec that is not
// nullable. Read it as a plain value (charge.Amount.Value, the zero value
// when absent: no pointer to dereference, no panic); IsSet tells an absent
// field from a zero one. The zero Opt is unset and is left out of a request
// (tag `json:",omitzero"`); a decoded field remembers that it was present, so
// re-encoding a response sends exactly the fields it had, zeros included.
//
// Set one with Some(v), or by assigning Value: a non-zero Value counts as
// set. Some(0), Some(false) and Some("") send an explicit zero.
//
// A JSON null, which the spec does not allow for such a field, is tolerated:
// the field reads as absent (IsSet is false, Value is the zero value), WasNull
// tells it apart, and re-encoding sends the null back.
type Opt[T comparable] struct {
	Value T
	set   bool
	null  bool // decoded from a null the spec does not allow
}

// Some returns an Opt holding v, sent even when v is the zero value.
func Some[T comparable](v T) Opt[T] { return Opt[T]{Value: v, set: true} }

// IsSet reports whether o was present in the decoded JSON, was made by Some,
// or holds a non-zero Value.
func (o Opt[T]) IsSet() bool {
	var zero T
	return o.set || o.Value != zero
}

// Get returns the value and whether it is set.
func (o Opt[T]) Get() (T, bool) { return o.Value, o.IsSet() }

// Or returns the value when it is set, def otherwise.
func (o Opt[T]) Or(def T) T {
	if o.IsSet() {
		return o.Value
	}
	return def
}

// WasNull reports whether o was decoded from a JSON null, which the spec does
// not allow here (it declares the property optional, not nullable): o reads as
// absent, and this is how a caller tells the provider's null from an absent
// field.
func (o Opt[T]) WasNull() bool { return o.null && !o.IsSet() }

// IsZero reports whether o is unset, so that omitzero leaves it out. A decoded
// null is not zero: re-encoding sends it back as received.
func (o Opt[T]) IsZero() bool { return !o.IsSet() && !o.WasNull() }

// String formats the value, or "<unset>".
func (o Opt[T]) String() string {
	if !o.IsSet() {
		return "<unset>"
	}
	if s, ok := any(o.Value).(interface{ String() string }); ok {
		return s.String()
	}
	return fmt.Sprint(o.Value)
}

// MarshalJSON writes the value (null when unset: tag the field omitzero).
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if !o.IsSet() {
		return []byte("null"), nil
	}
	return json.Marshal(o.Value)
}

// UnmarshalJSON reads a value and marks o set. A null (which the spec does
// not allow here) leaves o unset, and WasNull reports it.
func (o *Opt[T]) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		*o = Opt[T]{null: true}
		return nil
	}
	// Straight into o.Value: a temporary T would escape to the heap, one allocation per field.
	if err := opgDecodeValue(b, &o.Value); err != nil {
		return opgTypeError[T](b, err)
	}
	o.set = true
	return nil
}

// opgTypeError makes a value's own decoding error (time.Time's, Date's, Decimal's "cannot parse") an
// *json.UnmarshalTypeError, the one error encoding/json completes with the struct and the path of the field
// ("Go struct field Charge.refund.created_at"): any other error reaches the caller without saying which field
// failed. It names the JSON type and the Go type, never the value (which may be card data). Only a scalar's
// error is replaced.
func opgTypeError[T any](b []byte, err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	if errors.As(err, &te) || errors.As(err, &se) {
		return err
	}
	what := "value"
	if t := bytes.TrimSpace(b); len(t) > 0 {
		switch t[0] {
		case '"':
			what = "string"
		case '{', '[':
			// An object's own error (a union matching no variant) says more than its type would.
			return err
		case 't', 'f':
			what = "bool"
		default:
			what = "number"
		}
	}
	return &json.UnmarshalTypeError{Value: what, Type: reflect.TypeFor[T]()}
}

// opgDecodeValue decodes one JSON value into *dst. Scalars (strings without
// escapes, numbers, booleans, named types over them) and types with their own
// UnmarshalJSON are decoded directly, without json.Unmarshal's fixed cost;
// anything else, and every error, goes through json.Unmarshal, so the result
// and the error are what encoding/json gives.
func opgDecodeValue[T any](b []byte, dst *T) error {
	b = bytes.TrimSpace(b)
	switch p := any(dst).(type) {
	case *string:
		if s, ok := opgPlainString(b); ok {
			*p = s
			return nil
		}
	case json.Unmarshaler:
		if opgValid(b) {
			return p.UnmarshalJSON(b)
		}
	default:
		if opgDecodeScalar(b, reflect.ValueOf(dst).Elem()) {
			return nil
		}
	}
	return json.Unmarshal(b, dst)
}

// opgDecodeScalar decodes b into v when v is of a string, integer, float or
// bool kind and b is a JSON value of that kind; it reports whether it did.
func opgDecodeScalar(b []byte, v reflect.Value) bool {
	if len(b) == 0 {
		return false
	}
	switch v.Kind() {
	case reflect.String:
		if s, ok := opgPlainString(b); ok {
			v.SetString(s)
			return true
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(string(b), 10, 64)
		if err == nil && !v.OverflowInt(n) {
			v.SetInt(n)
			return true
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if b[0] == '+' {
			return false
		}
		n, err := strconv.ParseUint(string(b), 10, 64)
		if err == nil && !v.OverflowUint(n) {
			v.SetUint(n)
			return true
		}
	case reflect.Float32, reflect.Float64:
		if b[0] == '-' || (b[0] >= '0' && b[0] <= '9') {
			f, err := strconv.ParseFloat(string(b), v.Type().Bits())
			if err == nil {
				v.SetFloat(f)
				return true
			}
		}
	case reflect.Bool:
		switch string(b) {
		case "true":
			v.SetBool(true)
			return true
		case "false":
			v.SetBool(false)
			return true
		}
	}
	return false
}
