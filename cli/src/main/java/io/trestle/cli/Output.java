package io.trestle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.proofs.ProofResult;
import java.io.PrintStream;

/**
 * Shared output conventions. With {@code --json}: exactly one JSON object on stdout with a boolean
 * {@code verified} and, when false, a stable namespaced {@code reason} code ({@code namespace.NAME}, see {@link
 * io.trestle.lightclient.ReasonCode}) and a {@code detail}; member order is stable. Without: human-readable lines, the rejection as {@code REJECTED <REASON>: <detail>}.
 */
final class Output {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Output() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Prints a rejection and returns exit code 1. */
  static int rejected(final ProofResult.Rejected<?> r, final boolean json, final PrintStream out) {
    if (json) {
      final ObjectNode o = object();
      o.put("verified", false);
      o.put("reason", io.trestle.lightclient.ReasonCode.of(r.reason()));
      o.put("detail", r.detail());
      print(o, out);
    } else {
      out.println("REJECTED " + r.reason() + ": " + r.detail());
    }
    return Command.REJECTED;
  }

  /**
   * Prints an outcome that is not verified and returns its exit code: a rejection as {@link #rejected} (1); a
   * source failure as {@link OnlineSync#sourceFailure} (1, or 2 for a wrong network); a transaction that is not
   * final yet as reason {@code NOT_FINAL_YET} with {@code retry: true} and {@code awaitFinalizedBlock} (1).
   */
  static int outcome(final io.trestle.lightclient.Outcome<?> o, final boolean json, final PrintStream out) {
    if (o instanceof io.trestle.lightclient.Outcome.Rejected<?> rj) {
      return rejected(new ProofResult.Rejected<>(rj.reason(), rj.detail()), json, out);
    }
    final io.trestle.lightclient.Outcome.Undecided<?> u = (io.trestle.lightclient.Outcome.Undecided<?>) o;
    if (u.sourceFailure().isPresent()) {
      return OnlineSync.sourceFailure(u.sourceFailure().get(), json, out);
    }
    if (json) {
      final ObjectNode j = object();
      j.put("verified", false);
      j.put("reason", io.trestle.lightclient.ReasonCode.of(u.why()));
      j.put("detail", u.detail());
      j.put("retry", true);
      u.awaitFinalizedBlock().ifPresent(b -> j.put("awaitFinalizedBlock", b));
      print(j, out);
    } else {
      out.println("UNDECIDED " + u.why() + ": " + u.detail());
    }
    return Command.REJECTED;
  }

  /** Prints one JSON object followed by a newline. */
  static void print(final ObjectNode o, final PrintStream out) {
    try {
      out.println(JSON.writeValueAsString(o));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
