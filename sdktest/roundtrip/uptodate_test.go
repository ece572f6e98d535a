package roundtrip

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/opgen-sdk/opgen/internal/config"
	"github.com/opgen-sdk/opgen/internal/opgen"
	"github.com/opgen-sdk/opgen/internal/roundtrip"
)

var update = flag.Bool("update", false, "rewrite fuzz_test.go and rtcheck_test.go from the specs")

// TestUpToDate regenerates the fuzz targets of the SDKs (one Fuzz<SDK> per target of specs/opgen.yaml: every JSON
// type of the SDK, seeded with the spec's examples) and fails when the committed files differ. Run
// `go test ./sdktest/roundtrip -run TestUpToDate -update` after changing a spec or the generator.
func TestUpToDate(t *testing.T) {
	cfg, err := config.Load("../../specs/opgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []roundtrip.Package
	for _, target := range cfg.Targets {
		res, err := opgen.Generate(context.Background(), target)
		if err != nil {
			t.Fatalf("generating %s: %v", target.Spec, err)
		}
		pkgs = append(pkgs, roundtrip.FuzzPackage(res.Model, res.Doc, target.ImportPath, target.Spec))
	}
	fuzz, err := roundtrip.FuzzFile("roundtrip", pkgs)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]byte{"fuzz_test.go": fuzz, "rtcheck_test.go": roundtrip.Checker("roundtrip")} {
		if *update {
			if err := os.WriteFile(name, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(filepath.Clean(name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("sdktest/roundtrip/%s is stale: run `go generate ./generated` (or `go test ./sdktest/roundtrip -run TestUpToDate -update`)", name)
		}
	}
}
