package dev.signet.verify.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.verify.internal.Certificates;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.ValidityWindow;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Test-only reading of {@code trusted_root.json} into the engine's records (the production parser belongs
 * to the x509 package; this one exists so the engine's tests can run before it lands).
 */
public final class TestRoots {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestRoots() {}

  public static TrustedRoot parse(byte[] json) {
    try {
      JsonNode root = JSON.readTree(json);
      return new TrustedRoot(root.path("mediaType").asText(""), logs(root.path("tlogs")),
          cas(root.path("certificateAuthorities")), logs(root.path("ctlogs")), cas(root.path("timestampAuthorities")));
    } catch (Exception e) {
      throw new IllegalArgumentException("test trusted root does not parse: " + e, e);
    }
  }

  private static List<TransparencyLog> logs(JsonNode list) throws Exception {
    List<TransparencyLog> out = new ArrayList<>();
    for (JsonNode l : list) {
      JsonNode pk = l.path("publicKey");
      byte[] der = Base64.getDecoder().decode(pk.path("rawBytes").asText());
      out.add(new TransparencyLog(l.path("baseUrl").asText(), Base64.getDecoder().decode(l.path("logId").path("keyId")
          .asText()), PublicKeys.parse(der, "test root"), pk.path("keyDetails").asText(), window(pk.path("validFor"))));
    }
    return out;
  }

  private static List<CertificateAuthority> cas(JsonNode list) throws Exception {
    List<CertificateAuthority> out = new ArrayList<>();
    for (JsonNode c : list) {
      List<X509Certificate> chain = new ArrayList<>();
      for (JsonNode cert : c.path("certChain").path("certificates")) {
        chain.add(Certificates.parse(Base64.getDecoder().decode(cert.path("rawBytes").asText()), "test root cert"));
      }
      out.add(new CertificateAuthority(c.path("uri").asText(""), c.path("subject").path("commonName").asText(""),
          chain, window(c.path("validFor"))));
    }
    return out;
  }

  private static ValidityWindow window(JsonNode v) {
    Optional<Instant> end = v.hasNonNull("end") ? Optional.of(Instant.parse(v.get("end").asText())) : Optional.empty();
    return new ValidityWindow(Instant.parse(v.path("start").asText()), end);
  }
}
