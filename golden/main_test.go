package golden

import (
	"testing"

	"github.com/opgen-sdk/opgen/internal/norace"
)

// TestMain runs these tests without the race detector, even under -race (internal/norace): generating every case
// three times under it cost most of this package's time, and the generator's concurrent parts have their race
// tests in internal/opgen. The generated clients' tests run without it too (TestGoldenCompile says why); the
// runtime's concurrent parts have theirs in templates/support and sdktest.
func TestMain(m *testing.M) { norace.Main(m) }
