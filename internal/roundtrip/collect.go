// Package roundtrip collects the response examples of a spec with the Go type a generated client decodes each
// into, and prints the Go tests that decode, re-encode and compare them (the corpus example round trip) or fuzz
// their types (decode -> encode -> decode stable). The checking code the tests run is ./rtcheck, copied as source.
package roundtrip

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/build"
	"github.com/opgen-sdk/opgen/internal/model"
	"github.com/opgen-sdk/opgen/internal/spec"
)

// Example is one response example of a spec, with the type a generated client decodes it into.
type Example struct {
	OperationID string // the spec's operationId (the Go operation id when the spec gives none)
	Status      string // the response key: "200", "4XX", "default"
	MediaType   string
	Name        string // the key under examples; "" for example; "(schema)" for the schema's own example
	Pointer     string // JSON pointer of the example value (through a local $ref, the target's)
	Location    string // "file:line:col: pointer" when the position is known, else the pointer
	Type        *model.TypeRef
	Error       bool   // an error response (decoded into the operation's error type)
	JSON        []byte // the example as JSON, numbers as written in the spec
	// Invalid says why the example does not satisfy its own schema ("" when it does): a mistake of the provider's
	// document, not of the generated code.
	Invalid string
	// Schema is the schema the example describes (nil when the media type has none).
	Schema *openapi3.Schema
}

// Skipped is an example the round trip cannot check, and why.
type Skipped struct {
	Location string
	Reason   string
}

// Collect lists the JSON response examples of every generated operation of pkg: a media type's example, each of
// its examples, and the example of its schema (what the response body is said to look like). Examples that
// cannot be read as JSON (an externalValue, a YAML-only value) are returned as skipped, with the reason.
func Collect(pkg *model.Package, doc *spec.Doc) ([]Example, []Skipped) {
	if pkg == nil || pkg.Client == nil || doc == nil || doc.T == nil {
		return nil, nil
	}
	var out []Example
	var skipped []Skipped
	locate := func(ptr string) string {
		if line, col := doc.Position(ptr); line > 0 {
			return fmt.Sprintf("%s:%d:%d: %s", doc.DisplayPath(), line, col, ptr)
		}
		return ptr
	}
	for _, o := range pkg.Client.Operations {
		op := findOperation(doc.T, o.Pointer)
		if op == nil || op.Responses == nil {
			continue
		}
		opID := o.OperationID
		if opID == "" {
			opID = o.ID
		}
		resps := op.Responses.Map()
		codes := make([]string, 0, len(resps))
		for c := range resps {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, code := range codes {
			rr := resps[code]
			if rr == nil || rr.Value == nil {
				continue
			}
			ty, isErr := responseType(o, code)
			if ty == nil {
				continue
			}
			ct, mt := build.PickContent(rr.Value.Content)
			if mt == nil {
				continue
			}
			base := o.Pointer + "/responses/" + esc(code)
			if strings.HasPrefix(rr.Ref, "#/") {
				base = rr.Ref
			}
			media := base + "/content/" + esc(ct)
			add := func(name, ptr, rawPtr string, value any) {
				e := Example{OperationID: opID, Status: code, MediaType: ct, Name: name, Pointer: ptr,
					Location: locate(ptr), Type: ty, Error: isErr}
				raw, ok := doc.RawJSON(rawPtr)
				if !ok {
					// Not in the root file, or written through a $ref this lookup does not follow: kin-openapi's
					// value, whose numbers went through float64.
					b, err := json.Marshal(value)
					if err != nil {
						skipped = append(skipped, Skipped{e.Location, "the example cannot be written as JSON: " + err.Error()})
						return
					}
					raw = b
				}
				e.JSON = raw
				if mt.Schema != nil && mt.Schema.Value != nil {
					e.Schema = mt.Schema.Value
					if err := mt.Schema.Value.VisitJSON(value, openapi3.VisitAsResponse()); err != nil {
						e.Invalid = oneLine(err.Error())
					}
				}
				out = append(out, e)
			}
			if mt.Example != nil {
				ptr := media + "/example"
				raw := ptr
				if doc.Version == "2.0" {
					raw = base + "/examples/" + esc(ct)
				}
				add("", ptr, raw, mt.Example)
			}
			names := make([]string, 0, len(mt.Examples))
			for n := range mt.Examples {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				er := mt.Examples[n]
				ptr := media + "/examples/" + esc(n) + "/value"
				if er != nil && strings.HasPrefix(er.Ref, "#/") {
					ptr = er.Ref + "/value"
				}
				switch {
				case er == nil || er.Value == nil:
					skipped = append(skipped, Skipped{locate(ptr), "the example does not resolve"})
				case er.Value.Value == nil && er.Value.ExternalValue != "":
					skipped = append(skipped, Skipped{locate(ptr), "externalValue " + er.Value.ExternalValue + " is not read"})
				case er.Value.Value != nil:
					add(n, ptr, ptr, er.Value.Value)
				}
			}
			if mt.Schema != nil && mt.Schema.Value != nil && mt.Schema.Value.Example != nil {
				ptr := media + "/schema/example"
				if strings.HasPrefix(mt.Schema.Ref, "#/") {
					ptr = mt.Schema.Ref + "/example"
				}
				add("(schema)", ptr, ptr, mt.Schema.Value.Example)
			}
		}
	}
	return out, skipped
}

// responseType is the Go type the client decodes the response of status code into, and whether it is an error
// body; nil when the response has no JSON body the client decodes.
func responseType(o *model.Operation, code string) (*model.TypeRef, bool) {
	for _, r := range o.Responses {
		if r.StatusText == code {
			if r.Kind != model.BodyJSON {
				return nil, false
			}
			return r.Type, false
		}
	}
	status, _ := strconv.Atoi(code)
	rng := 0
	if len(code) == 3 && strings.HasSuffix(strings.ToUpper(code), "XX") {
		rng = int(code[0] - '0')
	}
	var any0 *model.TypeRef
	for _, e := range o.Errors {
		switch {
		case status != 0 && e.Status == status:
			return e.Type, true
		case rng != 0 && e.Range == rng:
			return e.Type, true
		case e.Status == 0 && e.Range == 0:
			any0 = e.Type
		}
	}
	if any0 != nil {
		return any0, true
	}
	if status != 0 {
		for _, e := range o.Errors {
			if e.Range == status/100 {
				return e.Type, true
			}
		}
	}
	return nil, false
}

// findOperation follows an operation's pointer (#/paths/{path}/{method}, or .../additionalOperations/{METHOD}).
func findOperation(t *openapi3.T, ptr string) *openapi3.Operation {
	toks := strings.Split(strings.TrimPrefix(ptr, "#/"), "/")
	for i, tok := range toks {
		toks[i] = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
	}
	if len(toks) < 3 || toks[0] != "paths" || t.Paths == nil {
		return nil
	}
	pi := t.Paths.Value(toks[1])
	if pi == nil {
		return nil
	}
	if len(toks) == 4 && toks[2] == "additionalOperations" {
		return pi.AdditionalOperations[toks[3]]
	}
	if len(toks) != 3 {
		return nil
	}
	return pi.GetOperation(strings.ToUpper(toks[2]))
}

func esc(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:297] + "..."
	}
	return s
}

