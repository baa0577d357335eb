package dev.signet.cli.options;

import picocli.CommandLine.Option;

/**
 * The signing flags {@code sign}, {@code sign-blob}, {@code attest} and {@code attest-blob} share (a picocli
 * mixin): the key, and the transparency-log and keyless flags accepted for cosign compatibility.
 * Each long name is bound to its {@code COSIGN_*} variable like any other option.
 */
public final class SigningFlags {
  @Option(names = "--key", description = "Private key: a cosign.key file or env://VAR.") String key;

  @Option(names = "--tlog-upload", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Upload to a transparency log if one is configured (none is by default).")
  boolean tlogUpload;

  @Option(names = {"-y", "--yes"}, description = "Skip confirmation prompts.") boolean yes;
  @Option(names = "--rekor-url", description = "Transparency log URL (not supported yet).") String rekorUrl;
  @Option(names = "--fulcio-url", description = "Fulcio URL for keyless signing (not supported yet).") String fulcioUrl;
  @Option(names = "--signing-config", description = "Sigstore signing config (not supported yet).") String signingConfig;
  @Option(names = "--use-signing-config", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accepted for compatibility; Signet only uses services you configure.") boolean useSigningConfig;
  @Option(names = "--identity-token", description = "OIDC token for keyless signing (not supported yet).") String identityToken;

  /** The {@code --key} value (a file or {@code env://VAR}), checked by {@link #check()} to be present. */
  public String key() {
    return key;
  }

  /** Refuses what is not supported yet (a named log, keyless signing) and a missing {@code --key}. */
  public void check() {
    SigningServices.check(key, rekorUrl, signingConfig, fulcioUrl, identityToken);
  }
}
