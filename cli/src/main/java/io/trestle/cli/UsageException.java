package io.trestle.cli;

/** A command-line usage error or unreadable input file: exit code 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean unreadableInput;

  UsageException(final String message) {
    this(message, false);
  }

  UsageException(final String message, final boolean unreadableInput) {
    super(message, null, false, false);
    this.unreadableInput = unreadableInput;
  }

  /** True if an input file could not be read or parsed (rather than a wrong option). */
  boolean unreadableInput() {
    return unreadableInput;
  }
}
