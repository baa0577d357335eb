package dev.signet.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.signet.cli.CliRunner;
import dev.signet.registry.server.RegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signet identity-token}: an ID token for the account {@code signet login} stored, verifiable via discovery. */
class IdentityTokenCommandTest {
  private static final String PW = "identity-token-admin-pw";

  @TempDir Path dir;
  RegistryServer server;

  @BeforeEach
  void start() {
    server = RegistryServer.builder().dataDir(dir.resolve("data")).port(0).adminPassword(PW.toCharArray()).build()
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRunner runner() {
    return CliRunner.in(dir).env("DOCKER_CONFIG", dir.resolve("docker").toString());
  }

  private String host() {
    return "127.0.0.1:" + server.port();
  }

  private static String get(URI url) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  @Test
  void printsAnIdTokenForTheLoggedInAccountThatVerifiesAgainstTheIssuer() throws Exception {
    assertThat(runner().stdin(PW + "\n").run("login", host(), "-u", "admin", "--password-stdin").exitCode()).isZero();

    CliRunner.Result r = runner().run("identity-token", host());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    String token = r.out().trim();
    var discovery = new ObjectMapper().readTree(get(server.url().resolve("/.well-known/openid-configuration")));
    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
        new ImmutableJWKSet<>(JWKSet.parse(get(URI.create(discovery.get("jwks_uri").asText()))))));
    p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("sigstore",
        new JWTClaimsSet.Builder().issuer(discovery.get("issuer").asText()).subject("admin").build(), Set.of("exp")));
    assertThat(p.process(token, null).getSubject()).isEqualTo("admin");
    assertThat(r.out() + r.err()).doesNotContain(PW);
  }

  @Test
  void withoutStoredCredentialsOrWithWrongOnesItFailsInOneLine() {
    CliRunner.Result none = runner().run("identity-token", host());
    assertThat(none.exitCode()).isNotZero();
    assertThat(none.err()).contains("no credentials for " + host()).contains("signet login").doesNotContain("\tat ");
    assertThat(none.errLines()).hasSize(1);

    assertThat(runner().run("login", "--no-verify", host(), "-u", "admin", "-p", "wrong-password").exitCode()).isZero();
    CliRunner.Result wrong = runner().run("identity-token", host());
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.err()).contains("refused the stored credentials").doesNotContain("wrong-password")
        .doesNotContain("\tat ");
    assertThat(wrong.out()).isEmpty();
  }
}
