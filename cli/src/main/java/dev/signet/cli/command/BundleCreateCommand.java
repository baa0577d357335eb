package dev.signet.cli.command;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.Inputs;
import dev.signet.cli.options.KeyLoader;
import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.PayloadFormatException;
import dev.signet.sign.Pem;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.BundleAssembler;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bundle create}: cosign's command to assemble a Sigstore bundle v0.3 from a signature made
 * elsewhere: {@code --signature} (base64, over {@code --artifact}) or {@code --attestation} (a DSSE envelope),
 * or cosign's legacy local {@code --bundle}; with {@code --key} or {@code --certificate} as the verifying
 * material. The signature must verify before the bundle is written ({@code --out}, else standard output).
 */
@Command(name = "create", description = "Assemble a Sigstore bundle from a signature, a key or certificate and the artifact.")
public final class BundleCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--artifact", description = "The signed file, or sha256:<hex>.") String artifact;
  @Option(names = "--signature", description = "File with the base64 signature over the artifact.") String signature;
  @Option(names = "--attestation", description = "File with a DSSE envelope.") String attestation;
  @Option(names = "--bundle", description = "cosign's legacy local bundle file ({\"base64Signature\",\"cert\"}).") String legacyBundle;
  @Option(names = {"--certificate", "--cert"}, description = "Signing certificate (PEM, or base64 of the PEM as cosign writes it).")
  String certificate;
  @Option(names = "--key", description = "Public key: a cosign.pub file or env://VAR.") String key;
  @Option(names = "--out", description = "Write the bundle here instead of standard output.") String out;
  @Option(names = "--ignore-tlog", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Assemble without a transparency-log entry (none is looked up unless a log is configured).")
  boolean ignoreTlog;
  @Option(names = "--rekor-url", description = "Transparency log to look the entry up in (not supported yet).") String rekorUrl;
  @Option(names = "--rfc3161-timestamp", description = "RFC 3161 timestamp file (not supported yet).") String timestamp;
  @Option(names = "--sk", description = "Use a hardware security key (not supported).") boolean sk;

  public BundleCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (artifact == null || artifact.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "must supply --artifact");
    }
    if (signature == null && legacyBundle == null && attestation == null) {
      throw new CommandFailure(ExitCodes.FAILURE, "must at least supply signature via --bundle, --signature or --attestation");
    }
    if (legacyBundle != null && (signature != null || certificate != null)) {
      throw new CommandFailure(ExitCodes.FAILURE, "--bundle cannot be combined with --signature or --certificate");
    }
    if (rekorUrl != null || timestamp != null || sk) {
      throw new CommandFailure(ExitCodes.FAILURE, (rekorUrl != null ? "--rekor-url" : timestamp != null
          ? "--rfc3161-timestamp" : "--sk") + " is not supported yet by bundle create");
    }
    byte[] sig = null;
    String certPem = certificate == null ? null : certificatePem(Inputs.read(ctx, certificate, "certificate", false));
    if (legacyBundle != null) {
      LegacyParts parts = legacyParts(Inputs.read(ctx, legacyBundle, "bundle", false));
      sig = parts.signature();
      certPem = parts.certificatePem();
    }
    if (signature != null) {
      sig = base64(new String(Inputs.read(ctx, signature, "signature", false), StandardCharsets.US_ASCII), signature);
    }
    BundleAssembler.Material material = material(certPem);
    SigstoreBundle bundle;
    try {
      if (attestation != null || (sig != null && looksLikeEnvelope(sig))) {
        byte[] json = attestation != null ? Inputs.read(ctx, attestation, "attestation", false) : sig;
        bundle = BundleAssembler.dsse(DsseEnvelope.parse(json), material);
      } else {
        bundle = BundleAssembler.messageSignature(artifact(), sig, material);
      }
    } catch (SigningException e) {
      throw Failures.of(e);
    } catch (PayloadFormatException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "the attestation is not a DSSE envelope: " + e.getMessage(), e);
    }
    if (out != null) {
      Inputs.write(ctx, out, bundle.toJson(), "bundle");
    } else {
      ctx.out().println(new String(bundle.toJson(), StandardCharsets.UTF_8));
      ctx.out().flush();
    }
    return ExitCodes.OK;
  }

  private record LegacyParts(byte[] signature, String certificatePem) {}

  private LegacyParts legacyParts(byte[] json) {
    try {
      var tree = dev.signet.oci.internal.GoJson.MAPPER.readTree(json);
      String b64 = tree.path("base64Signature").asText("");
      if (b64.isEmpty()) {
        throw new CommandFailure(ExitCodes.FAILURE, "bundle " + legacyBundle + " has no base64Signature");
      }
      String cert = tree.path("cert").asText("");
      return new LegacyParts(base64(b64, legacyBundle), cert.isEmpty() ? null : certificatePem(cert.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.io.IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "bundle " + legacyBundle + " is not JSON: " + e.getMessage());
    }
  }

  /** The certificate's PEM, from PEM or from cosign's base64-of-PEM; null when it holds a public key. */
  private static String certificatePem(byte[] content) {
    String text = new String(content, StandardCharsets.US_ASCII).trim();
    if (!text.startsWith("-----BEGIN")) {
      try {
        text = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.US_ASCII);
      } catch (IllegalArgumentException e) {
        throw new CommandFailure(ExitCodes.FAILURE, "the certificate is neither PEM nor base64 of a PEM");
      }
    }
    return text.contains("-----BEGIN CERTIFICATE-----") ? text : null;
  }

  private BundleAssembler.Material material(String certPem) {
    if (certPem != null) {
      try {
        byte[] der = Pem.firstCertificateDer(certPem);
        PublicKey pk = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        return new BundleAssembler.Material(pk, Optional.of(der));
      } catch (SigningException | CertificateException e) {
        throw new CommandFailure(ExitCodes.FAILURE, "unable to decode provided certificate: " + e.getMessage());
      }
    }
    if (key == null) {
      throw new CommandFailure(ExitCodes.FAILURE, "give --key or --certificate: the bundle needs verification material");
    }
    return new BundleAssembler.Material(KeyLoader.loadPublicKey(key, ctx), Optional.empty());
  }

  private BundleAssembler.Artifact artifact() {
    if (artifact.startsWith("sha256:")) {
      try {
        return BundleAssembler.Artifact.ofDigest(Digest.parse(artifact));
      } catch (InvalidDigestException e) {
        throw new CommandFailure(ExitCodes.FAILURE, "--artifact " + artifact + " is not a sha256 digest: " + e.getMessage());
      }
    }
    return BundleAssembler.Artifact.of(Inputs.read(ctx, artifact, "artifact", false));
  }

  private static byte[] base64(String text, String source) {
    try {
      return Base64.getMimeDecoder().decode(text.trim());
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "signature in " + source + " is not base64: " + e.getMessage());
    }
  }

  private static boolean looksLikeEnvelope(byte[] bytes) {
    return bytes.length > 0 && bytes[0] == '{';
  }
}
