package io.trestle.lightclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API of the library modules, checked in: for every {@code io.trestle.*} module on the class path, the
 * public and protected types and members of its unqualified exports (read from its compiled {@code module-info})
 * are listed and compared with {@code api/<module>.txt} at the repository root. Any change to the exported surface
 * fails the build until the listing is updated (run with {@code -Dtrestle.api.write=true}, review the diff, commit
 * it), so the API cannot change unnoticed.
 */
class ApiListingTest {
  private static final Path API = Path.of("..", "api");

  @Test
  void exportedApiMatchesTheCheckedInListing() throws Exception {
    final Map<String, List<String>> listings = listings();
    assertTrue(listings.keySet().containsAll(List.of("io.trestle.crypto", "io.trestle.proofs",
        "io.trestle.lightclient")), listings.keySet().toString());
    final boolean write = Boolean.getBoolean("trestle.api.write");
    final List<String> differ = new ArrayList<>();
    for (final Map.Entry<String, List<String>> e : listings.entrySet()) {
      final Path file = API.resolve(e.getKey() + ".txt");
      final String actual = String.join("\n", e.getValue()) + "\n";
      if (write) {
        Files.createDirectories(API);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        continue;
      }
      final String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      if (!expected.equals(actual)) {
        differ.add(e.getKey());
      }
    }
    assertFalse(write, "listings written to " + API.toAbsolutePath().normalize() + ": review and commit them");
    assertEquals(List.of(), differ, "the exported API of these modules differs from api/<module>.txt; if the"
        + " change is intended, run this test with -Dtrestle.api.write=true and commit the new listing");
  }

  /** Module name to its listing lines (header with the public type count first). */
  private static Map<String, List<String>> listings() throws IOException, URISyntaxException, ClassNotFoundException {
    final Map<String, List<String>> out = new TreeMap<>();
    final Enumeration<URL> urls = ApiListingTest.class.getClassLoader().getResources("module-info.class");
    while (urls.hasMoreElements()) {
      final URL url = urls.nextElement();
      final ModuleDescriptor d;
      try (InputStream in = url.openStream()) {
        d = ModuleDescriptor.read(in);
      }
      if (!d.name().startsWith("io.trestle.") || d.name().startsWith("io.trestle.examples")) {
        continue;
      }
      final TreeSet<String> packages = new TreeSet<>();
      d.exports().stream().filter(x -> !x.isQualified()).forEach(x -> packages.add(x.source()));
      final List<String> lines = new ArrayList<>();
      int types = 0;
      for (final String pkg : packages) {
        for (final String cn : classesIn(url, pkg)) {
          final Class<?> c = Class.forName(cn, false, ApiListingTest.class.getClassLoader());
          if (!Modifier.isPublic(c.getModifiers()) || c.isSynthetic()) {
            continue;
          }
          if (c.getEnclosingClass() != null && !publicChain(c)) {
            continue;
          }
          types++;
          lines.addAll(describe(c));
        }
      }
      final List<String> all = new ArrayList<>();
      all.add("# module " + d.name() + ": exports " + String.join(", ", packages));
      all.add("# " + types + " public types (nested included)");
      all.addAll(lines);
      out.put(d.name(), all);
    }
    return out;
  }

  private static boolean publicChain(final Class<?> c) {
    for (Class<?> x = c; x != null; x = x.getEnclosingClass()) {
      if (!Modifier.isPublic(x.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  /** Binary names of the classes directly in {@code pkg}, next to the module-info at {@code moduleInfo}. */
  private static List<String> classesIn(final URL moduleInfo, final String pkg) throws IOException,
      URISyntaxException {
    final String dir = pkg.replace('.', '/');
    final List<String> names = new ArrayList<>();
    if ("jar".equals(moduleInfo.getProtocol())) {
      final JarURLConnection conn = (JarURLConnection) moduleInfo.openConnection();
      try (JarFile jar = conn.getJarFile()) {
        for (final JarEntry e : Collections.list(jar.entries())) {
          final String n = e.getName();
          if (n.startsWith(dir + "/") && n.endsWith(".class") && n.indexOf('/', dir.length() + 1) < 0) {
            names.add(n.substring(0, n.length() - 6).replace('/', '.'));
          }
        }
      }
    } else {
      final Path root = Path.of(moduleInfo.toURI()).getParent().resolve(dir);
      try (Stream<Path> s = Files.list(root)) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
            .forEach(n -> names.add(pkg + "." + n.substring(0, n.length() - 6)));
      }
    }
    names.removeIf(n -> n.endsWith(".package-info"));
    Collections.sort(names);
    return names;
  }

  private static List<String> describe(final Class<?> c) {
    final List<String> out = new ArrayList<>();
    // The same text on every JDK: JDK 17 omits "sealed" from toGenericString, later ones print it.
    out.add(c.toGenericString().replace("non-sealed ", "").replace("sealed ", "") + (c.isSealed() ? " [sealed]" : ""));
    final TreeSet<String> members = new TreeSet<>();
    final boolean extensible = !Modifier.isFinal(c.getModifiers()) && !c.isSealed() && !c.isEnum() && !c.isRecord();
    for (final Constructor<?> k : c.getDeclaredConstructors()) {
      if (visible(k.getModifiers(), extensible) && !k.isSynthetic()) {
        members.add("  " + k.toGenericString());
      }
    }
    for (final Method m : c.getDeclaredMethods()) {
      if (visible(m.getModifiers(), extensible) && !m.isSynthetic() && !m.isBridge()) {
        members.add("  " + m.toGenericString());
      }
    }
    for (final Field f : c.getDeclaredFields()) {
      if (visible(f.getModifiers(), extensible) && !f.isSynthetic()) {
        members.add("  " + f.toGenericString());
      }
    }
    out.addAll(members);
    return out;
  }

  private static boolean visible(final int mod, final boolean extensible) {
    return Modifier.isPublic(mod) || extensible && Modifier.isProtected(mod);
  }
}
