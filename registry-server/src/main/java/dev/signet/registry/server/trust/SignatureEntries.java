package dev.signet.registry.server.trust;

import dev.signet.bundle.BundleFormatException;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.PayloadFormatException;
import dev.signet.registry.server.trust.SignedEntry.Format;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads the signature entries out of a signature manifest: its simple-signing, DSSE and Sigstore bundle
 * layers, with their blobs. Other layers are not signatures and are skipped. Never throws for bad
 * content: an unreadable entry comes back with its {@link SignedEntry#problem()}.
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
      return List.of(SignedEntry.broken(0, Format.SIMPLE_SIGNING, "unreadable signature manifest: " + e.getMessage()));
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
    Format f = Format.SIMPLE_SIGNING;
    SignatureAnnotations a = SignatureAnnotations.fromMap(layer.annotationsOrEmpty());
    if (a.signature() == null || a.signature().isEmpty()) {
      return SignedEntry.broken(i, f, "layer " + i + " has no " + SignatureAnnotations.SIGNATURE + " annotation");
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(a.signature().trim());
    } catch (IllegalArgumentException e) {
      return SignedEntry.broken(i, f, "layer " + i + ": the signature annotation is not base64");
    }
    Optional<byte[]> payload = blob(layer, blobs);
    if (payload.isEmpty()) {
      return SignedEntry.broken(i, f, "layer " + i + ": payload blob " + layer.digest() + " is not readable");
    }
    return withCertificate(new SignedEntry(i, f, payload.get(), List.of(sig), payload.get(), null, null, null, null),
        a.certificatePem(), a.chainPem());
  }

  private static SignedEntry attestation(int i, Descriptor layer, BlobReader blobs) {
    Optional<byte[]> json = blob(layer, blobs);
    if (json.isEmpty()) {
      return SignedEntry.broken(i, Format.IN_TOTO, "layer " + i + ": envelope blob " + layer.digest() + " is not readable");
    }
    try {
      SignedEntry e = dsse(i, DsseEnvelope.parse(json.get()), null);
      SignatureAnnotations a = SignatureAnnotations.fromMap(layer.annotationsOrEmpty());
      return withCertificate(e, a.certificatePem(), a.chainPem());
    } catch (PayloadFormatException e) {
      return SignedEntry.broken(i, Format.IN_TOTO, "layer " + i + ": " + e.getMessage());
    }
  }

  private static SignedEntry bundle(int i, Descriptor layer, BlobReader blobs) {
    Optional<byte[]> json = blob(layer, blobs);
    if (json.isEmpty()) {
      return SignedEntry.broken(i, Format.IN_TOTO, "bundle blob " + layer.digest() + " is not readable");
    }
    SigstoreBundle b;
    try {
      b = SigstoreBundle.parse(json.get());
    } catch (BundleFormatException e) {
      return SignedEntry.broken(i, Format.IN_TOTO, "unreadable bundle: " + e.getMessage());
    }
    if (!b.isDsse()) {
      return SignedEntry.broken(i, Format.IN_TOTO, "the bundle holds a message signature, which signs no image");
    }
    VerificationMaterial vm = b.verificationMaterial();
    SignedEntry e = dsse(i, b.dsseEnvelope(), vm.kind() == VerificationMaterial.Kind.PUBLIC_KEY ? vm.publicKeyHint() : null);
    if (vm.kind() == VerificationMaterial.Kind.PUBLIC_KEY) {
      return e;
    }
    try {
      List<X509Certificate> certs = new ArrayList<>();
      for (byte[] der : vm.certificates()) {
        certs.add(parse(der));
      }
      return new SignedEntry(i, e.format(), e.signedData(), e.signatures(), e.statement(), null, certs.get(0),
          certs.subList(1, certs.size()), null);
    } catch (CertificateException ex) {
      return SignedEntry.broken(i, Format.IN_TOTO, "unreadable bundle certificate: " + ex.getMessage());
    }
  }

  private static SignedEntry dsse(int i, DsseEnvelope env, String hint) {
    if (!MediaTypes.IN_TOTO.equals(env.payloadType())) {
      return SignedEntry.broken(i, Format.IN_TOTO, "DSSE payload type " + env.payloadType() + " is not in-toto");
    }
    List<byte[]> sigs = env.signatures().stream().map(DsseEnvelope.Signature::sig).toList();
    return new SignedEntry(i, Format.IN_TOTO, env.pae(), sigs, env.payload(), hint == null || hint.isEmpty()
        ? null : hint, null, null, null);
  }

  private static SignedEntry withCertificate(SignedEntry e, String certPem, String chainPem) {
    if (e.problem() != null || certPem == null || certPem.isBlank()) {
      return e;
    }
    try {
      List<X509Certificate> leaf = List.copyOf(TrustAnchor.certificates(certPem));
      List<X509Certificate> chain = chainPem == null || chainPem.isBlank() ? List.of()
          : List.copyOf(TrustAnchor.certificates(chainPem));
      if (leaf.isEmpty()) {
        return SignedEntry.broken(e.index(), e.format(), "layer " + e.index() + ": empty certificate annotation");
      }
      return new SignedEntry(e.index(), e.format(), e.signedData(), e.signatures(), e.statement(), null,
          leaf.get(0), chain, null);
    } catch (IllegalArgumentException ex) {
      return SignedEntry.broken(e.index(), e.format(), "layer " + e.index() + ": " + ex.getMessage());
    }
  }

  private static Optional<byte[]> blob(Descriptor layer, BlobReader blobs) {
    try {
      Digest d = layer.parsedDigest();
      return blobs.read(d).filter(d::matches);
    } catch (InvalidDigestException e) {
      return Optional.empty();
    }
  }

  private static X509Certificate parse(byte[] der) throws CertificateException {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }
}
