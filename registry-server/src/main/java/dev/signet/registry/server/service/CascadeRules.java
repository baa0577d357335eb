package dev.signet.registry.server.service;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.PayloadFormatException;
import dev.signet.payload.SimpleSigningPayload;
import dev.signet.registry.server.storage.CascadeRule;
import dev.signet.registry.server.storage.LinkKind;
import dev.signet.registry.server.storage.ManifestRecord;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The registry's {@link CascadeRule}: an accessory follows its deleted subject only when its content
 * refers to that subject.
 * <ul>
 *   <li>{@code subject} field, or an entry of the subject's fallback index: the manifest's own
 *       {@code subject} names it.</li>
 *   <li>{@code .sig} tag: a cosign signature image — every layer a simple-signing payload (plain text)
 *       whose {@code docker-manifest-digest} is the subject.</li>
 *   <li>{@code .att} tag: every layer a DSSE envelope whose in-toto statement has the subject among its
 *       subjects.</li>
 *   <li>{@code .sbom} tag: every layer an SBOM payload (plain text); SBOMs do not name the image.</li>
 *   <li>fallback index {@code sha256-<hex>}: an index each of whose listed manifests present in the
 *       repository has the subject in its {@code subject} field.</li>
 * </ul>
 */
public final class CascadeRules implements CascadeRule {
  /** Largest signature or attestation payload read to check what it names. */
  static final long MAX_PAYLOAD_BYTES = 1024 * 1024;
  private static final Set<String> SBOM_TYPES = Set.of("text/spdx", "text/spdx+json", "text/spdx+xml",
      "application/spdx+json", "application/vnd.cyclonedx", "application/vnd.cyclonedx+json",
      "application/vnd.cyclonedx+xml", "application/vnd.syft+json");
  private final RunnableContent.BlobReader blobs;

  public CascadeRules(RunnableContent.BlobReader blobs) {
    this.blobs = blobs;
  }

  @Override
  public boolean follows(ManifestRecord accessory, Digest subject, LinkKind kind,
      Function<Digest, Optional<ManifestRecord>> lookup) {
    ParsedManifest m;
    try {
      m = ManifestParser.parse(accessory.content(), accessory.mediaType());
    } catch (RegistryException e) {
      return false;
    }
    return switch (kind) {
      case SUBJECT, FALLBACK_ENTRY -> subject.equals(m.subject());
      case SIGNATURE_TAG -> everyLayer(m, subject, MediaTypes.COSIGN_SIMPLESIGNING, this::namesInSimpleSigning);
      case ATTESTATION_TAG -> everyLayer(m, subject, MediaTypes.DSSE_ENVELOPE, this::namesInAttestation);
      case SBOM_TAG -> !m.index() && !m.layers().isEmpty() && m.layers().stream()
          .allMatch(l -> SBOM_TYPES.contains(l.essence()) && !l.foreign() && blobs.read(l.digest(),
              RunnableContent.MAX_PAYLOAD_BYTES).filter(RunnableContent::isPlainText).isPresent());
      case FALLBACK_INDEX -> m.index() && m.children().stream().map(lookup)
          .allMatch(child -> child.isEmpty() || subject.equals(child.get().subject()));
    };
  }

  private interface Names {
    boolean names(byte[] payload, Digest subject);
  }

  private boolean everyLayer(ParsedManifest m, Digest subject, String essence, Names names) {
    if (m.index() || m.layers().isEmpty()) {
      return false;
    }
    for (ParsedManifest.Blob l : m.layers()) {
      if (!essence.equals(l.essence()) || l.foreign()) {
        return false;
      }
      Optional<byte[]> payload = blobs.read(l.digest(), MAX_PAYLOAD_BYTES);
      if (payload.isEmpty() || !RunnableContent.isPlainText(payload.get()) || !names.names(payload.get(), subject)) {
        return false;
      }
    }
    return true;
  }

  private boolean namesInSimpleSigning(byte[] payload, Digest subject) {
    try {
      return subject.toString().equals(SimpleSigningPayload.parse(payload).manifestDigest());
    } catch (PayloadFormatException | RuntimeException e) {
      return false;
    }
  }

  private boolean namesInAttestation(byte[] payload, Digest subject) {
    try {
      List<InTotoStatement.Subject> subjects = InTotoStatement.fromEnvelope(DsseEnvelope.parse(payload)).subjects();
      return subjects.stream().anyMatch(s -> subject.hex().equals(s.digest().get(subject.algorithm())));
    } catch (PayloadFormatException | RuntimeException e) {
      return false;
    }
  }
}
