package dev.signet.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class RegistryServerTest {
  @TempDir Path data;

  @Test
  void refusesNonLoopbackAddressesWithoutInsecureNoAuth() {
    assertThatThrownBy(() -> RegistryServer.builder().dataDir(data).host("0.0.0.0").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no authentication")
        .hasMessageContaining("--insecure-no-auth");
  }

  @Test
  void servesAnyAddressWhenToldTo() {
    try (RegistryServer s = RegistryServer.builder().dataDir(data).host("0.0.0.0").port(0).insecureNoAuth(true)
        .build().start()) {
      assertThat(s.port()).isPositive();
    }
  }

  @Test
  void portZeroPicksAFreePortAndUrlNamesIt() {
    try (RegistryServer s = RegistryServer.builder().dataDir(data).port(0).build().start()) {
      assertThat(s.url().toString()).isEqualTo("http://127.0.0.1:" + s.port());
    }
  }

  @Test
  void scheduledGarbageCollectionRunsOnline() throws Exception {
    try (RegistryServer s = RegistryServer.builder().dataDir(data).port(0).gcInterval(java.time.Duration.ofMillis(200))
        .gcGrace(java.time.Duration.ZERO).build().start()) {
      byte[] blob = "collect me".getBytes();
      String digest = dev.signet.oci.Digest.sha256(blob).toString();
      HttpClient http = HttpClient.newHttpClient();
      http.send(HttpRequest.newBuilder(s.url().resolve("/v2/r/blobs/uploads/?digest=" + digest))
          .POST(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.discarding());
      long deadline = System.nanoTime() + 10_000_000_000L;
      int status = 200;
      while (status == 200 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        status = http.send(HttpRequest.newBuilder(s.url().resolve("/v2/r/blobs/" + digest))
            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
      }
      assertThat(status).isEqualTo(404);
    }
  }

  @Test
  void servesTlsFromPemFiles() throws Exception {
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

    try (RegistryServer s = RegistryServer.builder().dataDir(data.resolve("d")).port(0).tls(certFile, keyFile)
        .build().start()) {
      assertThat(s.url().getScheme()).isEqualTo("https");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", cert);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      HttpResponse<String> r = HttpClient.newBuilder().sslContext(ctx).build()
          .send(HttpRequest.newBuilder(s.url().resolve("/v2/")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{}");
    }
  }

  private static String pem(Object o) throws Exception {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    }
    return w.toString();
  }
}
