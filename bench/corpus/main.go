// Command corpus measures opgen and its peers (oapi-codegen, ogen) over the shared corpus of real-world specs: for
// each spec and generator it generates three times (median wall time), counts the Go types and lines emitted, then
// builds and vets the output in a scratch module of its own, and prints a Markdown report.
//
// Run it through bench/corpus.sh, which installs the peers at their pinned versions and builds opgen:
//
//	bench/corpus.sh [-only stripe,openai] [-md results.md]
//
// Directly:
//
//	go run ./bench/corpus -work DIR -opgen BIN -oapi-codegen BIN -ogen BIN [-corpus DIR] [-runs 3] [-md FILE]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/opgen-sdk/opgen/internal/corpus"
)

// generator is one code generator under test.
type generator struct {
	name    string
	bin     string
	version string
	// args returns the command line generating spec into dir/api; setup prepares dir first (config files).
	args  func(specFile, dir string) []string
	setup func(dir string) error
	// require is the runtime module the output imports ("" = standard library only).
	require string
	// ops counts the operations in the output (nil: unknown).
	ops func(dir string) (int, bool)
}

// result is one generator's outcome on one spec.
type result struct {
	generated, built, vetted bool
	reached                  int // 1 generated tried, 2 build tried, 3 vet tried
	seconds                  float64
	types, lines, ops        int
	opsKnown                 bool
	firstErr                 string
}

type row struct {
	spec    corpus.Spec
	version string
	ops     int
	schemas int
	res     map[string]*result
}

