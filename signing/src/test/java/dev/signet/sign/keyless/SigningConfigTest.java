package dev.signet.sign.keyless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SigningConfigTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private static String service(String url, int version, String start, String end, String operator) {
    return "{\"url\":\"" + url + "\",\"majorApiVersion\":" + version + ",\"validFor\":{\"start\":\"" + start + "\""
        + (end == null ? "" : ",\"end\":\"" + end + "\"") + "},\"operator\":\"" + operator + "\"}";
  }

  private static SigningConfig config(String tlogSelector, String tsaSelector) throws KeylessException {
    String json = "{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
        + "\"caUrls\":[" + service("https://ca-old.example", 1, "2025-01-01T00:00:00Z", null, "a") + ","
        + service("https://ca-new.example", 1, "2026-01-01T00:00:00Z", null, "a") + ","
        + service("https://ca-future.example", 1, "2027-01-01T00:00:00Z", null, "a") + ","
        + service("https://ca-v9.example", 9, "2026-01-01T00:00:00Z", null, "a") + "],"
        + "\"oidcUrls\":[" + service("https://oidc.example", 1, "2025-01-01T00:00:00Z", null, "a") + "],"
        + "\"rekorTlogUrls\":[" + service("https://rekor-v1.example", 1, "2025-01-01T00:00:00Z", null, "a") + ","
        + service("https://rekor-v2.example", 2, "2026-01-01T00:00:00Z", null, "a") + ","
        + service("https://rekor-b.example", 1, "2025-01-01T00:00:00Z", null, "b") + ","
        + service("https://rekor-ended.example", 2, "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "c") + "],"
        + "\"rekorTlogConfig\":{\"selector\":\"" + tlogSelector + "\"" + (tlogSelector.equals("EXACT") ? ",\"count\":3" : "")
        + "},"
        + "\"tsaUrls\":[" + service("https://tsa.example/api/v1/timestamp", 1, "2025-01-01T00:00:00Z", null, "a") + ","
        + service("https://tsa-b.example/api/v1/timestamp", 1, "2025-01-01T00:00:00Z", null, "b") + "],"
        + "\"tsaConfig\":{\"selector\":\"" + tsaSelector + "\"}}";
    return SigningConfig.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  @Test
  void selectsTheNewestValidServiceOfTheHighestSupportedVersion() throws Exception {
    SigningConfig c = config("ANY", "ALL");
    assertThat(c.selectCa(NOW).orElseThrow().url()).isEqualTo(URI.create("https://ca-new.example"));
    assertThat(c.selectCa(Instant.parse("2025-06-01T00:00:00Z")).orElseThrow().url())
        .isEqualTo(URI.create("https://ca-old.example"));
    assertThat(c.selectCa(Instant.parse("2024-06-01T00:00:00Z"))).isEmpty();
    assertThat(c.selectOidc(NOW).orElseThrow().url()).isEqualTo(URI.create("https://oidc.example"));
    // ANY: one log, the v2 one (highest supported version); the ended v2 log is out of its window.
    assertThat(c.selectTlogs(NOW)).extracting(SigningConfig.Service::url)
        .containsExactly(URI.create("https://rekor-v2.example"));
    assertThat(c.selectTsas(NOW)).extracting(SigningConfig.Service::url).containsExactly(
        URI.create("https://tsa.example/api/v1/timestamp"), URI.create("https://tsa-b.example/api/v1/timestamp"));
  }

  @Test
  void allTakesOneServicePerOperatorAndExactFailsWhenTooFewAreValid() throws Exception {
    assertThat(config("ALL", "ANY").selectTlogs(NOW)).extracting(SigningConfig.Service::url)
        .containsExactly(URI.create("https://rekor-v2.example"), URI.create("https://rekor-b.example"));
    assertThat(config("ALL", "ANY").selectTlogs(Instant.parse("2025-06-01T00:00:00Z")))
        .extracting(SigningConfig.Service::url)
        .containsExactly(URI.create("https://rekor-ended.example"), URI.create("https://rekor-v1.example"),
            URI.create("https://rekor-b.example"));
    assertThatThrownBy(() -> config("EXACT", "ANY").selectTlogs(NOW)).isInstanceOf(KeylessException.class)
        .hasMessage("the signing config asks for exactly 3 transparency logs but only 2 are valid now with a"
            + " supported API version");
  }

  @Test
  void servicesFromAConfigAndSingleUrlsThatWin() throws Exception {
    SigningServices s = SigningServices.of(config("ANY", "ANY"), NOW);
    assertThat(s.ca()).contains(URI.create("https://ca-new.example"));
    assertThat(s.logs()).containsExactly(new SigningServices.Log(URI.create("https://rekor-v2.example"), 2));
    assertThat(s.hasV2Log()).isTrue();
    SigningServices overridden = s.withLog("http://127.0.0.1:3000").withTsa("http://127.0.0.1:3001/tsa");
    assertThat(overridden.logs()).containsExactly(new SigningServices.Log(URI.create("http://127.0.0.1:3000"), 1));
    assertThat(overridden.hasV2Log()).isFalse();
    assertThat(overridden.tsas()).containsExactly(URI.create("http://127.0.0.1:3001/tsa"));
    assertThat(s.withLog("https://log.example/api/v2/").logs())
        .containsExactly(new SigningServices.Log(URI.create("https://log.example"), 2));
    assertThat(s.withoutLogs().logs()).isEmpty();
  }

  @Test
  void badConfigsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> SigningConfig.parse("{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.1+json\"}"
        .getBytes(StandardCharsets.UTF_8), "c.json")).hasMessageContaining("signing config c.json has media type"
        + " \"application/vnd.dev.sigstore.signingconfig.v0.1+json\"");
    assertThatThrownBy(() -> SigningConfig.parse(("{\"mediaType\":\"" + SigningConfig.MEDIA_TYPE + "\",\"caUrls\":[{\"url\":"
        + "\"https://ca.example\",\"majorApiVersion\":1}]}").getBytes(StandardCharsets.UTF_8), "c.json"))
        .hasMessage("signing config c.json: caUrls[0] has no validFor.start");
    assertThatThrownBy(() -> SigningConfig.parse(("{\"mediaType\":\"" + SigningConfig.MEDIA_TYPE + "\",\"tsaUrls\":[{\"url\":"
        + "\"file:///tsa\",\"majorApiVersion\":1,\"validFor\":{\"start\":\"2025-01-01T00:00:00Z\"}}]}")
        .getBytes(StandardCharsets.UTF_8), "c.json"))
        .hasMessage("signing config c.json: tsaUrls[0] url file:///tsa is not an http(s) URL");
    assertThatThrownBy(() -> SigningConfig.parse("[]".getBytes(StandardCharsets.UTF_8), "c.json"))
        .hasMessage("signing config c.json is not a JSON object");
  }

  @Test
  void sigstoreJsSigningConfigVectorParses() throws Exception {
    Path vectors = Path.of(System.getProperty("signet.vectors", "../shared/vectors"));
    Path file = vectors.resolve("sigstore-js/mock-keyless-uri/signing_config.json");
    Assumptions.assumeTrue(Files.isRegularFile(file), "SKIPPED: vector " + file + " not found");
    SigningConfig c = SigningConfig.parse(Files.readAllBytes(file), file.toString());
    Instant after = c.caUrls().get(0).start().plusSeconds(1);
    SigningServices s = SigningServices.of(c, after);
    assertThat(s.ca()).contains(c.caUrls().get(0).url());
    assertThat(s.logs()).containsExactly(new SigningServices.Log(c.rekorTlogUrls().get(0).url(), 1));
    assertThat(s.tsas()).containsExactly(c.tsaUrls().get(0).url());
    assertThat(SigningServices.of(c, c.caUrls().get(0).start().minusSeconds(1)).ca()).isEmpty();
    assertThat(List.of(c.rekorTlogConfig().selector(), c.tsaConfig().selector())).containsExactly("ANY", "ANY");
  }
}
