package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// gcHeadroom is the heap a generation may grow to before its first garbage collection.
const gcHeadroom = 64 << 20

// deferFirstGC lets a generation's heap grow to limit before the garbage collector first runs, then restores the
// default pacing (GOGC=100, no memory limit). A generation allocates much and keeps most of it to the end (the
// document, the model, the output), so the collections the default pacing runs while the heap is small (at 4, 8,
// 16, 32 MiB...) mostly find nothing to free: they were a fifth of a small spec's CPU time. A spec whose
// generation stays under limit is generated without collecting at all; a large one collects as before once past
// it, so its peak memory is not raised. GOGC or GOMEMLIMIT in the environment are the user's choice: left alone.
func deferFirstGC(limit int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(limit)
	// The cleanup runs after the first collection (the one the limit triggers). The sentinel is larger than the
	// tiny allocator's blocks, whose cleanups may never run.
	sentinel := new([64]byte)
	runtime.AddCleanup(sentinel, func(struct{}) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}, struct{}{})
}
