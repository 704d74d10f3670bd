package io.trestle.proofs.property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.testbase.Seeds;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Execution header properties for every fork shape: Frontier-Berlin (15 fields), London (16),
 * Shanghai (17), Cancun (20), Prague (21). A random header's RLP is built here from the Yellow Paper
 * field order with the {@link RlpPropertyTest#spec} encoder (not the code under test); the header
 * must encode to exactly those bytes, decode back to itself, hash to keccak of them, and read back from
 * the JSON-RPC form with that hash.
 */
class HeaderPropertyTest {
  private static final int[] FORK_FIELDS = {15, 16, 17, 20, 21};

  @Test
  void everyForkShapeRoundTrips() {
    Seeds.run("execution header round trip", 200, seed -> {
      final Random r = new Random(seed);
      final int fields = FORK_FIELDS[r.nextInt(FORK_FIELDS.length)];
      final Hash32 parent = hash(r);
      final Hash32 ommers = hash(r);
      final Address miner = Address.of(bytes(r, 20));
      final Hash32 state = hash(r);
      final Hash32 txs = hash(r);
      final Hash32 receipts = hash(r);
      final Bytes bloom = Bytes.of(bytes(r, 256));
      final BigInteger difficulty = new BigInteger(r.nextInt(257), r);
      final long number = r.nextLong() >>> 1 >>> r.nextInt(63);
      final long gasLimit = r.nextLong() >>> 1 >>> r.nextInt(63);
      final long gasUsed = r.nextLong() >>> 1 >>> r.nextInt(63);
      final long timestamp = r.nextLong() >>> 1 >>> r.nextInt(63);
      final Bytes extra = Bytes.of(bytes(r, r.nextInt(33)));
      final Hash32 mix = hash(r);
      final Bytes nonce = Bytes.of(bytes(r, 8));
      final Optional<BigInteger> baseFee = fields >= 16 ? Optional.of(new BigInteger(r.nextInt(257), r)) : Optional.empty();
      final Optional<Hash32> withdrawals = fields >= 17 ? Optional.of(hash(r)) : Optional.empty();
      final Optional<Long> blobGas = fields >= 20 ? Optional.of(r.nextLong() >>> 1 >>> r.nextInt(63)) : Optional.empty();
      final Optional<Long> excess = fields >= 20 ? Optional.of(r.nextLong() >>> 1 >>> r.nextInt(63)) : Optional.empty();
      final Optional<Hash32> beaconRoot = fields >= 20 ? Optional.of(hash(r)) : Optional.empty();
      final Optional<Hash32> requests = fields >= 21 ? Optional.of(hash(r)) : Optional.empty();
      final ExecutionHeader h = new ExecutionHeader(parent, ommers, miner, state, txs, receipts, bloom, difficulty,
          number, gasLimit, gasUsed, timestamp, extra, mix, nonce, baseFee, withdrawals, blobGas, excess, beaconRoot,
          requests);

      final List<byte[]> f = new ArrayList<>();
      f.add(str(parent.toArray()));
      f.add(str(ommers.toArray()));
      f.add(str(miner.toArray()));
      f.add(str(state.toArray()));
      f.add(str(txs.toArray()));
      f.add(str(receipts.toArray()));
      f.add(str(bloom.toArray()));
      f.add(uint(difficulty));
      f.add(uint(BigInteger.valueOf(number)));
      f.add(uint(BigInteger.valueOf(gasLimit)));
      f.add(uint(BigInteger.valueOf(gasUsed)));
      f.add(uint(BigInteger.valueOf(timestamp)));
      f.add(str(extra.toArray()));
      f.add(str(mix.toArray()));
      f.add(str(nonce.toArray()));
      baseFee.ifPresent(v -> f.add(uint(v)));
      withdrawals.ifPresent(v -> f.add(str(v.toArray())));
      blobGas.ifPresent(v -> f.add(uint(BigInteger.valueOf(v))));
      excess.ifPresent(v -> f.add(uint(BigInteger.valueOf(v))));
      beaconRoot.ifPresent(v -> f.add(str(v.toArray())));
      requests.ifPresent(v -> f.add(str(v.toArray())));
      final ByteArrayOutputStream payload = new ByteArrayOutputStream();
      f.forEach(payload::writeBytes);
      final byte[] expected = RlpPropertyTest.spec(payload.toByteArray(), true);

      assertEquals(fields, h.fieldCount());
      assertArrayEquals(expected, h.encode());
      assertEquals(h, ExecutionHeader.decode(expected));
      assertEquals(Keccak256.hash(expected), h.hash());

      final ObjectNode j = JsonNodeFactory.instance.objectNode();
      j.put("parentHash", parent.toHex()).put("sha3Uncles", ommers.toHex()).put("miner", miner.toHex())
          .put("stateRoot", state.toHex()).put("transactionsRoot", txs.toHex()).put("receiptsRoot", receipts.toHex())
          .put("logsBloom", bloom.toHex()).put("difficulty", q(difficulty)).put("number", q(number))
          .put("gasLimit", q(gasLimit)).put("gasUsed", q(gasUsed)).put("timestamp", q(timestamp))
          .put("extraData", extra.toHex()).put("mixHash", mix.toHex()).put("nonce", nonce.toHex())
          .put("hash", Keccak256.hash(expected).toHex());
      baseFee.ifPresent(v -> j.put("baseFeePerGas", q(v)));
      withdrawals.ifPresent(v -> j.put("withdrawalsRoot", v.toHex()));
      blobGas.ifPresent(v -> j.put("blobGasUsed", q(v)));
      excess.ifPresent(v -> j.put("excessBlobGas", q(v)));
      beaconRoot.ifPresent(v -> j.put("parentBeaconBlockRoot", v.toHex()));
      requests.ifPresent(v -> j.put("requestsHash", v.toHex()));
      assertEquals(h, ExecutionHeader.fromJson(j));
    });
  }

  private static String q(final long v) {
    return "0x" + Long.toHexString(v);
  }

  private static String q(final BigInteger v) {
    return "0x" + v.toString(16);
  }

  private static byte[] str(final byte[] b) {
    return RlpPropertyTest.spec(b, false);
  }

  private static byte[] uint(final BigInteger v) {
    if (v.signum() == 0) {
      return RlpPropertyTest.spec(new byte[0], false);
    }
    byte[] b = v.toByteArray();
    if (b[0] == 0) {
      b = java.util.Arrays.copyOfRange(b, 1, b.length);
    }
    return RlpPropertyTest.spec(b, false);
  }

  private static byte[] bytes(final Random r, final int n) {
    final byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static Hash32 hash(final Random r) {
    return Hash32.of(bytes(r, 32));
  }
}
