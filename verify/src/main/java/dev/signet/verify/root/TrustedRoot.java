package dev.signet.verify.root;

import java.util.List;

/**
 * A Sigstore {@code TrustedRoot} ({@code application/vnd.dev.sigstore.trustedroot+json;version=0.1}
 * or {@code trustedroot.v0.2+json}): the logs, CAs, CT logs and timestamp authorities a verifier trusts.
 * Immutable; parse with {@link TrustedRootParser}.
 */
public record TrustedRoot(
    String mediaType,
    List<TransparencyLog> tlogs,
    List<CertificateAuthority> certificateAuthorities,
    List<TransparencyLog> ctlogs,
    List<CertificateAuthority> timestampAuthorities) {
  public TrustedRoot {
    mediaType = mediaType == null ? "" : mediaType;
    tlogs = List.copyOf(tlogs);
    certificateAuthorities = List.copyOf(certificateAuthorities);
    ctlogs = List.copyOf(ctlogs);
    timestampAuthorities = List.copyOf(timestampAuthorities);
  }

  /** A root that trusts nothing: key-only verification with thresholds 0. */
  public static TrustedRoot empty() {
    return new TrustedRoot("", List.of(), List.of(), List.of(), List.of());
  }
}
