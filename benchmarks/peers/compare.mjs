// Reads results/{node,jmh}-N.json of run.sh and prints, per pair, Trestle's median / the peer's median for
// every alternation and the median of those ratios. Usage: node compare.mjs RESULTS_DIR PAIRS
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cpus, loadavg } from "node:os";

const [dir, pairsArg] = process.argv.slice(2);
const pairs = Number(pairsArg ?? 1);
const PAIRS = [
  ["account proof (100k-account trie)", "AccountProofBenchmark.verifyPresent", "mpt_account_proof"],
  ["storage proof (50k-slot trie)", "StorageProofBenchmark.verify", "mpt_storage_proof"],
  ["receipt proof (300-receipt trie)", "ReceiptProofBenchmark.verifyOnly", "mpt_receipt_proof"],
  ["receipts root, 300 receipts", "ReceiptsRootBenchmark.rebuild", "mpt_receipts_root_300"],
  ["keccak-256, 532 B", "KeccakBenchmark.trestle", "keccak256_532"],
  ["FastAggregateVerify 512 (raw jblst core_verify vs blst-ts)", "SyncUpdateBenchmark.rawJblstFastAggregateVerify512", "blst_fast_aggregate_verify_512"],
  ["FastAggregateVerify 512 (jblst, no re-check vs blst-ts)", "SyncUpdateBenchmark.fastAggregateVerify512NoRecheck", "blst_fast_aggregate_verify_512"],
  ["sum of 512 keys (jblst JNI loop vs blst-ts native)", "SyncUpdateBenchmark.partSum512", "blst_aggregate_512"],
  ["light-client update, Electra, 512 signers (Lodestar onUpdate)", "PeerLightClientUpdateBenchmark.updateCachedCommittee", "lodestar_on_update"],
];
const median = (xs) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const jmhMedian = (jmh, name) => {
  const r = jmh.find((b) => b.benchmark.endsWith("." + name));
  if (!r) return NaN;
  const scores = r.primaryMetric.rawData.flat();
  const unit = r.primaryMetric.scoreUnit;
  const m = median(scores);
  return unit === "ns/op" ? m / 1000 : unit === "ms/op" ? m * 1000 : m;
};
const rows = PAIRS.map(([label, j, n]) => ({ label, j, n, t: [], p: [], r: [] }));
let nodeInfo = {};
for (let i = 1; i <= pairs; i++) {
  const node = JSON.parse(readFileSync(join(dir, `node-${i}.json`), "utf8"));
  const jmh = JSON.parse(readFileSync(join(dir, `jmh-${i}.json`), "utf8"));
  nodeInfo = node;
  for (const row of rows) {
    const t = jmhMedian(jmh, row.j);
    const p = node.results[row.n]?.median_us ?? NaN;
    row.t.push(t); row.p.push(p); row.r.push(t / p);
  }
}
const f = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : "n/a");
console.log(`| work | Trestle median µs | peer median µs | Trestle / peer (per alternation) | median ratio |`);
console.log(`| --- | ---: | ---: | --- | ---: |`);
for (const row of rows) {
  if (row.t.every((x) => !Number.isFinite(x))) continue;
  console.log(`| ${row.label} | ${f(median(row.t))} | ${f(median(row.p))} | ${row.r.map((x) => f(x) + "×").join(", ")} | **${f(median(row.r))}×** |`);
}
console.log(`\nnode ${nodeInfo.node}, ${JSON.stringify(nodeInfo.versions)}; ${cpus().length} × ${cpus()[0]?.model}; load ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
