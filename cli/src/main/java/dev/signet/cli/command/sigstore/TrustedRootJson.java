package dev.signet.cli.command.sigstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Writes a Sigstore {@code trusted_root.json} (media type v0.1, the protobuf-specs JSON mapping):
 * fields in proto order, entries in the order given, times as RFC 3339 UTC, two-space indentation.
 * The same input gives the same bytes.
 */
final class TrustedRootJson {
  static final String MEDIA_TYPE = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Base64.Encoder B64 = Base64.getEncoder();

  /** A Fulcio CA or a timestamp authority: its chain as stored (trust anchor last). */
  record Authority(String uri, List<X509Certificate> chain, Instant start, Optional<Instant> end) {}

  /** A Rekor or CT log. */
  record Log(String baseUrl, PublicKey key, byte[] logId, Instant start, Optional<Instant> end) {}

  private TrustedRootJson() {}

  static byte[] write(List<Authority> cas, List<Log> tlogs, List<Log> ctlogs, List<Authority> tsas) {
    ObjectNode root = JSON.createObjectNode();
    root.put("mediaType", MEDIA_TYPE);
    ArrayNode t = root.putArray("tlogs");
    tlogs.forEach(l -> t.add(log(l)));
    ArrayNode c = root.putArray("certificateAuthorities");
    cas.forEach(a -> c.add(authority(a)));
    ArrayNode ct = root.putArray("ctlogs");
    ctlogs.forEach(l -> ct.add(log(l)));
    ArrayNode ts = root.putArray("timestampAuthorities");
    tsas.forEach(a -> ts.add(authority(a)));
    try {
      return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode log(Log l) {
    ObjectNode n = JSON.createObjectNode();
    if (l.baseUrl() != null && !l.baseUrl().isEmpty()) {
      n.put("baseUrl", l.baseUrl());
    }
    n.put("hashAlgorithm", "SHA2_256");
    ObjectNode key = n.putObject("publicKey");
    key.put("rawBytes", B64.encodeToString(l.key().getEncoded()));
    key.put("keyDetails", TrustMaterial.keyDetails(l.key()));
    validFor(key, l.start(), l.end());
    n.putObject("logId").put("keyId", B64.encodeToString(l.logId()));
    return n;
  }

  private static ObjectNode authority(Authority a) {
    ObjectNode n = JSON.createObjectNode();
    X509Certificate anchor = a.chain().get(a.chain().size() - 1);
    ObjectNode subject = n.putObject("subject");
    rdn(anchor, "O").ifPresent(o -> subject.put("organization", o));
    rdn(anchor, "CN").ifPresent(cn -> subject.put("commonName", cn));
    if (a.uri() != null && !a.uri().isEmpty()) {
      n.put("uri", a.uri());
    }
    ArrayNode certs = n.putObject("certChain").putArray("certificates");
    for (X509Certificate cert : a.chain()) {
      try {
        certs.addObject().put("rawBytes", B64.encodeToString(cert.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
    validFor(n, a.start(), a.end());
    return n;
  }

  private static void validFor(ObjectNode parent, Instant start, Optional<Instant> end) {
    ObjectNode v = parent.putObject("validFor");
    v.put("start", start.toString());
    end.ifPresent(e -> v.put("end", e.toString()));
  }

  private static Optional<String> rdn(X509Certificate cert, String type) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase(type)) {
          return Optional.of(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
