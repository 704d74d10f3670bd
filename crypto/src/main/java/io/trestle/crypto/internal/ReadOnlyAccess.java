package io.trestle.crypto.internal;

import io.trestle.crypto.Bytes;
import java.util.Objects;
import java.util.function.Function;

/**
 * Not API: zero-copy read access to the content of a {@link Bytes}, for Trestle's own verifiers only.
 *
 * <p>{@link Bytes} is immutable, so a verifier that only <em>reads</em> a proof node has no reason to copy
 * it first; but the backing array must never be written or reach code outside the verifier, or the
 * immutability of {@code Bytes} would be lost. Holders of this capability promise exactly that: they hash
 * and parse the array in place and copy out only what they return.
 *
 * <p>This package is not exported: {@code module-info.java} exports it only to {@code io.trestle.proofs}, so on
 * the module path no other module can reach it. On the class path (where module boundaries do not hold) the
 * capability is still handed out only to classes of Trestle's own {@code io.trestle} packages (checked once,
 * against the caller's class, when {@link #obtain()} is called; other code gets an {@link
 * IllegalCallerException}). Neither is a defence against code that uses reflection, which no Java API can stop.
 */
public final class ReadOnlyAccess {
  private static final ReadOnlyAccess INSTANCE = new ReadOnlyAccess();
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  /** Set once by {@link Bytes}' static initializer (so it is visible to every thread that holds a Bytes). */
  private static volatile Function<Bytes, byte[]> backing;

  private ReadOnlyAccess() {}

  /** Called once, by {@link Bytes}' static initializer only. */
  public static synchronized void register(final Function<Bytes, byte[]> backingArray) {
    if (backing != null || WALKER.getCallerClass() != Bytes.class) {
      throw new IllegalCallerException("only io.trestle.crypto.Bytes registers, once");
    }
    backing = Objects.requireNonNull(backingArray, "backingArray");
  }

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
    // A Bytes instance exists, so its class is initialized and has registered.
    return backing.apply(Objects.requireNonNull(b, "bytes"));
  }
}
