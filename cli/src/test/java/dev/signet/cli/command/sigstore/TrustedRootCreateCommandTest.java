package dev.signet.cli.command.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.cli.CliRunner;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedRootCreateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  @TempDir Path dir;

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private static byte[] b64(JsonNode n) {
    return Base64.getDecoder().decode(n.asText());
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private CliRunner.Result ok(String... args) {
    CliRunner.Result r = CliRunner.in(dir).run(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  /** Rebuilds cosign's public-good test trusted root from its own material and compares entry by entry. */
  @Test
  void rebuildsCosignsPublicGoodTrustedRootFromItsMaterial() throws Exception {
    Path vector = Path.of(System.getProperty("signet.vectors", "../../shared/vectors"), "cosign/bundles/trusted_root_pgi.json");
    if (!Files.isRegularFile(vector)) {
      System.err.println("SKIPPED: " + vector + " not found (shared vectors absent)");
    }
    assumeTrue(Files.isRegularFile(vector), "shared vectors absent: " + vector);
    JsonNode expected = JSON.readTree(vector.toFile());
    JsonNode tlog = expected.get("tlogs").get(0);
    JsonNode ca = expected.get("certificateAuthorities").get(1);
    JsonNode ct = expected.get("ctlogs").get(1);
    write("rekor.pub", pem("PUBLIC KEY", b64(tlog.at("/publicKey/rawBytes"))));
    write("ctfe.pub", pem("PUBLIC KEY", b64(ct.at("/publicKey/rawBytes"))));
    StringBuilder chain = new StringBuilder();
    for (JsonNode c : ca.at("/certChain/certificates")) {
      chain.append(pem("CERTIFICATE", b64(c.get("rawBytes"))));
    }
    write("fulcio.pem", chain.toString());

    CliRunner.Result r = ok("trusted-root", "create",
        "--fulcio=url=" + ca.get("uri").asText() + ",certificate-chain=fulcio.pem,start-time="
            + ca.at("/validFor/start").asText(),
        "--rekor=url=" + tlog.get("baseUrl").asText() + ",public-key=rekor.pub,start-time="
            + tlog.at("/publicKey/validFor/start").asText(),
        "--ctfe=url=" + ct.get("baseUrl").asText() + ",public-key=ctfe.pub,start-time="
            + ct.at("/publicKey/validFor/start").asText());

    JsonNode out = JSON.readTree(r.out());
    assertThat(out.get("mediaType").asText()).isEqualTo(expected.get("mediaType").asText());
    JsonNode gotTlog = out.get("tlogs").get(0);
    for (String p : new String[] {"/baseUrl", "/hashAlgorithm", "/publicKey/rawBytes", "/publicKey/keyDetails", "/logId/keyId"}) {
      assertThat(gotTlog.at(p)).as("tlog " + p).isEqualTo(tlog.at(p));
    }
    assertThat(Instant.parse(gotTlog.at("/publicKey/validFor/start").asText()))
        .isEqualTo(Instant.parse(tlog.at("/publicKey/validFor/start").asText()));
    JsonNode gotCt = out.get("ctlogs").get(0);
    assertThat(gotCt.at("/logId/keyId")).isEqualTo(ct.at("/logId/keyId"));
    assertThat(gotCt.at("/publicKey/keyDetails")).isEqualTo(ct.at("/publicKey/keyDetails"));
    JsonNode gotCa = out.get("certificateAuthorities").get(0);
    assertThat(gotCa.get("subject")).isEqualTo(ca.get("subject"));
    assertThat(gotCa.get("uri")).isEqualTo(ca.get("uri"));
    assertThat(gotCa.get("certChain")).isEqualTo(ca.get("certChain"));
    assertThat(Instant.parse(gotCa.at("/validFor/start").asText()))
        .isEqualTo(Instant.parse(ca.at("/validFor/start").asText()));
    assertThat(out.get("timestampAuthorities")).isEmpty();
  }

  @Test
  void tsaRekorV2AndDeprecatedFlagsGiveDeterministicOutputInA0600File() throws Exception {
    KeyPair rootKey = ec();
    KeyPair leafKey = ec();
    X509CertificateHolder root = cert("CN=Test TSA Root,O=signet.test", "CN=Test TSA Root,O=signet.test", rootKey,
        rootKey, true, "2025-01-01T00:00:00Z");
    X509CertificateHolder leaf = cert("CN=Test TSA,O=signet.test", "CN=Test TSA Root,O=signet.test", leafKey, rootKey,
        false, "2025-02-01T00:00:00Z");
    write("tsa.pem", pem("CERTIFICATE", leaf.getEncoded()) + pem("CERTIFICATE", root.getEncoded()));
    write("ca.pem", pem("CERTIFICATE", root.getEncoded()));
    KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    write("rekor2.pub", pem("PUBLIC KEY", ed.getPublic().getEncoded()));
    write("ctfe.pub", pem("PUBLIC KEY", rootKey.getPublic().getEncoded()));
    String[] args = {"trusted-root", "create", "--out", "tr.json",
        "--tsa=url=https://tsa.test/api/v1/timestamp,certificate-chain=tsa.pem",
        "--rekor=url=https://log.test,public-key=rekor2.pub,start-time=2025-09-23T00:00:00Z,origin=log.test",
        "--certificate-chain", "ca.pem", "--fulcio-uri", "https://fulcio.test",
        "--ctfe-key", "ctfe.pub", "--ctfe-url", "https://ct.test/2025", "--ctfe-end-time", "2026-01-01T00:00:00.5Z",
        "--no-default-fulcio", "--no-default-rekor", "--no-default-ctfe", "--no-default-tsa"};

    ok(args);
    byte[] first = Files.readAllBytes(dir.resolve("tr.json"));
    ok(args);

    assertThat(Files.readAllBytes(dir.resolve("tr.json"))).isEqualTo(first);
    assertThat(Files.getPosixFilePermissions(dir.resolve("tr.json"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    JsonNode out = JSON.readTree(first);
    assertThat(out.fieldNames()).toIterable()
        .containsExactly("mediaType", "tlogs", "certificateAuthorities", "ctlogs", "timestampAuthorities");
    JsonNode tsa = out.get("timestampAuthorities").get(0);
    assertThat(tsa.get("subject").toString()).isEqualTo("{\"organization\":\"signet.test\",\"commonName\":\"Test TSA Root\"}");
    assertThat(tsa.at("/certChain/certificates")).hasSize(2);
    assertThat(tsa.at("/validFor/start").asText()).isEqualTo("2025-02-01T00:00:00Z");
    JsonNode rekor = out.get("tlogs").get(0);
    byte[] raw = java.util.Arrays.copyOfRange(ed.getPublic().getEncoded(), 12, 44);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update("log.test\n".getBytes(StandardCharsets.UTF_8));
    md.update((byte) 1);
    md.update(raw);
    assertThat(b64(rekor.at("/logId/keyId"))).isEqualTo(md.digest());
    assertThat(rekor.at("/publicKey/keyDetails").asText()).isEqualTo("PKIX_ED25519");
    JsonNode ct = out.get("ctlogs").get(0);
    assertThat(ct.at("/publicKey/validFor/start").asText()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(ct.at("/publicKey/validFor/end").asText()).isEqualTo("2026-01-01T00:00:00.500Z");
    assertThat(b64(ct.at("/logId/keyId"))).isEqualTo(MessageDigest.getInstance("SHA-256")
        .digest(rootKey.getPublic().getEncoded()));
    assertThat(out.at("/certificateAuthorities/0/uri").asText()).isEqualTo("https://fulcio.test");
  }

  @Test
  void badInputIsOneLine() throws Exception {
    write("ca.pem", "not a certificate");
    String[][] cases = {
        {"--fulcio=url=https://f.test,certificate-chain=ca.pem", "--certificate-chain", "ca.pem"},
        {"--rekor=url=https://r.test,public-key=x.pub"},
        {"--ctfe=url=https://c.test,key=x.pub"},
        {"--with-default-services"},
        {"--fulcio=url=https://f.test,certificate-chain=ca.pem"},
    };
    String[] expected = {
        "Error: cannot use --fulcio and old fulcio flags at the same time",
        "Error: --rekor: missing or empty required key \"start-time\" in \"url=https://r.test,public-key=x.pub\"",
        "Error: --ctfe: unknown key \"key\" (keys: url, public-key, start-time, end-time)",
        "Error: --with-default-services is not supported: Signet does not fetch the public-good trusted root;"
            + " list your services with --fulcio, --rekor, --ctfe and --tsa",
        "Error: --fulcio ca.pem: not a PEM certificate chain: No certificate data found",
    };
    for (int i = 0; i < cases.length; i++) {
      String[] args = new String[cases[i].length + 2];
      args[0] = "trusted-root";
      args[1] = "create";
      System.arraycopy(cases[i], 0, args, 2, cases[i].length);
      CliRunner.Result r = CliRunner.in(dir).run(args);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.errLines()).as(String.join(" ", cases[i])).containsExactly(expected[i]);
    }
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509CertificateHolder cert(String subject, String issuer, KeyPair subjectKey, KeyPair issuerKey,
      boolean ca, String notBefore) throws Exception {
    Instant from = Instant.parse(notBefore);
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(from.getEpochSecond()),
        Date.from(from), Date.from(from.plusSeconds(86_400L * 3650)), new X500Name(subject), subjectKey.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate()));
  }
}
