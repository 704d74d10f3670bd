package io.trestle.cosmos.ics23;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both JSON forms decode to the same proof as the protobuf bytes; strictness is typed. */
class Ics23JsonTest {
  static final ObjectMapper M = new ObjectMapper();

  static String b64(final Bytes b) {
    return Base64.getEncoder().encodeToString(b.toArray());
  }

  /** The protobuf JSON mapping of an existence proof, written by hand from the decoded record. */
  static ObjectNode json(final ExistenceProof e, final boolean enumNames) {
    final ObjectNode o = M.createObjectNode();
    o.put("key", b64(e.key()));
    o.put("value", b64(e.value()));
    final LeafOp l = e.leaf().orElseThrow();
    final ObjectNode lo = o.putObject("leaf");
    if (enumNames) {
      lo.put("hash", l.hash().name()).put("prehash_key", l.prehashKey().name())
          .put("prehash_value", l.prehashValue().name()).put("length", l.length().name());
    } else {
      lo.put("hash", l.hash().number()).put("prehash_key", l.prehashKey().number())
          .put("prehash_value", l.prehashValue().number()).put("length", l.length().number());
    }
    lo.put("prefix", b64(l.prefix()));
    final ArrayNode path = o.putArray("path");
    for (final InnerOp op : e.path()) {
      path.addObject().put("hash", op.hash().number()).put("prefix", b64(op.prefix())).put("suffix", b64(op.suffix()));
    }
    return o;
  }

  @Test
  void bothFormsDecodeToTheBinaryProof() throws IOException {
    for (final String f : List.of("iavl/exist_left.json", "tendermint/nonexist_right.json", "smt/exist_middle.json")) {
      final String text = Files.readString(SpecVectorsTest.DIR.resolve(f));
      final CommitmentProof bin = Ics23Codec.decodeCommitmentProof(
          Bytes.fromHex(M.readTree(text).get("proof").asText()).toArray()).orElseThrow();
      assertEquals(bin, Ics23Json.decode(text).orElseThrow(), f);
      final ObjectNode mapped = M.createObjectNode();
      if (bin instanceof ExistenceProof e) {
        mapped.set("exist", json(e, f.startsWith("smt")));
      } else {
        final NonExistenceProof n = (NonExistenceProof) bin;
        final ObjectNode no = mapped.putObject("nonexist");
        no.put("key", b64(n.key()));
        n.left().ifPresent(l -> no.set("left", json(l, false)));
        n.right().ifPresent(r -> no.set("right", json(r, true)));
      }
      assertEquals(bin, Ics23Json.decode(M.writeValueAsString(mapped)).orElseThrow(), f);
    }
  }

  @Test
  void strictness() {
    assertEquals(Ics23Reason.INPUT_MALFORMED, reason("{\"exist\":{\"key\":\"aw==\",\"Key\":\"aw==\"}}"));
    assertEquals(Ics23Reason.INPUT_MALFORMED, reason("{\"exist\":{\"key\":\"aw==\",\"key\":\"aw==\"}}"));
    assertEquals(Ics23Reason.INPUT_MALFORMED, reason("{\"exist\":{},\"nonexist\":{}}"));
    assertEquals(Ics23Reason.INPUT_MALFORMED, reason("{\"exist\":{\"key\":\"not base64!\"}}"));
    assertEquals(Ics23Reason.INPUT_MALFORMED, reason("{\"exist\":{\"path\":{}}}"));
    assertEquals(Ics23Reason.INPUT_MALFORMED, reason("[1]"));
    assertEquals(Ics23Reason.INPUT_MALFORMED, reason("{\"proof\":\"zz\"}"));
    assertEquals(Ics23Reason.INPUT_MALFORMED, reason("{\"exist\":" + "[".repeat(100) + "]".repeat(100) + "}"));
    assertEquals(Ics23Reason.DECODE_BAD_ENUM, reason("{\"exist\":{\"leaf\":{\"hash\":\"MD5\"}}}"));
    assertEquals(Ics23Reason.DECODE_BAD_ENUM, reason("{\"exist\":{\"leaf\":{\"length\":42}}}"));
    assertEquals(Ics23Reason.UNSUPPORTED_PROOF_TYPE, reason("{\"batch\":{}}"));
    assertEquals(Ics23Reason.DECODE_TRUNCATED, reason("{\"proof\":\"0a05\"}"));
    final StringBuilder deep = new StringBuilder("{\"exist\":{\"path\":[");
    for (int i = 0; i < 257; i++) {
      deep.append(i == 0 ? "" : ",").append("{}");
    }
    assertEquals(Ics23Reason.DECODE_TOO_LARGE, reason(deep.append("]}}").toString()));
  }

  static Ics23Reason reason(final String json) {
    return Ics23Json.decode(json) instanceof Ics23Result.Rejected<?> r ? r.reason() : null;
  }
}
