// Package overlay applies OpenAPI Overlay 1.0 documents to a spec before it is loaded: a user adapts a vendor's
// spec (names, x-opgen-* extensions, fixes) without editing it, and regenerates when the vendor publishes a new
// version. Targets are RFC 9535 JSONPath expressions (github.com/theory/jsonpath).
//
// The spec is edited as a YAML node tree, so key order, comments and the style of untouched parts are kept.
package overlay

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/theory/jsonpath"
	jpspec "github.com/theory/jsonpath/spec"
	"gopkg.in/yaml.v3"
)

// Error is one problem with an overlay, located in the overlay file.
type Error struct {
	File      string
	Line, Col int
	Pointer   string // JSON pointer in the overlay ("#/actions/2/target")
	Message   string
}

// Error is the problem with its place in the overlay file.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	if e.Pointer != "" {
		b.WriteString(e.Pointer + ": ")
	}
	b.WriteString(e.Message)
	return b.String()
}

// Apply applies the overlays at paths, in order, to the spec source data, and returns the new source (YAML).
// display names the overlay files in messages (same order as paths; empty: the path).
func Apply(data []byte, paths, display []string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err // the spec's own syntax error is reported by the loader, located
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return data, nil
	}
	for i, p := range paths {
		name := p
		if i < len(display) && display[i] != "" {
			name = display[i]
		}
		if err := applyFile(&doc, p, name); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func applyFile(doc *yaml.Node, path, name string) error {
	fail := func(n *yaml.Node, ptr, format string, a ...any) error {
		e := &Error{File: name, Pointer: ptr, Message: fmt.Sprintf(format, a...)}
		if n != nil {
			e.Line, e.Col = n.Line, n.Column
		}
		return e
	}
	src, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fail(nil, "", "overlay file not found; check the path (relative to the config file's folder, or the current directory for -overlay)")
		}
		return fail(nil, "", "cannot read overlay: %v", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			n, after, _ := strings.Cut(rest, ": ")
			line, _ = strconv.Atoi(n)
			msg = after
		}
		return &Error{File: name, Line: line, Message: "syntax error: " + msg}
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return fail(nil, "", "not an overlay: expected an object with overlay: 1.0.0, info and actions")
	}
	top := root.Content[0]
	version := get(top, "overlay")
	switch {
	case version == nil:
		if get(top, "openapi") != nil || get(top, "swagger") != nil {
			return fail(top, "", "this is an OpenAPI spec, not an overlay: an overlay has overlay: 1.0.0, info and actions (https://spec.openapis.org/overlay/v1.0.0)")
		}
		return fail(top, "", `not an overlay: no top-level "overlay" key; add overlay: 1.0.0`)
	case !strings.HasPrefix(version.Value, "1.0"):
		return fail(version, "#/overlay", "unsupported overlay version %q: opgen applies Overlay 1.0.x", version.Value)
	}
	actions := get(top, "actions")
	if actions == nil || actions.Kind != yaml.SequenceNode || len(actions.Content) == 0 {
		return fail(orNode(actions, top), "#/actions", "actions is required: a list of {target, update} or {target, remove: true}")
	}
	for i, a := range actions.Content {
		ptr := fmt.Sprintf("#/actions/%d", i)
		if a.Kind != yaml.MappingNode {
			return fail(a, ptr, "an action is an object with target and update or remove")
		}
		target := get(a, "target")
		if target == nil || target.Kind != yaml.ScalarNode || target.Value == "" {
			return fail(orNode(target, a), ptr+"/target", "target is required: a JSONPath such as $.paths['/pets'].get")
		}
		jp, err := jsonpath.Parse(target.Value)
		if err != nil {
			return fail(target, ptr+"/target", "invalid JSONPath %q: %v", target.Value, strings.TrimPrefix(err.Error(), "jsonpath: "))
		}
		update, remove := get(a, "update"), get(a, "remove")
		removing := remove != nil && remove.Value == "true"
		if update == nil && !removing {
			return fail(a, ptr, "the action has neither update nor remove: true: add one")
		}
		if update != nil && removing {
			return fail(remove, ptr+"/remove", "an action either updates or removes: split it in two")
		}
		var value any
		if err := doc.Decode(&value); err != nil {
			return fail(target, ptr+"/target", "cannot read the spec: %v", err)
		}
		located := jp.SelectLocated(value)
		if len(located) == 0 {
			return fail(target, ptr+"/target", "target %s matches nothing in the spec: check it against the spec's current version (the vendor may have renamed it)", target.Value)
		}
		// Removing from the end keeps the indexes of earlier matches in the same list valid.
		for j := len(located) - 1; j >= 0; j-- {
			np := located[j].Path
			parent, node, key := walk(doc.Content[0], np)
			if node == nil {
				return fail(target, ptr+"/target", "target %s: cannot follow %s in the spec", target.Value, np)
			}
			if removing {
				if parent == nil {
					return fail(target, ptr+"/target", "the whole document cannot be removed")
				}
				removeChild(parent, node, key)
				continue
			}
			if err := merge(node, update); err != nil {
				return fail(update, ptr+"/update", "cannot apply to %s: %v", np, err)
			}
		}
	}
	return nil
}

