package dev.signet.sign.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.Digest;
import dev.signet.oci.internal.GoJson;
import dev.signet.payload.InTotoStatement;
import dev.signet.sign.SigningException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-toto v0.1 statement {@code attest}, {@code attest-blob} make from {@code --predicate} and
 * {@code --type} ({@code cosign:pkg/cosign/attestation/attestation.go}): one subject {@code name} +
 * {@code sha256}, the predicate type URI, and the predicate:
 *
 * <ul>
 *   <li>{@code custom} (and its URI): {@code {"Data": <file as a string>, "Timestamp": RFC 3339}};
 *   <li>{@code spdx}: the file as a JSON string; {@code spdxjson}, {@code cyclonedx}: any JSON value;
 *   <li>{@code slsaprovenance*}, {@code link}: a JSON object with the fields cosign requires;
 *   <li>{@code vuln}, {@code openvex}, any other URI: a JSON object.
 * </ul>
 *
 * JSON predicates are re-serialised as Go does for decoded maps: compact, keys sorted. Pure; no I/O.
 * ({@code openvex} statements name {@link PredicateTypes#OPENVEX}, the URI the layer annotation carries.)
 */
public final class AttestationStatements {
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private static final Map<String, List<String>> REQUIRED = Map.of(
      PredicateTypes.SLSA_02, List.of("builder", "buildType"),
      PredicateTypes.SLSA_1, List.of("buildDefinition", "runDetails"),
      PredicateTypes.LINK, List.of("_type", "name", "materials", "products", "byproducts", "command", "environment"));

  private AttestationStatements() {}

  /**
   * Builds the statement.
   *
   * @param type the {@code --type} value (short name or URI)
   * @param predicate the {@code --predicate} file's bytes
   * @param subjectName the image repository ({@code reg/repo}) or the blob's file name
   * @param digest the subject's sha256 digest
   * @param now the time for the {@code custom} predicate's {@code Timestamp}
   */
  public static InTotoStatement generate(String type, byte[] predicate, String subjectName, Digest digest, Instant now)
      throws SigningException {
    String uri = PredicateTypes.resolve(type);
    String predicateJson;
    if (uri.equals(PredicateTypes.CUSTOM)) {
      ObjectNode p = GoJson.MAPPER.createObjectNode();
      p.put("Data", new String(predicate, StandardCharsets.UTF_8));
      p.put("Timestamp", RFC3339.format(now.truncatedTo(ChronoUnit.SECONDS)));
      predicateJson = json(p);
    } else if ("spdx".equals(type)) {
      predicateJson = json(GoJson.MAPPER.getNodeFactory().textNode(new String(predicate, StandardCharsets.UTF_8)));
    } else if ("spdxjson".equals(type) || "cyclonedx".equals(type)) {
      predicateJson = json(sorted(parse(predicate, uri)));
    } else {
      JsonNode tree = parse(predicate, uri);
      if (!tree.isObject()) {
        throw new SigningException("invalid JSON payload for predicate type " + uri + ": the predicate must be a JSON object");
      }
      for (String field : REQUIRED.getOrDefault(uri, List.of())) {
        if (!tree.has(field)) {
          throw new SigningException("predicate for " + uri + ": required field " + field + " missing");
        }
      }
      predicateJson = json(sorted(tree));
    }
    InTotoStatement.Subject subject =
        new InTotoStatement.Subject(subjectName, Map.of(digest.algorithm(), digest.hex()), null);
    return new InTotoStatement(InTotoStatement.TYPE_V01, List.of(subject), uri, predicateJson);
  }

  private static JsonNode parse(byte[] predicate, String uri) throws SigningException {
    try {
      JsonNode tree = GoJson.MAPPER.readTree(predicate);
      if (tree == null || tree.isMissingNode()) {
        throw new SigningException("invalid JSON payload for predicate type " + uri + ": the predicate is empty");
      }
      return tree;
    } catch (IOException e) {
      throw new SigningException("invalid JSON payload for predicate type " + uri + ": "
          + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
    }
  }

  private static String json(JsonNode node) {
    return new String(GoJson.write(node), StandardCharsets.UTF_8);
  }

  /** A copy with every object's keys sorted, as Go marshals {@code map[string]interface{}}. */
  static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
      ObjectNode out = GoJson.MAPPER.createObjectNode();
      fields.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      node.forEach(n -> items.add(sorted(n)));
      ArrayNode out = GoJson.MAPPER.createArrayNode();
      items.forEach(out::add);
      return out;
    }
    return node;
  }
}
