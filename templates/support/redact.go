package support

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// opgRedacted replaces sensitive values in logs and errors.
const opgRedacted = "[REDACTED]"

// opgMaxLoggedBody caps each body written to a trace log.
const opgMaxLoggedBody = 64 << 10

// opgBuiltinSensitive are the JSON/form property names always redacted,
// normalised by opgNormKey. "number" is redacted only inside a card object.
var opgBuiltinSensitive = []string{
	"card_number", "cvv", "cvv2", "cvc", "cvc2", "cid", "password", "secret",
	"private_key", "secret_key", "api_key", "client_secret", "access_token",
	"refresh_token", "pin",
}

// opgNormKey lower-cases a property name and drops '_' and '-', so that
// card_number, cardNumber and card-number match each other.
func opgNormKey(k string) string {
	k = strings.ToLower(k)
	if strings.ContainsAny(k, "_-") {
		k = strings.Map(func(r rune) rune {
			if r == '_' || r == '-' {
				return -1
			}
			return r
		}, k)
	}
	return k
}

// opgRedactor redacts sensitive values from bodies for logs and errors.
// It is immutable after construction.
type opgRedactor struct {
	names map[string]bool // normalised sensitive names
}

func opgNewRedactor(extra []string) *opgRedactor {
	r := &opgRedactor{names: map[string]bool{}}
	for _, n := range opgBuiltinSensitive {
		r.names[opgNormKey(n)] = true
	}
	for _, n := range extra {
		if n != "" {
			r.names[opgNormKey(n)] = true
		}
	}
	return r
}

// sensitive reports whether key (inside an object named parent) is secret.
func (r *opgRedactor) sensitive(parent, key string) bool {
	k := opgNormKey(key)
	if r.names[k] {
		return true
	}
	if k == "number" || k == "expiration" {
		return strings.Contains(opgNormKey(parent), "card")
	}
	return false
}

// body returns a loggable, redacted form of a body of the given content type,
// with the secret values scrubbed before it is cut to opgMaxLoggedBody: a
// secret straddling the cut would otherwise survive as a fragment.
// Bodies that are neither JSON, form nor text are summarised, never dumped.
func (r *opgRedactor) body(contentType string, b []byte, secrets []string) string {
	return opgTruncate(r.full(contentType, b, secrets), opgMaxLoggedBody)
}

// full is body without the cut.
func (r *opgRedactor) full(contentType string, b []byte, secrets []string) string {
	if len(b) == 0 {
		return ""
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	trimmed := bytes.TrimSpace(b)
	switch {
	case strings.HasSuffix(mt, "json") || (mt == "" && len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')):
		if s, ok := r.json(b); ok {
			return opgScrub(s, secrets)
		}
		return "[unparseable JSON body, " + strconv.Itoa(len(b)) + " bytes]"
	case mt == "application/x-www-form-urlencoded":
		return opgScrub(r.form(string(b)), secrets)
	case strings.HasPrefix(mt, "text/") || strings.HasSuffix(mt, "xml"):
		if !utf8.Valid(b) {
			break
		}
		return opgScrub(opgMaskCardNumbers(r.textFields(string(b))), secrets)
	}
	return "[" + strconv.Itoa(len(b)) + " bytes " + mt + "]"
}

// json redacts sensitive properties of a JSON document and masks card
// numbers in the result. ok is false when b is not valid JSON.
func (r *opgRedactor) json(b []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if opgJSONTooDeep(b, opgMaxJSONDepth) || dec.Decode(&v) != nil {
		return "", false
	}
	v = r.walk("", v)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if enc.Encode(v) != nil {
		return "", false
	}
	return opgMaskCardNumbers(strings.TrimSuffix(buf.String(), "\n")), true
}

func (r *opgRedactor) walk(parent string, v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if r.sensitive(parent, k) {
				if e != nil {
					v[k] = opgRedacted
				}
				continue
			}
			v[k] = r.walk(k, e)
		}
	case []any:
		for i, e := range v {
			v[i] = r.walk(parent, e)
		}
	}
	return v
}

