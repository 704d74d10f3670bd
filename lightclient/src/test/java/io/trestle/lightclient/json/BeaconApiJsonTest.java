package io.trestle.lightclient.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.spec.UpdateRejection;
import io.trestle.lightclient.config.Fork;
import io.trestle.lightclient.types.LightClientBootstrap;
import io.trestle.lightclient.types.LightClientFinalityUpdate;
import io.trestle.lightclient.types.LightClientOptimisticUpdate;
import io.trestle.lightclient.types.LightClientUpdate;
import io.trestle.lightclient.config.ChainConfig.Preset;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Beacon-API JSON decoding against real mainnet data (helios testdata) and malformed variants of it. */
class BeaconApiJsonTest {
  static final Path DATA = Vectors.path("helios/ethereum/testdata");
  static final Hash32 BOOTSTRAP_ROOT =
      Hash32.fromHex("0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275");
  private static final ObjectMapper M = new ObjectMapper();

  static String bootstrapJson() throws IOException {
    return Files.readString(DATA.resolve("bootstrap.json"));
  }

  static String updatesJson() throws IOException {
    return Files.readString(DATA.resolve("updates.json"));
  }

  @Test
  void trailingContentDuplicateMembersAndNonAsciiDigitsAreRejected() throws IOException {
    final String ok = bootstrapJson();
    assertThrows(BeaconJsonException.class, () -> BeaconApiJson.bootstrap(ok + " {}", Preset.MAINNET));
    final String dup = ok.replaceFirst("\\{", "{\"version\": \"capella\", ");
    assertThrows(BeaconJsonException.class, () -> BeaconApiJson.bootstrap(dup, Preset.MAINNET));
    // U+0661 ARABIC-INDIC DIGIT ONE is a Unicode digit but not hex.
    final int at = ok.indexOf("\"state_root\"");
    final int hex = ok.indexOf("0x", at) + 2;
    final String nonAscii = ok.substring(0, hex) + "\u0661" + ok.substring(hex + 1);
    assertThrows(BeaconJsonException.class, () -> BeaconApiJson.bootstrap(nonAscii, Preset.MAINNET));
  }

  @Test
  void bootstrapDecodesAndRoundTripsThroughSsz() throws IOException {
    final Versioned<LightClientBootstrap> v = BeaconApiJson.bootstrap(bootstrapJson(), Preset.MAINNET);
    assertEquals(Fork.CAPELLA, v.fork());
    final LightClientBootstrap b = v.data();
    assertEquals(7069376L, b.header().beacon().slot());
    assertEquals(BOOTSTRAP_ROOT, b.header().beacon().hashTreeRoot());
    assertEquals(17883333L, b.header().execution().orElseThrow().blockNumber());
    assertEquals(new BigInteger("19477827614"), b.header().execution().orElseThrow().baseFeePerGas());
    assertEquals(512, b.currentSyncCommittee().pubkeys().size());
    final byte[] ssz = b.encode();
    final LightClientBootstrap again = LightClientBootstrap.decode(ssz, Fork.CAPELLA, Preset.MAINNET);
    assertEquals(b, again);
    assertArrayEquals(ssz, again.encode());
    assertEquals(b.hashTreeRoot(), again.hashTreeRoot());
  }

  @Test
  void bareDataWithExplicitFork() throws IOException {
    final JsonNode data = M.readTree(bootstrapJson()).get("data");
    final LightClientBootstrap b = BeaconApiJson.bootstrap(data, Fork.CAPELLA, Preset.MAINNET);
    assertEquals(BOOTSTRAP_ROOT, b.header().beacon().hashTreeRoot());
    // The same data read as deneb lacks the blob gas fields.
    final BeaconJsonException e =
        assertThrows(BeaconJsonException.class, () -> BeaconApiJson.bootstrap(data, Fork.DENEB, Preset.MAINNET));
    assertEquals("data.header.execution.blob_gas_used", e.field());
  }

