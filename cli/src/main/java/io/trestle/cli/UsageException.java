package io.trestle.cli;

/** A command-line usage error or unreadable input file: exit code 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(final String message) {
    super(message, null, false, false);
  }
}
