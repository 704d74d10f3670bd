package io.trestle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.Hash32;
import io.trestle.crypto.Hex;
import io.trestle.proofs.ProofResult;
import io.trestle.proofs.state.Account;
import io.trestle.proofs.execution.AccountProofResponse;
import io.trestle.proofs.execution.AccountProofVerifier;
import io.trestle.proofs.state.VerifiedAccount;
import io.trestle.proofs.state.VerifiedSlot;
import java.io.PrintStream;
import java.math.BigInteger;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * {@code trestle verify account --state-root HEX --proof FILE [--json]}: verifies an {@code eth_getProof}
 * result (bare, or a full JSON-RPC response) against a state root the user trusts.
 *
 * <p>Exit 0: verified; prints the proven account (or {@code absent}) and every storage slot. Exit 1:
 * rejected, including a proof whose JSON fields are malformed ({@code INPUT_MALFORMED}). Exit 2: usage
 * error, a state root that is not 32 bytes of hex, or a file that cannot be read or is not JSON.
 *
 * <p>{@code --json} prints one object: {@code {verified, address, stateRoot, absent, account, storage}}
 * where {@code account} is {@code {nonce, balance, storageRoot, codeHash}} (nonce and balance as decimal
 * strings) or {@code null} when {@code absent} is true, and {@code storage} is a list of {@code {key,
 * value, present}} (key and value as 32-byte hex words). When not verified: {@code {verified: false,
 * reason, detail}}.
 */
final class VerifyAccountCommand implements Command {
  private final boolean storage;

  VerifyAccountCommand() {
    this(false);
  }

  /** {@code storage}: the {@code verify storage} variant (online only, {@code --slot} required). */
  VerifyAccountCommand(final boolean storage) {
    this.storage = storage;
  }

  @Override
  public int dispatch(final List<String> argv, final PrintStream out, final PrintStream err) {
    if (storage || argv.stream().anyMatch(x -> x.equals("--beacon-api") || x.startsWith("--beacon-api="))) {
      return online(argv, out, err);
    }
    final Args a = Args.parse(argv, Set.of("state-root", "proof"), Set.of("json"));
    if (!a.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
    }
    final Hash32 stateRoot = parseRoot(a.required("state-root"));
    final JsonNode node = ExecInputs.readJson(a.required("proof"));
    final boolean json = a.flag("json");

    final ProofResult<AccountProofResponse> parsed = ProofResult.of(() -> AccountProofResponse.fromJson(node));
    if (parsed instanceof ProofResult.Rejected<AccountProofResponse> rj) {
      return Output.rejected(rj, json, out);
    }
    final ProofResult<VerifiedAccount> result = AccountProofVerifier.verify(stateRoot, parsed.orElseThrow());
    if (result instanceof ProofResult.Rejected<VerifiedAccount> rj) {
      return Output.rejected(rj, json, out);
    }
    final VerifiedAccount va = result.orElseThrow();
    if (json) {
      Output.print(toJson(stateRoot, va), out);
    } else {
      printText(stateRoot, va, out);
    }
    return OK;
  }

  /**
   * Online mode: sync the light client, then verify {@code eth_getProof} at the FINALIZED execution block (by
   * hash) against its verified state root: a thin caller of {@link io.trestle.lightclient.ExecutionVerifier#account}.
   */
  private int online(final List<String> argv, final PrintStream out, final PrintStream err) {
    final Args a = Args.parse(argv, OnlineSync.union(OnlineSync.valueOptions(),
        Set.of("execution-rpc", "address", "slot")), OnlineSync.FLAG_OPTIONS);
    if (!a.positional().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
    }
    final boolean json = a.flag("json");
    final io.trestle.crypto.Address address;
    try {
      final String v = a.required("address");
      if (!Hex.isPrefixedHex(v) || v.length() != 42) {
        throw new IllegalArgumentException();
      }
      address = io.trestle.crypto.Address.fromHex(v);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--address must be 0x and 40 hex digits");
    }
    final List<Hash32> slots = new java.util.ArrayList<>();
    for (final String v : a.options("slot")) {
      slots.add(slotKey(v));
    }
    if (storage && slots.isEmpty()) {
      throw new UsageException("verify storage needs at least one --slot");
    }
    final OnlineSync.Setup s = OnlineSync.setup(a);
    final io.trestle.lightclient.source.ExecutionRpcClient rpc = OnlineSync.executionRpc(a);
    final OnlineSync.Synced synced = OnlineSync.syncFor(s, json, out, err);
    if (synced.client().isEmpty()) {
      return synced.exit();
    }
    final io.trestle.lightclient.Outcome<io.trestle.lightclient.AnchoredAccount> r =
        io.trestle.lightclient.ExecutionVerifier.of(synced.client().get(), rpc).account(address, slots);
    if (!(r instanceof io.trestle.lightclient.Outcome.Verified<io.trestle.lightclient.AnchoredAccount> v)) {
      return Output.outcome(r, json, out);
    }
    final io.trestle.lightclient.AnchoredAccount at = v.value();
    final Hash32 root = at.anchor().stateRoot().orElseThrow();
    if (json) {
      final ObjectNode o = toJson(root, at.account());
      o.put("network", s.config().name());
      o.put("finality", at.anchor().finality().name());
      o.put("beaconSlot", at.anchor().beaconSlot());
      o.put("blockNumber", at.anchor().blockNumber());
      o.put("blockHash", at.anchor().blockHash().toHex());
      Output.print(o, out);
    } else {
      out.println("light client: " + s.config().name() + ", " + at.anchor().finality() + " beacon slot "
          + at.anchor().beaconSlot() + " → execution block " + at.anchor().blockNumber() + " "
          + at.anchor().blockHash());
      printText(root, at.account(), out);
    }
    return OK;
  }

