package dev.signet.oracle.sigstorejava;

/**
 * What one verifier said about one bundle: accepted, or rejected at a stage with a message.
 *
 * @param stage {@link Stage#OK} when accepted; otherwise where the rejection happened
 * @param message the rejection's message, with the causes' messages appended; empty when accepted
 */
record Outcome(Stage stage, String message) {
  enum Stage {
    /** Accepted. */
    OK,
    /** The trusted root did not load. */
    ROOT,
    /** The bundle did not parse. */
    PARSE,
    /** The bundle parsed and was rejected by verification. */
    VERIFY
  }

  static final Outcome OK = new Outcome(Stage.OK, "");

  static Outcome rejected(Stage stage, Throwable e) {
    StringBuilder m = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      m.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
    }
    return new Outcome(stage, m.toString());
  }

  boolean ok() {
    return stage == Stage.OK;
  }

  @Override
  public String toString() {
    return ok() ? "OK" : stage + " " + message;
  }
}
