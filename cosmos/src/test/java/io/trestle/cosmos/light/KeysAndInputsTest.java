package io.trestle.cosmos.light;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hex;
import org.junit.jupiter.api.Test;

/** Key handling against published vectors, and strict input decoding. */
class KeysAndInputsTest {
  @Test
  void ed25519Rfc8032Test1() {
    // RFC 8032 section 7.1, TEST 1 (empty message)
    final PublicKey pk = PublicKey.ed25519(Bytes.fromHex(
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    final byte[] sig = Hex.decode("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33b"
        + "acc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    assertTrue(Keys.verify(pk, new byte[0], sig));
    assertFalse(Keys.verify(pk, new byte[] {0}, sig));
    sig[63] ^= 1;
    assertFalse(Keys.verify(pk, new byte[0], sig));
    assertFalse(Keys.verify(pk, new byte[0], new byte[63]));
  }

  @Test
  void secp256k1AddressIsHash160() {
    // the Bitcoin wiki's "Technical background of version 1 Bitcoin addresses" key and its HASH160
    final PublicKey pk = new PublicKey(PublicKey.SECP256K1, Bytes.fromHex(
        "0250863ad64a87ae8a2fe83c1af1a8403cb53f53e486d8511dad8a04887e5b2352"));
    assertEquals("0xf54a5851e9372b87810a8e60cdd2e7cfd80b6e31", Keys.addressOf(pk).toHex());
  }

  @Test
  void unsupportedKeysAreTypedRejections() {
    final LightException e = org.junit.jupiter.api.Assertions.assertThrows(LightException.class,
        () -> Keys.address(new PublicKey("tendermint/PubKeyBls12_381", Bytes.of(new byte[48]))));
    assertEquals(LightRejection.UNSUPPORTED_KEY_TYPE, e.reason());
    // an Ed25519 key of the wrong length is unsupported, not truncated
    assertFalse(Keys.supported(PublicKey.ed25519(Bytes.of(new byte[31]))));
  }

  @Test
  void protoReaderIsStrict() {
    // 0x08 0x80 0x00: field 1 varint 0 in two bytes (non-minimal)
    assertEquals(LightRejection.INPUT_MALFORMED, reject(new byte[] {0x08, (byte) 0x80, 0x00}));
    // length prefix past the end: nothing is allocated from it
    assertEquals(LightRejection.INPUT_MALFORMED, reject(new byte[] {0x12, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, 0x07}));
    // group wire type 3
    assertEquals(LightRejection.INPUT_MALFORMED, reject(new byte[] {0x0b}));
    // a singular field twice
    assertEquals(LightRejection.INPUT_MALFORMED, reject(new byte[] {0x08, 0x01, 0x08, 0x02}));
    // 11-byte varint
    assertEquals(LightRejection.INPUT_MALFORMED, reject(new byte[] {0x08, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}));
  }

  private static LightRejection reject(final byte[] commitBytes) {
    final LightResult<Commit> r = LightResult.of(() -> IbcClientUpdate.IbcProto.commit(new ProtoReader(commitBytes,
        "commit")));
    return assertInstanceOf(LightResult.Rejected.class, r).reason();
  }

  @Test
  void jsonRejectionsNameThePath() {
    final LightResult<LightBlock> r = LightBlockJson.parse("{\"signed_header\":{\"header\":{\"version\":{\"block\":"
        + "\"11\"},\"chain_id\":\"c\",\"height\":\"01\",\"time\":\"2026-01-01T00:00:00Z\"},\"commit\":{}},"
        + "\"validator_set\":{\"validators\":[]}}");
    final LightResult.Rejected<?> rej = assertInstanceOf(LightResult.Rejected.class, r);
    assertEquals(LightRejection.INPUT_MALFORMED, rej.reason());
    assertTrue(rej.detail().startsWith("$.signed_header.header.height"), rej.detail());
    assertEquals(LightRejection.INPUT_MALFORMED, assertInstanceOf(LightResult.Rejected.class,
        LightBlockJson.parse("not json")).reason());
    assertEquals(LightRejection.INPUT_MALFORMED, assertInstanceOf(LightResult.Rejected.class,
        LightBlockJson.parse("[1,2]")).reason());
  }
}
