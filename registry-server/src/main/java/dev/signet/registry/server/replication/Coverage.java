package dev.signet.registry.server.replication;

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
import dev.signet.sign.Accessory;
import dev.signet.sign.AccessoryScanner;
import dev.signet.sign.ImageResolver;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SigningException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a copy of one subject involves, read from the source: the subject, its index children, and
 * every accessory of each (recursively), the same walk {@code ArtifactCopier} makes. {@link #presentAt}
 * tells whether a destination already has all of it, so that replicating again writes nothing.
 */
final class Coverage {
  private final ResolvedImage root;
  private final List<ResolvedImage> images;
  private final List<Accessory> accessories;

  private Coverage(ResolvedImage root, List<ResolvedImage> images, List<Accessory> accessories) {
    this.root = root;
    this.images = images;
    this.accessories = accessories;
  }

  static Coverage scan(RegistryClient client, ImageReference source) throws SigningException {
    ImageResolver resolver = new ImageResolver(client);
    AccessoryScanner scanner = new AccessoryScanner(client);
    ResolvedImage root = resolver.fetch(source);
    List<ResolvedImage> images = resolver.walk(root);
    List<Accessory> all = new ArrayList<>();
    for (ResolvedImage image : images) {
      flatten(scanner.scan(source.repository(), image.digest()), all);
    }
    return new Coverage(root, images, all);
  }

  private static void flatten(List<Accessory> found, List<Accessory> into) {
    for (Accessory a : found) {
      into.add(a);
      flatten(a.children(), into);
    }
  }

  ResolvedImage root() {
    return root;
  }

  /** The digests of the subject, its children and every accessory. */
  Set<Digest> digests() {
    Set<Digest> out = new LinkedHashSet<>();
    images.forEach(i -> out.add(i.digest()));
    accessories.forEach(a -> out.add(a.digest()));
    return out;
  }

  int accessoryCount() {
    return accessories.size();
  }

  /**
   * True when {@code to} holds every manifest, lists every referrer of each subject (through the
   * referrers API or the fallback tag), has every legacy tag as it is here, and points {@code tags} at
   * the subject.
   */
  boolean presentAt(RegistryClient client, Repository to, List<String> tags) throws RegistryException {
    for (ResolvedImage image : images) {
      if (client.headManifest(ImageReference.of(to, image.digest())).isEmpty()) {
        return false;
      }
    }
    Map<Digest, Set<Digest>> referrers = new HashMap<>();
    for (Accessory a : accessories) {
      if (a.legacyTag().isPresent()) {
        Optional<ManifestHead> head = client.headManifest(tag(to, SignatureTags.tag(a.subject(), a.legacyTag().get())));
        if (head.isEmpty() || !head.get().digest().equals(a.digest())) {
          return false;
        }
      } else if (!referrers.computeIfAbsent(a.subject(), s -> listReferrers(client, to, s)).contains(a.digest())) {
        return false;
      }
    }
    for (String t : tags) {
      Optional<ManifestHead> head = client.headManifest(tag(to, t));
      if (head.isEmpty() || !head.get().digest().equals(root.digest())) {
        return false;
      }
    }
    return true;
  }

  private static Set<Digest> listReferrers(RegistryClient client, Repository to, Digest subject) {
    Set<Digest> out = new LinkedHashSet<>();
    try {
      for (Descriptor d : client.referrers(to, subject, Optional.empty()).referrers()) {
        out.add(d.parsedDigest());
      }
    } catch (RegistryException | InvalidDigestException e) {
      out.clear(); // unknown: copy again
    }
    return out;
  }

  private static ImageReference tag(Repository repo, String tag) {
    try {
      return ImageReference.of(repo, tag);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException("invalid tag " + tag, e);
    }
  }
}
