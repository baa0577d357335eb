package dev.signet.registry.client.internal;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Blob upload flows: monolithic POST + PUT, chunked POST + PATCH… + PUT, and cross-repository mount.
 * If the closing PUT fails in a way that may hide success (lost answer, upload session gone), the blob
 * is looked up before the error is reported.
 */
public final class BlobUploader {
  private final EndpointCaller caller;

  public BlobUploader(EndpointCaller caller) {
    this.caller = caller;
  }

  public void pushMonolithic(Repository repo, Digest digest, byte[] content) throws RegistryException {
    UploadStartEndpoint.Started started = caller.call(repo, new UploadStartEndpoint(repo));
    if (started.created()) {
      return;
    }
    finish(repo, started.location(), digest, content);
  }

  /**
   * A small blob in one request where the registry takes single-POST uploads ({@code POST ?digest=} with
   * the body: 201), else POST + PUT as usual (the registry answered 202 and ignored the body).
   */
  public void pushSmall(Repository repo, Digest digest, byte[] content) throws RegistryException {
    UploadStartEndpoint.Started started = caller.call(repo, UploadStartEndpoint.monolithic(repo, digest, content));
    if (started.created()) {
      return;
    }
    finish(repo, started.location(), digest, content);
  }

  public Digest pushChunked(Repository repo, InputStream in, int chunkSize) throws RegistryException {
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunkSize must be positive");
    }
    UploadStartEndpoint.Started started = caller.call(repo, new UploadStartEndpoint(repo));
    int size = (int) Math.max(chunkSize, Math.min(started.minChunkLength(), Integer.MAX_VALUE - 8));
    MessageDigest md = sha256();
    URI location = started.location();
    long offset = 0;
    try {
      for (byte[] chunk; (chunk = in.readNBytes(size)).length > 0; ) {
        md.update(chunk);
        location = caller.call(repo, new UploadChunkEndpoint(repo, location, chunk, offset));
        offset += chunk.length;
      }
    } catch (IOException e) {
      cancelQuietly(repo, location);
      throw new RegistryTransportException("PATCH blob upload " + repo, "reading the content to upload failed after "
          + offset + " bytes: " + e, e);
    } catch (RegistryException e) {
      cancelQuietly(repo, location);
      throw e;
    }
    Digest digest = new Digest(Digest.SHA256, HexFormat.of().formatHex(md.digest()));
    finish(repo, location, digest, new byte[0]);
    return digest;
  }

  /** True when mounted; false when the registry opened an upload instead (that session is cancelled). */
  public boolean mount(Repository to, Repository from, Digest digest) throws RegistryException {
    UploadStartEndpoint.Started started = caller.call(to, new UploadStartEndpoint(to, from, digest));
    if (started.created()) {
      return true;
    }
    cancelQuietly(to, started.location());
    return false;
  }

  private void finish(Repository repo, URI location, Digest digest, byte[] content) throws RegistryException {
    try {
      caller.call(repo, new UploadFinishEndpoint(repo, location, digest, content));
    } catch (NotFoundException | RegistryTransportException e) {
      Optional<Long> there;
      try {
        there = caller.call(repo, new BlobHeadEndpoint(repo, digest));
      } catch (RegistryException ignored) {
        throw e;
      }
      if (there.isEmpty()) {
        throw e;
      }
    }
  }

  private void cancelQuietly(Repository repo, URI location) {
    try {
      caller.call(repo, new UploadCancelEndpoint(repo, location));
    } catch (RegistryException ignored) {
      // Best effort: registries purge abandoned uploads themselves.
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
