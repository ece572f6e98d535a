package build

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file phrases the first sentence of a generated doc comment the way Go code reads: "Create creates a
// charge.", "ID is the unique identifier of the card.". Spec text comes in any language, so the English rules
// apply only when the text is confidently English (a known word opens it, and none of its first words is a
// Spanish or Portuguese function word or carries an accent); anything else keeps the spec text unchanged after
// a neutral lead.

// docKind is what a doc comment documents: each reads its first sentence differently.
type docKind int

const (
	docFunc  docKind = iota // a method: "Create creates a charge."
	docType                 // a type: "Charge is a charge made with a card."
	docField                // a struct field or parameter: "Limit is the number of records per page."
)

// imperativeVerbs open an operation's summary in the imperative ("Create a charge"). The ones that are also
// common nouns are in ambiguousVerbs: they are read as verbs unless the next word shows a noun ("Refund details").
var imperativeVerbs = wordSet(`accept activate add apply approve archive assign associate attach authenticate
	authorize cancel capture check clone compute calculate confirm create deactivate decline delete describe
	detach disable disassociate download edit enable estimate execute fetch finalize find generate get initiate
	invoke modify notify obtain pause preview publish receive recover refresh register reject remove rename
	renew replace resend reset restore resume retrieve revoke save send simulate submit subscribe suspend
	tokenize trigger unarchive unblock unlink unlock unsubscribe update upload upsert validate verify void
	withdraw` + " " + ambiguousVerbList)

const ambiguousVerbList = `block change charge close copy count exchange export import issue link list lock log mark
	merge move open pay post process put query read refund release report request return reverse run schedule
	search set settle show split start stop store test transfer write`

var ambiguousVerbs = wordSet(ambiguousVerbList)

// nounFollowers after an ambiguous verb show it is a noun: "Refund details", "Transfer object", "List of cards".
var nounFollowers = wordSet(`of for object objects details detail information info id ids data status is are was
	were has have can may must will number amount date type types fields field made by with in on at from as
	schema model record records resource resources response request result results item items entry entries`)

// thirdPersonType are verbs a type's or field's description may open with: "Represents a charge".
var thirdPersonType = wordSet(`contains controls defines describes determines enables filters holds identifies
	indicates limits lists overrides represents selects sets specifies stores tells`)

// nounOpeners open English noun phrases a field or type description typically starts with ("Number of
// records", "Unique identifier of the card", "Card brand"), read as "X is the number of records".
// Words that are also Spanish or Portuguese (total, plan, error, final, local, id...) are left out.
var nounOpeners = wordSet(`account address alias amount authorization balance bank billing brand browser
	callback card category channel city code count country creation currency current customer customer's
	date day default description destination device digits discount due email end event expiration expiry fee
	first format full holder identifier index interval key kind label language last length level locale maximum
	merchant message method minimum mode month name number object optional order owner page password payment
	percentage phone postal price provider rate reason reference result secret session short shipping signature
	size source start state street subscription tax timestamp title token transaction unique url user username
	value version webhook year zip`)

