package dev.signet.sign.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.bundle.MessageSignature;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.Signer;
import dev.signet.crypto.Signers;
import dev.signet.crypto.Verifiers;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import dev.signet.payload.InTotoStatement;
import dev.signet.sign.SigningException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** sign-blob and attest-blob bundles, legacy local bundles, and bundle create's assembly and checks. */
class BlobSigningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] BLOB = "the artifact\n".getBytes(StandardCharsets.UTF_8);

  private final Signer signer = Signers.from(KeyGenerator.generateEcdsaP256());
  private final Signer other = Signers.from(KeyGenerator.generateEcdsaP256());

  @Test
  void signBlobBundleHoldsAMessageSignatureOverTheFile() throws Exception {
    BlobSigner.SignedBlob signed = BlobSigner.sign(BLOB, signer, Optional.empty(), "blob.txt");
    JsonNode b = JSON.readTree(signed.bundle().toJson());
    assertThat(b.path("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(b.path("verificationMaterial").path("publicKey").path("hint").asText())
        .isEqualTo(PublicKeys.hint(signer.publicKey()));
    JsonNode md = b.path("messageSignature").path("messageDigest");
    assertThat(md.path("algorithm").asText()).isEqualTo("SHA2_256");
    assertThat(Base64.getDecoder().decode(md.path("digest").asText()))
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(BLOB));
    byte[] sig = Base64.getDecoder().decode(b.path("messageSignature").path("signature").asText());
    Verifiers.from(signer.publicKey()).verify(BLOB, sig);
    assertThatThrownBy(() -> Verifiers.from(signer.publicKey()).verify("other".getBytes(StandardCharsets.UTF_8), sig))
        .isInstanceOf(dev.signet.crypto.SignatureVerificationException.class);
    assertThat(SigstoreBundle.parse(signed.bundle().toJson())).isEqualTo(signed.bundle());
  }

  @Test
  void theDigestFollowsTheKeysHash() throws Exception {
    Signer p384 = Signers.from(KeyGenerator.generate(SignatureAlgorithm.ECDSA_P384_SHA384, new SecureRandom()));
    MessageSignature m = BlobSigner.sign(BLOB, p384, Optional.empty(), "blob").bundle().messageSignature();
    assertThat(m.algorithm()).isEqualTo("SHA2_384");
    assertThat(m.digest()).isEqualTo(MessageDigest.getInstance("SHA-384").digest(BLOB));
  }

  @Test
  void legacyLocalBundleIsCosignsLocalSignedPayload() throws Exception {
    byte[] sig = {1, 2, 3};
    String pem = PublicKeys.toPem(signer.publicKey());
    assertThat(new String(BlobSigner.legacyBundle(sig, pem), StandardCharsets.UTF_8)).isEqualTo(
        "{\"base64Signature\":\"AQID\",\"cert\":\"" + Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)) + "\"}");
    assertThat(new String(BlobSigner.legacyBundle(sig, null), StandardCharsets.UTF_8)).isEqualTo("{\"base64Signature\":\"AQID\"}");
  }

  @Test
  void attestationEnvelopeSignsThePaeOfTheStatement() throws Exception {
    InTotoStatement st = AttestationStatements.generate("custom", BLOB, "blob.txt", Digest.sha256(BLOB), Instant.EPOCH);
    SignedAttestation a = Attestations.sign(st, signer, Optional.empty());
    assertThat(a.envelope().payloadType()).isEqualTo("application/vnd.in-toto+json");
    assertThat(a.envelope().payload()).isEqualTo(st.toJson());
    Verifiers.from(signer.publicKey()).verify(a.envelope().pae(), a.signature());
    assertThat(a.bundle().dsseEnvelope()).isEqualTo(a.envelope());
    assertThat(a.bundle().verificationMaterial().publicKeyHint()).isEqualTo(PublicKeys.hint(signer.publicKey()));
  }

  @Test
  void bundleCreateReassemblesWhatSignBlobWrites() throws Exception {
    BlobSigner.SignedBlob signed = BlobSigner.sign(BLOB, signer, Optional.empty(), "blob");
    var material = new BundleAssembler.Material(signer.publicKey(), Optional.empty());
    SigstoreBundle fromFile = BundleAssembler.messageSignature(BundleAssembler.Artifact.of(BLOB), signed.signature(), material);
    assertThat(fromFile.toJson()).isEqualTo(signed.bundle().toJson());
    SigstoreBundle fromDigest = BundleAssembler.messageSignature(
        BundleAssembler.Artifact.ofDigest(Digest.sha256(BLOB)), signed.signature(), material);
    assertThat(fromDigest.toJson()).isEqualTo(signed.bundle().toJson());
  }

  @Test
  void bundleCreateRefusesPartsThatDoNotBelongTogether() throws Exception {
    BlobSigner.SignedBlob signed = BlobSigner.sign(BLOB, signer, Optional.empty(), "blob");
    var wrongKey = new BundleAssembler.Material(other.publicKey(), Optional.empty());
    assertThatThrownBy(() -> BundleAssembler.messageSignature(BundleAssembler.Artifact.of(BLOB), signed.signature(), wrongKey))
        .isInstanceOf(SigningException.class).hasMessageContaining("does not verify");
    var material = new BundleAssembler.Material(signer.publicKey(), Optional.empty());
    assertThatThrownBy(() -> BundleAssembler.messageSignature(
        BundleAssembler.Artifact.of("tampered".getBytes(StandardCharsets.UTF_8)), signed.signature(), material))
        .hasMessageContaining("does not verify");
    InTotoStatement st = AttestationStatements.generate("custom", BLOB, "blob", Digest.sha256(BLOB), Instant.EPOCH);
    SignedAttestation a = Attestations.sign(st, signer, Optional.empty());
    assertThat(BundleAssembler.dsse(a.envelope(), material).toJson()).isEqualTo(a.bundle().toJson());
    assertThatThrownBy(() -> BundleAssembler.dsse(a.envelope(), wrongKey)).hasMessageContaining("no signature");
  }
}
