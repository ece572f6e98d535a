package consumer

import (
	"testing"

	"github.com/opgen-sdk/opgen/internal/norace"
)

// TestMain runs these tests without the race detector, even under -race (internal/norace): generating the five
// SDKs under it was most of their time, and concurrent generation stays race-checked in internal/opgen.
func TestMain(m *testing.M) { norace.Main(m) }
