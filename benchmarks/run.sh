#!/usr/bin/env bash
# Runs Trestle's JMH benchmarks (see benchmarks/README.md).
#   benchmarks/run.sh                      all benchmarks, -prof gc, JSON to benchmarks/results/latest.json
#   benchmarks/run.sh AccountProof         only benchmarks matching a regex; any JMH option works ("-h")
#   benchmarks/run.sh -p source=synthetic  force synthetic data instead of testvectors/vectors/peers/data
# env: BENCH_PROF=gc (profiler added by default; empty = none), BENCH_REBUILD=1 (force a rebuild).
# The jar is (re)built from the repo root when missing or older than the sources it is made from.
# A -rf/-rff of your own replaces the default result file.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JAR=benchmarks/target/benchmarks.jar
stale() {
  [ ! -f "$JAR" ] && return 0
  [ -n "${BENCH_REBUILD:-}" ] && return 0
  [ -n "$(find pom.xml benchmarks/pom.xml crypto/pom.xml proofs/pom.xml \
            lightclient/pom.xml testvectors/pom.xml benchmarks/src crypto/src/main proofs/src/main lightclient/src/main \
            testvectors/src/main cosmos/pom.xml cosmos/src/main testkit/pom.xml testkit/src/main -newer "$JAR" -type f -print -quit)" ]
}
if stale; then
  echo "[run.sh] building $JAR ..." >&2
  ./mvnw -q -B -DskipTests -pl benchmarks -am package
fi

ARGS=()
PROF="${BENCH_PROF-gc}"
if [ -n "$PROF" ]; then ARGS+=(-prof "$PROF"); fi
OWN_RESULT=0
for a in "$@"; do
  case "$a" in -rf|-rff) OWN_RESULT=1 ;; esac
done
if [ "$OWN_RESULT" = 0 ]; then
  mkdir -p benchmarks/results
  ARGS+=(-rf json -rff benchmarks/results/latest.json)
fi
echo "[run.sh] java -jar $JAR ${ARGS[*]} $*" >&2
exec java -jar "$JAR" "${ARGS[@]}" "$@"
