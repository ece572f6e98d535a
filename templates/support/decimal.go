package support

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
)

// opgMaxDecimalDigits bounds the digits a Decimal holds, before and after the
// point, so that input such as 1e999999999 cannot exhaust memory.
const opgMaxDecimalDigits = 256

// Decimal is an exact decimal number for money. It keeps the digits it was
// given: ParseDecimal("10.10") is sent as the JSON number 10.10, never 10.1
// or 10.0999, and it never passes through float64. The zero value is 0.
//
// Input in exponent form is accepted and written out in plain form ("1e3" is
// 1000, "1.5e-2" is 0.015); at most 256 digits may stand on each side of the
// point. Compare values with Equal or Cmp, never ==: == compares
// representations (the digits as written), so 10.10 == 10.1 is false, while
// Equal reports true and Cmp 0. Negative zero is read as zero.
type Decimal struct {
	neg   bool
	coef  string // digits without leading zeros; "" is 0
	scale int    // digits after the point
}

// ParseDecimal parses a decimal number: an optional sign, digits with an
// optional point, and an optional exponent. NaN, infinities, hex and
// anything else are rejected.
func ParseDecimal(s string) (Decimal, error) {
	d, ok := opgParseDecimal(s)
	if !ok {
		return Decimal{}, errors.New("invalid decimal " + strconv.Quote(opgTruncate(s, 64)))
	}
	return d, nil
}

// MustParseDecimal is ParseDecimal that panics on invalid input; for
// constants in code and tests.
func MustParseDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// NewDecimalFromMinorUnits returns minor / 10^scale: (1010, 2) is 10.10. A
// negative scale multiplies: (5, -2) is 500.
func NewDecimalFromMinorUnits(minor int64, scale int) Decimal {
	neg := minor < 0
	u := uint64(minor)
	if neg {
		u = -u
	}
	coef := strconv.FormatUint(u, 10)
	if scale < 0 {
		if -scale > opgMaxDecimalDigits {
			scale = -opgMaxDecimalDigits
		}
		coef += strings.Repeat("0", -scale)
		scale = 0
	}
	if scale > opgMaxDecimalDigits {
		scale = opgMaxDecimalDigits
	}
	return opgMakeDecimal(neg, coef, scale)
}

func opgMakeDecimal(neg bool, coef string, scale int) Decimal {
	coef = strings.TrimLeft(coef, "0")
	if coef == "" {
		neg = false
	}
	return Decimal{neg: neg, coef: coef, scale: scale}
}

func opgParseDecimal(s string) (Decimal, bool) {
	if s == "" || len(s) > 4*opgMaxDecimalDigits {
		return Decimal{}, false
	}
	i, neg := 0, false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		i++
	}
	var digits strings.Builder
	scale, nd, seenPoint := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case opgIsDigit(c):
			digits.WriteByte(c)
			nd++
			if seenPoint {
				scale++
			}
		case c == '.' && !seenPoint:
			seenPoint = true
		default:
			goto exponent
		}
	}
exponent:
	if nd == 0 {
		return Decimal{}, false
	}
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' || i+1 == len(s) {
			return Decimal{}, false
		}
		exp, err := strconv.Atoi(s[i+1:])
		if err != nil || exp > opgMaxDecimalDigits || exp < -opgMaxDecimalDigits {
			return Decimal{}, false
		}
		scale -= exp
	}
	coef := digits.String()
	if scale < 0 {
		coef += strings.Repeat("0", -scale)
		scale = 0
	}
	d := opgMakeDecimal(neg, coef, scale)
	if scale > opgMaxDecimalDigits || len(d.coef)-scale > opgMaxDecimalDigits {
		return Decimal{}, false
	}
	return d, true
}

// String returns the number in plain decimal form with exactly its digits:
// "10.10", "-3.000", "0".
func (d Decimal) String() string {
	coef := d.coef
	if coef == "" {
		coef = "0"
	}
	if d.scale > 0 {
		if len(coef) <= d.scale {
			coef = strings.Repeat("0", d.scale-len(coef)+1) + coef
		}
		coef = coef[:len(coef)-d.scale] + "." + coef[len(coef)-d.scale:]
	}
	if d.neg {
		return "-" + coef
	}
	return coef
}