// Declared reports whether the member at JSON pointer ptr ("/a/0/b") of a document of schema s is one the schema
// declares: a property (of the schema or of an allOf, oneOf or anyOf member), an array element, or a value of
// additionalProperties (a schema, or true). A member no schema mentions is one a generated struct does not keep.
func Declared(s *openapi3.Schema, ptr string) bool {
	if ptr == "" {
		return true
	}
	toks := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, t := range toks {
		toks[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return declared(s, toks, 0)
}

func declared(s *openapi3.Schema, toks []string, depth int) bool {
	if len(toks) == 0 {
		return true
	}
	if s == nil || depth > 64 {
		return false
	}
	for _, group := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, m := range group {
			if m != nil && declared(m.Value, toks, depth+1) {
				return true
			}
		}
	}
	tok := toks[0]
	if p := s.Properties[tok]; p != nil {
		return declared(p.Value, toks[1:], depth+1)
	}
	if _, err := strconv.Atoi(tok); err == nil && s.Items != nil {
		return declared(s.Items.Value, toks[1:], depth+1)
	}
	if ap := s.AdditionalProperties; ap.Schema != nil {
		return declared(ap.Schema.Value, toks[1:], depth+1)
	} else if ap.Has != nil && *ap.Has {
		return true
	}
	// A free-form schema ({} or type: object without properties) declares whatever it holds.
	return len(s.Properties) == 0 && s.Items == nil && len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) == 0 &&
		(s.Type == nil || len(s.Type.Slice()) == 0 || s.Type.Is("object")) && (s.AdditionalProperties.Has == nil)
}
