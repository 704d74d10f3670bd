package io.trestle.lightclient.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {
  @Test
  void countsBlocksMessagesRejectionsAndLag() {
    final TestChain chain = new TestChain(9, 300, 40);
    final SimpleMeterRegistry reg = new SimpleMeterRegistry();
    final StreamMetrics metrics = StreamMetrics.micrometer(reg, "bridge");
    final TestChain.Source src = chain.new Source();
    long bad = 330;
    while (chain.receipts.get((int) (bad - 300)).isEmpty()) {
      bad++; // a block that has receipts to drop
    }
    src.tamperReceipts.put(bad, j -> {
      final ArrayNode a = (ArrayNode) j;
      a.removeAll();
      return a;
    });
    final List<StreamMessage> out = new ArrayList<>();
    final MessageStream s = MessageStream.builder(src, TestChain.FILTER, 1, out::add).startBlock(301)
        .metrics(metrics).build();
    s.advanceTo(chain.anchorAt(339));
    assertEquals(bad - 301, reg.get("trestle.stream.blocks.verified").counter().count(), "blocks before the bad one");
    assertEquals(chain.placedIn(301, bad - 1).size(), reg.get("trestle.stream.messages.emitted").counter().count());
    assertEquals(1.0, reg.get("trestle.stream.rejections").tag("reason", "RECEIPTS_ROOT_MISMATCH").counter().count());
    src.tamperReceipts.clear();
    s.advanceTo(chain.anchorAt(339));
    assertEquals(39.0, reg.get("trestle.stream.blocks.verified").counter().count());
    assertEquals(0.0, reg.get("trestle.stream.lag.blocks").gauge().value());
    metrics.finalizedSlot(1234);
    metrics.endpointError("http://a");
    assertEquals(1234.0, reg.get("trestle.lightclient.finalized.slot").gauge().value());
    assertEquals(1.0, reg.get("trestle.source.errors").tag("endpoint", "http://a").counter().count());
  }
}
