package dev.signet.sign.keyless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.bundle.MessageSignature;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.crypto.Signer;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.payload.DsseEnvelope;
import dev.signet.testing.sigstore.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signet's transparency-log requests next to what {@code @sigstore/sign} would send for the same bundle
 * ({@code oracles/sigstore-mock/proposed-entries.js} runs its own {@code toProposedEntry} and
 * {@code toCreateEntryRequest}): Rekor v1 hashedrekord 0.0.1, intoto 0.0.2 (with its envelope hash) and
 * dsse 0.0.1, and the Rekor v2 hashedrekord request, compared as JSON trees. Skips without Node.js.
 */
class RekorEntriesOracleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path script;

  @BeforeAll
  static void locate() {
    Path dir = null;
    for (Path d = Paths.get("").toAbsolutePath(); d != null && dir == null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("oracles/sigstore-mock/proposed-entries.js"))) {
        dir = d.resolve("oracles/sigstore-mock");
      }
    }
    Assumptions.assumeTrue(dir != null, "SKIPPED: oracles/sigstore-mock not found");
    Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("node_modules/@sigstore/sign/package.json")),
        "SKIPPED: @sigstore/sign is not installed in " + dir + " (npm ci there; the cli tests do it)");
    script = dir.resolve("proposed-entries.js");
  }

  private static JsonNode sigstoreJs(SigstoreBundle bundle, String verifierPem, String entryType) throws Exception {
    ObjectNode in = JSON.createObjectNode();
    in.set("bundle", JSON.readTree(bundle.toJson()));
    in.put("verifier", verifierPem);
    in.put("entryType", entryType);
    Process p;
    try {
      p = new ProcessBuilder("node", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      Assumptions.abort("SKIPPED: Node.js is not installed: " + e.getMessage());
      throw e;
    }
    try (OutputStream o = p.getOutputStream()) {
      o.write(JSON.writeValueAsBytes(in));
    }
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
    return JSON.readTree(out);
  }

  private static LogVerifier certificateVerifier(Signer signer) throws Exception {
    TestPki.Issued leaf = TestPki.fulcioLeaf(TestPki.root("ca"), "dev@example.com")
        .key(new KeyPair(signer.publicKey(), null)).build();
    return LogVerifier.ofCertificate(new SigningCertificate(List.of(leaf.cert().getEncoded())), signer.algorithm());
  }

  @Test
  void messageSignatureRequestsMatchSigstoreJs() throws Exception {
    Signer signer = Signers.from(KeyGenerator.generateEcdsaP256());
    byte[] artifact = "artifact bytes".getBytes(StandardCharsets.UTF_8);
    LogVerifier verifier = certificateVerifier(signer);
    SigstoreBundle bundle = SigstoreBundle.ofMessageSignature(VerificationMaterial.certificate(verifier.der()),
        MessageSignature.of(Digest.sha256(artifact), signer.sign(artifact)));
    LogContent content = new LogContent(bundle, verifier);
    JsonNode js = sigstoreJs(bundle, verifier.pem(), "dsse");
    assertThat((JsonNode) RekorEntries.v1(content, RekorEntries.DsseEntryType.INTOTO)).isEqualTo(js.get("v1"));
    assertThat((JsonNode) RekorEntries.v2(content)).isEqualTo(js.get("v2"));
  }

  @Test
  void dsseRequestsMatchSigstoreJs() throws Exception {
    Signer signer = Signers.from(KeyGenerator.generateEcdsaP256());
    byte[] statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"x\",\"digest\":{\"sha256\":\"00\"}}],\"predicateType\":\"https://example.com/p\",\"predicate\":{}}"
        .getBytes(StandardCharsets.UTF_8);
    DsseEnvelope envelope = new DsseEnvelope(MediaTypes.IN_TOTO, statement,
        List.of(new DsseEnvelope.Signature("", signer.sign(DsseEnvelope.pae(MediaTypes.IN_TOTO, statement)))));
    LogVerifier verifier = certificateVerifier(signer);
    SigstoreBundle bundle = SigstoreBundle.ofDsse(VerificationMaterial.certificate(verifier.der()), envelope);
    LogContent content = new LogContent(bundle, verifier);
    assertThat((JsonNode) RekorEntries.v1(content, RekorEntries.DsseEntryType.INTOTO))
        .isEqualTo(sigstoreJs(bundle, verifier.pem(), "intoto").get("v1"));
    JsonNode dsse = sigstoreJs(bundle, verifier.pem(), "dsse").get("v1");
    ObjectNode ours = RekorEntries.v1(content, RekorEntries.DsseEntryType.DSSE);
    // The envelope travels as a JSON string: compare it parsed (member order is the writer's choice).
    JsonNode ourEnvelope = JSON.readTree(ours.path("spec").path("proposedContent").path("envelope").asText());
    JsonNode theirEnvelope = JSON.readTree(dsse.path("spec").path("proposedContent").path("envelope").asText());
    assertThat(ourEnvelope).isEqualTo(theirEnvelope);
    ((ObjectNode) ours.path("spec").path("proposedContent")).remove("envelope");
    ((ObjectNode) dsse.path("spec").path("proposedContent")).remove("envelope");
    assertThat((JsonNode) ours).isEqualTo(dsse);
  }
}
