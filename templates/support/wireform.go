package support

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// The alternative JSON forms a field's decoder also accepts (the spec's
// x-opgen-also-accept): providers' samples and official clients send them
// and the API takes them. Each becomes the canonical value before decoding;
// encoding always sends the canonical form.
const (
	// opgWireString: a number or boolean as a JSON string holding its JSON
	// text ("30", "10.50", "true").
	opgWireString = 1 << iota
	// opgWireNumber: a string as a JSON number (its text is the value).
	opgWireNumber
	// opgWireAnyCase: an enum value in another letter case, which becomes
	// the listed spelling.
	opgWireAnyCase
)

// opgWireDecode decodes the raw JSON of the property name into *dst after
// turning an accepted alternative form into the canonical one. An absent
// property (empty raw) leaves *dst as it is.
func opgWireDecode[T any](raw []byte, name string, forms int, enum []string, dst *T) error {
	if len(raw) == 0 {
		return nil
	}
	err := opgDecodeValue(opgWireCanonical(raw, forms, enum), dst)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field == "" {
		te.Field = name
	}
	return err
}

// opgWireCanonical is raw in its canonical form, or raw itself when it is in
// no accepted alternative form (the decoder then judges it as usual).
func opgWireCanonical(raw []byte, forms int, enum []string) []byte {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return raw
	}
	switch c := raw[0]; {
	case c == '"' && forms&(opgWireString|opgWireAnyCase) != 0:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return raw
		}
		if forms&opgWireString != 0 && (s == "true" || s == "false" || opgIsNumberText(s)) {
			return []byte(s)
		}
		if forms&opgWireAnyCase != 0 {
			for _, e := range enum {
				if e == s {
					return raw
				}
			}
			for _, e := range enum {
				if strings.EqualFold(e, s) {
					b, _ := json.Marshal(e)
					return b
				}
			}
		}
	case (c == '-' || (c >= '0' && c <= '9')) && forms&opgWireNumber != 0:
		b, _ := json.Marshal(string(raw))
		return b
	}
	return raw
}

// opgIsNumberText reports whether s is a JSON number literal and nothing
// else: no spaces, no "+", no hex.
func opgIsNumberText(s string) bool {
	if s == "" || (s[0] != '-' && (s[0] < '0' || s[0] > '9')) || s[len(s)-1] < '0' || s[len(s)-1] > '9' {
		return false
	}
	return json.Valid([]byte(s))
}
