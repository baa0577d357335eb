package dev.signet.sign.internal;

import dev.signet.bundle.BundleFormatException;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.cosign.BundleReferrerManifest;
import dev.signet.cosign.LayerLimitException;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.sign.SigningException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and fetches the signatures of one image digest in a signature repository. Only a registry's
 * "not found" means "no such signature"; any other registry failure is raised as a
 * {@link SigningException}, so a throttled or broken registry is never reported as an unsigned image.
 *
 * <p>Referrers are listed once, unfiltered, and filtered here on {@code artifactType}: manifests are
 * fetched only for Sigstore bundle types, for entries without an artifact type (which may still be
 * bundles), and for cosign's experimental OCI 1.1 signature type.
 */
public final class SignatureFinder {
  private final RegistryClient client;
  private final PayloadFetcher payloads;

  /** The referrers worth fetching, by kind. */
  public record Referrers(List<Descriptor> bundles, List<Descriptor> experimentalSignatures) {
    public Referrers {
      bundles = List.copyOf(bundles);
      experimentalSignatures = List.copyOf(experimentalSignatures);
    }
  }

  public SignatureFinder(RegistryClient client, long maxPayloadBytes) {
    this.client = client;
    this.payloads = new PayloadFetcher(client, maxPayloadBytes);
  }

  /** Lists the referrers of {@code digest} in {@code repo} (API, or the {@code sha256-<hex>} fallback tag). */
  public Referrers referrers(Repository repo, Digest digest) throws SigningException {
    List<Descriptor> all;
    try {
      all = client.referrers(repo, digest, Optional.empty()).referrers();
    } catch (NotFoundException e) {
      all = List.of();
    } catch (RegistryException e) {
      throw new SigningException("list referrers of " + repo + "@" + digest + " to find v3 signatures: "
          + e.getMessage(), e);
    }
    List<Descriptor> bundles = new ArrayList<>();
    List<Descriptor> experimental = new ArrayList<>();
    for (Descriptor d : all) {
      String type = d.artifactType();
      if (type == null || type.isEmpty() || type.startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX)) {
        bundles.add(d);
      } else if (MediaTypes.COSIGN_ARTIFACT_SIG.equals(type)) {
        experimental.add(d);
      }
    }
    return new Referrers(bundles, experimental);
  }

  /**
   * Fetches each listed bundle referrer. Entries without an artifact type that turn out not to be bundle
   * referrers are skipped silently (cosign skips non-bundle referrers); an entry that claims to be a
   * bundle but cannot be read becomes an {@link VerificationCandidate#unreadable unreadable} candidate.
   */
  public List<VerificationCandidate> bundles(Repository repo, List<Descriptor> listed) throws SigningException {
    List<VerificationCandidate> out = new ArrayList<>();
    for (Descriptor d : listed) {
      boolean claimed = d.artifactType() != null && !d.artifactType().isEmpty();
      String what = "bundle " + d.digest();
      Optional<ImageManifest> manifest = fetchManifest(repo, d);
      Optional<Descriptor> layer = manifest.flatMap(BundleReferrerManifest::bundleLayer);
      if (layer.isEmpty()) {
        if (claimed) {
          out.add(VerificationCandidate.unreadable(what, manifest.isEmpty()
              ? "the referrer manifest is missing or malformed"
              : "the referrer is not a bundle referrer: it needs exactly one " + MediaTypes.SIGSTORE_BUNDLE_PREFIX
                  + "* layer"));
        }
        continue;
      }
      PayloadFetcher.Fetched blob = payloads.fetch(repo, layer.get());
      if (blob.problem() != null) {
        out.add(VerificationCandidate.unreadable(what, "bundle blob: " + blob.problem()));
        continue;
      }
      try {
        out.add(new BundleCandidate(d.parsedDigest(), SigstoreBundle.parse(blob.bytes())));
      } catch (BundleFormatException | InvalidDigestException e) {
        out.add(VerificationCandidate.unreadable(what, "malformed bundle: " + e.getMessage()));
      }
    }
    return out;
  }

  /**
   * The legacy signatures: every layer of {@code <alg>-<hex>.sig} (absent tag: none) and of the listed
   * experimental signature referrers, without repeating a layer that appears in both.
   */
  public List<VerificationCandidate> legacy(Repository repo, Digest digest, List<Descriptor> experimental)
      throws SigningException {
    List<VerificationCandidate> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String tag = SignatureTags.signatureTag(digest);
    Optional<byte[]> sig = getManifest(tagReference(repo, tag));
    if (sig.isPresent()) {
      addLayers(repo, parseSignatureImage(sig.get(), repo + ":" + tag), repo + ":" + tag, seen, out);
    }
    for (Descriptor d : experimental) {
      Optional<ImageManifest> m = fetchManifest(repo, d);
      String where = "referrer " + repo + "@" + d.digest();
      if (m.isEmpty()) {
        out.add(VerificationCandidate.unreadable(where, "the signature referrer manifest is missing or malformed"));
        continue;
      }
      addLayers(repo, m.get().layers(), where, seen, out);
    }
    return out;
  }

  private void addLayers(Repository repo, List<Descriptor> layers, String source, Set<String> seen,
      List<VerificationCandidate> out) throws SigningException {
    for (Descriptor layer : layers) {
      if (!seen.add(layer.digest() + " " + layer.annotationsOrEmpty())) {
        continue;
      }
      String what = "signature layer " + layer.digest() + " in " + source;
      if (!MediaTypes.COSIGN_SIMPLESIGNING.equals(layer.mediaType())) {
        out.add(VerificationCandidate.unreadable(what, "media type " + layer.mediaType()
            + " is not a simple-signing payload (" + MediaTypes.COSIGN_SIMPLESIGNING + ")"));
        continue;
      }
      PayloadFetcher.Fetched blob = payloads.fetch(repo, layer);
      out.add(blob.problem() != null
          ? VerificationCandidate.unreadable(what, "payload: " + blob.problem())
          : new LegacyCandidate(layer, blob.bytes(), source));
    }
  }

  private static List<Descriptor> parseSignatureImage(byte[] manifest, String where) throws SigningException {
    try {
      return LegacySignatureImage.parse(manifest).layers();
    } catch (ManifestFormatException | LayerLimitException e) {
      throw new SigningException("read signature manifest " + where + ": " + e.getMessage(), e);
    }
  }

  /** GET by digest and parse; empty when absent or not a manifest. */
  private Optional<ImageManifest> fetchManifest(Repository repo, Descriptor d) throws SigningException {
    Digest digest;
    try {
      digest = d.parsedDigest();
    } catch (InvalidDigestException e) {
      return Optional.empty();
    }
    Optional<byte[]> bytes = getManifest(ImageReference.of(repo, digest));
    try {
      return bytes.isEmpty() ? Optional.empty() : Optional.of(Manifests.parseManifest(bytes.get()));
    } catch (ManifestFormatException e) {
      return Optional.empty();
    }
  }

  private Optional<byte[]> getManifest(ImageReference ref) throws SigningException {
    try {
      return Optional.of(client.getManifest(ref).bytes());
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RegistryException e) {
      throw new SigningException("fetch signature manifest " + ref + ": " + e.getMessage(), e);
    }
  }

  private static ImageReference tagReference(Repository repo, String tag) throws SigningException {
    try {
      return ImageReference.of(repo, tag);
    } catch (InvalidReferenceException e) {
      throw new SigningException("invalid signature tag " + tag + ": " + e.getMessage(), e);
    }
  }
}
