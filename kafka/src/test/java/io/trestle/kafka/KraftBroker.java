package io.trestle.kafka;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft cluster (combined controller and broker, from the Maven Central artifacts) in this JVM on loopback,
 * configured as {@link KafkaBrokerTest}'s: for test classes that start and stop their own.
 */
final class KraftBroker implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  private KraftBroker(final KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  static KraftBroker start() throws Exception {
    final KafkaClusterTestKit c = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
        .setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("offsets.topic.num.partitions", "4")
        .setConfigProp("transaction.state.log.num.partitions", "4")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    c.format();
    c.startup();
    c.waitForReadyBrokers();
    return new KraftBroker(c);
  }

  Properties client() {
    final Properties p = new Properties();
    p.put("bootstrap.servers", cluster.bootstrapServers());
    return p;
  }

  void createTopic(final String name, final int partitions) throws Exception {
    try (Admin admin = Admin.create(client())) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