  @Test
  void updatesArrayDecodesAndRoundTrips() throws IOException {
    final List<Versioned<LightClientUpdate>> us = BeaconApiJson.updates(updatesJson(), Preset.MAINNET);
    assertEquals(6, us.size());
    final long[] signatureSlots = {7061720, 7070143, 7078318, 7089369, 7094353, 7104191};
    for (int i = 0; i < us.size(); i++) {
      final LightClientUpdate u = us.get(i).data();
      assertEquals(Fork.CAPELLA, us.get(i).fork());
      assertEquals(signatureSlots[i], u.signatureSlot());
      final byte[] ssz = u.encode();
      final LightClientUpdate again = LightClientUpdate.decode(ssz, Fork.CAPELLA, Preset.MAINNET);
      assertEquals(u, again);
      assertArrayEquals(ssz, again.encode());
    }
    // one element as a single object
    final String one = M.writeValueAsString(M.readTree(updatesJson()).get(0));
    assertEquals(us.get(0).data(), BeaconApiJson.update(one, Preset.MAINNET).data());
    assertEquals(1, BeaconApiJson.updates(one, Preset.MAINNET).size());
  }

  @Test
  void finalityAndOptimisticUpdatesFromAnUpdate() throws IOException {
    final ObjectNode u = (ObjectNode) M.readTree(updatesJson()).get(0);
    final ObjectNode fin = u.deepCopy();
    ((ObjectNode) fin.get("data")).remove(List.of("next_sync_committee", "next_sync_committee_branch"));
    final LightClientFinalityUpdate f = BeaconApiJson.finalityUpdate(M.writeValueAsString(fin), Preset.MAINNET).data();
    assertEquals(7061632L, f.finalizedHeader().beacon().slot());
    assertEquals(f, LightClientFinalityUpdate.decode(f.encode(), Fork.CAPELLA, Preset.MAINNET));
    final ObjectNode opt = fin.deepCopy();
    ((ObjectNode) opt.get("data")).remove(List.of("finalized_header", "finality_branch"));
    final LightClientOptimisticUpdate o =
        BeaconApiJson.optimisticUpdate(M.writeValueAsString(opt), Preset.MAINNET).data();
    assertEquals(7061719L, o.attestedHeader().beacon().slot());
    assertEquals(o, LightClientOptimisticUpdate.decode(o.encode(), Fork.CAPELLA, Preset.MAINNET));
    // an update document is not a finality update (unknown fields)
    final BeaconJsonException e = assertThrows(BeaconJsonException.class,
        () -> BeaconApiJson.finalityUpdate(M.writeValueAsString(u), Preset.MAINNET));
    assertTrue(e.field().startsWith("data."), e.field());
  }

  private void rejects(final String expectedField, final Consumer<ObjectNode> mutate) throws IOException {
    final ObjectNode doc = (ObjectNode) M.readTree(bootstrapJson());
    mutate.accept(doc);
    final String text = M.writeValueAsString(doc);
    final BeaconJsonException e =
        assertThrows(BeaconJsonException.class, () -> BeaconApiJson.bootstrap(text, Preset.MAINNET));
    assertEquals(expectedField, e.field(), e.getMessage());
    assertEquals(UpdateRejection.SSZ_INVALID, e.reason());
  }

  private static ObjectNode beacon(final ObjectNode doc) {
    return (ObjectNode) doc.get("data").get("header").get("beacon");
  }

  private static ObjectNode exec(final ObjectNode doc) {
    return (ObjectNode) doc.get("data").get("header").get("execution");
  }

