package io.trestle.lightclient.stream;

import io.trestle.lightclient.source.SourceException;
import java.util.Objects;

/** How a {@link MessageStream#advanceTo} pass ended. */
public sealed interface PassResult permits PassResult.CaughtUp, PassResult.Rejected, PassResult.SourceFailed,
    PassResult.SinkFailed {

  /** The cursor after the pass (what was acknowledged and persisted); empty if nothing was processed ever. */
  java.util.Optional<Cursor> cursor();

  /** Every block up to the finalized block was verified and its messages acknowledged. */
  record CaughtUp(java.util.Optional<Cursor> cursor, long blocks, long messages) implements PassResult {
    /** Non-null. */
    public CaughtUp {
      Objects.requireNonNull(cursor, "cursor");
    }
  }

  /** Data failed verification at a block. */
  record Rejected(java.util.Optional<Cursor> cursor, StreamRejection rejection) implements PassResult {
    /** Non-null. */
    public Rejected {
      Objects.requireNonNull(cursor, "cursor");
      Objects.requireNonNull(rejection, "rejection");
    }
  }

  /** The source could not deliver. */
  record SourceFailed(java.util.Optional<Cursor> cursor, SourceException error) implements PassResult {
    /** Non-null. */
    public SourceFailed {
      Objects.requireNonNull(cursor, "cursor");
      Objects.requireNonNull(error, "error");
    }
  }

  /** The sink threw; the failed message is re-emitted next pass. */
  record SinkFailed(java.util.Optional<Cursor> cursor, String detail) implements PassResult {
    /** Non-null. */
    public SinkFailed {
      Objects.requireNonNull(cursor, "cursor");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
