package dev.signet.registry.server.trust;

import dev.signet.oci.Digest;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A policy's Sigstore trusted root ({@code trusted_root.json}, as uploaded): the Fulcio CAs, Rekor logs,
 * CT logs and timestamp authorities keyless signatures are verified against.
 *
 * @param json the document as stored
 * @param digest {@code sha256:<hex>} of the document's compact JSON (the same whether it was uploaded
 *     as text or as an object); part of every identity anchor's fingerprint, so replacing the root
 *     re-verifies keyless signatures
 */
public record PolicyRoot(String json, TrustedRoot root, Digest digest) {

  public PolicyRoot {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(digest, "digest");
  }

  /** Parses a trusted_root.json; IllegalArgumentException names what is malformed. */
  public static PolicyRoot parse(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try {
      TrustedRoot root = TrustedRootParser.parse(bytes);
      if (root.certificateAuthorities().isEmpty()) {
        throw new IllegalArgumentException("trustedRoot has no certificateAuthorities: keyless signatures could never "
            + "verify against it");
      }
      String compact = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes).toString();
      return new PolicyRoot(json, root, Digest.sha256(compact.getBytes(StandardCharsets.UTF_8)));
    } catch (VerificationException e) {
      throw new IllegalArgumentException("trustedRoot: " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("trustedRoot: trusted root: not JSON", e);
    }
  }
}
