package dev.signet.verify.tlog;

import dev.signet.crypto.VerifierCache;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.TransparencyLog;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies one transparency-log entry offline against the trusted root's logs, in this order: the log
 * id names a trusted log; the inclusion proof reaches the root of a checkpoint signed by that log
 * (Rekor v1: the proof's shard-local index, size and root must agree with the checkpoint; Rekor v2:
 * the top-level index and the checkpoint's size and root); the SET (Rekor v1) with the integrated time
 * inside the log key's validity; finally the body records exactly the signed content.
 */
public final class TlogVerifier {
  private final List<TransparencyLog> logs;
  private final WitnessPolicy witnesses;
  private final VerifierCache verifiers;
  private final CheckpointCache checkpoints;

  public TlogVerifier(List<TransparencyLog> logs, WitnessPolicy witnesses) {
    this(logs, witnesses, new VerifierCache(0));
  }

  /** @param verifiers where the logs' key verifiers are kept between entries */
  public TlogVerifier(List<TransparencyLog> logs, WitnessPolicy witnesses, VerifierCache verifiers) {
    this(logs, witnesses, verifiers, new CheckpointCache(0));
  }

  /**
   * @param checkpoints checkpoints already verified under this witness policy (keyed by their exact
   *     text), shared between entries
   */
  public TlogVerifier(List<TransparencyLog> logs, WitnessPolicy witnesses, VerifierCache verifiers,
      CheckpointCache checkpoints) {
    this.checkpoints = checkpoints;
    this.logs = List.copyOf(logs);
    this.witnesses = witnesses == null ? WitnessPolicy.none() : witnesses;
    this.verifiers = verifiers;
  }

  /**
   * @param requireProof whether an inclusion proof is mandatory (bundles from v0.2 on; cosign's legacy
   *     Rekor bundle annotation has only a SET). Rekor v2 entries always need one.
   */
  public VerifiedLogEntry verify(TlogEntry entry, SignedContent content, boolean requireProof)
      throws VerificationException {
    List<TransparencyLog> candidates = new ArrayList<>();
    for (TransparencyLog log : logs) {
      if (log.hasLogId(entry.logId())) {
        candidates.add(log);
      }
    }
    if (candidates.isEmpty()) {
      throw new VerificationException(Check.TLOG_ENTRY, entry.describe() + ": log id " + entry.logIdHex()
          + " is not a transparency log of the trusted root");
    }
    boolean v2 = entry.isRekorV2();
    Optional<VerifiedCheckpoint> checkpoint = Optional.empty();
    if (entry.inclusionProof() != null) {
      checkpoint = Optional.of(verifyProof(entry, candidates.get(0), v2));
    } else if (requireProof || v2) {
      throw new VerificationException(Check.INCLUSION_PROOF, entry.describe() + " has no inclusion proof");
    }
    Optional<Instant> integrated = Optional.empty();
    TransparencyLog log = candidates.get(0);
    if (!v2 && entry.signedEntryTimestamp() != null) {
      Instant t = Instant.ofEpochSecond(entry.integratedTime());
      log = candidates.stream().filter(l -> l.validFor().contains(t)).findFirst()
          .orElseThrow(() -> new VerificationException(Check.TLOG_ENTRY, entry.describe() + ": integrated time "
              + t + " is outside the validity " + candidates.get(0).validFor() + " of log "
              + candidates.get(0).baseUrl()));
      SignedEntryTimestamp.verify(entry, log, verifiers);
      integrated = Optional.of(t);
    } else if (!v2 && entry.inclusionProof() == null) {
      throw new VerificationException(Check.TLOG_ENTRY, entry.describe()
          + " has neither a signed entry timestamp nor an inclusion proof");
    }
    EntryBodies.check(entry, content);
    return new VerifiedLogEntry(log, entry.logIndex(), entry.kind(), entry.version(), integrated, checkpoint);
  }

  private VerifiedCheckpoint verifyProof(TlogEntry entry, TransparencyLog log, boolean v2)
      throws VerificationException {
    TlogEntry.InclusionProof proof = entry.inclusionProof();
    if (proof.checkpoint() == null || proof.checkpoint().isEmpty()) {
      throw new VerificationException(Check.CHECKPOINT, entry.describe() + ": the inclusion proof has no checkpoint");
    }
    VerifiedCheckpoint cp = checkpoints.verify(proof.checkpoint(), log, witnesses, verifiers);
    long size = cp.checkpoint().size();
    byte[] root = cp.checkpoint().rootHash();
    if (!v2) {
      if (proof.treeSize() != size) {
        throw new VerificationException(Check.INCLUSION_PROOF, entry.describe() + ": the proof's tree size "
            + proof.treeSize() + " differs from the checkpoint's size " + size);
      }
      byte[] given = proof.rootHash();
      if (given.length > 0 && !MessageDigest.isEqual(given, root)) {
        throw new VerificationException(Check.INCLUSION_PROOF, entry.describe() + ": the proof's root hash "
            + Merkle.hex(given) + " differs from the checkpoint's " + Merkle.hex(root) + " at size " + size);
      }
    }
    long index = v2 ? entry.logIndex() : proof.logIndex();
    try {
      Merkle.verifyInclusion(index, size, Merkle.leafHash(entry.body()), proof.hashes(), root);
    } catch (VerificationException e) {
      throw new VerificationException(Check.INCLUSION_PROOF, entry.describe() + ": " + detail(e));
    }
    return cp;
  }

  /** The message without its check label. */
  static String detail(VerificationException e) {
    String prefix = e.check().label() + ": ";
    String m = e.getMessage();
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }
}
