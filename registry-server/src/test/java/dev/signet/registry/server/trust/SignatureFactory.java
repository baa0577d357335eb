package dev.signet.registry.server.trust;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.cosign.BundleReferrerManifest;
import dev.signet.cosign.LayerLimitException;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.crypto.CryptoException;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.SimpleSigningPayload;
import dev.signet.registry.server.testkit.TestRegistry;
import dev.signet.testing.sigstore.FakeSigstore;
import dev.signet.testing.sigstore.KeylessSignature;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Pushes real cosign-format signatures over HTTP, built with oci-model and crypto exactly as the
 * signing library writes them: legacy {@code .sig} images (appending, like cosign), v3 bundle referrers
 * and legacy {@code .att} images. Hooks let tests tamper with what is pushed.
 */
final class SignatureFactory {
  private final TestRegistry registry;

  SignatureFactory(TestRegistry registry) {
    this.registry = registry;
  }

  /** A cosign v2 signature layer appended to {@code sha256-<hex>.sig}; returns the new .sig manifest digest. */
  Digest legacy(String repo, Digest subject, PrivateKeyHandle key, Map<String, String> annotations) {
    return legacy(repo, subject, key, annotations, null, UnaryOperator.identity());
  }

  /**
   * As {@link #legacy(String, Digest, PrivateKeyHandle, Map)}, with an optional certificate chain
   * (leaf first) and a hook that may rewrite the layer's annotations before pushing.
   */
  Digest legacy(String repo, Digest subject, PrivateKeyHandle key, Map<String, String> annotations,
      List<X509Certificate> certs, UnaryOperator<SignatureAnnotations> tamper) {
    byte[] payload = SimpleSigningPayload.forImage(repository(repo), subject, annotations).toJson();
    SignatureAnnotations a = SignatureAnnotations.ofSignature(Base64.getEncoder().encodeToString(sign(key, payload)));
    if (certs != null) {
      a = a.withCertificate(Pem.of(certs.get(0)), Pem.of(certs.subList(1, certs.size())));
    }
    registry.pushBlob(repo, payload);
    return appendLayer(repo, SignatureTags.signatureTag(subject), LegacySignatureImage.simpleSigningLayer(payload,
        tamper.apply(a)));
  }

  /** A legacy {@code .att} DSSE layer over an in-toto statement naming {@code subject}. */
  Digest attestation(String repo, Digest subject, PrivateKeyHandle key) {
    return attestation(repo, subject, key, InTotoStatement.COSIGN_SIGN_PREDICATE);
  }

  /** A legacy {@code .att} DSSE layer (cosign attest --key) of a statement with {@code predicateType}. */
  Digest attestation(String repo, Digest subject, PrivateKeyHandle key, String predicateType) {
    DsseEnvelope env = envelope(statement(subject, predicateType), key);
    byte[] json = env.toLegacyJson();
    registry.pushBlob(repo, json);
    return appendLayer(repo, SignatureTags.attestationTag(subject), LegacySignatureImage.attestationLayer(json,
        SignatureAnnotations.ofSignature("").withPredicateType(predicateType)));
  }

  /** A v3 bundle referrer (cosign attest --key, new bundle format) of a statement with {@code predicateType}. */
  Digest attestationBundle(String repo, Digest subject, PrivateKeyHandle key, String predicateType) {
    DsseEnvelope env = envelope(statement(subject, predicateType), key);
    return pushBundle(repo, subject, SigstoreBundle.ofDsse(VerificationMaterial.publicKey(
        PublicKeys.hint(key.publicKey())), env).toJson(), predicateType);
  }

  /**
   * A keyless legacy {@code .sig} layer signed in {@code sigstore} by {@code identity}/{@code issuer}
   * (leaf with further Fulcio {@code extensions}, OID to value): certificate, CA chain, Rekor bundle
   * (hashedrekord entry with a SET) and an RFC 3161 timestamp when the deployment issues them.
   */
  Digest keylessLegacy(String repo, Digest subject, FakeSigstore sigstore, String identity, String issuer,
      Map<String, String> extensions) {
    byte[] payload = SimpleSigningPayload.forImage(repository(repo), subject, Map.of()).toJson();
    KeylessSignature s = sigstore.signBlob(payload, identity, issuer, extensions);
    registry.pushBlob(repo, payload);
    return appendLayer(repo, SignatureTags.signatureTag(subject), LegacySignatureImage.simpleSigningLayer(payload,
        SignatureAnnotations.fromMap(s.legacyAnnotations())));
  }

  /** A keyless bundle referrer (v0.3: leaf, dsse entry with SET and inclusion proof) of a statement naming {@code subject}. */
  Digest keylessBundle(String repo, Digest subject, FakeSigstore sigstore, String identity, String issuer,
      String predicateType) {
    KeylessSignature s = sigstore.signDsse(MediaTypes.IN_TOTO, statement(subject, predicateType), identity, issuer);
    return pushBundle(repo, subject, s.bundleJson(), predicateType);
  }

