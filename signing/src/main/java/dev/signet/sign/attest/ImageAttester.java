package dev.signet.sign.attest;

import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.crypto.Signer;
import dev.signet.oci.Descriptor;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.Repository;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.PayloadFormatException;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.BundleWitness;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SignOptions;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.SigningException;
import dev.signet.sign.internal.ConditionalWrites;
import dev.signet.sign.internal.LegacySignatureStore;
import dev.signet.sign.internal.Pauser;
import dev.signet.sign.internal.ReferrerWriter;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code attest} and {@code attach attestation}: stores DSSE attestations of an image, as a v3 bundle
 * referrer or as a layer of the legacy {@code sha256-<hex>.att} image (layer media type
 * {@code application/vnd.dsse.envelope.v1+json}, annotations {@code predicateType} and an empty
 * {@code dev.cosignproject.cosign/signature}). Legacy appends are race-free like {@code .sig} appends
 * ({@link LegacySignatureStore}). Thread-safe.
 */
public final class ImageAttester {
  /** Where an attestation went, and what was stored. */
  public record Result(SignedAttestation attestation, SignatureFormat format, Optional<String> location) {}

  private final Clock clock;
  private final LegacySignatureStore legacyStore;
  private final ReferrerWriter referrers;
  private final BundleWitness witness;

  public ImageAttester(RegistryClient client, Clock clock, Pauser pauser) {
    this(client, clock, pauser, BundleWitness.NONE);
  }

  /** With {@code witness} completing each v3 bundle (log entries, timestamps) before it is stored. */
  public ImageAttester(RegistryClient client, Clock clock, Pauser pauser, BundleWitness witness) {
    this.witness = witness;
    this.clock = clock;
    ConditionalWrites conditional = new ConditionalWrites(client);
    this.legacyStore = new LegacySignatureStore(client, pauser, conditional);
    this.referrers = new ReferrerWriter(client, pauser, conditional);
  }

  /**
   * Builds the statement for {@code image} (subject: the repository name and the manifest's sha256),
   * signs it, and stores it in {@code options.format()} unless {@code options.upload()} is false.
   */
  public Result attest(ResolvedImage image, Signer signer, String type, byte[] predicate, SignOptions options)
      throws SigningException {
    Repository repo = image.reference().repository();
    InTotoStatement statement =
        AttestationStatements.generate(type, predicate, repo.name(), image.digest(), clock.instant());
    SignedAttestation signed = Attestations.sign(statement, signer, options.certificatePem());
    if (options.format() == SignatureFormat.BUNDLE) {
      signed = new SignedAttestation(signed.statement(), signed.envelope(), witness.witness(signed.bundle()));
    }
    if (!options.upload()) {
      return new Result(signed, options.format(), Optional.empty());
    }
    Repository storage = options.storageFor(repo);
    if (options.format() == SignatureFormat.LEGACY) {
      String where = appendLegacy(image, storage, signed.envelope().toJson(), signed.predicateType(),
          options.certificatePem(), options.chainPem(), options.dockerMediaTypes());
      return new Result(signed, SignatureFormat.LEGACY, Optional.of(where));
    }
    requireManifest(image);
    var digest = referrers.writeBundle(storage, image.descriptor(), signed.bundle().toJson(), signed.predicateType(),
        clock.instant());
    return new Result(signed, SignatureFormat.BUNDLE, Optional.of(storage.name() + "@" + digest));
  }

  /**
   * {@code attach attestation}: appends a DSSE envelope made elsewhere (its bytes kept as they are) to the
   * legacy {@code .att} image. It must be a signed in-toto envelope.
   */
  public String attachEnvelope(ResolvedImage image, byte[] envelopeJson, String source, Optional<Repository> target,
      boolean dockerMediaTypes) throws SigningException {
    String predicateType;
    try {
      DsseEnvelope envelope = DsseEnvelope.parse(envelopeJson);
      if (!MediaTypes.IN_TOTO.equals(envelope.payloadType())) {
        throw new SigningException("attestation " + source + ": invalid payloadType " + envelope.payloadType()
            + " on envelope. Expected " + MediaTypes.IN_TOTO);
      }
      if (envelope.signatures().isEmpty()) {
        throw new SigningException("attestation " + source + ": could not attach attestation without having signatures");
      }
      predicateType = InTotoStatement.fromEnvelope(envelope).predicateType();
    } catch (PayloadFormatException e) {
      throw new SigningException("attestation " + source + " is not a DSSE envelope: " + e.getMessage(), e);
    }
    Repository storage = target.orElse(image.reference().repository());
    return appendLegacy(image, storage, envelopeJson, predicateType, Optional.empty(), Optional.empty(), dockerMediaTypes);
  }

  private String appendLegacy(ResolvedImage image, Repository storage, byte[] envelopeJson, String predicateType,
      Optional<String> certificatePem, Optional<String> chainPem, boolean dockerMediaTypes) throws SigningException {
    SignatureAnnotations annotations = SignatureAnnotations.ofSignature("");
    if (predicateType != null && !predicateType.isEmpty()) {
      annotations = annotations.withPredicateType(predicateType);
    }
    if (certificatePem.isPresent()) {
      annotations = annotations.withCertificate(certificatePem.get(), chainPem.orElse(""));
    }
    Descriptor layer = LegacySignatureImage.attestationLayer(envelopeJson, annotations);
    String tag = SignatureTags.attestationTag(image.digest());
    // DSSE envelopes carry fresh signatures and no signature annotation: nothing is a duplicate.
    legacyStore.append(storage, tag, layer, envelopeJson, dockerMediaTypes, existing -> false);
    return storage.name() + ":" + tag;
  }

  private static void requireManifest(ResolvedImage image) throws SigningException {
    if (image.mediaType().isEmpty()) {
      throw new SigningException("attest " + image.byDigest() + ": the registry does not hold this manifest, so a v3"
          + " bundle cannot refer to it; push the image first or attest with --new-bundle-format=false");
    }
  }
}
