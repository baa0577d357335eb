package dev.signet.sigstore.server.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signet.sigstore.server.trust.SigningConfig.Selection;
import dev.signet.sigstore.server.trust.SigningConfig.Service;
import dev.signet.verify.root.ValidityWindow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningConfigJsonTest {
  private static final ValidityWindow FROM = ValidityWindow.from(Instant.parse("2026-12-08T00:00:00Z"));

  @Test
  void goldenSelfHostedConfig() {
    SigningConfig config = new SigningConfig(
        List.of(new Service("https://signet.example", 1, FROM, "signet.example")),
        List.of(new Service("https://signet.example/oidc", 1, FROM, "signet.example")),
        List.of(new Service("https://signet.example", 2, FROM, "signet.example"),
            new Service("https://old.example", 1, new ValidityWindow(Instant.parse("2025-01-01T00:00:00Z"),
                Optional.of(Instant.parse("2026-12-08T00:00:00Z"))), "")),
        List.of(new Service("https://signet.example/api/v1/timestamp", 1, FROM, "signet.example")),
        Selection.any(), Selection.exactly(1));

    assertThat(new String(SigningConfigJson.write(config), StandardCharsets.UTF_8)).isEqualTo("""
        {
          "mediaType": "application/vnd.dev.sigstore.signingconfig.v0.2+json",
          "caUrls": [
            {
              "url": "https://signet.example",
              "majorApiVersion": 1,
              "validFor": {
                "start": "2026-12-08T00:00:00Z"
              },
              "operator": "signet.example"
            }
          ],
          "oidcUrls": [
            {
              "url": "https://signet.example/oidc",
              "majorApiVersion": 1,
              "validFor": {
                "start": "2026-12-08T00:00:00Z"
              },
              "operator": "signet.example"
            }
          ],
          "rekorTlogUrls": [
            {
              "url": "https://signet.example",
              "majorApiVersion": 2,
              "validFor": {
                "start": "2026-12-08T00:00:00Z"
              },
              "operator": "signet.example"
            },
            {
              "url": "https://old.example",
              "majorApiVersion": 1,
              "validFor": {
                "start": "2025-01-01T00:00:00Z",
                "end": "2026-12-08T00:00:00Z"
              }
            }
          ],
          "tsaUrls": [
            {
              "url": "https://signet.example/api/v1/timestamp",
              "majorApiVersion": 1,
              "validFor": {
                "start": "2026-12-08T00:00:00Z"
              },
              "operator": "signet.example"
            }
          ],
          "rekorTlogConfig": {
            "selector": "ANY"
          },
          "tsaConfig": {
            "selector": "EXACT",
            "count": 1
          }
        }
        """);
    assertThat(SigningConfigJson.parse(SigningConfigJson.write(config))).isEqualTo(config);
  }

  /** The file @sigstore/mock wrote (an independent writer): parsed and rewritten byte for byte. */
  @Test
  void rewritesSigstoreMocksSigningConfigByteForByte() throws Exception {
    Path vectors = Path.of(System.getProperty("signet.vectors", "../shared/vectors"));
    Path file = vectors.resolve("sigstore-js/mock-keyless-uri/signing_config.json");
    if (!Files.isRegularFile(file)) {
      System.err.println("SKIPPED: no vector " + file);
    }
    assumeTrue(Files.isRegularFile(file), "no vector " + file);
    String original = Files.readString(file);

    SigningConfig parsed = SigningConfigJson.parse(original.getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.tsaUrls().get(0).url()).endsWith("/api/v1/timestamp");
    assertThat(new String(SigningConfigJson.write(parsed), StandardCharsets.UTF_8).strip()).isEqualTo(original.strip());
  }

  @Test
  void selfHostedNamesThisInstancesServices() {
    SigningConfig c = SigningConfig.selfHosted("https://signet.example/", "signet.example",
        Instant.parse("2026-12-08T00:00:00Z"), 2, Optional.empty());
    assertThat(c.caUrls()).extracting(Service::url).containsExactly("https://signet.example");
    assertThat(c.rekorTlogUrls()).extracting(Service::majorApiVersion).containsExactly(2);
    assertThat(c.tsaUrls()).extracting(Service::url).containsExactly("https://signet.example/api/v1/timestamp");
    assertThat(c.oidcUrls()).isEmpty();
    assertThat(c.tsaConfig()).isEqualTo(Selection.any());
    assertThat(SigningConfigJson.parse(SigningConfigJson.write(c))).isEqualTo(c);
  }

  @Test
  void refusesMalformedConfigsAndValues() {
    assertThatThrownBy(() -> SigningConfigJson.parse("{\"mediaType\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("mediaType");
    assertThatThrownBy(() -> SigningConfigJson.parse(("{\"mediaType\":\"" + SigningConfig.MEDIA_TYPE
        + "\",\"caUrls\":[{\"url\":\"u\",\"majorApiVersion\":1,\"validFor\":{\"start\":\"yesterday\"}}]}")
        .getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("signing config: caUrls[0].validFor");
    assertThatThrownBy(() -> new Service("", 1, FROM, "")).hasMessageContaining("URL");
    assertThatThrownBy(() -> new Selection(SigningConfig.Selector.EXACT, 0)).hasMessageContaining("count");
  }
}
