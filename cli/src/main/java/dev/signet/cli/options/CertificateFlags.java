package dev.signet.cli.options;

import picocli.CommandLine.Option;

/** {@code --certificate} and {@code --certificate-chain} of {@code sign} and {@code attest} (a picocli mixin). */
public final class CertificateFlags {
  @Option(names = {"--certificate", "--cert"}, description = "Certificate (PEM) for the signing key.") String certificate;
  @Option(names = {"--certificate-chain", "--cert-chain"}, description = "Certificate chain (PEM), issuer first.") String chain;

  /** The certificate file, or null. */
  public String certificate() {
    return certificate;
  }

  /** The certificate chain file, or null. */
  public String chain() {
    return chain;
  }
}
