package spec

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

var (
	anyQuotedRe = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
	openFileRe  = regexp.MustCompile(`open (\S+?): `)
	pathLikeRe  = regexp.MustCompile(`(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//?[^\s()"']+`)
	typeErrRe   = regexp.MustCompile(`cannot unmarshal (string|number|array|bool) into (?:Go )?value of type \*?openapi[23]\.(\w+)\b`)
	fieldErrRe  = regexp.MustCompile(`cannot unmarshal (\w+) into (?:Go struct )?field (\w+)\.(\S+) of type`)
	mustObjRe   = regexp.MustCompile(`invalid (schema|parameter|response|requestBody|header|example|link|callback|securityScheme|path item): value MUST be an object`)
)

// locateLoadError finds, for a kin-openapi load error that names no line, the element of the root file it is
// about: a $ref value the message quotes or opens, or the empty value where the message wants an object. It
// returns 0, 0, "" when it cannot tell.
func (d *Doc) locateLoadError(msg string) (line, col int, ptr string) {
	if d == nil || d.root == nil {
		return 0, 0, ""
	}
	var refs, quoted []string
	for _, m := range anyQuotedRe.FindAllStringSubmatch(msg, -1) {
		if s, err := strconv.Unquote(`"` + m[1] + `"`); err == nil {
			refs = append(refs, s)
			quoted = append(quoted, s)
			if d.Version == "2.0" && strings.HasPrefix(s, "#/") {
				// The converted document's pointer: the 2.0 source wrote "#/definitions/X".
				refs = append(refs, toV2Pointer(s))
			}
		}
	}
	for _, m := range openFileRe.FindAllStringSubmatch(msg, -1) {
		refs = append(refs, m[1])
	}
	for _, p := range pathLikeRe.FindAllString(msg, -1) {
		refs = append(refs, strings.TrimRight(p, ":.,;"))
	}
	for _, ref := range refs {
		if ref == "" {
			continue
		}
		var found *yaml.Node
		var at []string
		walkNodes(d.root, nil, func(key, val *yaml.Node, path []string) bool {
			if key != nil && key.Value == "$ref" && val.Kind == yaml.ScalarNode && refMatches(val.Value, ref) {
				found, at = val, path[:len(path)-1]
				return false
			}
			return true
		})
		if found != nil {
			return found.Line, found.Column, pointer(at...)
		}
	}
	if m := fieldErrRe.FindStringSubmatch(msg); m != nil {
		// encoding/json names the field path: "cannot unmarshal number into field T.host of type string".
		// encoding/json matches keys case-insensitively ("pAths" fills paths): so does the search.
		// A nested type decoded on its own ("field Parameter.required") names the path from that object: any
		// object of that kind holding a value of the wrong kind there will do.
		jsonKind, owner, toks := m[1], m[2], strings.Split(m[3], ".")
		kind := strings.ToLower(owner[:1]) + owner[1:]
		var found *yaml.Node
		var at []string
		for _, strict := range []bool{true, false} {
			walkNodes(d.root, nil, func(key, val *yaml.Node, path []string) bool {
				if key == nil || len(path) < len(toks) || !slices.EqualFunc(path[len(path)-len(toks):], toks, strings.EqualFold) {
					return true
				}
				prefix := path[:len(path)-len(toks)]
				switch {
				case owner == "T" && len(prefix) > 0:
					return true // the root document's field
				case owner != "T" && strict && !(wantsObject(kind, prefix) && yamlIsJSONKind(val, jsonKind)):
					return true
				}
				found, at = key, path
				return false
			})
			if found != nil || owner == "T" {
				break
			}
		}
		if found != nil {
			return found.Line, found.Column, pointer(at...)
		}
	}
	kind, isKind := "", func(*yaml.Node) bool { return false }
	if m := mustObjRe.FindStringSubmatch(msg); m != nil {
		kind, isKind = m[1], func(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }
	} else if m := typeErrRe.FindStringSubmatch(msg); m != nil {
		// "json: cannot unmarshal string into value of type openapi2.Schema": a scalar or list where an object goes.
		kind = strings.ToLower(m[2][:1]) + m[2][1:]
		if kind == "pathItem" {
			kind = "path item"
		}
		want := map[string]string{"string": "!!str", "number": "!!int !!float", "bool": "!!bool"}[m[1]]
		isKind = func(n *yaml.Node) bool {
			if m[1] == "array" {
				return n.Kind == yaml.SequenceNode
			}
			if m[1] == "string" && n.Kind == yaml.ScalarNode {
				// Any scalar that is not a number, boolean or null decodes as a string, custom tags ("!x") too.
				return !strings.Contains("!!int !!float !!bool !!null", n.Tag)
			}
			return n.Kind == yaml.ScalarNode && want != "" && strings.Contains(want, n.Tag)
		}
	}
	if kind != "" {
		var found *yaml.Node
		var at []string
		walkNodes(d.root, nil, func(key, val *yaml.Node, path []string) bool {
			if isKind(val) && wantsObject(kind, path) {
				found, at = val, path
				if key != nil {
					found = key
				}
				return false
			}
			return true
		})
		if found != nil {
			return found.Line, found.Column, pointer(at...)
		}
	}
	// Last resort: a value the message quotes ("invalid host \"/\""), preferring one under a key the message
	// names.
	for _, keyNamed := range []bool{true, false} {
		for _, q := range quoted {
			if q == "" {
				continue
			}
			var found *yaml.Node
			var at []string
			walkNodes(d.root, nil, func(key, val *yaml.Node, path []string) bool {
				if val.Kind == yaml.ScalarNode && val.Value == q && (!keyNamed || key != nil && strings.Contains(msg, key.Value)) {
					found, at = val, path
					return false
				}
				return true
			})
			if found != nil {
				return found.Line, found.Column, pointer(at...)
			}
		}
	}
	return 0, 0, ""
}

