package support

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// This file holds what makes a request say what the spec says: read-only
// properties left out, a union's discriminator filled in and checked, and a
// oneOf with several variants set refused before anything is sent.

// opgStripReadOnly removes the properties at the given paths from a JSON
// document. A path is property names from the root; "*" steps into every
// element of an array or every value of an object. Numbers keep their exact
// text. raw is returned unchanged when no path matches.
func opgStripReadOnly(raw []byte, paths [][]string) ([]byte, error) {
	if len(paths) == 0 {
		return raw, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	removed := false
	for _, p := range paths {
		if opgDropPath(tree, p) {
			removed = true
		}
	}
	if !removed {
		return raw, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tree); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// opgDropPath removes the property at path under v and reports whether it
// removed anything.
func opgDropPath(v any, path []string) bool {
	if len(path) == 0 {
		return false
	}
	removed := false
	switch x := v.(type) {
	case map[string]any:
		if path[0] == "*" {
			for _, e := range x {
				removed = opgDropPath(e, path[1:]) || removed
			}
			return removed
		}
		if len(path) == 1 {
			if _, ok := x[path[0]]; ok {
				delete(x, path[0])
				return true
			}
			return false
		}
		if e, ok := x[path[0]]; ok {
			return opgDropPath(e, path[1:])
		}
	case []any:
		if path[0] == "*" {
			for _, e := range x {
				removed = opgDropPath(e, path[1:]) || removed
			}
		}
	}
	return removed
}

// opgUnionManyError refuses a oneOf value with more than one variant set: the
// spec allows exactly one, and sending one of them silently would drop the
// others.
func opgUnionManyError(typeName string, variants ...string) error {
	text := typeName + ": " + strconv.Itoa(len(variants)) + " variants are set (" + strings.Join(variants, ", ") +
		"); a oneOf takes exactly one"
	return &ValidationError{Field: typeName, Reason: "more than one variant set: " + strings.Join(variants, ", "), text: text}
}

// opgBodyError turns a failure to encode a request body into the error the
// call returns: a *ValidationError raised by a model's MarshalJSON (a oneOf
// with two variants, a wrong discriminator) is returned as such, naming the
// operation; anything else is nil (the caller wraps it).
func opgBodyError(api, op string, err error) error {
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	out := *ve
	out.api, out.Operation = api, op
	return &out
}

// opgPreEncoded is JSON encoded ahead of time, or the error encoding it gave.
type opgPreEncoded struct {
	raw []byte
	err error
}

func (p opgPreEncoded) MarshalJSON() ([]byte, error) { return p.raw, p.err }
