// Package opgen runs the generation pipeline in memory: load -> build model -> emit -> format.
// It never touches the output directory; internal/gofs does that once everything has succeeded.
package opgen

import (
	"context"
	"errors"

	"github.com/opgen-sdk/opgen/internal/model"
	"github.com/opgen-sdk/opgen/internal/spec"
)

// Target is one spec to generate one package from.
type Target struct {
	// Spec is the spec path as the user gave it; it is printed in the generated header, so it must not be
	// made absolute. SpecFile is the path to open (Spec resolved against the config file's folder).
	Spec     string
	SpecFile string
	// Package is the Go package name; Out is the output directory.
	Package string
	Out     string
	// ImportPath is the package's import path when known (used to qualify its own identifiers); may be empty.
	ImportPath string
	Options    Options
}

// Options are the per-target generation settings that a config file or flags can set.
type Options struct {
	ClientName  string            // default "Client"
	Strict      bool              // any downgrade is an error
	Lenient     bool              // spec validation problems are warnings, not errors (real-world specs)
	Include     Filter            // operations to keep (empty = all)
	Exclude     Filter            // operations to drop
	TypeMapping map[string]string // schema pointer or name -> Go type ("time.Duration", "github.com/x/y.T")
	Initialisms []string          // extra initialisms, e.g. "CVV", "PSE"
	// UnicodeIdentifiers keeps letters outside ASCII in Go names (Devolución); by default they are folded to
	// ASCII (Devolucion, Статус -> Status, 状态 -> U72B6U6001).
	UnicodeIdentifiers bool
	// NoJSONCodecs leaves out the generated JSON decoders (config json_codecs: false): response types decode
	// through encoding/json's reflection, which costs fewer lines but more time and allocations per decoded
	// response (docs/BENCHMARKS.md).
	NoJSONCodecs bool
	Overlays     []Overlay // OpenAPI Overlay 1.0 documents applied, in order, before the spec is loaded
	// Pagination overrides auto-paging per operationId: false or "off" switches it off, an object is read like
	// x-opgen-pagination.
	Pagination map[string]any
}

// Overlay is one overlay file: Name as printed in messages, File the path to open.
type Overlay struct {
	Name, File string
}

// Filter selects operations by tag or operationId.
type Filter struct {
	Tags         []string
	OperationIDs []string
}

// Result is what one target produces: file name (relative to Out) -> contents, plus the report.
type Result struct {
	Files  map[string][]byte
	Report Report
	// Model and Doc are what the files were printed from: the tests of this module that generate further code
	// for a package (the corpus example round trip, the fuzz targets) read them.
	Model *model.Package
	Doc   *spec.Doc
}

// Report says, for each operation and schema, what was generated and what was downgraded or skipped, and why.
type Report struct {
	Spec       string        `json:"spec"`
	Package    string        `json:"package"`
	Operations int           `json:"operations"`
	Types      int           `json:"types"`
	Entries    []ReportEntry `json:"entries"`
	Warnings   []string      `json:"warnings,omitempty"`
}

// ReportEntry is one construct's fate.
type ReportEntry struct {
	Kind     string `json:"kind"`     // "operation" | "schema" | "parameter" | "body" | "response"
	Name     string `json:"name"`     // operationId or schema name
	Location string `json:"location"` // file:line:col and JSON pointer
	// Status is "exact", "downgraded" (generated as a looser Go type), "skipped" (not generated: opgen cannot),
	// "excluded" (the config's include/exclude left it out) or "not_applicable" (webhooks, callbacks and
	// headers the client sets itself: nothing for a client to generate).
	Status string `json:"status"`
	GoName string `json:"go_name,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// ErrSpec marks errors caused by the input spec (exit code 1), as opposed to usage errors. It is matched with
// errors.Is; its text is not part of the message, whose first line is the first problem.
var ErrSpec = errors.New("spec error")

// specError is an error caused by the spec: its message is err's, and it matches ErrSpec.
type specError struct{ err error }

func (e specError) Error() string   { return e.err.Error() }
func (e specError) Unwrap() []error { return []error{ErrSpec, e.err} }

// Generate runs the whole pipeline for one target in memory.
func Generate(ctx context.Context, t Target) (*Result, error) {
	return generate(ctx, t)
}
