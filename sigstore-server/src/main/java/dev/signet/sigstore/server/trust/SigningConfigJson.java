package dev.signet.sigstore.server.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.verify.root.ValidityWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link SigningConfig} as protojson: field order {@code mediaType, caUrls, oidcUrls, rekorTlogUrls,
 * tsaUrls, rekorTlogConfig, tsaConfig}, {@code validFor {start[, end]}} as RFC 3339 UTC, {@code count}
 * only for EXACT, empty operator left out; two-space indentation and a final newline, so equal configs
 * give equal bytes. {@link #parse} reads the same shape (and what other writers produce).
 */
public final class SigningConfigJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SigningConfigJson() {}

  public static byte[] write(SigningConfig config) {
    ObjectNode n = JSON.createObjectNode();
    n.put("mediaType", SigningConfig.MEDIA_TYPE);
    services(n.putArray("caUrls"), config.caUrls());
    services(n.putArray("oidcUrls"), config.oidcUrls());
    services(n.putArray("rekorTlogUrls"), config.rekorTlogUrls());
    services(n.putArray("tsaUrls"), config.tsaUrls());
    selection(n.putObject("rekorTlogConfig"), config.rekorTlogConfig());
    selection(n.putObject("tsaConfig"), config.tsaConfig());
    return pretty(n);
  }

  /**
   * @throws IllegalArgumentException naming the malformed field
   */
  public static SigningConfig parse(byte[] json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("signing config: not JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("signing config: not a JSON object");
    }
    if (!SigningConfig.MEDIA_TYPE.equals(n.path("mediaType").asText())) {
      throw new IllegalArgumentException("signing config: mediaType " + n.path("mediaType")
          + " is not " + SigningConfig.MEDIA_TYPE);
    }
    return new SigningConfig(services(n, "caUrls"), services(n, "oidcUrls"), services(n, "rekorTlogUrls"),
        services(n, "tsaUrls"), selection(n, "rekorTlogConfig"), selection(n, "tsaConfig"));
  }

  static byte[] pretty(JsonNode n) {
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withArrayEmptySeparator("").withObjectEmptySeparator(""))
        .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
        .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    try {
      return (JSON.writer(pp).writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON tree cannot fail", e);
    }
  }

  private static void services(ArrayNode out, List<SigningConfig.Service> services) {
    for (SigningConfig.Service s : services) {
      ObjectNode n = out.addObject();
      n.put("url", s.url());
      n.put("majorApiVersion", s.majorApiVersion());
      ObjectNode v = n.putObject("validFor");
      v.put("start", s.validFor().start().toString());
      s.validFor().end().ifPresent(e -> v.put("end", e.toString()));
      if (!s.operator().isEmpty()) {
        n.put("operator", s.operator());
      }
    }
  }

  private static void selection(ObjectNode n, SigningConfig.Selection s) {
    n.put("selector", s.selector().name());
    if (s.selector() == SigningConfig.Selector.EXACT) {
      n.put("count", s.count());
    }
  }

  private static List<SigningConfig.Service> services(JsonNode root, String field) {
    JsonNode arr = root.path(field);
    List<SigningConfig.Service> out = new ArrayList<>();
    if (arr.isMissingNode() || arr.isNull()) {
      return out;
    }
    if (!arr.isArray()) {
      throw new IllegalArgumentException("signing config: " + field + " is not an array");
    }
    for (JsonNode s : arr) {
      String where = "signing config: " + field + "[" + out.size() + "]";
      try {
        JsonNode v = s.path("validFor");
        Instant start = Instant.parse(v.path("start").asText());
        Optional<Instant> end = v.hasNonNull("end") ? Optional.of(Instant.parse(v.get("end").asText())) : Optional.empty();
        out.add(new SigningConfig.Service(s.path("url").asText(""), s.path("majorApiVersion").asInt(0),
            new ValidityWindow(start, end), s.path("operator").asText("")));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(where + ".validFor: not an RFC 3339 time: " + e.getParsedString());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static SigningConfig.Selection selection(JsonNode root, String field) {
    JsonNode n = root.path(field);
    String name = n.path("selector").asText("ANY").toUpperCase(Locale.ROOT);
    try {
      SigningConfig.Selector selector = SigningConfig.Selector.valueOf(name);
      return new SigningConfig.Selection(selector, selector == SigningConfig.Selector.EXACT ? n.path("count").asInt(0) : 0);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signing config: " + field + ": " + e.getMessage());
    }
  }
}
