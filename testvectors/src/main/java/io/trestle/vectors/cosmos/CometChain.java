package io.trestle.vectors.cosmos;

import io.trestle.cosmos.light.BlockId;
import io.trestle.cosmos.light.Canonical;
import io.trestle.cosmos.light.Commit;
import io.trestle.cosmos.light.CommitSig;
import io.trestle.cosmos.light.Header;
import io.trestle.cosmos.light.LightBlock;
import io.trestle.cosmos.light.LightResult;
import io.trestle.cosmos.light.SignedHeader;
import io.trestle.cosmos.light.Validator;
import io.trestle.cosmos.light.ValidatorSet;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * A generated CometBFT chain with its own Ed25519 (or secp256k1) validators: headers linked by {@code
 * last_block_id}, validator-set hashes, and commits signed with CometBFT's sign bytes. Used by the demo, the
 * loopback RPC server, the adversarial tests and the benchmarks. Signing goes through {@link
 * Canonical#commitVoteSignBytes}, so a test that checks these blocks against the verifier checks
 * consistency; conformance of the encodings themselves is checked against CometBFT's reference values
 * and the tendermint-rs and eureka vectors.
 */
public final class CometChain {
  /** Time between blocks. */
  public static final Duration BLOCK_TIME = Duration.ofSeconds(6);

  private final String chainId;
  private final List<LightBlock> blocks;
  private final Map<Bytes, CometKey> keys;

  private CometChain(final String chainId, final List<LightBlock> blocks, final Map<Bytes, CometKey> keys) {
    this.chainId = chainId;
    this.blocks = List.copyOf(blocks);
    this.keys = Map.copyOf(keys);
  }

  /** Validators (key and power) at a height. */
  public record Member(CometKey key, long power) {}

  /**
   * Generates heights 1..{@code height}; {@code members.apply(h)} gives the validator set at height h, and
   * {@code appHash.apply(h)} the app hash of header h. Every validator signs every block.
   */
  public static CometChain generate(final String chainId, final Instant genesis, final int height,
      final LongFunction<List<Member>> members, final LongFunction<Bytes> appHash) {
    final Map<Bytes, CometKey> keys = new HashMap<>();
    final List<LightBlock> out = new ArrayList<>();
    BlockId last = BlockId.ZERO;
    Bytes lastCommit = Bytes.EMPTY;
    for (long h = 1; h <= height; h++) {
      final ValidatorSet vals = set(members.apply(h), keys);
      final ValidatorSet next = set(members.apply(h + 1), keys);
      final Instant time = genesis.plus(BLOCK_TIME.multipliedBy(h)).plusNanos(123_456_789L);
      final Header header = new Header(11, 1, chainId, h, time, last, lastCommit, sha("data/" + h), hash(vals),
          hash(next), sha("consensus-params"), appHash.apply(h), sha("results/" + (h - 1)), Bytes.EMPTY,
          vals.validators().get(0).address());
      final LightBlock b = sign(header, vals, Optional.of(next), keys, allOf(vals), chainId, 0);
      out.add(b);
      last = b.commit().blockId();
      lastCommit = sha("commit/" + h + "/" + b.commit().blockId().hash().toHex());
    }
    return new CometChain(chainId, out, keys);
  }

  /**
   * The demo chain: 4 validators (power 10 each) at heights 1-10; A, B stay and E, F join for heights
   * 11-20 (a set change a skipping step can cross); E, F, G, H at 21 and above (no overlap with the first
   * set: a skip from 1 to 21+ is NOT_ENOUGH_TRUST and needs bisection).
   */
  public static CometChain demo(final String chainId, final Instant genesis, final int height,
      final LongFunction<Bytes> appHash) {
    final CometKey a = CometKey.ed25519("A");
    final CometKey b = CometKey.ed25519("B");
    final CometKey c = CometKey.ed25519("C");
    final CometKey d = CometKey.ed25519("D");
    final CometKey e = CometKey.ed25519("E");
    final CometKey f = CometKey.ed25519("F");
    final CometKey g = CometKey.ed25519("G");
    final CometKey hh = CometKey.ed25519("H");
    return generate(chainId, genesis, height, h -> h <= 10
        ? List.of(new Member(a, 10), new Member(b, 10), new Member(c, 10), new Member(d, 10))
        : h <= 20 ? List.of(new Member(a, 10), new Member(b, 10), new Member(e, 10), new Member(f, 10))
        : List.of(new Member(e, 10), new Member(f, 10), new Member(g, 10), new Member(hh, 10)), appHash);
  }

  /** A chain of {@code n} equal-power Ed25519 validators (benchmarks). */
  public static CometChain uniform(final String chainId, final Instant genesis, final int height, final int n) {
    final List<Member> m = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      m.add(new Member(CometKey.ed25519("V" + i), 100));
    }
    return generate(chainId, genesis, height, h -> m, h -> sha("app/" + h));
  }

  /** The validator set of members, in CometBFT order, recording their keys. */
  public static ValidatorSet set(final List<Member> members, final Map<Bytes, CometKey> keys) {
    final List<Validator> vs = new ArrayList<>();
    for (final Member m : members) {
      keys.put(m.key().address(), m.key());
      vs.add(m.key().validator(m.power()));
    }
    return ValidatorSet.sorted(vs);
  }

  /** All addresses of a set. */
  public static Set<Bytes> allOf(final ValidatorSet vals) {
    final java.util.LinkedHashSet<Bytes> s = new java.util.LinkedHashSet<>();
    vals.validators().forEach(v -> s.add(v.address()));
    return s;
  }

  /**
   * Signs {@code header} (whatever its fields) with the keys of {@code signers} for chain {@code signChainId};
   * the others are absent. The commit's block id is the header's hash.
   */
  public static LightBlock sign(final Header header, final ValidatorSet vals, final Optional<ValidatorSet> next,
      final Map<Bytes, CometKey> keys, final Set<Bytes> signers, final String signChainId, final int round) {
    final Bytes hash = Canonical.headerHash(header);
    final BlockId id = new BlockId(hash, 1, sha("parts/" + hash.toHex()));
    final List<CommitSig> sigs = new ArrayList<>();
    final List<CommitSig> unsigned = new ArrayList<>();
    for (final Validator v : vals.validators()) {
      if (signers.contains(v.address())) {
        unsigned.add(new CommitSig(CommitSig.COMMIT, v.address(), header.time(), Bytes.of(new byte[64])));
      } else {
        unsigned.add(CommitSig.absent());
      }
    }
    final Commit draft = new Commit(header.height(), round, id, unsigned);
    for (int i = 0; i < unsigned.size(); i++) {
      final CommitSig s = unsigned.get(i);
      if (s.blockIdFlag() != CommitSig.COMMIT) {
        sigs.add(s);
        continue;
      }
      final byte[] msg = Canonical.commitVoteSignBytes(signChainId, draft, i);
      sigs.add(new CommitSig(CommitSig.COMMIT, s.validatorAddress(), s.timestamp(),
          Bytes.of(keys.get(s.validatorAddress()).sign(msg))));
    }
    return new LightBlock(new SignedHeader(header, new Commit(header.height(), round, id, sigs)), vals, next);
  }

  /** The hash of a validator set (fails loudly for unsupported keys, which the generator never makes). */
  public static Bytes hash(final ValidatorSet vs) {
    final LightResult<Bytes> r = Canonical.validatorSetHashResult(vs);
    return r.value();
  }

  /** SHA-256 of a label (placeholder hashes). */
  public static Bytes sha(final String label) {
    return Sha256.hash(label.getBytes(StandardCharsets.UTF_8)).toBytes();
  }

  /** The chain id. */
  public String chainId() {
    return chainId;
  }

  /** The block at height {@code h} (1-based). */
  public LightBlock block(final long h) {
    return blocks.get((int) (h - 1));
  }

  /** The block at {@code h} without its next validator set (the RPC shape). */
  public LightBlock rpcBlock(final long h) {
    final LightBlock b = block(h);
    return new LightBlock(b.signedHeader(), b.validatorSet(), Optional.empty());
  }

  /** All blocks. */
  public List<LightBlock> blocks() {
    return blocks;
  }

  /** The latest height. */
  public long latestHeight() {
    return blocks.size();
  }

  /** The keys of every validator that ever appeared, by address. */
  public Map<Bytes, CometKey> keys() {
    return keys;
  }
}
