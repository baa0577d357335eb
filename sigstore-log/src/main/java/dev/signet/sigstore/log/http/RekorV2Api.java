package dev.signet.sigstore.log.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.sigstore.log.engine.Appended;
import dev.signet.sigstore.log.engine.LogUnavailableException;
import dev.signet.sigstore.log.engine.TileLog;
import dev.signet.sigstore.log.entries.EntryException;
import dev.signet.sigstore.log.entries.ProposedEntry;
import dev.signet.sigstore.log.entries.RekorV2Entries;
import dev.signet.sigstore.log.storage.StorageException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v2/log/entries}: verifies and appends a hashedrekord/dsse v0.0.2 entry and answers, once
 * a published checkpoint covers it, 201 with the {@code TransparencyLogEntry} (protojson) a v0.3 bundle
 * carries; 400 for a malformed entry or a signature that does not verify, 409 + {@code x-log-index} for
 * a duplicate, 503 on pushback, 500 when storage fails.
 */
public final class RekorV2Api {
  private static final Logger LOG = LoggerFactory.getLogger(RekorV2Api.class);
  private static final int INVALID_ARGUMENT = 3;
  private static final int ALREADY_EXISTS = 6;
  private static final int UNAVAILABLE = 14;
  private static final int INTERNAL = 13;

  private final TileLog log;

  public RekorV2Api(TileLog log) {
    this.log = log;
  }

  public CompletableFuture<Reply> create(byte[] body) {
    ProposedEntry entry;
    try {
      entry = RekorV2Entries.parse(body);
    } catch (EntryException e) {
      return CompletableFuture.completedFuture(Reply.v2Error(400, INVALID_ARGUMENT, e.getMessage(), Map.of()));
    } catch (RuntimeException e) { // a parser gap on hostile input is still the client's 400
      LOG.warn("unexpected error parsing an entry", e);
      return CompletableFuture.completedFuture(Reply.v2Error(400, INVALID_ARGUMENT, "the entry is malformed: " + e.getMessage(), Map.of()));
    }
    if (entry.body().length > dev.signet.sigstore.log.tiles.EntryBundle.MAX_ENTRY) {
      return CompletableFuture.completedFuture(Reply.v2Error(400, INVALID_ARGUMENT, "the canonical entry has "
          + entry.body().length + " bytes; a log entry is at most 65535", Map.of()));
    }
    return log.append(entry.body()).handleAsync((a, err) -> { // proof, SET and JSON off the integrator thread
      if (err != null) {
        return failure(err);
      }
      try {
        return a.duplicate() ? Reply.v2Error(409, ALREADY_EXISTS, "an equivalent entry already exists in the"
            + " transparency log with index " + a.index(), Map.of("x-log-index", Long.toString(a.index())))
            : Reply.json(201, entry(entry, a));
      } catch (StorageException e) {
        return failure(e);
      }
    });
  }

  private ObjectNode entry(ProposedEntry entry, Appended a) throws StorageException {
    ObjectNode n = Reply.JSON.createObjectNode().put("logIndex", Long.toString(a.index()));
    n.putObject("logId").put("keyId", Base64.getEncoder().encodeToString(log.signer().logId()));
    n.putObject("kindVersion").put("kind", entry.kind()).put("version", entry.version());
    n.set("inclusionProof", Proofs.protojson(log, a.index(), a.state()));
    n.put("canonicalizedBody", Base64.getEncoder().encodeToString(entry.body()));
    return n;
  }

  private static Reply failure(Throwable err) {
    Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    if (t instanceof LogUnavailableException) {
      return Reply.v2Error(503, UNAVAILABLE, t.getMessage(), Map.of("Retry-After", "1"));
    }
    LOG.warn("append failed: {}", t.getMessage());
    return Reply.v2Error(500, INTERNAL, "the log could not store the entry (" + t.getMessage() + "); retry later",
        Map.of());
  }
}