func orNode(n, fallback *yaml.Node) *yaml.Node {
	if n != nil {
		return n
	}
	return fallback
}

// get returns the value of key in mapping m, nil when absent.
func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// walk follows a normalized path from n; it returns the parent, the node and the key (name or index) reached.
func walk(n *yaml.Node, np jpspec.NormalizedPath) (parent, node *yaml.Node, key string) {
	node = n
	for _, sel := range np {
		for node.Kind == yaml.AliasNode && node.Alias != nil {
			node = node.Alias
		}
		parent = node
		switch s := sel.(type) {
		case jpspec.Name:
			key = string(s)
			node = get(parent, key)
		case jpspec.Index:
			key = strconv.Itoa(int(s))
			if parent.Kind != yaml.SequenceNode || int(s) < 0 || int(s) >= len(parent.Content) {
				return nil, nil, ""
			}
			node = parent.Content[int(s)]
		default:
			return nil, nil, ""
		}
		if node == nil {
			return nil, nil, ""
		}
	}
	return parent, node, key
}

func removeChild(parent, node *yaml.Node, key string) {
	switch parent.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(parent.Content); i += 2 {
			if parent.Content[i].Value == key && parent.Content[i+1] == node {
				parent.Content = append(parent.Content[:i], parent.Content[i+2:]...)
				return
			}
		}
	case yaml.SequenceNode:
		for i, c := range parent.Content {
			if c == node {
				parent.Content = append(parent.Content[:i], parent.Content[i+1:]...)
				return
			}
		}
	}
}

// merge applies an update to a target as Overlay 1.0 says: objects are merged recursively (an update's property
// replaces a primitive or a list of the target's, and is added when absent), a list target gets the update
// appended (its elements, when the update is a list), and a primitive target is replaced.
func merge(target, update *yaml.Node) error {
	switch {
	case target.Kind == yaml.MappingNode && update.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(update.Content); i += 2 {
			k, v := update.Content[i], update.Content[i+1]
			if cur := get(target, k.Value); cur != nil && cur.Kind == yaml.MappingNode && v.Kind == yaml.MappingNode {
				if err := merge(cur, v); err != nil {
					return err
				}
				continue
			}
			replaced := false
			for j := 0; j+1 < len(target.Content); j += 2 {
				if target.Content[j].Value == k.Value {
					target.Content[j+1] = clone(v)
					replaced = true
				}
			}
			if !replaced {
				target.Content = append(target.Content, clone(k), clone(v))
			}
		}
	case target.Kind == yaml.SequenceNode:
		if update.Kind == yaml.SequenceNode {
			for _, e := range update.Content {
				target.Content = append(target.Content, clone(e))
			}
		} else {
			target.Content = append(target.Content, clone(update))
		}
	case target.Kind == yaml.MappingNode:
		return fmt.Errorf("the target is an object and the update is not: write the update as an object of the properties to set")
	default:
		*target = *clone(update)
	}
	return nil
}

func clone(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, x := range n.Content {
		c.Content[i] = clone(x)
	}
	return &c
}