func main() {
	var (
		corpusDir    = flag.String("corpus", "", "corpus folder (default: ../shared/corpus beside the repository, or $OPGEN_CORPUS)")
		work         = flag.String("work", "", "scratch folder for outputs and modules (required)")
		opgenBin     = flag.String("opgen", "", "opgen binary")
		oapiBin      = flag.String("oapi-codegen", "", "oapi-codegen binary (v2.8.2); empty: skip")
		ogenBin      = flag.String("ogen", "", "ogen binary (v1.24.0); empty: skip")
		runs         = flag.Int("runs", 3, "generation runs per spec (the median is reported)")
		only         = flag.String("only", "", "comma-separated spec names to run (default: all)")
		mdOut        = flag.String("md", "", "also write the Markdown report to this file")
		opgenVersion = flag.String("opgen-version", "", "version label of the opgen binary (default: what it reports)")
		timeout      = flag.Duration("timeout", 10*time.Minute, "limit for each generation, build or vet")
	)
	flag.Parse()
	if *work == "" || *opgenBin == "" {
		fmt.Fprintln(os.Stderr, "corpus: -work and -opgen are required (run bench/corpus.sh)")
		os.Exit(2)
	}
	dir := *corpusDir
	if dir == "" {
		d, ok := corpus.Dir()
		if !ok {
			fmt.Fprintln(os.Stderr, "corpus: no corpus found: expected ../shared/corpus beside the repository; pass -corpus")
			os.Exit(2)
		}
		dir = d
	}
	specs, err := corpus.List(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
	if *only != "" {
		keep := strings.Split(*only, ",")
		specs = slices.DeleteFunc(specs, func(s corpus.Spec) bool { return !slices.Contains(keep, s.Name) })
	}

	gens := []*generator{opgenGenerator(*opgenBin)}
	if *oapiBin != "" {
		gens = append(gens, oapiGenerator(*oapiBin))
	}
	if *ogenBin != "" {
		gens = append(gens, ogenGenerator(*ogenBin, false), ogenGenerator(*ogenBin, true))
	}
	for _, g := range gens {
		g.version = toolVersion(g)
	}
	if *opgenVersion != "" {
		gens[0].version = *opgenVersion
	}

	b := &bench{work: *work, runs: *runs, timeout: *timeout}
	var rows []*row
	for _, s := range specs {
		r := &row{spec: s, res: map[string]*result{}}
		if inv, err := corpus.Count(s.File); err == nil {
			r.version, r.ops, r.schemas = inv.Version, len(inv.Operations), len(inv.Schemas)
		} else {
			r.version, r.ops, r.schemas = versionOf(s.File), -1, -1
		}
		for _, g := range gens {
			res := b.run(g, s)
			r.res[g.name] = res
			fmt.Fprintf(os.Stderr, "%-22s %-13s G=%v B=%v V=%v t=%.2fs types=%d lines=%d %s\n", s.Name, g.name,
				res.generated, res.built, res.vetted, res.seconds, res.types, res.lines, res.firstErr)
		}
		rows = append(rows, r)
	}

	var md bytes.Buffer
	report(&md, gens, rows, *runs)
	os.Stdout.Write(md.Bytes())
	if *mdOut != "" {
		if err := os.WriteFile(*mdOut, md.Bytes(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "corpus:", err)
			os.Exit(1)
		}
	}
}

type bench struct {
	work    string
	runs    int
	timeout time.Duration
}

// run generates s with g (b.runs times), then builds and vets the output in its own module.
func (b *bench) run(g *generator, s corpus.Spec) *result {
	res := &result{reached: 1}
	dir := filepath.Join(b.work, g.name, s.Name)
	if err := os.RemoveAll(dir); err != nil {
		res.firstErr = err.Error()
		return res
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		res.firstErr = err.Error()
		return res
	}
	if g.setup != nil {
		if err := g.setup(dir); err != nil {
			res.firstErr = err.Error()
			return res
		}
	}
	var times []float64
	for i := 0; i < b.runs; i++ {
		api := filepath.Join(dir, "api")
		if err := errors.Join(os.RemoveAll(api), os.MkdirAll(api, 0o755)); err != nil {
			res.firstErr = err.Error()
			return res
		}
		start := time.Now()
		out, err := b.command(dir, g.bin, g.args(s.File, dir)...)
		elapsed := time.Since(start).Seconds()
		if err == nil && !hasGo(api) {
			err = errors.New("no Go files written")
		}
		if err != nil {
			res.firstErr = firstError(out, err)
			return res // a failed run is not repeated
		}
		times = append(times, elapsed)
	}
	res.generated = true
	slices.Sort(times)
	res.seconds = times[len(times)/2]
	res.types, res.lines = countGo(filepath.Join(dir, "api"))
	if g.ops != nil {
		res.ops, res.opsKnown = g.ops(dir)
	}

	gomod := "module bench/" + corpus.PackageName(s.Name) + "\n\ngo 1.26\n"
	if g.require != "" {
		gomod += "\nrequire " + g.require + "\n"
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		res.firstErr = err.Error()
		return res
	}
	res.reached = 2
	if g.require != "" {
		if out, err := b.command(dir, "go", "mod", "tidy"); err != nil {
			res.firstErr = "go mod tidy: " + firstError(out, err)
			return res
		}
	}
	if out, err := b.command(dir, "go", "build", "./..."); err != nil {
		res.firstErr = "build: " + firstError(out, err)
		return res
	}
	res.built = true
	res.reached = 3
	if out, err := b.command(dir, "go", "vet", "./..."); err != nil {
		res.firstErr = "vet: " + firstError(out, err)
		return res
	}
	res.vetted = true
	return res
}

func (b *bench) command(dir, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), b.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return out, fmt.Errorf("timed out after %s", b.timeout)
	}
	return out, err
}

func opgenGenerator(bin string) *generator {
	return &generator{
		name: "opgen",
		bin:  bin,
		args: func(spec, dir string) []string {
			return []string{"generate", "-spec", spec, "-package", "api", "-out", filepath.Join(dir, "api"),
				"-report", filepath.Join(dir, "report.json")}
		},
		ops: func(dir string) (int, bool) {
			data, err := os.ReadFile(filepath.Join(dir, "report.json"))
			if err != nil {
				return 0, false
			}
			var reps []struct {
				Operations int `json:"operations"`
			}
			if json.Unmarshal(data, &reps) != nil || len(reps) != 1 {
				return 0, false
			}
			return reps[0].Operations, true
		},
	}
}

