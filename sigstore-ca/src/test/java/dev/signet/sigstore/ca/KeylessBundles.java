package dev.signet.sigstore.ca;

import dev.signet.bundle.MessageSignature;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.oci.Digest;
import dev.signet.testing.sigstore.ReferenceMerkle;
import dev.signet.testing.sigstore.RekorBodies;
import dev.signet.testing.sigstore.TestLog;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootWriter;
import dev.signet.verify.root.ValidityWindow;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.List;

/**
 * Sigstore bundles around certificates this CA issued: a message signature over an artifact by the
 * certificate's key, logged as hashedrekord 0.0.1 in a test Rekor v1 log (SET + inclusion proof), and
 * the trusted root naming the CA, its CT log and that Rekor log.
 */
final class KeylessBundles {
  static final String FULCIO_URL = "https://fulcio.signet.test";
  static final String CT_URL = "https://ct.signet.test";

  private final TestLog rekor;

  KeylessBundles() throws Exception {
    rekor = TestLog.rekorV1("rekor.signet.test");
  }

  /** A v0.3 bundle: {@code key} (whose certificate is {@code issued}) signs {@code artifact}. */
  byte[] bundle(IssuedCertificate issued, KeyPair key, byte[] artifact) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update(artifact);
    byte[] sig = s.sign();
    int index = rekor.append(RekorBodies.hashedRekordV001(ReferenceMerkle.sha256(artifact), sig,
        Pems.certificate(issued.leaf())));
    long integrated = issued.leaf().getNotBefore().toInstant().getEpochSecond() + 1;
    VerificationMaterial vm = VerificationMaterial.certificate(issued.leaf().getEncoded())
        .withTlogEntries(List.of(rekor.entry(index, "hashedrekord", "0.0.1", integrated, 0)));
    return SigstoreBundle.ofMessageSignature(vm, MessageSignature.of(Digest.sha256(artifact), sig)).toJson();
  }

  /** The trusted root: this Rekor log, the CA (and, unless {@code withoutCtLog}, its CT log). */
  byte[] trustedRoot(CaTrust trust, boolean withoutCtLog) {
    Instant from = trust.caValidFrom().minusSeconds(3600);
    TransparencyLog tlog = new TransparencyLog(rekor.baseUrl(), rekor.logId(), rekor.keys().getPublic(),
        rekor.keyDetails(), ValidityWindow.from(from));
    return TrustedRootWriter.write(new TrustedRoot("", List.of(tlog), List.of(trust.certificateAuthority(FULCIO_URL)),
        withoutCtLog ? List.of() : List.of(trust.ctLog(CT_URL)), List.of()));
  }
}
