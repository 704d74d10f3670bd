package io.trestle.cosmos.light;

import io.trestle.crypto.Bytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CometBFT's canonical encodings, written by hand (a protobuf serializer does not promise these bytes):
 *
 * <ul>
 *   <li>{@link #voteSignBytes}: {@code VoteSignBytes}, the length-prefixed {@code CanonicalVote}
 *       ({@code types/canonical.go}): height and round as {@code sfixed64}, zero fields omitted, the
 *       block id omitted when zero but its part-set header always written when present, the timestamp
 *       always written;
 *   <li>{@link #headerHash}: {@code Header.Hash}, the RFC-6962 root over the 14 header fields, each in
 *       its wrapper encoding ({@code StringValue}, {@code Int64Value}, {@code BytesValue}, ...);
 *   <li>{@link #validatorSetHash}: {@code ValidatorSet.Hash}, the root over each validator's {@code
 *       SimpleValidator{pub_key, voting_power}} in the set's order.
 * </ul>
 */
public final class Canonical {
  /** {@code SignedMsgType} precommit. */
  public static final int PRECOMMIT = 2;

  private Canonical() {}

  /** {@code google.protobuf.Timestamp} bytes (zero seconds and zero nanos omitted). */
  static byte[] timestamp(final Instant t) {
    return new ProtoWriter().uint64(1, t.getEpochSecond()).uint64(2, t.getNano()).toByteArray();
  }

  /** {@code tendermint.types.BlockID} bytes; {@code part_set_header} is non-nullable, always written. */
  static byte[] blockId(final BlockId id) {
    final byte[] psh = new ProtoWriter().uint64(1, id.partSetTotal()).bytes(2, id.partSetHash().toArray())
        .toByteArray();
    return new ProtoWriter().bytes(1, id.hash().toArray()).message(2, psh).toByteArray();
  }

  /**
   * {@code VoteSignBytes(chainID, vote)}: the uvarint length prefix, then {@code CanonicalVote{type=1,
   * height=2 sfixed64, round=3 sfixed64, block_id=4, timestamp=5, chain_id=6}}. The vote extension is not
   * part of it.
   */
  public static byte[] voteSignBytes(final String chainId, final int type, final long height, final long round,
      final BlockId blockId, final Instant timestamp) {
    final ProtoWriter w = new ProtoWriter().uint64(1, type).sfixed64(2, height).sfixed64(3, round);
    if (!blockId.isZero()) {
      // CanonicalBlockID{hash=1, part_set_header=2 (non-nullable)}: the same bytes as BlockID
      w.message(4, blockId(blockId));
    }
    w.message(5, timestamp(timestamp)).string(6, chainId);
    return ProtoWriter.lengthPrefixed(w.toByteArray());
  }

  /** The bytes the {@code idx}-th commit signature signs ({@code Commit.VoteSignBytes}). */
  public static byte[] commitVoteSignBytes(final String chainId, final Commit commit, final int idx) {
    final CommitSig s = commit.signatures().get(idx);
    final BlockId id = s.blockIdFlag() == CommitSig.COMMIT ? commit.blockId() : BlockId.ZERO;
    return voteSignBytes(chainId, PRECOMMIT, commit.height(), commit.round(), id, s.timestamp());
  }

  /**
   * {@code Header.Hash()}: empty when {@code validators_hash} is empty (CometBFT returns nil then),
   * otherwise the 32-byte RFC-6962 root over the 14 field leaves.
   */
  public static Bytes headerHash(final Header h) {
    if (h.validatorsHash().isEmpty()) {
      return Bytes.EMPTY;
    }
    return Bytes.of(SimpleMerkle.root(headerLeaves(h)));
  }

  /** The 14 leaves of the header hash, in order (exposed to tests). */
  static List<byte[]> headerLeaves(final Header h) {
    final List<byte[]> l = new ArrayList<>(14);
    l.add(new ProtoWriter().uint64(1, h.versionBlock()).uint64(2, h.versionApp()).toByteArray());
    l.add(new ProtoWriter().string(1, h.chainId()).toByteArray());
    l.add(new ProtoWriter().uint64(1, h.height()).toByteArray());
    l.add(timestamp(h.time()));
    l.add(blockId(h.lastBlockId()));
    for (final Bytes b : List.of(h.lastCommitHash(), h.dataHash(), h.validatorsHash(), h.nextValidatorsHash(),
        h.consensusHash(), h.appHash(), h.lastResultsHash(), h.evidenceHash(), h.proposerAddress())) {
      l.add(new ProtoWriter().bytes(1, b.toArray()).toByteArray());
    }
    return l;
  }

  /** {@code SimpleValidator{pub_key=1 PublicKey{ed25519=1 | secp256k1=2}, voting_power=2}} bytes. */
  static byte[] simpleValidator(final Validator v) {
    final int keyField;
    if (PublicKey.ED25519.equals(v.pubKey().type())) {
      keyField = 1;
    } else if (PublicKey.SECP256K1.equals(v.pubKey().type())) {
      keyField = 2;
    } else {
      throw new LightException(LightRejection.UNSUPPORTED_KEY_TYPE, "validator " + v.address().toHex()
          + " has key type '" + v.pubKey().type() + "'");
    }
    final byte[] pk = new ProtoWriter().bytes(keyField, v.pubKey().value().toArray()).toByteArray();
    return new ProtoWriter().message(1, pk).uint64(2, v.votingPower()).toByteArray();
  }

  /**
   * {@code ValidatorSet.Hash()}: the RFC-6962 root over the validators' {@code SimpleValidator} bytes, in
   * the order given. Throws {@link LightException} (UNSUPPORTED_KEY_TYPE) for an unknown key type; use
   * {@link #validatorSetHashResult} for a result.
   */
  static Bytes validatorSetHash(final ValidatorSet vs) {
    final List<byte[]> leaves = new ArrayList<>(vs.size());
    for (final Validator v : vs.validators()) {
      leaves.add(simpleValidator(v));
    }
    return Bytes.of(SimpleMerkle.root(leaves));
  }

  /** {@code ValidatorSet.Hash()} as a result (rejected only for an unsupported key type). */
  public static LightResult<Bytes> validatorSetHashResult(final ValidatorSet vs) {
    return LightResult.of(() -> validatorSetHash(vs));
  }
}
