package dev.signet.oci.reference;

import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import java.util.Optional;

/**
 * An image reference: a {@link Repository} plus either a tag or a digest (never both, as in
 * go-containerregistry's {@code name.ParseReference}; {@code repo:tag@digest} keeps the digest).
 */
public final class ImageReference {

  public static final String DEFAULT_TAG = "latest";
  private static final String TAG_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";

  private final Repository repository;
  private final String tag;
  private final Digest digest;

  private ImageReference(Repository repository, String tag, Digest digest) {
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  public static ImageReference parse(String reference) throws InvalidReferenceException {
    if (reference == null || reference.isBlank()) {
      throw new InvalidReferenceException("an image reference must be specified");
    }
    int at = reference.indexOf('@');
    if (at >= 0) {
      String name = reference.substring(0, at);
      Digest digest;
      try {
        digest = Digest.parse(reference.substring(at + 1));
      } catch (InvalidDigestException e) {
        throw new InvalidReferenceException("could not parse reference \"" + reference + "\": " + e.getMessage());
      }
      // ggcr drops a tag that accompanies a digest.
      int colon = name.lastIndexOf(':');
      if (colon >= 0 && name.indexOf('/', colon) < 0 && colon > name.lastIndexOf('/')) {
        name = name.substring(0, colon);
      }
      return new ImageReference(wrap(reference, name), null, digest);
    }
    String base = reference;
    String tag = DEFAULT_TAG;
    int colon = reference.lastIndexOf(':');
    if (colon >= 0 && reference.indexOf('/', colon) < 0) {
      base = reference.substring(0, colon);
      tag = reference.substring(colon + 1);
    }
    checkTag(tag, reference);
    return new ImageReference(wrap(reference, base), tag, null);
  }

  public static ImageReference of(Repository repository, Digest digest) {
    return new ImageReference(repository, null, digest);
  }

  public static ImageReference of(Repository repository, String tag) throws InvalidReferenceException {
    checkTag(tag, repository + ":" + tag);
    return new ImageReference(repository, tag, null);
  }

  public Repository repository() {
    return repository;
  }

  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /** The tag or digest string used in {@code /v2/<name>/manifests/<reference>}. */
  public String identifier() {
    return digest != null ? digest.toString() : tag;
  }

  public ImageReference withDigest(Digest d) {
    return new ImageReference(repository, null, d);
  }

  public ImageReference withRepository(Repository r) {
    return new ImageReference(r, tag, digest);
  }

  /** The fully normalised reference, e.g. {@code index.docker.io/library/alpine:3}. */
  public String name() {
    return repository.name() + (digest != null ? "@" + digest : ":" + tag);
  }

  @Override
  public String toString() {
    return name();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageReference other && name().equals(other.name());
  }

  @Override
  public int hashCode() {
    return name().hashCode();
  }

  private static Repository wrap(String reference, String name) throws InvalidReferenceException {
    try {
      return Repository.parse(name);
    } catch (InvalidReferenceException e) {
      throw new InvalidReferenceException("could not parse reference \"" + reference + "\": " + e.getMessage());
    }
  }

  private static void checkTag(String tag, String reference) throws InvalidReferenceException {
    if (tag.isEmpty() || tag.length() > 128) {
      throw new InvalidReferenceException(
          "could not parse reference \"" + reference + "\": tag must be between 1 and 128 characters");
    }
    for (int i = 0; i < tag.length(); i++) {
      if (TAG_CHARS.indexOf(tag.charAt(i)) < 0) {
        throw new InvalidReferenceException(
            "could not parse reference \"" + reference + "\": tag can only contain [A-Za-z0-9_.-]");
      }
    }
  }
}
