package dev.signet.sign.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) with PKCE (RFC 7636, S256) against an OIDC issuer, for
 * an ID token when a person at a terminal signs: discovery, device authorization, "open this URL and enter
 * this code" on the prompt stream, then polling the token endpoint at the issuer's interval (longer after
 * {@code slow_down}) until the ID token arrives, the user refuses, or the code expires.
 */
public final class DeviceFlow {
  /** Waits between polls (a seam for tests). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServiceHttp http;
  private final Sleeper sleeper;
  private final SecureRandom random;

  public DeviceFlow(ServiceHttp http, Sleeper sleeper, SecureRandom random) {
    this.http = http;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** The raw ID token for {@code clientId} from {@code issuer}; instructions go to {@code prompt}. */
  public String idToken(URI issuer, String clientId, PrintStream prompt) throws KeylessException {
    JsonNode discovery = json(http.get(Urls.append(issuer, "/.well-known/openid-configuration"),
        Map.of("Accept", "application/json")), "the OIDC discovery document of " + issuer);
    String deviceEndpoint = discovery.path("device_authorization_endpoint").asText("");
    String tokenEndpoint = discovery.path("token_endpoint").asText("");
    if (deviceEndpoint.isEmpty() || tokenEndpoint.isEmpty()) {
      throw new KeylessException("the OIDC issuer " + issuer + " offers no device flow (no device_authorization_endpoint"
          + " or token_endpoint); pass an ID token with --identity-token");
    }
    byte[] verifierBytes = new byte[32];
    random.nextBytes(verifierBytes);
    String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(verifierBytes);
    Map<String, String> authz = new LinkedHashMap<>();
    authz.put("client_id", clientId);
    authz.put("scope", "openid email");
    authz.put("code_challenge", challenge(verifier));
    authz.put("code_challenge_method", "S256");
    ServiceHttp.Response r = http.post(Urls.parse(deviceEndpoint, "device_authorization_endpoint"),
        "application/x-www-form-urlencoded", form(authz), Map.of("Accept", "application/json"));
    if (!r.ok()) {
      throw new KeylessException("the OIDC issuer " + issuer + " refused the device authorization for client "
          + clientId + " (HTTP " + r.status() + "): " + Urls.reason(r));
    }
    JsonNode device = json(r, "the device authorization answer of " + issuer);
    String deviceCode = device.path("device_code").asText("");
    if (deviceCode.isEmpty()) {
      throw new KeylessException("the OIDC issuer " + issuer + " answered the device authorization without a device_code");
    }
    String where = device.path("verification_uri_complete").asText(device.path("verification_uri").asText(""));
    prompt.println("To sign, open " + where + (device.has("verification_uri_complete") ? ""
        : " and enter the code " + device.path("user_code").asText("")) + " (the code expires in "
        + device.path("expires_in").asLong(300) + " s).");
    prompt.flush();
    long interval = Math.max(1, device.path("interval").asLong(5));
    long deadlineSeconds = device.path("expires_in").asLong(300);
    Map<String, String> poll = new LinkedHashMap<>();
    poll.put("grant_type", GRANT);
    poll.put("device_code", deviceCode);
    poll.put("client_id", clientId);
    poll.put("code_verifier", verifier);
    URI token = Urls.parse(tokenEndpoint, "token_endpoint");
    for (long waited = 0; waited <= deadlineSeconds; waited += interval) {
      try {
        sleeper.sleep(Duration.ofSeconds(interval));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KeylessException("interrupted while waiting for the device authorization", e);
      }
      ServiceHttp.Response t = http.post(token, "application/x-www-form-urlencoded", form(poll),
          Map.of("Accept", "application/json"));
      JsonNode answer = json(t, "the token endpoint of " + issuer);
      if (t.ok()) {
        String idToken = answer.path("id_token").asText("");
        if (idToken.isEmpty()) {
          throw new KeylessException("the token endpoint of " + issuer + " answered without an id_token");
        }
        return idToken;
      }
      switch (answer.path("error").asText("")) {
        case "authorization_pending" -> { }
        case "slow_down" -> interval += 5;
        case "access_denied" -> throw new KeylessException("the device authorization at " + issuer
            + " was denied; nothing was signed");
        case "expired_token" -> throw new KeylessException("the device code of " + issuer
            + " expired before it was authorized; run the command again");
        default -> throw new KeylessException("the token endpoint of " + issuer + " refused the device code (HTTP "
            + t.status() + "): " + Urls.reason(t));
      }
    }
    throw new KeylessException("the device code of " + issuer + " expired before it was authorized; run the command again");
  }

  static String challenge(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(),
            StandardCharsets.UTF_8))
        .collect(Collectors.joining("&")).getBytes(StandardCharsets.US_ASCII);
  }

  private static JsonNode json(ServiceHttp.Response r, String what) throws KeylessException {
    try {
      JsonNode n = JSON.readTree(r.body());
      if (n == null || !n.isObject()) {
        throw new KeylessException(what + " is not a JSON object (HTTP " + r.status() + "): " + r.text());
      }
      return n;
    } catch (IOException e) {
      throw new KeylessException(what + " is not JSON (HTTP " + r.status() + "): " + r.text(), e);
    }
  }
}
