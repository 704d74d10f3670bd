package io.trestle.cosmos.light;

import io.trestle.crypto.Bytes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An IBC 07-tendermint client update, decoded from protobuf (untrusted) and verified the way ibc-go's
 * {@code VerifyClientMessage} does for a {@code Header}: the trusted state is the client's consensus state at
 * {@code trusted_height} (timestamp, next validators hash) with the header's {@code trusted_validators}, which
 * must hash to that next validators hash; the header is verified with the client state's trust level,
 * trusting period and max clock drift ({@link LightVerifier#verify}, skipping or adjacent by height).
 *
 * @param clientState the decoded client state
 * @param consensusState the decoded trusted consensus state
 * @param header the decoded header (signed header, validator set, trusted height, trusted validators)
 */
public record IbcClientUpdate(ClientState clientState, ConsensusState consensusState, IbcHeader header) {
  /** Checks for nulls. */
  public IbcClientUpdate {
    Objects.requireNonNull(clientState, "clientState");
    Objects.requireNonNull(consensusState, "consensusState");
    Objects.requireNonNull(header, "header");
  }

  /** {@code ibc.lightclients.tendermint.v1.ClientState}, the fields this verifier uses. */
  public record ClientState(String chainId, TrustLevel trustLevel, Duration trustingPeriod, Duration unbondingPeriod,
      Duration maxClockDrift, long frozenRevisionHeight, long latestRevisionNumber, long latestRevisionHeight) {}

  /** {@code ibc.lightclients.tendermint.v1.ConsensusState}. */
  public record ConsensusState(Instant timestamp, Bytes root, Bytes nextValidatorsHash) {}

  /** {@code ibc.lightclients.tendermint.v1.Header}. */
  public record IbcHeader(SignedHeader signedHeader, ValidatorSet validatorSet, long trustedRevisionNumber,
      long trustedRevisionHeight, ValidatorSet trustedValidators) {}

  /** Decodes the three protobuf messages. */
  public static LightResult<IbcClientUpdate> decode(final byte[] clientState, final byte[] consensusState,
      final byte[] header) {
    return LightResult.of(() -> new IbcClientUpdate(IbcProto.clientState(new ProtoReader(clientState, "client_state")),
        IbcProto.consensusState(new ProtoReader(consensusState, "consensus_state")),
        IbcProto.ibcHeader(new ProtoReader(header, "header"))));
  }

  /** The trusted state this update is verified from. */
  public LightResult<TrustedState> trustedState() {
    return TrustedState.fromConsensusState(clientState.chainId(), header.trustedRevisionHeight(),
        consensusState.timestamp(), consensusState.nextValidatorsHash(), header.trustedValidators());
  }

  /** The light block the header carries. */
  public LightBlock lightBlock() {
    return new LightBlock(header.signedHeader(), header.validatorSet(), Optional.empty());
  }

  /** The client state's verification options. */
  public VerifyOptions options() {
    return new VerifyOptions(clientState.trustLevel(), clientState.trustingPeriod(), clientState.maxClockDrift());
  }

  /** Verifies the update at {@code now}; the result is the new trusted state at the header's height. */
  public LightResult<TrustedState> verify(final Instant now) {
    if (clientState.frozenRevisionHeight() != 0) {
      return new LightResult.Rejected<>(LightRejection.TRUST_ROOT_MISMATCH, "the client is frozen at height "
          + clientState.frozenRevisionHeight());
    }
    final LightResult<TrustedState> t = trustedState();
    if (t instanceof LightResult.Rejected<TrustedState> r) {
      return r;
    }
    return LightVerifier.verify(t.value(), lightBlock(), options(), now);
  }

  /** Decoders of the IBC and CometBFT protobuf messages. */
  static final class IbcProto {
    private IbcProto() {}

    static ClientState clientState(final ProtoReader r) {
      String chainId = "";
      long num = 0;
      long den = 0;
      Duration trusting = Duration.ZERO;
      Duration unbonding = Duration.ZERO;
      Duration drift = Duration.ZERO;
      long[] frozen = {0, 0};
      long[] latest = {0, 0};
      while (r.hasMore()) {
        final ProtoReader.Field f = r.next();
        switch (f.number()) {
          case 1 -> { r.once(f); r.expect(f, 2); chainId = r.string(); }
          case 2 -> {
            r.once(f);
            r.expect(f, 2);
            final ProtoReader m = r.message("trust_level");
            while (m.hasMore()) {
              final ProtoReader.Field g = m.next();
              if (g.number() == 1) { m.once(g); m.expect(g, 0); num = m.varint(); }
              else if (g.number() == 2) { m.once(g); m.expect(g, 0); den = m.varint(); }
              else { m.skip(g); }
            }
          }
          case 3 -> { r.once(f); r.expect(f, 2); trusting = duration(r.message("trusting_period")); }
          case 4 -> { r.once(f); r.expect(f, 2); unbonding = duration(r.message("unbonding_period")); }
          case 5 -> { r.once(f); r.expect(f, 2); drift = duration(r.message("max_clock_drift")); }
          case 6 -> { r.once(f); r.expect(f, 2); frozen = height(r.message("frozen_height")); }
          case 7 -> { r.once(f); r.expect(f, 2); latest = height(r.message("latest_height")); }
          default -> r.skip(f);
        }
      }
      final TrustLevel level;
      try {
        level = new TrustLevel(num, den);
      } catch (IllegalArgumentException e) {
        throw r.bad(e.getMessage());
      }
      if (trusting.isZero() || trusting.isNegative() || drift.isNegative()) {
        throw r.bad("trusting period must be positive and max clock drift not negative");
      }
      return new ClientState(chainId, level, trusting, unbonding, drift, frozen[1], latest[0], latest[1]);
    }

    static ConsensusState consensusState(final ProtoReader r) {
      Instant ts = Instant.EPOCH;
      Bytes root = Bytes.EMPTY;
      Bytes next = Bytes.EMPTY;
      while (r.hasMore()) {
        final ProtoReader.Field f = r.next();
        switch (f.number()) {
          case 1 -> { r.once(f); r.expect(f, 2); ts = timestamp(r.message("timestamp")); }
          case 2 -> {
            r.once(f);
            r.expect(f, 2);
            final ProtoReader m = r.message("root");
            while (m.hasMore()) {
              final ProtoReader.Field g = m.next();
              if (g.number() == 1) { m.once(g); m.expect(g, 2); root = Bytes.of(m.bytes()); } else { m.skip(g); }
            }
          }
          case 3 -> { r.once(f); r.expect(f, 2); next = Bytes.of(r.bytes()); }
          default -> r.skip(f);
        }
      }
      return new ConsensusState(ts, root, next);
    }

    static IbcHeader ibcHeader(final ProtoReader r) {
      SignedHeader sh = null;
      ValidatorSet vals = null;
      ValidatorSet trusted = null;
      long[] th = {0, 0};
      while (r.hasMore()) {
        final ProtoReader.Field f = r.next();
        switch (f.number()) {
          case 1 -> { r.once(f); r.expect(f, 2); sh = signedHeader(r.message("signed_header")); }
          case 2 -> { r.once(f); r.expect(f, 2); vals = validatorSet(r.message("validator_set")); }
          case 3 -> { r.once(f); r.expect(f, 2); th = height(r.message("trusted_height")); }
          case 4 -> { r.once(f); r.expect(f, 2); trusted = validatorSet(r.message("trusted_validators")); }
          default -> r.skip(f);
        }
      }
      if (sh == null || vals == null || trusted == null) {
        throw r.bad("signed_header, validator_set and trusted_validators are required");
      }
      return new IbcHeader(sh, vals, th[0], th[1], trusted);
    }

    static SignedHeader signedHeader(final ProtoReader r) {
      Header h = null;
      Commit c = null;
      while (r.hasMore()) {
        final ProtoReader.Field f = r.next();
        switch (f.number()) {
          case 1 -> { r.once(f); r.expect(f, 2); h = cometHeader(r.message("header")); }
          case 2 -> { r.once(f); r.expect(f, 2); c = commit(r.message("commit")); }
          default -> r.skip(f);
        }
      }
      if (h == null || c == null) {
        throw r.bad("header and commit are required");
      }
      return new SignedHeader(h, c);
    }

    static Header cometHeader(final ProtoReader r) {
      long vb = 0;
      long va = 0;
      String chain = "";
      long height = 0;
      Instant time = Instant.EPOCH;
      BlockId last = BlockId.ZERO;
      final Bytes[] h = new Bytes[15];
      java.util.Arrays.fill(h, Bytes.EMPTY);
      while (r.hasMore()) {
        final ProtoReader.Field f = r.next();
        final int n = f.number();
        if (n >= 1 && n <= 14) {
          r.once(f);
        }
        switch (n) {
          case 1 -> {
            r.expect(f, 2);
            final ProtoReader m = r.message("version");
            while (m.hasMore()) {
              final ProtoReader.Field g = m.next();
              if (g.number() == 1) { m.once(g); m.expect(g, 0); vb = m.varint(); }
              else if (g.number() == 2) { m.once(g); m.expect(g, 0); va = m.varint(); }
              else { m.skip(g); }
            }
          }
          case 2 -> { r.expect(f, 2); chain = r.string(); }
          case 3 -> { r.expect(f, 0); height = r.varint(); }
          case 4 -> { r.expect(f, 2); time = timestamp(r.message("time")); }
          case 5 -> { r.expect(f, 2); last = blockId(r.message("last_block_id")); }
          case 6, 7, 8, 9, 10, 11, 12, 13, 14 -> { r.expect(f, 2); h[n] = Bytes.of(r.bytes()); }
          default -> r.skip(f);
        }
      }
      return new Header(vb, va, chain, height, time, last, h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14]);
    }

    static BlockId blockId(final ProtoReader r) {
      Bytes hash = Bytes.EMPTY;
      long total = 0;
      Bytes ph = Bytes.EMPTY;
      while (r.hasMore()) {
        final ProtoReader.Field f = r.next();
        if (f.number() == 1) {
          r.once(f);
          r.expect(f, 2);
          hash = Bytes.of(r.bytes());
        } else if (f.number() == 2) {
          r.once(f);
          r.expect(f, 2);
          final ProtoReader m = r.message("part_set_header");
          while (m.hasMore()) {
            final ProtoReader.Field g = m.next();
            if (g.number() == 1) {
              m.once(g);
              m.expect(g, 0);
              total = m.varint();
              if (total < 0 || total > 0xFFFF_FFFFL) {
                throw m.bad("total exceeds uint32");
              }
            } else if (g.number() == 2) {
              m.once(g);
              m.expect(g, 2);
              ph = Bytes.of(m.bytes());
            } else {
              m.skip(g);
            }
          }
        } else {
          r.skip(f);
        }
      }
      return new BlockId(hash, total, ph);
    }

    static Commit commit(final ProtoReader r) {
      long height = 0;
      long round = 0;
      BlockId id = BlockId.ZERO;
      final List<CommitSig> sigs = ProtoReader.list();
      while (r.hasMore()) {
        final ProtoReader.Field f = r.next();
        switch (f.number()) {
          case 1 -> { r.once(f); r.expect(f, 0); height = r.varint(); }
          case 2 -> { r.once(f); r.expect(f, 0); round = r.varint(); }
          case 3 -> { r.once(f); r.expect(f, 2); id = blockId(r.message("block_id")); }
          case 4 -> {
            r.expect(f, 2);
            if (sigs.size() >= LightBlockJson.MAX_LIST) {
              throw r.bad("more than " + LightBlockJson.MAX_LIST + " signatures");
            }
            sigs.add(commitSig(r.message("signatures[" + sigs.size() + "]")));
          }
          default -> r.skip(f);
        }
      }
      if (round < 0 || round > Integer.MAX_VALUE) {
        throw r.bad("round out of int32 range");
      }
      return new Commit(height, (int) round, id, sigs);
    }

    static CommitSig commitSig(final ProtoReader r) {
      long flag = 0;
      Bytes addr = Bytes.EMPTY;
      Instant ts = Instant.EPOCH;
      Bytes sig = Bytes.EMPTY;
      while (r.hasMore()) {
        final ProtoReader.Field f = r.next();
        switch (f.number()) {
          case 1 -> { r.once(f); r.expect(f, 0); flag = r.varint(); }
          case 2 -> { r.once(f); r.expect(f, 2); addr = Bytes.of(r.bytes()); }
          case 3 -> { r.once(f); r.expect(f, 2); ts = timestamp(r.message("timestamp")); }
          case 4 -> { r.once(f); r.expect(f, 2); sig = Bytes.of(r.bytes()); }
          default -> r.skip(f);
        }
      }
      return new CommitSig((int) Math.min(Math.max(flag, Integer.MIN_VALUE), Integer.MAX_VALUE), addr, ts, sig);
    }

    static ValidatorSet validatorSet(final ProtoReader r) {
      final List<Validator> vals = ProtoReader.list();
      while (r.hasMore()) {
        final ProtoReader.Field f = r.next();
        if (f.number() == 1) {
          r.expect(f, 2);
          if (vals.size() >= LightBlockJson.MAX_LIST) {
            throw r.bad("more than " + LightBlockJson.MAX_LIST + " validators");
          }
          vals.add(validator(r.message("validators[" + vals.size() + "]")));
        } else {
          r.skip(f);
        }
      }
      return new ValidatorSet(vals);
    }

    static Validator validator(final ProtoReader r) {
      Bytes addr = Bytes.EMPTY;
      PublicKey pk = new PublicKey("", Bytes.EMPTY);
      long power = 0;
      while (r.hasMore()) {
        final ProtoReader.Field f = r.next();
        switch (f.number()) {
          case 1 -> { r.once(f); r.expect(f, 2); addr = Bytes.of(r.bytes()); }
          case 2 -> {
            r.once(f);
            r.expect(f, 2);
            final ProtoReader m = r.message("pub_key");
            while (m.hasMore()) {
              final ProtoReader.Field g = m.next();
              m.once(new ProtoReader.Field(0, 0));
              m.expect(g, 2);
              final Bytes v = Bytes.of(m.bytes());
              pk = switch (g.number()) {
                case 1 -> new PublicKey(PublicKey.ED25519, v);
                case 2 -> new PublicKey(PublicKey.SECP256K1, v);
                default -> new PublicKey("proto-field-" + g.number(), v);
              };
            }
          }
          case 3 -> { r.once(f); r.expect(f, 0); power = r.varint(); }
          default -> r.skip(f);
        }
      }
      return new Validator(addr, pk, power);
    }

    static Instant timestamp(final ProtoReader r) {
      long s = 0;
      long n = 0;
      while (r.hasMore()) {
        final ProtoReader.Field f = r.next();
        if (f.number() == 1) { r.once(f); r.expect(f, 0); s = r.varint(); }
        else if (f.number() == 2) { r.once(f); r.expect(f, 0); n = r.varint(); }
        else { r.skip(f); }
      }
      if (n < 0 || n > 999_999_999L || s < -62_135_596_800L || s > 253_402_300_799L) {
        throw r.bad("timestamp out of range");
      }
      return Instant.ofEpochSecond(s, n);
    }

    static Duration duration(final ProtoReader r) {
      final Instant t = timestamp(r);
      return Duration.ofSeconds(t.getEpochSecond(), t.getNano());
    }

    static long[] height(final ProtoReader r) {
      final long[] out = {0, 0};
      while (r.hasMore()) {
        final ProtoReader.Field f = r.next();
        if (f.number() == 1) { r.once(f); r.expect(f, 0); out[0] = r.varint(); }
        else if (f.number() == 2) { r.once(f); r.expect(f, 0); out[1] = r.varint(); }
        else { r.skip(f); }
      }
      return out;
    }
  }
}