// form redacts sensitive keys of a urlencoded body, including bracketed
// keys such as card[number] and source[card][cvv].
func (r *opgRedactor) form(s string) string {
	vals, err := url.ParseQuery(s)
	if err != nil {
		return "[unparseable form body, " + strconv.Itoa(len(s)) + " bytes]"
	}
	for k, vs := range vals {
		segs := opgFormKeySegments(k)
		parent := ""
		if len(segs) > 1 {
			parent = segs[len(segs)-2]
		}
		if r.sensitive(parent, segs[len(segs)-1]) {
			for i := range vs {
				vs[i] = opgRedacted
			}
		}
	}
	out, _ := url.QueryUnescape(vals.Encode())
	return opgMaskCardNumbers(out)
}

// opgFormKeySegments splits "a[b][c]" into a, b, c (numeric indexes dropped).
func opgFormKeySegments(k string) []string {
	parts := strings.FieldsFunc(k, func(r rune) bool { return r == '[' || r == ']' })
	out := parts[:0]
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return []string{k}
	}
	return out
}

// opgTextFieldRE finds `name=value`, `name: value` and `"name":"value"` pairs
// in free text (error pages, plain-text bodies).
var opgTextFieldRE = regexp.MustCompile(`(?i)("?)([a-z0-9_\-]{2,40})("?\s*[:=]\s*"?)([^"&,;\s<>]{1,200})`)

func (r *opgRedactor) textFields(s string) string {
	return opgTextFieldRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := opgTextFieldRE.FindStringSubmatch(m)
		if r.names[opgNormKey(sub[2])] {
			return sub[1] + sub[2] + sub[3] + opgRedacted
		}
		return m
	})
}

// opgTruncate cuts s to at most n bytes on a rune boundary, marking the cut.
func opgTruncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "...[truncated]"
}

