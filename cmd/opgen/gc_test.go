package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// gcSettings reads the GC percent and the memory limit without changing them.
func gcSettings() (percent int64, limit uint64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), s[1].Value.Uint64() // off reads as -1
}

// TestDeferFirstGC: no collection is paced before the limit, and the first collection restores the default
// pacing (GOGC=100, no memory limit), so a large generation is collected as before.
func TestDeferFirstGC(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT set: deferFirstGC leaves the pacing alone")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	deferFirstGC(256 << 20)
	if p, l := gcSettings(); p != -1 || l != 256<<20 {
		t.Fatalf("before the first collection: GC percent %d, memory limit %d; want off and %d", p, l, 256<<20)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		runtime.GC() // the cleanup runs on its own goroutine after a cycle
		p, l := gcSettings()
		if p == 100 && l == math.MaxInt64 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the first collection: GC percent %d, memory limit %d; want 100 and no limit", p, l)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
