#!/usr/bin/env bash
# bench/run.sh: opgen against its peers and its floors, side by side, in one run. See docs/BENCHMARKS.md.
#
#   bench/run.sh                     # everything: gen output client profile (about 20 minutes on 2 cores)
#   STEPS="gen output" bench/run.sh  # some steps only
#   ONLY="sky stripe" TOOLS="opgen oapi-codegen floor-kin" STEPS=gen bench/run.sh  # some specs and tools only
#
# Steps:
#   gen     wall time, CPU time and peak RSS of generating each spec: opgen, oapi-codegen v2.8.2
#           (-generate types,client), ogen v1.24.0 (client only) and the floors (kin-openapi load + validate, and
#           internal/spec.Load); median of RUNS_SMALL (5) runs for specs/*.yaml, RUNS_LARGE (3) for the corpus specs;
#           the tools take turns within each round, so that load on the machine falls on all of them alike.
#   output  lines and bytes of the .go files each tool wrote, and the `go build` time of that package alone: the
#           standard library and the peers' runtime modules are compiled once into a warm GOCACHE, then each build
#           recompiles only the generated package (a comment with a fresh nonce is appended to one of its files
#           before each build, so its cache entry misses); median of BUILD_RUNS (3).
#   client  Go benchmarks (bench/client, a module of its own) of a create-charge and a list-50-charges round trip
#           against an in-process loopback server: the hand-written floor, the floor decoding into the SDK's types,
#           generated/openpaymx and ogen's client of specs/openpay-mx.yaml; CLIENT_ROUNDS (8) interleaved runs of
#           1s each, compared with benchstat.
#   profile CPU profile of the opgen pipeline on stripe (bench/genprof), top functions.
#
# Peer tools, benchstat and every output go to WORK (default /tmp/opgen-bench), never into the repository's
# go.mod; the summary is WORK/results/summary.md (also printed). Needs the Go module proxy for the peer tools and
# their runtime modules.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/opgen-bench}
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
STEPS=${STEPS:-gen output client profile}
RUNS_SMALL=${RUNS_SMALL:-5}
RUNS_LARGE=${RUNS_LARGE:-3}
BUILD_RUNS=${BUILD_RUNS:-3}
CLIENT_ROUNDS=${CLIENT_ROUNDS:-8}

OAPI_VERSION=v2.8.2
OGEN_VERSION=v1.24.0
BENCHSTAT_VERSION=v0.0.0-20260908200009-22c9c6c9d4da # golang.org/x/perf
OAPI_RUNTIME=v1.8.0                                   # github.com/oapi-codegen/runtime, as in PEERS.md

