package dev.signet.registry.server.trust.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.server.trust.IndexRule;
import dev.signet.registry.server.trust.KeylessIdentity;
import dev.signet.registry.server.trust.PolicyRoot;
import dev.signet.registry.server.trust.TrustAnchor;
import dev.signet.registry.server.trust.TrustMode;
import dev.signet.registry.server.trust.TrustPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin API's policy document:
 * <pre>{@code
 * {"mode": "off|audit|enforce", "keys": [PEM…], "certificateAuthorities": [PEM…], "threshold": 1,
 *  "requireAnnotations": {"k": "v"}, "indexChildren": "inherit|own",
 *  "identities": [{"issuer"|"issuerRegexp": "…", "subject"|"subjectRegexp": "…", "githubWorkflowTrigger": "…",
 *                  "githubWorkflowSha": "…", "githubWorkflowName": "…", "githubWorkflowRepository": "…",
 *                  "githubWorkflowRef": "…"}…],
 *  "trustedRoot": {trusted_root.json} (or the file's text as a string),
 *  "requireAttestations": ["slsaprovenance", "https://…"]}
 * }</pre>
 * Answers add the read-only {@code project}, {@code keyFingerprints}, {@code certificateAuthorityFingerprints},
 * {@code identityFingerprints}, {@code trustedRootDigest}, {@code requiredPredicateTypes} and
 * {@code updated}; a PUT may carry them back unchanged (so a GET answer can be edited and PUT), and
 * refuses any other field.
 */
final class PolicyJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("mode", "keys", "certificateAuthorities", "threshold",
      "requireAnnotations", "indexChildren", "identities", "trustedRoot", "requireAttestations");
  private static final Set<String> READ_ONLY = Set.of("project", "keyFingerprints",
      "certificateAuthorityFingerprints", "identityFingerprints", "trustedRootDigest", "requiredPredicateTypes",
      "updated");

  private PolicyJson() {}

  /** Parses a PUT body; IllegalArgumentException says what is wrong. */
  static TrustPolicy parse(String project, byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the policy is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the policy must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> f : root.properties()) {
      if (!FIELDS.contains(f.getKey()) && !READ_ONLY.contains(f.getKey())) {
        throw new IllegalArgumentException("unknown field " + f.getKey() + " (expected " + FIELDS + ")");
      }
    }
    if (root.hasNonNull("project") && !project.equals(root.get("project").asText())) {
      throw new IllegalArgumentException("the body names project " + root.get("project").asText() + ", the path "
          + project);
    }
    if (!root.path("mode").isTextual()) {
      throw new IllegalArgumentException("mode (off, audit or enforce) is required");
    }
    List<TrustAnchor> anchors = new ArrayList<>();
    for (String pem : strings(root, "keys")) {
      anchors.add(TrustAnchor.key(pem));
    }
    for (String pem : strings(root, "certificateAuthorities")) {
      anchors.add(TrustAnchor.certificateAuthority(pem));
    }
    PolicyRoot trustedRoot = trustedRoot(root.get("trustedRoot"));
    for (KeylessIdentity id : identities(root.get("identities"))) {
      if (trustedRoot == null) {
        throw new IllegalArgumentException("identities need a trustedRoot (trusted_root.json) to verify keyless "
            + "signatures against");
      }
      anchors.add(TrustAnchor.identity(id, trustedRoot));
    }
    JsonNode threshold = root.path("threshold");
    if (!threshold.isMissingNode() && !threshold.isNull() && !threshold.canConvertToExactIntegral()) {
      throw new IllegalArgumentException("threshold must be an integer");
    }
    return new TrustPolicy(project, TrustMode.parse(root.get("mode").asText()), anchors,
        threshold.isIntegralNumber() ? threshold.intValue() : 1, annotations(root),
        root.hasNonNull("indexChildren") ? IndexRule.parse(root.get("indexChildren").asText()) : IndexRule.INHERIT,
        trustedRoot, strings(root, "requireAttestations"), null);
  }

  static byte[] write(TrustPolicy p) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("project", p.project());
    root.put("mode", p.mode().wireName());
    ArrayNode keys = root.putArray("keys");
    ArrayNode keyPrints = MAPPER.createArrayNode();
    p.keys().forEach(k -> {
      keys.add(k.pem());
      keyPrints.add(k.fingerprint());
    });
    ArrayNode cas = root.putArray("certificateAuthorities");
    ArrayNode caPrints = MAPPER.createArrayNode();
    p.certificateAuthorities().forEach(c -> {
      cas.add(c.pem());
      caPrints.add(c.fingerprint());
    });
    root.put("threshold", p.threshold());
    ObjectNode ann = root.putObject("requireAnnotations");
    p.requiredAnnotations().forEach(ann::put);
    root.put("indexChildren", p.indexRule().wireName());
    ArrayNode ids = root.putArray("identities");
    ArrayNode idPrints = MAPPER.createArrayNode();
    p.identities().forEach(a -> {
      ObjectNode id = ids.addObject();
      a.identity().fields().forEach(id::put);
      idPrints.add(a.fingerprint());
    });
    if (p.trustedRoot() != null) {
      try {
        root.set("trustedRoot", MAPPER.readTree(p.trustedRoot().json()));
      } catch (IOException e) {
        throw new IllegalStateException("stored trusted root is not JSON", e);
      }
    }
    ArrayNode att = root.putArray("requireAttestations");
    p.requiredAttestations().forEach(att::add);
    root.set("keyFingerprints", keyPrints);
    root.set("certificateAuthorityFingerprints", caPrints);
    root.set("identityFingerprints", idPrints);
    if (p.trustedRoot() != null) {
      root.put("trustedRootDigest", p.trustedRoot().digest().toString());
    }
    ArrayNode types = root.putArray("requiredPredicateTypes");
    p.requiredPredicateTypes().forEach(types::add);
    if (p.updated() != null) {
      root.put("updated", p.updated().toString());
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PolicyRoot trustedRoot(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      return PolicyRoot.parse(n.asText());
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException("trustedRoot must be the trusted_root.json object (or its text)");
    }
    return PolicyRoot.parse(n.toString());
  }

  private static List<KeylessIdentity> identities(JsonNode a) {
    List<KeylessIdentity> out = new ArrayList<>();
    if (a == null || a.isNull()) {
      return out;
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException("identities must be an array of objects");
    }
    for (JsonNode n : a) {
      if (!n.isObject()) {
        throw new IllegalArgumentException("identities must be an array of objects, found " + n.getNodeType());
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> f : n.properties()) {
        if (!f.getValue().isTextual()) {
          throw new IllegalArgumentException("identity field " + f.getKey() + " must be a string");
        }
        fields.put(f.getKey(), f.getValue().asText());
      }
      out.add(KeylessIdentity.fromFields(fields));
    }
    return out;
  }

  private static List<String> strings(JsonNode root, String field) {
    JsonNode a = root.get(field);
    List<String> out = new ArrayList<>();
    if (a == null || a.isNull()) {
      return out;
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException(field + " must be an array of strings");
    }
    for (JsonNode n : a) {
      if (!n.isTextual()) {
        throw new IllegalArgumentException(field + " must be an array of strings");
      }
      out.add(n.asText());
    }
    return out;
  }

  private static Map<String, String> annotations(JsonNode root) {
    JsonNode a = root.get("requireAnnotations");
    Map<String, String> out = new LinkedHashMap<>();
    if (a == null || a.isNull()) {
      return out;
    }
    if (!a.isObject()) {
      throw new IllegalArgumentException("requireAnnotations must be an object of strings");
    }
    for (Map.Entry<String, JsonNode> e : a.properties()) {
      if (!e.getValue().isTextual() || e.getKey().isEmpty()) {
        throw new IllegalArgumentException("requireAnnotations must be an object of strings");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
