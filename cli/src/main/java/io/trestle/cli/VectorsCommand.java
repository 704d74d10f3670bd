package io.trestle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.vectors.CaseResult;
import io.trestle.vectors.FileResult;
import io.trestle.vectors.ProgressListener;
import io.trestle.vectors.RunResult;
import io.trestle.vectors.Status;
import io.trestle.vectors.VectorRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code trestle vectors PATH... [--json]}: runs the reference vectors found under the given files or
 * directories with {@link VectorRunner} and reports per file.
 *
 * <p>Text output: one line per file, {@code <name relative to its PATH>  <suite>  P passed, F failed[, S
 * skipped]}, the first {@value #MAX_FAILURES_SHOWN} failures of a file indented below it, and last the
 * line {@code N passed, N failed, N skipped} (cases; a file no suite recognised counts as one skipped).
 * With {@code --json}: one object {@code {verified, [reason, detail,] passed, failed, skipped, files:[{path, suite,
 * passed, failed, skipped, failures:[{case, message}]}]}} listing every failure; {@code verified} is true exactly
 * when the exit code is 0, and otherwise {@code reason} is {@code cli.VECTORS_FAILED}. Exit code 0 only if nothing failed and
 * at least one case passed, 1 otherwise, 2 for no PATH or a PATH that does not exist or cannot be read.
 */
final class VectorsCommand implements Command {
  /** Failures printed per file in text mode. */
  static final int MAX_FAILURES_SHOWN = 20;

  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    // The light_client/sync format's force_update steps need force updates enabled, which the light
    // client reports at WARN for operators; in a vector run that is expected, so keep it off the console.
    System.setProperty("org.slf4j.simpleLogger.log.io.trestle.lightclient.LightClient", "error");
    final Args args = Args.parse(argv, Set.of(), Set.of("json"));
    final boolean json = args.flag("json");
    if (args.positional().isEmpty()) {
      throw new UsageException("at least one PATH is required");
    }
    final List<Path> paths = new ArrayList<>();
    for (final String p : args.positional()) {
      final Path path = Path.of(p);
      if (!Files.exists(path)) {
        throw new UsageException("no such file or directory: " + p);
      }
      paths.add(path);
    }
    final RunResult result;
    try {
      result = new VectorRunner().run(paths, progress(err));
    } catch (IOException | RuntimeException e) {
      throw new UsageException("cannot read vectors: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (json) {
      Output.print(toJson(result), out);
    } else {
      printText(result, out);
    }
    return result.success() ? OK : REJECTED;
  }

  /** Progress on stderr, only when it is the process's own stderr on an interactive terminal. */
  private static ProgressListener progress(final PrintStream err) {
    if (err != System.err || System.console() == null) {
      return ProgressListener.NONE;
    }
    return new ProgressListener() {
      @Override
      public void fileStarted(final Path file, final int index, final int total) {
        err.print("\r\033[K[" + (index + 1) + "/" + total + "] " + file.getFileName());
        err.flush();
      }

      @Override
      public void fileFinished(final FileResult result, final int index, final int total) {
        if (index + 1 == total) {
          err.print("\r\033[K");
          err.flush();
        }
      }
    };
  }

  private static void printText(final RunResult r, final PrintStream out) {
    for (final FileResult f : r.files()) {
      if (f.skipReason().isPresent()) {
        out.println(f.displayName() + "  " + f.suite() + "  skipped (" + oneLine(f.skipReason().get()) + ")");
        continue;
      }
      out.println(f.displayName() + "  " + f.suite() + "  " + f.passed() + " passed, " + f.failed() + " failed"
          + (f.skipped() > 0 ? ", " + f.skipped() + " skipped (" + skipMessage(f) + ")" : ""));
      final List<CaseResult> failures = f.failures();
      for (int i = 0; i < failures.size() && i < MAX_FAILURES_SHOWN; i++) {
        out.println("    FAIL " + failures.get(i).name() + ": " + oneLine(failures.get(i).message()));
      }
      if (failures.size() > MAX_FAILURES_SHOWN) {
        out.println("    ... and " + (failures.size() - MAX_FAILURES_SHOWN) + " more failure(s)");
      }
    }
    out.println(r.passed() + " passed, " + r.failed() + " failed, " + r.skipped() + " skipped");
  }

  /** The skip message of a file's skipped cases (the first one's; suites give one reason per file). */
  private static String skipMessage(final FileResult f) {
    return f.cases().stream()
        .filter(c -> c.status() == Status.SKIPPED)
        .map(c -> oneLine(c.message()))
        .findFirst()
        .orElse("");
  }

  private static String oneLine(final String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  private static ObjectNode toJson(final RunResult r) {
    final ObjectNode o = Output.object();
    o.put("verified", r.success());
    if (!r.success()) {
      o.put("reason", "cli.VECTORS_FAILED");
      o.put("detail", r.failed() > 0 ? r.failed() + " case(s) failed"
          : "no vector case passed (" + r.skipped() + " skipped: nothing under the PATHs was recognised)");
    }
    o.put("passed", r.passed());
    o.put("failed", r.failed());
    o.put("skipped", r.skipped());
    final ArrayNode files = o.putArray("files");
    for (final FileResult f : r.files()) {
      final ObjectNode fo = files.addObject();
      fo.put("path", f.displayName());
      fo.put("suite", f.suite());
      fo.put("passed", f.passed());
      fo.put("failed", f.failed());
      fo.put("skipped", f.skipped());
      final ArrayNode failures = fo.putArray("failures");
      for (final CaseResult c : f.failures()) {
        final ObjectNode co = failures.addObject();
        co.put("case", c.name());
        co.put("message", c.message());
      }
    }
    return o;
  }

  @Override
  public String usage() {
    return "vectors PATH... [--json]";
  }
}
