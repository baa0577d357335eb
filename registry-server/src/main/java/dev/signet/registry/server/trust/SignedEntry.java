package dev.signet.registry.server.trust;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One signature inside a signature manifest: a legacy {@code .sig} layer (simple-signing payload), a
 * legacy {@code .att} layer (DSSE envelope) or a Sigstore bundle layer (DSSE envelope).
 *
 * @param index the layer's position in the manifest
 * @param signedData the bytes the signature is over (the payload, or the DSSE PAE)
 * @param signatures candidate signatures over {@code signedData} (a DSSE envelope may carry several)
 * @param statement the signed claims: a simple-signing payload or an in-toto statement
 * @param keyHint the key a bundle names ({@code verificationMaterial.publicKey.hint}), or null
 * @param certificate the signing certificate, or null
 * @param chain intermediates shipped with the certificate (may include a root)
 * @param problem why the entry cannot be verified at all (unreadable), else null
 */
public record SignedEntry(
    int index, Format format, byte[] signedData, List<byte[]> signatures, byte[] statement, String keyHint,
    X509Certificate certificate, List<X509Certificate> chain, String problem) {

  /** What the signed claims are. */
  public enum Format { SIMPLE_SIGNING, IN_TOTO }

  public SignedEntry {
    signatures = signatures == null ? List.of() : List.copyOf(signatures);
    chain = chain == null ? List.of() : List.copyOf(chain);
  }

  static SignedEntry broken(int index, Format format, String problem) {
    return new SignedEntry(index, format, null, List.of(), null, null, null, List.of(), problem);
  }
}
