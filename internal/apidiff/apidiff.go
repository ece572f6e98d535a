// Package apidiff compares the exported Go API of two versions of one package, from source alone (go/parser, no
// type checking), and says which differences break callers.
//
// It looks at exported types (and their kind), struct fields (name, type and json tag), methods and functions
// (parameter and result types), constants (type and value) and variables (type). opgen uses it when
// `opgen generate` rewrites a package: the existing *_gen.go files are the old API, the new in-memory files the
// new one.
//
// Breaking: anything exported that was removed or renamed, a changed type, signature, constant value or json
// tag, a method added to an interface. Compatible: anything added (a field, a method, a type, a function).
package apidiff

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Kinds of API elements.
const (
	KindType   = "type"
	KindField  = "field"
	KindMethod = "method"
	KindFunc   = "func"
	KindConst  = "const"
	KindVar    = "var"
	KindEmbed  = "embedded" // an interface embedded in an interface
)

// API is the exported surface of one package.
type API struct {
	elems map[string]*elem // key(kind, name) -> element
}

// elem is one exported element.
type elem struct {
	kind   string
	name   string // "Pet", "Pet.Name", "Client.List" (methods without the receiver's pointer)
	parent string // the type a field or method belongs to; "" for package-level elements
	// detail is what follows the name when printed ("int64 `json:\"id\"`", "(ctx context.Context) error",
	// "Status = \"active\"", "struct"); value is what must not change (types only, no parameter names).
	detail, value string
	recv          string // methods: "*T" or "T"
	iface         bool   // a method or embedded interface of an interface type
	shape         string // types: value plus the sorted values of its fields and methods (to pair renames)
}

func key(kind, name string) string { return kind + " " + name }

// display is the element as printed: "field Pet.Name int64 `json:\"name\"`", "method (*Client).List(...)".
func (e *elem) display() string {
	name := e.name
	if e.kind == KindMethod && !e.iface {
		typ, m, _ := strings.Cut(e.name, ".")
		if strings.HasPrefix(e.recv, "*") {
			name = "(*" + typ + ")." + m
		}
	}
	if e.kind == KindMethod || e.kind == KindFunc {
		return e.kind + " " + name + e.detail
	}
	if e.kind == KindEmbed {
		return "interface " + e.parent + " embeds " + e.detail
	}
	if e.detail == "" {
		return e.kind + " " + name
	}
	return e.kind + " " + name + " " + e.detail
}

// Parse reads the exported API of one package from its source files (file name -> contents). Files that do not
// end in ".go" and test files are ignored.
func Parse(files map[string][]byte) (*API, error) {
	api := &API{elems: map[string]*elem{}}
	names := make([]string, 0, len(files))
	for name := range files {
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	fset := token.NewFileSet()
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				api.genDecl(d)
			case *ast.FuncDecl:
				api.funcDecl(d)
			}
		}
	}
	api.shapes()
	return api, nil
}

// Len returns the number of exported elements (types, fields, methods, functions, constants, variables).
func (a *API) Len() int { return len(a.elems) }

func (a *API) add(e *elem) { a.elems[key(e.kind, e.name)] = e }

func (a *API) genDecl(d *ast.GenDecl) {
	switch d.Tok {
	case token.TYPE:
		for _, s := range d.Specs {
			a.typeSpec(s.(*ast.TypeSpec))
		}
	case token.CONST:
		// Constants without values repeat the previous spec's type and values with the next iota.
		var typ ast.Expr
		var values []ast.Expr
		for iota, s := range d.Specs {
			vs := s.(*ast.ValueSpec)
			if vs.Type != nil || len(vs.Values) > 0 {
				typ, values = vs.Type, vs.Values
			}
			for i, n := range vs.Names {
				if !n.IsExported() {
					continue
				}
				var detail string
				if typ != nil {
					detail = expr(typ) + " "
				}
				if i < len(values) {
					v := expr(values[i])
					if usesIota(values[i]) {
						v += fmt.Sprintf(" (iota %d)", iota)
					}
					detail += "= " + v
				}
				a.add(&elem{kind: KindConst, name: n.Name, detail: detail, value: detail})
			}
		}
	case token.VAR:
		for _, s := range d.Specs {
			vs := s.(*ast.ValueSpec)
			for _, n := range vs.Names {
				if !n.IsExported() {
					continue
				}
				var detail string
				if vs.Type != nil {
					detail = expr(vs.Type)
				}
				a.add(&elem{kind: KindVar, name: n.Name, detail: detail, value: detail})
			}
		}
	}
}

