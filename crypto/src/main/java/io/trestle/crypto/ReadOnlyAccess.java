package io.trestle.crypto;

import java.util.Objects;

/**
 * Not API: zero-copy read access to the content of a {@link Bytes}, for Trestle's own verifiers only.
 *
 * <p>{@link Bytes} is immutable, so a verifier that only <em>reads</em> a proof node has no reason to copy
 * it first; but the backing array must never be written or reach code outside the verifier, or the
 * immutability of {@code Bytes} would be lost. Holders of this capability promise exactly that: they hash
 * and parse the array in place and copy out only what they return.
 *
 * <p>The capability is handed out only to classes of Trestle's own {@code io.trestle} packages (checked
 * once, against the caller's class, when {@link #obtain()} is called; code outside those packages gets an
 * {@link IllegalCallerException}). This keeps honest callers from reaching the array by accident; it is no
 * defence against code on the same class path that uses reflection, which no Java API can stop.
 */
public final class ReadOnlyAccess {
  private static final ReadOnlyAccess INSTANCE = new ReadOnlyAccess();
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private ReadOnlyAccess() {}

  /** The capability, for classes in {@code io.trestle.*} packages (store it in a private static field). */
  public static ReadOnlyAccess obtain() {
    final Class<?> caller = WALKER.getCallerClass();
    if (!caller.getName().startsWith("io.trestle.")) {
      throw new IllegalCallerException(caller.getName() + " is not part of Trestle");
    }
    return INSTANCE;
  }

  /** The backing array of {@code b} (not a copy): read it, never write it, never let it escape. */
  public byte[] array(final Bytes b) {
    return Objects.requireNonNull(b, "bytes").backing();
  }
}