// IsZero reports whether d is zero (0, 0.00, ...). With `json:",omitzero"`
// a zero amount is omitted.
func (d Decimal) IsZero() bool { return d.coef == "" }

// Sign returns -1, 0 or +1.
func (d Decimal) Sign() int {
	switch {
	case d.coef == "":
		return 0
	case d.neg:
		return -1
	}
	return 1
}

// Cmp compares d and o numerically: -1 if d < o, 0 if equal (10.10 and
// 10.1 are equal), +1 if d > o.
func (d Decimal) Cmp(o Decimal) int {
	if ds, os := d.Sign(), o.Sign(); ds != os {
		if ds < os {
			return -1
		}
		return 1
	} else if ds == 0 {
		return 0
	}
	a, b := d.coef, o.coef
	if d.scale < o.scale {
		a += strings.Repeat("0", o.scale-d.scale)
	} else {
		b += strings.Repeat("0", d.scale-o.scale)
	}
	c := 0
	switch {
	case len(a) != len(b):
		c = 1
		if len(a) < len(b) {
			c = -1
		}
	default:
		c = strings.Compare(a, b)
	}
	if d.neg {
		return -c
	}
	return c
}

// Equal reports whether d and o are the same number: 10.10 and 10.1 are
// Equal, though == tells them apart (it compares representations).
func (d Decimal) Equal(o Decimal) bool { return d.Cmp(o) == 0 }

// MinorUnits returns d * 10^scale as an integer: 10.10 with scale 2 is
// 1010. It fails when that would drop non-zero digits (10.105 at scale 2)
// or overflow int64.
func (d Decimal) MinorUnits(scale int) (int64, error) {
	coef := d.coef
	switch {
	case d.scale > scale:
		drop := d.scale - scale
		if coef != "" {
			if drop >= len(coef) || strings.Trim(coef[len(coef)-drop:], "0") != "" {
				return 0, errors.New("decimal " + d.String() + " has more than " + strconv.Itoa(scale) + " decimal places")
			}
			coef = coef[:len(coef)-drop]
		}
	case d.scale < scale:
		if coef != "" {
			if scale-d.scale > 20 {
				return 0, errors.New("decimal " + d.String() + " overflows int64 in minor units")
			}
			coef += strings.Repeat("0", scale-d.scale)
		}
	}
	if coef == "" {
		return 0, nil
	}
	u, err := strconv.ParseUint(coef, 10, 64)
	if err != nil || (!d.neg && u > math.MaxInt64) || (d.neg && u > 1<<63) {
		return 0, errors.New("decimal " + d.String() + " overflows int64 in minor units")
	}
	if d.neg {
		return int64(-u), nil
	}
	return int64(u), nil
}

// MarshalJSON writes d as a JSON number with exactly its digits.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalJSON reads a JSON number or a JSON string holding a number,
// keeping its exact digits. null leaves d unchanged.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal([]byte(s), &s); err != nil {
			return errors.New("invalid decimal: " + err.Error())
		}
	}
	v, err := ParseDecimal(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText writes d in plain decimal form.
func (d Decimal) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses a decimal number.
func (d *Decimal) UnmarshalText(b []byte) error {
	v, err := ParseDecimal(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// DecimalString is a Decimal that travels as a JSON string ("20.00"): the
// type of amounts the API writes as strings (type: string, format: decimal).
// It reads a JSON string or number, and has Decimal's methods.
//
//	amount := DecimalString{Decimal: MustParseDecimal("20.00")}
type DecimalString struct{ Decimal }

// MarshalJSON writes d as a JSON string with exactly its digits.
func (d DecimalString) MarshalJSON() ([]byte, error) { return []byte(`"` + d.String() + `"`), nil }
