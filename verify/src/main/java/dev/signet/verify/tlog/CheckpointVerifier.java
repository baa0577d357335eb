package dev.signet.verify.tlog;

import dev.signet.crypto.VerifierCache;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.TransparencyLog;
import java.net.URI;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies a log's signed checkpoint: the log's own signature line (key name = the host of the log's
 * base URL, or for Ed25519 keys any name whose C2SP key id equals the trusted log id), the origin
 * ({@code <name>} for C2SP logs, {@code <name> - <tree id>} for Rekor v1), and witness cosignatures
 * counted against a {@link WitnessPolicy}. Unknown signature lines are ignored; a line that claims a
 * known key but does not verify rejects the checkpoint.
 */
public final class CheckpointVerifier {
  private CheckpointVerifier() {}

  public static VerifiedCheckpoint verify(String envelope, TransparencyLog log, WitnessPolicy witnesses)
      throws VerificationException {
    return verify(envelope, log, witnesses, new VerifierCache(0));
  }

  /** As {@link #verify(String, TransparencyLog, WitnessPolicy)}, reusing the log key's verifier from {@code verifiers}. */
  public static VerifiedCheckpoint verify(String envelope, TransparencyLog log, WitnessPolicy witnesses,
      VerifierCache verifiers) throws VerificationException {
    SignedNote note = SignedNote.parse(envelope);
    Checkpoint checkpoint = Checkpoint.parse(note.text());
    byte[] text = note.textBytes();
    Set<String> names = logNames(log.baseUrl());
    String logName = null;
    String misnamed = null;
    for (SignedNote.Line line : note.signatures()) {
      NoteVerifier v = NoteVerifier.forLog(line.name(), log.key(), verifiers);
      if (!v.matches(line)) {
        continue;
      }
      boolean bound = names.contains(line.name()) || isC2sp(log) && Arrays.equals(v.fullKeyId(), log.logId());
      if (!bound) {
        misnamed = line.name();
        continue;
      }
      v.verify(text, line);
      logName = logName == null ? line.name() : logName;
    }
    if (logName == null) {
      throw new VerificationException(Check.CHECKPOINT, misnamed != null
          ? "checkpoint \"" + checkpoint.origin() + "\": the log key signed as \"" + misnamed
              + "\", which is not the host of " + log.baseUrl()
          : "checkpoint \"" + checkpoint.origin() + "\" carries no signature by the key of log " + log.baseUrl());
    }
    if (!originMatches(checkpoint.origin(), logName)) {
      throw new VerificationException(Check.CHECKPOINT, "checkpoint origin \"" + checkpoint.origin()
          + "\" does not match the log's key name \"" + logName + "\"");
    }
    return new VerifiedCheckpoint(checkpoint, logName, witnesses(note, text, witnesses));
  }

  /**
   * Checks that {@code later} extends {@code earlier}: same origin and an RFC 9162 consistency proof from
   * the earlier size and root to the later ones (what a witness or monitor checks between two verified
   * checkpoints).
   *
   * @throws VerificationException (CHECKPOINT) naming both sizes
   */
  public static void verifyConsistency(Checkpoint earlier, Checkpoint later, List<byte[]> proof)
      throws VerificationException {
    if (!earlier.origin().equals(later.origin())) {
      throw new VerificationException(Check.CHECKPOINT, "checkpoints \"" + earlier.origin() + "\" and \""
          + later.origin() + "\" are of different logs");
    }
    try {
      Merkle.verifyConsistency(earlier.size(), later.size(), earlier.rootHash(), later.rootHash(), proof);
    } catch (VerificationException e) {
      throw new VerificationException(Check.CHECKPOINT, "checkpoint \"" + later.origin() + "\" at size "
          + later.size() + " is not consistent with size " + earlier.size() + ": " + TlogVerifier.detail(e));
    }
  }

  private static List<String> witnesses(SignedNote note, byte[] text, WitnessPolicy policy)
      throws VerificationException {
    Set<String> seen = new LinkedHashSet<>();
    for (NoteVerifier w : policy.witnesses()) {
      for (SignedNote.Line line : note.signatures()) {
        if (w.matches(line)) {
          w.verify(text, line);
          seen.add(w.name());
        }
      }
    }
    if (seen.size() < policy.threshold()) {
      throw new VerificationException(Check.CHECKPOINT, "checkpoint has " + seen.size()
          + " verified witness cosignatures, the policy needs " + policy.threshold() + " of "
          + policy.witnesses().size());
    }
    return new ArrayList<>(seen);
  }

  /** {@code name} (C2SP) or {@code name - <decimal tree id>} (Rekor v1). */
  static boolean originMatches(String origin, String name) {
    if (origin.equals(name)) {
      return true;
    }
    String prefix = name + " - ";
    return origin.startsWith(prefix) && origin.substring(prefix.length()).matches("[0-9]+");
  }

  private static boolean isC2sp(TransparencyLog log) {
    return !(log.key() instanceof ECPublicKey) && !(log.key() instanceof RSAPublicKey);
  }

  /** Host and host:port of the base URL (the names a log signs its checkpoints with). */
  static Set<String> logNames(String baseUrl) {
    Set<String> names = new LinkedHashSet<>();
    try {
      URI uri = URI.create(baseUrl.contains("://") ? baseUrl : "https://" + baseUrl);
      if (uri.getHost() != null) {
        names.add(uri.getHost());
        if (uri.getPort() >= 0) {
          names.add(uri.getHost() + ":" + uri.getPort());
        }
      }
    } catch (IllegalArgumentException e) {
      // no usable host: only an exact log id match can bind a name
    }
    return names;
  }
}
