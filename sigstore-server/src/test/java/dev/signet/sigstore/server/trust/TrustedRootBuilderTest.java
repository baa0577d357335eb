package dev.signet.sigstore.server.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.crypto.keys.PublicKeys;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.root.ValidityWindow;
import dev.signet.verify.tlog.NoteVerifier;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustedRootBuilderTest {
  private static final Instant T = Instant.parse("2026-12-08T00:00:00Z");

  static byte[] resource(String name) throws Exception {
    try (InputStream in = TrustedRootBuilderTest.class.getResourceAsStream("/trust/" + name)) {
      return in.readAllBytes();
    }
  }

  static X509Certificate ca() throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(resource("ca.pem")));
  }

  static PublicKey key(String name) throws Exception {
    return PublicKeys.parse(resource(name), name);
  }

  @Test
  void goldenTrustedRootFromPlainInputs() throws Exception {
    X509Certificate ca = ca();
    PublicKey tlog = key("tlog-ed25519.pub");
    PublicKey ct = key("ctlog-p256.pub");
    byte[] v2LogId = LogIds.c2spEd25519("signet.example", tlog);
    TrustedRootBuilder b = new TrustedRootBuilder()
        .timestampAuthority("https://signet.example/api/v1/timestamp", List.of(ca), ValidityWindow.from(T))
        .ctLog("https://signet.example/ct", ct, ValidityWindow.from(T))
        .transparencyLog("https://signet.example", tlog, v2LogId, ValidityWindow.from(T))
        .certificateAuthority("https://signet.example", List.of(ca),
            new ValidityWindow(T.minusSeconds(3600), Optional.of(T)))
        .certificateAuthority("https://signet.example", List.of(ca), ValidityWindow.from(T.minusSeconds(7200)));
    Base64.Encoder b64 = Base64.getEncoder();
    String caDer = b64.encodeToString(ca.getEncoded());
    String authority = """
            {
              "subject": {
                "organization": "signet.test",
                "commonName": "signet ca"
              },
              "uri": "%s",
              "certChain": {
                "certificates": [
                  {
                    "rawBytes": "%s"
                  }
                ]
              },
              "validFor": {
                "start": "%s"%s
              }
            }""";

    String expected = """
        {
          "mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
          "tlogs": [
            {
              "baseUrl": "https://signet.example",
              "hashAlgorithm": "SHA2_256",
              "publicKey": {
                "rawBytes": "%s",
                "keyDetails": "PKIX_ED25519",
                "validFor": {
                  "start": "2026-12-08T00:00:00Z"
                }
              },
              "logId": {
                "keyId": "%s"
              }
            }
          ],
          "certificateAuthorities": [
        %s,
        %s
          ],
          "ctlogs": [
            {
              "baseUrl": "https://signet.example/ct",
              "hashAlgorithm": "SHA2_256",
              "publicKey": {
                "rawBytes": "%s",
                "keyDetails": "PKIX_ECDSA_P256_SHA_256",
                "validFor": {
                  "start": "2026-12-08T00:00:00Z"
                }
              },
              "logId": {
                "keyId": "%s"
              }
            }
          ],
          "timestampAuthorities": [
        %s
          ]
        }
        """.formatted(b64.encodeToString(tlog.getEncoded()), b64.encodeToString(v2LogId),
        indent(authority.formatted("https://signet.example", caDer, "2026-12-07T22:00:00Z", "")),
        indent(authority.formatted("https://signet.example", caDer, "2026-12-07T23:00:00Z",
            ",\n    \"end\": \"2026-12-08T00:00:00Z\"")),
        b64.encodeToString(ct.getEncoded()), b64.encodeToString(LogIds.spki(ct)),
        indent(authority.formatted("https://signet.example/api/v1/timestamp", caDer, "2026-12-08T00:00:00Z", "")));

    assertThat(new String(b.toJson(), StandardCharsets.UTF_8)).isEqualTo(expected);
    TrustedRoot parsed = TrustedRootParser.parse(b.toJson());
    assertThat(parsed).isEqualTo(b.build());
    assertThat(parsed.certificateAuthorities().get(0).subject()).isEqualTo("O=signet.test,CN=signet ca");
  }

  private static String indent(String block) {
    return block.indent(4).stripTrailing();
  }

  @Test
  void logIdsFollowBothSchemes() throws Exception {
    PublicKey tlog = key("tlog-ed25519.pub");
    assertThat(LogIds.c2spEd25519("signet.example", tlog))
        .isEqualTo(NoteVerifier.ed25519("signet.example", tlog).fullKeyId());
    PublicKey ct = key("ctlog-p256.pub");
    assertThat(LogIds.spki(ct)).isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(ct.getEncoded()));
  }
}
