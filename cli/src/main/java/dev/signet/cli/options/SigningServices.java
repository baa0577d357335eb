package dev.signet.cli.options;

import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;

/**
 * What the signing commands refuse for now: transparency-log upload to a named log and keyless
 * signing. As {@code sign} does, {@code --tlog-upload} (default true) only uploads when a log is
 * configured, and none is by default.
 */
public final class SigningServices {
  private SigningServices() {}

  public static void check(String key, String rekorUrl, String signingConfig, String fulcioUrl, String identityToken) {
    if (rekorUrl != null || signingConfig != null) {
      throw new CommandFailure(ExitCodes.FAILURE,
          "uploading to a transparency log is not supported yet; sign with --tlog-upload=false (the default when no log is configured)");
    }
    if (fulcioUrl != null || identityToken != null) {
      throw new CommandFailure(ExitCodes.FAILURE, "keyless signing is not supported yet; sign with --key");
    }
    if (key == null || key.isBlank()) {
      throw new CommandFailure(ExitCodes.FAILURE,
          "keyless signing needs a Fulcio CA, which is not configured; sign with --key (e.g. --key cosign.key)");
    }
  }
}