func oapiGenerator(bin string) *generator {
	return &generator{
		name: "oapi-codegen",
		bin:  bin,
		args: func(spec, dir string) []string {
			return []string{"-generate", "types,client", "-package", "api", "-o", filepath.Join(dir, "api", "api.gen.go"), spec}
		},
		require: "github.com/oapi-codegen/runtime v1.8.0",
		// One ClientInterface method per operation, plus "...WithBody" (or "...With<Type>Body") variants for
		// operations with a request body.
		ops: func(dir string) (int, bool) {
			return interfaceMethods(filepath.Join(dir, "api"), "ClientInterface", regexp.MustCompile(`With\w*Body$`))
		},
	}
}

func ogenGenerator(bin string, lenient bool) *generator {
	cfg := "generator:\n  features:\n    disable:\n      - paths/server\n      - webhooks/server\n"
	name := "ogen"
	if lenient {
		cfg += "  ignore_not_implemented: [\"all\"]\n"
		name = "ogen-lenient"
	}
	return &generator{
		name: name,
		bin:  bin,
		setup: func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "ogen.yml"), []byte(cfg), 0o644)
		},
		args: func(spec, dir string) []string {
			return []string{"-config", filepath.Join(dir, "ogen.yml"), "-package", "api", "-target", filepath.Join(dir, "api"), "-clean", spec}
		},
		require: "github.com/ogen-go/ogen v1.24.0",
		// ogen's Invoker interface has one method per operation.
		ops: func(dir string) (int, bool) {
			return interfaceMethods(filepath.Join(dir, "api"), "Invoker", nil)
		},
	}
}

// toolVersion asks the tool for its version, for the report header.
func toolVersion(g *generator) string {
	var args []string
	switch g.name {
	case "opgen":
		args = []string{"version"}
	default:
		args = []string{"-version"}
	}
	out, err := exec.Command(g.bin, args...).CombinedOutput()
	if err != nil {
		return "unknown"
	}
	if v := semverRe.Find(out); v != nil {
		return string(v)
	}
	return "(devel)"
}

var semverRe = regexp.MustCompile(`v\d+\.\d+\.\d+\S*`)

var versionRe = regexp.MustCompile(`"?(?:openapi|swagger)"?\s*:\s*"?([0-9.]+)`)

func versionOf(file string) string {
	f, err := os.Open(file)
	if err != nil {
		return "?"
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	if m := versionRe.FindSubmatch(head[:n]); m != nil {
		return string(m[1])
	}
	return "?"
}

func hasGo(dir string) bool {
	found := false
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// countGo counts the top-level type declarations and the lines of the .go files under dir.
func countGo(dir string) (types, lines int) {
	fset := token.NewFileSet()
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		lines += bytes.Count(src, []byte("\n"))
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			return nil
		}
		for _, decl := range f.Decls {
			if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
				types += len(gd.Specs)
			}
		}
		return nil
	})
	return types, lines
}

// interfaceMethods counts the methods of the interface type name declared under dir; names matching strip are
// cut to their stem first, so that variants of one operation count once.
func interfaceMethods(dir, name string, strip *regexp.Regexp) (int, bool) {
	fset := token.NewFileSet()
	stems := map[string]bool{}
	found := false
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, sp := range gd.Specs {
				ts := sp.(*ast.TypeSpec)
				it, ok := ts.Type.(*ast.InterfaceType)
				if ts.Name.Name != name || !ok {
					continue
				}
				found = true
				for _, m := range it.Methods.List {
					for _, id := range m.Names {
						stem := id.Name
						if strip != nil {
							stem = strip.ReplaceAllString(stem, "")
						}
						stems[stem] = true
					}
				}
			}
		}
		return nil
	})
	return len(stems), found
}

var (
	codeExcerptRe = regexp.MustCompile(`^\s*(→\s*)?\d+ \|`)
	logLineRe     = regexp.MustCompile(`^(INFO|WARN|DEBUG|DEBU)\s`)
	goFramesRe    = regexp.MustCompile(`^\s+(main\.|/|github\.com/)`)
)

