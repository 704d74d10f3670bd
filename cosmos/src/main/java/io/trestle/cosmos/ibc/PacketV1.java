package io.trestle.cosmos.ibc;

import io.trestle.crypto.Bytes;
import java.util.Objects;

/**
 * The fields of an IBC v1 packet that its commitment binds (ibc-go {@code 04-channel/types} {@code
 * CommitPacket}), plus where the sending chain stores it. A claim from the relayer, verified only by
 * {@link StateProofVerifier#verifyPacketCommitmentV1}.
 *
 * @param sourcePort the sending port
 * @param sourceChannel the sending channel
 * @param sequence the packet sequence
 * @param timeoutRevisionNumber timeout height revision number (0 if no height timeout)
 * @param timeoutRevisionHeight timeout height (0 if none)
 * @param timeoutTimestamp timeout in Unix nanoseconds (0 if none)
 * @param data the packet data
 */
public record PacketV1(
    String sourcePort, String sourceChannel, long sequence, long timeoutRevisionNumber, long timeoutRevisionHeight,
    long timeoutTimestamp, Bytes data) {
  /** Rejects nulls. */
  public PacketV1 {
    Objects.requireNonNull(sourcePort, "sourcePort");
    Objects.requireNonNull(sourceChannel, "sourceChannel");
    Objects.requireNonNull(data, "data");
  }

  /**
   * {@code CommitPacket}: {@code sha256(uint64_be(timeout_timestamp) ‖ uint64_be(revision_number) ‖
   * uint64_be(revision_height) ‖ sha256(data))}.
   */
  public Bytes commitment() {
    final byte[] buf = new byte[56];
    PacketCommitments.putLong(buf, 0, timeoutTimestamp);
    PacketCommitments.putLong(buf, 8, timeoutRevisionNumber);
    PacketCommitments.putLong(buf, 16, timeoutRevisionHeight);
    PacketCommitments.sha256(data.toArray()).copyTo(buf, 24);
    return PacketCommitments.sha256(buf).toBytes();
  }

  /** The store key {@code commitments/ports/{port}/channels/{channel}/sequences/{seq}}. */
  public Bytes commitmentKey() {
    return IbcPaths.packetCommitmentV1(sourcePort, sourceChannel, sequence);
  }
}
