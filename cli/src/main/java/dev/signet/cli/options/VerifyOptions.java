package dev.signet.cli.options;

import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Option;

/**
 * cosign's verification flags shared by {@code verify-blob}, {@code verify-blob-attestation} and
 * {@code verify-attestation} (a picocli mixin): the key or the keyless identity, the trusted root, and
 * the transparency-log switch. {@link #validate} applies cosign's rules for combining them.
 */
public final class VerifyOptions {
  @Option(names = "--key", description = "Public key: a cosign.pub file, env://VAR, a cosign.key, or a certificate.")
  public String key;

  @Option(names = {"--certificate", "--cert"}, description = "Signing certificate (PEM) when not in the bundle.")
  public String certificate;

  @Option(names = {"--certificate-chain", "--cert-chain"}, description = "Certificate chain (PEM) of --certificate.")
  public String certificateChain;

  @Option(names = {"--certificate-identity", "--cert-identity"}, description = "Exact identity (SAN) of the signer.")
  public String identity;

  @Option(names = "--certificate-identity-regexp", description = "Regular expression the signer's identity must match.")
  public String identityRegexp;

  @Option(names = {"--certificate-oidc-issuer", "--cert-oidc-issuer"}, description = "Exact OIDC issuer of the signer.")
  public String issuer;

  @Option(names = "--certificate-oidc-issuer-regexp", description = "Regular expression the OIDC issuer must match.")
  public String issuerRegexp;

  @Option(names = "--trusted-root", description = "Sigstore trusted_root.json for keyless verification and tlog entries.")
  public String trustedRoot;

  @Option(names = "--insecure-ignore-tlog", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accept signatures without a verified transparency-log entry.")
  public boolean ignoreTlog;

  @Option(names = "--insecure-ignore-sct", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accept certificates without a verified embedded SCT.")
  public boolean ignoreSct;

  @Option(names = "--use-signed-timestamps", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Require RFC 3161 timestamps from the trusted root's timestamp authorities.")
  public boolean useSignedTimestamps;

  /** Key mode, else keyless (identity and issuer). */
  public boolean keyMode() {
    return key != null && !key.isBlank();
  }

  /** cosign's rules: a key or exactly one identity and one issuer flag; regular expressions must compile. */
  public void validate() {
    boolean identityGiven = identity != null || identityRegexp != null;
    boolean issuerGiven = issuer != null || issuerRegexp != null;
    if (keyMode()) {
      if (identityGiven || issuerGiven) {
        throw new CommandFailure(ExitCodes.FAILURE,
            "--key cannot be combined with --certificate-identity or --certificate-oidc-issuer: give one or the other");
      }
      return;
    }
    if (identity != null && identityRegexp != null) {
      throw new CommandFailure(ExitCodes.FAILURE,
          "give only one of --certificate-identity and --certificate-identity-regexp");
    }
    if (issuer != null && issuerRegexp != null) {
      throw new CommandFailure(ExitCodes.FAILURE,
          "give only one of --certificate-oidc-issuer and --certificate-oidc-issuer-regexp");
    }
    if (!identityGiven || !issuerGiven) {
      throw new CommandFailure(ExitCodes.FAILURE, "verification needs --key, or --certificate-identity[-regexp] and"
          + " --certificate-oidc-issuer[-regexp] for a keyless signature");
    }
    compile(identityRegexp, "--certificate-identity-regexp");
    compile(issuerRegexp, "--certificate-oidc-issuer-regexp");
  }

  /** Compiles a flag's regular expression, or null when unset. */
  public static Pattern compile(String regexp, String flag) {
    if (regexp == null) {
      return null;
    }
    try {
      return Pattern.compile(regexp);
    } catch (PatternSyntaxException e) {
      throw new CommandFailure(ExitCodes.FAILURE, flag + " " + regexp + " is not a regular expression: "
          + e.getDescription());
    }
  }
}
