package dev.signet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.bundle.BundleFormatException;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.oci.internal.GoJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code --bundle} file of verify-blob and verify-blob-attestation: a Sigstore bundle, or cosign's
 * legacy local bundle ({@code LocalSignedPayload}: {@code base64Signature}, {@code cert} as base64 of a
 * PEM certificate or public key, {@code rekorBundle}).
 */
record BlobSignatures(Optional<SigstoreBundle> bundle, Optional<Legacy> legacy) {

  /** The parts of a legacy local bundle. */
  record Legacy(byte[] signature, Optional<String> certificatePem, Optional<byte[]> rekorBundleJson) {}

  static BlobSignatures read(byte[] json, String source) {
    JsonNode tree;
    try {
      tree = GoJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "bundle " + source + " is not JSON: " + e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new CommandFailure(ExitCodes.FAILURE, "bundle " + source + " is not a JSON object");
    }
    if (tree.path("mediaType").asText("").startsWith("application/vnd.dev.sigstore.bundle")) {
      try {
        return new BlobSignatures(Optional.of(SigstoreBundle.parse(json)), Optional.empty());
      } catch (BundleFormatException e) {
        throw new CommandFailure(ExitCodes.FAILURE, "bundle " + source + ": " + e.getMessage(), e);
      }
    }
    String b64 = tree.path("base64Signature").asText("");
    if (b64.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "bundle " + source
          + " is neither a Sigstore bundle nor cosign's legacy bundle (no base64Signature)");
    }
    Optional<String> cert = Optional.empty();
    String certB64 = tree.path("cert").asText("");
    if (!certB64.isEmpty()) {
      String pem = new String(decode(certB64, source, "cert"), StandardCharsets.US_ASCII);
      cert = pem.contains("-----BEGIN CERTIFICATE-----") ? Optional.of(pem) : Optional.empty();
    }
    JsonNode rekor = tree.get("rekorBundle");
    Optional<byte[]> rekorJson = rekor == null || rekor.isNull() ? Optional.empty() : Optional.of(GoJson.write(rekor));
    return new BlobSignatures(Optional.empty(), Optional.of(new Legacy(decode(b64, source, "base64Signature"), cert, rekorJson)));
  }

  static byte[] decode(String b64, String source, String field) {
    try {
      return Base64.getMimeDecoder().decode(b64.trim());
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE, field + " in " + source + " is not base64: " + e.getMessage());
    }
  }
}
