package dev.signet.sign.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Sigstore {@code SigningConfig} v0.2 ({@code application/vnd.dev.sigstore.signingconfig.v0.2+json}): the
 * CA, OIDC, transparency-log and timestamp services a signer may use, each with its major API version,
 * validity window and operator, plus the selectors for logs and TSAs. Pure: parsing and selection only.
 */
public record SigningConfig(List<Service> caUrls, List<Service> oidcUrls, List<Service> rekorTlogUrls,
    Selector rekorTlogConfig, List<Service> tsaUrls, Selector tsaConfig) {

  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.signingconfig.v0.2+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One service: base URL (the full endpoint for TSAs), API version, validity and operator. */
  public record Service(URI url, int majorApiVersion, Instant start, Optional<Instant> end, String operator) {
    boolean validAt(Instant now) {
      return !now.isBefore(start) && end.map(e -> !now.isAfter(e)).orElse(true);
    }
  }

  /** {@code ALL}, {@code ANY} or {@code EXACT} with a count. */
  public record Selector(String selector, int count) {
    static final Selector ANY = new Selector("ANY", 0);
  }

  public SigningConfig {
    caUrls = List.copyOf(caUrls);
    oidcUrls = List.copyOf(oidcUrls);
    rekorTlogUrls = List.copyOf(rekorTlogUrls);
    tsaUrls = List.copyOf(tsaUrls);
  }

  public static SigningConfig parse(byte[] json, String source) throws KeylessException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new KeylessException("signing config " + source + " is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new KeylessException("signing config " + source + " is not a JSON object");
    }
    String mediaType = root.path("mediaType").asText("");
    if (!MEDIA_TYPE.equals(mediaType)) {
      throw new KeylessException("signing config " + source + " has media type \"" + mediaType + "\"; only "
          + MEDIA_TYPE + " is supported");
    }
    return new SigningConfig(services(root, "caUrls", source), services(root, "oidcUrls", source),
        services(root, "rekorTlogUrls", source), selector(root, "rekorTlogConfig", source),
        services(root, "tsaUrls", source), selector(root, "tsaConfig", source));
  }

  private static List<Service> services(JsonNode root, String field, String source) throws KeylessException {
    List<Service> out = new ArrayList<>();
    JsonNode list = root.path(field);
    if (list.isMissingNode() || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw new KeylessException("signing config " + source + ": " + field + " is not an array");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode s = list.get(i);
      String where = "signing config " + source + ": " + field + "[" + i + "]";
      URI url = Urls.parse(s.path("url").asText(""), where + " url");
      int version = s.path("majorApiVersion").asInt(0);
      if (version <= 0) {
        throw new KeylessException(where + " has no majorApiVersion");
      }
      Instant start = instant(s.path("validFor").path("start"), where + " validFor.start");
      if (start == null) {
        throw new KeylessException(where + " has no validFor.start");
      }
      Optional<Instant> end = Optional.ofNullable(instant(s.path("validFor").path("end"), where + " validFor.end"));
      out.add(new Service(url, version, start, end, s.path("operator").asText("")));
    }
    return out;
  }

  private static Instant instant(JsonNode n, String where) throws KeylessException {
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    try {
      return Instant.parse(n.asText());
    } catch (DateTimeParseException e) {
      throw new KeylessException(where + " is not an RFC 3339 time: " + n.asText(), e);
    }
  }

  private static Selector selector(JsonNode root, String field, String source) throws KeylessException {
    JsonNode c = root.path(field);
    if (!c.isObject()) {
      return Selector.ANY;
    }
    String s = c.path("selector").asText("ANY");
    if (!Set.of("ALL", "ANY", "EXACT").contains(s)) {
      throw new KeylessException("signing config " + source + ": " + field + ".selector " + s
          + " is not ALL, ANY or EXACT");
    }
    int count = c.path("count").asInt(0);
    if (s.equals("EXACT") && count <= 0) {
      throw new KeylessException("signing config " + source + ": " + field + " EXACT needs a positive count");
    }
    return new Selector(s, count);
  }

  /**
   * The services valid at {@code now} with a supported API version, best first: highest supported version,
   * then newest start. At most one per operator.
   */
  static List<Service> candidates(List<Service> services, Set<Integer> supported, Instant now) {
    List<Service> valid = new ArrayList<>(services.stream()
        .filter(s -> supported.contains(s.majorApiVersion()) && s.validAt(now)).toList());
    valid.sort(Comparator.comparingInt(Service::majorApiVersion).reversed()
        .thenComparing(Comparator.comparing(Service::start).reversed()));
    List<Service> out = new ArrayList<>();
    Set<String> operators = new HashSet<>();
    for (Service s : valid) {
      if (s.operator().isEmpty() || operators.add(s.operator())) {
        out.add(s);
      }
    }
    return out;
  }

  /** The CA to use at {@code now} (Fulcio's API is major version 1 in signing configs), if any. */
  public Optional<Service> selectCa(Instant now) {
    return candidates(caUrls, Set.of(1), now).stream().findFirst();
  }

  /** The OIDC provider to use at {@code now}, if any. */
  public Optional<Service> selectOidc(Instant now) {
    return candidates(oidcUrls, Set.of(1), now).stream().findFirst();
  }

  /** The logs to write to at {@code now} (Rekor v1 and v2), per {@code rekorTlogConfig}. */
  public List<Service> selectTlogs(Instant now) throws KeylessException {
    return select(candidates(rekorTlogUrls, Set.of(1, 2), now), rekorTlogConfig, "transparency logs");
  }

  /** The timestamp authorities to use at {@code now}, per {@code tsaConfig}. */
  public List<Service> selectTsas(Instant now) throws KeylessException {
    return select(candidates(tsaUrls, Set.of(1), now), tsaConfig, "timestamp authorities");
  }

  private static List<Service> select(List<Service> candidates, Selector selector, String what)
      throws KeylessException {
    return switch (selector.selector()) {
      case "ALL" -> candidates;
      case "EXACT" -> {
        if (candidates.size() < selector.count()) {
          throw new KeylessException("the signing config asks for exactly " + selector.count() + " " + what
              + " but only " + candidates.size() + " are valid now with a supported API version");
        }
        yield List.copyOf(candidates.subList(0, selector.count()));
      }
      default -> candidates.isEmpty() ? List.of() : List.of(candidates.get(0));
    };
  }
}
