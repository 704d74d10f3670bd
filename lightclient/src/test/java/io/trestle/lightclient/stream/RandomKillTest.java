package io.trestle.lightclient.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.internal.stream.StreamJson;
import io.trestle.lightclient.source.ExecutionSource.BlockId;
import io.trestle.lightclient.stream.MessageStream.PassResult;
import io.trestle.testbase.Seeds;
import io.trestle.proofs.json.RpcJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: the library stream runs in a child JVM ({@link StreamKillChild}) against a loopback
 * JSON-RPC server of a generated chain, appending messages to a file (fsynced) with its cursor next to it; the test
 * kills it with SIGKILL ({@code Process.destroyForcibly}) at seeded random moments, restarts it each time, and lets the
 * last life finish. The union of everything written must be gap-free and in order, every message id exactly once after
 * dropping re-emissions, re-emissions only of the last message the previous life acknowledged (same id, same line),
 * and equal to an uninterrupted reference run; the reference itself matches where the generator placed the messages.
 *
 * <p>The seed is {@link Seeds#base()} ({@code -Dtrestle.seed=0x... } re-runs one, {@code -Dtrestle.seed=random} draws
 * one); every failure message names it.
 */
class RandomKillTest {
  private static final long FIRST = 20_000;
  private static final int COUNT = 700;
  private static final long FROM = 20_001;
  private static final long TO = 20_699;
  private static final int KILLS = 5;

