package dev.signet.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2 next to HTTP/1.1: h2c on plain HTTP, h2 by ALPN over TLS, and HTTP/1.1 clients unchanged. */
class Http2Test {
  @TempDir Path data;

  @Test
  void plainHttpUpgradesToH2cAndCarriesBlobsBothWays() throws Exception {
    try (RegistryServer s = RegistryServer.builder().dataDir(data).port(0).build().start()) {
      HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
      HttpResponse<String> ping = h2.send(HttpRequest.newBuilder(s.url().resolve("/v2/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ping.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(ping.headers().firstValue("Docker-Distribution-Api-Version")).hasValue("registry/2.0");
      assertRoundTrip(h2, s, HttpClient.Version.HTTP_2);

      HttpClient h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertRoundTrip(h1, s, HttpClient.Version.HTTP_1_1);
    }
  }

  @Test
  void tlsNegotiatesH2ByAlpnAndStillServesHttp11() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair kp = g.generateKeyPair();
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
        new X500Name("CN=localhost"), BigInteger.ONE, new Date(System.currentTimeMillis() - 60_000),
        new Date(System.currentTimeMillis() + 3_600_000), new X500Name("CN=localhost"), kp.getPublic())
        .addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    Path certFile = data.resolve("cert.pem");
    Path keyFile = data.resolve("key.pem");
    Files.writeString(certFile, pem(cert));
    Files.writeString(keyFile, pem(new JcaPKCS8Generator(kp.getPrivate(), null).generate()));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);

    try (RegistryServer s = RegistryServer.builder().dataDir(data.resolve("d")).port(0).tls(certFile, keyFile)
        .build().start()) {
      assertRoundTrip(HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_2).build(), s,
          HttpClient.Version.HTTP_2);
      assertRoundTrip(HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1).build(), s,
          HttpClient.Version.HTTP_1_1);
    }
    try (RegistryServer s = RegistryServer.builder().dataDir(data.resolve("e")).port(0).tls(certFile, keyFile)
        .http2(false).build().start()) {
      assertRoundTrip(HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_2).build(), s,
          HttpClient.Version.HTTP_1_1);
    }
  }

  @Test
  void http2CanBeTurnedOff() throws Exception {
    try (RegistryServer s = RegistryServer.builder().dataDir(data).port(0).http2(false).build().start()) {
      HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
      assertRoundTrip(h2, s, HttpClient.Version.HTTP_1_1);
    }
  }

  /** A 3 MiB blob pushed monolithically and read back, every answer in {@code expected}. */
  private static void assertRoundTrip(HttpClient http, RegistryServer s, HttpClient.Version expected)
      throws Exception {
    byte[] blob = new byte[3 * 1024 * 1024];
    new Random(expected.ordinal() + s.port()).nextBytes(blob);
    Digest d = Digest.sha256(blob);
    HttpResponse<String> push = http.send(HttpRequest.newBuilder(s.url().resolve("/v2/h2/app/blobs/uploads/?digest="
        + d)).header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(blob))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(push.statusCode()).as(push.body()).isEqualTo(201);
    assertThat(push.version()).isEqualTo(expected);
    HttpResponse<byte[]> pull = http.send(HttpRequest.newBuilder(s.url().resolve("/v2/h2/app/blobs/" + d)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pull.statusCode()).isEqualTo(200);
    assertThat(pull.version()).isEqualTo(expected);
    assertThat(Digest.sha256(pull.body())).isEqualTo(d);
    HttpResponse<String> missing = http.send(HttpRequest.newBuilder(s.url().resolve("/v2/h2/app/manifests/nope"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("MANIFEST_UNKNOWN");
  }

  private static String pem(Object o) throws Exception {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    }
    return w.toString();
  }
}
