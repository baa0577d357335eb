package dev.signet.verify.root;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Writes a {@link TrustedRoot} as protojson {@code trusted_root.json}: fixed field order, two-space
 * indentation, {@code "key": value}, final newline, so equal roots give equal bytes. Round-trips with
 * {@link TrustedRootParser}. An empty media type is written as {@link TrustedRootParser#MEDIA_TYPE_V01}
 * (the one every verifier accepts). Logs get {@code hashAlgorithm: SHA2_256} (the record does not
 * carry it; every Sigstore log uses it).
 */
public final class TrustedRootWriter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private TrustedRootWriter() {}

  public static byte[] write(TrustedRoot root) {
    ObjectNode n = JSON.createObjectNode();
    n.put("mediaType", root.mediaType().isEmpty() ? TrustedRootParser.MEDIA_TYPE_V01 : root.mediaType());
    logs(n.putArray("tlogs"), root.tlogs());
    authorities(n.putArray("certificateAuthorities"), root.certificateAuthorities());
    logs(n.putArray("ctlogs"), root.ctlogs());
    authorities(n.putArray("timestampAuthorities"), root.timestampAuthorities());
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withArrayEmptySeparator("").withObjectEmptySeparator(""))
        .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
        .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    try {
      return (JSON.writer(pp).writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON tree cannot fail", e);
    }
  }

  private static void logs(ArrayNode out, List<TransparencyLog> logs) {
    for (TransparencyLog log : logs) {
      ObjectNode n = out.addObject();
      n.put("baseUrl", log.baseUrl());
      n.put("hashAlgorithm", "SHA2_256");
      ObjectNode pk = n.putObject("publicKey");
      pk.put("rawBytes", B64.encodeToString(log.key().getEncoded()));
      if (!log.keyDetails().isEmpty()) {
        pk.put("keyDetails", log.keyDetails());
      }
      window(pk.putObject("validFor"), log.validFor());
      n.putObject("logId").put("keyId", B64.encodeToString(log.logId()));
    }
  }

  private static void authorities(ArrayNode out, List<CertificateAuthority> cas) {
    for (CertificateAuthority ca : cas) {
      ObjectNode n = out.addObject();
      String[] subject = Subjects.parse(ca.subject());
      ObjectNode s = n.putObject("subject");
      if (!subject[0].isEmpty()) {
        s.put("organization", subject[0]);
      }
      if (!subject[1].isEmpty()) {
        s.put("commonName", subject[1]);
      }
      n.put("uri", ca.uri());
      ArrayNode certs = n.putObject("certChain").putArray("certificates");
      for (X509Certificate c : ca.chain()) {
        certs.addObject().put("rawBytes", B64.encodeToString(der(c)));
      }
      window(n.putObject("validFor"), ca.validFor());
    }
  }

  private static void window(ObjectNode n, ValidityWindow w) {
    n.put("start", w.start().toString());
    w.end().ifPresent(e -> n.put("end", e.toString()));
  }

  private static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate has an encoding", e);
    }
  }
}
