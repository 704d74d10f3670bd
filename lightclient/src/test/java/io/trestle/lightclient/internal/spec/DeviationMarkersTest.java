package io.trestle.lightclient.internal.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every check of the light-client code that is not in consensus-specs is marked
 * {@code // DEVIATION(id): what and why; covered by TestClass#method[, TestClass#method]} (the marker may continue
 * on the following {@code //} lines). This test parses the markers of the module's main sources and requires:
 * each named test class exists exactly once among the repository's test sources and has a JUnit test method of
 * that name (by reflection for this module's tests, by its source for another module's, e.g. the devnet tests in
 * testvectors); each id appears in the "Deviations from the spec" table of {@code docs/CATALOGUE.md}, and the
 * table lists no id the code does not mark; no {@code DEVIATION} text is left in another form.
 */
class DeviationMarkersTest {
  private static final Path REPO = Vectors.root().resolve("../..").normalize();
  private static final Path MAIN = Path.of("src", "main", "java");
  private static final Pattern MARKER =
      Pattern.compile("DEVIATION\\(([a-z0-9-]+)\\): (.+?); covered by (.+?)\\.?$", Pattern.DOTALL);
  private static final Pattern REF = Pattern.compile("([A-Z][A-Za-z0-9_]*)#([A-Za-z_][A-Za-z0-9_]*)");

  record Marker(Path file, int line, String id, String what, List<String> refs) {}

  /** The markers of every main source file of this module. */
  static List<Marker> markers() {
    final List<Marker> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (final Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        final List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          final String l = lines.get(i).strip();
          if (!l.contains("DEVIATION")) {
            continue;
          }
          if (!l.startsWith("// DEVIATION(")) {
            throw new AssertionError(f + ":" + (i + 1) + ": DEVIATION outside the uniform marker form: " + l);
          }
          final StringBuilder text = new StringBuilder(l.substring(3));
          for (int j = i + 1; j < lines.size(); j++) {
            final String next = lines.get(j).strip();
            if (!next.startsWith("//") || next.contains("DEVIATION")) {
              break;
            }
            text.append(' ').append(next.substring(2).strip());
          }
          final Matcher m = MARKER.matcher(text.toString());
          if (!m.matches()) {
            throw new AssertionError(f + ":" + (i + 1) + ": malformed marker (want DEVIATION(id): what and why;"
                + " covered by Class#method): " + text);
          }
          final List<String> refs = new ArrayList<>();
          for (final String r : m.group(3).split(",")) {
            refs.add(r.strip());
          }
          out.add(new Marker(f, i + 1, m.group(1), m.group(2).strip(), refs));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Empty when {@code ref} ({@code Class#method}) names an existing JUnit test, else what is wrong. */
  static Optional<String> resolve(final String ref) {
    final Matcher m = REF.matcher(ref);
    if (!m.matches()) {
      return Optional.of("not Class#method: " + ref);
    }
    final String cls = m.group(1);
    final String method = m.group(2);
    final List<Path> found;
    try (Stream<Path> modules = Files.list(REPO)) {
      found = modules.map(d -> d.resolve("src/test/java")).filter(Files::isDirectory).flatMap(d -> {
        try {
          return Files.walk(d).filter(p -> p.getFileName().toString().equals(cls + ".java")).toList().stream();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (found.size() != 1) {
      return Optional.of(ref + ": " + found.size() + " test sources named " + cls + ".java " + found);
    }
    final Path file = found.get(0);
    final Path ownTests = Path.of("src/test/java").toAbsolutePath().normalize();
    if (file.toAbsolutePath().normalize().startsWith(ownTests)) {
      final String fqn = ownTests.relativize(file.toAbsolutePath().normalize()).toString()
          .replace(".java", "").replace('/', '.').replace('\\', '.');
      try {
        final Class<?> c = Class.forName(fqn);
        for (final Method x : c.getDeclaredMethods()) {
          if (x.getName().equals(method) && isTest(x.getAnnotations())) {
            return Optional.empty();
          }
        }
        return Optional.of(ref + ": " + fqn + " has no test method " + method);
      } catch (ClassNotFoundException e) {
        return Optional.of(ref + ": class " + fqn + " not on the test class path");
      }
    }
    final String src;
    try {
      src = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    final Pattern test = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory)\\b[^;{}]*?\\bvoid\\s+"
        + Pattern.quote(method) + "\\s*\\(", Pattern.DOTALL);
    return test.matcher(src).find() ? Optional.empty() : Optional.of(ref + ": " + file + " has no test method " + method);
  }

  private static boolean isTest(final Annotation[] annotations) {
    for (final Annotation a : annotations) {
      final String n = a.annotationType().getName();
      if (n.startsWith("org.junit.jupiter") && (n.endsWith(".Test") || n.endsWith(".ParameterizedTest")
          || n.endsWith(".RepeatedTest") || n.endsWith(".TestFactory"))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyMarkedDeviationNamesATestThatExists() {
    final List<Marker> markers = markers();
    assertTrue(markers.size() >= 8, "markers found: " + markers);
    final List<String> problems = new ArrayList<>();
    for (final Marker mk : markers) {
      if (mk.what().length() < 20) {
        problems.add(mk.file() + ":" + mk.line() + ": say what and why: " + mk.what());
      }
      for (final String ref : mk.refs()) {
        resolve(ref).ifPresent(p -> problems.add(mk.file() + ":" + mk.line() + ": " + p));
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void theResolverRefusesMissingClassesAndMethods() {
    assertEquals(Optional.empty(), resolve("DeviationMarkersTest#everyMarkedDeviationNamesATestThatExists"));
    assertTrue(resolve("DeviationMarkersTest#markers").isPresent(), "a helper is not a test");
    assertTrue(resolve("DeviationMarkersTest#noSuchMethod").isPresent());
    assertTrue(resolve("NoSuchTestClassAnywhere#x").isPresent());
    assertTrue(resolve("SyncFailoverTest").isPresent(), "no method named");
    // another module's test, resolved by its source
    assertEquals(Optional.empty(),
        resolve("LightClientAdversarialTest#lc_F89_slotsNearTwoToThe64_badSlotWithoutException"));
    assertTrue(resolve("LightClientAdversarialTest#lc_F89_noSuchCase").isPresent());
  }

  @Test
  void theCatalogueTableListsExactlyTheMarkedIds() throws IOException {
    final Set<String> marked = markers().stream().map(Marker::id).collect(Collectors.toCollection(TreeSet::new));
    final String doc = Files.readString(REPO.resolve("docs/CATALOGUE.md"));
    final int start = doc.indexOf("## Deviations from the spec");
    assertTrue(start >= 0, "docs/CATALOGUE.md has no \"## Deviations from the spec\" section");
    final int end = doc.indexOf("\n## ", start + 1);
    final String section = end < 0 ? doc.substring(start) : doc.substring(start, end);
    final Set<String> listed = new TreeSet<>();
    final Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\|").matcher(section);
    while (row.find()) {
      listed.add(row.group(1));
    }
    assertFalse(listed.isEmpty());
    assertEquals(marked, listed);
  }
}
