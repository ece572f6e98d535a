// Package build turns a loaded spec into the model. It decides every Go name, in two phases as protogen does:
// first every component schema is declared (names claimed in pointer order), then types, fields and operations
// are resolved against those declarations.
package build

import (
	"fmt"
	"go/token"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/model"
	"github.com/opgen-sdk/opgen/internal/naming"
)

// Input is what Build needs.
type Input struct {
	Doc         *openapi3.T
	SpecPath    string
	Package     string
	ImportPath  string
	ClientName  string
	Initialisms []string
	// TypeMapping maps a schema pointer ("#/components/schemas/X") or component name to a Go type
	// ("time.Duration", "github.com/shopspring/decimal.Decimal"), like x-go-type.
	TypeMapping map[string]string
	// UnicodeIdentifiers keeps letters outside ASCII in Go names; by default they are folded (internal/naming).
	UnicodeIdentifiers bool
	// NoJSONCodecs gives no struct a generated decoder (model.Rest.Codec): everything decodes through
	// encoding/json's reflection.
	NoJSONCodecs bool
	// Reserved names are taken before anything else (the runtime support's top-level identifiers).
	Reserved []string
	// Keep, when set, says whether to generate an operation (include/exclude filters).
	Keep func(op *openapi3.Operation) bool
	// Pagination overrides x-opgen-pagination per operationId (or Go operation ID such as "Charges.List"):
	// false or "off" switches auto-paging off, an object gives it as the extension does.
	Pagination map[string]any
}

type builder struct {
	in    Input
	doc   *openapi3.T
	namer *naming.Namer
	scope *naming.Scope

	comp    map[*openapi3.Schema]*model.Type // component schemas by value
	compPtr map[string]*model.Type           // every declared component by its pointer
	ext     map[*openapi3.Schema]*model.Type // named types made for schemas reached through other refs
	filling map[*model.Type]bool
	types   []*model.Type
	notes   []model.Note

	sensitive map[string]bool
	errTypes  map[*model.Type]bool
	// failed is the first construct that cannot be generated at all (Build returns it).
	failed *LocatedError
}

// LocatedError is a spec problem Build refuses, at a JSON pointer the caller turns into file:line.
type LocatedError struct {
	Pointer string
	Msg     string
}

// Error is the JSON pointer, then the message.
func (e *LocatedError) Error() string { return e.Pointer + ": " + e.Msg }

// fail records a refusal; the first one is returned by Build.
func (b *builder) fail(ptr, msg string) {
	if b.failed == nil {
		b.failed = &LocatedError{Pointer: ptr, Msg: msg}
	}
}

// Build builds the model of one package.
func Build(in Input) (*model.Package, error) {
	b := &builder{
		in:        in,
		doc:       in.Doc,
		namer:     naming.New(in.Initialisms...),
		scope:     naming.NewScope(),
		comp:      map[*openapi3.Schema]*model.Type{},
		compPtr:   map[string]*model.Type{},
		ext:       map[*openapi3.Schema]*model.Type{},
		filling:   map[*model.Type]bool{},
		sensitive: map[string]bool{},
		errTypes:  map[*model.Type]bool{},
	}
	if in.UnicodeIdentifiers {
		b.namer.KeepUnicode()
	}
	b.scope.Reserve(in.Reserved...)
	pkg := &model.Package{
		Name:       in.Package,
		ImportPath: in.ImportPath,
		SpecPath:   in.SpecPath,
	}
	if info := in.Doc.Info; info != nil {
		pkg.Title = info.Title
		pkg.Version = info.Version
		pkg.Doc = docLines(info.Description)
	}

	b.declareComponents()
	b.fillComponents()
	client, err := b.buildClient()
	if err != nil {
		return nil, err
	}
	pkg.Client = client
	pkg.Webhooks = b.webhooks()
	b.noteUnclientable()
	b.breakAliasCycles()
	b.fixRecursion()
	b.markReadOnly(client)
	b.markErrors()
	b.markLogMasked()
	b.markValidated(client)
	b.markRest(client, pkg.Webhooks)
	b.settleNotes()
	if b.failed != nil {
		return nil, b.failed
	}

	sort.Slice(b.types, func(i, j int) bool { return b.types[i].Name < b.types[j].Name })
	pkg.Types = b.types
	pkg.Notes = b.notes
	return pkg, nil
}

