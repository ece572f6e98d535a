package spec

import (
	"regexp"
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// jsonStatus is what jsonNode made of a document.
type jsonStatus int

const (
	// jsonBuilt: the tree is the one yaml.Unmarshal makes of the same bytes, node for node.
	jsonBuilt jsonStatus = iota
	// jsonYAMLRejects: the bytes hold something yaml.v3 refuses in any document (a raw DEL, C1 control but NEL,
	// U+FFFE or U+FFFF, or a UTF-16 surrogate escape), after JSON that yaml.v3 reads alike: yaml.Unmarshal fails
	// on them. What follows was not read: it may not be JSON.
	jsonYAMLRejects
	// jsonUnsure: not JSON, or JSON that yaml.v3 may read otherwise than this reader does (a line break or 1,000
	// characters between a key and its colon, NEL, U+2028, U+2029, a BOM, a tab outside the top-level value,
	// nesting deeper than jsonMaxDepth): only yaml.v3 can tell.
	jsonUnsure
)

// jsonMaxDepth bounds the nesting jsonNode reads; yaml.v3 refuses flow collections deeper than 10,000.
const jsonMaxDepth = 1000

// jsonNode reads a JSON document into the yaml.Node tree yaml.v3 makes of it (a JSON document is a YAML flow
// collection), for the position index: kinds, tags, styles, values, lines and columns (counted in characters
// like yaml.v3's) are the same. The one JSON escape YAML lacks, "\/", it reads as JSON does (yaml.v3 fails on it). Its point is speed: yaml.v3's general scanner was a tenth of the generation of a
// JSON spec, and read it twice when the first read failed on a character YAML refuses. Anything it is not sure
// yaml.v3 reads the same way it reports as jsonUnsure, for the caller to hand to yaml.v3.
func jsonNode(data []byte) (*yaml.Node, jsonStatus) {
	r := jsonReader{data: data, line: 1, lineStart: 0, keys: map[string]string{}}
	r.skipSpace(true)
	if r.status != jsonBuilt || r.pos >= len(data) {
		return nil, jsonUnsure
	}
	doc := r.newNode()
	doc.Kind = yaml.DocumentNode
	doc.Line, doc.Column = r.line, r.column()
	v := r.value(0)
	if r.status == jsonBuilt {
		r.skipSpace(true)
		if r.pos < len(data) && r.status == jsonBuilt {
			r.status = jsonUnsure // something after the value
		}
	}
	if r.status != jsonBuilt {
		return nil, r.status
	}
	doc.Content = []*yaml.Node{v}
	return doc, jsonBuilt
}

type jsonReader struct {
	data      []byte
	pos       int
	line      int // 1-based line of pos
	lineStart int // offset of the line's first byte
	// Column of pos is 1 + the characters from lineStart to pos; colAt/colChars cache the last count, so that a
	// line of a minified document is not counted from its start for every token.
	colAt, colChars int
	status          jsonStatus
	slab            []yaml.Node       // nodes are allocated in blocks
	stack           []*yaml.Node      // children of the collections being read
	keys            map[string]string // one string per distinct key
	buf             []byte
}

func (r *jsonReader) newNode() *yaml.Node {
	if len(r.slab) == 0 {
		r.slab = make([]yaml.Node, 256)
	}
	n := &r.slab[0]
	r.slab = r.slab[1:]
	return n
}

// column is yaml.v3's 1-based column of pos: characters, not bytes, since the start of the line.
func (r *jsonReader) column() int {
	if r.colAt < r.lineStart || r.colAt > r.pos {
		r.colAt, r.colChars = r.lineStart, 0
	}
	r.colChars += utf8.RuneCount(r.data[r.colAt:r.pos])
	r.colAt = r.pos
	return r.colChars + 1
}

// skipSpace skips JSON whitespace, counting lines as yaml.v3 does ("\r\n" and a lone "\r" each end one).
// outside says pos is outside the top-level value, where yaml.v3 refuses a tab.
func (r *jsonReader) skipSpace(outside bool) {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ':
			r.pos++
		case '\t':
			if outside {
				r.status = jsonUnsure
				return
			}
			r.pos++
		case '\n':
			r.pos++
			r.line, r.lineStart = r.line+1, r.pos
		case '\r':
			r.pos++
			if r.pos < len(r.data) && r.data[r.pos] == '\n' {
				r.pos++
			}
			r.line, r.lineStart = r.line+1, r.pos
		default:
			return
		}
	}
}

// refused stops the reading at a character yaml.v3 refuses wherever it is: the document is read again once
// neutralised (when it is JSON at all: the caller checks).
func (r *jsonReader) refused() *yaml.Node {
	if r.status == jsonBuilt {
		r.status = jsonYAMLRejects
	}
	return nil
}

func (r *jsonReader) fail() *yaml.Node {
	if r.status == jsonBuilt {
		r.status = jsonUnsure
	}
	return nil
}