# name=path; the corpus specs are the four largest (stripe, github, the largest 3.1 one openai, and the Swagger 2.0
# kubernetes) and three mid-size ones oapi-codegen generates (adyen, twilio, spotify).
SPECS=(
  "culqi=$ROOT/specs/culqi.yaml"
  "openpay-co=$ROOT/specs/openpay-co.yaml"
  "openpay-mx=$ROOT/specs/openpay-mx.yaml"
  "openpay-pe=$ROOT/specs/openpay-pe.yaml"
  "sky=$ROOT/specs/sky.yaml"
  "adyen=$CORPUS/adyen-checkout/CheckoutService-v71.json"
  "twilio=$CORPUS/twilio-api/twilio_api_v2010.json"
  "spotify=$CORPUS/spotify/fixed-spotify-open-api.yml"
  "stripe=$CORPUS/stripe/spec3.yaml"
  "github=$CORPUS/github/api.github.com.yaml"
  "openai=$CORPUS/openai/openapi.yaml"
  "kubernetes=$CORPUS/kubernetes/swagger.json.unprocessed"
)
LARGE=" stripe github openai kubernetes "
# ONLY="sky stripe": only these specs (names as above). TOOLS="opgen floor-kin": only these tools in gen and output.
if [[ -n ${ONLY:-} ]]; then
  kept=()
  for entry in "${SPECS[@]}"; do
    [[ " $ONLY " == *" ${entry%%=*} "* ]] && kept+=("$entry")
  done
  [[ ${#kept[@]} -gt 0 ]] || { echo "bench/run.sh: ONLY=\"$ONLY\" names no spec" >&2; exit 2; }
  SPECS=("${kept[@]}")
fi
read -r -a TOOLS <<<"${TOOLS:-opgen oapi-codegen ogen floor-kin floor-spec}"

BIN=$WORK/bin
RES=$WORK/results
# GOWORK=off: the repository is a workspace (go.work), where -mod=mod is refused; every build here is of one module.
export GOTOOLCHAIN=local GOFLAGS=-mod=mod GOWORK=off
export GOPROXY=${GOPROXY:-https://proxy.golang.org,direct}
mkdir -p "$BIN" "$RES"

log() { printf '== %s\n' "$*" >&2; }
has_step() { [[ " $STEPS " == *" $1 "* ]]; }

# median of the numbers on stdin (one per line); "-" when there are none.
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "-"} else if (NR%2) {print v[(NR+1)/2]} else {printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b == 0) print "-"; else printf "%.2f", a/b}'; }

# ---------------------------------------------------------------------------------------------------- tools
build_tools() {
  log "building opgen and the bench helpers"
  (cd "$ROOT" && go build -o "$BIN/opgen" ./cmd/opgen && go build -o "$BIN/floor" ./bench/floor &&
    go build -o "$BIN/rusage" ./bench/rusage && go build -o "$BIN/genprof" ./bench/genprof)
  install_tool oapi-codegen github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen "$OAPI_VERSION"
  install_tool ogen github.com/ogen-go/ogen/cmd/ogen "$OGEN_VERSION"
  install_tool benchstat golang.org/x/perf/cmd/benchstat "$BENCHSTAT_VERSION"
  cat >"$WORK/ogen.yml" <<'EOF'
generator:
  features:
    disable:
      - 'paths/server'
      - 'webhooks/server'
EOF
}

# install_tool NAME PACKAGE VERSION: go install into WORK/bin once per version.
install_tool() {
  local stamp="$BIN/.$1-$3"
  if [[ -x "$BIN/$1" && -e "$stamp" ]]; then return; fi
  log "installing $2@$3"
  (cd "$WORK" && GOBIN="$BIN" GOFLAGS= go install "$2@$3")
  touch "$stamp"
}

# ---------------------------------------------------------------------------------------------------- gen
# gen_cmd TOOL SPEC OUT: the command line of one generation.
gen_cmd() {
  case $1 in
    opgen) echo "$BIN/opgen generate -lenient -spec $2 -package api -out $3" ;;
    oapi-codegen) echo "$BIN/oapi-codegen -generate types,client -package api -o $3/api.gen.go $2" ;;
    ogen) echo "$BIN/ogen -config $WORK/ogen.yml -package api -target $3 -clean $2" ;;
    floor-kin) echo "$BIN/floor -mode kin $2" ;;
    floor-spec) echo "$BIN/floor -mode spec $2" ;;
  esac
}

step_gen() {
  local tsv=$RES/gen.tsv
  : >"$tsv"
  rm -rf "$WORK/gen"
  for entry in "${SPECS[@]}"; do
    local name=${entry%%=*} spec=${entry#*=} runs=$RUNS_SMALL
    [[ $LARGE == *" $name "* ]] && runs=$RUNS_LARGE
    log "gen: $name ($runs rounds)"
    declare -A failed=()
    for ((r = 1; r <= runs; r++)); do
      for tool in "${TOOLS[@]}"; do
        [[ -n ${failed[$tool]:-} ]] && continue
        local out=$WORK/gen/$tool/$name m=$WORK/gen/.m
        rm -rf "$out" "$m" && mkdir -p "$out"
        # shellcheck disable=SC2046
        if ! "$BIN/rusage" -o "$m" -- $(gen_cmd "$tool" "$spec" "$out") >"$out.log" 2>&1; then
          failed[$tool]=1
        fi
        printf '%s\t%s\t%d\t%s\n' "$name" "$tool" "$r" "$(cat "$m")" >>"$tsv"
      done
    done
    unset failed
  done
}

# gen_stat SPEC TOOL FIELD: median of a field over the successful runs (wall=4 user=5 sys=6 rss=7); "fail" when the
# tool failed.
gen_stat() {
  local rows
  rows=$(awk -F'\t' -v s="$1" -v t="$2" '$1==s && $2==t' "$RES/gen.tsv")
  [[ -z $rows ]] && { echo "-"; return; }
  if awk '{if ($NF != 0) bad=1} END {exit !bad}' <<<"$rows"; then echo "fail"; return; fi
  case $3 in
    cpu) awk '{print $5+$6}' <<<"$rows" | median ;;
    rss) awk '{printf "%.0f\n", $7/1024}' <<<"$rows" | median ;;
    *) awk -v f="$3" '{print $f}' <<<"$rows" | median ;;
  esac
}