func (b *builder) note(kind, name, ptr, status, goName, reason string) {
	b.notes = append(b.notes, model.Note{Kind: kind, Name: name, Pointer: ptr, Status: status, GoName: goName, Reason: reason})
}

// settleNotes makes the report never call a construct exact when something in it was changed: an "exact" note
// whose pointer also has, or contains, a downgraded one (found after it was written, like an alias cycle) becomes
// downgraded and names the first such change.
func (b *builder) settleNotes() {
	var down []model.Note
	for _, n := range b.notes {
		if n.Status == "downgraded" {
			down = append(down, n)
		}
	}
	if len(down) == 0 {
		return
	}
	sort.SliceStable(down, func(i, j int) bool { return down[i].Pointer < down[j].Pointer })
	kept := b.notes[:0]
	for _, n := range b.notes {
		if n.Status == "exact" {
			same := false
			for i := sort.Search(len(down), func(i int) bool { return down[i].Pointer >= n.Pointer }); i < len(down) && down[i].Pointer == n.Pointer; i++ {
				same = same || down[i].Kind == n.Kind
			}
			if same {
				continue // the downgraded note of the same construct stands for it
			}
			sub := n.Pointer + "/"
			if i := sort.Search(len(down), func(i int) bool { return down[i].Pointer >= sub }); i < len(down) && strings.HasPrefix(down[i].Pointer, sub) {
				n.Status, n.Reason = "downgraded", "see "+down[i].Pointer+": "+down[i].Reason
			}
		}
		kept = append(kept, n)
	}
	b.notes = kept
}

// DowngradedUnder returns the first downgraded note at ptr or under it, for constructs that get their report
// entry later (inline schemas that became types).
func DowngradedUnder(notes []model.Note, ptr string) (model.Note, bool) {
	for _, n := range notes {
		if n.Status == "downgraded" && (n.Pointer == ptr || strings.HasPrefix(n.Pointer, ptr+"/")) {
			return n, true
		}
	}
	return model.Note{}, false
}

func (b *builder) downgrade(ptr, name, reason string) {
	b.note("schema", name, ptr, "downgraded", "", reason)
}

// pointerEscaper is built once: a strings.Replacer per call was a tenth of the generation's allocations.
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// escapePointer escapes one JSON pointer token.
func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return pointerEscaper.Replace(s)
}

// declareComponents claims a name for every component schema, in sorted order, before anything else is named.
func (b *builder) declareComponents() {
	if b.doc.Components == nil {
		return
	}
	schemas := b.doc.Components.Schemas
	for _, name := range naming.SortedKeys(schemas) {
		sr := schemas[name]
		if sr == nil || sr.Value == nil {
			continue
		}
		ptr := "#/components/schemas/" + escapePointer(name)
		goName := b.goTypeName(sr.Value.Extensions, name, "Schema")
		t := &model.Type{Name: b.scope.Claim(goName, "Model"), Pointer: ptr}
		b.compPtr[ptr] = t
		_, dup := b.comp[sr.Value]
		if sr.Ref != "" && (strings.HasPrefix(sr.Ref, "#") || dup) {
			// A component that is only a $ref to another becomes an alias of it, filled later.
			t.Kind = model.KindAlias
		} else if !dup {
			// A component that is a $ref into another file declares that schema here, under its own name.
			b.comp[sr.Value] = t
		}
		b.types = append(b.types, t)
	}
}

