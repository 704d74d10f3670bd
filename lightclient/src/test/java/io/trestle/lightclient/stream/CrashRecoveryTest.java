package io.trestle.lightclient.stream;

import io.trestle.lightclient.stream.MessageStream.PassResult;
import io.trestle.lightclient.stream.MessageStream.Cursor;
import io.trestle.lightclient.stream.MessageStream.CursorException;
import io.trestle.lightclient.internal.stream.CursorFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Hash32;
import io.trestle.lightclient.store.StoreFile.StoreError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety with a deterministic crash-injection hook: the process "dies" (an Error unwinds the stream, nothing
 * else runs) at the k-th crash point of a run, for every k; a new stream then resumes from the cursor file. What
 * the sink received across both lives (as a relayer's downstream would) must be every expected message in order,
 * with at most the one in-flight message repeated, under the same id.
 */
class CrashRecoveryTest {
  static final long CHAIN_ID = 990001;
  final TestChain chain = new TestChain(11, 500, 41);

  private static final class Killed extends Error {
    private static final long serialVersionUID = 1L;
  }

  private MessageStream stream(final Path dir, final List<StreamMessage> delivered, final MessageStream.CrashPoint c) {
    return MessageStream.builder(chain.new Source(), TestChain.FILTER, CHAIN_ID, delivered::add).startBlock(501)
        .segment(8).saveEveryBlocks(5).cursorIn(dir).crashPoint(c).build();
  }

  @Test
  void killAtEveryCrashPointResumesWithoutGapOrIdChange(@TempDir final Path root) throws IOException {
    final List<String> points = new ArrayList<>();
    final List<StreamMessage> clean = new ArrayList<>();
    stream(Files.createDirectories(root.resolve("clean")), clean, points::add).advanceTo(chain.anchorAt(540));
    assertEquals(chain.placedIn(501, 540).size(), clean.size());
    assertTrue(clean.size() >= 8, "enough messages to crash between: " + clean.size());
    assertTrue(points.size() > 40, "crash points: " + points.size());
    for (int k = 1; k <= points.size(); k++) {
      final Path dir = Files.createDirectories(root.resolve("k" + k));
      final List<StreamMessage> delivered = new ArrayList<>();
      final int killAt = k;
      final int[] n = {0};
      assertThrows(Killed.class, () -> stream(dir, delivered, where -> {
        if (++n[0] == killAt) {
          throw new Killed();
        }
      }).advanceTo(chain.anchorAt(540)));
      // Restart (maybe twice: the finalized head moves on in between).
      assertInstanceOf(PassResult.CaughtUp.class,
          stream(dir, delivered, MessageStream.CrashPoint.NONE).advanceTo(chain.anchorAt(520)));
      assertInstanceOf(PassResult.CaughtUp.class,
          stream(dir, delivered, MessageStream.CrashPoint.NONE).advanceTo(chain.anchorAt(540)));
      final Set<Hash32> ids = new LinkedHashSet<>();
      int repeats = 0;
      for (int i = 0; i < delivered.size(); i++) {
        if (!ids.add(delivered.get(i).id())) {
          repeats++;
          // The repeat is the message just before it, same id and content (the beacon slot it was verified
          // under may be a later finalized header's).
          assertEquals(delivered.get(i - 1).id(), delivered.get(i).id(), "repeat of the previous message, k=" + k);
          assertEquals(delivered.get(i - 1).message().data(), delivered.get(i).message().data());
          assertEquals(delivered.get(i - 1).blockLogIndex(), delivered.get(i).blockLogIndex());
        }
      }
      final String where = points.get(k - 1);
      assertTrue(repeats <= (where.equals("after-sink") ? 1 : 0), "k=" + k + " at " + where + ": " + repeats
          + " repeats");
      assertEquals(clean.stream().map(StreamMessage::id).toList(), List.copyOf(ids), "k=" + k + " at " + where);
    }
  }

  @Test
  void leftoverTempFileIsIgnoredAndDamagedCursorRefused(@TempDir final Path dir) throws IOException {
    final CursorFile f = CursorFile.in(dir, CHAIN_ID, TestChain.FILTER);
    final Cursor c = Cursor.partial(7, chain.header(507).hash(), 2, 1);
    f.save(c);
    Files.writeString(f.path().resolveSibling(f.path().getFileName() + ".tmp"), "half a cur");
    assertEquals(c, CursorFile.in(dir, CHAIN_ID, TestChain.FILTER).load().orElseThrow());
    final String text = Files.readString(f.path());
    Files.writeString(f.path(), text.substring(0, text.length() / 2));
    assertEquals(StoreError.CORRUPT, assertThrows(CursorException.class, f::load).failure().kind());
    Files.writeString(f.path(), text.replace("block 7", "block 8"));
    assertEquals(StoreError.CORRUPT, assertThrows(CursorException.class, f::load).failure().kind());
  }

  @Test
  void cursorOfAnotherChainIsRefused(@TempDir final Path dir) throws IOException {
    final CursorFile mine = CursorFile.in(dir, CHAIN_ID, TestChain.FILTER);
    mine.save(Cursor.complete(3, Hash32.ZERO));
    final CursorFile other = CursorFile.in(dir, 1, TestChain.FILTER);
    Files.copy(mine.path(), other.path());
    assertEquals(StoreError.WRONG_NETWORK, assertThrows(CursorException.class, other::load).failure().kind());
    Files.writeString(mine.path(), "garbage\n", StandardCharsets.UTF_8);
    assertEquals(StoreError.CORRUPT, assertThrows(CursorException.class, mine::load).failure().kind());
  }
}
