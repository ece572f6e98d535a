package mock

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// Synthesis limits: objects nest at most maxDepth levels with their optional properties (required ones go on to
// hardDepth), arrays get at most maxItems items. They keep responses small and recursive schemas finite.
const (
	maxDepth  = 5
	hardDepth = 12
	maxItems  = 3
)

// direction says which side of the wire a value is for: readOnly properties are left out of requests,
// writeOnly properties out of responses.
type direction int

const (
	forResponse direction = iota
	forRequest
)

// synth builds example values from schemas. It is deterministic: the same seed and key give the same value.
type synth struct {
	rng   *rand.Rand
	dir   direction
	stack []*openapi3.Schema // schemas being built, to cut recursion
}

// newSynth returns a synthesizer whose random source is derived from seed and key (an operation id and status,
// say), so that each response is stable whatever the order of requests.
func newSynth(seed int64, key string, dir direction) *synth {
	h := fnv.New64a()
	h.Write([]byte(key))
	return &synth{rng: rand.New(rand.NewPCG(uint64(seed), h.Sum64())), dir: dir}
}

// value returns a value for ref: its example, default or const when it has one, else one built from its type,
// format and constraints.
func (s *synth) value(ref *openapi3.SchemaRef) any {
	return s.build(ref, 0, true)
}

func (s *synth) build(ref *openapi3.SchemaRef, depth int, useExample bool) any {
	if ref == nil || ref.Value == nil {
		return "string"
	}
	sc := ref.Value
	if sc.Always != nil {
		if *sc.Always {
			return "string"
		}
		return nil
	}
	if useExample {
		if v, ok := schemaExample(sc); ok && s.fits(sc, v) {
			return v
		}
	}
	if sc.Const != nil {
		return deepCopy(sc.Const)
	}
	if len(sc.Enum) > 0 {
		return deepCopy(s.pickEnum(sc.Enum))
	}
	for _, on := range s.stack {
		if on == sc {
			return emptyOf(sc) // recursive schema: stop here
		}
	}
	if depth >= hardDepth {
		return emptyOf(sc)
	}
	s.stack = append(s.stack, sc)
	defer func() { s.stack = s.stack[:len(s.stack)-1] }()

	switch {
	case len(sc.AllOf) > 0:
		return s.allOf(sc, depth)
	case len(sc.OneOf) > 0:
		return s.oneOf(sc, sc.OneOf, depth)
	case len(sc.AnyOf) > 0:
		return s.oneOf(sc, sc.AnyOf, depth)
	}
	switch schemaType(sc) {
	case "object":
		return s.object(sc, depth)
	case "array":
		return s.array(sc, depth)
	case "integer":
		return s.integer(sc)
	case "number":
		return s.number(sc)
	case "boolean":
		return s.rng.IntN(2) == 0
	case "null":
		return nil
	default:
		return s.str(sc)
	}
}

// schemaExample returns the schema's own example, default or (3.1) first example.
func schemaExample(sc *openapi3.Schema) (any, bool) {
	switch {
	case sc.Example != nil:
		return deepCopy(sc.Example), true
	case sc.Default != nil:
		return deepCopy(sc.Default), true
	case len(sc.Examples) > 0 && sc.Examples[0] != nil:
		return deepCopy(sc.Examples[0]), true
	}
	return nil, false
}

// fits reports whether a documented example can be used for the schema: of the right JSON kind and valid
// (pattern, length, format, range, nested properties). Examples in real documents often contradict their schema.
func (s *synth) fits(sc *openapi3.Schema, v any) bool {
	if !fitsType(sc, v) {
		return false
	}
	opts := append([]openapi3.SchemaValidationOption{openapi3.VisitAsResponse()}, formatOptions...)
	if s.dir == forRequest {
		opts[0] = openapi3.VisitAsRequest()
	}
	return sc.VisitJSON(toFloats(v), opts...) == nil
}

