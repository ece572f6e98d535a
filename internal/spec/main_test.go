package spec

import (
	"testing"

	"github.com/opgen-sdk/opgen/internal/norace"
)

// TestMain runs these tests without the race detector, even under -race (internal/norace): loading the corpus under
// it cost most of this package's time. The loader's one concurrent part, Parse's early kin-openapi load, runs under
// the race detector in internal/opgen's tests, which generate through it.
func TestMain(m *testing.M) { norace.Main(m) }
