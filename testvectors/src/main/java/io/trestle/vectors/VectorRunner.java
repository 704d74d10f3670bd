package io.trestle.vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import io.trestle.vectors.consensus.BlsSuite;
import io.trestle.vectors.consensus.LightClientSyncSuite;
import io.trestle.vectors.consensus.SingleMerkleProofSuite;
import io.trestle.vectors.consensus.SszStaticSuite;
import io.trestle.vectors.consensus.UpdateRankingSuite;
import io.trestle.vectors.cosmos.IbcClientUpdateSuite;
import io.trestle.vectors.cosmos.TendermintSingleStepSuite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reference vectors found under given paths and returns per-case results. A library: it never
 * prints; progress goes to a {@link ProgressListener}.
 *
 * <p><b>Walk.</b> Each given path is a regular file or a directory walked recursively (symbolic links
 * are not followed). Files under one path run in sorted order of their path relative to it; paths run
 * in the order given; a file reached twice runs once (first occurrence).
 *
 * <p><b>Recognition.</b> Every file is offered to the {@link Suite}s in order ({@link #defaultSuites()}:
 * consensus suites, then trie iteration, trie, RLP, ICS-23, RLP chains, JSON-RPC recordings); the first that recognises it runs it. Recognition
 * is by content or, for the consensus suites, by file names (see each suite). A file no suite
 * recognises (YAML, SSZ, other JSON, binary) is reported as skipped, with the
 * reason "not a recognised vector file", plus the parse error if it starts like a JSON object but does
 * not parse (so a truncated file is visible, but still skipped: without parseable content nothing shows
 * it is a vector; the staged data is guarded against change by its {@code MANIFEST.sha256} test). A file
 * that is recognised but whose cases are malformed fails those cases. Files a suite claims as {@link
 * Suite#companions companions} of another file are not reported separately.
 *
 * <p><b>Outcomes.</b> Skipped never counts as passed. An exception thrown by a suite (I/O, or a bug) is
 * caught and reported as one failed case named {@value #FILE_CASE} of that file.
 *
 * <p>Instances are immutable and thread-safe if their suites are.
 */
public final class VectorRunner {
  /** Name of the synthetic case that reports a file-level failure. */
  public static final String FILE_CASE = "(file)";

  /** Skip reason of files no suite recognised. */
  public static final String NOT_RECOGNISED = "not a recognised vector file";

  private static final Logger LOG = LoggerFactory.getLogger(VectorRunner.class);

  private final List<Suite> suites;

  /** A runner with {@link #defaultSuites()}. */
  public VectorRunner() {
    this(defaultSuites());
  }

  /** A runner with the given suites, tried in order. */
  public VectorRunner(final List<Suite> suites) {
    this.suites = List.copyOf(suites);
  }

  /**
   * The built-in suites in recognition order: the consensus-spec-tests directory suites (light-client
   * sync, ssz_static, BLS, single_merkle_proof, update_ranking; recognised by their designated file and
   * its siblings), then trie iteration, trie, RLP, ICS-23 (recognised by JSON content), RLP block chains
   * and JSON-RPC recordings (recognised by content; see {@link ChainRlpSuite} and {@link JsonRpcSuite}).
   */
  public static List<Suite> defaultSuites() {
    return List.of(new LightClientSyncSuite(), new SszStaticSuite(), new BlsSuite(), new SingleMerkleProofSuite(),
        new UpdateRankingSuite(), new TendermintSingleStepSuite(), new IbcClientUpdateSuite(), new TrieIterationSuite(),
        new TrieSuite(), new RlpSuite(), new Ics23Suite(), new ChainRlpSuite(), new JsonRpcSuite());
  }

  /** The suites of this runner. */
  public List<Suite> suites() {
    return suites;
  }

  /** Runs everything under {@code paths} without progress callbacks. */
  public RunResult run(final List<Path> paths) throws IOException {
    return run(paths, ProgressListener.NONE);
  }

  /**
   * Runs everything under {@code paths}.
   *
   * @throws NoSuchFileException if a given path does not exist (nothing is run)
   * @throws IOException if a directory cannot be walked
   */
  public RunResult run(final List<Path> paths, final ProgressListener listener) throws IOException {
    Objects.requireNonNull(listener, "listener");
    for (final Path p : paths) {
      if (!Files.exists(p)) {
        throw new NoSuchFileException(p.toString());
      }
    }
    // file -> the given path it was found under, in run order
    final Map<Path, Path> files = new LinkedHashMap<>();
    final Set<Path> seen = new HashSet<>();
    for (final Path root : paths) {
      for (final Path f : list(root)) {
        if (seen.add(f.toAbsolutePath().normalize())) {
          files.put(f, root);
        }
      }
    }
    final List<Path> all = List.copyOf(files.keySet());
    final List<Suite> bound = new ArrayList<>(suites.size());
    for (final Suite s : suites) {
      bound.add(s.forRun(all));
    }
    final List<FileResult> results = new ArrayList<>();
    final Set<Path> claimed = new HashSet<>();
    final int total = files.size();
    int index = 0;
    for (final Map.Entry<Path, Path> e : files.entrySet()) {
      final Path file = e.getKey();
      final int i = index++;
      if (claimed.contains(file.toAbsolutePath().normalize())) {
        continue;
      }
      listener.fileStarted(file, i, total);
      final FileResult r = runFile(bound, e.getValue(), file, claimed);
      results.add(r);
      listener.fileFinished(r, i, total);
    }
    // a companion seen before the file that claims it was reported as unrecognised: drop that report
    results.removeIf(r -> r.skipReason().isPresent() && claimed.contains(r.path().toAbsolutePath().normalize()));
    return new RunResult(results);
  }

  private static List<Path> list(final Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of(root);
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .sorted((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString()))
          .toList();
    }
  }

  private static FileResult runFile(
      final List<Suite> suites, final Path root, final Path file, final Set<Path> claimed) {
    for (final Suite s : suites) {
      final boolean recognised;
      try {
        recognised = s.recognise(file);
      } catch (RuntimeException ex) {
        LOG.warn("suite {} failed to inspect {}", s.name(), file, ex);
        continue;
      }
      if (!recognised) {
        continue;
      }
      try {
        for (final Path c : s.companions(file)) {
          claimed.add(c.toAbsolutePath().normalize());
        }
        final List<CaseResult> cases = s.run(file);
        if (cases.isEmpty()) {
          return new FileResult(root, file, s.name(),
              List.of(CaseResult.failed(FILE_CASE, "recognised, but no cases were found")), Optional.empty());
        }
        return new FileResult(root, file, s.name(), cases, Optional.empty());
      } catch (IOException | RuntimeException | StackOverflowError ex) {
        LOG.debug("suite {} failed on {}", s.name(), file, ex);
        return new FileResult(root, file, s.name(),
            List.of(CaseResult.failed(FILE_CASE, ex.getClass().getSimpleName() + ": " + ex.getMessage())),
            Optional.empty());
      }
    }
    final Optional<String> parseError = VectorJson.parseError(file);
    return FileResult.unrecognised(
        root, file, parseError.map(m -> NOT_RECOGNISED + " (invalid JSON: " + m + ")").orElse(NOT_RECOGNISED));
  }
}
