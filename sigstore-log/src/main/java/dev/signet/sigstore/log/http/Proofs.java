package dev.signet.sigstore.log.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.sigstore.log.engine.LogState;
import dev.signet.sigstore.log.engine.TileLog;
import dev.signet.sigstore.log.storage.StorageException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Inclusion proofs in the two encodings: bundle protojson (base64, int64 strings) and Rekor v1 REST (hex, numbers). */
final class Proofs {
  private Proofs() {}

  static ObjectNode protojson(TileLog log, long index, LogState state) throws StorageException {
    List<byte[]> hashes = log.inclusionProof(index, state.size());
    ObjectNode p = Reply.JSON.createObjectNode().put("logIndex", Long.toString(index))
        .put("rootHash", Base64.getEncoder().encodeToString(state.root()))
        .put("treeSize", Long.toString(state.size()));
    ArrayNode a = p.putArray("hashes");
    hashes.forEach(h -> a.add(Base64.getEncoder().encodeToString(h)));
    p.putObject("checkpoint").put("envelope", state.checkpoint());
    return p;
  }

  static ObjectNode rest(TileLog log, long index, LogState state) throws StorageException {
    List<byte[]> hashes = log.inclusionProof(index, state.size());
    ObjectNode p = Reply.JSON.createObjectNode().put("logIndex", index)
        .put("rootHash", HexFormat.of().formatHex(state.root())).put("treeSize", state.size());
    ArrayNode a = p.putArray("hashes");
    hashes.forEach(h -> a.add(HexFormat.of().formatHex(h)));
    p.put("checkpoint", state.checkpoint());
    return p;
  }
}
