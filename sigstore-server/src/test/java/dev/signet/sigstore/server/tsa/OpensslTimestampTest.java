package dev.signet.sigstore.server.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signet.testing.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSL as the independent RFC 3161 peer: {@code openssl ts -query} writes the request, the TSA
 * answers, {@code openssl ts -verify} checks the reply against the query (imprint, nonce) and the TSA
 * root, including the ESS signing-certificate attribute and the critical timeStamping EKU.
 */
class OpensslTimestampTest {
  @TempDir Path tmp;

  @BeforeAll
  static void openssl() {
    boolean present = Processes.findExecutable("openssl").isPresent();
    if (!present) {
      System.err.println("SKIPPED: openssl not on the PATH");
    }
    assumeTrue(present, "openssl not on the PATH");
  }

  private Processes.Result openssl(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    return Processes.run(cmd, Duration.ofSeconds(60));
  }

  private Path setUp(TsaIdentity id) throws Exception {
    Files.writeString(tmp.resolve("root.pem"), pem(id, 1));
    Files.writeString(tmp.resolve("leaf.pem"), pem(id, 0));
    Files.write(tmp.resolve("sig.bin"), "the signature bytes".getBytes(StandardCharsets.UTF_8));
    return tmp;
  }

  private static String pem(TsaIdentity id, int index) {
    String all = id.chainPem();
    String[] blocks = all.split("(?<=-----END CERTIFICATE-----\n)");
    return blocks[index];
  }

  private byte[] answer(TimestampAuthority tsa, String... queryFlags) throws Exception {
    List<String> q = new java.util.ArrayList<>(List.of("ts", "-query", "-data", tmp.resolve("sig.bin").toString(),
        "-sha256", "-out", tmp.resolve("req.tsq").toString()));
    q.addAll(List.of(queryFlags));
    openssl(q.toArray(String[]::new)).requireSuccess();
    byte[] reply = tsa.timestamp(TimestampQuery.fromDer(Files.readAllBytes(tmp.resolve("req.tsq"))));
    Files.write(tmp.resolve("resp.tsr"), reply);
    return reply;
  }

  private Processes.Result verify(String untrusted) {
    List<String> v = new java.util.ArrayList<>(List.of("ts", "-verify", "-queryfile", tmp.resolve("req.tsq").toString(),
        "-in", tmp.resolve("resp.tsr").toString(), "-CAfile", tmp.resolve("root.pem").toString()));
    if (untrusted != null) {
      v.addAll(List.of("-untrusted", untrusted));
    }
    return openssl(v.toArray(String[]::new));
  }

  @Test
  void opensslVerifiesTokensWithAndWithoutEmbeddedCertificate() throws Exception {
    TsaIdentity id = TsaCertificates.create("signet.test", Clock.systemUTC().instant());
    TimestampAuthority tsa = new TimestampAuthority(id, Clock.systemUTC());
    setUp(id);

    answer(tsa, "-cert");
    Processes.Result withCert = verify(null);
    assertThat(withCert.stdout() + withCert.stderr()).as(withCert.describe()).contains("Verification: OK");

    answer(tsa);
    Processes.Result noCert = verify(tmp.resolve("leaf.pem").toString());
    assertThat(noCert.stdout() + noCert.stderr()).as(noCert.describe()).contains("Verification: OK");
    Processes.Result reply = openssl("ts", "-reply", "-in", tmp.resolve("resp.tsr").toString(), "-text");
    assertThat(reply.stdout()).contains("Policy OID: 1.3.6.1.4.1.57264.2").contains("Status: Granted.");
  }

  @Test
  void opensslRefusesATamperedReplyAndAnotherRoot() throws Exception {
    TsaIdentity id = TsaCertificates.create("signet.test", Clock.systemUTC().instant());
    TimestampAuthority tsa = new TimestampAuthority(id, Clock.systemUTC());
    setUp(id);
    byte[] reply = answer(tsa, "-cert");
    // Flip a bit in the last byte of the CMS signature value.
    reply[reply.length - 1] ^= 1;
    Files.write(tmp.resolve("resp.tsr"), reply);
    Processes.Result tampered = verify(null);
    assertThat(tampered.succeeded()).as(tampered.describe()).isFalse();
    assertThat(tampered.stdout() + tampered.stderr()).doesNotContain("Verification: OK");

    answer(tsa, "-cert");
    TsaIdentity other = TsaCertificates.create("signet.test", Clock.systemUTC().instant());
    Files.writeString(tmp.resolve("root.pem"), pem(other, 1));
    Processes.Result wrongRoot = verify(null);
    assertThat(wrongRoot.succeeded()).as(wrongRoot.describe()).isFalse();
  }
}
