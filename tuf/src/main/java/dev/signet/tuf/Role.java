package dev.signet.tuf;

/** The four top-level TUF roles; {@link #fileName()} is the metadata file name in messages and the cache. */
public enum Role {
  ROOT("root"),
  TIMESTAMP("timestamp"),
  SNAPSHOT("snapshot"),
  TARGETS("targets");

  private final String type;

  Role(String type) {
    this.type = type;
  }

  /** The {@code _type} value and the key in the root's {@code roles}. */
  public String type() {
    return type;
  }

  /** {@code root.json}, {@code timestamp.json}, ... */
  public String fileName() {
    return type + ".json";
  }
}