// goTypeName is x-go-name when given, else the exported form of name, else fallback.
func (b *builder) goTypeName(ext map[string]any, name, fallback string) string {
	// A pinned name must be exported: an unexported field is invisible to encoding/json, and a type named
	// "init", "_" or "string" does not compile or breaks the package.
	if v, ok := ext["x-go-name"].(string); ok {
		if v = b.namer.Pinned(v); naming.IsValidIdent(v) && token.IsExported(v) {
			return v
		}
	}
	if n := b.namer.Exported(name); n != "" {
		return n
	}
	return fallback
}

func (b *builder) fillComponents() {
	if b.doc.Components == nil {
		return
	}
	schemas := b.doc.Components.Schemas
	for _, name := range naming.SortedKeys(schemas) {
		sr := schemas[name]
		if sr == nil || sr.Value == nil {
			continue
		}
		ptr := "#/components/schemas/" + escapePointer(name)
		var t *model.Type
		for _, c := range b.types {
			if c.Pointer == ptr {
				t = c
				break
			}
		}
		if t == nil {
			continue
		}
		if t.Kind == model.KindAlias && sr.Ref != "" {
			t.Underlying = b.typeOf(&openapi3.SchemaRef{Ref: sr.Ref, Value: sr.Value}, t.Name+"Value", ptr)
			t.Doc = b.schemaDoc(sr.Value, t.Name, ptr)
			b.note("schema", name, ptr, "exact", t.Name, "")
			continue
		}
		// fill is a no-op when a field's type already filled this component (typeOf fills on first use), so its
		// downgrade notes are looked up by pointer among all notes.
		b.fill(t, sr.Value, ptr)
		status := "exact"
		reason := ""
		for i, n := range b.notes {
			if n.Status == "downgraded" && n.Kind == "schema" && n.Pointer == ptr {
				// The component itself was downgraded: report it once, with its own reason.
				status, reason = "downgraded", n.Reason
				b.notes = append(b.notes[:i], b.notes[i+1:]...)
				break
			}
		}
		for _, n := range b.notes {
			if status == "exact" && n.Status == "downgraded" && n.Kind == "schema" && strings.HasPrefix(n.Pointer, ptr+"/") {
				status, reason = "downgraded", "see "+n.Pointer+": "+n.Reason
				break
			}
		}
		b.note("schema", name, ptr, status, t.Name, reason)
	}
}

// ---- doc comments ----

// docNote is the "Doc note: ..." paragraph of a node's x-opgen-doc-note (how the spec resolved a mistake or a gap
// in the provider's documents), or nil when the node has none.
func docNote(ext map[string]any) []string {
	note, ok := ext["x-opgen-doc-note"].(string)
	if !ok || note == "" {
		return nil
	}
	return prefixFirst("Doc note: ", docLines(note))
}

// docLines splits spec text into comment lines. Each line is emitted as its own // comment, so no spec text can
// end a comment early or become code.
func docLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(l, " \t")
		l = strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\t' || r == 0x7f || r == '\u2028' || r == '\u2029' {
				return ' '
			}
			return r
		}, l)
		out = append(out, l)
	}
	out = docLists(out)
	// Collapse runs of blank lines.
	var res []string
	for i, l := range out {
		if l == "" && i > 0 && out[i-1] == "" {
			continue
		}
		res = append(res, l)
	}
	return res
}

func (b *builder) schemaDoc(s *openapi3.Schema, name, ptr string) []string {
	var doc []string
	desc := docLines(s.Description)
	if len(desc) == 0 && s.Title != "" {
		desc = docLines(s.Title)
	}
	repeated := len(desc) > 0
	desc = dropRepeat(desc, name)
	repeated = repeated && len(desc) == 0
	switch {
	case leadDoc(name, desc, docType):
		doc = append(doc, desc...)
	case len(desc) > 0 && ptr != "":
		// No confident English lead: a neutral first sentence, then the spec text as it is (ogen's form).
		doc = append(doc, name+" describes "+ptr+".", "")
		doc = append(doc, desc...)
		ptr = ""
	case len(desc) > 0:
		desc[0] = name + ": " + desc[0]
		doc = append(doc, desc...)
	case repeated && ptr != "":
		doc = append(doc, name+" describes "+ptr+".")
		ptr = ""
	default:
		doc = append(doc, name+" has no description in the spec.")
	}
	if note := docNote(s.Extensions); note != nil {
		doc = append(append(doc, ""), note...)
	}
	if ptr != "" {
		doc = append(doc, "", "Spec: "+ptr)
	}
	if s.Deprecated {
		doc = append(doc, "", "Deprecated: the spec marks this deprecated.")
	}
	return doc
}

