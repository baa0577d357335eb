package dev.signet.verify;

import dev.signet.crypto.keys.PublicKeys;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.tlog.CheckpointCache;
import dev.signet.verify.tlog.SignedContent;
import dev.signet.verify.tlog.TlogEntry;
import dev.signet.crypto.VerifierCache;
import dev.signet.verify.tlog.TlogVerifier;
import dev.signet.verify.tlog.VerifiedLogEntry;
import dev.signet.verify.tlog.WitnessPolicy;
import dev.signet.verify.tsa.TimestampVerifier;
import dev.signet.verify.x509.CaSignatureCache;
import dev.signet.verify.x509.CertificateChainVerifier;
import dev.signet.verify.x509.CertificatePurpose;
import dev.signet.verify.x509.FulcioIdentity;
import dev.signet.verify.x509.SctVerifier;
import dev.signet.verify.x509.VerifiedChain;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The verification order of the Sigstore client spec: signer material, then time sources (log entries'
 * SET-backed integrated times and RFC 3161 timestamps), the certificate chain at each of those times,
 * SCTs, identity, the signature, the artifact match, and finally the thresholds. The certificate side
 * is the x509 and tsa packages' ({@link CertificateChainVerifier}, {@link SctVerifier},
 * {@link TimestampVerifier}).
 */
final class Pipeline {
  private final TrustedRoot root;
  private final WitnessPolicy witnesses;
  private final Clock clock;
  /** Policy keys and log keys recur across signatures: their verifiers (and precomputed tables) are kept. */
  private final VerifierCache verifiers = new VerifierCache(64);
  /** Certificate keys are new for every keyless signature: not worth keeping. */
  private static final VerifierCache NO_CACHE = new VerifierCache(0);
  /** Checkpoints recur across bundles (one per log tree state): verified once per exact text. */
  private final CheckpointCache checkpoints;
  /** CA-to-CA signatures (intermediate by root) recur across every keyless signature. */
  private final CaSignatureCache caSignatures = new CaSignatureCache(64);

  Pipeline(TrustedRoot root, WitnessPolicy witnesses, Clock clock, int checkpointCacheEntries) {
    this.checkpoints = new CheckpointCache(checkpointCacheEntries);
    this.root = root;
    this.witnesses = witnesses;
    this.clock = clock;
  }

