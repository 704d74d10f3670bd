package io.trestle.proofs.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.crypto.Bytes;
import io.trestle.proofs.json.RpcJson;
import io.trestle.proofs.rlp.RlpWriter;
import io.trestle.testbase.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real data the fuzz targets of this module use as their fixed, honest context (trusted roots, honest
 * tries). Read from testvectors/vectors (relative to the module directory, as the other tests do).
 */
final class FuzzData {
  static final Path VECTORS = Vectors.root();
  static final Path HELIOS_RPC = VECTORS.resolve("helios/tests/testdata/rpc");
  static final Path EXEC_APIS = VECTORS.resolve("execution-apis/tests");

  private FuzzData() {}

  static String text(final Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(final Path p) {
    return RpcJson.unwrapResult(RpcJson.parse(text(p)));
  }

  /** The {@code <<} response lines of an execution-apis {@code .io} transcript, results unwrapped. */
  static List<JsonNode> ioResponses(final String file) {
    final List<JsonNode> out = new ArrayList<>();
    for (final String line : text(EXEC_APIS.resolve(file)).split("\n")) {
      if (line.startsWith("<< ")) {
        out.add(RpcJson.parse(line.substring(3)));
      }
    }
    return out;
  }

  static byte[] rlpIndex(final long i) {
    return RlpWriter.uint(i);
  }

  static List<Bytes> copy(final List<Bytes> nodes) {
    return new ArrayList<>(nodes);
  }
}
