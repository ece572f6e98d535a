package generated

import (
	"context"
	"testing"

	"github.com/opgen-sdk/opgen/internal/config"
	"github.com/opgen-sdk/opgen/internal/gofs"
	"github.com/opgen-sdk/opgen/internal/opgen"
)

// TestUpToDate regenerates every SDK in memory from specs/opgen.yaml and fails when the committed files differ:
// a spec, the generator or the runtime changed without `go generate ./generated`.
func TestUpToDate(t *testing.T) {
	cfg, err := config.Load("../specs/opgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Targets) == 0 {
		t.Fatal("specs/opgen.yaml lists no targets")
	}
	for _, target := range cfg.Targets {
		t.Run(target.Package, func(t *testing.T) {
			res, err := opgen.Generate(context.Background(), target)
			if err != nil {
				t.Fatalf("generating %s: %v", target.Spec, err)
			}
			stale, err := gofs.Check(target.Out, res.Files, "_gen.go")
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range stale {
				t.Errorf("%s is %s: run `go generate ./generated` and commit the result\n%s", s.Path, s.Kind, s.Diff)
			}
		})
	}
}
