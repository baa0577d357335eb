package dev.signet.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome for every candidate signature of one artifact. A single candidate in either format that
 * satisfies the policy is enough ({@link #isVerified()}).
 */
public record MultiVerificationResult(List<Outcome> outcomes) {

  /** One candidate's result or the reason it was rejected. */
  public record Outcome(String description, Optional<VerificationResult> result,
      Optional<VerificationException> failure) {
    public Outcome {
      Objects.requireNonNull(description, "description");
      if (result.isPresent() == failure.isPresent()) {
        throw new IllegalArgumentException("an outcome is either a result or a failure");
      }
    }
  }

  public MultiVerificationResult {
    outcomes = List.copyOf(outcomes);
  }

  public boolean isVerified() {
    return outcomes.stream().anyMatch(o -> o.result().isPresent());
  }

  /** The results of the candidates that verified, in candidate order. */
  public List<VerificationResult> verified() {
    List<VerificationResult> out = new ArrayList<>();
    outcomes.forEach(o -> o.result().ifPresent(out::add));
    return out;
  }

  /**
   * The first verified result.
   *
   * @throws VerificationException when none verified: with no candidates THRESHOLD, with one its own
   *     failure, else THRESHOLD listing every candidate's reason
   */
  public VerificationResult firstVerified() throws VerificationException {
    for (Outcome o : outcomes) {
      if (o.result().isPresent()) {
        return o.result().get();
      }
    }
    if (outcomes.isEmpty()) {
      throw new VerificationException(Check.THRESHOLD, "no signatures found");
    }
    if (outcomes.size() == 1) {
      throw outcomes.get(0).failure().get();
    }
    StringBuilder b = new StringBuilder("none of the " + outcomes.size() + " signatures satisfies the policy:");
    for (Outcome o : outcomes) {
      b.append(' ').append(o.description()).append(": ").append(o.failure().get().getMessage()).append(';');
    }
    b.setLength(b.length() - 1);
    throw new VerificationException(Check.THRESHOLD, b.toString());
  }
}
