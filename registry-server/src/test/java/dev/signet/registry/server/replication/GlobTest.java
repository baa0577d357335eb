package dev.signet.registry.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void doubleStar_crossesSlashes_singleStarDoesNot() {
    Glob prod = Glob.of("prod/**");
    assertThat(prod.matches("prod/app")).isTrue();
    assertThat(prod.matches("prod/team/app")).isTrue();
    assertThat(prod.matches("prod")).isFalse();
    assertThat(prod.matches("production/app")).isFalse();
    Glob one = Glob.of("prod/*");
    assertThat(one.matches("prod/app")).isTrue();
    assertThat(one.matches("prod/team/app")).isFalse();
  }

  @Test
  void leadingDoubleStarSlash_alsoMatchesNoPrefix_questionMarkIsOneCharacter() {
    Glob any = Glob.of("**/app");
    assertThat(any.matches("app")).isTrue();
    assertThat(any.matches("a/b/app")).isTrue();
    assertThat(any.matches("a/b/app2")).isFalse();
    assertThat(Glob.of("v?.*").matches("v1.2")).isTrue();
    assertThat(Glob.of("v?.*").matches("v10.2")).isFalse();
    assertThat(Glob.of("**").matches("anything/at/all")).isTrue();
  }

  @Test
  void regexCharacters_areLiteral() {
    assertThat(Glob.of("v1.0").matches("v1x0")).isFalse();
    assertThat(Glob.of("a+b").matches("a+b")).isTrue();
    assertThat(Glob.of("[x]").matches("[x]")).isTrue();
  }

  @Test
  void emptyOrWhitespace_isRefused() {
    assertThatThrownBy(() -> Glob.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Glob.of("a b")).isInstanceOf(IllegalArgumentException.class);
  }
}
