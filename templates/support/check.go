package support

import (
	"math/big"
	"strconv"
	"strings"
)

// The number checks generated code runs on a request before sending it: the spec's minimum, maximum, exclusive
// bounds and multipleOf, and the decimals a currency allows. Every check is exact, on the number's decimal text
// (a Decimal's own digits), never through float64: 0.1+0.2 and 10.999 are what they are.

// opgNumberRule is the spec's limits on one number field; bounds and step are decimal text, "" when absent.
type opgNumberRule struct {
	min, max           string
	exclMin, exclMax   bool
	multipleOf         string
	sensitive          bool // the value is not quoted in the error
	currency, currDflt string
	digits             map[string]int // the spec's own minor-units table; nil: opgISODigits
}

// opgNumberText is the exact decimal text of a number value.
func opgNumberText(v any) string {
	switch v := v.(type) {
	case Decimal:
		return v.String()
	case DecimalString:
		return v.String()
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32)
	}
	return opgIntText(v)
}

// opgIntText formats an integer of any Go integer type (named ones included, through fmt's rules for %d).
func opgIntText(v any) string {
	switch v := v.(type) {
	case int:
		return strconv.FormatInt(int64(v), 10)
	case int8:
		return strconv.FormatInt(int64(v), 10)
	case int16:
		return strconv.FormatInt(int64(v), 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint:
		return strconv.FormatUint(uint64(v), 10)
	case uint8:
		return strconv.FormatUint(uint64(v), 10)
	case uint16:
		return strconv.FormatUint(uint64(v), 10)
	case uint32:
		return strconv.FormatUint(uint64(v), 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	}
	return ""
}

// opgExact is a decimal number as an integer and a count of decimals: 10.50 is (1050, 2).
type opgExact struct {
	n     *big.Int
	scale int
}

// opgParseExact reads plain decimal text ("-10.50", "3"), as opgNumberText writes it.
func opgParseExact(s string) (opgExact, bool) {
	digits, scale := s, 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		digits, scale = s[:i]+s[i+1:], len(s)-i-1
	}
	n, ok := new(big.Int).SetString(digits, 10)
	return opgExact{n, scale}, ok
}

// at returns x's integer at the given scale (>= x.scale).
func (x opgExact) at(scale int) *big.Int {
	if scale == x.scale {
		return x.n
	}
	return new(big.Int).Mul(x.n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale-x.scale)), nil))
}

// cmp compares x and y exactly.
func (x opgExact) cmp(y opgExact) int {
	s := max(x.scale, y.scale)
	return x.at(s).Cmp(y.at(s))
}

// multipleOf reports whether x is an integer multiple of m (m > 0).
func (x opgExact) multipleOf(m opgExact) bool {
	s := max(x.scale, m.scale)
	return new(big.Int).Rem(x.at(s), m.at(s)).Sign() == 0
}

// decimals is the number of decimals x needs: 10.50 needs 1, 10.00 none.
func (x opgExact) decimals() int {
	n, d := new(big.Int).Set(x.n), x.scale
	ten, r := big.NewInt(10), new(big.Int)
	for d > 0 {
		if _, r = n.QuoRem(n, ten, r); r.Sign() != 0 {
			return d
		}
		d--
	}
	return 0
}

// opgISODigits lists the ISO 4217 currencies whose minor unit is not two decimals; any other three-letter code
// takes two.
var opgISODigits = map[string]int{
	"BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0, "UGX": 0,
	"UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
	"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
	"CLF": 4, "UYW": 4,
}

// opgCurrencyDigits is the number of decimals currency allows, and whether it is known: a code of the spec's own
// table, or any three-letter ISO 4217 code when the spec gives none.
func opgCurrencyDigits(currency string, table map[string]int) (int, bool) {
	if table != nil {
		d, ok := table[currency]
		return d, ok
	}
	if d, ok := opgISODigits[currency]; ok {
		return d, true
	}
	if len(currency) == 3 && strings.Trim(currency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return 2, true
	}
	return 0, false
}

// opgCheckNumber checks v against r; field is its JSON path for the error ("card.amount").
func opgCheckNumber(field string, v any, r opgNumberRule) error {
	text := opgNumberText(v)
	x, ok := opgParseExact(text)
	if !ok {
		return nil // not a number the rules can read: the API decides
	}
	shown := text
	if r.sensitive {
		shown = "the value"
	}
	fail := func(why string) error { return &ValidationError{Field: field, Reason: shown + " " + why} }
	if r.min != "" {
		if b, ok := opgParseExact(r.min); ok {
			switch c := x.cmp(b); {
			case r.exclMin && c <= 0:
				return fail("must be greater than " + r.min)
			case c < 0:
				return fail("must be at least " + r.min)
			}
		}
	}
	if r.max != "" {
		if b, ok := opgParseExact(r.max); ok {
			switch c := x.cmp(b); {
			case r.exclMax && c >= 0:
				return fail("must be less than " + r.max)
			case c > 0:
				return fail("must be at most " + r.max)
			}
		}
	}
	if r.multipleOf != "" {
		if m, ok := opgParseExact(r.multipleOf); ok && m.n.Sign() > 0 && !x.multipleOf(m) {
			return fail("must be a multiple of " + r.multipleOf)
		}
	}
	cur := r.currency
	if cur == "" {
		cur = r.currDflt
	}
	if cur != "" {
		if d, known := opgCurrencyDigits(cur, r.digits); known && x.decimals() > d {
			if d == 0 {
				return fail("has decimals, but " + cur + " amounts take none")
			}
			return fail("has more decimals than " + cur + " allows (" + strconv.Itoa(d) + ")")
		}
	}
	return nil
}

// opgInvalidBody names the operation and the API in a request body check's error.
func opgInvalidBody(op *operationDef, err error) error {
	if ve, ok := err.(*ValidationError); ok {
		ve.Operation = op.ID
		if op.API != nil {
			ve.api = op.API.Name
		}
	}
	return err
}
