// The peers' side of Trestle's JMH benchmarks, on the files ExportPeerData wrote (data/ by default):
// @ethereumjs/mpt 10 (proof verification, receipts-root rebuild), @noble/hashes (keccak-256),
// @chainsafe/blst 2 (FastAggregateVerify of the same 512 keys) and Lodestar's light client
// (LightclientSpec#onUpdate on the Electra update PeerLightClientUpdateBenchmark reads).
// Prints one JSON object: { node, versions, data, results: { name: { median_us, rounds_us, ops } } }.
// Env: DATA_DIR (default ./data), ROUND_MS (default 1000), ROUNDS (default 5), WARMUP_MS (default 1500).
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MerklePatriciaTrie, verifyMPTWithMerkleProof } from "@ethereumjs/mpt";
import { RLP } from "@ethereumjs/rlp";
import { keccak_256 } from "@noble/hashes/sha3.js";
import * as blst from "@chainsafe/blst";

const HERE = dirname(fileURLToPath(import.meta.url));
const DATA = process.env.DATA_DIR ?? join(HERE, "data");
const ROUND_MS = Number(process.env.ROUND_MS ?? 1000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const WARMUP_MS = Number(process.env.WARMUP_MS ?? 1500);

const hex = (s) => Uint8Array.from(Buffer.from(s.replace(/^0x/, ""), "hex"));
const load = (name) => JSON.parse(readFileSync(join(DATA, name), "utf8"));
const eq = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const fail = (msg) => { throw new Error(msg); };

// Timing: warm-up, then ROUNDS time boxes; per round the mean time per op; the figure is the median round.
async function measure(name, op, { isAsync = false } = {}) {
  const runFor = async (ms) => {
    let ops = 0;
    const end = process.hrtime.bigint() + BigInt(ms) * 1_000_000n;
    const start = process.hrtime.bigint();
    let now = start;
    while (now < end) {
      for (let i = 0; i < 8; i++) {
        if (isAsync) await op(); else op();
      }
      ops += 8;
      now = process.hrtime.bigint();
    }
    return { us: Number(now - start) / 1000 / ops, ops };
  };
  await runFor(WARMUP_MS);
  const rounds = [];
  let total = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const { us, ops } = await runFor(ROUND_MS);
    rounds.push(Number(us.toFixed(3)));
    total += ops;
  }
  const sorted = [...rounds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  process.stderr.write(`[peers] ${name}: ${median} µs/op (rounds ${rounds.join(", ")})\n`);
  return { median_us: median, rounds_us: rounds, ops: total };
}

const results = {};
const versions = {};
for (const p of ["@ethereumjs/mpt", "@noble/hashes", "@chainsafe/blst", "@lodestar/light-client", "@chainsafe/ssz"]) {
  versions[p] = JSON.parse(readFileSync(join(HERE, "node_modules", p, "package.json"), "utf8")).version;
}

// ---- MPT proofs (each verified once against its expected value before timing) ----
async function proofSet(file, keyField, keyHashing) {
  const d = load(file);
  const root = hex(d.root);
  const cases = d.proofs.filter((c) => c.value !== null).map((c) => ({
    key: hex(c[keyField]), value: hex(c.value), proof: c.proof.map(hex),
  }));
  const verify = (c) => verifyMPTWithMerkleProof(new MerklePatriciaTrie({ useKeyHashing: keyHashing }), root, c.key, c.proof);
  for (const c of cases) {
    const v = await verify(c);
    if (v === null || !eq(v, c.value)) fail(`${file}: a proof does not verify to its value`);
  }
  let next = 0;
  return () => { const c = cases[next]; next = next + 1 === cases.length ? 0 : next + 1; return verify(c); };
}
results.mpt_account_proof = await measure("mpt account proof", await proofSet("account-proofs.json", "address", true), { isAsync: true });
results.mpt_storage_proof = await measure("mpt storage proof", await proofSet("storage-proofs.json", "slot", true), { isAsync: true });
results.mpt_receipt_proof = await measure("mpt receipt proof", await proofSet("receipt-proofs.json", "key", false), { isAsync: true });

// ---- receipts root of the 300-receipt block, from the encoded receipts ----
{
  const d = load("receipts-block.json");
  const enc = d.receipts.map(hex);
  const keys = enc.map((_, i) => RLP.encode(i));
  const rebuild = async () => {
    const t = new MerklePatriciaTrie();
    for (let i = 0; i < enc.length; i++) await t.put(keys[i], enc[i]);
    return t.root();
  };
  if (!eq(await rebuild(), hex(d.root))) fail("receipts root mismatch");
  results.mpt_receipts_root_300 = await measure("mpt receipts root (300)", rebuild, { isAsync: true });
}

// ---- keccak-256 of 532 bytes ----
{
  const input = new Uint8Array(532).map((_, i) => (i * 31 + 7) & 0xff);
  results.keccak256_532 = await measure("noble keccak-256 532 B", () => keccak_256(input));
}

// ---- BLS: the same 512 keys, signing root and signature as SyncUpdateBenchmark ----
{
  const d = load("bls-512.json");
  const msg = hex(d.message);
  const pks = d.pubkeys.map((k) => blst.PublicKey.fromBytes(hex(k), true));
  const sigBytes = hex(d.signature);
  const sig = blst.Signature.fromBytes(sigBytes, true);
  if (!blst.fastAggregateVerify(msg, pks, sig)) fail("bls-512: fastAggregateVerify false");
  results.blst_fast_aggregate_verify_512 = await measure("blst fastAggregateVerify 512 (cached keys, sig object)",
    () => blst.fastAggregateVerify(msg, pks, sig));
  results.blst_fast_aggregate_verify_512_sig_groupcheck = await measure("blst fastAggregateVerify 512, sig group check",
    () => blst.fastAggregateVerify(msg, pks, sig, true));
  results.blst_aggregate_512 = await measure("blst aggregatePublicKeys 512", () => blst.aggregatePublicKeys(pks));
}

// ---- Lodestar light client on the Electra update (PeerLightClientUpdateBenchmark's file) ----
if (existsSync(join(DATA, "lc-update-electra.json"))) {
  const { createBeaconConfig } = await import("@lodestar/config");
  const { mainnetChainConfig } = await import("@lodestar/config/networks");
  const { ssz } = await import("@lodestar/types");
  const { LightclientSpec } = await import("@lodestar/light-client/spec");
  const d = load("lc-update-electra.json");
  const chain = { ...mainnetChainConfig, ELECTRA_FORK_EPOCH: d.chain.ELECTRA_FORK_EPOCH };
  const config = createBeaconConfig(chain, hex(d.chain.genesisValidatorsRoot));
  const T = ssz[d.fork];
  const bootstrap = T.LightClientBootstrap.deserialize(hex(d.bootstrap.ssz));
  const updateBytes = hex(d.update.ssz);
  const spec = new LightclientSpec(config, { allowForcedUpdates: true }, bootstrap);
  const slot = d.expected.signatureSlot;
  spec.onUpdate(slot, T.LightClientUpdate.deserialize(updateBytes)); // throws if invalid
  // A fresh SSZ value each call (cold hash caches), as Trestle decodes nothing twice either; the
  // deserialization is inside the timed call here, so this figure is an upper bound for onUpdate alone.
  results.lodestar_on_update = await measure("lodestar LightclientSpec#onUpdate (incl. SSZ decode)",
    () => spec.onUpdate(slot, T.LightClientUpdate.deserialize(updateBytes)));
  let blsImpl;
  try {
    const lcBls = await import(pathToFileURL(join(HERE,
      "node_modules/@lodestar/light-client/node_modules/@chainsafe/bls/lib/index.js")).href);
    blsImpl = lcBls.default?.implementation ?? "unknown";
  } catch (e) {
    blsImpl = `unknown (${e.message})`;
  }
  versions["light client BLS implementation"] = blsImpl;
}

process.stdout.write(JSON.stringify({
  node: process.version, arch: process.arch, versions, data: DATA, round_ms: ROUND_MS, rounds: ROUNDS, results,
}) + "\n");
