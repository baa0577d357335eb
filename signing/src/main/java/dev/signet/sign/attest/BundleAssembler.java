package dev.signet.sign.attest;

import dev.signet.bundle.MessageSignature;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.crypto.CryptoException;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.Verifier;
import dev.signet.crypto.Verifiers;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import dev.signet.payload.DsseEnvelope;
import java.security.PublicKey;
import java.util.Optional;
import dev.signet.sign.SigningException;

/**
 * {@code bundle create}: a v0.3 bundle from parts made elsewhere — a raw signature over an artifact
 * ({@code messageSignature}) or a DSSE envelope — with a public-key hint or a leaf certificate as
 * verification material. The signature is checked against the key (or the certificate's key) before
 * the bundle is written, so a bundle is never assembled from parts that do not belong together. No I/O.
 */
public final class BundleAssembler {
  private BundleAssembler() {}

  /** The artifact: its bytes when read from a file, or only its sha256 digest ({@code sha256:<hex>}). */
  public record Artifact(Optional<byte[]> bytes, Digest sha256) {
    public static Artifact of(byte[] bytes) {
      return new Artifact(Optional.of(bytes.clone()), Digest.sha256(bytes));
    }

    public static Artifact ofDigest(Digest digest) {
      return new Artifact(Optional.empty(), digest);
    }
  }

  /** The verifying key and how to name it in the bundle: a certificate's DER, or none (key hint). */
  public record Material(PublicKey key, Optional<byte[]> certificateDer) {}

  public static SigstoreBundle messageSignature(Artifact artifact, byte[] signature, Material material)
      throws SigningException {
    Verifier verifier = verifier(material.key());
    String jca = verifier.algorithm().hashAlgorithm();
    byte[] digest;
    if (artifact.bytes().isPresent()) {
      digest = BlobSigner.hash(jca, artifact.bytes().get());
      check(() -> verifier.verify(artifact.bytes().get(), signature), "the artifact");
    } else {
      if (!"SHA-256".equals(jca) || !verifier.algorithm().supportsPrehash()) {
        throw new SigningException("a " + verifier.algorithm() + " signature cannot be checked from a sha256 digest;"
            + " pass --artifact with the file");
      }
      digest = artifact.sha256().bytes();
      check(() -> verifier.verifyDigest(digest, signature), "the artifact digest " + artifact.sha256());
    }
    MessageSignature message = new MessageSignature(BlobSigner.protoHashName(jca), digest, signature);
    return SigstoreBundle.ofMessageSignature(verificationMaterial(material), message);
  }

  public static SigstoreBundle dsse(DsseEnvelope envelope, Material material) throws SigningException {
    if (envelope.signatures().isEmpty()) {
      throw new SigningException("the DSSE envelope has no signatures");
    }
    Verifier verifier = verifier(material.key());
    byte[] pae = envelope.pae();
    boolean any = envelope.signatures().stream().anyMatch(s -> {
      try {
        verifier.verify(pae, s.sig());
        return true;
      } catch (SignatureVerificationException e) {
        return false;
      }
    });
    if (!any) {
      throw new SigningException("no signature of the DSSE envelope verifies with the given key or certificate");
    }
    return SigstoreBundle.ofDsse(verificationMaterial(material), envelope);
  }

  private static VerificationMaterial verificationMaterial(Material material) {
    return material.certificateDer().isPresent()
        ? VerificationMaterial.certificate(material.certificateDer().get())
        : VerificationMaterial.publicKey(PublicKeys.hint(material.key()));
  }

  private static Verifier verifier(PublicKey key) throws SigningException {
    try {
      return Verifiers.from(key);
    } catch (CryptoException e) {
      throw new SigningException("cannot verify with the given key: " + e.getMessage(), e);
    }
  }

  private interface Check {
    void run() throws SignatureVerificationException;
  }

  private static void check(Check check, String what) throws SigningException {
    try {
      check.run();
    } catch (SignatureVerificationException e) {
      throw new SigningException("the signature does not verify over " + what + " with the given key or certificate", e);
    }
  }

}
