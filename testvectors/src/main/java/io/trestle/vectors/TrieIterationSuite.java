package io.trestle.vectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * ethereum/tests {@code TrieTests/trietestnextprev.json}, recognised by content: a JSON object whose
 * members are {@code {in: [keys], tests: [[key, prev, next]]}} objects. These test key iteration
 * (next/previous key), which Trestle's trie does not offer, so every case is reported as
 * {@link Status#SKIPPED} with the reason "iteration tests not supported": recognised, never passed.
 */
public final class TrieIterationSuite implements Suite {
  /** The suite name. */
  public static final String NAME = "trie-iteration";

  /** The skip reason of every case. */
  public static final String REASON = "iteration tests not supported";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognise(final Path file) {
    return VectorJson.readObject(file).map(o -> VectorJson.hasCaseShape(o, "tests")).orElse(false);
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final ObjectNode root = VectorJson.readRecognised(file);
    final List<CaseResult> out = new ArrayList<>();
    final Iterator<String> names = root.fieldNames();
    while (names.hasNext()) {
      out.add(CaseResult.skipped(names.next(), REASON));
    }
    return out;
  }
}
