#!/usr/bin/env bash
# bench/corpus.sh: generate every spec of the shared corpus with opgen, oapi-codegen v2.8.2 and ogen v1.24.0,
# build and vet each output in its own scratch module, and print a Markdown table (see docs/COMPATIBILITY.md).
#
#   bench/corpus.sh [-only stripe,openai] [-runs 3] [-md results.md] [-corpus DIR]
#
# The peers are installed at their pinned versions through the Go module proxy into a scratch folder
# ($OPGEN_BENCH_WORK, default a fresh temp dir); nothing is added to any go.mod of the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=local

OAPI_CODEGEN_VERSION=v2.8.2
OGEN_VERSION=v1.24.0

work=${OPGEN_BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/opgen-bench.XXXXXX")}
mkdir -p "$work/bin"
work=$(cd "$work" && pwd)

echo "== scratch: $work" >&2
echo "== installing peers" >&2
GOBIN="$work/bin" GOFLAGS= go install "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@$OAPI_CODEGEN_VERSION"
GOBIN="$work/bin" GOFLAGS= go install "github.com/ogen-go/ogen/cmd/ogen@$OGEN_VERSION"
echo "== building opgen" >&2
go build -o "$work/bin/opgen" ./cmd/opgen
go build -o "$work/bin/corpus-bench" ./bench/corpus

{
  echo "Machine: $(uname -srm), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown CPU)), $(go version | cut -d' ' -f3-)."
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
} | tee /dev/stderr

exec "$work/bin/corpus-bench" -work "$work/out" -opgen "$work/bin/opgen" \
  -opgen-version "$(git describe --always --dirty 2>/dev/null || echo devel)" \
  -oapi-codegen "$work/bin/oapi-codegen" -ogen "$work/bin/ogen" "$@"
