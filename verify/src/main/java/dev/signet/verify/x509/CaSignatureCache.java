package dev.signet.verify.x509;

import dev.signet.crypto.VerifierCache;
import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signatures of CA certificates by their issuers (a Fulcio intermediate by its root) already verified,
 * keyed by the exact DER of both certificates: they recur across every keyless signature. Only the
 * signature is remembered; validity, CA constraints and key usage are still checked at each
 * signature's time. Only successes are kept, and a certificate differing in any byte is a different
 * key. Code-signing leaves are never put here (their keys are new for every signature); TSA certificates
 * are (they recur across tokens). Bounded: when
 * full, new results are not kept. Thread-safe.
 */
public final class CaSignatureCache {
  private record Key(ByteBuffer child, ByteBuffer issuer) {}

  private final int maxEntries;
  private final ConcurrentHashMap<Key, Boolean> verified = new ConcurrentHashMap<>();

  public CaSignatureCache(int maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must not be negative");
    }
    this.maxEntries = maxEntries;
  }

  /** True when the CA certificate {@code child} is signed by {@code issuer}'s key. */
  boolean signedBy(X509Certificate child, X509Certificate issuer, VerifierCache verifiers) {
    if (maxEntries == 0) {
      return FastSignatures.certificateSignedBy(child, issuer, verifiers);
    }
    Key k;
    try {
      k = new Key(ByteBuffer.wrap(child.getEncoded()), ByteBuffer.wrap(issuer.getEncoded()));
    } catch (CertificateEncodingException e) {
      return FastSignatures.certificateSignedBy(child, issuer, verifiers);
    }
    if (verified.containsKey(k)) {
      return true;
    }
    boolean ok = FastSignatures.certificateSignedBy(child, issuer, verifiers);
    if (ok && verified.size() < maxEntries) {
      verified.putIfAbsent(k, Boolean.TRUE);
    }
    return ok;
  }

  /** How many signatures are kept. */
  public int size() {
    return verified.size();
  }
}