func (a *API) typeSpec(ts *ast.TypeSpec) {
	if !ts.Name.IsExported() {
		return
	}
	tparams := fieldList(ts.TypeParams, true, "[", "]")
	name := ts.Name.Name
	var detail string
	switch t := ts.Type.(type) {
	case *ast.StructType:
		detail = "struct"
		for _, f := range t.Fields.List {
			typ := expr(f.Type)
			if tag := jsonTag(f.Tag); tag != "" {
				typ += " `json:\"" + tag + "\"`"
			}
			names := fieldNames(f)
			for _, n := range names {
				if token.IsExported(n) {
					a.add(&elem{kind: KindField, name: name + "." + n, parent: name, detail: typ, value: typ})
				}
			}
		}
	case *ast.InterfaceType:
		detail = "interface"
		for _, f := range t.Methods.List {
			if len(f.Names) == 0 {
				e := expr(f.Type)
				a.add(&elem{kind: KindEmbed, name: name + "." + e, parent: name, detail: e, value: e, iface: true})
				continue
			}
			ft, ok := f.Type.(*ast.FuncType)
			if !ok {
				continue
			}
			for _, n := range f.Names {
				if n.IsExported() {
					a.add(&elem{kind: KindMethod, name: name + "." + n.Name, parent: name, detail: funcDetail(ft), value: funcValue(ft), iface: true})
				}
			}
		}
	default:
		detail = expr(ts.Type)
	}
	if ts.Assign.IsValid() {
		detail = "= " + detail
	}
	detail = strings.TrimSpace(tparams + " " + detail)
	a.add(&elem{kind: KindType, name: name, detail: detail, value: detail})
}

func (a *API) funcDecl(d *ast.FuncDecl) {
	if !d.Name.IsExported() {
		return
	}
	if d.Recv == nil || len(d.Recv.List) == 0 {
		tparams := fieldList(d.Type.TypeParams, true, "[", "]")
		a.add(&elem{kind: KindFunc, name: d.Name.Name, detail: tparams + funcDetail(d.Type), value: tparams + funcValue(d.Type)})
		return
	}
	recv := d.Recv.List[0].Type
	ptr := ""
	if s, ok := recv.(*ast.StarExpr); ok {
		ptr, recv = "*", s.X
	}
	typ := baseName(recv)
	if !token.IsExported(typ) {
		return
	}
	a.add(&elem{kind: KindMethod, name: typ + "." + d.Name.Name, parent: typ, recv: ptr + typ,
		detail: funcDetail(d.Type), value: funcValue(d.Type)})
}

// shapes sets each type's shape: its value plus its members' values, sorted, so that a renamed type can be
// recognised by its unchanged contents.
func (a *API) shapes() {
	members := map[string][]string{}
	for _, e := range a.elems {
		if e.parent != "" {
			members[e.parent] = append(members[e.parent], e.kind+" "+strings.TrimPrefix(e.name, e.parent+".")+" "+e.value)
		}
	}
	for _, e := range a.elems {
		if e.kind == KindType {
			m := members[e.name]
			slices.Sort(m)
			e.shape = e.value + "{" + strings.Join(m, "; ") + "}"
		}
	}
}

