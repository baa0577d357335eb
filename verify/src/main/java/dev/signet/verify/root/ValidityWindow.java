package dev.signet.verify.root;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A trusted-root {@code validFor} range: {@code start} inclusive, {@code end} inclusive when present. */
public record ValidityWindow(Instant start, Optional<Instant> end) {
  public ValidityWindow {
    Objects.requireNonNull(start, "start");
    end = end == null ? Optional.empty() : end;
  }

  public static ValidityWindow from(Instant start) {
    return new ValidityWindow(start, Optional.empty());
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && end.map(e -> !t.isAfter(e)).orElse(true);
  }

  @Override
  public String toString() {
    return start + ".." + end.map(Instant::toString).orElse("");
  }
}
