package dev.signet.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.testsupport.Vectors;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SigstoreBundleTest {

  private static final String OCI_ATTESTATION = "cosign/bundles/oci-attestation.sigstore.json";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsRealKeylessDsseBundleFields() throws Exception {
    SigstoreBundle b = SigstoreBundle.parse(Vectors.read(OCI_ATTESTATION));
    assertThat(b.mediaType()).isEqualTo(SigstoreBundle.MEDIA_TYPE_V03);
    assertThat(b.version()).isEqualTo("0.3");
    assertThat(b.isDsse()).isTrue();
    VerificationMaterial vm = b.verificationMaterial();
    assertThat(vm.kind()).isEqualTo(VerificationMaterial.Kind.CERTIFICATE);
    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(vm.leafCertificate()));
    assertThat(cert.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo("cody@soyland.com"));
    assertThat(vm.tlogEntries()).singleElement().satisfies(e -> {
      assertThat(e.get("logIndex").asText()).isEqualTo("175508996");
      assertThat(e.at("/kindVersion/kind").asText()).isEqualTo("dsse");
      assertThat(e.get("integratedTime").asText()).isEqualTo("1740770291");
    });
    assertThat(vm.timestampVerificationData()).isNull();
    DsseEnvelope env = b.dsseEnvelope();
    assertThat(env.payloadType()).isEqualTo("application/vnd.in-toto+json");
    InTotoStatement st = InTotoStatement.fromEnvelope(env);
    assertThat(st.predicateType()).isEqualTo("https://cosign.sigstore.dev/attestation/v1");
    assertThat(st.subjects()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("127.0.0.1:60943/repo"));
    Digest subject = Digest.parse("sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4");
    assertThat(st.checkSubject(subject, null).passed()).isTrue();
  }

  @Test
  void rewritesTheRealBundleByteForByte() throws Exception {
    byte[] original = Vectors.read(OCI_ATTESTATION);
    byte[] written = SigstoreBundle.parse(original).toJson();
    String expected = new String(original, StandardCharsets.UTF_8).stripTrailing();
    assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void keyBundlesRoundTripSemantically() throws Exception {
    Path dir = Vectors.require("cosign/dsse-keyed");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".pubkey-bundle.sigstore.json")).sorted().toList();
    }
    assertThat(files).hasSize(6);
    ObjectMapper om = new ObjectMapper();
    for (Path f : files) {
      byte[] raw = Files.readAllBytes(f);
      SigstoreBundle b = SigstoreBundle.parse(raw);
      SigstoreBundle again = SigstoreBundle.parse(b.toJson());
      assertThat(again).as(f.getFileName().toString()).isEqualTo(b);
      assertThat(om.readTree(b.toJson())).as("same JSON tree").isEqualTo(om.readTree(raw));
    }
  }

  @Test
  void writesCompactProtojsonInDeclarationOrder() throws Exception {
    MessageSignature ms = MessageSignature.of(new Digest("sha256", "00".repeat(32)), new byte[] {1});
    SigstoreBundle b = SigstoreBundle.ofMessageSignature(VerificationMaterial.publicKey(""), ms);
    assertThat(new String(b.toJson(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":{}},"
            + "\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\",\"digest\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"},"
            + "\"signature\":\"AQ==\"}}");
    assertThat(SigstoreBundle.parse(b.toJson())).isEqualTo(b);
  }

  @Test
  void writesTlogEntriesAndTimestampsAfterTheContentMember() throws Exception {
    ObjectMapper om = new ObjectMapper();
    VerificationMaterial vm = VerificationMaterial.certificate(new byte[] {7})
        .withTlogEntries(List.of(om.readTree("{\"logIndex\":\"1\"}")))
        .withTimestampVerificationData(om.readTree("{\"rfc3161Timestamps\":[]}"));
    DsseEnvelope env = new DsseEnvelope("t", utf8("{}"), List.of(new DsseEnvelope.Signature(null, new byte[] {2})));
    String json = new String(SigstoreBundle.ofDsse(vm, env).toJson(), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":"
        + "{\"certificate\":{\"rawBytes\":\"Bw==\"},\"tlogEntries\":[{\"logIndex\":\"1\"}],\"timestampVerificationData\":"
        + "{\"rfc3161Timestamps\":[]}},\"dsseEnvelope\":{\"payload\":\"e30=\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"Ag==\"}]}}");
  }

  @Test
  void readsAllMediaTypeSpellingsAndProtoFieldNames() throws Exception {
    String tail = ",\"verification_material\":{\"x509_certificate_chain\":{\"certificates\":[{\"raw_bytes\":\"AQ==\"},{\"rawBytes\":\"Ag==\"}]}},"
        + "\"message_signature\":{\"message_digest\":{\"algorithm\":\"SHA2_256\",\"digest\":\"AA==\"},\"signature\":\"AQ==\"}}";
    for (String v : List.of("0.1", "0.2")) {
      SigstoreBundle b = SigstoreBundle.parse(utf8("{\"media_type\":\"application/vnd.dev.sigstore.bundle+json;version=" + v + "\"" + tail));
      assertThat(b.version()).isEqualTo(v);
      assertThat(b.verificationMaterial().certificates()).hasSize(2);
      assertThat(b.messageSignature().algorithm()).isEqualTo("SHA2_256");
    }
    String legacy03 = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle+json;version=0.3\","
        + "\"verificationMaterial\":{\"publicKey\":{\"hint\":\"h\"}},\"messageSignature\":{\"signature\":\"AQ==\"}}";
    SigstoreBundle b = SigstoreBundle.parse(utf8(legacy03));
    assertThat(b.version()).isEqualTo("0.3");
    assertThat(b.messageSignature().digest()).isNull();
  }

  @Test
  void rejectsUnsupportedOrInconsistentBundles() {
    assertThatThrownBy(() -> SigstoreBundle.parse(utf8("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.4+json\"}")))
        .isInstanceOf(BundleFormatException.class).hasMessageContaining("media type");
    String chain03 = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":"
        + "{\"x509CertificateChain\":{\"certificates\":[{\"rawBytes\":\"AQ==\"}]}},\"messageSignature\":{\"signature\":\"AQ==\"}}";
    assertThatThrownBy(() -> SigstoreBundle.parse(utf8(chain03))).isInstanceOf(BundleFormatException.class);
    String both = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":"
        + "{\"publicKey\":{}},\"messageSignature\":{\"signature\":\"AQ==\"},\"dsseEnvelope\":{\"payload\":\"\",\"payloadType\":\"t\"}}";
    assertThatThrownBy(() -> SigstoreBundle.parse(utf8(both))).isInstanceOf(BundleFormatException.class);
    String noMaterial = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"messageSignature\":{\"signature\":\"AQ==\"}}";
    assertThatThrownBy(() -> SigstoreBundle.parse(utf8(noMaterial))).isInstanceOf(BundleFormatException.class);
    assertThatThrownBy(() -> SigstoreBundle.parse(utf8("[]"))).isInstanceOf(BundleFormatException.class);
  }

  @Test
  void storedJsonIsNotAliased() throws Exception {
    JsonNode entry = new ObjectMapper().readTree("{\"logIndex\":\"1\"}");
    VerificationMaterial vm = VerificationMaterial.publicKey("h").withTlogEntries(List.of(entry));
    ((com.fasterxml.jackson.databind.node.ObjectNode) entry).put("logIndex", "2");
    ((com.fasterxml.jackson.databind.node.ObjectNode) vm.tlogEntries().get(0)).put("logIndex", "3");
    assertThat(vm.tlogEntries().get(0).get("logIndex").asText()).isEqualTo("1");
  }
}
