package dev.signet.registry.server.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.payload.InTotoStatement;
import dev.signet.registry.server.testkit.TestRegistry;
import dev.signet.testing.sigstore.FakeSigstore;
import dev.signet.verify.x509.FulcioIdentity;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless verified pull through the real in-process registry with accounts: {@code pusher} (push on
 * {@code prod}, exempt) pushes and signs, {@code reader} (pull only) is judged by an enforce policy
 * trusting one identity against a trusted root set through the admin API. Signatures come from a
 * generated Fulcio-like CA with SCTs and a Rekor-like log ({@link FakeSigstore}).
 */
class TrustKeylessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ISSUER = "https://issuer.signet.test";
  private static final String RELEASE = "release@signet.test";
  private static final String PW = "account-password-1";

  @TempDir Path data;
  TestRegistry registry;
  SignatureFactory sign;
  final FakeSigstore sigstore = FakeSigstore.create(Instant.now().minusSeconds(5));

  @BeforeEach
  void start() {
    registry = TestRegistry.start(data, b -> b.adminPassword("bootstrap-admin-pw".toCharArray()));
    admin("POST", "/projects", "{\"name\":\"prod\",\"public\":false}");
    for (String[] u : new String[][] {{"pusher", "push"}, {"reader", "pull"}}) {
      admin("POST", "/users", "{\"name\":\"" + u[0] + "\",\"password\":\"" + PW + "\"}");
      admin("PUT", "/projects/prod/members/" + u[0], "{\"role\":\"" + u[1] + "\"}");
    }
    sign = new SignatureFactory(registry);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  /** Enforce: trust {@code identity} against the PKI's trusted root (as the uploaded file's text). */
  private JsonNode policy(Map<String, String> identity, String... attestations) {
    ObjectNode body = JSON.createObjectNode().put("mode", "enforce").put("trustedRoot",
        new String(sigstore.trustedRootJson(), StandardCharsets.UTF_8));
    ObjectNode id = body.putArray("identities").addObject();
    identity.forEach(id::put);
    var att = body.putArray("requireAttestations");
    for (String a : attestations) {
      att.add(a);
    }
    return admin("PUT", "/projects/prod/policy", body.toString());
  }

  @Test
  void theRegistryRefusesAPullWhoseOnlySignatureIsFromTheWrongIdentityAndServesItOnceTheRightIdentitySigns() {
    policy(Map.of("issuer", ISSUER, "subject", RELEASE));
    registry.as("pusher", PW);
    Digest image = registry.pushImage("prod/app", "v1", "keyless");
    Digest wrong = sign.keylessLegacy("prod/app", image, sigstore, "mallory@signet.test", ISSUER, Map.of());

    String refusal = refusedToReader("v1");
    assertThat(refusal).contains("is not signed by 1 trusted signer (found 0)")
        .contains("identity: subject mallory@signet.test is not " + RELEASE);
    assertThat(trust().results("prod/app", wrong)).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.UNTRUSTED);
      assertThat(r.reason()).startsWith("identity: ");
    });

    registry.as("pusher", PW);
    Digest right = sign.keylessBundle("prod/app", image, sigstore, RELEASE, ISSUER,
        InTotoStatement.COSIGN_SIGN_PREDICATE);
    assertThat(statusAsReader("v1")).isEqualTo(200);
    assertThat(statusAsReader(image.toString())).isEqualTo(200);
    assertThat(trust().results("prod/app", right)).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
      assertThat(r.signer()).isEqualTo("identity " + RELEASE + " (" + ISSUER + ")");
      assertThat(r.anchor()).startsWith("identity:sha256:");
    });
  }

  @Test
  void aKeylessLegacySignatureOfTheRightIdentityIsServed() {
    policy(Map.of("issuerRegexp", "^https://issuer\\.signet\\.test$", "subjectRegexp", "^release@"));
    registry.as("pusher", PW);
    Digest image = registry.pushImage("prod/app", "v1", "keyless-legacy");
    sign.keylessLegacy("prod/app", image, sigstore, RELEASE, ISSUER, Map.of());

    assertThat(statusAsReader("v1")).isEqualTo(200);
  }

  @Test
  void githubWorkflowClaimsMustMatch() {
    policy(Map.of("issuer", ISSUER, "subject", RELEASE, "githubWorkflowRepository", "signet/app"));
    registry.as("pusher", PW);
    Digest image = registry.pushImage("prod/app", "v1", "github");
    sign.keylessLegacy("prod/app", image, sigstore, RELEASE, ISSUER, repository("someone/fork"));
    assertThat(refusedToReader("v1")).contains("identity: GitHub workflow repository someone/fork is not signet/app");

    registry.as("pusher", PW);
    sign.keylessLegacy("prod/app", image, sigstore, RELEASE, ISSUER, repository("signet/app"));
    assertThat(statusAsReader("v1")).isEqualTo(200);
  }

  @Test
  void certificatesOfAnotherFulcioOrLogAndSignaturesWithoutCertificateAreRefused() {
    policy(Map.of("issuer", ISSUER, "subject", RELEASE));
    registry.as("pusher", PW);
    Digest image = registry.pushImage("prod/app", "v1", "foreign");
    FakeSigstore otherCa = sigstore.withAnotherCa(); // same logs, another CA
    Digest foreign = sign.keylessLegacy("prod/app", image, otherCa, RELEASE, ISSUER, Map.of());
    FakeSigstore otherLog = FakeSigstore.create(sigstore.signingTime());
    Digest unknownLog = sign.keylessLegacy("prod/app", image, otherLog, RELEASE, ISSUER, Map.of());
    Digest unlogged = sign.legacy("prod/app", image, dev.signet.crypto.keys.KeyGenerator.generateEcdsaP256(), Map.of());

    String refusal = refusedToReader("v1");
    assertThat(trust().results("prod/app", foreign)).singleElement().satisfies(r ->
        assertThat(r.reason()).startsWith("certificate chain: "));
    // cosign appends legacy signatures to one .sig manifest: layer 1 is the second, layer 2 the third
    assertThat(trust().results("prod/app", unknownLog)).filteredOn(r -> r.entry() == 1).singleElement().satisfies(r ->
        assertThat(r.reason()).startsWith("tlog entry: ").contains("is not a transparency log of the trusted root"));
    assertThat(trust().results("prod/app", unlogged)).filteredOn(r -> r.entry() == 2).singleElement().satisfies(r ->
        assertThat(r.reason()).startsWith("certificate chain: ").contains("carries no certificate"));
    assertThat(refusal).contains("rejected: ").contains("certificate chain: ");
  }

  @Test
  void keylessAttestationsSatisfyAttestationRequirements() {
    policy(Map.of("issuer", ISSUER, "subject", RELEASE), "slsaprovenance1");
    registry.as("pusher", PW);
    Digest image = registry.pushImage("prod/app", "v1", "keyless-attest");
    sign.keylessLegacy("prod/app", image, sigstore, RELEASE, ISSUER, Map.of());
    assertThat(refusedToReader("v1")).contains("lacks a verified attestation of type slsaprovenance1 "
        + "(https://slsa.dev/provenance/v1)");

    registry.as("pusher", PW);
    sign.keylessBundle("prod/app", image, sigstore, RELEASE, ISSUER, "https://slsa.dev/provenance/v1");
    assertThat(statusAsReader("v1")).isEqualTo(200);
  }

  @Test
  void keylessLegacyAttestationLayersAreVerifiedForTheirIdentity() {
    policy(Map.of("issuer", ISSUER, "subject", RELEASE), "slsaprovenance1");
    registry.as("pusher", PW);
    Digest image = registry.pushImage("prod/app", "v1", "keyless-att");
    sign.keylessLegacy("prod/app", image, sigstore, RELEASE, ISSUER, Map.of());
    Digest foreign = sign.keylessAttestation("prod/app", image, sigstore, "mallory@signet.test", ISSUER,
        "https://slsa.dev/provenance/v1");
    assertThat(refusedToReader("v1")).contains("lacks a verified attestation of type slsaprovenance1");
    assertThat(trust().results("prod/app", foreign)).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.UNTRUSTED);
      assertThat(r.reason()).startsWith("identity: subject mallory@signet.test is not " + RELEASE);
    });

    registry.as("pusher", PW);
    Digest att = sign.keylessAttestation("prod/app", image, sigstore, RELEASE, ISSUER, "https://slsa.dev/provenance/v1");
    assertThat(statusAsReader("v1")).isEqualTo(200);
    assertThat(trust().results("prod/app", att)).filteredOn(r -> r.entry() == 1).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.VERIFIED);
      assertThat(r.signer()).isEqualTo("identity " + RELEASE + " (" + ISSUER + ")");
      assertThat(r.predicateType()).isEqualTo("https://slsa.dev/provenance/v1");
    });
  }

  private static Map<String, String> repository(String githubRepository) {
    return Map.of(FulcioIdentity.GITHUB_WORKFLOW_REPOSITORY, githubRepository);
  }

  private TrustService trust() {
    return registry.server().registry().trust();
  }

  private int statusAsReader(String reference) {
    registry.as("reader", PW);
    return registry.send("GET", "/v2/prod/app/manifests/" + reference, null, "Accept", MediaTypes.manifestAccept())
        .statusCode();
  }

  /** GET as the pull-only account answers 412 DENIED; returns the message. */
  private String refusedToReader(String reference) {
    registry.as("reader", PW);
    HttpResponse<byte[]> r = registry.send("GET", "/v2/prod/app/manifests/" + reference, null, "Accept",
        MediaTypes.manifestAccept());
    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(412);
    JsonNode error = read(r.body()).path("errors").path(0);
    assertThat(error.path("code").asText()).isEqualTo("DENIED");
    return error.path("message").asText();
  }

  private JsonNode admin(String method, String path, String json) {
    registry.as("admin", "bootstrap-admin-pw");
    HttpResponse<byte[]> r = registry.send(method, "/api/v1/admin" + path, json.getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/json");
    assertThat(r.statusCode()).as(method + " " + path + ": " + TestRegistry.text(r)).isBetween(200, 299);
    return r.body().length == 0 ? null : read(r.body());
  }

  private static JsonNode read(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
