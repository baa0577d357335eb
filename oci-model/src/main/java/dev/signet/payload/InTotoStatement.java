package dev.signet.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.internal.GoJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-toto statement (v1 as written by cosign v3 {@code sign}; v0.1 as written by {@code attest} and
 * older tools). The predicate is kept as compact JSON text. Field names are matched
 * case-insensitively, as cosign decodes statements with Go's {@code encoding/json}.
 */
public record InTotoStatement(String type, List<Subject> subjects, String predicateType, String predicateJson) {

  public static final String TYPE_V1 = "https://in-toto.io/Statement/v1";
  public static final String TYPE_V01 = "https://in-toto.io/Statement/v0.1";
  /** Predicate type of cosign v3's {@code sign} statements. */
  public static final String COSIGN_SIGN_PREDICATE = "https://sigstore.dev/cosign/sign/v1";

  /**
   * A subject. {@code name} may be null (v1 {@code sign} has none); {@code digest} never null;
   * {@code annotations} null when absent.
   */
  public record Subject(String name, Map<String, String> digest, Map<String, Object> annotations) {
    public Subject {
      digest = digest == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(digest));
      annotations = annotations == null ? null : Collections.unmodifiableMap(new TreeMap<>(annotations));
    }
  }

  public InTotoStatement {
    subjects = subjects == null ? List.of() : List.copyOf(subjects);
  }

  /**
   * cosign v3's {@code sign} statement: v1, one subject {@code {digest:{alg:hex}, annotations?}} without
   * a name, predicate type {@link #COSIGN_SIGN_PREDICATE}, predicate {@code {}}.
   */
  public static InTotoStatement forCosignSign(Digest digest, Map<String, String> annotations) {
    Map<String, Object> ann = annotations == null || annotations.isEmpty() ? null : new TreeMap<>(annotations);
    Subject subject = new Subject(null, Map.of(digest.algorithm(), digest.hex()), ann);
    return new InTotoStatement(TYPE_V1, List.of(subject), COSIGN_SIGN_PREDICATE, "{}");
  }

  /** Compact JSON in proto field order: {@code _type, subject, predicateType, predicate}. */
  public byte[] toJson() {
    List<WireSubject> wire = new ArrayList<>();
    for (Subject s : subjects) {
      wire.add(new WireSubject(s.name(), s.digest(), s.annotations()));
    }
    return GoJson.write(new Wire(type, wire, predicateType, predicateJson == null ? "null" : predicateJson));
  }

  public static InTotoStatement parse(byte[] json) throws PayloadFormatException {
    JsonNode root = JsonValues.readObject(json, "in-toto statement");
    String type = text(root, "_type");
    String predicateType = text(root, "predicateType");
    JsonNode array = JsonValues.field(root, "subject");
    List<Subject> subjects = new ArrayList<>();
    if (array != null && !array.isNull()) {
      if (!array.isArray()) {
        throw new PayloadFormatException("in-toto subject must be an array");
      }
      for (JsonNode s : array) {
        subjects.add(subject(s));
      }
    }
    JsonNode predicate = JsonValues.field(root, "predicate"); // null for JSON null too
    String predicateJson = predicate == null ? null : new String(GoJson.write(predicate), StandardCharsets.UTF_8);
    return new InTotoStatement(type, subjects, predicateType, predicateJson);
  }

  /** Reads the statement from a DSSE envelope whose payload type must be in-toto's. */
  public static InTotoStatement fromEnvelope(DsseEnvelope envelope) throws PayloadFormatException {
    if (!MediaTypes.IN_TOTO.equals(envelope.payloadType())) {
      throw new PayloadFormatException(
          "invalid payloadType " + envelope.payloadType() + " on envelope. Expected " + MediaTypes.IN_TOTO);
    }
    return parse(envelope.payload());
  }

  /**
   * cosign's {@code IntotoSubjectClaimVerifier}: some subject's digest under {@code digest}'s algorithm
   * equals it, and that subject's annotations hold every required pair as equal strings.
   */
  public ClaimCheck checkSubject(Digest digest, Map<String, String> requiredAnnotations) {
    boolean digestSeen = false;
    for (Subject s : subjects) {
      String hex = s.digest().get(digest.algorithm());
      if (digest.hex().equals(hex)) {
        digestSeen = true;
        if (JsonValues.missingAnnotation(s.annotations(), requiredAnnotations) == null) {
          return ClaimCheck.pass();
        }
      }
    }
    return ClaimCheck.fail(digestSeen
        ? "missing or incorrect annotation on subject " + digest
        : "no matching subject digest found for " + digest);
  }

  /** Envelope-level claim check: payload type, statement parse, then {@link #checkSubject}. */
  public static ClaimCheck checkEnvelope(DsseEnvelope envelope, Digest digest, Map<String, String> required) {
    try {
      return fromEnvelope(envelope).checkSubject(digest, required);
    } catch (PayloadFormatException e) {
      return ClaimCheck.fail(e.getMessage());
    }
  }

  private static Subject subject(JsonNode s) throws PayloadFormatException {
    if (s == null || s.isNull()) {
      return new Subject(null, null, null); // Go decodes null into the zero value
    }
    if (!s.isObject()) {
      throw new PayloadFormatException("in-toto subject entries must be objects");
    }
    Map<String, String> digest = JsonValues.stringMap(JsonValues.field(s, "digest"), "subject.digest");
    JsonNode ann = JsonValues.field(s, "annotations");
    if (ann != null && !ann.isNull() && !ann.isObject()) {
      throw new PayloadFormatException("subject.annotations must be an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> annotations = (Map<String, Object>) JsonValues.toJava(ann);
    return new Subject(text(s, "name"), digest, annotations);
  }

  private static String text(JsonNode node, String name) throws PayloadFormatException {
    return JsonValues.string(node, name, "in-toto statement");
  }

  @JsonPropertyOrder({"_type", "subject", "predicateType", "predicate"})
  private record Wire(
      @JsonProperty("_type") String type,
      @JsonProperty("subject") List<WireSubject> subject,
      @JsonProperty("predicateType") String predicateType,
      @JsonRawValue @JsonProperty("predicate") String predicate) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"name", "digest", "annotations"})
  private record WireSubject(String name, Map<String, String> digest, Map<String, Object> annotations) {}
}