// refMatches says whether the $ref value val is the reference an error message names as ref: the same text, or
// the same file once resolved ("pet.yaml" against "/abs/dir/pet.yaml", "file:///dev/zero" against "/dev/zero").
func refMatches(val, ref string) bool {
	if val == "" {
		return false
	}
	if val == ref || strings.HasSuffix(ref, val) {
		return true
	}
	file, _, _ := strings.Cut(val, "#")
	refFile, _, _ := strings.Cut(ref, "#")
	return file != "" && refFile != "" && (strings.HasSuffix(refFile, file) || strings.HasSuffix(file, refFile))
}

// wantsObject says whether the element at path is one where kin-openapi expects an object of kind. Keys compare
// case-insensitively, as encoding/json matches them ("pAths" fills paths).
func wantsObject(kind string, path []string) bool {
	if len(path) == 0 {
		return false
	}
	last := strings.ToLower(path[len(path)-1])
	parent, grand := "", ""
	if len(path) > 1 {
		parent = strings.ToLower(path[len(path)-2])
	}
	if len(path) > 2 {
		grand = strings.ToLower(path[len(path)-3])
	}
	switch kind {
	case "schema":
		return slices.Contains([]string{"schema", "items", "not", "additionalproperties", "additionalitems", "contains", "if", "then", "else", "propertynames"}, last) ||
			slices.Contains([]string{"schemas", "definitions", "properties", "patternproperties", "$defs", "allof", "anyof", "oneof", "prefixitems", "dependentschemas"}, parent)
	case "parameter":
		return parent == "parameters"
	case "response":
		return parent == "responses"
	case "requestBody":
		return last == "requestbody" || parent == "requestbodies"
	case "header":
		return parent == "headers"
	case "example":
		return parent == "examples"
	case "link":
		return parent == "links"
	case "callback":
		return parent == "callbacks"
	case "securityScheme":
		return parent == "securityschemes" || parent == "securitydefinitions"
	case "operation":
		return slices.Contains([]string{"get", "put", "post", "delete", "options", "head", "patch", "trace", "query"}, last)
	case "mediaType":
		return parent == "content"
	case "encoding":
		return parent == "encoding"
	case "serverVariable":
		return parent == "variables"
	case "oAuthFlow":
		return parent == "flows"
	case "securityRequirement":
		return parent == "security"
	case "items":
		return last == "items"
	case "path item":
		return parent == "paths" || parent == "webhooks" || parent == "pathitems" || grand == "callbacks"
	}
	// Any other object (info, contact, license, tag, xml, externalDocs, discriminator, server...): found by its key,
	// or as an element of the list named by its plural.
	kind = strings.ToLower(kind)
	return last == kind || parent == kind+"s"
}

// walkNodes visits every node below n in document order with its JSON pointer tokens (key is the mapping key node,
// nil for sequence elements and the root). visit returns false to stop. Aliases are not followed.
func walkNodes(n *yaml.Node, path []string, visit func(key, val *yaml.Node, path []string) bool) bool {
	if n == nil {
		return true
	}
	if n.Kind == yaml.DocumentNode {
		for _, c := range n.Content {
			if !walkNodes(c, path, visit) {
				return false
			}
		}
		return true
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := append(path[:len(path):len(path)], k.Value)
			if !visit(k, v, p) || !walkNodes(v, p, visit) {
				return false
			}
		}
	case yaml.SequenceNode:
		for i, v := range n.Content {
			p := append(path[:len(path):len(path)], strconv.Itoa(i))
			if !visit(nil, v, p) || !walkNodes(v, p, visit) {
				return false
			}
		}
	}
	return true
}

// yamlSafeJSON returns a copy of a JSON document that yaml.v3 can parse, with every byte at the same offset: lone
// UTF-16 surrogate escapes become `\u003F`, and the characters JSON allows raw in strings but YAML does not
// (DEL, the C1 controls but NEL, U+FFFE, U+FFFF) become printable characters of the same encoded length.
func yamlSafeJSON(data []byte) []byte {
	out := surrogateRe.ReplaceAll(data, []byte(`\u003F`))
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRune(out[i:])
		switch {
		case r == 0x7f:
			out[i] = '?'
		case r >= 0x80 && r <= 0x9f && r != 0x85:
			utf8.EncodeRune(out[i:], '¿') // two bytes, as the C1 control
		case r == 0xfffe || r == 0xffff:
			utf8.EncodeRune(out[i:], utf8.RuneError) // three bytes
		}
		i += size
	}
	return out
}

// yamlIsJSONKind reports whether n decodes as the JSON kind encoding/json names ("string", "number", "bool",
// "array", "object").
func yamlIsJSONKind(n *yaml.Node, kind string) bool {
	switch kind {
	case "array":
		return n.Kind == yaml.SequenceNode
	case "object":
		return n.Kind == yaml.MappingNode
	case "number":
		return n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float")
	case "bool":
		return n.Kind == yaml.ScalarNode && n.Tag == "!!bool"
	case "string":
		return n.Kind == yaml.ScalarNode && !strings.Contains("!!int !!float !!bool !!null", n.Tag)
	}
	return true
}
