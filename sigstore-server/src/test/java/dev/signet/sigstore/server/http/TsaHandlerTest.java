package dev.signet.sigstore.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.sigstore.server.tsa.TimestampAuthority;
import dev.signet.sigstore.server.tsa.TsaIdentity;
import dev.signet.sigstore.server.tsa.TsaKeyStore;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.ValidityWindow;
import dev.signet.verify.tsa.Rfc3161Timestamp;
import dev.signet.verify.tsa.TimestampVerifier;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsaHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-08T02:00:00Z");
  private static final byte[] SIGNATURE = "signature".getBytes(StandardCharsets.UTF_8);
  @TempDir Path tmp;
  private TsaIdentity identity;
  private TimestampAuthority tsa;

  @BeforeEach
  void setUp() throws Exception {
    identity = TsaKeyStore.loadOrCreate(tmp, "signet.test", Clock.fixed(NOW.minusSeconds(3600), ZoneOffset.UTC));
    tsa = new TimestampAuthority(identity, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private List<CertificateAuthority> trusted() {
    return List.of(new CertificateAuthority("", "", identity.chain(), ValidityWindow.from(NOW.minusSeconds(3600))));
  }

  @Test
  void derAndJsonQueriesGet201TimestampReplies() throws Exception {
    TimeStampRequestGenerator g = new TimeStampRequestGenerator();
    g.setCertReq(true);
    byte[] der = g.generate(TSPAlgorithms.SHA256, MessageDigest.getInstance("SHA-256").digest(SIGNATURE),
        BigInteger.valueOf(77)).getEncoded();
    try (TestServer server = new TestServer(new TsaHandler(tsa))) {
      HttpResponse<byte[]> r = server.post("/api/v1/timestamp", "application/timestamp-query", der);
      assertThat(r.statusCode()).isEqualTo(201);
      assertThat(r.headers().firstValue("Content-Type")).contains("application/timestamp-reply");
      assertThat(TimestampVerifier.verify(r.body(), SIGNATURE, trusted())).isEqualTo(NOW);
      assertThat(Rfc3161Timestamp.parse(r.body()).nonce()).contains(BigInteger.valueOf(77));

      String json = "{\"artifactHash\":\"" + Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(SIGNATURE)) + "\",\"hashAlgorithm\":\"sha256\"}";
      HttpResponse<byte[]> j = server.post("/api/v1/timestamp", "application/json; charset=utf-8",
          json.getBytes(StandardCharsets.UTF_8));
      assertThat(j.statusCode()).isEqualTo(201);
      assertThat(TimestampVerifier.verify(j.body(), SIGNATURE, trusted())).isEqualTo(NOW);
    }
  }

  @Test
  void certChainIsServedAsPem() throws Exception {
    try (TestServer server = new TestServer(new TsaHandler(tsa))) {
      HttpResponse<byte[]> r = server.get("/api/v1/timestamp/certchain");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).contains("application/pem-certificate-chain");
      assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo(identity.chainPem())
          .startsWith("-----BEGIN CERTIFICATE-----");
    }
  }

  @Test
  void badQueriesGet400JsonAndOtherPathsAreLeftAlone() throws Exception {
    try (TestServer server = new TestServer(new TsaHandler(tsa))) {
      for (byte[] body : List.of("junk".getBytes(StandardCharsets.UTF_8), new byte[0])) {
        HttpResponse<byte[]> r = server.post("/api/v1/timestamp", "application/timestamp-query", body);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode err = JSON.readTree(r.body());
        assertThat(err.path("code").asInt()).isEqualTo(400);
        assertThat(err.path("message").asText()).startsWith("timestamp request: ");
      }
      HttpResponse<byte[]> json = server.post("/api/v1/timestamp", "application/json",
          "{\"hashAlgorithm\":\"sha1\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(json.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(json.body()).path("message").asText()).contains("sha1");

      assertThat(server.post("/api/v1/timestamp", "application/timestamp-query", new byte[20_000]).statusCode())
          .isEqualTo(413);
      assertThat(server.get("/api/v1/timestamp").statusCode()).isEqualTo(405);
      assertThat(server.get("/api/v1/log").statusCode()).isEqualTo(TestServer.UNCLAIMED);
      assertThat(server.get("/api/v1/timestampX").statusCode()).isEqualTo(TestServer.UNCLAIMED);
    }
  }
}
