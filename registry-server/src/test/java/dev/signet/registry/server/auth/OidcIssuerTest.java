package dev.signet.registry.server.auth;

import static dev.signet.registry.server.auth.AuthFixture.assertError;
import static dev.signet.registry.server.auth.AuthFixture.basic;
import static dev.signet.registry.server.auth.AuthFixture.bearer;
import static dev.signet.registry.server.auth.AuthFixture.json;
import static dev.signet.registry.server.auth.AuthFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.signet.registry.server.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry as an OIDC issuer: tokens verified with Nimbus against the JWKS found through discovery. */
class OidcIssuerTest {
  private static final String ALICE_PW = "alice-password-1";
  @TempDir Path data;

  /** Discovery, then the JWKS it names, then a full JWT check (signature, iss, aud, exp, nbf). */
  private static JWTClaimsSet verify(AuthFixture fx, String token, String audience) throws Exception {
    JsonNode discovery = json(fx.send("GET", "/.well-known/openid-configuration", null, null));
    String issuer = discovery.get("issuer").asText();
    URI jwksUri = URI.create(discovery.get("jwks_uri").asText());
    assertThat(jwksUri.toString()).startsWith(issuer);
    HttpResponse<byte[]> jwks = fx.send("GET", jwksUri.getPath(), null, null);
    assertThat(jwks.statusCode()).isEqualTo(200);
    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
        new ImmutableJWKSet<>(JWKSet.parse(text(jwks)))));
    p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
        new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat", "iss", "aud")));
    return p.process(token, null);
  }

  private static String idToken(AuthFixture fx, String authorization, String query) {
    HttpResponse<byte[]> r = fx.send("POST", "/oidc/token" + query, null, authorization);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(json(r).get("expires_in").asLong()).isEqualTo(300);
    return json(r).get("id_token").asText();
  }

  @Test
  void discoveryNamesTheRegistryAsIssuerAndTokensVerifyAgainstItsJwks() throws Exception {
    try (AuthFixture fx = AuthFixture.start(data)) {
      fx.user("alice", ALICE_PW);
      JsonNode d = json(fx.send("GET", "/.well-known/openid-configuration", null, null));
      assertThat(d.get("issuer").asText()).isEqualTo("http://" + fx.host());
      assertThat(d.get("token_endpoint").asText()).isEqualTo("http://" + fx.host() + "/oidc/token");
      assertThat(d.get("id_token_signing_alg_values_supported").get(0).asText()).isEqualTo("ES256");

      JWTClaimsSet claims = verify(fx, idToken(fx, basic("alice", ALICE_PW), ""), "sigstore");
      assertThat(claims.getSubject()).isEqualTo("alice");
      assertThat(claims.getAudience()).containsExactly("sigstore");
      assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
          .isEqualTo(Duration.ofMinutes(5));
      assertThat(claims.getClaim("email")).isNull(); // accounts have no e-mail address

      JWTClaimsSet other = verify(fx, idToken(fx, basic("alice", ALICE_PW), "?audience=my-ca"), "my-ca");
      assertThat(other.getAudience()).containsExactly("my-ca");
      String sigstore = idToken(fx, basic("alice", ALICE_PW), "");
      assertThatThrownBy(() -> verify(fx, sigstore, "my-ca")).isInstanceOf(BadJOSEException.class);
    }
  }

  @Test
  void robotsAndRegistryBearerTokensGetTokensToo() throws Exception {
    try (AuthFixture fx = AuthFixture.start(data)) {
      fx.project("own", false);
      String robot = fx.robot("own", "ci", "pull");
      String robotName = AccountNames.account("own", "ci");
      assertThat(verify(fx, idToken(fx, basic(robotName, robot), ""), "sigstore").getSubject()).isEqualTo(robotName);
      assertThat(verify(fx, idToken(fx, basic(robotName, robot), ""), "sigstore").getClaim("signet_account_type"))
          .isEqualTo("robot");

      fx.user("alice", ALICE_PW);
      String registryToken = fx.token(basic("alice", ALICE_PW), "repository:own/app:pull");
      HttpResponse<byte[]> r = fx.send("GET", "/oidc/token", null, bearer(registryToken));
      assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
      assertThat(verify(fx, json(r).get("id_token").asText(), "sigstore").getSubject()).isEqualTo("alice");
    }
  }

  @Test
  void badOrMissingCredentialsAre401() {
    try (AuthFixture fx = AuthFixture.start(data)) {
      fx.user("alice", ALICE_PW);
      assertError(fx.send("POST", "/oidc/token", null, basic("alice", "wrong")), 401, "UNAUTHORIZED");
      assertError(fx.send("POST", "/oidc/token", null, null), 401, "UNAUTHORIZED");
      assertError(fx.send("POST", "/oidc/token", null, bearer("not.a.token")), 401, "UNAUTHORIZED");
      assertError(fx.send("POST", "/oidc/token?audience=a%20b", null, basic("alice", ALICE_PW)), 400, "INVALID");
      assertThat(fx.send("DELETE", "/oidc/jwks", null, null).statusCode()).isEqualTo(405);
    }
  }

  @Test
  void expiredTokensAreRefusedByTheVerifier() throws Exception {
    MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofHours(1)));
    try (AuthFixture fx = AuthFixture.start(data, clock)) {
      fx.user("alice", ALICE_PW);
      String old = idToken(fx, basic("alice", ALICE_PW), "");
      assertThatThrownBy(() -> verify(fx, old, "sigstore")).isInstanceOf(BadJOSEException.class)
          .hasMessageContaining("Expired");
    }
  }

  @Test
  void theKeyIsPrivateAndRotationKeepsThePreviousKeyPublished() throws Exception {
    try (AuthFixture fx = AuthFixture.start(data)) {
      fx.user("alice", ALICE_PW);
      Path key = data.resolve(OidcIssuer.KEY_FILE);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
      String before = idToken(fx, basic("alice", ALICE_PW), "");

      fx.server().auth().oidc().rotate();

      String after = idToken(fx, basic("alice", ALICE_PW), "");
      assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isNotEqualTo(SignedJWT.parse(before).getHeader().getKeyID());
      assertThat(JWKSet.parse(text(fx.send("GET", "/oidc/jwks", null, null))).getKeys()).hasSize(2);
      assertThat(verify(fx, before, "sigstore").getSubject()).isEqualTo("alice");
      assertThat(verify(fx, after, "sigstore").getSubject()).isEqualTo("alice");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(OidcIssuer.PREVIOUS_KEY_FILE))))
          .isEqualTo("rw-------");
    }
  }
}
