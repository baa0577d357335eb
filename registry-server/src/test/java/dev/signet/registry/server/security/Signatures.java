package dev.signet.registry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.cosign.BundleReferrerManifest;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.Repository;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.SimpleSigningPayload;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Real cosign-format signatures, as the signing library writes them, pushed as {@link SecuredRegistry#PUSHER}. */
final class Signatures {
  private Signatures() {}

  /** A legacy {@code sha256-<hex>.sig} image with one simple-signing layer; returns its digest. */
  static Digest legacy(SecuredRegistry r, Digest subject, PrivateKeyHandle key) throws Exception {
    byte[] payload = SimpleSigningPayload.forImage(Repository.parse(r.host() + "/" + SecuredRegistry.REPO), subject,
        Map.of()).toJson();
    SignatureAnnotations a = SignatureAnnotations.ofSignature(
        Base64.getEncoder().encodeToString(Signers.from(key).sign(payload)));
    r.blob(payload);
    LegacySignatureImage image = LegacySignatureImage.empty().append(LegacySignatureImage.simpleSigningLayer(payload, a));
    r.blob(image.configBytes());
    HttpResponse<byte[]> put = r.put(SecuredRegistry.PUSHER, SignatureTags.signatureTag(subject),
        image.manifestMediaType(), image.manifestBytes());
    assertThat(put.statusCode()).as(SecuredRegistry.text(put)).isEqualTo(201);
    return image.manifestDigest();
  }

  /** A cosign v3 bundle referrer (OCI 1.1 subject); returns its digest. */
  static Digest bundle(SecuredRegistry r, Digest subject, long subjectSize, PrivateKeyHandle key) throws Exception {
    byte[] statement = InTotoStatement.forCosignSign(subject, Map.of()).toJson();
    byte[] pae = DsseEnvelope.pae(MediaTypes.IN_TOTO, statement);
    DsseEnvelope env = new DsseEnvelope(MediaTypes.IN_TOTO, statement,
        List.of(new DsseEnvelope.Signature("", Signers.from(key).sign(pae))));
    byte[] bundle = SigstoreBundle.ofDsse(VerificationMaterial.publicKey(PublicKeys.hint(key.publicKey())), env)
        .toJson();
    r.blob("{}".getBytes());
    r.blob(bundle);
    ImageManifest m = BundleReferrerManifest.build(bundle, InTotoStatement.COSIGN_SIGN_PREDICATE,
        Descriptor.of(MediaTypes.OCI_MANIFEST, subject, subjectSize), Instant.now());
    byte[] json = BundleReferrerManifest.toJson(m);
    return r.pushed(Digest.sha256(json).toString(), json);
  }
}
