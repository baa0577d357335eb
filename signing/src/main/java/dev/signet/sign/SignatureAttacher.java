package dev.signet.sign;

import dev.signet.bundle.BundleFormatException;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.reference.Repository;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.PayloadFormatException;
import dev.signet.payload.SimpleSigningPayload;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.internal.LegacySignatureStore;
import dev.signet.sign.internal.Pauser;
import dev.signet.sign.internal.ReferrerWriter;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code attach signature}: stores a signature made elsewhere. A Sigstore bundle is attached as a v3
 * referrer; anything else becomes a legacy {@code .sig} layer over the given payload (or, without one,
 * the simple-signing payload cosign would have signed).
 */
public final class SignatureAttacher {
  private final Clock clock;
  private final LegacySignatureStore legacyStore;
  private final ReferrerWriter referrers;

  public SignatureAttacher(RegistryClient client, Clock clock, Pauser pauser) {
    this.clock = clock;
    this.legacyStore = new LegacySignatureStore(client, pauser);
    this.referrers = new ReferrerWriter(client, pauser);
  }

  /** Attaches a bundle as a referrer of {@code image}. */
  public String attachBundle(ResolvedImage image, byte[] bundleJson, Optional<Repository> target)
      throws SigningException {
    SigstoreBundle bundle;
    try {
      bundle = SigstoreBundle.parse(bundleJson);
    } catch (BundleFormatException e) {
      throw new SigningException("attach bundle to " + image.byDigest() + ": " + e.getMessage(), e);
    }
    if (image.mediaType().isEmpty()) {
      throw new SigningException("attach bundle to " + image.byDigest() + ": the registry does not hold this manifest");
    }
    String predicateType = null;
    if (bundle.isDsse()) {
      try {
        predicateType = InTotoStatement.fromEnvelope(bundle.dsseEnvelope()).predicateType();
      } catch (PayloadFormatException e) {
        predicateType = null; // not an in-toto statement: attach without the annotation
      }
    }
    Repository repo = target.orElse(image.reference().repository());
    return repo.name() + "@" + referrers.writeBundle(repo, image.descriptor(), bundleJson, predicateType, clock.instant());
  }

  /** Attaches a raw signature over {@code payload} (default: the image's simple-signing payload). */
  public String attachSignature(ResolvedImage image, byte[] signature, Optional<byte[]> payload,
      Optional<String> certificatePem, Optional<String> chainPem, Optional<Repository> target, boolean dockerMediaTypes)
      throws SigningException {
    Repository imageRepo = image.reference().repository();
    byte[] body = payload.orElseGet(() -> SimpleSigningPayload.of(imageRepo.name(), image.digest(), null).toJson());
    String b64 = Base64.getEncoder().encodeToString(signature);
    SignatureAnnotations annotations = SignatureAnnotations.ofSignature(b64);
    if (certificatePem.isPresent()) {
      annotations = annotations.withCertificate(certificatePem.get(), chainPem.orElse(""));
    }
    var layer = LegacySignatureImage.simpleSigningLayer(body, annotations);
    Repository repo = target.orElse(imageRepo);
    String tag = SignatureTags.signatureTag(image.digest());
    legacyStore.append(repo, tag, layer, body, dockerMediaTypes,
        old -> Objects.equals(old.annotationsOrEmpty().get(SignatureAnnotations.SIGNATURE), b64));
    return repo.name() + ":" + tag;
  }
}