// Change is one difference between two APIs.
type Change struct {
	Op       string // "added" | "removed" | "changed" | "renamed"
	Kind     string // KindType, KindField, ...
	Breaking bool
	// Name is the element's name ("Pet.Name", "Client.List"); NewName is the new name of a renamed element.
	Name, NewName string
	// Old and New are the element as printed before and after (empty for added and removed respectively).
	Old, New string
	// Detail says what changed, for "changed": "int64 `json:\"id\"` -> string `json:\"id\"`".
	Detail string
}

// String is the change on one line, e.g. "removed field Pet.Tag string `json:\"tag,omitempty\"`".
func (c Change) String() string {
	switch c.Op {
	case "added":
		return "added " + c.New
	case "removed":
		return "removed " + c.Old
	case "renamed":
		if c.Detail == "" {
			return fmt.Sprintf("renamed %s %s -> %s", c.Kind, c.Name, c.NewName)
		}
		return fmt.Sprintf("renamed %s %s -> %s: %s", c.Kind, c.Name, c.NewName, c.Detail)
	default:
		return fmt.Sprintf("changed %s %s: %s", c.Kind, c.Name, c.Detail)
	}
}

// Compare lists the differences from before to after: breaking changes first, then by name.
func Compare(before, after *API) []Change {
	var changes []Change
	var removed, added []*elem
	for k, o := range before.elems {
		n, ok := after.elems[k]
		switch {
		case !ok:
			removed = append(removed, o)
		case o.value != n.value:
			changes = append(changes, Change{Op: "changed", Kind: o.kind, Name: o.name, Old: o.display(), New: n.display(),
				Detail: describe(o.detail) + " -> " + describe(n.detail), Breaking: true})
		case o.recv != n.recv:
			// A method moving from *T to T keeps every caller compiling; from T to *T, T loses it.
			changes = append(changes, Change{Op: "changed", Kind: o.kind, Name: o.name, Old: o.display(), New: n.display(),
				Detail: "receiver " + o.recv + " -> " + n.recv, Breaking: o.recv != "*"+n.recv})
		}
	}
	for k, n := range after.elems {
		if _, ok := before.elems[k]; !ok {
			added = append(added, n)
		}
	}
	byName := func(a, b *elem) int { return cmp.Or(strings.Compare(a.name, b.name), strings.Compare(a.kind, b.kind)) }
	slices.SortFunc(removed, byName)
	slices.SortFunc(added, byName)

	// A removed or added type stands for its fields and methods.
	removedTypes, addedTypes := map[string]bool{}, map[string]bool{}
	for _, e := range removed {
		if e.kind == KindType {
			removedTypes[e.name] = true
		}
	}
	for _, e := range added {
		if e.kind == KindType {
			addedTypes[e.name] = true
		}
	}

	// Renames: within one kind and parent, exactly one removed and one added element with the same contents
	// (a field's json tag may differ: it usually follows the name).
	pair := func(e *elem) string {
		v := e.value
		switch e.kind {
		case KindType:
			v = e.shape
		case KindField:
			v, _, _ = strings.Cut(v, " `json:")
		}
		return e.kind + "\x00" + e.parent + "\x00" + v
	}
	groups := map[string]*[2][]*elem{}
	for _, e := range removed {
		if !removedTypes[e.parent] && e.kind != KindEmbed {
			g := groups[pair(e)]
			if g == nil {
				g = new([2][]*elem)
				groups[pair(e)] = g
			}
			g[0] = append(g[0], e)
		}
	}
	for _, e := range added {
		if g := groups[pair(e)]; g != nil && !addedTypes[e.parent] {
			g[1] = append(g[1], e)
		}
	}
	renamed := map[*elem]bool{}
	for _, g := range groups {
		if len(g[0]) != 1 || len(g[1]) != 1 {
			continue
		}
		o, n := g[0][0], g[1][0]
		renamed[o], renamed[n] = true, true
		c := Change{Op: "renamed", Kind: o.kind, Name: o.name, NewName: n.name, Old: o.display(), New: n.display(), Breaking: true}
		if o.detail != n.detail {
			c.Detail = describe(o.detail) + " -> " + describe(n.detail)
		}
		changes = append(changes, c)
	}

	for _, e := range removed {
		if !renamed[e] && !removedTypes[e.parent] {
			changes = append(changes, Change{Op: "removed", Kind: e.kind, Name: e.name, Old: e.display(), Breaking: true})
		}
	}
	for _, e := range added {
		if !renamed[e] && !addedTypes[e.parent] {
			// A method added to an existing interface breaks its implementations.
			changes = append(changes, Change{Op: "added", Kind: e.kind, Name: e.name, New: e.display(), Breaking: e.iface})
		}
	}
	slices.SortFunc(changes, func(a, b Change) int {
		if a.Breaking != b.Breaking {
			if a.Breaking {
				return -1
			}
			return 1
		}
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Kind, b.Kind), strings.Compare(a.Op, b.Op))
	})
	return changes
}

