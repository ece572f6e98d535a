package spec

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// RawJSON returns, as JSON, the element at the JSON pointer ptr of the root source file, with the numbers as they
// are written there: kin-openapi keeps example values as float64, which would change 2^53+1 or 12.50 before the
// value is ever compared. Local $refs met on the way are followed, as Position does; for a Swagger 2.0 spec the
// pointer is translated as Position translates it. ok is false when the element is not in the root file or
// cannot be written as JSON (a YAML-only value such as .inf).
func (d *Doc) RawJSON(ptr string) (raw []byte, ok bool) {
	if d == nil {
		return nil, false
	}
	root := d.tree()
	if root == nil {
		return nil, false
	}
	if d.Version == "2.0" {
		ptr = toV2Pointer(ptr)
	}
	n := findNode(root, root, splitPointer(ptr), 0)
	if n == nil {
		return nil, false
	}
	var buf bytes.Buffer
	if !writeJSON(&buf, n, 0) {
		return nil, false
	}
	return buf.Bytes(), true
}

// findNode is lookup returning the node itself.
func findNode(root, n *yaml.Node, toks []string, depth int) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for i, tok := range toks {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == tok {
					next = n.Content[j+1]
					break
				}
			}
			if next == nil && depth < 16 {
				for j := 0; j+1 < len(n.Content); j += 2 {
					if n.Content[j].Value == "$ref" && strings.HasPrefix(n.Content[j+1].Value, "#/") {
						rest := append(splitPointer(n.Content[j+1].Value), toks[i:]...)
						return findNode(root, root, rest, depth+1)
					}
				}
			}
		case yaml.SequenceNode:
			if k, err := strconv.Atoi(tok); err == nil && k >= 0 && k < len(n.Content) {
				next = n.Content[k]
			}
		}
		if next == nil {
			return nil
		}
		n = next
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// writeJSON writes the YAML node n as JSON, keeping the text of numbers; false when n holds something JSON cannot
// say (.inf, .nan, a non-string key that is not a scalar) or nests deeper than 1000 levels.
func writeJSON(buf *bytes.Buffer, n *yaml.Node, depth int) bool {
	if depth > 1000 {
		return false
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) != 1 {
			return false
		}
		return writeJSON(buf, n.Content[0], depth+1)
	case yaml.MappingNode:
		buf.WriteByte('{')
		for j := 0; j+1 < len(n.Content); j += 2 {
			k := n.Content[j]
			if k.Kind != yaml.ScalarNode {
				return false
			}
			if j > 0 {
				buf.WriteByte(',')
			}
			kb, _ := json.Marshal(k.Value)
			buf.Write(kb)
			buf.WriteByte(':')
			if !writeJSON(buf, n.Content[j+1], depth+1) {
				return false
			}
		}
		buf.WriteByte('}')
		return true
	case yaml.SequenceNode:
		buf.WriteByte('[')
		for j, c := range n.Content {
			if j > 0 {
				buf.WriteByte(',')
			}
			if !writeJSON(buf, c, depth+1) {
				return false
			}
		}
		buf.WriteByte(']')
		return true
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			buf.WriteString("null")
		case "!!bool":
			var b bool
			if n.Decode(&b) != nil {
				return false
			}
			buf.WriteString(strconv.FormatBool(b))
		case "!!int", "!!float":
			if json.Valid([]byte(n.Value)) && !strings.ContainsAny(n.Value, " \t\n") {
				buf.WriteString(n.Value)
				return true
			}
			// YAML spellings JSON lacks (0x1F, 1_000, +1, .5): through the decoded value, when it is finite.
			var f float64
			if n.ShortTag() == "!!int" {
				var i int64
				if n.Decode(&i) != nil {
					return false
				}
				buf.WriteString(strconv.FormatInt(i, 10))
				return true
			}
			if n.Decode(&f) != nil || f != f || f > 1.7976931348623157e308 || f < -1.7976931348623157e308 {
				return false
			}
			buf.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
		default:
			b, _ := json.Marshal(n.Value)
			buf.Write(b)
		}
		return true
	}
	return false
}