// firstError picks the line of a tool's output that says what went wrong; a line ending in ":" is joined with
// the lines that follow it.
func firstError(out []byte, err error) string {
	msg := ""
	for _, l := range strings.Split(string(out), "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- "))
		l = strings.TrimSpace(strings.TrimPrefix(l, "opgen: "))
		if l == "" || strings.HasPrefix(l, "#") || logLineRe.MatchString(l) || codeExcerptRe.MatchString(l) || goFramesRe.MatchString(l) ||
			strings.HasPrefix(l, "go: downloading") || strings.HasPrefix(l, "go: finding") || strings.HasPrefix(l, "go: found") {
			continue
		}
		if msg == "" {
			msg = l
		} else {
			msg += " " + l
		}
		if !strings.HasSuffix(msg, ":") {
			break
		}
	}
	if msg == "" {
		msg = err.Error()
	}
	return clip(msg, 170)
}

func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func mark(ok bool, reached bool) string {
	switch {
	case ok:
		return "✔"
	case reached:
		return "✘"
	}
	return "·"
}

func report(w io.Writer, gens []*generator, rows []*row, runs int) {
	fmt.Fprintf(w, "Generators: ")
	for i, g := range gens {
		if i > 0 {
			fmt.Fprint(w, ", ")
		}
		fmt.Fprintf(w, "%s %s", g.name, g.version)
	}
	fmt.Fprintf(w, ". Generation time: median of %d runs (wall seconds). G = generated, B = `go build ./...`, V = `go vet ./...`"+
		" (✔ yes, ✘ no, · not reached). ops = operations in the generated client (opgen: from its report; oapi-codegen:"+
		" ClientInterface methods less body variants; ogen: Invoker methods); types = top-level Go type declarations;"+
		" lines = lines of the emitted .go files.\n\n", runs)

	// Summary.
	fmt.Fprintln(w, "| generator | generated | builds | vets |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, g := range gens {
		var gen, bld, vet int
		for _, r := range rows {
			res := r.res[g.name]
			gen += b2i(res.generated)
			bld += b2i(res.built)
			vet += b2i(res.vetted)
		}
		fmt.Fprintf(w, "| %s | %d/%d | %d/%d | %d/%d |\n", g.name, gen, len(rows), bld, len(rows), vet, len(rows))
	}
	fmt.Fprintln(w)

	for _, g := range gens {
		fmt.Fprintf(w, "### %s %s\n\n", g.name, g.version)
		fmt.Fprintln(w, "| spec | OAS | spec ops | spec schemas | G B V | t (s) | ops | types | lines |")
		fmt.Fprintln(w, "|---|---|---:|---:|---|---:|---:|---:|---:|")
		for _, r := range rows {
			res := r.res[g.name]
			t, ops, types, lines := "-", "-", "-", "-"
			if res.generated {
				t = fmt.Sprintf("%.2f", res.seconds)
				types, lines = fmt.Sprint(res.types), fmt.Sprint(res.lines)
				if res.opsKnown {
					ops = fmt.Sprint(res.ops)
				}
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s %s %s | %s | %s | %s | %s |\n", r.spec.Name, r.version, count(r.ops), count(r.schemas),
				mark(res.generated, res.reached >= 1), mark(res.built, res.reached >= 2), mark(res.vetted, res.reached >= 3),
				t, ops, types, lines)
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintln(w, "### First error per failing spec")
	fmt.Fprintln(w)
	fmt.Fprint(w, "| spec |")
	for _, g := range gens {
		fmt.Fprintf(w, " %s |", g.name)
	}
	fmt.Fprint(w, "\n|---|")
	for range gens {
		fmt.Fprint(w, "---|")
	}
	fmt.Fprintln(w)
	for _, r := range rows {
		var cells []string
		failed := false
		for _, g := range gens {
			cells = append(cells, r.res[g.name].firstErr)
			failed = failed || r.res[g.name].firstErr != ""
		}
		if failed {
			fmt.Fprintf(w, "| %s | %s |\n", r.spec.Name, strings.Join(cells, " | "))
		}
	}
}

func count(n int) string {
	if n < 0 {
		return "?"
	}
	return fmt.Sprint(n)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
