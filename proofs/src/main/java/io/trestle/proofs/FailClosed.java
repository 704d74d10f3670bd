package io.trestle.proofs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Holds the logger for fail-closed internal errors (interfaces cannot have private fields). */
final class FailClosed {
  static final Logger LOG = LoggerFactory.getLogger(ProofResult.class);

  private FailClosed() {}
}