# first_error TOOL SPEC: the first line of a failed run's output that looks like an error.
first_error() {
  local f=$WORK/gen/$1/$2.log
  [[ -f $f ]] || return 0
  # Skip log lines (ogen's INFO/WARN) and stack frames; ogen puts the cause on a "file:line -> ..." line.
  grep -vE '^(INFO|WARN|DEBUG)|^[[:space:]]+(/|github\.com/|main\.|runtime\.)' "$f" |
    grep -m1 -iE -- '->|not implemented|conflict|duplicate|error|invalid|panic' |
    sed -E 's/^[[:space:]-]+//' | cut -c1-150 | tr '|' '/' || true
}

# ---------------------------------------------------------------------------------------------------- output
step_output() {
  local tsv=$RES/output.tsv btsv=$RES/build.tsv
  : >"$tsv"
  : >"$btsv"
  export GOCACHE=$WORK/gocache # warm: the standard library and the runtime modules stay compiled in it
  for entry in "${SPECS[@]}"; do
    local name=${entry%%=*}
    for tool in opgen oapi-codegen ogen; do
      [[ " ${TOOLS[*]} " == *" $tool "* ]] || continue
      local out=$WORK/gen/$tool/$name
      [[ $(gen_stat "$name" "$tool" 4) == fail || ! -d $out ]] && continue
      local lines bytes rlines anyc
      lines=$(find "$out" -name '*.go' -exec cat {} + | wc -l)
      bytes=$(find "$out" -name '*.go' -exec cat {} + | wc -c)
      # opgen copies its runtime (the same ~3,600 lines for every spec) into the package; the peers import theirs.
      rlines=$(find "$out" -name 'runtime_*_gen.go' -exec cat {} + | wc -l)
      # Struct fields whose type is any, interface{} or json.RawMessage (possibly in a slice, map or pointer).
      anyc=$(find "$out" -name '*.go' ! -name 'runtime_*_gen.go' -exec cat {} + |
        grep -cE '^[[:space:]]+[A-Za-z_][A-Za-z0-9_]*[[:space:]]+[][*]*(map\[string\])?(any|interface\{\}|json\.RawMessage)([[:space:]]|$)' || true)
      local mod=$WORK/build/$tool-$name
      rm -rf "$mod" && mkdir -p "$mod" && cp -r "$out" "$mod/api"
      {
        echo "module bench.local/m"
        echo "go 1.26"
        case $tool in
          oapi-codegen) echo "require github.com/oapi-codegen/runtime $OAPI_RUNTIME" ;;
          ogen) echo "require github.com/ogen-go/ogen $OGEN_VERSION" ;;
        esac
      } >"$mod/go.mod"
      local berr=""
      if ! (cd "$mod" && go mod tidy >"$mod/tidy.log" 2>&1 && go build ./api >"$mod/build.log" 2>&1); then
        berr=$( { grep -m1 -E '\.go:[0-9]+' "$mod/build.log" || tail -1 "$mod/build.log" "$mod/tidy.log"; } | head -1 | cut -c1-160 | tr '|' '/')
        [[ -z $berr ]] && berr="build failed"
      fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$tool" "$lines" "$bytes" "${berr:--}" "$((lines - rlines))" "$anyc" >>"$tsv"
      [[ -n $berr ]] && continue
      log "build: $tool $name"
      local first
      first=$(find "$mod/api" -maxdepth 1 -name '*.go' | sort | head -1)
      for ((r = 1; r <= BUILD_RUNS; r++)); do
        echo "// bench nonce $RANDOM$RANDOM $r" >>"$first"
        local m=$mod/.m
        rm -f "$m"
        (cd "$mod" && "$BIN/rusage" -o "$m" -- go build ./api)
        printf '%s\t%s\t%d\t%s\n' "$name" "$tool" "$r" "$(cat "$m")" >>"$btsv"
      done
    done
  done
  unset GOCACHE
}

