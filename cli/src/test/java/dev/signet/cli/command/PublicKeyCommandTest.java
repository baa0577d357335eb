package dev.signet.cli.command;

import static dev.signet.cli.command.KeyCommandVectors.readString;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRunner;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeyCommandTest {

  @TempDir Path dir;

  private Path generate(String password) {
    CliRunner.Result r = CliRunner.in(dir).env("COSIGN_PASSWORD", password).run("generate-key-pair");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return dir.resolve("cosign.key");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cosign-label-ec-p256-pkcs8", "sigstore-label-ec-p256-pkcs8",
      })
  void decryptsCosignsKeyVectors(String name) {
    Path vectors = KeyCommandVectors.cosign("keys/encrypted");

    CliRunner.Result r =
        CliRunner.in(dir)
            .env("COSIGN_PASSWORD", "hello")
            .run("public-key", "--key", vectors.resolve(name + ".pw-hello.key").toAbsolutePath().toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(readString(vectors.resolve(name + ".derived.pub")));
  }

  @Test
  void aSec1PlaintextIsRefusedLikeCosign() {
    Path key = KeyCommandVectors.cosign("keys/encrypted").resolve("cosign-label-ec-p256-sec1.pw-hello.key");

    CliRunner.Result r =
        CliRunner.in(dir).env("COSIGN_PASSWORD", "hello").run("public-key", "--key", key.toAbsolutePath().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("x509: failed to parse private key");
  }

  @Test
  void wrongPasswordIsOneErrorLineWithoutStackTrace() {
    generate("right");

    CliRunner.Result r = CliRunner.in(dir).env("COSIGN_PASSWORD", "wrong").run("public-key", "--key", "cosign.key");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("Error: decrypt cosign.key: wrong password");
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void passwordFromStandardInput() {
    generate("piped");

    CliRunner.Result r = CliRunner.in(dir).stdin("piped").run("public-key", "--key", "cosign.key");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(readString(dir.resolve("cosign.pub")));
  }

  @Test
  void encryptedKeyFromAnEnvironmentVariable() {
    Path key = generate("hello");

    CliRunner.Result r =
        CliRunner.in(dir)
            .env("COSIGN_PASSWORD", "hello")
            .env("MY_KEY", readString(key))
            .run("public-key", "--key", "env://MY_KEY");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(readString(dir.resolve("cosign.pub")));
  }

  @Test
  void aPublicKeyIsPrintedNormalised_andNeedsNoPassword() throws Exception {
    PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();
    String pem = PublicKeys.toPem(key.publicKey());
    String body = Base64.getEncoder().encodeToString(key.publicKey().getEncoded());
    Files.writeString(
        dir.resolve("messy.pub"),
        "a comment\r\n-----BEGIN PUBLIC KEY-----\r\n" + body + "\r\n-----END PUBLIC KEY-----\r\n");
    Files.write(dir.resolve("key.der"), key.publicKey().getEncoded());

    CliRunner.Result fromPem = CliRunner.in(dir).run("public-key", "--key", "messy.pub");
    CliRunner.Result fromDer = CliRunner.in(dir).run("public-key", "--key", "key.der");

    assertThat(fromPem.exitCode()).as(fromPem.toString()).isZero();
    assertThat(fromPem.out()).isEqualTo(pem);
    assertThat(fromDer.out()).isEqualTo(pem);
  }

  @Test
  void aCertificateGivesItsSubjectKey() throws Exception {
    PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();
    X500Name name = new X500Name("CN=signet test");
    X509CertificateHolder cert =
        new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, new Date(0), new Date(4_000_000_000_000L), name, key.publicKey())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.unwrapPrivateKey()));
    String certPem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    Files.writeString(dir.resolve("cert.pem"), certPem);

    CliRunner.Result r = CliRunner.in(dir).run("public-key", "--key", "cert.pem");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(PublicKeys.toPem(key.publicKey()));
  }

  @Test
  void outfileWritesThePemInsteadOfPrinting() {
    generate("hello");

    CliRunner.Result r =
        CliRunner.in(dir).env("COSIGN_PASSWORD", "hello").run("public-key", "--key", "cosign.key", "--outfile", "out.pub");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(readString(dir.resolve("out.pub"))).isEqualTo(readString(dir.resolve("cosign.pub")));
  }

  @Test
  void anUnencryptedPrivateKeyIsRefusedBeforeAskingForAPassword() throws Exception {
    Files.copy(KeyCommandVectors.cosign("keys/import").resolve("validecpkcs8.key"), dir.resolve("plain.key"));

    CliRunner.Result r = CliRunner.in(dir).run("public-key", "--key", "plain.key");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("Error: ").contains("plain.key").contains("PRIVATE KEY");
  }

  @Test
  void missingKeyFileKmsAndNoKeyAreOneLineErrors() {
    CliRunner run = CliRunner.in(dir);
    CliRunner.Result missing = run.run("public-key", "--key", "nope.key");
    CliRunner.Result kms = run.run("public-key", "--key", "gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k");
    CliRunner.Result none = run.run("public-key");

    for (CliRunner.Result r : new CliRunner.Result[] {missing, kms, none}) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.errLines()).as(r.toString()).hasSize(1);
      assertThat(r.err()).startsWith("Error: ");
    }
    assertThat(missing.err()).contains("nope.key");
    assertThat(kms.err()).contains("not supported yet");
    assertThat(none.err()).contains("--key");
  }

  @Test
  void keyFromCosignKeyEnvironmentVariable() {
    generate("hello");

    CliRunner.Result r =
        CliRunner.in(dir).env("COSIGN_PASSWORD", "hello").env("COSIGN_KEY", "cosign.key").run("public-key");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(readString(dir.resolve("cosign.pub")));
  }
}