func prefixFirst(p string, lines []string) []string {
	if len(lines) == 0 {
		return nil
	}
	lines[0] = p + lines[0]
	return lines
}

// constraintDoc describes a schema's limits for a field's doc comment.
func constraintDoc(s *openapi3.Schema) string {
	var parts []string
	if s.Format != "" {
		parts = append(parts, "format "+s.Format)
	}
	if s.MinLength > 0 {
		parts = append(parts, fmt.Sprintf("min length %d", s.MinLength))
	}
	if s.MaxLength != nil {
		parts = append(parts, fmt.Sprintf("max length %d", *s.MaxLength))
	}
	if s.Min != nil {
		if s.ExclusiveMin.Bool != nil && *s.ExclusiveMin.Bool {
			parts = append(parts, "greater than "+trimFloat(*s.Min))
		} else {
			parts = append(parts, "minimum "+trimFloat(*s.Min))
		}
	}
	if v := s.ExclusiveMin.Value; v != nil {
		parts = append(parts, "greater than "+trimFloat(*v))
	}
	if s.Max != nil {
		if s.ExclusiveMax.Bool != nil && *s.ExclusiveMax.Bool {
			parts = append(parts, "less than "+trimFloat(*s.Max))
		} else {
			parts = append(parts, "maximum "+trimFloat(*s.Max))
		}
	}
	if v := s.ExclusiveMax.Value; v != nil {
		parts = append(parts, "less than "+trimFloat(*v))
	}
	if s.MultipleOf != nil {
		parts = append(parts, "multiple of "+trimFloat(*s.MultipleOf))
	}
	if s.Pattern != "" {
		parts = append(parts, "pattern "+s.Pattern)
	}
	if s.MinItems > 0 {
		parts = append(parts, fmt.Sprintf("min items %d", s.MinItems))
	}
	if s.MaxItems != nil {
		parts = append(parts, fmt.Sprintf("max items %d", *s.MaxItems))
	}
	if s.Default != nil {
		parts = append(parts, fmt.Sprintf("default %v", s.Default))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Constraints: " + strings.Join(parts, ", ") + "."
}

func trimFloat(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// markLogMasked marks every type that holds a sensitive field directly or through its fields' types (pointers,
// slices, maps, Nullable, union variants, named types), to a fixed point so recursion terminates. Error bodies
// are left out: they carry no card data and their %v is Error().
func (b *builder) markLogMasked() {
	holds := func(r *model.TypeRef) bool {
		for r != nil {
			if r.Kind == model.RefNamed {
				return r.Decl != nil && r.Decl.LogMasked
			}
			r = r.Elem
		}
		return false
	}
	for changed := true; changed; {
		changed = false
		for _, t := range b.types {
			if t.LogMasked || t.IsError {
				continue
			}
			hit := false
			switch t.Kind {
			case model.KindStruct:
				for _, f := range t.Fields {
					hit = hit || f.Sensitive || holds(f.Type)
				}
				hit = hit || (t.Extra != nil && holds(t.Extra.Type))
			case model.KindUnion:
				for _, v := range t.Union.Variants {
					hit = hit || holds(v.Type)
				}
			case model.KindNamed:
				hit = holds(t.Underlying)
			}
			if hit {
				t.LogMasked, changed = true, true
			}
		}
	}
}
