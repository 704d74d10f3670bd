package io.trestle.cosmos.ibc;

import io.trestle.crypto.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * IBC store keys (ICS-24 host paths) for packets, as ibc-go writes them: IBC v1 ({@code
 * modules/core/24-host/packet_keys.go}) and IBC v2 / Eureka ({@code modules/core/24-host/v2}). The keys
 * live in the {@value #IBC_STORE} store of an SDK chain; {@link MerklePath#inStore} makes the chained
 * path. Pure functions of their arguments; identifiers are not validated beyond being non-empty
 * (a key built from a wrong identifier simply fails to verify).
 */
public final class IbcPaths {
  /** The SDK store name under which ibc-go keeps its state (the Merkle prefix {@code ["ibc", ""]}). */
  public static final String IBC_STORE = "ibc";

  private IbcPaths() {}

  /** v1 {@code commitments/ports/{port}/channels/{channel}/sequences/{seq}}. */
  public static Bytes packetCommitmentV1(final String portId, final String channelId, final long sequence) {
    return utf8("commitments/" + channel(portId, channelId) + "/sequences/" + Long.toUnsignedString(sequence));
  }

  /** v1 {@code acks/ports/{port}/channels/{channel}/sequences/{seq}}. */
  public static Bytes packetAcknowledgementV1(final String portId, final String channelId, final long sequence) {
    return utf8("acks/" + channel(portId, channelId) + "/sequences/" + Long.toUnsignedString(sequence));
  }

  /** v1 {@code receipts/ports/{port}/channels/{channel}/sequences/{seq}}. */
  public static Bytes packetReceiptV1(final String portId, final String channelId, final long sequence) {
    return utf8("receipts/" + channel(portId, channelId) + "/sequences/" + Long.toUnsignedString(sequence));
  }

  /** v1 {@code nextSequenceRecv/ports/{port}/channels/{channel}}. */
  public static Bytes nextSequenceRecvV1(final String portId, final String channelId) {
    return utf8("nextSequenceRecv/" + channel(portId, channelId));
  }

  /** v2 {@code clientId ‖ 0x01 ‖ uint64_be(sequence)}. */
  public static Bytes packetCommitmentV2(final String clientId, final long sequence) {
    return v2(clientId, (byte) 1, sequence);
  }

  /** v2 {@code clientId ‖ 0x02 ‖ uint64_be(sequence)}. */
  public static Bytes packetReceiptV2(final String clientId, final long sequence) {
    return v2(clientId, (byte) 2, sequence);
  }

  /** v2 {@code clientId ‖ 0x03 ‖ uint64_be(sequence)}. */
  public static Bytes packetAcknowledgementV2(final String clientId, final long sequence) {
    return v2(clientId, (byte) 3, sequence);
  }

  /** {@code clients/{clientId}/clientState}. */
  public static Bytes clientState(final String clientId) {
    return utf8("clients/" + nonEmpty(clientId, "clientId") + "/clientState");
  }

  private static Bytes v2(final String clientId, final byte kind, final long sequence) {
    final byte[] id = nonEmpty(clientId, "clientId").getBytes(StandardCharsets.UTF_8);
    final byte[] out = new byte[id.length + 9];
    System.arraycopy(id, 0, out, 0, id.length);
    out[id.length] = kind;
    for (int i = 0; i < 8; i++) {
      out[id.length + 1 + i] = (byte) (sequence >>> (56 - 8 * i));
    }
    return Bytes.of(out);
  }

  private static String channel(final String portId, final String channelId) {
    return "ports/" + nonEmpty(portId, "portId") + "/channels/" + nonEmpty(channelId, "channelId");
  }

  private static String nonEmpty(final String s, final String name) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return s;
  }

  private static Bytes utf8(final String s) {
    return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
  }
}
