// Package naming turns spec text into Go identifiers and hands them out without collisions.
//
// The collision rule is part of opgen's API, because renaming a generated identifier breaks users' code: names are
// claimed in a fixed order of kinds (runtime support, component schemas, client surface, inline types), and within
// a kind in the order of their JSON pointers, so reordering a spec's YAML never renames anything. A name already
// taken gets the first free suffix from the caller's list, then 2, 3, ...
package naming

import (
	"go/token"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// commonInitialisms are written in capitals inside identifiers, as in Go's own style (golint's list plus a few that
// payment APIs use).
var commonInitialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "CSV": true, "CVV": true, "CVC": true,
	"DNS": true, "EOF": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true, "IP": true,
	"JSON": true, "JWT": true, "LHS": true, "OTP": true, "PDF": true, "QPS": true, "RAM": true, "RHS": true,
	"RPC": true, "SKU": true, "SLA": true, "SMTP": true, "SQL": true, "SSH": true, "SSL": true, "TCP": true,
	"TLS": true, "TTL": true, "UDP": true, "UI": true, "UID": true, "URI": true, "URL": true, "UTF8": true,
	"UUID": true, "VM": true, "XML": true, "XMPP": true, "XSRF": true, "XSS": true, "IVA": true, "RFC": true,
}

// Namer converts spec names to Go names with a set of initialisms.
type Namer struct {
	initialisms map[string]bool
	// unicode keeps letters outside ASCII in names; by default they are folded (see ascii.go).
	unicode bool
}

// KeepUnicode makes n keep letters outside ASCII in the names it derives (Devolución stays Devolución), as the
// config's unicode_identifiers asks. It returns n.
func (n *Namer) KeepUnicode() *Namer {
	n.unicode = true
	return n
}

// New returns a Namer knowing Go's common initialisms plus extra ones (case-insensitive input).
func New(extra ...string) *Namer {
	m := make(map[string]bool, len(commonInitialisms)+len(extra))
	for k := range commonInitialisms {
		m[k] = true
	}
	for _, e := range extra {
		if e = strings.ToUpper(strings.TrimSpace(e)); e != "" {
			m[e] = true
		}
	}
	return &Namer{initialisms: m}
}

// Words splits s into words at separators, case changes and letter/digit boundaries:
// "customer_id" -> [customer id], "HTTPServer" -> [HTTP Server], "creation[gte]" -> [creation gte].
func Words(s string) []string { return splitWords(s, false) }

// words splits s as Words does, in the namer's script: by default s is folded to ASCII first and each rune
// without an ASCII spelling is a word of its own, written as a code word by Join.
func (n *Namer) words(s string) []string {
	if n.unicode {
		return Words(s)
	}
	return splitWords(fold(s), true)
}

// splitWords is Words; with codes, every letter, digit or symbol outside ASCII is a word of its own.
func splitWords(s string, codes bool) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case codes && isCodeRune(r):
			flush()
			words = append(words, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if len(cur) > 0 {
				prev := cur[len(cur)-1]
				switch {
				case unicode.IsLower(prev) && unicode.IsUpper(r):
					flush()
				case unicode.IsUpper(prev) && unicode.IsUpper(r) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
					// "HTTPServer": the S starts a new word.
					flush()
				case unicode.IsDigit(prev) != unicode.IsDigit(r) && !(unicode.IsDigit(prev) && unicode.IsLower(r)):
					// "v2Api" splits at "2|A"; "1st" and "3ds" stay whole.
					flush()
				}
			}
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return words
}

// Exported returns the exported Go form of s ("customer_id" -> "CustomerID"). It returns "" when s holds no
// letter or digit; callers supply a fallback. A leading digit gets the prefix "X"; use Join for a name that will
// follow a prefix.
func (n *Namer) Exported(s string) string {
	out := n.Join(s)
	if out == "" {
		return ""
	}
	if r := []rune(out)[0]; !unicode.IsUpper(r) {
		// Digits, and letters without case (e.g. CJK), cannot start an exported identifier.
		out = "X" + out
	}
	return out
}

