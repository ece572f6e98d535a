package spec

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// posIndex is what Position reads of the parsed root file, kept for the document's life in place of the yaml.Node
// tree: the kind, line and column of every node, its children, and the text of mapping keys and of "$ref" values
// only. The tree holds every scalar's text besides (descriptions, examples) in nodes of 160 bytes: 26 MB of
// stripe's generation stayed alive to the end for it, where this takes a fraction.
type posIndex struct {
	nodes []posNode
	kids  []int32 // the children of each node, contiguous; a mapping's are key, value, key, value...
}

type posNode struct {
	val       string // a mapping key's text, or a "$ref" value's; "" for any other node
	line, col int32
	first, n  int32 // children: kids[first : first+n]
	alias     int32 // an alias: the node it stands for; -1 when unknown
	kind      yaml.Kind
}

// newPosIndex indexes the tree under root (node 0).
func newPosIndex(root *yaml.Node) *posIndex {
	// Sized by a first walk: grown by appending, the two slices left as much garbage again as they hold.
	nodes, kids := 0, 0
	var count func(n *yaml.Node)
	count = func(n *yaml.Node) {
		nodes++
		kids += len(n.Content)
		for _, c := range n.Content {
			count(c)
		}
	}
	count(root)
	x := &posIndex{nodes: make([]posNode, 0, nodes), kids: make([]int32, 0, kids)}
	anchors := map[*yaml.Node]int32{}
	var add func(n *yaml.Node, val string) int32
	add = func(n *yaml.Node, val string) int32 {
		i := int32(len(x.nodes))
		x.nodes = append(x.nodes, posNode{val: val, line: int32(n.Line), col: int32(n.Column), kind: n.Kind, alias: -1})
		if n.Anchor != "" {
			anchors[n] = i
		}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			if a, ok := anchors[n.Alias]; ok {
				x.nodes[i].alias = a
			} else {
				// An alias before its anchor cannot be parsed; indexed on its own all the same.
				x.nodes[i].alias = add(n.Alias, "")
			}
		}
		if len(n.Content) == 0 {
			return i
		}
		first := int32(len(x.kids))
		x.nodes[i].first, x.nodes[i].n = first, int32(len(n.Content))
		x.kids = append(x.kids, make([]int32, len(n.Content))...)
		for j, c := range n.Content {
			v := ""
			if n.Kind == yaml.MappingNode {
				if j%2 == 0 {
					v = c.Value
				} else if n.Content[j-1].Value == "$ref" {
					v = c.Value
				}
			}
			x.kids[int(first)+j] = add(c, v)
		}
		return i
	}
	add(root, "")
	return x
}

// child returns the j-th child of node n.
func (x *posIndex) child(n *posNode, j int) int32 { return x.kids[int(n.first)+j] }

// lookup walks toks from the document node and returns the position of the deepest element reached. Local "$ref"s
// met on the way are followed (depth bounds cycles).
func (x *posIndex) lookup(toks []string, depth int) (line, col int) {
	n := &x.nodes[0]
	if n.kind == yaml.DocumentNode && n.n > 0 {
		n = &x.nodes[x.child(n, 0)]
	}
	line, col = int(n.line), int(n.col)
	if depth == 0 && len(toks) > 0 {
		line, col = 0, 0 // the document itself is not a useful answer for a pointer that is not found at all
	}
	for i, tok := range toks {
		for n.kind == yaml.AliasNode && n.alias >= 0 {
			n = &x.nodes[n.alias]
		}
		next, at := int32(-1), int32(-1)
		switch n.kind {
		case yaml.MappingNode:
			for j := 0; j+1 < int(n.n); j += 2 {
				if k := x.child(n, j); x.nodes[k].val == tok {
					at, next = k, x.child(n, j+1)
					break
				}
			}
			if next < 0 && depth < 16 {
				// A local $ref: continue in its target.
				for j := 0; j+1 < int(n.n); j += 2 {
					if ref := x.nodes[x.child(n, j+1)].val; x.nodes[x.child(n, j)].val == "$ref" && strings.HasPrefix(ref, "#/") {
						rest := append(splitPointer(ref), toks[i:]...)
						if l, c := x.lookup(rest, depth+1); l > 0 {
							return l, c
						}
					}
				}
			}
		case yaml.SequenceNode:
			if k, err := strconv.Atoi(tok); err == nil && k >= 0 && k < int(n.n) {
				next = x.child(n, k)
				at = next
			}
		}
		if next < 0 {
			return line, col
		}
		line, col = int(x.nodes[at].line), int(x.nodes[at].col)
		n = &x.nodes[next]
	}
	return line, col
}