// foreignWords are function words of Spanish and Portuguese (the languages of this project's providers, and
// the commonest in Latin-American API documents): one of them among the first words means the text is not
// English, and no English rule is applied.
var foreignWords = wordSet(`de del la las el los un una unos unas que en para por con sin y o al se es son su
	sus lo le les este esta estos estas ese esa como cuando donde cual si no muy más da do das dos na nas no
	nos um uma é ao pelo pela sobre entre según desde hasta`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// docWord is a word of spec text reduced for the English rules: lower case, surrounding punctuation removed.
func docWord(w string) string {
	return strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' }))
}

// looksEnglish reports whether no word among the text's first ones marks another language: a Spanish or
// Portuguese function word, or a letter outside ASCII ("Crea un cargo", "Número de tarjeta").
func looksEnglish(words []string) bool {
	for i, w := range words {
		if i == 8 {
			break
		}
		if foreignWords[docWord(w)] {
			return false
		}
		for _, r := range w {
			if r > unicode.MaxASCII && unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

// thirdPerson conjugates an English verb for "it": create -> creates, search -> searches, apply -> applies.
func thirdPerson(v string) string {
	switch {
	case strings.HasSuffix(v, "s"), strings.HasSuffix(v, "sh"), strings.HasSuffix(v, "ch"), strings.HasSuffix(v, "x"),
		strings.HasSuffix(v, "z"), strings.HasSuffix(v, "o"):
		return v + "es"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

// lowerFirst lower-cases a word that is only capitalized ("Number" -> "number"), not an acronym ("ISO", "URL")
// or a proper name in camel case ("OpenPay").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	word := s
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		word = s[:i]
	}
	for _, c := range word[n:] {
		if unicode.IsUpper(c) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// verbAt reports whether the i-th word is used as a verb from set: an ambiguous one needs a following word that
// is not a noun's ("Charge a card", not "Charge object").
func verbAt(words []string, i int, set map[string]bool, conj bool) bool {
	w := docWord(words[i])
	base := w
	if conj {
		base = ""
		for v := range set {
			if thirdPerson(v) == w {
				base = v
				break
			}
		}
	}
	if base == "" || !set[base] {
		return false
	}
	if ambiguousVerbs[base] {
		if i+1 >= len(words) {
			return false
		}
		next := docWord(words[i+1])
		if next == "" || nounFollowers[next] || strings.HasSuffix(words[i], ":") {
			return false
		}
	}
	return true
}

// docLead phrases the first line of spec text as a sentence that starts with name, or reports false when no
// rule is confident (the caller then uses a neutral lead). single says the first line is the whole first
// paragraph, so a missing final period can be added.
func docLead(name, first string, kind docKind, single bool) (string, bool) {
	words := strings.Fields(first)
	if len(words) == 0 || !looksEnglish(words) {
		return "", false
	}
	rest := func(i int) string { return strings.Join(words[i:], " ") }
	w0 := docWord(words[0])
	var out string
	switch kind {
	case docFunc:
		switch {
		case len(words) > 1 && verbAt(words, 0, imperativeVerbs, false):
			out = name + " " + thirdPerson(w0) + " " + rest(1)
		case len(words) > 1 && verbAt(words, 0, imperativeVerbs, true):
			out = name + " " + w0 + " " + rest(1)
		case len(words) > 2 && (w0 == "this" || w0 == "the") && thisSubject[docWord(words[1])] && verbAt(words, 2, imperativeVerbs, true):
			out = name + " " + docWord(words[2]) + " " + rest(3)
		default:
			return "", false
		}
	case docType, docField:
		switch {
		case len(words) > 1 && (w0 == "a" || w0 == "an" || w0 == "the") && !clauseHasVerb(words[1:]):
			out = name + " is " + w0 + " " + rest(1)
		case len(words) > 1 && w0 == "whether":
			out = name + " indicates whether " + rest(1)
		case len(words) > 1 && w0 == "used" && docWord(words[1]) != "":
			out = name + " is used " + rest(1)
		case len(words) > 1 && verbAt(words, 0, thirdPersonType, false):
			out = name + " " + w0 + " " + rest(1)
		case nounOpeners[w0] && !clauseHasVerb(words[1:]):
			out = strings.Join(strings.Fields(name+" is the "+lowerFirst(first)), " ")
		default:
			return "", false
		}
	}
	if single && !strings.HasSuffix(out, ".") && !strings.HasSuffix(out, "!") && !strings.HasSuffix(out, "?") &&
		!strings.HasSuffix(out, ":") {
		out += "."
	}
	return out, true
}

// clauseVerbs in the first clause make the text a sentence, not a noun phrase ("A refund is a resource",
// "Amount must be positive", "An inline enum gets a type"): it cannot follow "X is the".
var clauseVerbs = wordSet(`is are was were has have can may must will should would could does do becomes
	keeps gets goes travels takes makes means needs uses works comes looks says shows stays adds carries`)

// clauseHasVerb reports whether the words up to the first clause break (, ; : . or a dash) hold a verb from
// clauseVerbs.
func clauseHasVerb(words []string) bool {
	for _, w := range words {
		if clauseVerbs[docWord(w)] {
			return true
		}
		if strings.ContainsAny(w, ",;:.") || w == "-" || w == "—" {
			return false
		}
	}
	return false
}

// thisSubject is what "This ... returns" refers to in an operation's description.
var thisSubject = wordSet(`endpoint operation method call api request route resource service function`)

// repeatsName reports whether spec text says nothing but the name it documents ("Description." on a field
// Description, "The card number" on CardNumber, "Id" on ID): such a comment is dropped.
func repeatsName(text string, names ...string) bool {
	// norm keeps a subset of the name's letters and digits (lower-casing maps rune to rune): a name with fewer
	// than the text's cannot match. Most spec text is longer than the name it documents, so the text is measured
	// first, word by word, and left as soon as it is longer than every name.
	most := 0
	for _, n := range names {
		most = max(most, alnumRunes(n))
	}
	if longerThan(text, most) {
		return false
	}
	t := norm(text)
	if t == "" {
		return false
	}
	tl := utf8.RuneCountInString(t)
	for _, n := range names {
		if n != "" && alnumRunes(n) >= tl && norm(splitCamel(n)) == t {
			return true
		}
	}
	return false
}

// norm is what repeatsName compares: the letters and digits of s, lower-cased, without the articles.
func norm(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if w == "the" || w == "a" || w == "an" || w == "its" {
			continue
		}
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// longerThan reports whether the norm of text has more than limit runes, reading no more of text than
// it needs to tell.
func longerThan(text string, limit int) bool {
	n := 0
	for len(text) > 0 {
		text = strings.TrimLeftFunc(text, unicode.IsSpace)
		end := strings.IndexFunc(text, unicode.IsSpace)
		if end < 0 {
			end = len(text)
		}
		w := text[:end]
		text = text[end:]
		// Only a word of at most 4 bytes lower-cases to an article ("İts": U+0130 is the one rune of 2 bytes or
		// more whose lower case is an article's letter); lower-casing keeps a rune a letter or digit, or not one
		// (TestLongerThan checks every rune), so the rest is counted as written.
		if len(w) <= 4 {
			if l := strings.ToLower(w); l == "the" || l == "a" || l == "an" || l == "its" {
				continue
			}
		}
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if n++; n > limit {
					return true
				}
			}
		}
	}
	return false
}

// alnumRunes counts the letters and digits of s.
func alnumRunes(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

var camelBoundary = regexp.MustCompile(`([a-z0-9])([A-Z])|[_\-.]+`)

// splitCamel turns a Go or JSON name into words: CardNumber and card_number both give "Card Number".
func splitCamel(s string) string {
	return camelBoundary.ReplaceAllStringFunc(s, func(m string) string {
		if strings.Trim(m, "_-.") == "" {
			return " "
		}
		return m[:1] + " " + m[1:]
	})
}

// leadDoc rewrites the first line of doc (spec text split into lines) to start with name, and reports false
// when no rule is confident; doc is then unchanged.
func leadDoc(name string, doc []string, kind docKind) bool {
	if len(doc) == 0 {
		return false
	}
	single := len(doc) == 1 || doc[1] == "" || listItem(doc[1])
	if l, ok := docLead(name, doc[0], kind, single); ok {
		doc[0] = l
		return true
	}
	return false
}

// dropRepeat removes a first paragraph that only repeats the name it documents.
func dropRepeat(doc []string, names ...string) []string {
	if len(doc) > 0 && (len(doc) == 1 || doc[1] == "") && repeatsName(doc[0], names...) {
		doc = doc[1:]
		for len(doc) > 0 && doc[0] == "" {
			doc = doc[1:]
		}
	}
	return doc
}

// fieldLead phrases a field's or parameter's spec text: a repeat of the name is dropped, an English opening
// becomes "Name is the ...", and anything else reads "Name: text" (the last resort, for text in another
// language or a shape no rule knows).
func fieldLead(name string, doc []string, alt ...string) []string {
	doc = dropRepeat(doc, append([]string{name}, alt...)...)
	if len(doc) > 0 && !leadDoc(name, doc, docField) {
		doc[0] = name + ": " + doc[0]
	}
	return doc
}

var listMarker = regexp.MustCompile(`^\s*(?:([-*•])|(\d{1,3})[.)])\s+(\S.*)$`)

// listItem reports whether a line of spec text is an item of a bulleted or numbered list.
func listItem(l string) bool { return listMarker.MatchString(l) }

// docLists renders the lists of spec text ("- item", "* item", "1. item") as Go doc lists: indented, with a
// blank line before and after, so go doc shows a list instead of joining the items into the paragraph. An
// indented line right after an item continues it; any other line ends the list.
func docLists(lines []string) []string {
	var out []string
	inList := false
	blank := func() {
		if len(out) > 0 && out[len(out)-1] != "" {
			out = append(out, "")
		}
	}
	for _, l := range lines {
		if m := listMarker.FindStringSubmatch(l); m != nil {
			if !inList {
				blank()
			}
			inList = true
			marker := "-"
			if m[2] != "" {
				marker = m[2] + "."
			}
			out = append(out, "  "+marker+" "+m[3])
			continue
		}
		if inList {
			switch {
			case l == "":
				inList = false
			case l[0] == ' ' || l[0] == '\t':
				out = append(out, "    "+strings.TrimSpace(l))
				continue
			default:
				inList = false
				blank()
			}
		}
		out = append(out, l)
	}
	return out
}