// fitsType reports whether an example has the JSON kind the schema's type asks for (a quick check: documents
// often give a number as the example of a string).
func fitsType(sc *openapi3.Schema, v any) bool {
	if sc.Type == nil || len(sc.Type.Slice()) == 0 {
		return true
	}
	if v == nil {
		return sc.Nullable || sc.Type.IncludesNull()
	}
	for _, t := range sc.Type.Slice() {
		switch v.(type) {
		case string:
			if t == "string" {
				return true
			}
		case float64, json.Number, int, int64:
			if t == "number" || t == "integer" {
				return true
			}
		case bool:
			if t == "boolean" {
				return true
			}
		case map[string]any:
			if t == "object" {
				return true
			}
		case []any:
			if t == "array" {
				return true
			}
		}
	}
	return false
}

func (s *synth) pickEnum(enum []any) any {
	var vals []any
	for _, v := range enum {
		if v != nil {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		return nil
	}
	return vals[s.rng.IntN(len(vals))]
}

// schemaType is the schema's type, inferred from its keywords when it declares none; "null" only when nothing
// else is allowed.
func schemaType(sc *openapi3.Schema) string {
	if sc.Type != nil {
		for _, t := range sc.Type.Slice() {
			if t != "null" {
				return t
			}
		}
		if len(sc.Type.Slice()) > 0 {
			return "null"
		}
	}
	switch {
	case len(sc.Properties) > 0 || sc.AdditionalProperties.Schema != nil || sc.AdditionalProperties.Has != nil:
		return "object"
	case sc.Items != nil || len(sc.PrefixItems) > 0:
		return "array"
	case sc.Min != nil || sc.Max != nil || sc.MultipleOf != nil:
		return "number"
	}
	return "string"
}

// emptyOf is the smallest value of the schema's type, used where recursion or depth stops the synthesis.
func emptyOf(sc *openapi3.Schema) any {
	if sc.Nullable || (sc.Type != nil && sc.Type.IncludesNull()) {
		return nil
	}
	switch schemaType(sc) {
	case "object":
		return map[string]any{}
	case "array":
		return []any{}
	case "integer", "number":
		return 0
	case "boolean":
		return false
	}
	return ""
}

// skip reports whether a property is left out in this direction.
func (s *synth) skip(p *openapi3.Schema) bool {
	return (s.dir == forRequest && p.ReadOnly) || (s.dir == forResponse && p.WriteOnly)
}

func (s *synth) object(sc *openapi3.Schema, depth int) any {
	out := map[string]any{}
	required := map[string]bool{}
	for _, r := range sc.Required {
		required[r] = true
	}
	for _, name := range sortedKeys(sc.Properties) {
		p := sc.Properties[name]
		if p == nil || p.Value == nil || s.skip(p.Value) {
			continue
		}
		if !required[name] && depth >= maxDepth {
			continue
		}
		if !required[name] && s.onStack(p.Value) {
			continue // optional recursive property: leave it out
		}
		if v, ok := s.initialState(name, p.Value); ok {
			out[name] = v
			continue
		}
		out[name] = s.build(p, depth+1, true)
	}
	if len(sc.Properties) == 0 && sc.AdditionalProperties.Schema != nil && depth < maxDepth {
		out["key1"] = s.build(sc.AdditionalProperties.Schema, depth+1, true)
	}
	return out
}

func (s *synth) onStack(sc *openapi3.Schema) bool {
	for _, on := range s.stack {
		if on == sc {
			return true
		}
	}
	return false
}

func (s *synth) array(sc *openapi3.Schema, depth int) any {
	n := max(int(sc.MinItems), 1)
	if sc.MinItems == 0 && (depth >= maxDepth || sc.Items != nil && s.onStack(sc.Items.Value)) {
		n = 0 // deep enough, or a recursive list (a node's children): empty
	}
	if sc.MaxItems != nil && uint64(n) > *sc.MaxItems {
		n = int(*sc.MaxItems)
	}
	n = min(n, max(int(sc.MinItems), maxItems))
	out := make([]any, 0, n)
	for i := range n {
		if i < len(sc.PrefixItems) {
			out = append(out, s.build(sc.PrefixItems[i], depth+1, true))
			continue
		}
		v := s.build(sc.Items, depth+1, i == 0)
		if sc.UniqueItems {
			for try := 0; try < 5 && containsJSON(out, v); try++ {
				v = s.build(sc.Items, depth+1, false)
			}
			if containsJSON(out, v) {
				break
			}
		}
		out = append(out, v)
	}
	return out
}

func containsJSON(list []any, v any) bool {
	b, _ := json.Marshal(v)
	for _, x := range list {
		if c, _ := json.Marshal(x); string(c) == string(b) {
			return true
		}
	}
	return false
}

// allOf merges the objects built from every sub-schema (and the schema's own properties).
func (s *synth) allOf(sc *openapi3.Schema, depth int) any {
	var merged map[string]any
	var first any
	parts := append(openapi3.SchemaRefs{}, sc.AllOf...)
	if len(sc.Properties) > 0 {
		own := *sc
		own.AllOf = nil
		parts = append(parts, &openapi3.SchemaRef{Value: &own})
	}
	for _, part := range parts {
		v := s.build(part, depth, true)
		if first == nil {
			first = v
		}
		if m, ok := v.(map[string]any); ok {
			if merged == nil {
				merged = map[string]any{}
			}
			for k, x := range m {
				merged[k] = x
			}
		}
	}
	if merged != nil {
		return merged
	}
	return first
}

// oneOf builds the first alternative that is not null, and sets the discriminator property to the value that
// selects it.
func (s *synth) oneOf(sc *openapi3.Schema, alts openapi3.SchemaRefs, depth int) any {
	var chosen *openapi3.SchemaRef
	for _, a := range alts {
		if a != nil && a.Value != nil && schemaType(a.Value) != "null" {
			chosen = a
			break
		}
	}
	if chosen == nil {
		return nil
	}
	v := s.build(chosen, depth, true)
	if len(sc.Properties) > 0 || len(sc.Required) > 0 {
		own := *sc
		own.OneOf, own.AnyOf = nil, nil
		if m, ok := v.(map[string]any); ok {
			if extra, ok := s.object(&own, depth).(map[string]any); ok {
				for k, x := range extra {
					if _, set := m[k]; !set {
						m[k] = x
					}
				}
			}
		}
	}
	if d := sc.Discriminator; d != nil && d.PropertyName != "" {
		if m, ok := v.(map[string]any); ok {
			if tag := discriminatorValue(d, chosen.Ref); tag != "" {
				m[d.PropertyName] = tag
			}
		}
	}
	return v
}

// discriminatorValue is the mapping key that names ref, else the component name of ref.
func discriminatorValue(d *openapi3.Discriminator, ref string) string {
	if ref == "" {
		return ""
	}
	for _, k := range sortedKeys(d.Mapping) {
		if d.Mapping[k].Ref == ref {
			return k
		}
	}
	return ref[strings.LastIndex(ref, "/")+1:]
}

// bounds returns the inclusive range a number must be in.
func bounds(sc *openapi3.Schema, integer bool) (lo, hi float64) {
	step := 0.01
	if integer {
		step = 1
	}
	lo, hi = math.Inf(-1), math.Inf(1)
	if sc.Min != nil {
		lo = *sc.Min
		if sc.ExclusiveMin.IsTrue() {
			lo += step
		}
	}
	if v := sc.ExclusiveMin.Value; v != nil {
		lo = math.Max(lo, *v+step)
	}
	if sc.Max != nil {
		hi = *sc.Max
		if sc.ExclusiveMax.IsTrue() {
			hi -= step
		}
	}
	if v := sc.ExclusiveMax.Value; v != nil {
		hi = math.Min(hi, *v-step)
	}
	switch {
	case math.IsInf(lo, -1) && math.IsInf(hi, 1):
		lo, hi = 1, 1000
	case math.IsInf(lo, -1):
		lo = math.Min(hi, math.Max(hi-1000, 0))
		if lo > hi {
			lo = hi - 1000
		}
	case math.IsInf(hi, 1):
		hi = lo + 1000
	}
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

func (s *synth) integer(sc *openapi3.Schema) any {
	lo, hi := bounds(sc, true)
	lo, hi = math.Ceil(lo), math.Floor(hi)
	if hi < lo {
		hi = lo
	}
	v := lo + float64(s.rng.Int64N(int64(math.Min(hi-lo, 1e15))+1))
	if m := sc.MultipleOf; m != nil && *m >= 1 {
		v = math.Ceil(v / *m) * *m
		if v > hi {
			v = math.Floor(hi / *m) * *m
		}
	}
	return json.Number(strconv.FormatInt(int64(v), 10))
}

func (s *synth) number(sc *openapi3.Schema) any {
	lo, hi := bounds(sc, false)
	v := lo + s.rng.Float64()*(hi-lo)
	if m := sc.MultipleOf; m != nil && *m > 0 {
		v = math.Ceil(v / *m) * *m
		if v > hi {
			v = math.Floor(hi / *m) * *m
		}
		return json.Number(strconv.FormatFloat(v, 'f', -1, 64))
	}
	if sc.Extensions["x-opgen-minor-units"] != nil {
		// An amount in a currency the spec ties it to: a whole number suits every currency (CLP has no decimals).
		v = math.Max(math.Ceil(lo), math.Min(math.Round(v), math.Floor(hi)))
		return json.Number(strconv.FormatFloat(v, 'f', -1, 64))
	}
	v = math.Round(v*100) / 100
	if v < lo {
		v = math.Ceil(lo*100) / 100
	}
	if v > hi {
		v = math.Floor(hi*100) / 100
	}
	return json.Number(strconv.FormatFloat(v, 'f', 2, 64))
}

var synthEpoch = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

func (s *synth) str(sc *openapi3.Schema) any {
	if sc.Pattern != "" {
		if v, ok := fromPattern(sc.Pattern, s.rng, int(sc.MinLength), maxLen(sc)); ok {
			return v
		}
	}
	var v string
	switch strings.ToLower(sc.Format) {
	case "date":
		v = synthEpoch.AddDate(0, 0, s.rng.IntN(365)).Format(time.DateOnly)
	case "date-time":
		v = synthEpoch.Add(time.Duration(s.rng.IntN(365*24*3600)) * time.Second).Format(time.RFC3339)
	case "time":
		t := synthEpoch.Add(time.Duration(s.rng.IntN(24*3600)) * time.Second)
		v = t.Format("15:04:05")
	case "uuid":
		v = s.uuid()
	case "email", "idn-email":
		v = "user" + strconv.Itoa(s.rng.IntN(1000)) + "@example.com"
	case "uri", "url", "iri", "uri-reference", "iri-reference":
		v = "https://example.com/r/" + strconv.Itoa(s.rng.IntN(100000))
	case "hostname", "idn-hostname":
		v = "host" + strconv.Itoa(s.rng.IntN(1000)) + ".example.com"
	case "ipv4":
		v = "192.0.2." + strconv.Itoa(1+s.rng.IntN(254))
	case "ipv6":
		v = "2001:db8::" + strconv.FormatInt(int64(1+s.rng.IntN(65534)), 16)
	case "byte", "base64":
		v = base64.StdEncoding.EncodeToString([]byte("opgen mock " + strconv.Itoa(s.rng.IntN(1000))))
	case "binary":
		v = "binary data"
	case "password":
		v = "P4ssw0rd-" + strconv.Itoa(s.rng.IntN(1000))
	case "decimal", "number", "double", "float":
		lo, hi := bounds(sc, false)
		f := math.Round((lo+s.rng.Float64()*(hi-lo))*100) / 100
		v = strconv.FormatFloat(math.Max(lo, math.Min(hi, f)), 'f', 2, 64)
	case "int32", "int64", "integer":
		lo, hi := bounds(sc, true)
		v = strconv.FormatInt(int64(math.Ceil(lo))+s.rng.Int64N(int64(math.Max(hi-lo, 0))+1), 10)
	case "duration":
		v = "PT" + strconv.Itoa(1+s.rng.IntN(59)) + "M"
	default:
		v = s.word(max(int(sc.MinLength), 8))
	}
	return fitLength(v, int(sc.MinLength), maxLen(sc))
}

func maxLen(sc *openapi3.Schema) int {
	if sc.MaxLength != nil && *sc.MaxLength < math.MaxInt32 {
		return int(*sc.MaxLength)
	}
	return -1
}

// fitLength pads v with 'x' or cuts it to satisfy minLength/maxLength (-1: none).
func fitLength(v string, minL, maxL int) string {
	r := []rune(v)
	for len(r) < minL {
		r = append(r, 'x')
	}
	if maxL >= 0 && len(r) > maxL {
		r = r[:maxL]
	}
	return string(r)
}

const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"

func (s *synth) word(n int) string {
	n = min(n, 64)
	b := make([]byte, n)
	for i := range b {
		if i == 0 {
			b[i] = alnum[s.rng.IntN(26)]
			continue
		}
		b[i] = alnum[s.rng.IntN(len(alnum))]
	}
	return string(b)
}

func (s *synth) uuid() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(s.rng.IntN(256))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// fromPattern returns a string that matches the regular expression pattern and fits the length limits (maxL -1:
// none), or false when it cannot make one.
func fromPattern(pattern string, rng *rand.Rand, minL, maxL int) (string, bool) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return "", false
	}
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	tree = tree.Simplify()
	// Unbounded repetitions (+, *) take `extra` more than their minimum: 2 first (a readable value), then 0, 1,
	// 2... until the length fits.
	step := max(1, minL/40)
	for try := -1; try < 80; try++ {
		extra := 2
		if try >= 0 {
			extra = try * step
		}
		var b strings.Builder
		genRegexp(&b, tree, rng, extra)
		v := b.String()
		n := len([]rune(v))
		if re.MatchString(v) && n >= minL && (maxL < 0 || n <= maxL) {
			return v, true
		}
	}
	return "", false
}