  /** A keyless legacy {@code .att} layer (cosign attest, keyless, legacy format) of a statement naming {@code subject}. */
  Digest keylessAttestation(String repo, Digest subject, FakeSigstore sigstore, String identity, String issuer,
      String predicateType) {
    KeylessSignature s = sigstore.signDsse(MediaTypes.IN_TOTO, statement(subject, predicateType), identity, issuer);
    byte[] json = s.legacyEnvelopeJson(MediaTypes.IN_TOTO);
    registry.pushBlob(repo, json);
    return appendLayer(repo, SignatureTags.attestationTag(subject), LegacySignatureImage.attestationLayer(json,
        SignatureAnnotations.fromMap(s.legacyAnnotations()).withPredicateType(predicateType)));
  }

  /** An in-toto v1 statement naming {@code subject} with an empty predicate of {@code predicateType}. */
  static byte[] statement(Digest subject, String predicateType) {
    return new InTotoStatement(InTotoStatement.TYPE_V1, List.of(new InTotoStatement.Subject(null,
        Map.of(subject.algorithm(), subject.hex()), null)), predicateType, "{}").toJson();
  }

  /** A cosign v3 bundle referrer; returns its manifest digest. */
  Digest bundle(String repo, Digest subject, PrivateKeyHandle key, Map<String, String> annotations) {
    return bundle(repo, subject, key, annotations, UnaryOperator.identity());
  }

  /** As above; {@code tamper} may rewrite the bundle JSON bytes before they are pushed. */
  Digest bundle(String repo, Digest subject, PrivateKeyHandle key, Map<String, String> annotations,
      UnaryOperator<byte[]> tamper) {
    DsseEnvelope env = envelope(InTotoStatement.forCosignSign(subject, annotations).toJson(), key);
    byte[] bundle = tamper.apply(SigstoreBundle.ofDsse(VerificationMaterial.publicKey(PublicKeys.hint(key.publicKey())),
        env).toJson());
    return pushBundle(repo, subject, bundle, InTotoStatement.COSIGN_SIGN_PREDICATE);
  }

  /** Pushes {@code bundle} as a referrer of {@code subject}; returns its manifest digest. */
  Digest pushBundle(String repo, Digest subject, byte[] bundle, String predicateType) {
    registry.pushEmptyConfig(repo);
    registry.pushBlob(repo, bundle);
    HttpResponse<byte[]> head = registry.send("HEAD", "/v2/" + repo + "/manifests/" + subject, null,
        "Accept", MediaTypes.manifestAccept());
    String mediaType = head.headers().firstValue("Content-Type").orElse(MediaTypes.OCI_MANIFEST);
    long size = head.headers().firstValueAsLong("Content-Length").orElse(2);
    ImageManifest m = BundleReferrerManifest.build(bundle, predicateType, Descriptor.of(mediaType, subject, size),
        Instant.now());
    byte[] json = BundleReferrerManifest.toJson(m);
    Digest digest = Digest.sha256(json);
    expectCreated(registry.putManifest(repo, digest.toString(), MediaTypes.OCI_MANIFEST, json));
    return digest;
  }

  static DsseEnvelope envelope(byte[] statement, PrivateKeyHandle key) {
    byte[] pae = DsseEnvelope.pae(MediaTypes.IN_TOTO, statement);
    return new DsseEnvelope(MediaTypes.IN_TOTO, statement, List.of(new DsseEnvelope.Signature("", sign(key, pae))));
  }

  static byte[] sign(PrivateKeyHandle key, byte[] data) {
    try {
      return Signers.from(key).sign(data);
    } catch (CryptoException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Appends {@code layer} to the legacy signature image at {@code tag} (as cosign does), pushes it, returns its digest. */
  private Digest appendLayer(String repo, String tag, Descriptor layer) {
    try {
      return push(repo, tag, existing(repo, tag).append(layer));
    } catch (LayerLimitException e) {
      throw new IllegalStateException(e);
    }
  }

  private LegacySignatureImage existing(String repo, String tag) {
    HttpResponse<byte[]> r = registry.send("GET", "/v2/" + repo + "/manifests/" + tag, null,
        "Accept", MediaTypes.OCI_MANIFEST);
    try {
      return r.statusCode() == 200 ? LegacySignatureImage.parse(r.body()) : LegacySignatureImage.empty();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Digest push(String repo, String tag, LegacySignatureImage image) {
    registry.pushBlob(repo, image.configBytes());
    expectCreated(registry.putManifest(repo, tag, image.manifestMediaType(), image.manifestBytes()));
    return image.manifestDigest();
  }

  private Repository repository(String repo) {
    try {
      return Repository.parse(registry.host() + "/" + repo);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static void expectCreated(HttpResponse<byte[]> r) {
    if (r.statusCode() != 201) {
      throw new IllegalStateException("push: " + r.statusCode() + " " + TestRegistry.text(r));
    }
  }
}