# ---------------------------------------------------------------------------------------------------- client
step_client() {
  local dir=$ROOT/bench/client
  export GOWORK=off # bench/client is a module of its own, outside the repository's workspace (go.work)
  log "client: generating ogen's client of specs/openpay-mx.yaml"
  (cd "$dir" && "$BIN/ogen" -config ogen.yml -package ogenmx -target ogenmx -clean ../../specs/openpay-mx.yaml >"$WORK/ogenmx.log" 2>&1) || {
    echo "ogen failed on specs/openpay-mx.yaml: see $WORK/ogenmx.log" >&2
    return 1
  }
  (cd "$dir" && go test -c -o "$BIN/clientbench.test" . && "$BIN/clientbench.test" -test.run 'TestSame' -test.count 1 >/dev/null)
  local raw=$RES/client.txt
  : >"$raw"
  for ((r = 1; r <= CLIENT_ROUNDS; r++)); do
    log "client: round $r/$CLIENT_ROUNDS"
    (cd "$dir" && "$BIN/clientbench.test" -test.run '^$' -test.bench . -test.benchmem -test.count 1 -test.benchtime 1s) >>"$raw"
  done
  "$BIN/benchstat" -col /impl "$raw" >"$RES/client.benchstat" || true
}

# client_stat BENCH IMPL FIELD(ns|B|allocs): median.
client_stat() {
  awk -v b="$1" -v i="$2" -v f="$3" '$1 ~ "^Benchmark"b"/impl="i"-[0-9]+$" {
      for (k = 3; k < NF; k++) if ($(k+1) == f"/op") print $k }' "$RES/client.txt" | median | awk '{printf ($1 == "-") ? "-\n" : "%.0f\n", $1}'
}

# ---------------------------------------------------------------------------------------------------- profile
step_profile() {
  log "profile: opgen on stripe"
  local stripe=$CORPUS/stripe/spec3.yaml
  "$BIN/genprof" -spec "$stripe" -n 3 -cpuprofile "$RES/stripe.cpu" 2>"$RES/genprof.log"
  go tool pprof -top -cum -nodecount=40 "$BIN/genprof" "$RES/stripe.cpu" >"$RES/stripe.pprof.txt" 2>/dev/null
}

