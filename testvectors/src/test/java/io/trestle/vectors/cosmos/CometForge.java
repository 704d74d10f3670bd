package io.trestle.vectors.cosmos;

import io.trestle.cosmos.light.Header;
import io.trestle.cosmos.light.LightBlock;
import io.trestle.cosmos.light.Validator;
import io.trestle.cosmos.light.ValidatorSet;
import io.trestle.crypto.Bytes;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Builds forged light blocks from a generated chain for adversarial tests. */
final class CometForge {
  private CometForge() {}

  /**
   * Block {@code h} of {@code chain} with its header changed by {@code edit}, re-signed for {@code signChain}
   * by the first {@code signers} validators of its set (RPC shape: no next set).
   */
  static LightBlock resign(final CometChain chain, final long h, final UnaryOperator<Header> edit,
      final String signChain, final int signers) {
    final LightBlock b = chain.block(h);
    final Set<Bytes> who = new LinkedHashSet<>();
    for (final Validator v : b.validatorSet().validators().subList(0, signers)) {
      who.add(v.address());
    }
    return CometChain.sign(edit.apply(b.header()), b.validatorSet(), Optional.empty(), chain.keys(), who, signChain,
        b.commit().round());
  }

  /** Block {@code h} with another validator set (its hash put in the header), signed by all of it. */
  static LightBlock withSet(final CometChain chain, final long h, final ValidatorSet vals,
      final java.util.Map<Bytes, CometKey> keys) {
    final Header o = chain.block(h).header();
    final Header header = new Header(o.versionBlock(), o.versionApp(), o.chainId(), o.height(), o.time(),
        o.lastBlockId(), o.lastCommitHash(), o.dataHash(), CometChain.hash(vals), o.nextValidatorsHash(),
        o.consensusHash(), o.appHash(), o.lastResultsHash(), o.evidenceHash(), o.proposerAddress());
    return CometChain.sign(header, vals, Optional.empty(), keys, CometChain.allOf(vals), o.chainId(), 0);
  }
}
