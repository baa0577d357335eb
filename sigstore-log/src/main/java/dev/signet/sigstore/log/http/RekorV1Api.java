package dev.signet.sigstore.log.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.sigstore.log.engine.LogState;
import dev.signet.sigstore.log.engine.LogUnavailableException;
import dev.signet.sigstore.log.engine.TileLog;
import dev.signet.sigstore.log.entries.EntryException;
import dev.signet.sigstore.log.entries.ProposedEntry;
import dev.signet.sigstore.log.entries.RekorV1Entries;
import dev.signet.sigstore.log.storage.StorageException;
import dev.signet.sigstore.log.tiles.EntryBundle;
import dev.signet.sigstore.log.tiles.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Rekor v1 subset cosign and sigstore-js use, on a {@link TileLog} with an ECDSA key and origin
 * {@code <host> - <tree id>}: create (201 + ETag/Location, 409 + Location on duplicates), get by UUID or
 * {@code ?logIndex=}, log info, consistency proof and public key. Every entry carries
 * {@code integratedTime} (its batch's), the SET over RFC 8785 {@code {body, integratedTime, logID,
 * logIndex}} and an inclusion proof against the latest checkpoint. There is one shard: the global and
 * the proof's index are equal.
 */
public final class RekorV1Api {
  private static final Logger LOG = LoggerFactory.getLogger(RekorV1Api.class);
  private static final HexFormat HEX = HexFormat.of();

  private final TileLog log;
  private final long treeId;
  private final String logIdHex;

  public RekorV1Api(TileLog log, long treeId) {
    this.log = log;
    this.treeId = treeId;
    this.logIdHex = HEX.formatHex(log.signer().logId());
  }

  public String treeIdHex() {
    return String.format("%016x", treeId);
  }

  public CompletableFuture<Reply> create(byte[] body) {
    ProposedEntry entry;
    try {
      entry = RekorV1Entries.parse(body);
    } catch (EntryException e) {
      return CompletableFuture.completedFuture(Reply.v1Error(400, e.getMessage()));
    } catch (RuntimeException e) { // a parser gap on hostile input is still the client's 400
      LOG.warn("unexpected error parsing an entry", e);
      return CompletableFuture.completedFuture(Reply.v1Error(400, "the entry is malformed: " + e.getMessage()));
    }
    if (entry.body().length > EntryBundle.MAX_ENTRY) {
      return CompletableFuture.completedFuture(Reply.v1Error(400, "the canonical entry has " + entry.body().length
          + " bytes; a log entry is at most 65535"));
    }
    return log.append(entry.body()).handleAsync((a, err) -> { // proof, SET and JSON off the integrator thread
      if (err != null) {
        return failure(err);
      }
      String uuid = HEX.formatHex(a.leafHash());
      String location = "/api/v1/log/entries/" + treeIdHex() + uuid;
      if (a.duplicate()) {
        return Reply.v1Error(409, "an equivalent entry already exists in the transparency log with UUID "
            + treeIdHex() + uuid, Map.of("Location", location));
      }
      try {
        return Reply.json(201, entries(entry.body(), a.index(), a.state()), Map.of("ETag", treeIdHex() + uuid,
            "Location", location));
      } catch (StorageException e) {
        return failure(e);
      }
    });
  }

  /** {@code GET /api/v1/log/entries/{uuid}} (64 hex, or 80 with this tree id). */
  public Reply get(String id) {
    String uuid = id.toLowerCase(java.util.Locale.ROOT);
    if (uuid.length() == 80 && uuid.matches("[0-9a-f]+")) {
      if (!uuid.startsWith(treeIdHex())) {
        return Reply.v1Error(404, "entry " + id + " is of another tree (this log's tree id is " + treeIdHex() + ")");
      }
      uuid = uuid.substring(16);
    }
    if (uuid.length() != 64 || !uuid.matches("[0-9a-f]+")) {
      return Reply.v1Error(400, "entry UUID " + id + " is not 64 or 80 hex digits");
    }
    Optional<Long> index = log.indexOf(HEX.parseHex(uuid));
    if (index.isEmpty()) {
      return Reply.v1Error(404, "no entry with UUID " + id + " in this log");
    }
    return byIndex(index.get());
  }