# ---------------------------------------------------------------------------------------------------- summary
summary() {
  echo "# opgen benchmarks ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(go version | cut -d' ' -f3-)."
  echo "Load while running: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min); CPU pressure: $(head -1 /proc/pressure/cpu 2>/dev/null || echo n/a)."
  if [[ -s $RES/gen.tsv ]]; then
    echo
    echo "## Generation: wall time (median s)"
    echo
    echo "| spec | opgen | oapi-codegen | ogen | floor: kin load+validate | floor: spec.Load | opgen / oapi-codegen | opgen / floor |"
    echo "|---|---|---|---|---|---|---|---|"
    for entry in "${SPECS[@]}"; do
      local n=${entry%%=*} o a g k s
      o=$(gen_stat "$n" opgen 4); a=$(gen_stat "$n" oapi-codegen 4); g=$(gen_stat "$n" ogen 4)
      k=$(gen_stat "$n" floor-kin 4); s=$(gen_stat "$n" floor-spec 4)
      echo "| $n | $o | $a | $g | $k | $s | $(ratio "$o" "$a") | $(ratio "$o" "$k") |"
    done
    echo
    echo "## Generation: CPU time (user+sys, median s) and peak RSS (median MiB)"
    echo
    echo "| spec | opgen cpu | oapi-codegen cpu | ogen cpu | floor-kin cpu | opgen RSS | oapi-codegen RSS | ogen RSS | floor-kin RSS |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for entry in "${SPECS[@]}"; do
      local n=${entry%%=*}
      echo "| $n | $(gen_stat "$n" opgen cpu) | $(gen_stat "$n" oapi-codegen cpu) | $(gen_stat "$n" ogen cpu) | $(gen_stat "$n" floor-kin cpu) | $(gen_stat "$n" opgen rss) | $(gen_stat "$n" oapi-codegen rss) | $(gen_stat "$n" ogen rss) | $(gen_stat "$n" floor-kin rss) |"
    done
    local fails=""
    for entry in "${SPECS[@]}"; do
      local n=${entry%%=*}
      for tool in "${TOOLS[@]}"; do
        [[ $(gen_stat "$n" "$tool" 4) == fail ]] && fails+="| $n | $tool | $(first_error "$tool" "$n") |"$'\n'
      done
    done
    if [[ -n $fails ]]; then
      echo
      echo "Failures (time to failure not counted as a generation time):"
      echo
      echo "| spec | tool | first error |"
      echo "|---|---|---|"
      printf '%s' "$fails"
    fi
  fi
  if [[ -s $RES/output.tsv ]]; then
    echo
    echo "## Output: lines and bytes of the .go files; go build of the package alone (median s, deps cached)"
    echo
    echo "| spec | tool | lines | lines without runtime | bytes | fields typed any | build s | build error |"
    echo "|---|---|---|---|---|---|---|---|"
    while IFS=$'\t' read -r n t l b e nl ac; do
      local bs
      bs=$(awk -F'\t' -v s="$n" -v t="$t" '$1==s && $2==t {split($4, f, " "); print f[1]}' "$RES/build.tsv" | median)
      echo "| $n | $t | $l | $nl | $b | $ac | $bs | $e |"
    done <"$RES/output.tsv"
    echo
    echo "| spec | opgen / oapi-codegen lines | same, opgen without runtime | opgen / ogen lines | same, opgen without runtime |"
    echo "|---|---|---|---|---|"
    for entry in "${SPECS[@]}"; do
      local n=${entry%%=*}
      local lo ln la lg
      lo=$(awk -F'\t' -v s="$n" '$1==s && $2=="opgen" {print $3}' "$RES/output.tsv"); lo=${lo:--}
      ln=$(awk -F'\t' -v s="$n" '$1==s && $2=="opgen" {print $6}' "$RES/output.tsv"); ln=${ln:--}
      la=$(awk -F'\t' -v s="$n" '$1==s && $2=="oapi-codegen" {print $3}' "$RES/output.tsv"); la=${la:--}
      lg=$(awk -F'\t' -v s="$n" '$1==s && $2=="ogen" {print $3}' "$RES/output.tsv"); lg=${lg:--}
      echo "| $n | $(ratio "$lo" "$la") | $(ratio "$ln" "$la") | $(ratio "$lo" "$lg") | $(ratio "$ln" "$lg") |"
    done
  fi
  if [[ -s $RES/client.txt ]]; then
    echo
    echo "## Client round trip (median of $CLIENT_ROUNDS runs; ratios to the hand-written floor)"
    echo
    echo "| benchmark | client | ns/op | B/op | allocs/op | ns/op vs floor | allocs vs floor | ns/op vs floor-sdktypes | allocs vs floor-sdktypes |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for bench in CreateCharge ListCharges50; do
      local fn fa tn ta
      fn=$(client_stat $bench floor ns); fa=$(client_stat $bench floor allocs)
      tn=$(client_stat $bench floor-sdktypes ns); ta=$(client_stat $bench floor-sdktypes allocs)
      for impl in floor floor-sdktypes opgen ogen; do
        local n b a
        n=$(client_stat $bench $impl ns); b=$(client_stat $bench $impl B); a=$(client_stat $bench $impl allocs)
        echo "| $bench | $impl | $n | $b | $a | $(ratio "$n" "$fn") | $(awk -v a="$a" -v b="$fa" 'BEGIN{printf "%+d", a-b}') | $(ratio "$n" "$tn") | $(awk -v a="$a" -v b="$ta" 'BEGIN{printf "%+d", a-b}') |"
      done
    done
    echo
    echo '```'
    cat "$RES/client.benchstat"
    echo '```'
  fi
  if [[ -s $RES/stripe.pprof.txt ]]; then
    echo
    echo "## Profile: opgen pipeline on stripe (3 in-process runs; top by cumulative time)"
    echo
    echo '```'
    grep -E '^generate:' "$RES/genprof.log" || true
    sed -n '1,50p' "$RES/stripe.pprof.txt" | grep -E 'Duration|flat%|opgen/internal|kin-openapi/openapi3\.\(\*Loader\)\.LoadFromFile|jennifer/jen\.\(\*File\)\.Render|go/format\.Source|go/printer\.\(\*Config\)\.Fprint$|go/parser\.ParseFile$|yaml%2ev3\.Unmarshal|gcBgMarkWorker$|main\.main'
    echo '```'
  fi
}

# ---------------------------------------------------------------------------------------------------- main
build_tools
has_step gen && step_gen
has_step output && step_output
has_step client && step_client
has_step profile && step_profile
summary | tee "$RES/summary.md"
