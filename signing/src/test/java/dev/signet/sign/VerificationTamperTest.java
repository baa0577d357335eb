package dev.signet.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.SimpleSigningPayload;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.internal.ReferrerWriter;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each way of tampering with a stored signature is rejected as NO_MATCHING_SIGNATURES, with a message
 * that names what is wrong (and differs from every other case's).
 */
@ExtendWith(DockerRegistryExtension.class)
class VerificationTamperTest {
  private static final Map<Tamper, String> MESSAGES = new EnumMap<>(Tamper.class);

  @TempDir Path tmp;
  private SigningFixtures fx;

  /** A tampering, and the phrase its rejection must contain. */
  enum Tamper {
    LEGACY_PAYLOAD_REPLACED("invalid signature: legacy signature: the signature over the payload does not verify"),
    LEGACY_SIGNATURE_ALTERED("invalid signature: legacy signature: the signature over the payload does not verify"),
    LEGACY_SIGNATURE_NOT_BASE64("format: the dev.cosignproject.cosign/signature annotation is not valid base64"),
    LEGACY_PAYLOAD_FOR_OTHER_DIGEST("claims: legacy signature: invalid or missing digest in claim: sha256:"),
    LEGACY_PAYLOAD_BLOB_MISSING("payload: blob sha256:"),
    BUNDLE_SIGNATURE_FLIPPED("invalid signature: bundle v0.3: the DSSE signature over the PAE does not verify"),
    BUNDLE_SUBJECT_OTHER_IMAGE("claims: bundle v0.3: no matching subject digest found for sha256:"),
    BUNDLE_WITH_CERTIFICATE("format: bundle v0.3 carries a certificate (a keyless signature), but the policy expects the public key"),
    BUNDLE_NOT_JSON("malformed bundle: bundle is not valid JSON");

    final String phrase;

    Tamper(String phrase) {
      this.phrase = phrase;
    }
  }

  @BeforeEach
  void setUp(DockerRegistryPeer registry) {
    fx = new SigningFixtures(registry, tmp);
  }

  @ParameterizedTest
  @EnumSource(Tamper.class)
  void tamperedSignatureIsRejectedWithItsOwnReason(Tamper tamper) throws Exception {
    SigningFixtures.Pushed img = fx.push("tamper/" + tamper.name().toLowerCase().replace('_', '-'), "v1");
    apply(tamper, img);

    VerificationException e = catchThrowableOfType(VerificationException.class,
        () -> new ImageVerifier(fx.client()).verify(img.tagRef(), fx.policy()));
    assertThat(e).as(tamper.name()).isNotNull();
    assertThat(e.reason()).isEqualTo(VerificationException.Reason.NO_MATCHING_SIGNATURES);
    assertThat(e.getMessage()).startsWith("no matching signatures: ").contains(tamper.phrase);
    synchronized (MESSAGES) {
      MESSAGES.put(tamper, e.getMessage()
          .replaceFirst("^no matching signatures: (bundle \\S+|signature layer \\S+ in \\S+): ", "")
          .replaceAll("sha256[:-][0-9a-f]{64}", "D").replaceAll("127\\.0\\.0\\.1:\\d+/\\S+", "R"));
    }
  }

  @AfterAll
  static void messagesDifferPerTamperKind() {
    List<String> reasons = MESSAGES.entrySet().stream()
        .filter(e -> !e.getKey().equals(Tamper.LEGACY_SIGNATURE_ALTERED)) // same failure as a replaced payload
        .map(Map.Entry::getValue).toList();
    assertThat(reasons).doesNotHaveDuplicates();
  }

  private void apply(Tamper tamper, SigningFixtures.Pushed img) throws Exception {
    switch (tamper) {
      case LEGACY_PAYLOAD_REPLACED -> {
        Descriptor signed = signedLegacyLayer(img);
        byte[] other = SimpleSigningPayload.of(img.repository().name(), img.digest(), Map.of("evil", "yes")).toJson();
        writeSig(img, List.of(new Descriptor(signed.mediaType(), other.length, Digest.sha256(other).toString(),
            signed.annotations(), null, null)), other);
      }
      case LEGACY_SIGNATURE_ALTERED, LEGACY_SIGNATURE_NOT_BASE64 -> {
        Descriptor signed = signedLegacyLayer(img);
        String b64 = signed.annotationsOrEmpty().get(SignatureAnnotations.SIGNATURE);
        String altered;
        if (tamper == Tamper.LEGACY_SIGNATURE_ALTERED) {
          byte[] sig = Base64.getDecoder().decode(b64);
          sig[sig.length - 1] ^= 1;
          altered = Base64.getEncoder().encodeToString(sig);
        } else {
          altered = "not*base64";
        }
        writeSig(img, List.of(signed.withAnnotations(SignatureAnnotations.ofSignature(altered).toMap())), null);
      }
      case LEGACY_PAYLOAD_FOR_OTHER_DIGEST -> {
        SigningFixtures.Pushed other = fx.push("tamper/other", "v1");
        SignResult forOther = fx.sign(other.tagRef(),
            SignOptions.defaults().withFormat(SignatureFormat.LEGACY).withUpload(false));
        Descriptor layer = LegacySignatureImage.simpleSigningLayer(forOther.payload(),
            SignatureAnnotations.ofSignature(Base64.getEncoder().encodeToString(forOther.signature())));
        writeSig(img, List.of(layer), forOther.payload());
      }
      case LEGACY_PAYLOAD_BLOB_MISSING -> {
        byte[] gone = "{\"soon\":\"deleted\"}".getBytes(StandardCharsets.UTF_8);
        Descriptor layer = LegacySignatureImage.simpleSigningLayer(gone, SignatureAnnotations.ofSignature("AAAA"));
        writeSig(img, List.of(layer), gone);
        HttpResponse<Void> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            fx.registry().url() + "/v2/" + img.repository().path() + "/blobs/" + Digest.sha256(gone))).DELETE().build(),
            HttpResponse.BodyHandlers.discarding());
        assertThat(deleted.statusCode()).isEqualTo(202);
      }
      case BUNDLE_SIGNATURE_FLIPPED -> {
        SigstoreBundle bundle = unuploadedBundle(img);
        DsseEnvelope env = bundle.dsseEnvelope();
        byte[] sig = env.signatures().get(0).sig();
        sig[sig.length / 2] ^= 0x01;
        DsseEnvelope flipped = new DsseEnvelope(env.payloadType(), env.payload(),
            List.of(new DsseEnvelope.Signature(null, sig)));
        writeBundle(img, SigstoreBundle.ofDsse(bundle.verificationMaterial(), flipped).toJson());
      }
      case BUNDLE_SUBJECT_OTHER_IMAGE -> {
        SigstoreBundle bundle = unuploadedBundle(img);
        byte[] statement = InTotoStatement.forCosignSign(new Digest("sha256", "ee".repeat(32)), Map.of()).toJson();
        byte[] sig = fx.signer().sign(DsseEnvelope.pae(MediaTypes.IN_TOTO, statement));
        DsseEnvelope env = new DsseEnvelope(MediaTypes.IN_TOTO, statement, List.of(new DsseEnvelope.Signature(null, sig)));
        writeBundle(img, SigstoreBundle.ofDsse(bundle.verificationMaterial(), env).toJson());
      }
      case BUNDLE_WITH_CERTIFICATE -> fx.sign(img.tagRef(), SignOptions.defaults()
          .withCertificate(Optional.of(fx.selfSignedCertificatePem()), Optional.empty()));
      case BUNDLE_NOT_JSON -> writeBundle(img, "not a bundle".getBytes(StandardCharsets.UTF_8));
      default -> throw new IllegalStateException(tamper.name());
    }
  }

  /** Signs legacy for real, then returns the stored layer (the test rewrites the .sig from it). */
  private Descriptor signedLegacyLayer(SigningFixtures.Pushed img) throws Exception {
    fx.sign(img.tagRef(), SignatureFormat.LEGACY);
    byte[] manifest = fx.client()
        .getManifest(SigningFixtures.parse(img.repository().name() + ":" + SignatureTags.signatureTag(img.digest())))
        .bytes();
    return LegacySignatureImage.parse(manifest).layers().get(0);
  }

  /** Replaces the image's .sig with these layers ({@code payload} uploaded first when given). */
  private void writeSig(SigningFixtures.Pushed img, List<Descriptor> layers, byte[] payload) throws Exception {
    RegistryClient client = fx.client();
    if (payload != null) {
      client.pushBlob(img.repository(), Digest.sha256(payload), payload);
    }
    LegacySignatureImage sig = LegacySignatureImage.empty();
    for (Descriptor l : layers) {
      sig = sig.append(l);
    }
    byte[] config = sig.configBytes();
    client.pushBlob(img.repository(), Digest.sha256(config), config);
    client.putManifest(img.repository(), SignatureTags.signatureTag(img.digest()), sig.manifestBytes(),
        sig.manifestMediaType());
  }

  private SigstoreBundle unuploadedBundle(SigningFixtures.Pushed img) throws Exception {
    return SigstoreBundle.parse(fx.sign(img.tagRef(), SignOptions.defaults().withUpload(false)).payload());
  }

  private void writeBundle(SigningFixtures.Pushed img, byte[] bundleJson) throws Exception {
    new ReferrerWriter(fx.client(), SigningFixtures.noPause())
        .writeBundle(img.repository(), img.descriptor(), bundleJson, ImageSigner.SIGN_PREDICATE_TYPE, Instant.now());
  }
}
