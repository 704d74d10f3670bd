package io.trestle.cosmos.ibc;

import io.trestle.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The fields of an IBC v2 (Eureka) packet that its commitment binds (ibc-go v10 {@code
 * 04-channel/v2/types/commitment.go}). A claim from the relayer, verified only by {@link
 * StateProofVerifier#verifyPacketCommitmentV2}.
 *
 * @param sourceClient the sending chain's client id (part of the store key)
 * @param destinationClient the receiving chain's client id (part of the commitment)
 * @param sequence the packet sequence
 * @param timeoutTimestamp timeout in Unix seconds
 * @param payloads the payloads, in order
 */
public record PacketV2(
    String sourceClient, String destinationClient, long sequence, long timeoutTimestamp, List<Payload> payloads) {
  /** Copies and rejects nulls. */
  public PacketV2 {
    Objects.requireNonNull(sourceClient, "sourceClient");
    Objects.requireNonNull(destinationClient, "destinationClient");
    payloads = List.copyOf(payloads);
  }

  /**
   * One application payload.
   *
   * @param sourcePort the sending application's port
   * @param destinationPort the receiving application's port
   * @param version the application version
   * @param encoding the value's encoding (e.g. {@code application/json})
   * @param value the application data
   */
  public record Payload(String sourcePort, String destinationPort, String version, String encoding, Bytes value) {
    /** Rejects nulls. */
    public Payload {
      Objects.requireNonNull(sourcePort, "sourcePort");
      Objects.requireNonNull(destinationPort, "destinationPort");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(encoding, "encoding");
      Objects.requireNonNull(value, "value");
    }

    /** {@code hashPayload}: sha256 over the sha256 of source port, destination port, version, encoding, value. */
    Bytes hash() {
      final byte[] buf = new byte[160];
      PacketCommitments.sha256(utf8(sourcePort)).copyTo(buf, 0);
      PacketCommitments.sha256(utf8(destinationPort)).copyTo(buf, 32);
      PacketCommitments.sha256(utf8(version)).copyTo(buf, 64);
      PacketCommitments.sha256(utf8(encoding)).copyTo(buf, 96);
      PacketCommitments.sha256(value.toArray()).copyTo(buf, 128);
      return PacketCommitments.sha256(buf).toBytes();
    }
  }

  /**
   * {@code CommitPacket} (v2): {@code sha256(0x02 ‖ sha256(destinationClient) ‖
   * sha256(uint64_be(timeout)) ‖ sha256(hash(payload_1) ‖ … ‖ hash(payload_n)))}.
   */
  public Bytes commitment() {
    final byte[] buf = new byte[97];
    buf[0] = 2;
    PacketCommitments.sha256(utf8(destinationClient)).copyTo(buf, 1);
    final byte[] t = new byte[8];
    PacketCommitments.putLong(t, 0, timeoutTimestamp);
    PacketCommitments.sha256(t).copyTo(buf, 33);
    final byte[] app = new byte[32 * payloads.size()];
    for (int i = 0; i < payloads.size(); i++) {
      payloads.get(i).hash().copyTo(app, 32 * i);
    }
    PacketCommitments.sha256(app).copyTo(buf, 65);
    return PacketCommitments.sha256(buf).toBytes();
  }

  /** The store key {@code sourceClient ‖ 0x01 ‖ uint64_be(sequence)}. */
  public Bytes commitmentKey() {
    return IbcPaths.packetCommitmentV2(sourceClient, sequence);
  }

  private static byte[] utf8(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
