package dev.signet.sigstore.server.trust;

import dev.signet.verify.root.ValidityWindow;
import java.util.List;
import java.util.Objects;

/**
 * A Sigstore {@code SigningConfig} v0.2 ({@value #MEDIA_TYPE}): the services a client signs with.
 * CA and OIDC URLs are base URLs (clients append {@code /api/v2/signingCert}); TSA URLs are full
 * ({@code …/api/v1/timestamp}); log URLs are base URLs. Written by {@link SigningConfigJson}.
 */
public record SigningConfig(
    List<Service> caUrls, List<Service> oidcUrls, List<Service> rekorTlogUrls, List<Service> tsaUrls,
    Selection rekorTlogConfig, Selection tsaConfig) {
  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.signingconfig.v0.2+json";

  public SigningConfig {
    caUrls = List.copyOf(caUrls);
    oidcUrls = List.copyOf(oidcUrls);
    rekorTlogUrls = List.copyOf(rekorTlogUrls);
    tsaUrls = List.copyOf(tsaUrls);
    Objects.requireNonNull(rekorTlogConfig, "rekorTlogConfig");
    Objects.requireNonNull(tsaConfig, "tsaConfig");
  }

  /**
   * The config of one self-hosted instance at {@code baseUrl} (no trailing slash) serving CA, log and
   * TSA itself: CA {@code baseUrl} (API 1), log {@code baseUrl} ({@code rekorMajorApiVersion}), TSA
   * {@code baseUrl/api/v1/timestamp}, all valid from {@code start}, run by {@code operator}; an OIDC
   * URL only when {@code oidcUrl} is given; selectors ANY.
   */
  public static SigningConfig selfHosted(String baseUrl, String operator, java.time.Instant start,
      int rekorMajorApiVersion, java.util.Optional<String> oidcUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    ValidityWindow from = ValidityWindow.from(start);
    return new SigningConfig(List.of(new Service(base, 1, from, operator)),
        oidcUrl.map(u -> List.of(new Service(u, 1, from, operator))).orElse(List.of()),
        List.of(new Service(base, rekorMajorApiVersion, from, operator)),
        List.of(new Service(base + "/api/v1/timestamp", 1, from, operator)), Selection.any(), Selection.any());
  }

  /**
   * One service endpoint.
   *
   * @param majorApiVersion the API major version the URL speaks (Fulcio 1 for {@code /api/v1} and
   *     {@code /api/v2} alike as the public-good file has it; Rekor 1 or 2; TSA 1)
   * @param operator who runs it; clients pick at most one service per operator
   */
  public record Service(String url, int majorApiVersion, ValidityWindow validFor, String operator) {
    public Service {
      Objects.requireNonNull(url, "url");
      if (url.isBlank()) {
        throw new IllegalArgumentException("a service needs a URL");
      }
      if (majorApiVersion < 1) {
        throw new IllegalArgumentException("majorApiVersion must be at least 1, got " + majorApiVersion);
      }
      Objects.requireNonNull(validFor, "validFor");
      operator = operator == null ? "" : operator;
    }
  }

  /** How many of the listed services a client uses: every one, any one, or exactly {@code count}. */
  public enum Selector { ALL, ANY, EXACT }

  /** A {@code ServiceConfiguration}: {@code count} only with {@link Selector#EXACT}. */
  public record Selection(Selector selector, int count) {
    public Selection {
      Objects.requireNonNull(selector, "selector");
      if (selector == Selector.EXACT ? count < 1 : count != 0) {
        throw new IllegalArgumentException("count is required (>= 1) with EXACT and not allowed otherwise");
      }
    }

    public static Selection any() {
      return new Selection(Selector.ANY, 0);
    }

    public static Selection all() {
      return new Selection(Selector.ALL, 0);
    }

    public static Selection exactly(int count) {
      return new Selection(Selector.EXACT, count);
    }
  }
}