// describe prints an element's detail for a change line; an untyped constant's "= 1" stays as it is.
func describe(detail string) string {
	if detail == "" {
		return "(untyped)"
	}
	return detail
}

// Breaking counts the breaking changes.
func Breaking(changes []Change) int {
	n := 0
	for _, c := range changes {
		if c.Breaking {
			n++
		}
	}
	return n
}

// expr prints a type or value expression.
func expr(e ast.Expr) string { return types.ExprString(e) }

// usesIota reports whether e mentions iota.
func usesIota(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == "iota" {
			found = true
		}
		return !found
	})
	return found
}

// fieldNames returns a struct field's names; an embedded field is named after its type.
func fieldNames(f *ast.Field) []string {
	if len(f.Names) == 0 {
		return []string{baseName(f.Type)}
	}
	names := make([]string, len(f.Names))
	for i, n := range f.Names {
		names[i] = n.Name
	}
	return names
}

// baseName is the type name in T, *T, pkg.T, T[A] (for embedded fields and receivers).
func baseName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.SelectorExpr:
			return t.Sel.Name
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return expr(e)
		}
	}
}

// jsonTag returns the json key of a struct tag ("" when there is none).
func jsonTag(lit *ast.BasicLit) string {
	if lit == nil {
		return ""
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		return ""
	}
	return reflect.StructTag(s).Get("json")
}

// funcDetail prints a signature with parameter names: "(ctx context.Context, id string) (*Pet, error)".
func funcDetail(ft *ast.FuncType) string {
	return strings.TrimPrefix(expr(&ast.FuncType{Params: ft.Params, Results: ft.Results}), "func")
}

// funcValue prints a signature without parameter names: "(context.Context, string) (*Pet, error)".
func funcValue(ft *ast.FuncType) string {
	s := fieldList(ft.Params, false, "(", ")")
	switch {
	case ft.Results == nil || len(ft.Results.List) == 0:
	case len(ft.Results.List) == 1 && len(ft.Results.List[0].Names) <= 1:
		s += " " + expr(ft.Results.List[0].Type)
	default:
		s += " " + fieldList(ft.Results, false, "(", ")")
	}
	return s
}

// fieldList prints a parameter or type parameter list, with names when withNames (type parameters), else one
// type per parameter. A nil list prints as "" when the delimiters are brackets and "()" otherwise.
func fieldList(fl *ast.FieldList, withNames bool, open, close string) string {
	if fl == nil || len(fl.List) == 0 {
		if open == "[" {
			return ""
		}
		return open + close
	}
	var parts []string
	for _, f := range fl.List {
		t := expr(f.Type)
		if withNames {
			names := make([]string, len(f.Names))
			for i, n := range f.Names {
				names[i] = n.Name
			}
			parts = append(parts, strings.TrimSpace(strings.Join(names, ", ")+" "+t))
			continue
		}
		for range max(1, len(f.Names)) {
			parts = append(parts, t)
		}
	}
	return open + strings.Join(parts, ", ") + close
}
