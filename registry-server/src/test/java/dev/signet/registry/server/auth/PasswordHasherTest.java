package dev.signet.registry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Argon2id PHC strings, salted, checked in constant time; scope strings as docker clients send them. */
class PasswordHasherTest {
  private static final PasswordHasher HASHER = new PasswordHasher();

  @Test
  void hashesAreArgon2idPhcStrings_saltedAndVerifiable() {
    String a = HASHER.hash("s3cret password".toCharArray());
    String b = HASHER.hash("s3cret password".toCharArray());
    assertThat(a).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(a).isNotEqualTo(b).doesNotContain("s3cret");
    assertThat(HASHER.verify("s3cret password".toCharArray(), a)).isTrue();
    assertThat(HASHER.verify("s3cret passworD".toCharArray(), a)).isFalse();
    assertThat(HASHER.verify("".toCharArray(), a)).isFalse();
    assertThat(HASHER.verify("x".toCharArray(), "$2a$10$notargon")).isFalse();
    assertThat(HASHER.verify("x".toCharArray(), null)).isFalse();
  }

  @Test
  void robotTokensAreStoredAsHashes() {
    String token = Secrets.newRobotToken();
    assertThat(token).startsWith("sgr_").hasSize(4 + 43);
    String stored = Secrets.sha256Hex(token);
    assertThat(Secrets.matchesHash(token, stored)).isTrue();
    assertThat(Secrets.matchesHash(token + "x", stored)).isFalse();
    assertThat(Secrets.matchesHash(token, null)).isFalse();
  }

  @Test
  void scopesParseLikeDistribution() {
    List<Scope> s = Scope.parseAll(List.of("repository:team/app:pull,push repository(plugin):x:pull",
        "registry:catalog:*", "repository:localhost:5000/a:pull", "garbage", "repository:a:"));
    assertThat(s).extracting(Scope::format).containsExactly("repository:team/app:pull,push", "repository:x:pull",
        "registry:catalog:*", "repository:localhost:5000/a:pull");
    TokenGrant g = TokenGrant.of(s);
    assertThat(g.allows("team/app", Role.PUSH)).isTrue();
    assertThat(g.allows("team/app", Role.DELETE)).isFalse();
    assertThat(g.allows("team/other", Role.PULL)).isFalse();
    assertThat(TokenGrant.of(Scope.parseAll(List.of("repository:a/b:*"))).allows("a/b", Role.DELETE)).isTrue();
  }
}
