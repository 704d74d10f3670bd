package io.trestle.vectors.consensus;

import io.trestle.vectors.CaseResult;
import io.trestle.vectors.Suite;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * consensus-spec-tests {@code bls}: a {@code data.yaml} whose path has a handler directory ({@code
 * verify}, {@code sign}, {@code aggregate}, {@code aggregate_verify}, {@code fast_aggregate_verify},
 * {@code eth_fast_aggregate_verify}, {@code eth_aggregate_pubkeys}) below a directory named {@code bls}.
 * The handler is the nearest such ancestor. Each file is one case (named by its directory), run by
 * {@link BlsCaseRunner} against the production BLS implementation.
 */
public final class BlsSuite implements Suite {
  @Override
  public String name() {
    return "bls";
  }

  /** The handler of a {@code data.yaml} path, if it is a BLS case. */
  static Optional<String> handler(final Path file) {
    if (!file.getFileName().toString().equals("data.yaml")) {
      return Optional.empty();
    }
    String found = null;
    for (Path p = file.toAbsolutePath().getParent(); p != null && p.getFileName() != null; p = p.getParent()) {
      final String n = p.getFileName().toString();
      if (found == null && BlsCaseRunner.HANDLERS.contains(n)) {
        found = n;
      } else if (found != null && n.equals("bls")) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean recognise(final Path file) {
    return handler(file).isPresent();
  }

  @Override
  public List<CaseResult> run(final Path file) {
    final String handler = handler(file).orElseThrow();
    final String name = handler + "/" + file.toAbsolutePath().getParent().getFileName();
    final BlsCaseRunner.Outcome o = BlsCaseRunner.run(file, handler);
    return List.of(o.passed() ? CaseResult.passed(name, handler + " output matches")
        : CaseResult.failed(name, o.message()));
  }
}
