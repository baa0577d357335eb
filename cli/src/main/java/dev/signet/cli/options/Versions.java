package dev.signet.cli.options;

/** The version of this build, from the jar manifest. */
public final class Versions {
  private Versions() {}

  public static String version() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "devel" : v;
  }
}
