package dev.signet.sign.keyless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IdentityTokenTest {
  static String jwt(String claims) {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    return b.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
  }

  @Test
  void claimsAndTheChallengeTheProofOfPossessionSigns() throws Exception {
    IdentityToken t = IdentityToken.parse(" " + jwt("{\"iss\":\"https://issuer.example\",\"sub\":\"1234\","
        + "\"email\":\"dev@example.com\",\"email_verified\":true,\"aud\":[\"sigstore\",\"other\"],\"exp\":1800000000}")
        + "\n");
    assertThat(t.issuer()).isEqualTo("https://issuer.example");
    assertThat(t.subject()).isEqualTo("1234");
    assertThat(t.challenge()).isEqualTo("dev@example.com");
    assertThat(t.audience()).containsExactly("sigstore", "other");
    assertThat(t.expiry()).contains(Instant.ofEpochSecond(1800000000));
    assertThat(t.raw()).doesNotStartWith(" ").doesNotEndWith("\n");
    assertThat(t.toString()).doesNotContain(t.raw()).contains("sub=1234");

    IdentityToken ci = IdentityToken.parse(jwt("{\"iss\":\"https://token.actions.example\",\"sub\":\"repo:o/r:ref:main\","
        + "\"aud\":\"sigstore\"}"));
    assertThat(ci.challenge()).isEqualTo("repo:o/r:ref:main");
    assertThat(ci.audience()).containsExactly("sigstore");
    assertThat(ci.expiry()).isEmpty();
  }

  @Test
  void malformedTokensAreRefusedSayingWhy() {
    assertThatThrownBy(() -> IdentityToken.parse("abc")).hasMessage(
        "the identity token is not a JWT (expected header.payload.signature)");
    assertThatThrownBy(() -> IdentityToken.parse("a.%%%.c")).hasMessage("the identity token's payload is not base64url JSON");
    assertThatThrownBy(() -> IdentityToken.parse(jwt("{\"iss\":\"https://i.example\"}")))
        .hasMessage("the identity token has no sub claim");
    assertThatThrownBy(() -> IdentityToken.parse(jwt("{\"iss\":\"https://i.example\",\"sub\":\"s\","
        + "\"email\":\"x@example.com\",\"email_verified\":false}")))
        .hasMessage("the identity token's email x@example.com is not verified (email_verified is false)");
  }
}