  /** A storage slot as a 32-byte key: hex of at most 32 bytes, left-padded. */
  static Hash32 slotKey(final String v) {
    if (!v.startsWith("0x") || v.length() < 3 || v.length() > 66
        || !v.substring(2).chars().allMatch(c -> Hex.digit((char) c) >= 0)) {
      throw new UsageException("--slot must be 0x and 1 to 64 hex digits, got '" + v + "'");
    }
    return Hash32.fromHex("0x" + "0".repeat(66 - v.length()) + v.substring(2));
  }

  private static Hash32 parseRoot(final String s) {
    if (!Hex.isPrefixedHex(s) || s.length() != 66) {
      throw new UsageException("--state-root must be 0x and 64 hex digits, got '" + s + "'");
    }
    return Hash32.fromHex(s);
  }

  private static String word(final BigInteger v) {
    final String h = v.toString(16);
    return "0x" + "0".repeat(Math.max(0, 64 - h.length())) + h;
  }

  private static ObjectNode toJson(final Hash32 stateRoot, final VerifiedAccount va) {
    final ObjectNode o = Output.object();
    o.put("verified", true);
    o.put("address", va.address().toHex());
    o.put("stateRoot", stateRoot.toHex());
    o.put("absent", !va.exists());
    if (va.account().isPresent()) {
      final Account acc = va.account().get();
      final ObjectNode ao = o.putObject("account");
      ao.put("nonce", acc.nonceString());
      ao.put("balance", acc.balance().toString());
      ao.put("storageRoot", acc.storageRoot().toHex());
      ao.put("codeHash", acc.codeHash().toHex());
    } else {
      o.putNull("account");
    }
    final ArrayNode st = o.putArray("storage");
    for (final VerifiedSlot s : va.storage()) {
      final ObjectNode so = st.addObject();
      so.put("key", s.key().toHex());
      so.put("value", word(s.value()));
      so.put("present", s.present());
    }
    return o;
  }

  private static void printText(final Hash32 stateRoot, final VerifiedAccount va, final PrintStream out) {
    out.println("VERIFIED account " + va.address().toHex() + " at state root " + stateRoot.toHex());
    if (va.account().isPresent()) {
      final Account acc = va.account().get();
      out.println("  nonce       " + acc.nonceString());
      out.println("  balance     " + acc.balance() + " wei");
      out.println("  storageRoot " + acc.storageRoot().toHex());
      out.println("  codeHash    " + acc.codeHash().toHex());
    } else {
      out.println("  absent");
    }
    for (final VerifiedSlot s : va.storage()) {
      out.println("  slot " + s.key().toHex() + " = " + word(s.value()) + (s.present() ? " (present)" : " (absent)"));
    }
  }

  @Override
  public String usage() {
    if (storage) {
      return "verify storage [--network NAME] --beacon-api URL --execution-rpc URL --address ADDR --slot HEX..."
          + " (--checkpoint ROOT | --store DIR) [--current-slot N] [--json]";
    }
    return "verify account --state-root HEX --proof FILE [--json]\n"
        + "verify account [--network NAME] --beacon-api URL --execution-rpc URL --address ADDR [--slot HEX...]"
        + " (--checkpoint ROOT | --store DIR) [--current-slot N] [--json]   (online, at the finalized block)";
  }
}
