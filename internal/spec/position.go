package spec

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Position returns the best-effort line and column (1-based) of the element at the JSON pointer ptr
// ("#/paths/~1pets/get" or "/paths/~1pets/get") in the root source file. When the pointer cannot be followed to
// the end (the element lives in another file, or does not exist in the source), it returns the position of the
// deepest element it could reach; (0, 0) when not even the first token is found.
//
// For a Swagger 2.0 spec the pointer may be written against the converted OpenAPI 3 document
// ("#/components/schemas/Pet"); it is translated to the 2.0 source ("#/definitions/Pet") first.
func (d *Doc) Position(ptr string) (line, col int) {
	if d == nil {
		return 0, 0
	}
	if d.Version == "2.0" {
		ptr = toV2Pointer(ptr)
	}
	switch {
	case d.idx != nil:
		return d.idx.lookup(splitPointer(ptr), 0)
	case d.root != nil: // inside Parse
		return lookup(d.root, splitPointer(ptr), 0)
	}
	return 0, 0
}

// splitPointer turns "#/a/b~1c" into ["a", "b/c"].
func splitPointer(ptr string) []string {
	ptr = strings.TrimPrefix(ptr, "#")
	ptr = strings.TrimPrefix(ptr, "/")
	if ptr == "" {
		return nil
	}
	toks := strings.Split(ptr, "/")
	for i, t := range toks {
		toks[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return toks
}

// escapeToken escapes one JSON pointer token.
func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// pointer builds "#/a/b~1c" from unescaped tokens.
func pointer(toks ...string) string {
	var b strings.Builder
	b.WriteString("#")
	for _, t := range toks {
		b.WriteByte('/')
		b.WriteString(escapeToken(t))
	}
	return b.String()
}

// lookup walks toks from the document node root and returns the position of the deepest element reached. Local
// "$ref"s met on the way are followed (depth bounds cycles).
func lookup(root *yaml.Node, toks []string, depth int) (line, col int) {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line, col = n.Line, n.Column
	if depth == 0 && len(toks) > 0 {
		line, col = 0, 0 // the document itself is not a useful answer for a pointer that is not found at all
	}
	for i, tok := range toks {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		var next, at *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == tok {
					at, next = n.Content[j], n.Content[j+1]
					break
				}
			}
			if next == nil && depth < 16 {
				// A local $ref: continue in its target.
				for j := 0; j+1 < len(n.Content); j += 2 {
					if n.Content[j].Value == "$ref" && strings.HasPrefix(n.Content[j+1].Value, "#/") {
						rest := append(splitPointer(n.Content[j+1].Value), toks[i:]...)
						if l, c := lookup(root, rest, depth+1); l > 0 {
							return l, c
						}
					}
				}
			}
		case yaml.SequenceNode:
			if k, err := strconv.Atoi(tok); err == nil && k >= 0 && k < len(n.Content) {
				next = n.Content[k]
				at = next
			}
		}
		if next == nil {
			return line, col
		}
		line, col = at.Line, at.Column
		n = next
	}
	return line, col
}

// toV2Pointer maps a pointer into the OpenAPI 3 document converted from Swagger 2.0 back to the 2.0 source.
func toV2Pointer(ptr string) string {
	for _, m := range [...][2]string{
		{"#/components/schemas/", "#/definitions/"},
		{"#/components/parameters/", "#/parameters/"},
		{"#/components/requestBodies/", "#/parameters/"},
		{"#/components/responses/", "#/responses/"},
		{"#/components/securitySchemes/", "#/securityDefinitions/"},
	} {
		if rest, ok := strings.CutPrefix(ptr, m[0]); ok {
			return m[1] + rest
		}
	}
	return ptr
}
