package io.trestle.lightclient.internal.stream;

import io.trestle.crypto.Hash32;
import io.trestle.crypto.Sha256;
import io.trestle.lightclient.store.StoreFile.StoreError;
import io.trestle.lightclient.store.StoreFile.StoreFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import io.trestle.lightclient.stream.LogFilter;
import io.trestle.lightclient.stream.MessageStream.Cursor;
import io.trestle.lightclient.stream.MessageStream.CursorException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream's cursor persisted next to the light-client store: {@code stream-<filter id prefix>.cursor} in the
 * store directory, a short text file (chain id, filter id, block number and hash, position) ending with its
 * SHA-256. Written like {@link io.trestle.lightclient.store.StoreFile}: {@code .tmp}, {@code fsync}, atomic rename,
 * directory {@code fsync}; a process killed at any moment leaves the old or the new cursor. The light-client store
 * is saved before the cursor, and the cursor only names finalized blocks, so a cursor never runs ahead of the
 * store it resumes with.
 *
 * <p>Verified on load: size bound, checksum, format, chain id and filter id (a cursor of another stream or
 * network is refused). A refused cursor is a {@link CursorException}; it is never silently replaced.
 * One process per file; methods are {@code synchronized}.
 */
public final class CursorFile {
  private static final Logger LOG = LoggerFactory.getLogger(CursorFile.class);
  private static final String MAGIC = "trestle-stream-cursor 1";
  private static final int MAX_BYTES = 4096;

  private final Path file;
  private final long chainId;
  private final Hash32 filterId;

  private CursorFile(final Path file, final long chainId, final Hash32 filterId) {
    this.file = file;
    this.chainId = chainId;
    this.filterId = filterId;
  }

  /** The cursor of the stream of {@code filter} on chain {@code chainId}, in {@code storeDir}. Does no IO. */
  public static CursorFile in(final Path storeDir, final long chainId, final LogFilter filter) {
    Objects.requireNonNull(storeDir, "storeDir");
    final Hash32 id = filter.id();
    return new CursorFile(storeDir.resolve("stream-" + id.toHex().substring(2, 18) + ".cursor"), chainId, id);
  }

  /** The file. */
  public Path path() {
    return file;
  }

  /** The saved cursor, empty if none was saved; {@link CursorException} if the file cannot be trusted. */
  public synchronized Optional<Cursor> load() {
    try {
      Files.deleteIfExists(tmp());
      final byte[] b;
      try (InputStream in = Files.newInputStream(file)) {
        b = in.readNBytes(MAX_BYTES + 1);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
      if (b.length > MAX_BYTES) {
        throw corrupt("larger than " + MAX_BYTES + " bytes");
      }
      final String text = new String(b, StandardCharsets.UTF_8);
      final int cut = text.lastIndexOf("sha256 ");
      if (cut < 0 || !text.endsWith("\n")) {
        throw corrupt("no checksum line (truncated?)");
      }
      final String body = text.substring(0, cut);
      final String sum = text.substring(cut + 7, text.length() - 1);
      if (!Sha256.hash(body.getBytes(StandardCharsets.UTF_8)).toHex().equals(sum)) {
        throw corrupt("checksum mismatch");
      }
      final Map<String, String> kv = new LinkedHashMap<>();
      final String[] lines = body.split("\n");
      if (lines.length == 0 || !lines[0].equals(MAGIC)) {
        throw new CursorException(new StoreFailure(StoreError.BAD_MAGIC, file + " is not a stream cursor"));
      }
      for (int i = 1; i < lines.length; i++) {
        final int sp = lines[i].indexOf(' ');
        if (sp < 0) {
          throw corrupt("bad line " + i);
        }
        kv.put(lines[i].substring(0, sp), lines[i].substring(sp + 1));
      }
      if (!String.valueOf(chainId).equals(kv.get("chain"))) {
        throw new CursorException(new StoreFailure(StoreError.WRONG_NETWORK, file + " is a cursor of chain "
            + kv.get("chain") + ", this stream follows chain " + chainId));
      }
      if (!filterId.toHex().equals(kv.get("filter"))) {
        throw new CursorException(new StoreFailure(StoreError.WRONG_NETWORK, file + " is the cursor of filter "
            + kv.get("filter") + ", not of this stream's filter " + filterId));
      }
      return Optional.of(new Cursor(Long.parseLong(kv.get("block")), Hash32.fromHex(kv.get("hash")),
          Boolean.parseBoolean(kv.get("complete")), Long.parseLong(kv.get("tx")), Integer.parseInt(kv.get("log"))));
    } catch (IOException e) {
      throw new CursorException(new StoreFailure(StoreError.IO, "cannot read " + file + ": " + e));
    } catch (RuntimeException e) {
      if (e instanceof CursorException c) {
        throw c;
      }
      throw corrupt("unreadable field: " + e.getMessage());
    }
  }

  /** Atomically replaces the saved cursor. {@link CursorException} ({@code IO}) if it cannot be written. */
  public synchronized void save(final Cursor c) {
    Objects.requireNonNull(c, "cursor");
    final String body = MAGIC + "\nchain " + chainId + "\nfilter " + filterId.toHex() + "\nblock " + c.blockNumber()
        + "\nhash " + c.blockHash().toHex() + "\ncomplete " + c.complete() + "\ntx " + c.txIndex() + "\nlog "
        + c.logIndex() + "\n";
    final String text = body + "sha256 " + Sha256.hash(body.getBytes(StandardCharsets.UTF_8)).toHex() + "\n";
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch = FileChannel.open(tmp(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE)) {
        final ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException e) {
        LOG.debug("cannot fsync directory {}: {}", file.getParent(), e.toString());
      }
    } catch (IOException e) {
      throw new CursorException(new StoreFailure(StoreError.IO, "cannot write " + file + ": " + e));
    }
  }

  private Path tmp() {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }

  private CursorException corrupt(final String what) {
    return new CursorException(new StoreFailure(StoreError.CORRUPT, file + ": " + what
        + ". Delete it and restart the stream from a block you choose (--from-block)"));
  }
}
