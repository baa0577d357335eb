package dev.signet.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import dev.signet.payload.SimpleSigningPayload;
import dev.signet.verify.internal.BasicIdentity;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.testkit.Bodies;
import dev.signet.verify.testkit.ReferenceMerkle;
import dev.signet.verify.testkit.TestLog;
import dev.signet.verify.testkit.TestRoots;
import dev.signet.verify.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cosign legacy {@code .sig} signatures (key and keyless, SET-only Rekor bundles) and the multi-candidate helper. */
class LegacyAndCandidatesTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final long INTEGRATED = 1_760_000_000L;
  private static final Digest IMAGE = new Digest("sha256", "ab".repeat(32));

  private KeyPair key;
  private TestLog log;
  private SigstoreVerifier verifier;
  private byte[] payload;
  private byte[] signature;

  @BeforeEach
  void setUp() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    key = g.generateKeyPair();
    log = TestLog.rekorV1("rekor.example.dev");
    log.appendFiller(9);
    verifier = new SigstoreVerifier(new TrustedRoot("", List.of(log.trusted(T0)), List.of(), List.of(), List.of()));
    payload = SimpleSigningPayload.of("registry.example/app", IMAGE, Map.of("env", "prod")).toJson();
    signature = sign(payload);
  }

  private byte[] sign(byte[] data) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update(data);
    return s.sign();
  }

  private byte[] rekorBundle(byte[] signed, byte[] sig) throws Exception {
    int index = log.append(Bodies.hashedRekordV001(ReferenceMerkle.sha256(signed), sig,
        Bodies.pem("PUBLIC KEY", key.getPublic().getEncoded())));
    return log.cosignBundle(index, INTEGRATED, 1000);
  }

  @Test
  void keySignedLegacySignatureWithRekorBundleVerifies() throws Exception {
    LegacySignature sig = LegacySignature.fromAnnotations(payload, Map.of(
        SignatureAnnotations.SIGNATURE, Base64.getEncoder().encodeToString(signature),
        SignatureAnnotations.BUNDLE, new String(rekorBundle(payload, signature), StandardCharsets.UTF_8)));
    VerificationPolicy policy = VerificationPolicy.forKey(key.getPublic());
    VerificationResult r = verifier.verify(sig, Artifact.ofDigest(IMAGE.toString()), policy);
    assertThat(r.payload()).isEqualTo(payload);
    assertThat(r.payloadType()).isEmpty();
    assertThat(r.logEntries()).singleElement().satisfies(e -> assertThat(e.logIndex()).isEqualTo(1009));
    assertThat(r.times()).singleElement().satisfies(t -> assertThat(t.time()).isEqualTo(Instant.ofEpochSecond(INTEGRATED)));
    verifier.verify(sig, Artifact.ofDigest(IMAGE.toString()), policy.withAnnotations(Map.of("env", "prod")));

    assertThatThrownBy(() -> verifier.verify(sig, Artifact.ofDigest(IMAGE.toString()),
        policy.withAnnotations(Map.of("env", "dev"))))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.ARTIFACT))
        .hasMessageContaining("missing or incorrect annotation");
    assertThatThrownBy(() -> verifier.verify(sig, Artifact.ofDigest("sha256:" + "cd".repeat(32)), policy))
        .hasMessage("artifact: legacy signature: invalid or missing digest in claim: " + IMAGE);
    LegacySignature bare = LegacySignature.of(payload, signature);
    assertThatThrownBy(() -> verifier.verify(bare, Artifact.ofDigest(IMAGE.toString()), policy))
        .hasMessage("threshold: legacy signature: expected 1 verified tlog entries, got 0");
    verifier.verify(bare, Artifact.ofDigest(IMAGE.toString()), policy.ignoringTlog());
    // the SET covers the body, so another signature in the layer no longer matches the logged one
    byte[] other = sign(payload);
    LegacySignature swapped = new LegacySignature(payload, other, java.util.Optional.empty(), java.util.Optional.empty(),
        sig.rekorBundleJson(), java.util.Optional.empty());
    assertThatThrownBy(() -> verifier.verify(swapped, Artifact.ofDigest(IMAGE.toString()), policy))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TLOG_ENTRY))
        .hasMessageContaining("signature.content differs from the bundle's signature");
    ObjectNode tampered = (ObjectNode) new ObjectMapper().readTree(sig.rekorBundleJson().orElseThrow());
    ((ObjectNode) tampered.get("Payload")).put("integratedTime", INTEGRATED - 60);
    assertThatThrownBy(() -> verifier.verify(sig.withRekorBundle(new ObjectMapper().writeValueAsBytes(tampered)),
        Artifact.ofDigest(IMAGE.toString()), policy)).hasMessageContaining("the signed entry timestamp does not verify");
    assertThatThrownBy(() -> LegacySignature.fromAnnotations(payload, Map.of(SignatureAnnotations.SIGNATURE, "%%")))
        .hasMessage("format: the dev.cosignproject.cosign/signature annotation is not valid base64");
  }

  @Test
  void legacyAttestationLayerWithDsseRekorEntryVerifies() throws Exception {
    byte[] statement = dev.signet.payload.InTotoStatement.forCosignSign(IMAGE, Map.of()).toJson();
    byte[] pae = dev.signet.payload.DsseEnvelope.pae("application/vnd.in-toto+json", statement);
    byte[] sig = sign(pae);
    byte[] envelope = new dev.signet.payload.DsseEnvelope("application/vnd.in-toto+json", statement,
        List.of(new dev.signet.payload.DsseEnvelope.Signature("", sig))).toLegacyJson();
    int index = log.append(Bodies.dsseV001(ReferenceMerkle.sha256(envelope), ReferenceMerkle.sha256(statement), sig,
        Bodies.pem("PUBLIC KEY", key.getPublic().getEncoded())));
    LegacySignature att = LegacySignature.fromAnnotations(envelope, Map.of(SignatureAnnotations.SIGNATURE, "",
        SignatureAnnotations.BUNDLE, new String(log.cosignBundle(index, INTEGRATED, 0), StandardCharsets.UTF_8)));
    VerificationPolicy policy = VerificationPolicy.forKey(key.getPublic());
    VerificationResult r = verifier.verify(att, Artifact.ofDigest(IMAGE.toString()), policy);
    assertThat(r.payloadType()).contains("application/vnd.in-toto+json");
    assertThat(r.payload()).isEqualTo(statement);
    assertThatThrownBy(() -> verifier.verify(att, Artifact.ofDigest("sha256:" + "01".repeat(32)), policy))
        .hasMessage("artifact: legacy attestation: no matching subject digest found for sha256:" + "01".repeat(32));
    assertThatThrownBy(() -> verifier.verify(LegacySignature.of("not json".getBytes(), new byte[0]),
        Artifact.ofDigest(IMAGE.toString()), policy)).hasMessageStartingWith("format: legacy signature: the signature"
            + " annotation is empty and the payload is not a DSSE envelope");
  }

  @Test
  void blobSignedDirectlyMustBeTheArtifact() throws Exception {
    byte[] blob = "a release tarball".getBytes(StandardCharsets.UTF_8);
    byte[] sig = sign(blob);
    LegacySignature legacy = LegacySignature.of(blob, sig).withRekorBundle(rekorBundle(blob, sig));
    VerificationPolicy policy = VerificationPolicy.forKey(key.getPublic());
    verifier.verify(legacy, Artifact.of(blob), policy);
    verifier.verify(legacy, Artifact.ofDigest(Digest.sha256(blob).toString()), policy);
    assertThatThrownBy(() -> verifier.verify(legacy, Artifact.of("another".getBytes()), policy))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.ARTIFACT));
  }

  @Test
  void keylessLegacySignatureFromAMockBundleVerifies() throws Exception {
    Path dir = Vectors.dir("sigstore-js/mock-keyless-uri");
    SigstoreVerifier mock = new SigstoreVerifier(TestRoots.parse(Vectors.read(dir.resolve("trusted_root.json"))));
    JsonNode bundle = new ObjectMapper().readTree(Vectors.read(dir.resolve("bundle-blob-rekor-v1-notsa.json")));
    byte[] artifact = Vectors.read(dir.resolve("artifact.txt"));
    JsonNode e = bundle.at("/verificationMaterial/tlogEntries/0");
    // cosign's RekorBundleFromProtoTlogEntry: the same entry as the legacy annotation
    ObjectNode rekor = new ObjectMapper().createObjectNode();
    rekor.put("SignedEntryTimestamp", e.at("/inclusionPromise/signedEntryTimestamp").asText());
    ObjectNode p = rekor.putObject("Payload");
    p.put("body", e.get("canonicalizedBody").asText());
    p.put("integratedTime", e.get("integratedTime").asLong());
    p.put("logIndex", e.get("logIndex").asLong());
    p.put("logID", HexFormat.of().formatHex(Base64.getDecoder().decode(e.at("/logId/keyId").asText())));
    String leafPem = Bodies.pem("CERTIFICATE", Base64.getDecoder().decode(
        bundle.at("/verificationMaterial/x509CertificateChain/certificates/0/rawBytes").asText()));
    LegacySignature legacy = LegacySignature.fromAnnotations(artifact, Map.of(
        SignatureAnnotations.SIGNATURE, bundle.at("/messageSignature/signature").asText(),
        SignatureAnnotations.CERTIFICATE, leafPem, SignatureAnnotations.CHAIN, "",
        SignatureAnnotations.BUNDLE, new ObjectMapper().writeValueAsString(rekor)));
    VerificationPolicy policy = VerificationPolicy.forIdentity(BasicIdentity.exact("https://signer.example.com/ci",
        "https://oidc.mock.local"));
    VerificationResult r = mock.verify(legacy, Artifact.of(artifact), policy);
    assertThat(((Signer.Certificate) r.signer()).subjectAlternativeName()).isEqualTo("https://signer.example.com/ci");
    assertThat(r.sctCount()).isEqualTo(1);
    assertThatThrownBy(() -> mock.verify(legacy, Artifact.of(artifact), VerificationPolicy.forIdentity(
        BasicIdentity.exact("https://other.example.com", "https://oidc.mock.local"))))
        .isInstanceOfSatisfying(VerificationException.class, ex -> assertThat(ex.check()).isEqualTo(Check.IDENTITY));
  }

  @Test
  void oneCandidateInEitherFormatIsEnough() throws Exception {
    LegacySignature good = LegacySignature.of(payload, signature).withRekorBundle(rekorBundle(payload, signature));
    Path dir = Vectors.dir("sigstore-js/pubkey");
    SigstoreBundle foreign = SigstoreBundle.parse(Vectors.read(dir.resolve("bundle-pubkey-v03.sigstore.json")));
    Artifact image = Artifact.ofDigest(IMAGE.toString());
    VerificationPolicy policy = VerificationPolicy.forKey(key.getPublic());
    MultiVerificationResult r = verifier.verifyAll(List.of(new Candidate.Bundle("referrer sha256:1", foreign),
        new Candidate.Legacy("layer sha256:2", good)), image, policy);
    assertThat(r.isVerified()).isTrue();
    assertThat(r.verified()).hasSize(1);
    assertThat(r.outcomes().get(0).failure()).hasValueSatisfying(e -> assertThat(e.check()).isEqualTo(Check.ARTIFACT));
    assertThat(r.firstVerified().payload()).isEqualTo(payload);

    MultiVerificationResult none = verifier.verifyAll(List.of(new Candidate.Bundle("referrer sha256:1", foreign),
        new Candidate.Legacy("layer sha256:2", LegacySignature.of(payload, signature))), image, policy);
    assertThat(none.isVerified()).isFalse();
    assertThatThrownBy(none::firstVerified)
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.THRESHOLD))
        .hasMessageStartingWith("threshold: none of the 2 signatures satisfies the policy: referrer sha256:1: artifact:")
        .hasMessageContaining("; layer sha256:2: threshold: legacy signature: expected 1 verified tlog entries, got 0");
    assertThatThrownBy(() -> verifier.verifyAll(List.of(), image, policy).firstVerified())
        .hasMessage("threshold: no signatures found");
    assertThat(PublicKeys.hint(key.getPublic())).isNotEmpty();
  }
}