  /** A JSON-RPC server (the stream's three methods) answering from a generated chain, on 127.0.0.1. */
  static final class RpcServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      final Thread t = new Thread(r, "kill-test-rpc");
      t.setDaemon(true);
      return t;
    });

    RpcServer(final TestChain chain) throws IOException {
      final TestChain.Source src = chain.new Source();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.setExecutor(pool);
      server.createContext("/", ex -> answer(ex, src));
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static BlockId block(final JsonNode p) {
      final String s = p.asText();
      return s.length() == 66 ? BlockId.hash(Hash32.fromHex(s)) : BlockId.number(Long.parseLong(s.substring(2), 16));
    }

    private static void answer(final HttpExchange ex, final TestChain.Source src) throws IOException {
      try (ex) {
        final JsonNode req = RpcJson.mapper().readTree(ex.getRequestBody().readAllBytes());
        final JsonNode params = req.path("params");
        final ObjectNode res = RpcJson.mapper().createObjectNode();
        res.put("jsonrpc", "2.0");
        res.set("id", req.get("id"));
        switch (req.path("method").asText()) {
          case "eth_getBlockByNumber" -> res.set("result", src.getBlockByNumber(block(params.get(0)),
              params.path(1).asBoolean(false)));
          case "eth_getBlockByHash" -> res.set("result", src.getBlockByHash(Hash32.fromHex(params.get(0).asText()),
              params.path(1).asBoolean(false)));
          case "eth_getBlockReceipts" -> res.set("result", src.getBlockReceipts(block(params.get(0))));
          case "eth_chainId" -> res.put("result", "0x" + Long.toHexString(StreamKillChild.CHAIN_ID));
          default -> res.putObject("error").put("code", -32601).put("message", "method not found");
        }
        final byte[] body = res.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream o = ex.getResponseBody()) {
          o.write(body);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
      pool.shutdownNow();
    }
  }

  /** The uninterrupted reference: the same stream and head schedule in this JVM, no server, no kill. */
  private static List<String> reference(final TestChain chain) {
    final List<String> lines = new ArrayList<>();
    final MessageStream s = MessageStream.builder(chain.new Source(), TestChain.FILTER, StreamKillChild.CHAIN_ID,
        m -> lines.add(StreamJson.line(StreamJson.message(m)))).startBlock(FROM).build();
    assertTrue(StreamKillChild.follow(s, chain, FROM, TO) instanceof PassResult.CaughtUp);
    return lines;
  }

  private static Process child(final String url, final Path store, final Path out, final long chainSeed)
      throws IOException {
    // C1 only and the serial collector: a short-lived child starts faster (the test restarts it several times).
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), StreamKillChild.class.getName(), url, store.toString(), out.toString(),
        Long.toString(chainSeed), Long.toString(FIRST), Integer.toString(COUNT), Long.toString(FROM),
        Long.toString(TO)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static long newlines(final Path out) throws IOException {
    if (!Files.exists(out)) {
      return 0;
    }
    long n = 0;
    for (final byte b : Files.readAllBytes(out)) {
      n += b == '\n' ? 1 : 0;
    }
    return n;
  }

  private static List<String> lines(final Path out) throws IOException {
    return Files.exists(out) ? Files.readAllLines(out, StandardCharsets.UTF_8) : List.of();
  }

  @Test
  void sigkillAtSeededRandomMomentsLosesNothingAndRepeatsOnlyTheLastAcknowledged(@TempDir final Path dir)
      throws Exception {
    final long seed = Seeds.base();
    final String tag = "[seed " + Seeds.hex(seed) + "; re-run with -Dtrestle.seed=" + Seeds.hex(seed) + "] ";
    try {
      run(dir, seed, tag);
    } catch (AssertionError | Exception e) {
      System.out.println("RandomKillTest failed " + tag);
      throw e;
    }
  }

  private static void run(final Path dir, final long seed, final String tag) throws Exception {
    final Random rnd = new Random(seed);
    final long chainSeed = rnd.nextLong();
    final TestChain chain = new TestChain(chainSeed, FIRST, COUNT);
    final List<String> ref = reference(chain);
    // The reference against the generator: every placed message, in order, with its block, tx, log and payload.
    final List<TestChain.Placed> placed = chain.placedIn(FROM, TO);
    assertEquals(placed.size(), ref.size(), tag + "reference message count");
    assertTrue(ref.size() >= 100, tag + "enough messages to kill between: " + ref.size());
    final Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ref.size(); i++) {
      final JsonNode m = RpcJson.parse(ref.get(i));
      final TestChain.Placed p = placed.get(i);
      assertEquals(p.block(), m.get("blockNumber").asLong(), tag + "reference " + i);
      assertEquals(p.tx(), m.get("txIndex").asInt(), tag + "reference " + i);
      assertEquals(p.log(), m.get("logIndex").asInt(), tag + "reference " + i);
      assertEquals(p.data().toHex(), m.get("data").asText(), tag + "reference " + i);
      assertEquals(null, index.put(m.get("id").asText(), i), tag + "reference ids are unique");
    }
    final Path store = dir.resolve("store");
    final Path out = dir.resolve("messages.jsonl");
    final List<Integer> lifeEnds = new ArrayList<>(); // line count of the file after each life
    final List<Long> killDelays = new ArrayList<>();
    final long t0 = System.nanoTime();
    int midRunKills = 0;
    boolean finished = false;
    try (RpcServer rpc = new RpcServer(chain)) {
      for (int life = 0; life <= KILLS + 20 && !finished; life++) {
        final boolean kill = life < KILLS;
        // The moment: after a random number of further lines appear (seeded, spread over what is left), plus a random
        // 0-14 ms (a third of the time none: right after a line's fsync, often inside the cursor write).
        final int before = lines(out).size();
        final int target = before + 1 + rnd.nextInt(Math.max(1, 2 * (ref.size() - before) / (KILLS - Math.min(life,
            KILLS - 1) + 1)));
        final long delay = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(15);
        final Process p = child(rpc.url(), store, out, chainSeed);
        final BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        final String first = r.readLine();
        if (first == null || !first.startsWith("ready")) {
          p.destroyForcibly().waitFor();
          fail(tag + "life " + life + ": the child did not start: " + first);
        }
        if (kill) {
          while (p.isAlive() && newlines(out) < target) {
            Thread.sleep(1);
          }
          Thread.sleep(delay);
          final boolean alive = p.isAlive();
          p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no flush
          assertTrue(p.waitFor(30, TimeUnit.SECONDS), tag + "life " + life + " did not die");
          killDelays.add((long) target);
          killDelays.add(delay);
          if (alive && p.exitValue() != 0) {
            midRunKills++;
          } else {
            finished = "done".equals(r.readLine());
          }
        } else {
          assertTrue(p.waitFor(120, TimeUnit.SECONDS), tag + "the last life did not finish");
          final String last = r.readLine();
          assertEquals(0, p.exitValue(), tag + "last life: " + last);
          assertEquals("done", last, tag);
          finished = true;
        }
        r.close();
        lifeEnds.add(lines(out).size());
      }
    }
    assertTrue(finished, tag + "never finished");
    assertTrue(midRunKills >= KILLS / 2, tag + "only " + midRunKills + " of " + KILLS + " kills landed mid-run"
        + " (after line, +ms: " + killDelays + ")");
    check(lines(out), lifeEnds, ref, index, tag);
    System.out.printf("RandomKillTest %s: %d messages, %d SIGKILLs mid-run (after line, +ms: %s), %d lives, %d lines written"
        + " (%d re-emitted), lines per life %s, %.1f s%n", Seeds.hex(seed), ref.size(), midRunKills, killDelays,
        lifeEnds.size(), lifeEnds.get(lifeEnds.size() - 1), lifeEnds.get(lifeEnds.size() - 1) - ref.size(), lifeEnds,
        (System.nanoTime() - t0) / 1e9);
  }

  /** The union of every life's output against the reference. */
  private static void check(final List<String> all, final List<Integer> lifeEnds, final List<String> ref,
      final Map<String, Integer> index, final String tag) {
    final List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      final JsonNode m;
      try {
        m = RpcJson.parse(all.get(i));
      } catch (RuntimeException e) {
        throw new AssertionError(tag + "line " + i + " is not a whole JSON object (torn write?): " + all.get(i));
      }
      final Integer k = index.get(m.path("id").asText());
      assertTrue(k != null, tag + "line " + i + " is no reference message: " + all.get(i));
      assertEquals(ref.get(k), all.get(i), tag + "line " + i + " differs from the reference message " + k);
      idx.add(k);
    }
    int start = 0;
    int prevLast = -1; // reference index of the last line written before this life
    for (int life = 0; life < lifeEnds.size(); life++) {
      final int end = lifeEnds.get(life);
      for (int i = start; i < end; i++) {
        final int expected = i == start ? -1 : idx.get(i - 1) + 1;
        if (i == start) {
          // A life starts right after the last acknowledged message, or repeats it once (acknowledged by the sink,
          // killed before its cursor was saved): never anything earlier, never a gap.
          assertTrue(idx.get(i) == prevLast + 1 || prevLast >= 0 && idx.get(i) == prevLast, tag + "life " + life
              + " starts at reference message " + idx.get(i) + " after " + prevLast);
        } else {
          assertEquals(expected, idx.get(i), tag + "life " + life + ", line " + i + ": a gap or a repeat inside a"
              + " life");
        }
      }
      if (end > start) {
        prevLast = idx.get(end - 1);
      }
      start = end;
    }
    final Map<String, String> distinct = new LinkedHashMap<>();
    for (final String l : all) {
      distinct.putIfAbsent(RpcJson.parse(l).get("id").asText(), l);
    }
    assertEquals(ref, new ArrayList<>(distinct.values()), tag + "the de-duplicated union is the reference run");
  }
}