  VerificationResult run(SignedMaterial m, Artifact artifact, VerificationPolicy policy) throws VerificationException {
    PublicKey key;
    byte[] certDer = null;
    X509Certificate leaf = m.leaf();
    if (policy.isKeyMode()) {
      if (leaf != null && !m.certificateAllowedWithKey()) {
        throw new VerificationException(Check.FORMAT, m.description() + " carries a certificate (a keyless"
            + " signature), but the policy expects the public key " + PublicKeys.hint(policy.key()));
      }
      key = policy.key();
    } else {
      if (leaf == null) {
        throw new VerificationException(Check.CERTIFICATE_CHAIN, m.description() + " carries no certificate, but"
            + " the policy expects a certificate identity (keyless)");
      }
      key = leaf.getPublicKey();
      try {
        certDer = leaf.getEncoded();
      } catch (CertificateEncodingException e) {
        throw new VerificationException(Check.FORMAT, m.description() + ": the leaf certificate cannot be encoded");
      }
    }
    String keyName = policy.isKeyMode() ? "the key " + PublicKeys.hint(key) : "the certificate's key";

    List<VerifiedLogEntry> entries = logEntries(m, policy, certDer, key.getEncoded(), artifact);
    List<VerifiedTime> times = new ArrayList<>();
    for (VerifiedLogEntry e : entries) {
      e.integratedTime().ifPresent(t -> times.add(new VerifiedTime(t, VerifiedTime.Source.TLOG_INTEGRATED_TIME,
          e.log().baseUrl())));
    }
    int tsaCount = 0;
    boolean timestampsMatter = !policy.ignoreTimestamps() && (!policy.isKeyMode() || policy.timestampThreshold() > 0
        || policy.signedTimestampThreshold() > 0);
    if (timestampsMatter) {
      for (byte[] token : m.timestamps()) {
        Instant t = TimestampVerifier.verify(token, m.signature(), root.timestampAuthorities(), verifiers,
            caSignatures);
        times.add(new VerifiedTime(t, VerifiedTime.Source.TIMESTAMP_AUTHORITY, "RFC 3161 timestamp authority"));
        tsaCount++;
      }
    }

    Signer signer;
    int scts = 0;
    if (policy.isKeyMode()) {
      signer = new Signer.Key(key, PublicKeys.hint(key));
    } else {
      VerifiedChain chain = chain(m, leaf, times, policy);
      if (!policy.ignoreSct()) {
        scts = SctVerifier.verify(leaf, chain.issuer(), root.ctlogs(), policy.sctThreshold(), verifiers);
      }
      policy.identity().check(leaf);
      signer = new Signer.Certificate(leaf, chain.authority(), FulcioIdentity.of(leaf));
    }
    SignatureCheck.verify(m, key, keyName, artifact, policy.isKeyMode() ? verifiers : NO_CACHE);
    ArtifactCheck.check(m, artifact, policy);

    if (!policy.ignoreTlog() && entries.size() < policy.tlogThreshold()) {
      throw new VerificationException(Check.THRESHOLD, m.description() + ": expected " + policy.tlogThreshold()
          + " verified tlog entries, got " + entries.size());
    }
    if (times.size() < policy.timestampThreshold()) {
      throw new VerificationException(Check.THRESHOLD, m.description() + ": expected " + policy.timestampThreshold()
          + " verified timestamps (log integrated times or RFC 3161), got " + times.size());
    }
    if (tsaCount < policy.signedTimestampThreshold()) {
      throw new VerificationException(Check.THRESHOLD, m.description() + ": expected "
          + policy.signedTimestampThreshold() + " verified RFC 3161 timestamps, got " + tsaCount);
    }
    Optional<String> type = m.kind() == SignedMaterial.Kind.DSSE ? Optional.of(m.envelope().payloadType())
        : Optional.empty();
    byte[] payload = switch (m.kind()) {
      case DSSE -> m.envelope().payload();
      case LEGACY -> m.legacyPayload();
      case MESSAGE -> new byte[0];
    };
    return new VerificationResult(signer, times, type, payload, entries, tsaCount, scts);
  }

  private List<VerifiedLogEntry> logEntries(SignedMaterial m, VerificationPolicy policy, byte[] certDer, byte[] spki,
      Artifact artifact) throws VerificationException {
    List<VerifiedLogEntry> out = new ArrayList<>();
    if (policy.ignoreTlog()) {
      return out;
    }
    SignedContent content = m.content(certDer, spki, artifact);
    TlogVerifier verifier = new TlogVerifier(root.tlogs(), witnesses, verifiers, checkpoints);
    Set<String> seen = new HashSet<>();
    for (TlogEntry e : m.entries()) {
      VerifiedLogEntry v = verifier.verify(e, content, m.requireProof());
      if (seen.add(e.logIdHex() + "/" + e.logIndex())) {
        out.add(v);
      }
    }
    return out;
  }

  /** The chain must be valid at every verified time; never at the wall clock alone unless the policy allows it. */
  private VerifiedChain chain(SignedMaterial m, X509Certificate leaf, List<VerifiedTime> times,
      VerificationPolicy policy) throws VerificationException {
    List<Instant> at = new ArrayList<>();
    times.forEach(t -> at.add(t.time()));
    if (at.isEmpty() && policy.currentTimeFallback()) {
      at.add(clock.instant());
    }
    if (at.isEmpty()) {
      throw new VerificationException(Check.THRESHOLD, m.description() + ": no verified timestamp (a log entry"
          + " with a SET, or an RFC 3161 timestamp) to check the certificate at");
    }
    VerifiedChain chain = null;
    for (Instant t : at) {
      chain = CertificateChainVerifier.verifyPath(leaf, m.intermediates(), root.certificateAuthorities(), t,
          CertificatePurpose.CODE_SIGNING, verifiers, caSignatures);
    }
    return chain;
  }
}
