package corpus

import (
	"testing"

	"github.com/opgen-sdk/opgen/internal/norace"
)

// TestMain runs these tests without the race detector, even under -race (internal/norace): generating the corpus
// under it cost most of this package's time. Concurrent generations stay race-checked in internal/opgen.
func TestMain(m *testing.M) { norace.Main(m) }
