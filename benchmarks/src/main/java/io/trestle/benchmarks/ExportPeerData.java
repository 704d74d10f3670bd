package io.trestle.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Bytes;
import io.trestle.crypto.Hex;
import io.trestle.proofs.execution.Receipt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Writes the data the JMH benchmarks use into a directory, so that the JavaScript peers
 * ({@code benchmarks/peers/}) run on exactly the same bytes. Usage: {@code java -cp benchmarks.jar
 * io.trestle.benchmarks.ExportPeerData DIR}. Run from the repository root: the account and receipt proof
 * sets are those {@link BenchData} picks (the peers harness's files when found, else the synthetic ones),
 * the rest is generated exactly as the benchmarks generate it. Files: {@code account-proofs.json}, {@code
 * receipt-proofs.json} (same layout as {@link BenchData} reads, so JMH can be pointed at this directory with
 * {@code -Dtrestle.peers.data=DIR}), {@code storage-proofs.json}, {@code receipts-block.json} (the
 * 300-receipt block: encoded receipts and root), {@code bls-512.json} (the devnet committee's 512 keys,
 * signing root, 512-signer signature of {@link SyncUpdateBenchmark}), and {@code lc-update-electra.json}
 * copied from the peers harness when found (what {@code PeerLightClientUpdateBenchmark} reads).
 */
public final class ExportPeerData {
  private static final ObjectMapper M = new ObjectMapper();

  private ExportPeerData() {}

  public static void main(final String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ExportPeerData DIR");
      System.exit(2);
    }
    final Path dir = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(dir);
    final Path source = BenchData.peersDataDir();

    final BenchData.ProofSet accounts = BenchData.accounts("auto");
    final ObjectNode a = M.createObjectNode();
    a.put("origin", accounts.origin());
    a.put("root", accounts.root().toString());
    a.set("proofs", cases(accounts.present(), "address"));
    a.set("absentProofs", cases(accounts.absent(), "address"));
    write(dir, "account-proofs.json", a);

    final BenchData.ProofSet receipts = BenchData.receipts("auto");
    final ObjectNode r = M.createObjectNode();
    r.put("origin", receipts.origin());
    r.put("root", receipts.root().toString());
    final ArrayNode rp = cases(receipts.present(), "key");
    for (int i = 0; i < rp.size(); i++) {
      ((ObjectNode) rp.get(i)).put("index", i);
    }
    r.set("proofs", rp);
    write(dir, "receipt-proofs.json", r);

    final StorageProofBenchmark storage = new StorageProofBenchmark();
    storage.setup();
    final ObjectNode s = M.createObjectNode();
    s.put("origin", "StorageProofBenchmark: synthetic storage trie of 50,000 slots");
    s.put("root", storage.root().toString());
    final ArrayNode sp = s.putArray("proofs");
    for (int i = 0; i < storage.size(); i++) {
      final ObjectNode o = sp.addObject();
      o.put("slot", Hex.encode(storage.slot(i)));
      o.put("value", Hex.encode(storage.value(i)));
      o.set("proof", hexes(storage.proof(i)));
    }
    write(dir, "storage-proofs.json", s);

    final MainnetBlock block = MainnetBlock.generate();
    final ObjectNode b = M.createObjectNode();
    b.put("origin", "MainnetBlock: 300 receipts (ReceiptsRootBenchmark, StreamBlockBenchmark)");
    b.put("root", block.receiptsRoot.toString());
    final ArrayNode enc = b.putArray("receipts");
    for (final Receipt x : block.receipts) {
      enc.add(Hex.encode(x.encode()));
    }
    write(dir, "receipts-block.json", b);

    final SyncUpdateBenchmark sync = new SyncUpdateBenchmark();
    sync.setup();
    final ObjectNode k = M.createObjectNode();
    k.put("origin", "SyncUpdateBenchmark: devnet seed 1, next committee of update 1, all 512 signing");
    k.set("pubkeys", hexes(sync.compressedKeys()));
    k.put("message", Hex.encode(sync.signingRoot()));
    k.put("signature", sync.signature512().toHex());
    write(dir, "bls-512.json", k);

    final Path lc = source.resolve("lc-update-electra.json");
    if (Files.isRegularFile(lc) && !lc.toAbsolutePath().normalize().equals(dir.resolve("lc-update-electra.json"))) {
      Files.copy(lc, dir.resolve("lc-update-electra.json"), StandardCopyOption.REPLACE_EXISTING);
      System.err.println("[export] copied " + lc);
    } else if (!Files.isRegularFile(dir.resolve("lc-update-electra.json"))) {
      System.err.println("[export] no lc-update-electra.json under " + source + ": the light-client pair is skipped");
    }
  }

  private static ArrayNode cases(final List<BenchData.Case> cases, final String keyField) {
    final ArrayNode out = M.createArrayNode();
    for (final BenchData.Case c : cases) {
      final ObjectNode o = out.addObject();
      o.put(keyField, Hex.encode(c.keySource()));
      final Optional<byte[]> v = c.value();
      if (v.isPresent()) {
        o.put("value", Hex.encode(v.get()));
      } else {
        o.putNull("value");
      }
      o.set("proof", hexes(c.proof()));
    }
    return out;
  }

  private static ArrayNode hexes(final List<Bytes> list) {
    final ArrayNode out = M.createArrayNode();
    list.forEach(x -> out.add(x.toHex()));
    return out;
  }

  private static void write(final Path dir, final String name, final ObjectNode o) throws IOException {
    M.writeValue(dir.resolve(name).toFile(), o);
    System.err.println("[export] wrote " + dir.resolve(name));
  }
}
