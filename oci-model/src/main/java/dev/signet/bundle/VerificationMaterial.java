package dev.signet.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.internal.Base64s;
import dev.signet.oci.internal.GoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bundle's {@code verificationMaterial}: one of a public-key hint, a leaf certificate (v0.3) or an
 * X.509 chain (v0.1/v0.2), plus transparency-log entries and timestamp data kept as raw JSON.
 */
public final class VerificationMaterial {

  /** Which member of the {@code content} oneof is set. */
  public enum Kind { PUBLIC_KEY, CERTIFICATE, X509_CERTIFICATE_CHAIN }

  private final Kind kind;
  private final String publicKeyHint;
  private final List<byte[]> certificates;
  private final List<String> tlogEntries;
  private final String timestampVerificationData;

  private VerificationMaterial(
      Kind kind, String hint, List<byte[]> certs, List<String> tlogEntries, String timestampData) {
    this.kind = kind;
    this.publicKeyHint = hint;
    List<byte[]> copy = new ArrayList<>();
    certs.forEach(c -> copy.add(c.clone()));
    this.certificates = List.copyOf(copy);
    this.tlogEntries = List.copyOf(tlogEntries);
    this.timestampVerificationData = timestampData;
  }

  /** Key mode; {@code hint} may be empty (cosign: base64 SHA-256 of the PKIX public key). */
  public static VerificationMaterial publicKey(String hint) {
    return new VerificationMaterial(Kind.PUBLIC_KEY, hint == null ? "" : hint, List.of(), List.of(), null);
  }

  /** Keyless v0.3: the DER leaf certificate only. */
  public static VerificationMaterial certificate(byte[] der) {
    return new VerificationMaterial(Kind.CERTIFICATE, null, List.of(der), List.of(), null);
  }

  /** v0.1/v0.2 chain, leaf first. */
  public static VerificationMaterial certificateChain(List<byte[]> ders) {
    if (ders.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs at least the leaf");
    }
    return new VerificationMaterial(Kind.X509_CERTIFICATE_CHAIN, null, ders, List.of(), null);
  }

  /** A copy with these tlog entries (each a {@code TransparencyLogEntry} JSON object). */
  public VerificationMaterial withTlogEntries(List<JsonNode> entries) {
    List<String> raw = new ArrayList<>();
    entries.forEach(e -> raw.add(ProtoJson.compact(e)));
    return new VerificationMaterial(kind, publicKeyHint, certificates, raw, timestampVerificationData);
  }

  /** A copy with this {@code timestampVerificationData} object, or none for null. */
  public VerificationMaterial withTimestampVerificationData(JsonNode data) {
    String raw = data == null ? null : ProtoJson.compact(data);
    return new VerificationMaterial(kind, publicKeyHint, certificates, tlogEntries, raw);
  }

  public Kind kind() {
    return kind;
  }

  /** The hint in key mode, else null. */
  public String publicKeyHint() {
    return publicKeyHint;
  }

  /** The leaf certificate DER in certificate or chain mode, else null. */
  public byte[] leafCertificate() {
    return certificates.isEmpty() ? null : certificates.get(0).clone();
  }

  /** All certificates (one in certificate mode, the chain in chain mode, none in key mode). */
  public List<byte[]> certificates() {
    List<byte[]> out = new ArrayList<>();
    certificates.forEach(c -> out.add(c.clone()));
    return out;
  }

  /** Fresh copies of the tlog entry objects. */
  public List<JsonNode> tlogEntries() {
    List<JsonNode> out = new ArrayList<>();
    tlogEntries.forEach(e -> out.add(ProtoJson.tree(e)));
    return out;
  }

  /** A fresh copy of the timestamp data, or null. */
  public JsonNode timestampVerificationData() {
    return timestampVerificationData == null ? null : ProtoJson.tree(timestampVerificationData);
  }

  static VerificationMaterial fromJson(JsonNode node) throws BundleFormatException {
    JsonNode pk = ProtoJson.object(node, "publicKey");
    JsonNode chain = ProtoJson.object(node, "x509CertificateChain");
    JsonNode cert = ProtoJson.object(node, "certificate");
    int set = (pk != null ? 1 : 0) + (chain != null ? 1 : 0) + (cert != null ? 1 : 0);
    if (set != 1) {
      throw new BundleFormatException(
          "verificationMaterial needs exactly one of publicKey, x509CertificateChain, certificate");
    }
    VerificationMaterial vm;
    if (pk != null) {
      vm = publicKey(ProtoJson.string(pk, "hint"));
    } else if (cert != null) {
      vm = certificate(ProtoJson.bytes(cert, "rawBytes"));
    } else {
      List<byte[]> ders = new ArrayList<>();
      JsonNode list = ProtoJson.get(chain, "certificates");
      if (list != null) {
        for (JsonNode c : list) {
          ders.add(ProtoJson.bytes(c, "rawBytes"));
        }
      }
      if (ders.isEmpty()) {
        throw new BundleFormatException("x509CertificateChain has no certificates");
      }
      vm = certificateChain(ders);
    }
    JsonNode entries = ProtoJson.get(node, "tlogEntries");
    List<JsonNode> list = new ArrayList<>();
    if (entries != null) {
      if (!entries.isArray()) {
        throw new BundleFormatException("tlogEntries must be an array");
      }
      entries.forEach(list::add);
    }
    return vm.withTlogEntries(list).withTimestampVerificationData(ProtoJson.object(node, "timestampVerificationData"));
  }

  /** protojson layout: content member, then tlogEntries (omitted when empty), then timestamp data. */
  ObjectNode toJson() {
    ObjectNode node = GoJson.MAPPER.createObjectNode();
    switch (kind) {
      case PUBLIC_KEY -> {
        ObjectNode pk = node.putObject("publicKey");
        if (!publicKeyHint.isEmpty()) {
          pk.put("hint", publicKeyHint);
        }
      }
      case X509_CERTIFICATE_CHAIN -> {
        ArrayNode list = node.putObject("x509CertificateChain").putArray("certificates");
        certificates.forEach(c -> list.addObject().put("rawBytes", Base64s.encode(c)));
      }
      case CERTIFICATE -> node.putObject("certificate").put("rawBytes", Base64s.encode(certificates.get(0)));
    }
    if (!tlogEntries.isEmpty()) {
      ArrayNode list = node.putArray("tlogEntries");
      tlogEntries.forEach(e -> list.add(ProtoJson.tree(e)));
    }
    if (timestampVerificationData != null) {
      node.set("timestampVerificationData", ProtoJson.tree(timestampVerificationData));
    }
    return node;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VerificationMaterial v) || kind != v.kind || certificates.size() != v.certificates.size()) {
      return false;
    }
    for (int i = 0; i < certificates.size(); i++) {
      if (!java.util.Arrays.equals(certificates.get(i), v.certificates.get(i))) {
        return false;
      }
    }
    return Objects.equals(publicKeyHint, v.publicKeyHint)
        && tlogEntries.equals(v.tlogEntries)
        && Objects.equals(timestampVerificationData, v.timestampVerificationData);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, publicKeyHint, certificates.size(), tlogEntries, timestampVerificationData);
  }

  @Override
  public String toString() {
    return "VerificationMaterial[" + kind + ", certificates=" + certificates.size() + ", tlogEntries="
        + tlogEntries.size() + ", timestamps=" + (timestampVerificationData != null) + "]";
  }
}
