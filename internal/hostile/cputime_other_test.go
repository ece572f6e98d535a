//go:build !unix

package hostile

import "time"

// cpuTime is not available here: generate falls back to the wall clock.
func cpuTime() (time.Duration, bool) { return 0, false }
