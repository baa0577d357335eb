package dev.signet.registry.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.oci.Digest;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.service.RegistryException;
import dev.signet.registry.server.service.SignatureBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v2/<name>/_signet/signatures}: Signet's batch read of signatures (needs pull on
 * {@code <name>}, like a manifest GET). Request {@code {"subjects":[digest-or-tag…],"inlineLimit":n}}; answer
 * {@value #MEDIA_TYPE} with one entry per subject. Offered when {@code GET /v2/} carries {@value #HEADER}.
 */
final class SignaturesHandler {
  static final String MEDIA_TYPE = "application/vnd.signet.signatures.v1+json";
  static final String HEADER = "Signet-Batch-Signatures";
  static final String VERSION = "v1";
  /** Far above 1,000 subjects of the longest tag or digest. */
  private static final int MAX_BODY = 1024 * 1024;

  private final SignatureBatch batch;

  SignaturesHandler(SignatureBatch batch) {
    this.batch = batch;
  }

  void register(Routes routes) {
    routes.add("/v2/(.+)/_signet/signatures", true, Map.of("POST", this::read));
  }

  private void read(Exchange ex, Routes.PathParams p) throws RegistryException {
    byte[] body;
    try {
      body = ex.readBody(MAX_BODY, ErrorCode.UNSUPPORTED);
    } catch (RegistryException e) {
      throw badRequest("the request body is larger than " + MAX_BODY + " bytes");
    }
    JsonNode root;
    try {
      root = HttpJson.MAPPER.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw badRequest("the request body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw badRequest("the request body is not JSON");
    }
    if (root == null || !root.isObject() || !root.path("subjects").isArray()) {
      throw badRequest("the request body must be a JSON object with a \"subjects\" array");
    }
    List<String> subjects = new ArrayList<>();
    for (JsonNode s : root.get("subjects")) {
      if (!s.isTextual()) {
        throw badRequest("\"subjects\" must hold strings (digests or tags), found " + s.getNodeType());
      }
      subjects.add(s.asText());
    }
    JsonNode limit = root.get("inlineLimit");
    if (limit != null && !limit.isNull() && !limit.canConvertToInt()) {
      throw badRequest("\"inlineLimit\" must be a number of bytes");
    }
    Integer inlineLimit = limit == null || limit.isNull() ? null : limit.asInt();
    Map<String, SignatureBatch.Answer> answers = batch.read(p.repository(), subjects, inlineLimit, ex.principal());
    ex.send(200, MEDIA_TYPE, write(answers));
  }

  private static RegistryException badRequest(String message) {
    return RegistryException.withStatus(ErrorCode.UNSUPPORTED, 400, message);
  }

  private static byte[] write(Map<String, SignatureBatch.Answer> answers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try (JsonGenerator g = HttpJson.MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("subjects");
      for (Map.Entry<String, SignatureBatch.Answer> e : answers.entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        subject(g, e.getValue());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void subject(JsonGenerator g, SignatureBatch.Answer a) throws IOException {
    if (a.error() != null) {
      error(g, a.error());
      return;
    }
    g.writeStringField("digest", a.subject().digest().toString());
    g.writeStringField("mediaType", a.subject().mediaType());
    g.writeNumberField("size", a.subject().size());
    g.writeArrayFieldStart("referrers");
    for (SignatureBatch.Artifact r : a.referrers()) {
      g.writeStartObject();
      g.writeFieldName("descriptor");
      HttpJson.MAPPER.writeValue(g, r.descriptor());
      artifact(g, r);
      g.writeEndObject();
    }
    g.writeEndArray();
    legacy(g, "legacy", a.legacy());
    legacy(g, "attestations", a.attestations());
  }

  private static void legacy(JsonGenerator g, String field, SignatureBatch.Artifact a) throws IOException {
    if (a == null) {
      return;
    }
    g.writeObjectFieldStart(field);
    g.writeStringField("tag", a.tag());
    if (a.manifest() != null) {
      g.writeStringField("digest", a.manifest().digest().toString());
      g.writeStringField("mediaType", a.manifest().mediaType());
    }
    artifact(g, a);
    g.writeEndObject();
  }

  /** The manifest and inline blobs, or the refusal a GET of the manifest would give. */
  private static void artifact(JsonGenerator g, SignatureBatch.Artifact a) throws IOException {
    if (a.refused() != null) {
      error(g, a.refused());
      return;
    }
    Base64.Encoder b64 = Base64.getEncoder();
    g.writeStringField("manifest", b64.encodeToString(a.manifest().content()));
    g.writeObjectFieldStart("blobs");
    for (Map.Entry<Digest, byte[]> b : a.blobs().entrySet()) {
      g.writeStringField(b.getKey().toString(), b64.encodeToString(b.getValue()));
    }
    g.writeEndObject();
  }

  private static void error(JsonGenerator g, RegistryException e) throws IOException {
    g.writeObjectFieldStart("error");
    g.writeStringField("code", e.wireCode());
    g.writeStringField("message", e.getMessage());
    if (e.detail() != null) {
      g.writeStringField("detail", e.detail());
    }
    g.writeEndObject();
  }
}
