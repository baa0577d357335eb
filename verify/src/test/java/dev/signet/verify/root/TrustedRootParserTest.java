package dev.signet.verify.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.testing.sigstore.TestPki;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.testkit.Trust;
import dev.signet.verify.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedRootParserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void parsesTheSigstoreJsMockRoot() throws Exception {
    TrustedRoot r = TrustedRootParser.parse(Vectors.bytes("sigstore-js/mock-keyless-email/trusted_root.json"));
    assertThat(r.mediaType()).isEqualTo(TrustedRootParser.MEDIA_TYPE_V01);
    assertThat(r.tlogs()).hasSize(1);
    TransparencyLog tlog = r.tlogs().get(0);
    assertThat(tlog.baseUrl()).isEqualTo("http://127.0.0.1:41241");
    assertThat(tlog.keyDetails()).isEqualTo("PKIX_ECDSA_P256_SHA_256");
    assertThat(tlog.logId()).isEqualTo(Base64.getDecoder().decode("AIFoUZyTZUhN4EsnqwUQ50Br63d9+tSwdulwuh9urHQ="));
    assertThat(tlog.logId()).isEqualTo(TestPki.sha256(tlog.key().getEncoded()));
    assertThat(tlog.validFor()).isEqualTo(ValidityWindow.from(Instant.parse("2026-11-26T13:40:00.564Z")));
    assertThat(r.certificateAuthorities()).singleElement().satisfies(ca -> {
      assertThat(ca.subject()).isEqualTo("O=sigstore.mock,CN=sigstore");
      assertThat(ca.uri()).isEqualTo("http://127.0.0.1:33157");
      assertThat(ca.chain()).hasSize(1);
      assertThat(ca.root().getSubjectX500Principal().getName()).isEqualTo("O=sigstore.mock,CN=sigstore");
    });
    assertThat(r.ctlogs()).singleElement().satisfies(ct -> assertThat(ct.baseUrl()).isEqualTo("http://127.0.0.1/ctlog"));
    assertThat(r.timestampAuthorities()).singleElement().satisfies(tsa -> {
      assertThat(tsa.chain()).hasSize(2);
      assertThat(tsa.chain().get(0).getSubjectX500Principal().getName()).isEqualTo("O=sigstore.mock,CN=tsa signing");
    });
  }

  @Test
  void parsesThePublicGoodRoot() throws Exception {
    TrustedRoot r = TrustedRootParser.parse(Vectors.bytes("cosign/bundles/trusted_root_pgi.json"));
    assertThat(r.tlogs()).singleElement().satisfies(t -> {
      assertThat(t.baseUrl()).isEqualTo("https://rekor.sigstore.dev");
      assertThat(Base64.getEncoder().encodeToString(t.logId())).isEqualTo("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=");
    });
    assertThat(r.certificateAuthorities()).hasSize(2);
    assertThat(r.certificateAuthorities().get(0).validFor()).isEqualTo(new ValidityWindow(
        Instant.parse("2021-03-07T03:20:29Z"), Optional.of(Instant.parse("2022-12-31T23:59:59.999Z"))));
    assertThat(r.certificateAuthorities().get(1).chain()).hasSize(2);
    assertThat(r.ctlogs()).extracting(TransparencyLog::baseUrl)
        .containsExactly("https://ctfe.sigstore.dev/test", "https://ctfe.sigstore.dev/2022");
    assertThat(r.timestampAuthorities()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cosign/dsse-keyed/empty_trusted_root.json", "sigstore-js/pubkey/empty_trusted_root.json"})
  void parsesEmptyRoots(String file) throws Exception {
    TrustedRoot r = TrustedRootParser.parse(Vectors.bytes(file));
    assertThat(r.tlogs()).isEmpty();
    assertThat(r.certificateAuthorities()).isEmpty();
    assertThat(r.ctlogs()).isEmpty();
    assertThat(r.timestampAuthorities()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sigstore-js/mock-keyless-email/trusted_root.json", "sigstore-js/mock-keyless-uri/trusted_root.json"})
  void writerReproducesTheSigstoreJsRootsFieldForField(String file) throws Exception {
    byte[] original = Vectors.bytes(file);
    byte[] written = TrustedRootWriter.write(TrustedRootParser.parse(original));
    assertThat(JSON.readTree(written)).isEqualTo(JSON.readTree(original));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cosign/bundles/trusted_root_pgi.json", "sigstore-js/mock-keyless-uri/trusted_root.json",
      "cosign/dsse-keyed/empty_trusted_root.json"})
  void roundTripsAndIsDeterministic(String file) throws Exception {
    TrustedRoot parsed = TrustedRootParser.parse(Vectors.bytes(file));
    byte[] once = TrustedRootWriter.write(parsed);
    TrustedRoot again = TrustedRootParser.parse(once);
    assertThat(again).isEqualTo(parsed);
    assertThat(TrustedRootWriter.write(again)).isEqualTo(once);
  }

  @Test
  void writerGoldenForAGeneratedRoot() throws Exception {
    TestPki.Issued root = TestPki.root("golden");
    TestPki.CtLog ct = TestPki.CtLog.create();
    TrustedRoot r = new TrustedRoot("", List.of(), List.of(new CertificateAuthority("https://ca.test", "O=a\\,b,CN=c",
        List.of(root.cert()), Trust.window(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-12-31T23:59:59.999Z")))),
        List.of(Trust.ctLog(ct, ValidityWindow.from(Instant.parse("2026-01-01T00:00:00Z")))), List.of());
    String der = Base64.getEncoder().encodeToString(root.cert().getEncoded());
    String spki = Base64.getEncoder().encodeToString(ct.key().getPublic().getEncoded());
    String logId = Base64.getEncoder().encodeToString(ct.logId());
    String expected = """
        {
          "mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
          "tlogs": [],
          "certificateAuthorities": [
            {
              "subject": {
                "organization": "a,b",
                "commonName": "c"
              },
              "uri": "https://ca.test",
              "certChain": {
                "certificates": [
                  {
                    "rawBytes": "%s"
                  }
                ]
              },
              "validFor": {
                "start": "2026-01-01T00:00:00Z",
                "end": "2026-12-31T23:59:59.999Z"
              }
            }
          ],
          "ctlogs": [
            {
              "baseUrl": "https://ct.test",
              "hashAlgorithm": "SHA2_256",
              "publicKey": {
                "rawBytes": "%s",
                "keyDetails": "PKIX_ECDSA_P256_SHA_256",
                "validFor": {
                  "start": "2026-01-01T00:00:00Z"
                }
              },
              "logId": {
                "keyId": "%s"
              }
            }
          ],
          "timestampAuthorities": []
        }
        """.formatted(der, spki, logId);
    assertThat(new String(TrustedRootWriter.write(r), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(TrustedRootParser.parse(expected.getBytes(StandardCharsets.UTF_8)).certificateAuthorities().get(0).subject())
        .isEqualTo(r.certificateAuthorities().get(0).subject());
  }

  @Test
  void acceptsV02MediaTypeAndIgnoresV02Fields() throws Exception {
    String json = """
        {"mediaType":"application/vnd.dev.sigstore.trustedroot.v0.2+json",
         "tlogs":[{"baseUrl":"https://log.test","hashAlgorithm":"SHA2_256",
           "publicKey":{"rawBytes":"%s","keyDetails":"PKIX_ECDSA_P256_SHA_256","validFor":{"start":"2025-09-23T00:00:00+00:00"}},
           "logId":{"keyId":"AAAA"},"checkpointKeyId":{"keyId":"AAAA"},"operator":"signet.test"}]}
        """.formatted(Base64.getEncoder().encodeToString(TestPki.ecKey().getPublic().getEncoded()));
    TrustedRoot r = TrustedRootParser.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.mediaType()).isEqualTo(TrustedRootParser.MEDIA_TYPE_V02);
    assertThat(r.tlogs().get(0).validFor().start()).isEqualTo(Instant.parse("2025-09-23T00:00:00Z"));
    assertThat(r.tlogs().get(0).logId()).containsExactly(0, 0, 0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not json | {\"mediaType\": | not JSON",
      "array | [] | not a JSON object",
      "no media type | {} | mediaType is missing",
      "bundle media type | {\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"} | unsupported mediaType application/vnd.dev.sigstore.bundle.v0.3+json",
      "tlogs not array | {\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"tlogs\":{}} | tlogs must be an array",
      "tlog without key | {\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"tlogs\":[{\"baseUrl\":\"x\"}]} | tlogs[0].publicKey must be an object",
      "tlog key not base64 | {\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"ctlogs\":[{\"publicKey\":{\"rawBytes\":\"%%%\"}}]} | ctlogs[0].publicKey.rawBytes is not base64",
      "tlog key not SPKI | {\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"tlogs\":[{\"publicKey\":{\"rawBytes\":\"MAMCAQE=\"}}]} | tlogs[0].publicKey.rawBytes",
      "CA without chain | {\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"certificateAuthorities\":[{\"uri\":\"x\"}]} | certificateAuthorities[0].certChain.certificates is missing or empty",
      "CA cert garbage | {\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"timestampAuthorities\":[{\"certChain\":{\"certificates\":[{\"rawBytes\":\"MAMCAQE=\"}]}}]} | timestampAuthorities[0].certChain.certificates[0].rawBytes is not a DER X.509 certificate",
      "uri not string | {\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"certificateAuthorities\":[{\"uri\":5,\"certChain\":{\"certificates\":[{\"rawBytes\":\"MAMCAQE=\"}]}}]} | certificateAuthorities[0].uri must be a string",
  })
  void rejectsMalformedRoots(String name, String json, String fragment) {
    assertThatThrownBy(() -> TrustedRootParser.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TRUST_ROOT))
        .hasMessageStartingWith("trusted root: ")
        .hasMessageContaining(fragment.strip())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad start | {\"start\":\"yesterday\"} | validFor.start is not an RFC 3339 timestamp: yesterday",
      "numeric start | {\"start\":12} | validFor.start must be an RFC 3339 string",
      "end before start | {\"start\":\"2026-01-02T00:00:00Z\",\"end\":\"2026-01-01T00:00:00Z\"} | validFor: end 2026-01-01T00:00:00Z is before start 2026-01-02T00:00:00Z",
  })
  void rejectsBadValidity(String name, String validFor, String fragment) throws Exception {
    String json = "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"certificateAuthorities\":[{"
        + "\"certChain\":{\"certificates\":[{\"rawBytes\":\"" + Base64.getEncoder().encodeToString(TestPki.root("v").cert().getEncoded())
        + "\"}]},\"validFor\":" + validFor + "}]}";
    assertThatThrownBy(() -> TrustedRootParser.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TRUST_ROOT))
        .hasMessageContaining("certificateAuthorities[0]." + fragment.strip());
  }
}
