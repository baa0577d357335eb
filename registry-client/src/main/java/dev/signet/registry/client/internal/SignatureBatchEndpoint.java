package dev.signet.registry.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryError;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import dev.signet.registry.client.SignatureBatch;
import dev.signet.registry.client.auth.AuthScope;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v2/<name>/_signet/signatures} (the Signet registry's batch read of signatures): empty when
 * the registry does not offer it (404, 405, 415); otherwise every subject asked about, with each manifest
 * and blob checked against its digest here. A subject whose content does not match gets a
 * {@link SignatureBatch.Subject#problem()} instead of content, so it fails alone; a malformed answer as a
 * whole is a transport error.
 */
public final class SignatureBatchEndpoint implements Endpoint<Optional<SignatureBatch>> {
  /** The batch answer's media type. */
  public static final String MEDIA_TYPE = "application/vnd.signet.signatures.v1+json";
  /** Most subjects one request may name. */
  public static final int MAX_SUBJECTS = 1000;
  private static final Set<Integer> NOT_OFFERED = Set.of(404, 405, 415);
  private static final long MAX_ANSWER_BYTES = 256L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Repository repo;
  private final List<String> subjects;
  private final long inlineLimit;

  public SignatureBatchEndpoint(Repository repo, List<String> subjects, long inlineLimit) {
    if (subjects.isEmpty() || subjects.size() > MAX_SUBJECTS) {
      throw new IllegalArgumentException("a batch names 1.." + MAX_SUBJECTS + " subjects, not " + subjects.size());
    }
    this.repo = repo;
    this.subjects = List.copyOf(subjects);
    this.inlineLimit = inlineLimit;
  }

  @Override
  public HttpCall request(URI base) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("subjects");
    subjects.forEach(list::add);
    body.put("inlineLimit", inlineLimit);
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return HttpCall.of("POST", Paths.v2(base, repo, "_signet/signatures"))
        .header("Accept", MEDIA_TYPE)
        .body(bytes, "application/json");
  }

  @Override
  public AuthScope scope() {
    return AuthScope.pull(repo);
  }

  @Override
  public String action() {
    return "POST signatures batch " + repo + " (" + subjects.size() + " subjects)";
  }

  @Override
  public ErrorCode notFoundCode() {
    return ErrorCode.NAME_UNKNOWN;
  }

  @Override
  public Optional<SignatureBatch> handle(Response r) throws RegistryException {
    if (NOT_OFFERED.contains(r.status())) {
      return Optional.empty();
    }
    r.expect(200);
    JsonNode root;
    try {
      root = JSON.readTree(r.bytes(MAX_ANSWER_BYTES));
    } catch (IOException e) {
      throw malformed("it is not JSON (" + e.getMessage() + ")");
    }
    JsonNode all = root == null ? null : root.get("subjects");
    if (all == null || !all.isObject()) {
      throw malformed("it has no \"subjects\" object");
    }
    Map<String, SignatureBatch.Subject> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), subject(e.getKey(), e.getValue()));
    }
    return Optional.of(new SignatureBatch(out));
  }

  /** Reads one subject; a content or digest problem becomes the subject's problem. */
  static SignatureBatch.Subject subject(String asked, JsonNode n) {
    if (n == null || !n.isObject()) {
      return SignatureBatch.Subject.failed(Optional.empty(), "the answer for " + asked + " is not an object");
    }
    JsonNode err = n.get("error");
    if (err != null && err.isObject()) {
      String code = err.path("code").asText(null);
      return SignatureBatch.Subject.failed(Optional.of(new RegistryError(ErrorCode.fromWire(code), code,
          err.path("message").asText(null), null)), null);
    }
    try {
      Digest digest = Digest.parse(n.path("digest").asText(""));
      if (Digest.isDigest(asked) && !asked.equals(digest.toString())) {
        throw new BadContent("the registry answered for " + digest + " when asked about " + asked);
      }
      List<SignatureBatch.Referrer> referrers = referrers(n.get("referrers"));
      return new SignatureBatch.Subject(Optional.of(digest), n.path("mediaType").asText(null),
          n.path("size").asLong(0), referrers, attached(n.get("legacy")), attached(n.get("attestations")),
          Optional.empty(), Optional.empty());
    } catch (InvalidDigestException | BadContent e) {
      return SignatureBatch.Subject.failed(Optional.empty(), "batch answer for " + asked + ": " + e.getMessage());
    }
  }

  private static List<SignatureBatch.Referrer> referrers(JsonNode list) throws BadContent, InvalidDigestException {
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new BadContent("\"referrers\" is not a list");
    }
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", "application/vnd.oci.image.index.v1+json");
    ArrayNode manifests = index.putArray("manifests");
    for (JsonNode r : list) {
      manifests.add(r.path("descriptor"));
    }
    List<Descriptor> descriptors;
    try {
      descriptors = Manifests.parseIndex(JSON.writeValueAsBytes(index)).manifests();
    } catch (ManifestFormatException | IOException e) {
      throw new BadContent("a referrer descriptor is malformed: " + e.getMessage());
    }
    List<SignatureBatch.Referrer> out = new ArrayList<>();
    for (int i = 0; i < descriptors.size(); i++) {
      Descriptor d = descriptors.get(i);
      byte[] manifest = checked(list.get(i).path("manifest"), d.parsedDigest(), "referrer manifest");
      if (d.size() != manifest.length) {
        throw new BadContent("referrer manifest " + d.digest() + " is " + manifest.length + " bytes, the descriptor says "
            + d.size());
      }
      out.add(new SignatureBatch.Referrer(d, manifest, blobs(list.get(i).get("blobs"))));
    }
    return out;
  }

  private static Optional<SignatureBatch.Attached> attached(JsonNode n) throws BadContent, InvalidDigestException {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    Digest digest = Digest.parse(n.path("digest").asText(""));
    byte[] manifest = checked(n.path("manifest"), digest, "signature manifest");
    return Optional.of(new SignatureBatch.Attached(n.path("tag").asText(""), digest, n.path("mediaType").asText(null),
        manifest, blobs(n.get("blobs"))));
  }

  private static Map<Digest, byte[]> blobs(JsonNode n) throws BadContent, InvalidDigestException {
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw new BadContent("\"blobs\" is not an object");
    }
    Map<Digest, byte[]> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Digest d = Digest.parse(e.getKey());
      out.put(d, checked(e.getValue(), d, "blob"));
    }
    return out;
  }

  /** The base64 content of {@code n}, which must hash to {@code digest}. */
  private static byte[] checked(JsonNode n, Digest digest, String what) throws BadContent {
    if (!n.isTextual()) {
      throw new BadContent(what + " " + digest + " is missing");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(n.asText());
    } catch (IllegalArgumentException e) {
      throw new BadContent(what + " " + digest + " is not base64");
    }
    if (!digest.matches(bytes)) {
      throw new BadContent(what + " " + digest + " does not match its digest (it hashes to "
          + Digest.of(digest.algorithm(), bytes) + ")");
    }
    return bytes;
  }

  private RegistryTransportException malformed(String why) {
    return new RegistryTransportException(action(), "the registry's batch answer is unusable: " + why, null);
  }

  /** Content that does not match what it claims to be. */
  private static final class BadContent extends Exception {
    BadContent(String message) {
      super(message);
    }
  }
}
