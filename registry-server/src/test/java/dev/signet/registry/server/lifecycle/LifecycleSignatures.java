package dev.signet.registry.server.lifecycle;

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
import dev.signet.registry.server.testkit.TestRegistry;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Pushes real cosign-format signatures over HTTP, as the signing library writes them: legacy {@code .sig}
 * images (appending to the existing one, like cosign) and v3 bundle referrers.
 */
final class LifecycleSignatures {
  private final TestRegistry registry;

  LifecycleSignatures(TestRegistry registry) {
    this.registry = registry;
  }

  /** Appends a cosign v2 signature layer to {@code sha256-<hex>.sig}; returns the PUT's response. */
  HttpResponse<byte[]> legacy(String repo, Digest subject, PrivateKeyHandle key) throws Exception {
    byte[] payload = SimpleSigningPayload.forImage(Repository.parse(registry.host() + "/" + repo), subject, Map.of())
        .toJson();
    SignatureAnnotations a = SignatureAnnotations.ofSignature(Base64.getEncoder().encodeToString(sign(key, payload)));
    registry.pushBlob(repo, payload);
    String tag = SignatureTags.signatureTag(subject);
    HttpResponse<byte[]> existing = registry.send("GET", "/v2/" + repo + "/manifests/" + tag, null,
        "Accept", MediaTypes.OCI_MANIFEST);
    LegacySignatureImage image = existing.statusCode() == 200 ? LegacySignatureImage.parse(existing.body())
        : LegacySignatureImage.empty();
    image = image.append(LegacySignatureImage.simpleSigningLayer(payload, a));
    registry.pushBlob(repo, image.configBytes());
    return registry.putManifest(repo, tag, image.manifestMediaType(), image.manifestBytes());
  }

  /** Pushes a cosign v3 bundle referrer of {@code subject}; returns the PUT's response. */
  HttpResponse<byte[]> bundle(String repo, Digest subject, PrivateKeyHandle key) throws Exception {
    byte[] statement = InTotoStatement.forCosignSign(subject, Map.of()).toJson();
    byte[] pae = DsseEnvelope.pae(MediaTypes.IN_TOTO, statement);
    DsseEnvelope env = new DsseEnvelope(MediaTypes.IN_TOTO, statement,
        List.of(new DsseEnvelope.Signature("", sign(key, pae))));
    byte[] bundle = SigstoreBundle.ofDsse(VerificationMaterial.publicKey(PublicKeys.hint(key.publicKey())), env)
        .toJson();
    registry.pushEmptyConfig(repo);
    registry.pushBlob(repo, bundle);
    HttpResponse<byte[]> head = registry.send("HEAD", "/v2/" + repo + "/manifests/" + subject, null,
        "Accept", MediaTypes.manifestAccept());
    String mediaType = head.headers().firstValue("Content-Type").orElse(MediaTypes.OCI_MANIFEST);
    long size = head.headers().firstValueAsLong("Content-Length").orElse(2);
    ImageManifest m = BundleReferrerManifest.build(bundle, InTotoStatement.COSIGN_SIGN_PREDICATE,
        Descriptor.of(mediaType, subject, size), Instant.now());
    byte[] json = BundleReferrerManifest.toJson(m);
    return registry.putManifest(repo, Digest.sha256(json).toString(), MediaTypes.OCI_MANIFEST, json);
  }

  private static byte[] sign(PrivateKeyHandle key, byte[] data) throws Exception {
    return Signers.from(key).sign(data);
  }
}
