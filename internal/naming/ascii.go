package naming

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ASCII identifiers. A Go identifier may hold any Unicode letter, but one a user cannot type on their keyboard
// (Devolución, Статус, 状态) makes a package hard to use and to grep, so by default every name opgen derives is
// spelled in ASCII (Namer.Unicode switches this off):
//
//   - diacritics are dropped after compatibility decomposition (NFKD): Devolución -> Devolucion, Año -> Ano,
//     Größe -> Grosse, ﬁle -> file, Ⅻ -> XII; Latin letters that do not decompose (ß, æ, ø, œ, ł, đ, þ...) have
//     their usual two-letter or base spelling;
//   - Greek and Cyrillic are transliterated letter by letter (a simple table, close to ISO 843 and BGN/PCGN):
//     Статус -> Status, Ψυχή -> Psychi; a capital spelled with two letters is written in capitals beside
//     another capital (ЖУК -> Zhuk after Go casing, Жук -> Zhuk);
//   - any other letter, digit or symbol (CJK, Arabic, emoji...) becomes its own word U<hex code point>:
//     状态 -> U72B6U6001, 👍 -> U1F44D. The code is what makes two such names differ, so it keeps them unique
//     and stable, where a positional name would change when a value is added before it.
//
// Two names that fold to one spelling (año, ano) are told apart by the scope that claims them (Ano, Ano2), in the
// same fixed order as any other collision.

// translit spells the lower-case letters of Greek and Cyrillic, and the Latin letters that have no decomposition.
var translit = map[rune]string{
	// Latin letters without a canonical decomposition.
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'ł': "l", 'þ': "th", 'ı': "i", 'ħ': "h",
	'ŧ': "t", 'ŋ': "ng", 'ĸ': "k", 'ƒ': "f", 'ɲ': "n", 'ə': "e",
	// Greek (accented letters decompose to these first).
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i", 'κ': "k",
	'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t",
	'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
	// Cyrillic: Russian, then the Ukrainian, Belarusian, Serbian and Macedonian letters.
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y",
	'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e",
	'ю': "yu", 'я': "ya", 'є': "ye", 'і': "i", 'ї': "yi", 'ґ': "g", 'ў': "u", 'ђ': "dj", 'ј': "j", 'љ': "lj",
	'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
}

// foldRune appends the ASCII spelling of r to out. next and prev are r's neighbours in the text (0 at an end): a
// capital spelled with two letters is written in capitals beside another capital. A rune with no spelling is
// appended unchanged; the caller makes it a code word.
func foldRune(out []rune, r, prev, next rune) []rune {
	if r < utf8.RuneSelf {
		return append(out, r)
	}
	if s, ok := spell(r, prev, next); ok {
		return append(out, []rune(s)...)
	}
	d := norm.NFKD.String(string(r))
	if d == string(r) {
		return append(out, r)
	}
	for _, dr := range d {
		switch {
		case unicode.Is(unicode.M, dr):
			// The diacritic itself: dropped.
		case dr < utf8.RuneSelf:
			out = append(out, dr)
		default:
			if s, ok := spell(dr, prev, next); ok {
				out = append(out, []rune(s)...)
			} else {
				out = append(out, dr)
			}
		}
	}
	return out
}

// spell looks r up in translit, in r's case.
func spell(r, prev, next rune) (string, bool) {
	s, ok := translit[unicode.ToLower(r)]
	if !ok {
		return "", false
	}
	if !unicode.IsUpper(r) || s == "" {
		return s, true
	}
	if unicode.IsUpper(next) || next == 0 && unicode.IsUpper(prev) {
		return strings.ToUpper(s), true
	}
	return strings.ToUpper(s[:1]) + s[1:], true
}

// fold returns s with every rune foldRune can spell in ASCII spelled so; other runes are kept.
func fold(s string) string {
	if isASCII(s) {
		return s
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	for i, r := range rs {
		var prev, next rune
		if i > 0 {
			prev = rs[i-1]
		}
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		out = foldRune(out, r, prev, next)
	}
	return string(out)
}

// isCodeRune reports whether r, left after folding, is part of a name: a letter, digit or symbol (emoji) outside
// ASCII. Such a rune is written as its code point.
func isCodeRune(r rune) bool {
	return r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.So, r))
}

// codeWord is the ASCII word for a rune folding cannot spell: U and its code point in hex, as in U+72B6.
func codeWord(r rune) string { return fmt.Sprintf("U%04X", r) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Pinned returns a name the spec gives verbatim (x-go-name, x-opgen-method...) in the namer's script: unchanged
// when it is ASCII or the namer keeps Unicode, else folded letter by letter keeping its casing (MiTipoÑ ->
// MiTipoN), runes without a spelling written as code words. The caller still checks the result is an identifier.
func (n *Namer) Pinned(s string) string {
	if n.unicode || isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range fold(s) {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
		} else if isCodeRune(r) {
			b.WriteString(codeWord(r))
		}
	}
	return b.String()
}
