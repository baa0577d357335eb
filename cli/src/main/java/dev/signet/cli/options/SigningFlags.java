package dev.signet.cli.options;

import picocli.CommandLine.Option;

/**
 * The signing flags {@code sign}, {@code sign-blob}, {@code attest} and {@code attest-blob} share (a picocli
 * mixin): the key, or for keyless signing the CA, the identity token and where it comes from; the
 * transparency log and timestamp authority used with either. Each long name is bound to its
 * {@code COSIGN_*} variable like any other option. No service has a default URL: Signet contacts only
 * the services named here or in {@code --signing-config}. {@link SigningSetup} turns them into a signer.
 */
public final class SigningFlags {
  @Option(names = "--key", description = "Private key: a cosign.key file or env://VAR. Without it, sign keylessly.")
  String key;

  @Option(names = "--tlog-upload", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Upload to the transparency log if one is named (--rekor-url or --signing-config; none is by default).")
  boolean tlogUpload;

  @Option(names = {"-y", "--yes"}, description = "Skip the confirmation prompt before uploading to a transparency log.")
  boolean yes;

  @Option(names = "--rekor-url", description = "Transparency log base URL (Rekor v1; a URL ending in /api/v2 is Rekor v2).")
  String rekorUrl;

  @Option(names = "--fulcio-url", description = "Certificate authority (Fulcio API) base URL for keyless signing.")
  String fulcioUrl;

  @Option(names = "--timestamp-server-url",
      description = "RFC 3161 timestamp authority URL (the full endpoint, e.g. https://tsa.example/api/v1/timestamp).")
  String timestampServerUrl;

  @Option(names = "--signing-config", description = "Sigstore signing config v0.2 file naming the CA, logs and TSAs.")
  String signingConfig;

  @Option(names = "--use-signing-config", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accepted for compatibility; Signet only uses services you name.") boolean useSigningConfig;

  @Option(names = "--identity-token",
      description = "OIDC ID token for keyless signing, or a file holding it (default: $SIGSTORE_ID_TOKEN).")
  String identityToken;

  @Option(names = "--oidc-issuer", description = "OIDC issuer for the device flow when no token is given (terminal only).")
  String oidcIssuer;

  @Option(names = "--oidc-client-id", defaultValue = "sigstore",
      description = "OAuth client ID for the device flow (default ${DEFAULT-VALUE}).")
  String oidcClientId;

  /** The {@code --key} value (a file or {@code env://VAR}), or null for keyless signing. */
  public String key() {
    return key;
  }

  /** Whether a key was named (key mode) rather than keyless signing. */
  public boolean hasKey() {
    return key != null && !key.isBlank();
  }

  /**
   * Checks what can be checked before any file, key or service is touched: a keyless run must name a CA
   * (cosign's public-good default is deliberately absent).
   */
  public void check() {
    SigningSetup.checkFlags(this);
  }
}
