package hostile

import (
	"testing"

	"github.com/opgen-sdk/opgen/internal/norace"
)

// TestMain runs these tests without the race detector, even under -race (internal/norace): generating the hostile
// specs under it cost most of this package's time, and the generator's concurrent parts have their race tests in
// internal/opgen.
func TestMain(m *testing.M) { norace.Main(m) }
