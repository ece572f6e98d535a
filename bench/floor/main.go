// Command floor is the generation floor of bench/run.sh: it loads and validates a spec and writes nothing, so its
// wall time and peak RSS are what any kin-openapi based generator pays before it emits a line.
//
//	floor [-mode kin|spec] SPEC
//
// -mode kin (default) is kin-openapi alone, set up as internal/spec sets it up: openapi3.NewLoader with origins
// and local external refs, LoadFromFile (Swagger 2.0: openapi2.UnmarshalFromData + openapi2conv.ToV3WithLoader),
// then T.Validate with example validation off and every error collected. Validation errors are printed, not fatal
// (real-world specs have some), as opgen -lenient does.
//
// -mode spec is internal/spec.Load (lenient): the kin-openapi work plus opgen's position index (a yaml.v3 parse of
// the root file) and its piecewise validation, i.e. the load stage of `opgen generate`.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/internal/spec"
)

func main() {
	mode := flag.String("mode", "kin", "kin: kin-openapi load + T.Validate; spec: internal/spec.Load")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: floor [-mode kin|spec] SPEC")
		os.Exit(2)
	}
	path := flag.Arg(0)
	ctx := context.Background()
	switch *mode {
	case "spec":
		doc, err := spec.Load(ctx, path, spec.LoadOptions{Lenient: true})
		if err != nil {
			fail(err)
		}
		fmt.Printf("%s: loaded, %d warnings\n", path, len(doc.Warnings))
	case "kin":
		doc, err := loadKin(ctx, path)
		if err != nil {
			fail(err)
		}
		err = doc.Validate(ctx, openapi3.DisableExamplesValidation(), openapi3.EnableMultiError())
		fmt.Printf("%s: loaded, valid=%t\n", path, err == nil)
	default:
		fmt.Fprintf(os.Stderr, "floor: unknown -mode %q\n", *mode)
		os.Exit(2)
	}
}

func loadKin(ctx context.Context, path string) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	loader.IncludeOrigin = true
	loader.IsExternalRefsAllowed = true
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if bytes.Contains(data, []byte("swagger")) {
		var doc2 openapi2.T
		if err := openapi2.UnmarshalFromData(data, &doc2); err == nil && doc2.Swagger != "" {
			return openapi2conv.ToV3WithLoader(&doc2, loader, &url.URL{Path: filepath.ToSlash(path)})
		}
	}
	return loader.LoadFromFile(path)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "floor:", err)
	os.Exit(1)
}