// opgMaskCardNumbers masks every run of 13 to 19 digits that passes the Luhn
// check (a payment card number), keeping the first 6 and last 4 digits:
// 4111111111111111 -> 411111******1111. Runs written in groups separated by
// single spaces or dashes ("4111 1111 1111 1111") are masked too.
func opgMaskCardNumbers(s string) string {
	if !opgHasDigitRun(s, 13) && !strings.ContainsAny(s, " -") {
		return s
	}
	b := []byte(s)
	changed := false
	// Pass 1: contiguous digit runs.
	for i := 0; i < len(b); {
		if !opgIsDigit(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && opgIsDigit(b[j]) {
			j++
		}
		if n := j - i; n >= 13 && n <= 19 && opgLuhn(b[i:j]) {
			for k := i + 6; k < j-4; k++ {
				b[k] = '*'
			}
			changed = true
		}
		i = j
	}
	// Pass 2: digit groups joined by a single space or dash.
	for i := 0; i < len(b); {
		if !opgIsDigit(b[i]) {
			i++
			continue
		}
		j, seps := i, 0
		for j < len(b) {
			if opgIsDigit(b[j]) {
				j++
				continue
			}
			if (b[j] == ' ' || b[j] == '-') && j+1 < len(b) && opgIsDigit(b[j+1]) && j > i {
				seps++
				j++
				continue
			}
			break
		}
		if seps > 0 {
			digits := make([]byte, 0, j-i)
			idx := make([]int, 0, j-i)
			for k := i; k < j; k++ {
				if opgIsDigit(b[k]) {
					digits = append(digits, b[k])
					idx = append(idx, k)
				}
			}
			if n := len(digits); n >= 13 && n <= 19 && opgLuhn(digits) {
				for _, k := range idx[6 : n-4] {
					b[k] = '*'
				}
				changed = true
			}
		}
		i = j
	}
	if !changed {
		return s
	}
	return string(b)
}

func opgHasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if opgIsDigit(s[i]) {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

func opgIsDigit(c byte) bool { return c >= '0' && c <= '9' }

// opgLuhn reports whether the digits pass the Luhn (mod 10) check.
func opgLuhn(digits []byte) bool {
	sum, double := 0, false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// snippet is the short, redacted form of an error body used by
// APIError.Error. Secrets are scrubbed before any cut.
func (r *opgRedactor) snippet(contentType string, b []byte, secrets []string) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return ""
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if strings.Contains(mt, "html") || bytes.HasPrefix(b, []byte("<!")) || bytes.HasPrefix(bytes.ToLower(b), []byte("<html")) {
		if m := opgTitleRE.FindSubmatch(b); m != nil {
			return "HTML page: " + opgTruncate(opgScrub(opgMaskCardNumbers(strings.Join(strings.Fields(string(m[1])), " ")), secrets), 120)
		}
		return "HTML page (" + strconv.Itoa(len(b)) + " bytes)"
	}
	if !utf8.Valid(b) {
		return "(" + strconv.Itoa(len(b)) + " bytes of binary data)"
	}
	s := r.full(contentType, b, secrets)
	return opgTruncate(strings.Join(strings.Fields(s), " "), 200)
}

var opgTitleRE = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

// opgMinSecretLen is the length under which a value is too short to scrub
// from text by value (it would hit unrelated words and numbers).
const opgMinSecretLen = 3

// opgRequestSecrets returns the values of the sensitive properties of a JSON
// or form request body (card number, CVV, password...), at most 64, so that
// a server echoing one of them in an error message is scrubbed by value. The
// generated apiDef names it only when a request body can hold such a
// property, or free-form JSON where a caller may put one.
func opgRequestSecrets(r *opgRedactor, contentType string, b []byte) []string {
	const maxValues = 64
	if len(b) == 0 {
		return nil
	}
	var out []string
	add := func(v string) {
		if len(v) >= opgMinSecretLen && len(out) < maxValues {
			out = append(out, v)
		}
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case strings.HasSuffix(mt, "json"):
		if opgJSONTooDeep(b, opgMaxJSONDepth) {
			return nil
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return nil
		}
		var walk func(parent string, v any, secret bool)
		walk = func(parent string, v any, secret bool) {
			switch v := v.(type) {
			case map[string]any:
				for k, e := range v {
					walk(k, e, secret || r.sensitive(parent, k))
				}
			case []any:
				for _, e := range v {
					walk(parent, e, secret)
				}
			case string:
				if secret {
					add(v)
				}
			case json.Number:
				if secret {
					add(v.String())
				}
			}
		}
		walk("", v, false)
	case mt == "application/x-www-form-urlencoded":
		vals, err := url.ParseQuery(string(b))
		if err != nil {
			return nil
		}
		for k, vs := range vals {
			segs := opgFormKeySegments(k)
			parent := ""
			if len(segs) > 1 {
				parent = segs[len(segs)-2]
			}
			if r.sensitive(parent, segs[len(segs)-1]) {
				for _, v := range vs {
					add(v)
				}
			}
		}
	}
	return out
}

// opgScrub replaces the secret values found in s with [REDACTED]. A value
// shorter than 8 bytes (a CVV, a PIN) is replaced only where it stands alone,
// not inside a longer run of letters or digits.
func opgScrub(s string, secrets []string) string {
	for _, v := range secrets {
		if len(v) < opgMinSecretLen || !strings.Contains(s, v) {
			continue
		}
		if len(v) >= 8 {
			s = strings.ReplaceAll(s, v, opgRedacted)
			continue
		}
		var b strings.Builder
		rest := s
		for {
			i := strings.Index(rest, v)
			if i < 0 {
				b.WriteString(rest)
				break
			}
			end := i + len(v)
			alone := (i == 0 || !opgIsAlnum(rest[i-1])) && (end == len(rest) || !opgIsAlnum(rest[end]))
			b.WriteString(rest[:i])
			if alone {
				b.WriteString(opgRedacted)
			} else {
				b.WriteString(v)
			}
			rest = rest[end:]
		}
		s = b.String()
	}
	return s
}

func opgIsAlnum(c byte) bool {
	return opgIsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
}
