package dev.signet.cli;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code download signature}: cosign's JSON lines, bundles first, at most 100 legacy signatures. */
@ExtendWith(DockerRegistryExtension.class)
class DownloadSignatureTest {
  private static final List<String> SIGNED_PAYLOAD_FIELDS =
      List.of("Base64Signature", "Payload", "Cert", "Chain", "Bundle", "RFC3161Timestamp");

  @TempDir Path dir;

  private CliRegistryFixture fx;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) {
    fx = new CliRegistryFixture(registry, dir).keys("cosign");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private PublicKey publicKey(String file) throws Exception {
    return PublicKeys.parse(Files.readAllBytes(dir.resolve(file)), file);
  }

  private static boolean verifies(PublicKey key, byte[] payload, String b64) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initVerify(key);
    s.update(payload);
    return s.verify(Base64.getDecoder().decode(b64));
  }

  @Test
  void legacySignaturesAreSignedPayloadLinesInLayerOrder() throws Exception {
    fx.keys("second");
    CliRegistryFixture.Pushed img = fx.push("download/legacy", "v1");
    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref());
    fx.ok("sign", "--key", "second.key", "--new-bundle-format=false", "-a", "n=2", img.ref());

    CliRunner.Result r = fx.ok("download", "signature", img.ref());

    assertThat(r.out()).endsWith("\n");
    assertThat(r.outLines()).hasSize(2);
    List<PublicKey> keys = List.of(publicKey("cosign.pub"), publicKey("second.pub"));
    for (int i = 0; i < 2; i++) {
      String line = r.outLines().get(i);
      JsonNode sp = json(line);
      assertThat(fieldNames(sp)).isEqualTo(SIGNED_PAYLOAD_FIELDS);
      assertThat(line).endsWith(",\"Cert\":null,\"Chain\":null,\"Bundle\":null,\"RFC3161Timestamp\":null}");
      byte[] payload = Base64.getDecoder().decode(sp.path("Payload").asText());
      JsonNode simple = json(payload);
      assertThat(simple.path("critical").path("image").path("docker-manifest-digest").asText())
          .isEqualTo(img.digest().toString());
      assertThat(simple.path("optional").isNull()).isEqualTo(i == 0);
      assertThat(verifies(keys.get(i), payload, sp.path("Base64Signature").asText())).as("line %d", i).isTrue();
      assertThat(verifies(keys.get(1 - i), payload, sp.path("Base64Signature").asText())).isFalse();
    }
  }

  @Test
  void withBundlesEachLineIsABundleAndLegacySignaturesAreNotListed() throws Exception {
    CliRegistryFixture.Pushed img = fx.push("download/bundle", "v1");
    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref());
    fx.ok("sign", "--key", "cosign.key", img.ref());
    fx.ok("sign", "--key", "cosign.key", "-a", "second=yes", img.ref());

    CliRunner.Result r = fx.ok("download", "signature", img.ref());

    assertThat(r.outLines()).hasSize(2);
    ObjectMapper compact = new ObjectMapper();
    for (String line : r.outLines()) {
      JsonNode bundle = json(line);
      assertThat(line).isEqualTo(compact.writeValueAsString(bundle)); // compact, one line
      assertThat(bundle.path("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
      assertThat(bundle.path("dsseEnvelope").path("signatures")).hasSize(1);
      JsonNode statement = json(Base64.getDecoder().decode(bundle.path("dsseEnvelope").path("payload").asText()));
      assertThat(statement.path("subject").get(0).path("digest").path("sha256").asText()).isEqualTo(img.digest().hex());
    }
  }

  @Test
  void anUnsignedImageIsExitTenWithNothingOnStdout() {
    CliRegistryFixture.Pushed img = fx.push("download/unsigned", "v1");

    CliRunner.Result r = fx.run("download", "signature", img.ref());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(10);
    assertOneErrorLine(r);
    assertThat(errorLine(r)).isEqualTo("Error: no signatures associated with " + img.ref());
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownTagAndMissingSubcommand() {
    CliRegistryFixture.Pushed img = fx.push("download/tags", "v1");

    CliRunner.Result unknown = fx.run("download", "signature", img.repo() + ":nope");
    assertThat(unknown.exitCode()).isEqualTo(11);
    assertOneErrorLine(unknown);

    CliRunner.Result bare = fx.run("download", img.ref());
    assertThat(bare.exitCode()).isEqualTo(1);
    assertThat(bare.err()).contains("Error:");
    CliRegistryFixture.assertNoStackTrace(bare);
  }

  @Test
  void cosignRepositoryIsWhereSignaturesAreRead() {
    CliRegistryFixture.Pushed img = fx.push("download/app", "v1");
    CliRunner elsewhere = fx.cli().env("COSIGN_REPOSITORY", fx.newRepo("download/sigs"));
    assertThat(elsewhere.run("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref()).exitCode()).isZero();

    CliRunner.Result r = elsewhere.run("download", "signature", img.ref());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.outLines()).hasSize(1);
    assertThat(fx.run("download", "signature", img.ref()).exitCode()).isEqualTo(10);
  }

  @Test
  void certificateChainRekorBundleAndTimestampAnnotationsAreObjects() throws Exception {
    CliRegistryFixture.Pushed img = fx.push("download/annotated", "v1");
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair leafKey = g.generateKeyPair();
    KeyPair caKey = g.generateKeyPair();
    byte[] leaf = certificate("CN=leaf", leafKey.getPublic(), "CN=ca", caKey);
    byte[] ca = certificate("CN=ca", caKey.getPublic(), "CN=ca", caKey);
    String bundle = "{\"SignedEntryTimestamp\":\"c2V0\",\"Payload\":{\"body\":\"Ym9keQ==\",\"integratedTime\":1700000000,"
        + "\"logIndex\":42,\"logID\":\"abcd\"}}";
    String tsa = "{\"SignedRFC3161Timestamp\":\"dHNy\"}";
    byte[] payload = fx.ok("generate", img.ref()).out().getBytes(StandardCharsets.UTF_8);
    SignatureAnnotations annotations = SignatureAnnotations.ofSignature("c2ln")
        .withCertificate(pem(leaf), pem(ca)).withRekorBundle(bundle).withRfc3161Timestamp(tsa);
    pushSig(img, List.of(LegacySignatureImage.simpleSigningLayer(payload, annotations)), List.of(payload));

    CliRunner.Result r = fx.ok("download", "signature", img.ref());

    JsonNode sp = json(r.outLines().get(0));
    assertThat(fieldNames(sp)).isEqualTo(SIGNED_PAYLOAD_FIELDS);
    assertThat(sp.path("Base64Signature").asText()).isEqualTo("c2ln");
    assertThat(Base64.getDecoder().decode(sp.path("Payload").asText())).isEqualTo(payload);
    assertThat(Base64.getDecoder().decode(sp.path("Cert").path("Raw").asText())).isEqualTo(leaf);
    assertThat(sp.path("Chain")).hasSize(1);
    assertThat(Base64.getDecoder().decode(sp.path("Chain").get(0).path("Raw").asText())).isEqualTo(ca);
    assertThat(sp.path("Bundle")).isEqualTo(json(bundle));
    assertThat(fieldNames(sp.path("Bundle").path("Payload"))).containsExactly("body", "integratedTime", "logIndex", "logID");
    assertThat(sp.path("RFC3161Timestamp")).isEqualTo(json(tsa));
  }

  @Test
  void refusesMoreThanOneHundredSignaturesLikeCosign() throws Exception {
    CliRegistryFixture.Pushed hundred = fx.push("download/hundred", "v1");
    CliRegistryFixture.Pushed tooMany = fx.push("download/toomany", "v1");
    pushManySignatures(hundred, 100);
    pushManySignatures(tooMany, 101);

    CliRunner.Result ok = fx.ok("download", "signature", hundred.ref());
    assertThat(ok.outLines()).hasSize(100);
    assertThat(ok.outLines()).allSatisfy(l -> assertThat(fieldNames(json(l))).isEqualTo(SIGNED_PAYLOAD_FIELDS));

    CliRunner.Result refused = fx.run("download", "signature", tooMany.ref());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertOneErrorLine(refused);
    assertThat(errorLine(refused)).isEqualTo("Error: maximum number of signatures on an image is 100, found 101");
    assertThat(refused.out()).isEmpty();
  }

  private void pushManySignatures(CliRegistryFixture.Pushed img, int count) throws Exception {
    List<Descriptor> layers = new ArrayList<>();
    List<byte[]> blobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] payload = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      layers.add(LegacySignatureImage.simpleSigningLayer(payload, SignatureAnnotations.ofSignature("c2ln")));
      blobs.add(payload);
    }
    pushSig(img, layers, blobs);
  }

  /** Writes a legacy {@code .sig} manifest with these layers directly (not through the CLI). */
  private static void pushSig(CliRegistryFixture.Pushed img, List<Descriptor> layers, List<byte[]> blobs)
      throws Exception {
    HttpRegistryClient client = CliRegistryFixture.client();
    Repository repo = CliRegistryFixture.repository(img.repo());
    LegacySignatureImage sig = LegacySignatureImage.empty();
    Iterator<byte[]> content = blobs.iterator();
    for (Descriptor layer : layers) {
      sig = sig.append(layer);
      client.pushBlob(repo, layer.parsedDigest(), content.next());
    }
    byte[] config = sig.configBytes();
    client.pushBlob(repo, Digest.sha256(config), config);
    client.putManifest(repo, "sha256-" + img.digest().hex() + ".sig", sig.manifestBytes(), sig.manifestMediaType());
  }

  private static byte[] certificate(String subject, PublicKey key, String issuer, KeyPair issuerKey) throws Exception {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), new X500Name(subject), key)
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())).getEncoded();
  }

  private static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }
}
