package dev.signet.sign.keyless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The RFC 8628 device flow against a small issuer that speaks the protocol (discovery, device authorization,
 * token endpoint answering from a script of RFC 8628 errors), checking PKCE and the polling intervals.
 */
class DeviceFlowTest {
  private HttpServer server;
  private final Deque<String> script = new ConcurrentLinkedDeque<>();
  private final List<Map<String, String>> tokenRequests = new ArrayList<>();
  private volatile Map<String, String> authorization;

  private URI issuer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/.well-known/openid-configuration", ex -> reply(ex, 200, "{\"issuer\":\"" + base + "\","
        + "\"device_authorization_endpoint\":\"" + base + "/device\",\"token_endpoint\":\"" + base + "/token\"}"));
    server.createContext("/device", ex -> {
      authorization = form(ex.getRequestBody().readAllBytes());
      reply(ex, 200, "{\"device_code\":\"dev-123\",\"user_code\":\"ABCD-EFGH\",\"verification_uri\":\"" + base
          + "/activate\",\"expires_in\":600,\"interval\":2}");
    });
    server.createContext("/token", ex -> {
      synchronized (tokenRequests) {
        tokenRequests.add(form(ex.getRequestBody().readAllBytes()));
      }
      String next = script.poll();
      if (next == null || next.startsWith("{")) {
        reply(ex, 200, next == null ? "{\"access_token\":\"a\"}" : next);
      } else {
        reply(ex, 400, "{\"error\":\"" + next + "\"}");
      }
    });
    server.start();
    return URI.create(base);
  }

  private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  private static Map<String, String> form(byte[] body) {
    Map<String, String> m = new HashMap<>();
    for (String kv : new String(body, StandardCharsets.US_ASCII).split("&")) {
      int i = kv.indexOf('=');
      m.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
          URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void pollsAtTheIssuersIntervalUntilTheIdTokenArrives() throws Exception {
    URI issuer = issuer();
    script.addAll(List.of("authorization_pending", "slow_down", "authorization_pending",
        "{\"access_token\":\"a\",\"id_token\":\"header.claims.sig\"}"));
    List<Duration> waits = new ArrayList<>();
    ByteArrayOutputStream prompt = new ByteArrayOutputStream();
    String token = new DeviceFlow(ServiceHttp.jdk(Duration.ofSeconds(10)), waits::add, new SecureRandom())
        .idToken(issuer, "sigstore", new PrintStream(prompt, true, StandardCharsets.UTF_8));
    assertThat(token).isEqualTo("header.claims.sig");
    assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(7),
        Duration.ofSeconds(7));
    assertThat(prompt.toString(StandardCharsets.UTF_8)).isEqualTo("To sign, open " + issuer
        + "/activate and enter the code ABCD-EFGH (the code expires in 600 s).\n");
    assertThat(authorization).containsEntry("client_id", "sigstore").containsEntry("scope", "openid email")
        .containsEntry("code_challenge_method", "S256");
    assertThat(tokenRequests).hasSize(4).allSatisfy(r -> {
      assertThat(r).containsEntry("grant_type", DeviceFlow.GRANT).containsEntry("device_code", "dev-123");
      assertThat(DeviceFlow.challenge(r.get("code_verifier"))).isEqualTo(authorization.get("code_challenge"));
    });
  }

  @Test
  void deniedExpiredAndTokenlessAnswersAreOneLineErrors() throws Exception {
    URI issuer = issuer();
    DeviceFlow flow = new DeviceFlow(ServiceHttp.jdk(Duration.ofSeconds(10)), d -> { }, new SecureRandom());
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    script.add("access_denied");
    assertThatThrownBy(() -> flow.idToken(issuer, "sigstore", quiet))
        .hasMessage("the device authorization at " + issuer + " was denied; nothing was signed");
    script.add("expired_token");
    assertThatThrownBy(() -> flow.idToken(issuer, "sigstore", quiet))
        .hasMessage("the device code of " + issuer + " expired before it was authorized; run the command again");
    script.add("invalid_client");
    assertThatThrownBy(() -> flow.idToken(issuer, "sigstore", quiet))
        .hasMessage("the token endpoint of " + issuer + " refused the device code (HTTP 400): invalid_client");
    assertThatThrownBy(() -> flow.idToken(issuer, "sigstore", quiet))
        .hasMessage("the token endpoint of " + issuer + " answered without an id_token");
    assertThatThrownBy(() -> flow.idToken(URI.create(issuer + "/nowhere"), "sigstore", quiet))
        .isInstanceOf(KeylessException.class).hasMessageContaining("the OIDC discovery document of " + issuer
            + "/nowhere is not JSON (HTTP 404)");
  }
}
