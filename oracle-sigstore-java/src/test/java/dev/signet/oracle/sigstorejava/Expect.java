package dev.signet.oracle.sigstorejava;

import static org.assertj.core.api.Assertions.assertThat;

/** An expected {@link Outcome}: a stage and a fragment its message must contain. */
record Expect(Outcome.Stage stage, String fragment) {
  static Expect accepted() {
    return new Expect(Outcome.Stage.OK, "");
  }

  static Expect parseFailure(String fragment) {
    return new Expect(Outcome.Stage.PARSE, fragment);
  }

  static Expect rejected(String fragment) {
    return new Expect(Outcome.Stage.VERIFY, fragment);
  }

  void assertMatches(Outcome actual, String what) {
    assertThat(actual.stage()).as(what + ": " + actual).isEqualTo(stage);
    assertThat(actual.message()).as(what + ": " + actual).contains(fragment);
  }

  @Override
  public String toString() {
    return stage == Outcome.Stage.OK ? "OK" : stage + " ~ " + fragment;
  }
}
