//go:build unix

package hostile

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used (user and system). Unlike the wall clock it does not grow while
// the process waits for a core, so a budget on it holds on a loaded machine and still catches a blowup.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