// Join returns the words of s in Go form, capitalised, without making sure the result can start an identifier:
// "1st" -> "1st", "charge.succeeded" -> "ChargeSucceeded". For names that follow a prefix (enum constants).
func (n *Namer) Join(s string) string {
	var b strings.Builder
	for _, w := range n.words(s) {
		if r, size := utf8.DecodeRuneInString(w); !n.unicode && size == len(w) && isCodeRune(r) {
			b.WriteString(codeWord(r))
			continue
		}
		up := strings.ToUpper(w)
		if n.initialisms[up] {
			b.WriteString(up)
			continue
		}
		if len(up) > 2 && strings.HasSuffix(up, "S") && n.initialisms[up[:len(up)-1]] {
			// Plurals keep the initialism: "ids" -> "IDs", "urls" -> "URLs".
			b.WriteString(up[:len(up)-1] + "s")
			continue
		}
		rs := []rune(w)
		if isAllUpper(rs) && len(rs) > 3 {
			// "ACTIVE" -> "Active": shouting enum values read better in Go form; short ones ("USD", "3DS") are
			// codes and stay as written.
			rs = []rune(strings.ToLower(w))
		}
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	return b.String()
}

// Unexported returns the unexported Go form of s ("CustomerID" -> "customerID"), safe from keywords.
func (n *Namer) Unexported(s string) string {
	e := n.Exported(s)
	if e == "" {
		return ""
	}
	// The first word is taken from s, not from e: the Go form of a plural initialism ("ids" -> "IDs") splits
	// differently ("I", "Ds") and would give "iDs".
	first := e
	if ws := n.words(s); len(ws) > 0 && strings.HasPrefix(e, n.Join(ws[0])) {
		first = n.Join(ws[0])
	} else if ws := n.words(e); len(ws) > 0 {
		first = ws[0]
	}
	var head string
	up := strings.ToUpper(first)
	if n.initialisms[up] || isAllUpper([]rune(first)) ||
		len(up) > 2 && strings.HasSuffix(first, "s") && n.initialisms[up[:len(up)-1]] {
		head = strings.ToLower(first)
	} else {
		rs := []rune(first)
		rs[0] = unicode.ToLower(rs[0])
		head = string(rs)
	}
	out := head + e[len(first):]
	if !unicode.IsLetter([]rune(out)[0]) {
		out = "v" + out
	}
	if token.IsKeyword(out) || predeclared[out] {
		out += "_"
	}
	return out
}

func isAllUpper(rs []rune) bool {
	seen := false
	for _, r := range rs {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			seen = true
		}
	}
	return seen
}

// predeclared lists Go's predeclared identifiers, which must not be shadowed by unexported names.
var predeclared = map[string]bool{
	"any": true, "append": true, "bool": true, "byte": true, "cap": true, "clear": true, "close": true,
	"comparable": true, "complex": true, "complex128": true, "complex64": true, "copy": true, "delete": true,
	"error": true, "false": true, "float32": true, "float64": true, "imag": true, "int": true, "int16": true,
	"int32": true, "int64": true, "int8": true, "iota": true, "len": true, "make": true, "max": true, "min": true,
	"new": true, "nil": true, "panic": true, "print": true, "println": true, "real": true, "recover": true,
	"rune": true, "string": true, "true": true, "uint": true, "uint16": true, "uint32": true, "uint64": true,
	"uint8": true, "uintptr": true,
	// Names the generated method bodies use for their own locals and imports.
	"ctx": true, "opts": true, "req": true, "resp": true, "err": true, "out": true, "params": true, "body": true,
	"q": true, "s": true, "c": true, "http": true, "url": true, "context": true, "json": true, "time": true,
	"io": true, "iter": true, "fmt": true, "errors": true, "strconv": true,
}

// IsValidIdent reports whether s is a usable Go identifier (not a keyword).
func IsValidIdent(s string) bool {
	if s == "" || token.IsKeyword(s) {
		return false
	}
	for i, r := range s {
		if !(unicode.IsLetter(r) || r == '_' || (i > 0 && unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

// Scope hands out names unique within it.
type Scope struct {
	used map[string]bool
}

// NewScope returns an empty scope.
func NewScope() *Scope { return &Scope{used: map[string]bool{}} }

// Reserve marks names as taken without claiming them for anything (runtime support identifiers, methods).
func (s *Scope) Reserve(names ...string) {
	for _, n := range names {
		s.used[n] = true
	}
}

// Taken reports whether name is in use.
func (s *Scope) Taken(name string) bool { return s.used[name] }

// Claim takes base if free, else base+suffix for the first free suffix, else base+"2", base+"3"...
func (s *Scope) Claim(base string, suffixes ...string) string {
	if !s.used[base] {
		s.used[base] = true
		return base
	}
	for _, suf := range suffixes {
		if c := base + suf; !s.used[c] {
			s.used[c] = true
			return c
		}
	}
	for i := 2; ; i++ {
		if c := base + strconv.Itoa(i); !s.used[c] {
			s.used[c] = true
			return c
		}
	}
}

// SortedKeys returns the keys of m in sorted order; every map walk in opgen goes through it.
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
