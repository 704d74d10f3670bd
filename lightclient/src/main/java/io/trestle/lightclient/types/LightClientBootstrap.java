package io.trestle.lightclient.types;

import io.trestle.crypto.Hash32;
import io.trestle.proofs.ssz.Merkle;
import io.trestle.proofs.ssz.SszReader;
import io.trestle.proofs.ssz.SszWriter;
import java.util.List;
import java.util.Objects;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.config.ChainConfig.Preset;

/**
 * {@code LightClientBootstrap}: untrusted until {@code initialize_light_client_store} checks it against
 * a trusted block root.
 *
 * @param header the header whose root must equal the trusted block root
 * @param currentSyncCommittee the committee claimed for the header's period
 * @param currentSyncCommitteeBranch its branch against {@code header.beacon.state_root}
 */
public record LightClientBootstrap(
    LightClientHeader header, SyncCommittee currentSyncCommittee, List<Hash32> currentSyncCommitteeBranch) {
  /** Validates non-null fields and copies the branch. */
  public LightClientBootstrap {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(currentSyncCommittee, "currentSyncCommittee");
    currentSyncCommitteeBranch = List.copyOf(currentSyncCommitteeBranch);
  }

  /** The fork of this object's shape. */
  public Fork fork() {
    return header.fork();
  }

  /** {@code hash_tree_root}. */
  public Hash32 hashTreeRoot() {
    return Merkle.container(
        header.hashTreeRoot(), currentSyncCommittee.hashTreeRoot(), Merkle.merkleize(currentSyncCommitteeBranch));
  }

  /** Strict SSZ decoding for a fork and preset. */
  public static LightClientBootstrap decode(final byte[] ssz, final Fork fork, final Preset preset) {
    final SszReader r = SszReader.of(ssz, "LightClientBootstrap");
    LightClientHeader header = HeaderField.readFixedOrOffset(r, fork, "header");
    final SyncCommittee committee =
        SyncCommittee.decode(r.fixed(SyncCommittee.size(preset), "current_sync_committee"), preset);
    final List<Hash32> branch = r.bytes32Vector(fork.syncCommitteeBranchDepth(), "current_sync_committee_branch");
    final List<SszReader> vars = r.variables();
    if (header == null) {
      header = LightClientHeader.decode(vars.get(0), fork);
    }
    return new LightClientBootstrap(header, committee, branch);
  }

  /** SSZ serialization. */
  public byte[] encode() {
    final SszWriter w = new SszWriter();
    HeaderField.write(w, header);
    return w.bytes(currentSyncCommittee.encode()).bytes32Vector(currentSyncCommitteeBranch).toBytes();
  }
}
