package dev.signet.cli;

/** cosign's exit codes ({@code doc/cosign_exit_codes.md}). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int NO_SIGNATURES = 10;
  public static final int IMAGE_NOT_FOUND = 11;
  public static final int NO_MATCHING_SIGNATURE = 12;
  public static final int NO_CERTIFICATE = 13;

  private ExitCodes() {}
}