// value reads the value at pos (no space before it).
func (r *jsonReader) value(depth int) *yaml.Node {
	if r.pos >= len(r.data) || depth > jsonMaxDepth {
		return r.fail()
	}
	line, col := r.line, r.column()
	switch c := r.data[r.pos]; {
	case c == '{' || c == '[':
		n := r.newNode()
		n.Line, n.Column, n.Style = line, col, yaml.FlowStyle
		if c == '{' {
			n.Kind, n.Tag = yaml.MappingNode, "!!map"
		} else {
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		}
		r.pos++
		base := len(r.stack)
		r.skipSpace(false)
		end := byte(']')
		if c == '{' {
			end = '}'
		}
		if r.pos < len(r.data) && r.data[r.pos] == end {
			r.pos++
			return n
		}
		for {
			if c == '{' {
				if r.pos >= len(r.data) || r.data[r.pos] != '"' {
					return r.fail()
				}
				keyLine, keyAt := r.line, r.pos
				k := r.str(true)
				if k == nil {
					return nil
				}
				r.stack = append(r.stack, k)
				r.skipSpace(false)
				// yaml.v3 takes a flow key only when its colon is on the same line and close enough.
				if r.pos >= len(r.data) || r.data[r.pos] != ':' || r.line != keyLine || utf8.RuneCount(r.data[keyAt:r.pos]) > 1000 {
					return r.fail()
				}
				r.pos++
				r.skipSpace(false)
			}
			v := r.value(depth + 1)
			if v == nil {
				return nil
			}
			r.stack = append(r.stack, v)
			r.skipSpace(false)
			if r.pos >= len(r.data) {
				return r.fail()
			}
			if r.data[r.pos] == ',' {
				r.pos++
				r.skipSpace(false)
				continue
			}
			if r.data[r.pos] != end {
				return r.fail()
			}
			r.pos++
			break
		}
		n.Content = make([]*yaml.Node, len(r.stack)-base)
		copy(n.Content, r.stack[base:])
		clear(r.stack[base:])
		r.stack = r.stack[:base]
		return n
	case c == '"':
		return r.str(false)
	case c == '-' || c >= '0' && c <= '9':
		start := r.pos
		if !r.number() {
			return r.fail()
		}
		n := r.newNode()
		n.Kind, n.Line, n.Column = yaml.ScalarNode, line, col
		n.Value = string(r.data[start:r.pos])
		n.Tag = numberTag(n.Value)
		return n
	default:
		for _, lit := range [...]struct{ text, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
			if len(r.data)-r.pos >= len(lit.text) && string(r.data[r.pos:r.pos+len(lit.text)]) == lit.text {
				r.pos += len(lit.text)
				n := r.newNode()
				n.Kind, n.Line, n.Column, n.Tag, n.Value = yaml.ScalarNode, line, col, lit.tag, lit.text
				return n
			}
		}
		return r.fail()
	}
}

// number reads a JSON number at pos.
func (r *jsonReader) number() bool {
	d := r.data
	i := r.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return false
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return false
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	r.pos = i
	return true
}

var yamlStyleFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// numberTag is the tag yaml.v3 resolves a plain scalar written as a JSON number to (its resolve, for the inputs a
// JSON number can be): an integer that fits 64 bits is !!int, a float that parses is !!float ("1e400" does not:
// !!str).
func numberTag(s string) string {
	if _, err := strconv.ParseInt(s, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(s, 0, 64); err == nil {
		return "!!int"
	}
	if yamlStyleFloat.MatchString(s) {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float"
		}
	}
	return "!!str"
}

// str reads the JSON string at pos into a double-quoted scalar node (keys are interned).
func (r *jsonReader) str(key bool) *yaml.Node {
	line, col := r.line, r.column()
	d := r.data
	i := r.pos + 1
	start := i
	escaped := false
	for {
		if i >= len(d) {
			return r.fail()
		}
		c := d[i]
		if c == '"' {
			break
		}
		if c < 0x20 {
			return r.fail()
		}
		if c == '\\' {
			escaped = true
			i++
			if i >= len(d) {
				return r.fail()
			}
			switch d[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				// "\/" is JSON's, not YAML's: yaml.v3 refuses it, so a JSON spec written by an encoder that escapes
				// slashes (PHP's json_encode) could not be read at all. Its tree is the one yaml.v3 makes with "/".
				i++
			case 'u':
				if i+5 > len(d) {
					return r.fail()
				}
				v, ok := hex4(d[i+1 : i+5])
				if !ok {
					return r.fail()
				}
				if v >= 0xD800 && v <= 0xDFFF {
					return r.refused()
				}
				i += 5
			default:
				return r.fail()
			}
			continue
		}
		if c < utf8.RuneSelf {
			if c == 0x7f {
				return r.refused()
			}
			i++
			continue
		}
		ru, size := utf8.DecodeRune(d[i:])
		switch {
		case ru == utf8.RuneError && size == 1:
			return r.fail() // not UTF-8
		case ru == 0x85 || ru == 0x2028 || ru == 0x2029 || ru == 0xFEFF:
			return r.fail() // a line break (or a BOM) to yaml.v3
		case ru >= 0x80 && ru <= 0x9f || ru == 0xFFFE || ru == 0xFFFF:
			return r.refused()
		}
		i += size
	}
	raw := d[start:i]
	r.pos = i + 1
	n := r.newNode()
	n.Kind, n.Style, n.Tag, n.Line, n.Column = yaml.ScalarNode, yaml.DoubleQuotedStyle, "!!str", line, col
	if escaped {
		n.Value = r.unescape(raw)
	} else if key {
		s, ok := r.keys[string(raw)]
		if !ok {
			s = string(raw)
			r.keys[s] = s
		}
		n.Value = s
	} else {
		n.Value = string(raw)
	}
	return n
}

// unescape decodes a string's escapes, checked by str (which stops at a surrogate escape: yaml.v3 refuses it).
func (r *jsonReader) unescape(raw []byte) string {
	b := r.buf[:0]
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		switch raw[i] {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			v, _ := hex4(raw[i+1 : i+5])
			b = utf8.AppendRune(b, rune(v))
			i += 4
		default:
			b = append(b, raw[i])
		}
	}
	r.buf = b
	return string(b)
}

// hex4 reads the four hex digits of a \u escape.
func hex4(b []byte) (v rune, ok bool) {
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		v = v<<4 | rune(c)
	}
	return v, true
}
