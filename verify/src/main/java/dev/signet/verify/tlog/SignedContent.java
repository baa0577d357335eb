package dev.signet.verify.tlog;

import dev.signet.payload.DsseEnvelope;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a log entry's body must match: the signature bytes, the verification material (certificate DER,
 * else the public key's SPKI), and what was signed — an artifact known by its bytes or one digest (a
 * message signature), or a DSSE envelope.
 */
public final class SignedContent {
  private final byte[] signature;
  private final byte[] certificateDer;
  private final byte[] publicKeySpki;
  private final Function<String, Optional<byte[]>> artifactDigest;
  private final DsseEnvelope envelope;

  private SignedContent(byte[] signature, byte[] certificateDer, byte[] publicKeySpki,
      Function<String, Optional<byte[]>> artifactDigest, DsseEnvelope envelope) {
    this.signature = signature.clone();
    this.certificateDer = certificateDer == null ? null : certificateDer.clone();
    this.publicKeySpki = Objects.requireNonNull(publicKeySpki, "publicKeySpki").clone();
    this.artifactDigest = artifactDigest;
    this.envelope = envelope;
  }

  /**
   * A signature over an artifact.
   *
   * @param certificateDer the signing certificate, or null in key mode
   * @param publicKeySpki the signing key (the certificate's key in keyless mode)
   * @param artifactDigest the artifact's digest for a JCA hash name ({@code SHA-256}, …), empty when unknown
   */
  public static SignedContent message(byte[] signature, byte[] certificateDer, byte[] publicKeySpki,
      Function<String, Optional<byte[]>> artifactDigest) {
    return new SignedContent(signature, certificateDer, publicKeySpki, artifactDigest, null);
  }

  /** A message signature over bytes that are all known. */
  public static SignedContent message(byte[] signature, byte[] certificateDer, byte[] publicKeySpki, byte[] artifact) {
    byte[] copy = artifact.clone();
    return message(signature, certificateDer, publicKeySpki, alg -> Optional.of(digest(alg, copy)));
  }

  /** A DSSE envelope with exactly the signature {@code signature}. */
  public static SignedContent dsse(DsseEnvelope envelope, byte[] signature, byte[] certificateDer, byte[] publicKeySpki) {
    return new SignedContent(signature, certificateDer, publicKeySpki, null, Objects.requireNonNull(envelope));
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** The certificate DER, or null in key mode. */
  public byte[] certificateDer() {
    return certificateDer == null ? null : certificateDer.clone();
  }

  public byte[] publicKeySpki() {
    return publicKeySpki.clone();
  }

  public boolean isDsse() {
    return envelope != null;
  }

  /** The DSSE envelope, or null. */
  public DsseEnvelope envelope() {
    return envelope;
  }

  /**
   * The digest a {@code hashedrekord} entry records: the artifact's for a message signature, the DSSE
   * PAE's for an envelope (how Rekor v2 logs DSSE).
   */
  public Optional<byte[]> signedDigest(String jcaAlgorithm) {
    return envelope != null ? Optional.of(digest(jcaAlgorithm, envelope.pae())) : artifactDigest.apply(jcaAlgorithm);
  }

  /** The digest of the DSSE payload ({@code payloadHash} of dsse and intoto entries); empty for messages. */
  public Optional<byte[]> payloadDigest(String jcaAlgorithm) {
    return envelope == null ? Optional.empty() : Optional.of(digest(jcaAlgorithm, envelope.payload()));
  }

  static byte[] digest(String jcaAlgorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(jcaAlgorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("unsupported hash " + jcaAlgorithm, e);
    }
  }
}