  /** {@code GET /api/v1/log/entries?logIndex=N}. */
  public Reply getByIndex(String logIndex) {
    long i;
    try {
      i = Long.parseLong(logIndex);
    } catch (NumberFormatException e) {
      return Reply.v1Error(400, "logIndex " + logIndex + " is not a number");
    }
    if (i < 0 || i >= log.state().size()) {
      return Reply.v1Error(404, "no entry at logIndex " + i + " (the log has " + log.state().size() + ")");
    }
    return byIndex(i);
  }

  private Reply byIndex(long i) {
    try {
      return Reply.json(200, entries(log.entry(i), i, log.state()));
    } catch (StorageException e) {
      return failure(e);
    }
  }

  private ObjectNode entries(byte[] body, long index, LogState state) throws StorageException {
    String b64 = Base64.getEncoder().encodeToString(body);
    long time = log.integratedTime(index);
    ObjectNode e = Reply.JSON.createObjectNode().put("body", b64).put("integratedTime", time)
        .put("logID", logIdHex).put("logIndex", index);
    ObjectNode v = e.putObject("verification");
    v.set("inclusionProof", Proofs.rest(log, index, state));
    v.put("signedEntryTimestamp", Base64.getEncoder().encodeToString(log.signer().sign(setPayload(b64, time, index))));
    ObjectNode outer = Reply.JSON.createObjectNode();
    outer.set(treeIdHex() + HEX.formatHex(Hashes.leaf(body)), e);
    return outer;
  }

  /** The SET's signed bytes: RFC 8785 of {@code {body, integratedTime, logID, logIndex}} (no escaping needed). */
  byte[] setPayload(String bodyBase64, long time, long index) {
    return ("{\"body\":\"" + bodyBase64 + "\",\"integratedTime\":" + time + ",\"logID\":\"" + logIdHex
        + "\",\"logIndex\":" + index + "}").getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code GET /api/v1/log}. */
  public Reply info() {
    LogState s = log.state();
    ObjectNode n = Reply.JSON.createObjectNode().put("rootHash", HEX.formatHex(s.root())).put("treeSize", s.size())
        .put("signedTreeHead", s.checkpoint()).put("treeID", Long.toString(treeId));
    n.putArray("inactiveShards");
    return Reply.json(200, n);
  }

  /** {@code GET /api/v1/log/proof?firstSize=&lastSize=}. */
  public Reply proof(String first, String last) {
    long size = log.state().size();
    long a;
    long b;
    try {
      a = first == null ? 1 : Long.parseLong(first);
      b = Long.parseLong(last == null ? "" : last);
    } catch (NumberFormatException e) {
      return Reply.v1Error(400, "firstSize and lastSize must be numbers (lastSize is required)");
    }
    if (a < 1 || b < a || b > size) {
      return Reply.v1Error(400, "need 1 <= firstSize <= lastSize <= " + size + ", got " + a + " and " + b);
    }
    try {
      List<byte[]> proof = log.consistencyProof(a, b);
      ObjectNode n = Reply.JSON.createObjectNode().put("rootHash", HEX.formatHex(log.reader().root(b)));
      ArrayNode h = n.putArray("hashes");
      proof.forEach(p -> h.add(HEX.formatHex(p)));
      return Reply.json(200, n);
    } catch (StorageException e) {
      return failure(e);
    }
  }

  /** {@code GET /api/v1/log/publicKey}. */
  public Reply publicKey() {
    return Reply.text(200, "application/x-pem-file", log.signer().key().publicKeyPem());
  }

  private static Reply failure(Throwable err) {
    Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    if (t instanceof LogUnavailableException) {
      return Reply.v1Error(503, t.getMessage(), Map.of("Retry-After", "1"));
    }
    LOG.warn("log request failed: {}", t.getMessage());
    return Reply.v1Error(500, "the log could not complete the request (" + t.getMessage() + "); retry later");
  }
}
