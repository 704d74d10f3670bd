package io.trestle.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.types.*;
import io.trestle.proofs.ssz.SszReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SszStaticQuickTest {
  @Test
  void lanternSszStatic() throws Exception {
    final Path base = Path.of("vectors/lantern-beacon/test/Lantern.Beacon.Sync.Tests/MockData/mainnet");
    final List<Path> cases;
    try (Stream<Path> s = Files.walk(base)) {
      cases = s.filter(p -> p.getFileName().toString().equals("roots.yaml")).map(Path::getParent).sorted().collect(Collectors.toList());
    }
    int ran = 0;
    for (final Path c : cases) {
      final String type = c.getParent().getParent().getFileName().toString();
      final Fork fork = Fork.fromName(c.getParent().getParent().getParent().getParent().getFileName().toString()).orElseThrow();
      final byte[] ssz = Snappy.decompress(Files.readAllBytes(c.resolve("serialized.ssz_snappy")));
      final Matcher m = Pattern.compile("root: '(0x[0-9a-f]{64})'").matcher(Files.readString(c.resolve("roots.yaml")));
      assertTrue(m.find());
      final Hash32 expected = Hash32.fromHex(m.group(1));
      final Preset p = Preset.MAINNET;
      Hash32 root; byte[] re;
      switch (type) {
        case "BeaconBlockHeader": { var v = BeaconBlockHeader.decode(SszReader.of(ssz, type)); root = v.hashTreeRoot(); re = v.encode(); break; }
        case "SyncCommittee": { var v = SyncCommittee.decode(SszReader.of(ssz, type), p); root = v.hashTreeRoot(); re = v.encode(); break; }
        case "SyncAggregate": { var v = SyncAggregate.decode(SszReader.of(ssz, type), p); root = v.hashTreeRoot(); re = v.encode(); break; }
        case "ExecutionPayloadHeader": { var v = ExecutionPayloadHeader.decode(SszReader.of(ssz, type), fork); root = v.hashTreeRoot(); re = v.encode(); break; }
        case "LightClientHeader": { var v = LightClientHeader.decode(SszReader.of(ssz, type), fork); root = v.hashTreeRoot(); re = v.encode(); break; }
        case "LightClientBootstrap": { var v = LightClientBootstrap.decode(ssz, fork, p); root = v.hashTreeRoot(); re = v.encode(); break; }
        case "LightClientUpdate": { var v = LightClientUpdate.decode(ssz, fork, p); root = v.hashTreeRoot(); re = v.encode(); break; }
        case "LightClientFinalityUpdate": { var v = LightClientFinalityUpdate.decode(ssz, fork, p); root = v.hashTreeRoot(); re = v.encode(); break; }
        case "LightClientOptimisticUpdate": { var v = LightClientOptimisticUpdate.decode(ssz, fork, p); root = v.hashTreeRoot(); re = v.encode(); break; }
        default: continue;
      }
      assertEquals(expected, root, c.toString());
      assertArrayEquals(ssz, re, c.toString());
      ran++;
    }
    assertEquals(29, ran);
  }
}
