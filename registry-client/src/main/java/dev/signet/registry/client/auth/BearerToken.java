package dev.signet.registry.client.auth;

import java.time.Instant;

/** A bearer token from a realm and when to stop using it. {@link #toString()} hides the value. */
record BearerToken(String value, Instant expiresAt) {

  String authorization() {
    return "Bearer " + value;
  }

  boolean usableAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "BearerToken[expires " + expiresAt + "]";
  }
}
