package dev.signet.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.internal.Base64s;
import dev.signet.oci.internal.GoJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE envelope. Reads both JSON layouts cosign has produced (go-securesystemslib's
 * {@code payloadType,payload,signatures[{keyid,sig}]} and protojson's {@code payload,payloadType,signatures[{sig}]}).
 */
public final class DsseEnvelope {

  /** One signature; {@code keyid} may be null or empty. */
  public record Signature(String keyid, byte[] sig) {
    public Signature {
      Objects.requireNonNull(sig, "sig");
      sig = sig.clone();
    }

    @Override
    public byte[] sig() {
      return sig.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Signature s && Objects.equals(keyid, s.keyid) && Arrays.equals(sig, s.sig);
    }

    @Override
    public int hashCode() {
      return 31 * Objects.hashCode(keyid) + Arrays.hashCode(sig);
    }

    @Override
    public String toString() {
      return "Signature[keyid=" + keyid + ", sig=" + Base64s.encode(sig) + "]";
    }
  }

  private final String payloadType;
  private final byte[] payload;
  private final List<Signature> signatures;

  public DsseEnvelope(String payloadType, byte[] payload, List<Signature> signatures) {
    this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
    this.payload = payload.clone();
    this.signatures = List.copyOf(signatures);
  }

  public String payloadType() {
    return payloadType;
  }

  public byte[] payload() {
    return payload.clone();
  }

  public List<Signature> signatures() {
    return signatures;
  }

  /** The DSSE v1 pre-authentication encoding of this envelope: the bytes that are signed. */
  public byte[] pae() {
    return pae(payloadType, payload);
  }

  /** {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}, lengths as decimal byte counts. */
  public static byte[] pae(String payloadType, byte[] body) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + body.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + body.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  public static DsseEnvelope parse(byte[] json) throws PayloadFormatException {
    return fromJson(JsonValues.readObject(json, "DSSE envelope"));
  }

  /** Reads an envelope object (also the {@code dsseEnvelope} member of a Sigstore bundle). */
  public static DsseEnvelope fromJson(JsonNode node) throws PayloadFormatException {
    if (node == null || !node.isObject()) {
      throw new PayloadFormatException("DSSE envelope is not a JSON object");
    }
    String type = text(node, "payloadType", "payload_type");
    String payload = text(node, "payload", null);
    if (type == null || payload == null) {
      throw new PayloadFormatException("DSSE envelope lacks payloadType or payload");
    }
    List<Signature> sigs = new ArrayList<>();
    JsonNode array = node.get("signatures");
    if (array != null && !array.isNull()) {
      if (!array.isArray()) {
        throw new PayloadFormatException("DSSE signatures must be an array");
      }
      for (JsonNode s : array) {
        String sig = s == null || !s.isObject() ? null : text(s, "sig", null);
        if (sig == null) {
          throw new PayloadFormatException("DSSE signature lacks sig");
        }
        sigs.add(new Signature(text(s, "keyid", null), decode(sig, "signature")));
      }
    }
    return new DsseEnvelope(type, decode(payload, "payload"), sigs);
  }

  /** protojson layout (as inside a bundle): payload, payloadType, signatures[{sig, keyid if set}]. */
  public ObjectNode toJsonNode() {
    ObjectNode node = GoJson.MAPPER.createObjectNode();
    node.put("payload", Base64s.encode(payload));
    node.put("payloadType", payloadType);
    ArrayNode array = node.putArray("signatures");
    for (Signature s : signatures) {
      ObjectNode sn = array.addObject().put("sig", Base64s.encode(s.sig));
      if (s.keyid != null && !s.keyid.isEmpty()) {
        sn.put("keyid", s.keyid);
      }
    }
    return node;
  }

  /** Compact protojson layout. */
  public byte[] toJson() {
    return GoJson.write(toJsonNode());
  }

  /** go-securesystemslib layout (cosign v2 {@code .att} layers): keyid always present. */
  public byte[] toLegacyJson() {
    ObjectNode node = GoJson.MAPPER.createObjectNode();
    node.put("payloadType", payloadType);
    node.put("payload", Base64s.encode(payload));
    ArrayNode array = node.putArray("signatures");
    for (Signature s : signatures) {
      array.addObject().put("keyid", s.keyid == null ? "" : s.keyid).put("sig", Base64s.encode(s.sig));
    }
    return GoJson.write(node);
  }

  private static String text(JsonNode node, String name, String alt) throws PayloadFormatException {
    JsonNode v = node.get(name);
    if ((v == null || v.isNull()) && alt != null) {
      v = node.get(alt);
    }
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new PayloadFormatException("DSSE field " + name + " must be a string");
    }
    return v.textValue();
  }

  private static byte[] decode(String b64, String what) throws PayloadFormatException {
    try {
      return Base64s.decodeLenient(b64);
    } catch (IllegalArgumentException e) {
      throw new PayloadFormatException("DSSE " + what + " is not valid base64: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DsseEnvelope e
        && payloadType.equals(e.payloadType)
        && Arrays.equals(payload, e.payload)
        && signatures.equals(e.signatures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(payloadType, Arrays.hashCode(payload), signatures);
  }

  @Override
  public String toString() {
    return "DsseEnvelope[payloadType=" + payloadType + ", payload=" + payload.length + " bytes, signatures="
        + signatures + "]";
  }
}
