package dev.signet.sign;

import dev.signet.cosign.AccessoryType;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ManifestHead;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds everything attached to a manifest: the legacy {@code sha256-<hex>.sig|.att|.sbom} tags and the
 * OCI 1.1 referrers (from the API, or the {@code sha256-<hex>} fallback index), recursively, so that an
 * SBOM's own signature is found too.
 */
public final class AccessoryScanner {
  private static final int MAX_DEPTH = 4;
  private final RegistryClient client;

  public AccessoryScanner(RegistryClient client) {
    this.client = client;
  }

  /** The accessories of {@code subject} stored in {@code repo}. */
  public List<Accessory> scan(Repository repo, Digest subject) throws SigningException {
    try {
      return scan(repo, subject, 0);
    } catch (RegistryException e) {
      throw new SigningException("list accessories of " + repo + "@" + subject + ": " + e.getMessage(), e);
    }
  }

  private List<Accessory> scan(Repository repo, Digest subject, int depth) throws RegistryException {
    List<Accessory> out = new ArrayList<>();
    for (SignatureTags.Kind kind :
        List.of(SignatureTags.Kind.SIGNATURE, SignatureTags.Kind.ATTESTATION, SignatureTags.Kind.SBOM)) {
      ImageReference tag = tag(repo, SignatureTags.tag(subject, kind));
      Optional<ManifestHead> head = client.headManifest(tag);
      if (head.isPresent()) {
        AccessoryType type = switch (kind) {
          case SIGNATURE -> AccessoryType.COSIGN_SIGNATURE;
          case ATTESTATION -> AccessoryType.IN_TOTO_ATTESTATION;
          default -> AccessoryType.OTHER;
        };
        List<Accessory> children = depth < MAX_DEPTH ? scan(repo, head.get().digest(), depth + 1) : List.of();
        out.add(new Accessory(subject, head.get().digest(), head.get().mediaType(), head.get().size(),
            Optional.of(kind), type, Optional.empty(), Map.of(), children));
      }
    }
    for (Descriptor d : client.referrers(repo, subject, Optional.empty()).referrers()) {
      Digest digest;
      try {
        digest = d.parsedDigest();
      } catch (InvalidDigestException e) {
        continue; // a malformed entry in someone's fallback index: nothing to follow
      }
      List<Accessory> children = depth < MAX_DEPTH ? scan(repo, digest, depth + 1) : List.of();
      out.add(new Accessory(subject, digest, d.mediaType(), d.size(), Optional.empty(), AccessoryType.classify(d),
          Optional.ofNullable(d.artifactType()), d.annotationsOrEmpty(), children));
    }
    return out;
  }

  static ImageReference tag(Repository repo, String tag) {
    try {
      return ImageReference.of(repo, tag);
    } catch (InvalidReferenceException e) {
      throw new IllegalStateException("computed tag is invalid: " + tag, e);
    }
  }
}
