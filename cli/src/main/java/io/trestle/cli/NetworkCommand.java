package io.trestle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.lightclient.config.ChainConfig;
import io.trestle.lightclient.config.Fork;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code trestle network NAME [--genesis-validators-root HEX] [--json]}: what Trestle believes about a
 * network before it trusts any data of it. For every fork: version, activation epoch and first slot (or
 * "not scheduled"), the fork digest at activation, and the light-client container shape (header fields
 * and branch depths); then every fork digest step (fork × {@code BLOB_SCHEDULE}), and a scheduled fork
 * this version does not know. Nothing is fetched or verified: this prints configuration.
 *
 * <p>JSON: {@code {"verified": true, "network", "preset", "genesis_validators_root", "genesis_time",
 * "forks": [{"fork", "version", "epoch" (null if not scheduled), "first_slot" (null), "digest" (null),
 * "light_client": {"header", "finality_branch", "sync_committee_branch", "execution_branch"}}],
 * "digests": [{"fork", "epoch", "first_slot", "digest", "max_blobs_per_block"}], "unsupported_fork":
 * null | {"name", "epoch", "message"}}}. {@code verified} is true when the configuration was read; integers
 * that can reach 2^64 are decimal strings.
 */
final class NetworkCommand implements Command {
  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    final Args a = Args.parse(argv, Set.of("genesis-validators-root"), Set.of("json"));
    if (a.positional().size() != 1) {
      throw new UsageException("network needs exactly one NAME");
    }
    final ChainConfig c = OnlineSync.network(a.positional().get(0), a);
    if (a.flag("json")) {
      Output.print(json(c), out);
    } else {
      text(c, out);
    }
    return OK;
  }

  /** The header shape of a fork, as its container's fields. */
  static String headerShape(final Fork f) {
    return switch (f.lightClientShape()) {
      case NONE -> "none (no light client)";
      case BEACON_ONLY -> "{beacon}";
      case CAPELLA -> "{beacon, execution: capella.ExecutionPayloadHeader, execution_branch[4]}";
      case DENEB -> "{beacon, execution: deneb.ExecutionPayloadHeader, execution_branch[4]}";
      case GLOAS -> "{beacon, execution_block_hash, execution_branch[11]}";
    };
  }

  private static Optional<String> digestAt(final ChainConfig c, final long epoch) {
    return c.forkDigestAtEpoch(epoch).map(d -> d.toHex());
  }

  private static ObjectNode json(final ChainConfig c) {
    final ObjectNode o = Output.object();
    o.put("verified", true);
    o.put("network", c.name());
    o.put("preset", c.preset().name());
    o.put("genesis_validators_root", c.genesisValidatorsRoot().toHex());
    o.put("genesis_time", Long.toUnsignedString(c.genesisTime()));
    final ArrayNode forks = o.putArray("forks");
    for (final Fork f : Fork.values()) {
      final Optional<io.trestle.crypto.Bytes> version = c.forkVersion(f);
      if (version.isEmpty()) {
        continue;
      }
      final ObjectNode e = forks.addObject();
      e.put("fork", f.specName());
      e.put("version", version.get().toHex());
      if (c.forkEpoch(f).isPresent()) {
        final long epoch = c.forkEpoch(f).getAsLong();
        e.put("epoch", Long.toUnsignedString(epoch));
        e.put("first_slot", Long.toUnsignedString(epoch * c.preset().slotsPerEpoch()));
        final Optional<String> d = digestAt(c, epoch);
        if (d.isPresent() && c.forkAtEpoch(epoch).orElse(null) == f) {
          e.put("digest", d.get());
        } else {
          e.putNull("digest");
        }
      } else {
        e.putNull("epoch");
        e.putNull("first_slot");
        e.putNull("digest");
      }
      final ObjectNode lc = e.putObject("light_client");
      lc.put("header", headerShape(f));
      if (f.lightClientShape() != Fork.Shape.NONE) {
        lc.put("finality_branch", f.finalityBranchDepth());
        lc.put("sync_committee_branch", f.syncCommitteeBranchDepth());
        lc.put("execution_branch", f.executionBranchDepth());
      }
    }
    final ArrayNode digests = o.putArray("digests");
    for (final ChainConfig.DigestStep s : c.digestSteps()) {
      final ObjectNode d = digests.addObject();
      d.put("fork", s.fork().specName());
      d.put("epoch", Long.toUnsignedString(s.epoch()));
      d.put("first_slot", Long.toUnsignedString(s.epoch() * c.preset().slotsPerEpoch()));
      d.put("digest", s.digest().toHex());
      if (c.isActive(Fork.FULU, s.epoch())) {
        d.put("max_blobs_per_block", c.blobParametersAt(s.epoch()).maxBlobsPerBlock());
      } else {
        d.putNull("max_blobs_per_block");
      }
    }
    if (c.unsupportedFork().isPresent()) {
      final ChainConfig.UnsupportedFork u = c.unsupportedFork().get();
      final ObjectNode n = o.putObject("unsupported_fork");
      n.put("name", u.name());
      n.put("epoch", Long.toUnsignedString(u.epoch()));
      n.put("message", u.message());
    } else {
      o.putNull("unsupported_fork");
    }
    return o;
  }

  private static void text(final ChainConfig c, final PrintStream out) {
    out.println("network " + c.name() + " (" + c.preset().name() + " preset), genesis validators root "
        + c.genesisValidatorsRoot() + ", genesis time " + Long.toUnsignedString(c.genesisTime()));
    out.println(String.format("%-10s %-10s %-12s %-12s %-10s %s", "fork", "version", "epoch", "first slot",
        "digest", "light-client header (branches: finality / committees / execution)"));
    for (final Fork f : Fork.values()) {
      final Optional<io.trestle.crypto.Bytes> version = c.forkVersion(f);
      if (version.isEmpty()) {
        continue;
      }
      final boolean scheduled = c.forkEpoch(f).isPresent();
      final long epoch = scheduled ? c.forkEpoch(f).getAsLong() : 0;
      final String digest = scheduled && c.forkAtEpoch(epoch).orElse(null) == f
          ? digestAt(c, epoch).orElse("-") : "-";
      final String branches = f.lightClientShape() == Fork.Shape.NONE ? ""
          : "  (" + f.finalityBranchDepth() + " / " + f.syncCommitteeBranchDepth() + " / " + f.executionBranchDepth()
              + ")";
      out.println(String.format("%-10s %-10s %-12s %-12s %-10s %s", f.specName(), version.get().toHex(),
          scheduled ? Long.toUnsignedString(epoch) : "not scheduled",
          scheduled ? Long.toUnsignedString(epoch * c.preset().slotsPerEpoch()) : "-", digest,
          headerShape(f) + branches));
    }
    out.println("fork digests (every fork x blob-schedule step):");
    for (final ChainConfig.DigestStep s : c.digestSteps()) {
      out.println(String.format("  %s  from epoch %-10s slot %-12s %s%s", s.digest().toHex(),
          Long.toUnsignedString(s.epoch()), Long.toUnsignedString(s.epoch() * c.preset().slotsPerEpoch()),
          s.fork().specName(), c.isActive(Fork.FULU, s.epoch())
              ? " (max blobs " + c.blobParametersAt(s.epoch()).maxBlobsPerBlock() + ")" : ""));
    }
    c.unsupportedFork().ifPresent(u -> out.println("NOT SUPPORTED: " + u.message()
        + "; data from that epoch on is refused"));
  }

  @Override
  public String usage() {
    return "network NAME [--genesis-validators-root HEX] [--json]   # fork schedule, digests, light-client shapes\n"
        + "   (NAME: mainnet, sepolia, hoodi, minimal, or a config.yaml path)";
  }
}
