package io.trestle.proofs.ssz;

/**
 * A strict SSZ decoding failure: wrong length, bad offset, trailing bytes, oversized list. Carries a
 * detail naming the container and field. Decoders throw it; the light-client facade turns it into a
 * typed rejection.
 */
public final class SszException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with a detail naming the field. */
  public SszException(final String detail) {
    super(detail, null, false, false);
  }
}
