package dev.signet.sign.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.bundle.MessageSignature;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.crypto.CryptoException;
import dev.signet.crypto.Signer;
import dev.signet.oci.internal.GoJson;
import dev.signet.sign.SigningException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code sign-blob}: the signature over a file's bytes (hashed with the key's hash, as cosign's signer
 * does) and the v0.3 bundle holding it as a {@code messageSignature} with {@code messageDigest}; also
 * cosign's legacy local bundle file. No I/O.
 */
public final class BlobSigner {
  private BlobSigner() {}

  /** A signed blob: the raw signature and the bundle. */
  public record SignedBlob(byte[] signature, SigstoreBundle bundle) {
    public String base64Signature() {
      return Base64.getEncoder().encodeToString(signature);
    }
  }

  public static SignedBlob sign(byte[] blob, Signer signer, Optional<String> certificatePem, String name)
      throws SigningException {
    byte[] signature;
    try {
      signature = signer.sign(blob);
    } catch (CryptoException e) {
      throw new SigningException("sign " + name + ": " + e.getMessage(), e);
    }
    String jca = signer.algorithm().hashAlgorithm();
    MessageSignature message = new MessageSignature(protoHashName(jca), hash(jca, blob), signature);
    return new SignedBlob(signature, SigstoreBundle.ofMessageSignature(Attestations.material(signer, certificatePem), message));
  }

  /**
   * cosign's legacy local bundle ({@code LocalSignedPayload}): {@code base64Signature} and {@code cert},
   * which for sign-blob and attest-blob is the std base64 of the PEM certificate or public key.
   */
  public static byte[] legacyBundle(byte[] signatureOrEnvelope, String certificateOrKeyPem) {
    ObjectNode o = GoJson.MAPPER.createObjectNode();
    o.put("base64Signature", Base64.getEncoder().encodeToString(signatureOrEnvelope));
    if (certificateOrKeyPem != null && !certificateOrKeyPem.isEmpty()) {
      o.put("cert", Base64.getEncoder().encodeToString(certificateOrKeyPem.getBytes(StandardCharsets.US_ASCII)));
    }
    return GoJson.write(o);
  }

  /** The protobuf {@code HashAlgorithm} name of a JCA digest name. */
  public static String protoHashName(String jcaName) {
    return switch (jcaName) {
      case "SHA-384" -> MessageSignature.SHA2_384;
      case "SHA-512" -> MessageSignature.SHA2_512;
      default -> MessageSignature.SHA2_256;
    };
  }

  static byte[] hash(String jcaName, byte[] data) {
    try {
      return MessageDigest.getInstance(jcaName).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " is a JDK-mandated digest", e);
    }
  }
}