  @Test
  void malformedFieldsAreTypedErrorsNamingTheField() throws IOException {
    rejects("data.header.beacon.slot", d -> beacon(d).remove("slot"));
    rejects("data.header.beacon.slot", d -> beacon(d).put("slot", 7069376));
    rejects("data.header.beacon.slot", d -> beacon(d).put("slot", "0x6bdec0"));
    rejects("data.header.beacon.slot", d -> beacon(d).put("slot", "-1"));
    rejects("data.header.beacon.slot", d -> beacon(d).put("slot", "07069376"));
    rejects("data.header.beacon.slot", d -> beacon(d).put("slot", "18446744073709551616"));
    rejects("data.header.beacon.state_root", d -> beacon(d).put("state_root", "0x915a"));
    rejects("data.header.beacon.state_root", d -> beacon(d).put("state_root",
        "915a406a2acb8a068017fd3b9b5158f53647a8aaa2d2bb398fa370ecfa24ddae"));
    rejects("data.header.beacon.body_root", d -> beacon(d).put("body_root",
        "0x5157a0e9eb83542330e463b157524e9aff312c0cd7a17f523689d7b144accfzz"));
    rejects("data.header.beacon.extra", d -> beacon(d).put("extra", "1"));
    rejects("data.header.execution.extra_data", d -> exec(d).put("extra_data", "0x" + "00".repeat(33)));
    rejects("data.header.execution.fee_recipient", d -> exec(d).put("fee_recipient", "0x00"));
    rejects("data.header.execution.logs_bloom", d -> exec(d).put("logs_bloom", "0x0"));
    rejects("data.header.execution.base_fee_per_gas", d -> exec(d).put("base_fee_per_gas",
        BigInteger.ONE.shiftLeft(256).toString()));
    rejects("data.header.execution_branch", d -> ((ArrayNode) d.get("data").get("header").get("execution_branch"))
        .remove(0));
    rejects("data.current_sync_committee_branch[2]",
        d -> ((ArrayNode) d.get("data").get("current_sync_committee_branch")).set(2, M.getNodeFactory().numberNode(1)));
    rejects("data.current_sync_committee.pubkeys", d -> ((ArrayNode) d.get("data").get("current_sync_committee")
        .get("pubkeys")).remove(511));
    rejects("data.current_sync_committee.pubkeys[7]", d -> ((ArrayNode) d.get("data").get("current_sync_committee")
        .get("pubkeys")).set(7, M.getNodeFactory().textNode("0x" + "aa".repeat(47))));
    rejects("version", d -> d.put("version", "heze"));
    rejects("version", d -> d.put("version", "phase0"));
    rejects("version", d -> d.remove("version"));
    rejects("data", d -> d.remove("data"));
    rejects("data.header", d -> ((ObjectNode) d.get("data")).put("header", "x"));
  }

  @Test
  void syncAggregateBitsMustHaveThePresetLength() throws IOException {
    final ObjectNode u = (ObjectNode) M.readTree(updatesJson()).get(0);
    ((ObjectNode) u.get("data").get("sync_aggregate")).put("sync_committee_bits", "0x" + "ff".repeat(63));
    final BeaconJsonException e = assertThrows(BeaconJsonException.class,
        () -> BeaconApiJson.update(M.writeValueAsString(u), Preset.MAINNET));
    assertEquals("data.sync_aggregate.sync_committee_bits", e.field());
    // a mainnet document decoded with the minimal preset: 512 keys where 32 are expected
    final BeaconJsonException m = assertThrows(BeaconJsonException.class,
        () -> BeaconApiJson.bootstrap(bootstrapJson(), Preset.MINIMAL));
    assertEquals("data.current_sync_committee.pubkeys", m.field());
  }

  @Test
  void notJsonOrWrongShapes() {
    assertEquals("(document)", assertThrows(BeaconJsonException.class,
        () -> BeaconApiJson.bootstrap("{\"version\": ", Preset.MAINNET)).field());
    assertEquals("(document)", assertThrows(BeaconJsonException.class,
        () -> BeaconApiJson.bootstrap("", Preset.MAINNET)).field());
    assertEquals("(document)", assertThrows(BeaconJsonException.class,
        () -> BeaconApiJson.updates("\"x\"", Preset.MAINNET)).field());
    assertEquals("[0]", assertThrows(BeaconJsonException.class,
        () -> BeaconApiJson.updates("[1]", Preset.MAINNET)).field());
    assertEquals(0, BeaconApiJson.updates("[]", Preset.MAINNET).size());
  }
}
