// Command genprof runs the opgen pipeline in process (load, build, emit; no files written) with CPU and heap
// profiling, to find what dominates generation on a large spec:
//
//	go run ./bench/genprof -spec /work/shared/corpus/stripe/spec3.yaml -cpuprofile cpu.out -n 3
//	go tool pprof -top cpu.out
//
// With -phases it also times each stage of the pipeline separately (spec.Load alone, then the whole pipeline).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/opgen-sdk/opgen/internal/opgen"
	"github.com/opgen-sdk/opgen/internal/spec"
)

func main() {
	specPath := flag.String("spec", "", "spec file")
	pkg := flag.String("package", "api", "package name")
	n := flag.Int("n", 1, "runs")
	cpu := flag.String("cpuprofile", "", "write a CPU profile here")
	mem := flag.String("memprofile", "", "write an allocation profile here")
	phases := flag.Bool("phases", false, "also time spec.Load alone")
	flag.Parse()
	if *specPath == "" {
		fmt.Fprintln(os.Stderr, "genprof: -spec is required")
		os.Exit(2)
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		check(err)
		check(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	for i := 0; i < *n; i++ {
		if *phases {
			t0 := time.Now()
			_, err := spec.Load(ctx, *specPath, spec.LoadOptions{Lenient: true})
			check(err)
			fmt.Fprintf(os.Stderr, "spec.Load: %v\n", time.Since(t0))
		}
		t0 := time.Now()
		res, err := opgen.Generate(ctx, opgen.Target{Spec: *specPath, Package: *pkg, Options: opgen.Options{Lenient: true}})
		check(err)
		size := 0
		for _, b := range res.Files {
			size += len(b)
		}
		fmt.Fprintf(os.Stderr, "generate: %v (%d files, %d bytes)\n", time.Since(t0), len(res.Files), size)
	}
	if *mem != "" {
		f, err := os.Create(*mem)
		check(err)
		runtime.GC()
		check(pprof.Lookup("allocs").WriteTo(f, 0))
		check(f.Close())
	}
}

func check(err error) {
	if err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "genprof:", err)
		os.Exit(1)
	}
}
