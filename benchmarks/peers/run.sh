#!/usr/bin/env bash
# Trestle (JMH) and the JavaScript peers (bench.mjs) alternately on the same data files, then the ratios.
#   bash benchmarks/peers/run.sh            2 alternations (peers, Trestle, peers, Trestle), ~8 min on 2 cores
#   PAIRS=3 bash benchmarks/peers/run.sh    more alternations
# Results: benchmarks/peers/results/{node,jmh}-N.json and the table on stdout (compare.mjs).
# Needs Node.js >= 20 (npm ci on first use, from package-lock.json) and a JDK 17+.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PAIRS="${PAIRS:-2}"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
cd "$ROOT"
if [ ! -f "$JAR" ] || [ -n "$(find pom.xml benchmarks/pom.xml benchmarks/src crypto/src/main proofs/src/main \
      lightclient/src/main testvectors/src/main -newer "$JAR" -type f -print -quit)" ]; then
  echo "[peers/run.sh] building $JAR ..." >&2
  ./mvnw -q -B -ntp -DskipTests -pl benchmarks -am package
fi
if [ ! -d "$HERE/node_modules" ]; then
  (cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund)
fi
# The data JMH uses, written by JMH's own setup code (BenchData picks testvectors/vectors/peers/data when present).
if [ ! -f "$HERE/data/bls-512.json" ] || [ "$JAR" -nt "$HERE/data/bls-512.json" ]; then
  java -cp "$JAR" io.trestle.benchmarks.ExportPeerData "$HERE/data" >/dev/null
fi
mkdir -p "$HERE/results"
JMH_INCLUDE='AccountProofBenchmark.verifyPresent|StorageProofBenchmark.verify$|ReceiptProofBenchmark.verifyOnly|ReceiptsRootBenchmark.rebuild|KeccakBenchmark.trestle|SyncUpdateBenchmark.(rawJblstFastAggregateVerify512|fastAggregateVerify512NoRecheck|partSum512)'
if [ -f "$HERE/data/lc-update-electra.json" ]; then
  JMH_INCLUDE="$JMH_INCLUDE|PeerLightClientUpdateBenchmark"
fi
for i in $(seq 1 "$PAIRS"); do
  echo "[peers/run.sh] round $i/$PAIRS: peers" >&2
  (cd "$HERE" && DATA_DIR="$HERE/data" node bench.mjs > "$HERE/results/node-$i.json")
  echo "[peers/run.sh] round $i/$PAIRS: Trestle (JMH)" >&2
  java -Djmh.ignoreLock=true -Dtrestle.peers.data="$HERE/data" -jar "$JAR" "$JMH_INCLUDE" -p size=532 \
    -f 1 -wi 2 -w 1 -i 5 -r 1 -rf json -rff "$HERE/results/jmh-$i.json" >/dev/null
done
node "$HERE/compare.mjs" "$HERE/results" "$PAIRS"
