package io.trestle.lightclient.internal;

import io.trestle.crypto.Address;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.lightclient.Finality;
import io.trestle.lightclient.VerifiedMessage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Lets verification code in other packages of this module (the message stream) make trust-carrying results whose
 * constructors are package-private. This package is not exported ({@code module-info.java}): callers outside the
 * module cannot reach it, so {@link VerifiedMessage} still has no public way to be made.
 */
public final class Trusted {
  /** Makes a {@link VerifiedMessage}; registered by that class. */
  @FunctionalInterface
  public interface MessageFactory {
    /** The message of a log the caller has proven (receipts root rebuilt against a verified header). */
    VerifiedMessage message(long chainId, Finality finality, long beaconSlot, long blockNumber, Hash32 blockHash,
        long txIndex, int logIndex, Address emitter, List<Hash32> topics, Bytes data, Optional<Boolean> status);
  }

  private static volatile MessageFactory messages;

  private Trusted() {
  }

  /** Called once by {@link VerifiedMessage}'s static initializer. */
  public static void register(final MessageFactory f) {
    if (messages != null) {
      throw new IllegalStateException("already registered");
    }
    messages = Objects.requireNonNull(f);
  }

  /** The factory (initializing {@link VerifiedMessage} first so that it has registered). */
  public static MessageFactory messages() {
    try {
      Class.forName(VerifiedMessage.class.getName(), true, VerifiedMessage.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return messages;
  }
}
