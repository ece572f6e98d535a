package emit_test

import (
	"testing"

	"github.com/opgen-sdk/opgen/internal/norace"
)

// TestMain runs these tests without the race detector, even under -race (internal/norace): TestChunkedLikeWhole*
// render every golden, seed and corpus spec twice, which took over 20 minutes of a loaded CI under the detector.
// Render's concurrent formatting stays race-checked through internal/opgen's and cmd/opgen's generations.
func TestMain(m *testing.M) { norace.Main(m) }
