package dev.signet.registry.server.trust;

import dev.signet.bundle.BundleFormatException;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import dev.signet.verify.Candidate;
import dev.signet.verify.LegacyAttestation;
import dev.signet.verify.LegacySignature;
import dev.signet.verify.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the signature entries out of a signature manifest: its simple-signing, DSSE and Sigstore bundle
 * layers, with their blobs, as engine {@link Candidate}s. Other layers are not signatures and are
 * skipped. Never throws for bad content: an unreadable entry comes back with its
 * {@link SignedEntry#problem()}, which names the check ({@code format: …}).
 */
final class SignatureEntries {

  /** Reads a blob of the signature's repository; empty when it is not there. */
  @FunctionalInterface
  interface BlobReader {
    Optional<byte[]> read(Digest digest);
  }

  private SignatureEntries() {}

  /** The entries of {@code manifest} (empty for an index or a manifest without signature layers). */
  static List<SignedEntry> of(byte[] manifest, BlobReader blobs) {
    ImageManifest m;
    try {
      if (Manifests.isIndex(manifest)) {
        return List.of();
      }
      m = Manifests.parseManifest(manifest);
    } catch (ManifestFormatException e) {
      return List.of(SignedEntry.broken(0, "format: unreadable signature manifest: " + e.getMessage()));
    }
    List<SignedEntry> out = new ArrayList<>();
    for (int i = 0; i < m.layers().size(); i++) {
      Descriptor layer = m.layers().get(i);
      String type = layer.mediaType() == null ? "" : layer.mediaType();
      if (type.equals(MediaTypes.COSIGN_SIMPLESIGNING)) {
        out.add(simpleSigning(i, layer, blobs));
      } else if (type.equals(MediaTypes.DSSE_ENVELOPE)) {
        out.add(attestation(i, layer, blobs));
      } else if (type.startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX)) {
        out.add(bundle(i, layer, blobs));
      }
    }
    return out;
  }

  private static SignedEntry simpleSigning(int i, Descriptor layer, BlobReader blobs) {
    Optional<byte[]> payload = blob(layer, blobs);
    if (payload.isEmpty()) {
      return SignedEntry.broken(i, "format: layer " + i + ": payload blob " + layer.digest() + " is not readable");
    }
    Map<String, String> annotations = layer.annotationsOrEmpty();
    try {
      LegacySignature sig = LegacySignature.fromAnnotations(payload.get(), annotations);
      return new SignedEntry(i, new Candidate.Legacy("layer " + i, sig), null, sig.certificatePem().isPresent(), null);
    } catch (VerificationException e) {
      return SignedEntry.broken(i, e.getMessage() + " (layer " + i + ")");
    }
  }

  private static SignedEntry attestation(int i, Descriptor layer, BlobReader blobs) {
    Optional<byte[]> json = blob(layer, blobs);
    if (json.isEmpty()) {
      return SignedEntry.broken(i, "format: layer " + i + ": envelope blob " + layer.digest() + " is not readable");
    }
    try {
      LegacyAttestation att = LegacyAttestation.fromAnnotations(json.get(), layer.annotationsOrEmpty());
      return new SignedEntry(i, new Candidate.LegacyAttestation("layer " + i, att), null,
          att.certificatePem().isPresent(), null);
    } catch (VerificationException e) {
      return SignedEntry.broken(i, e.getMessage() + " (layer " + i + ")");
    }
  }

  private static SignedEntry bundle(int i, Descriptor layer, BlobReader blobs) {
    Optional<byte[]> json = blob(layer, blobs);
    if (json.isEmpty()) {
      return SignedEntry.broken(i, "format: bundle blob " + layer.digest() + " is not readable");
    }
    SigstoreBundle b;
    try {
      b = SigstoreBundle.parse(json.get());
    } catch (BundleFormatException e) {
      return SignedEntry.broken(i, "format: unreadable bundle: " + e.getMessage());
    }
    if (!b.isDsse()) {
      return SignedEntry.broken(i, "format: the bundle holds a message signature, which signs no image (cosign signs "
          + "images with DSSE in-toto statements)");
    }
    VerificationMaterial vm = b.verificationMaterial();
    boolean key = vm.kind() == VerificationMaterial.Kind.PUBLIC_KEY;
    String hint = key && vm.publicKeyHint() != null && !vm.publicKeyHint().isEmpty() ? vm.publicKeyHint() : null;
    return new SignedEntry(i, new Candidate.Bundle("bundle", b), hint, !key, null);
  }

  private static Optional<byte[]> blob(Descriptor layer, BlobReader blobs) {
    try {
      Digest d = layer.parsedDigest();
      return blobs.read(d).filter(d::matches);
    } catch (InvalidDigestException e) {
      return Optional.empty();
    }
  }
}
