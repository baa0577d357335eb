package dev.signet.verify;

import dev.signet.bundle.MessageSignature;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.Verifier;
import dev.signet.crypto.VerifierCache;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;

/** The cryptographic check of the signature over the artifact, the DSSE PAE or the legacy payload. */
final class SignatureCheck {
  private static final Map<String, String> PROTO_HASHES = Map.of(
      MessageSignature.SHA2_256, "SHA-256", MessageSignature.SHA2_384, "SHA-384", MessageSignature.SHA2_512, "SHA-512");

  private SignatureCheck() {}

  static void verify(SignedMaterial m, PublicKey key, String keyName, Artifact artifact, VerifierCache verifiers)
      throws VerificationException {
    switch (m.kind()) {
      case DSSE -> bytes(key, m.envelope().pae(), m.signature(), m.description() + ": the DSSE signature over the PAE",
          keyName, verifiers);
      case LEGACY -> bytes(key, m.legacyPayload(), m.signature(), m.description() + ": the signature over the payload",
          keyName, verifiers);
      case MESSAGE -> message(m, key, keyName, artifact, verifiers);
    }
  }

  private static void message(SignedMaterial m, PublicKey key, String keyName, Artifact artifact,
      VerifierCache verifiers) throws VerificationException {
    MessageSignature ms = m.message();
    String jca = ms.algorithm() == null ? null : PROTO_HASHES.get(ms.algorithm());
    if (ms.digest() != null && ms.digest().length > 0 && jca != null) {
      Optional<byte[]> actual = artifact.digest(jca);
      if (actual.isPresent() && !MessageDigest.isEqual(actual.get(), ms.digest())) {
        throw new VerificationException(Check.ARTIFACT, m.description() + ": the messageDigest differs from the "
            + ms.algorithm() + " digest of the " + artifact);
      }
    }
    String what = m.description() + ": the message signature over the " + artifact;
    Optional<byte[]> bytes = artifact.bytes();
    if (bytes.isPresent()) {
      bytes(key, bytes.get(), m.signature(), what, keyName, verifiers);
      return;
    }
    Verifier natural = verifier(key, what, verifiers);
    Verifier v = natural.algorithm() == SignatureAlgorithm.ED25519
        ? verifier(key, SignatureAlgorithm.ED25519PH, what, verifiers) : natural;
    byte[] digest = artifact.digest(v.algorithm().hashAlgorithm()).orElseThrow(() -> new VerificationException(
        Check.ARTIFACT, what + " cannot be checked: the key signs " + v.algorithm().hashAlgorithm()
            + " digests but only a " + artifact.digestAlgorithm() + " digest was given"));
    try {
      v.verifyDigest(digest, m.signature());
    } catch (SignatureVerificationException | RuntimeException e) {
      throw failed(what, keyName);
    }
  }

  /** The key's natural algorithm; Ed25519 keys also accept Ed25519ph (cosign's choice when a log is used). */
  private static void bytes(PublicKey key, byte[] data, byte[] sig, String what, String keyName,
      VerifierCache verifiers) throws VerificationException {
    Verifier v = verifier(key, what, verifiers);
    try {
      v.verify(data, sig);
      return;
    } catch (SignatureVerificationException | RuntimeException e) {
      if (v.algorithm() != SignatureAlgorithm.ED25519) {
        throw failed(what, keyName);
      }
    }
    try {
      verifier(key, SignatureAlgorithm.ED25519PH, what, verifiers).verify(data, sig);
    } catch (SignatureVerificationException | RuntimeException e) {
      throw failed(what, keyName);
    }
  }

  private static Verifier verifier(PublicKey key, String what, VerifierCache verifiers)
      throws VerificationException {
    try {
      return verifiers.get(key);
    } catch (UnsupportedKeyException e) {
      throw new VerificationException(Check.SIGNATURE, what + " cannot be checked: " + e.getMessage());
    }
  }

  private static Verifier verifier(PublicKey key, SignatureAlgorithm alg, String what, VerifierCache verifiers)
      throws VerificationException {
    try {
      return verifiers.get(key, alg);
    } catch (UnsupportedKeyException e) {
      throw new VerificationException(Check.SIGNATURE, what + " cannot be checked: " + e.getMessage());
    }
  }

  private static VerificationException failed(String what, String keyName) {
    return new VerificationException(Check.SIGNATURE, what + " does not verify with " + keyName);
  }
}