// genRegexp writes a string matched by re. extra lengthens unbounded repetitions (later tries, to reach a
// minLength).
func genRegexp(b *strings.Builder, re *syntax.Regexp, rng *rand.Rand, extra int) {
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		b.WriteRune(pickRune(re.Rune, rng))
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		b.WriteByte(alnum[rng.IntN(26)])
	case syntax.OpCapture:
		genRegexp(b, re.Sub[0], rng, extra)
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			genRegexp(b, sub, rng, extra)
		}
	case syntax.OpAlternate:
		genRegexp(b, re.Sub[rng.IntN(len(re.Sub))], rng, extra)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := 0, -1
		switch re.Op {
		case syntax.OpPlus:
			lo = 1
		case syntax.OpQuest:
			hi = 1
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
		}
		var n int
		if hi < 0 {
			n = lo + extra // unbounded: as long as the try asks
		} else {
			n = lo + rng.IntN(hi-lo+1)
		}
		for range n {
			genRegexp(b, re.Sub[0], rng, extra)
		}
	}
}

// pickRune picks a rune from a character class (pairs of inclusive ranges), preferring letters and digits.
func pickRune(ranges []rune, rng *rand.Rand) rune {
	var good []rune
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1] && r < 0x7f && len(good) < 128; r++ {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				good = append(good, r)
			}
		}
	}
	if len(good) > 0 {
		return good[rng.IntN(len(good))]
	}
	if len(ranges) >= 2 {
		lo, hi := ranges[0], ranges[1]
		if lo < 0x20 && hi >= 0x20 {
			lo = 0x20
		}
		return lo + rune(rng.IntN(int(min(hi-lo, 1000))+1))
	}
	return 'x'
}

// deepCopy copies a JSON-like value (maps, slices, scalars) so that spec examples are never modified.
func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, x := range t {
			s[i] = deepCopy(x)
		}
		return s
	}
	return v
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// initialState is the value of a synthesized response's state property (status, state, *_status) that has an
// enum and no example or default: its first value, the state a new object starts in when the spec lists states
// in lifecycle order, rather than a random one (a fresh charge answered as chargeback_accepted).
func (s *synth) initialState(name string, sc *openapi3.Schema) (any, bool) {
	if s.dir != forResponse || !statusLike(name) || len(sc.Enum) == 0 || sc.Example != nil || sc.Default != nil {
		return nil, false
	}
	for _, v := range sc.Enum {
		if v != nil {
			return deepCopy(v), true
		}
	}
	return nil, false
}
