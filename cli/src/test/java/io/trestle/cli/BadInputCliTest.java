package io.trestle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.testbase.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on bad input (issue 9): every command, fed garbage, empty, binary, truncated,
 * oversized or wrongly-typed files and arguments, answers with a reason and exit 1 (rejected) or 2
 * (unusable input) and never prints a stack trace; {@code --debug} is accepted anywhere and changes
 * nothing for bad input.
 */
class BadInputCliTest {
  private static final String RPC = Vectors.path("helios/tests/testdata/rpc") + "/";
  private static final String ROOT = "0xf883e1a2fb8df9d1d988dec80f13c8aca724590ac357e45e30e0d48b1fbd64ee";

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(final List<String> args) {
    final ByteArrayOutputStream o = new ByteArrayOutputStream();
    final ByteArrayOutputStream e = new ByteArrayOutputStream();
    final int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  private List<Path> badFiles() throws IOException {
    final List<Path> files = new ArrayList<>();
    final byte[] binary = new byte[4096];
    new Random(9).nextBytes(binary);
    files.add(Files.write(tmp.resolve("binary"), binary));
    files.add(Files.writeString(tmp.resolve("empty.json"), ""));
    files.add(Files.writeString(tmp.resolve("truncated.json"), Files.readString(Path.of(RPC + "block.json")).substring(0, 500)));
    files.add(Files.writeString(tmp.resolve("array.json"), "[1,2,3]"));
    files.add(Files.writeString(tmp.resolve("deep.json"), "[".repeat(100_000) + "]".repeat(100_000)));
    files.add(Files.writeString(tmp.resolve("numbers.json"), "{\"number\": 1e999999999, \"hash\": \"0x" + "f".repeat(5000) + "\"}"));
    files.add(Files.writeString(tmp.resolve("nul.json"), "{\"a\":\"\u0000\"}"));
    files.add(tmp.resolve("missing.json"));
    try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(tmp.resolve("huge.json").toFile(), "rw")) {
      huge.setLength(1L << 30); // sparse 1 GiB: refused by its size, never read
    }
    files.add(tmp.resolve("huge.json"));
    files.add(Files.createDirectories(tmp.resolve("a-directory")));
    return files;
  }

  @Test
  void noStackTraceForAnyBadInputOfAnyCommand() throws IOException {
    int runs = 0;
    for (final Path f : badFiles()) {
      final String p = f.toString();
      final List<List<String>> lines = List.of(
          List.of("verify", "block", "--block", p),
          List.of("verify", "block", "--block", RPC + "block.json", "--receipts", p),
          List.of("verify", "account", "--state-root", ROOT, "--proof", p),
          List.of("verify", "receipt", "--receipts-root", ROOT, "--proof", p, "--tx-index", "0"),
          List.of("verify", "payload", "--beacon-block", p),
          List.of("sync", "--network", "mainnet", "--checkpoint", ROOT, "--bootstrap", p),
          List.of("sync", "--network", p, "--checkpoint", ROOT, "--bootstrap", p));
      for (final List<String> line : lines) {
        for (final boolean json : new boolean[] {false, true}) {
          final List<String> args = new ArrayList<>(line);
          if (json) {
            args.add("--json");
          }
          check(args, run(args));
          runs++;
        }
      }
    }
    assertTrue(runs > 100);
  }

  @Test
  void badArgumentsAreUsageErrorsWithoutATrace() {
    final List<List<String>> lines = List.of(
        List.of("verify", "receipt", "--receipts-root", "0xzz", "--proof", RPC + "receipts.json", "--tx-index", "0"),
        List.of("verify", "receipt", "--receipts-root", ROOT, "--proof", RPC + "receipts.json", "--tx-index", "-5"),
        List.of("verify", "receipt", "--receipts-root", ROOT, "--proof", RPC + "receipts.json", "--tx-index",
            "99999999999999999999999"),
        List.of("verify", "account", "--state-root", "0x" + "00".repeat(33), "--proof", RPC + "proof.json"),
        List.of("sync", "--network", "nonet", "--checkpoint", ROOT, "--bootstrap", RPC + "block.json"),
        List.of("sync", "--network", "mainnet", "--checkpoint", ROOT, "--bootstrap", RPC + "block.json",
            "--current-slot", "-1"),
        List.of("verify"), List.of("verify", "nothing"), List.of("bogus"));
    for (final List<String> line : lines) {
      final Run r = run(line);
      check(line, r);
      assertEquals(2, r.code(), line + ": " + r.err());
    }
  }

  @Test
  void debugIsAcceptedAnywhereAndChangesNothingForBadInput() throws IOException {
    final Path f = Files.writeString(tmp.resolve("garbage.json"), "{not json");
    final Run plain = run(List.of("verify", "block", "--block", f.toString()));
    final Run debug = run(List.of("--debug", "verify", "block", "--block", f.toString()));
    final Run debugLast = run(List.of("verify", "block", "--block", f.toString(), "--debug"));
    assertEquals(plain, debug);
    assertEquals(plain, debugLast);
    check(List.of("verify", "block"), plain);
  }

  private static void check(final List<String> args, final Run r) {
    assertTrue(r.code() == 1 || r.code() == 2, args + " exited " + r.code() + ": " + r.err());
    assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), args + " printed a stack trace:\n" + r.err());
    assertFalse(r.err().contains(": internal error ("), args + " hit an internal error: " + r.err());
    final String said = r.err().isBlank() ? r.out() : r.err();
    assertFalse(said.isBlank(), args + " said nothing");
  }
}
