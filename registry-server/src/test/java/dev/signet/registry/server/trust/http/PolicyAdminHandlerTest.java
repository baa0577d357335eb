package dev.signet.registry.server.trust.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.registry.server.testkit.TestRegistry;
import dev.signet.registry.server.trust.IndexRule;
import dev.signet.registry.server.trust.TrustMode;
import dev.signet.registry.server.trust.TrustPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API's policy document: round trip, defaults and every refusal. */
class PolicyAdminHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PrivateKeyHandle KEY1 = KeyGenerator.generateEcdsaP256();
  private static final PrivateKeyHandle KEY2 = KeyGenerator.generateEcdsaP256();

  @TempDir Path data;
  TestRegistry registry;
  PolicyAdminHandler handler;

  @BeforeEach
  void start() {
    registry = TestRegistry.start(data);
    handler = new PolicyAdminHandler(registry.server().registry().trust());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void aProjectWithoutPolicyIsOff() {
    JsonNode p = json(handler.handle("GET", "prod", null), 200);
    assertThat(p.path("mode").asText()).isEqualTo("off");
    assertThat(p.path("keys")).isEmpty();
    assertThat(p.path("threshold").asInt()).isEqualTo(1);
    assertThat(p.path("indexChildren").asText()).isEqualTo("inherit");
    assertThat(p.has("updated")).isFalse();
  }

  @Test
  void putStoresThePolicyAndGetReturnsIt() {
    ObjectNode body = JSON.createObjectNode().put("mode", "enforce").put("threshold", 2).put("indexChildren", "own");
    body.putArray("keys").add(PublicKeys.toPem(KEY1.publicKey())).add(PublicKeys.toPem(KEY2.publicKey()));
    body.putObject("requireAnnotations").put("env", "prod");

    JsonNode put = json(handler.handle("PUT", "prod", bytes(body)), 200);
    JsonNode got = json(handler.handle("GET", "prod", null), 200);

    assertThat(got).isEqualTo(put);
    assertThat(got.path("project").asText()).isEqualTo("prod");
    assertThat(got.path("mode").asText()).isEqualTo("enforce");
    assertThat(got.path("keys")).hasSize(2);
    assertThat(got.path("keyFingerprints").get(0).asText()).isEqualTo(PublicKeys.hint(KEY1.publicKey()));
    assertThat(got.path("requireAnnotations").path("env").asText()).isEqualTo("prod");
    assertThat(got.path("updated").asText()).isNotEmpty();
    TrustPolicy stored = registry.server().registry().trust().policy("prod");
    assertThat(stored.mode()).isEqualTo(TrustMode.ENFORCE);
    assertThat(stored.indexRule()).isEqualTo(IndexRule.OWN);
    // a GET answer can be edited and put back
    ((ObjectNode) got).put("mode", "audit");
    assertThat(json(handler.handle("PUT", "prod", bytes(got)), 200).path("mode").asText()).isEqualTo("audit");
  }

  @Test
  void badPoliciesAreRefusedWithAReason() {
    String key = PublicKeys.toPem(KEY1.publicKey());
    assertInvalid("{\"keys\":[]}", "mode");
    assertInvalid("{\"mode\":\"block\"}", "off, audit or enforce");
    assertInvalid("{\"mode\":\"enforce\"}", "at least one key");
    assertInvalid("{\"mode\":\"enforce\",\"keys\":[" + JSON.valueToTree(key) + "],\"threshold\":2}", "cannot be met");
    assertInvalid("{\"mode\":\"enforce\",\"keys\":[\"not a key\"]}", "public key");
    assertInvalid("{\"mode\":\"enforce\",\"certificateAuthorities\":[" + JSON.valueToTree(key) + "]}", "certificate");
    assertInvalid("{\"mode\":\"off\",\"threshold\":0}", "threshold");
    assertInvalid("{\"mode\":\"off\",\"requireAnnotations\":{\"a\":1}}", "requireAnnotations");
    assertInvalid("{\"mode\":\"off\",\"keyz\":[]}", "unknown field keyz");
    assertInvalid("{\"mode\":\"off\",\"project\":\"dev\"}", "names project dev");
    assertInvalid("[]", "JSON object");
    assertInvalid("{", "not valid JSON");
    JsonNode name = json(handler.handle("GET", "Prod", null), 400);
    assertThat(name.path("errors").get(0).path("code").asText()).isEqualTo("NAME_INVALID");
    assertThat(json(handler.handle("DELETE", "prod", null), 405).path("errors").get(0).path("code").asText())
        .isEqualTo("UNSUPPORTED");
    assertThat(PolicyAdminHandler.project("/api/v1/admin/projects/prod/policy")).isEqualTo("prod");
    assertThat(PolicyAdminHandler.project("/api/v1/admin/projects/prod")).isNull();
  }

  /** The sigstore-js mock run's trusted_root.json (real third-party data); skips visibly when absent. */
  private static String mockTrustedRoot() throws IOException {
    Path file = Path.of(System.getProperty("signet.vectors", "../../shared/vectors"),
        "sigstore-js/mock-keyless-email/trusted_root.json");
    Assumptions.assumeTrue(Files.isRegularFile(file), "vectors absent: " + file + " (set -Dsignet.vectors)");
    return Files.readString(file);
  }

  @Test
  void keylessPolicyRoundTrip() throws IOException {
    String root = mockTrustedRoot();
    ObjectNode body = JSON.createObjectNode().put("mode", "enforce");
    body.set("trustedRoot", JSON.readTree(root));
    body.putArray("identities").addObject().put("issuer", "https://oidc.mock.local")
        .put("subjectRegexp", "^signer@example\\.com$").put("githubWorkflowRepository", "signet/app");
    body.putArray("requireAttestations").add("slsaprovenance").add("https://example.com/test/v1");

    JsonNode put = json(handler.handle("PUT", "prod", bytes(body)), 200);
    JsonNode got = json(handler.handle("GET", "prod", null), 200);

    assertThat(got).isEqualTo(put);
    assertThat(got.path("trustedRoot")).isEqualTo(JSON.readTree(root));
    assertThat(got.path("trustedRootDigest").asText()).startsWith("sha256:");
    assertThat(got.path("identities").get(0).path("subjectRegexp").asText()).isEqualTo("^signer@example\\.com$");
    assertThat(got.path("identities").get(0).path("githubWorkflowRepository").asText()).isEqualTo("signet/app");
    assertThat(got.path("identityFingerprints").get(0).asText()).startsWith("identity:sha256:");
    assertThat(got.path("requiredPredicateTypes")).extracting(JsonNode::asText)
        .containsExactly("https://slsa.dev/provenance/v0.2", "https://example.com/test/v1");
    TrustPolicy stored = registry.server().registry().trust().policy("prod");
    assertThat(stored.identities()).singleElement().satisfies(a -> assertThat(a.identity().spec())
        .isEqualTo("issuer=https://oidc.mock.local,subject-regexp=^signer@example\\.com$,"
            + "github-workflow-repository=signet/app"));
    assertThat(stored.trustedRoot().root().certificateAuthorities()).hasSize(1);
    // the answer can be PUT back, and the root may also come as the file's text
    JsonNode again = json(handler.handle("PUT", "prod", bytes(got)), 200);
    JsonNode againWithoutTime = ((ObjectNode) again.deepCopy()).without("updated");
    assertThat(againWithoutTime).isEqualTo(((ObjectNode) put.deepCopy()).without("updated"));
    ((ObjectNode) got).put("trustedRoot", root);
    assertThat(json(handler.handle("PUT", "prod", bytes(got)), 200).path("trustedRootDigest"))
        .isEqualTo(put.path("trustedRootDigest"));
  }

  @Test
  void badKeylessPoliciesAreRefusedWithAReason() throws IOException {
    String root = JSON.writeValueAsString(mockTrustedRoot());
    String id = "{\"issuer\":\"https://oidc.mock.local\",\"subject\":\"signer@example.com\"}";
    assertInvalid("{\"mode\":\"enforce\",\"identities\":[" + id + "]}", "identities need a trustedRoot");
    assertInvalid("{\"mode\":\"enforce\",\"trustedRoot\":" + root + "}", "at least one identity");
    assertInvalid("{\"mode\":\"enforce\",\"trustedRoot\":" + root + ",\"identities\":[{\"subject\":\"a\"}]}",
        "exactly one of issuer and issuer-regexp");
    assertInvalid("{\"mode\":\"enforce\",\"trustedRoot\":" + root + ",\"identities\":[{\"issuer\":\"i\","
        + "\"subjectRegexp\":\"(\"}]}", "subject-regexp ( is not a valid regular expression");
    assertInvalid("{\"mode\":\"enforce\",\"trustedRoot\":" + root + ",\"identities\":[{\"issuer\":\"i\","
        + "\"subject\":\"s\",\"email\":\"x\"}]}", "unknown identity field email");
    assertInvalid("{\"mode\":\"enforce\",\"trustedRoot\":{\"mediaType\":\"x\"},\"identities\":[" + id + "]}",
        "trustedRoot: trusted root: unsupported mediaType x");
    assertInvalid("{\"mode\":\"off\",\"requireAttestations\":[\"slsa\"]}",
        "attestation type \"slsa\" is neither one of");
    assertInvalid("{\"mode\":\"off\",\"requireAttestations\":\"slsaprovenance\"}",
        "requireAttestations must be an array of strings");
  }

  private void assertInvalid(String body, String reason) {
    JsonNode error = json(handler.handle("PUT", "prod", body.getBytes(StandardCharsets.UTF_8)), 400)
        .path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("POLICY_INVALID");
    assertThat(error.path("message").asText()).as(body).contains(reason);
  }

  private static byte[] bytes(JsonNode n) {
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode json(PolicyAdminHandler.Reply r, int status) {
    assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
    assertThat(r.contentType()).isEqualTo("application/json");
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
