package dev.signet.sign.internal;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.sign.SigningException;

/**
 * Fetches a signature payload or bundle blob, digest-verified and size-capped
 * ({@code COSIGN_MAX_ATTACHMENT_SIZE}). A blob that is absent, too large or has an invalid digest is a
 * problem of that one signature; any other registry failure aborts verification.
 */
public final class PayloadFetcher {
  private final RegistryClient client;
  private final long maxBytes;

  /** The blob, or why this signature's blob is unusable. */
  public record Fetched(byte[] bytes, String problem) {}

  public PayloadFetcher(RegistryClient client, long maxBytes) {
    this.client = client;
    this.maxBytes = maxBytes;
  }

  public Fetched fetch(Repository repo, Descriptor layer) throws SigningException {
    Digest digest;
    try {
      digest = layer.parsedDigest();
    } catch (InvalidDigestException e) {
      return new Fetched(null, e.getMessage());
    }
    if (layer.size() > maxBytes) {
      return new Fetched(null, "size " + layer.size() + " bytes exceeds the limit of " + maxBytes
          + " bytes (COSIGN_MAX_ATTACHMENT_SIZE)");
    }
    try {
      return new Fetched(client.getBlob(repo, digest, maxBytes), null);
    } catch (NotFoundException e) {
      return new Fetched(null, "blob " + digest + " not found in " + repo);
    } catch (RegistryException e) {
      throw new SigningException("fetch signature blob " + repo + "@" + digest + ": " + e.getMessage(), e);
    }
  }
}
