package io.trestle.vectors;

import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Keccak256;
import io.trestle.proofs.VerificationException;
import io.trestle.proofs.execution.ExecutionHeader;
import io.trestle.proofs.execution.Transaction;
import io.trestle.proofs.mpt.TrieBuilder;
import io.trestle.proofs.rlp.Rlp;
import io.trestle.proofs.rlp.RlpItem;
import io.trestle.proofs.rlp.RlpWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Execution-layer block files in RLP (the hive {@code chain.rlp} of execution-apis: blocks concatenated
 * with no framing), recognised by content: the file starts with a canonical RLP list {@code [header,
 * transactions, ommers]} or {@code [header, transactions, ommers, withdrawals]} with a 15 to 23 field
 * header. One case per block; bytes after the last block that do not form one (a truncated file) are
 * one failed case.
 *
 * <p><b>Checks per block</b> ({@link #checkBlock}): the header decodes strictly and re-encodes to the
 * same bytes; the transactions rebuild its {@code transactionsRoot} (each a valid EIP-2718 envelope);
 * keccak of the ommers list is its {@code ommersHash}; the withdrawals, when present, rebuild its {@code
 * withdrawalsRoot} (and are present exactly when the header has that field); and, when the previous block
 * of the file has the previous number, {@code parentHash} is that block's hash.
 */
public final class ChainRlpSuite implements Suite {
  /** The suite name. */
  public static final String NAME = "rlp-chain";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognise(final Path file) {
    return readParsed(file).isPresent();
  }

  @Override
  public List<CaseResult> run(final Path file) throws IOException {
    final Parsed parsed = readParsed(file).orElseThrow(() -> new IOException("file is no longer an RLP chain"));
    final List<RlpItem> blocks = parsed.blocks();
    final List<CaseResult> out = new ArrayList<>();
    Optional<CheckedBlock> prev = Optional.empty();
    for (int i = 0; i < blocks.size(); i++) {
      final String name = "block[" + i + "]";
      try {
        final CheckedBlock b = checkBlock(blocks.get(i));
        String parent = "";
        if (prev.isPresent() && prev.get().header().number() + 1 == b.header().number()) {
          if (!b.header().parentHash().equals(prev.get().hash())) {
            out.add(CaseResult.failed("block " + b.header().number(), "parentHash " + b.header().parentHash()
                + " is not the previous block's hash " + prev.get().hash()));
            prev = Optional.of(b);
            continue;
          }
          parent = "; parentHash links to block " + prev.get().header().number();
        }
        out.add(CaseResult.passed("block " + b.header().number(), b.summary() + parent));
        prev = Optional.of(b);
      } catch (VerificationException e) {
        out.add(CaseResult.failed(name, e.reason() + ": " + e.detail()));
        prev = Optional.empty();
      } catch (RuntimeException | StackOverflowError e) {
        out.add(CaseResult.failed(name, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        prev = Optional.empty();
      }
    }
    parsed.tail().ifPresent(t -> out.add(CaseResult.failed("block[" + blocks.size() + "]", t)));
    return out;
  }

  /** The blocks that split off the front of a file, and why the rest (if any) is not a block. */
  record Parsed(List<RlpItem> blocks, Optional<String> tail) {}

  /** A block whose body commitments were rebuilt. */
  record CheckedBlock(ExecutionHeader header, Hash32 hash, List<Hash32> txHashes, String summary) {}

  /**
   * Checks one RLP block {@code [header, txs, ommers(, withdrawals)]} (see the class comment).
   *
   * @throws VerificationException naming what disagreed
   */
  static CheckedBlock checkBlock(final RlpItem block) {
    if (!block.isList()) {
      throw malformed("block is not an RLP list");
    }
    final List<RlpItem> parts = block.items();
    if (parts.size() != 3 && parts.size() != 4) {
      throw malformed("block has " + parts.size() + " items, expected 3 or 4");
    }
    for (final RlpItem p : parts) {
      if (!p.isList()) {
        throw malformed("a block item is not a list");
      }
    }
    final ExecutionHeader h = ExecutionHeader.fromRlp(parts.get(0));
    final byte[] headerBytes = parts.get(0).encoded();
    if (!Bytes.of(h.encode()).equals(Bytes.of(headerBytes))) {
      throw malformed("header does not re-encode to its bytes");
    }
    final Hash32 hash = Keccak256.hash(headerBytes);
    final List<Transaction> txs = new ArrayList<>();
    final List<Hash32> txHashes = new ArrayList<>();
    for (final RlpItem t : parts.get(1).items()) {
      // A legacy transaction is an RLP list in the block; a typed one an RLP string of its envelope.
      final Transaction tx = Transaction.fromRaw(Bytes.of(t.isList() ? t.encoded() : t.bytes()));
      txs.add(tx);
      txHashes.add(tx.hash());
    }
    final Hash32 txRoot = Transaction.root(txs);
    if (!txRoot.equals(h.transactionsRoot())) {
      throw new VerificationException(io.trestle.proofs.Reason.TRANSACTIONS_ROOT_MISMATCH,
          "block " + h.number() + ": trie of " + txs.size() + " transaction(s) has root " + txRoot
              + ", header says " + h.transactionsRoot());
    }
    final Hash32 ommers = Keccak256.hash(parts.get(2).encoded());
    if (!ommers.equals(h.ommersHash())) {
      throw malformed("block " + h.number() + ": keccak of the ommers list is " + ommers + ", header says "
          + h.ommersHash());
    }
    String withdrawals = "";
    if (parts.size() == 4 || h.withdrawalsRoot().isPresent()) {
      if (parts.size() != 4 || h.withdrawalsRoot().isEmpty()) {
        throw malformed("block " + h.number() + ": withdrawals list and withdrawalsRoot must come together");
      }
      final TrieBuilder t = new TrieBuilder();
      final List<RlpItem> ws = parts.get(3).items();
      for (int i = 0; i < ws.size(); i++) {
        if (!ws.get(i).isList() || ws.get(i).items().size() != 4) {
          throw malformed("block " + h.number() + ": withdrawal " + i + " is not a 4-item list");
        }
        t.put(RlpWriter.uint(i), ws.get(i).encoded());
      }
      if (!t.root().equals(h.withdrawalsRoot().get())) {
        throw new VerificationException(io.trestle.proofs.Reason.WITHDRAWALS_ROOT_MISMATCH,
            "block " + h.number() + ": trie of " + ws.size() + " withdrawal(s) has root " + t.root()
                + ", header says " + h.withdrawalsRoot().get());
      }
      withdrawals = ", withdrawalsRoot rebuilt from " + ws.size() + " withdrawal(s)";
    }
    return new CheckedBlock(h, hash, List.copyOf(txHashes), "header re-encodes (" + h.fieldCount()
        + " fields, hash " + hash + "); transactionsRoot rebuilt from " + txs.size()
        + " transaction(s); ommersHash matches" + withdrawals);
  }

  private static VerificationException malformed(final String m) {
    return new VerificationException(io.trestle.proofs.Reason.INPUT_MALFORMED, m);
  }

  /** The blocks of {@code file} if its whole content is a sequence of RLP blocks; else empty. */
  static Optional<List<RlpItem>> read(final Path file) {
    return readParsed(file).filter(p -> p.tail().isEmpty()).map(Parsed::blocks);
  }

  /**
   * The blocks at the front of {@code file} if it starts with at least one RLP block; the rest of a file
   * that stops being blocks (truncated, trailing bytes) is reported in {@link Parsed#tail()}.
   */
  static Optional<Parsed> readParsed(final Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > VectorJson.MAX_BYTES || Files.size(file) < 2) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(file)) {
        final int first = in.read();
        if (first < 0xf8) { // a block is always a long list
          return Optional.empty();
        }
      }
      return parse(Files.readAllBytes(file));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Splits {@code all} into RLP blocks; empty unless the first item is a block-shaped list. */
  static Optional<Parsed> parse(final byte[] all) {
    final List<RlpItem> out = new ArrayList<>();
    int pos = 0;
    while (pos < all.length) {
      final int first = all[pos] & 0xff;
      if (first < 0xc0) {
        return stop(out, pos, "a block must be an RLP list");
      }
      long len;
      int header;
      if (first <= 0xf7) {
        header = 1;
        len = first - 0xc0;
      } else {
        final int lenOfLen = first - 0xf7;
        if (pos + 1 + lenOfLen > all.length) {
          return stop(out, pos, "truncated length prefix");
        }
        len = 0;
        for (int i = 0; i < lenOfLen; i++) {
          len = (len << 8) | (all[pos + 1 + i] & 0xff);
        }
        header = 1 + lenOfLen;
      }
      if (len < 0 || pos + header + len > all.length) {
        return stop(out, pos, "the item's length runs past the end of the file");
      }
      final RlpItem item;
      try {
        item = Rlp.decode(all, pos, (int) (header + len));
      } catch (VerificationException e) {
        return stop(out, pos, "not canonical RLP: " + e.detail());
      }
      final List<RlpItem> parts = item.items();
      if ((parts.size() != 3 && parts.size() != 4) || !parts.get(0).isList()
          || parts.get(0).itemCount() < 15 || parts.get(0).itemCount() > 23) {
        return stop(out, pos, "not a [header, transactions, ommers(, withdrawals)] block");
      }
      out.add(item);
      pos += (int) (header + len);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(new Parsed(out, Optional.empty()));
  }

  private static Optional<Parsed> stop(final List<RlpItem> blocks, final int pos, final String why) {
    return blocks.isEmpty() ? Optional.empty()
        : Optional.of(new Parsed(blocks, Optional.of("bytes from offset " + pos + " are not a block: " + why)));
  }
}
