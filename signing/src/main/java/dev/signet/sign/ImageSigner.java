package dev.signet.sign;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.crypto.CryptoException;
import dev.signet.crypto.Signer;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Descriptor;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.Repository;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.SimpleSigningPayload;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.internal.ConditionalWrites;
import dev.signet.sign.internal.LegacySignatureStore;
import dev.signet.sign.internal.Pauser;
import dev.signet.sign.internal.PermitPauser;
import dev.signet.sign.internal.ReferrerWriter;
import dev.signet.sign.internal.SettleRound;
import dev.signet.sign.internal.SignatureChecks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Signs images as cosign does, in either storage format, and stores the signature without losing a
 * concurrent signer's (see {@link LegacySignatureStore}). Thread-safe.
 */
public final class ImageSigner {
  /** cosign's predicate type for {@code cosign sign} statements. */
  public static final String SIGN_PREDICATE_TYPE = "https://sigstore.dev/cosign/sign/v1";

  private final RegistryClient client;
  private final Clock clock;
  private final ImageResolver resolver;
  private final LegacySignatureStore legacyStore;
  private final ReferrerWriter referrers;
  private final BundleWitness witness;

  public ImageSigner(RegistryClient client, Clock clock, Pauser pauser) {
    this(client, clock, pauser, BundleWitness.NONE);
  }

  /** With {@code witness} completing each v3 bundle (log entries, timestamps) before it is stored. */
  public ImageSigner(RegistryClient client, Clock clock, Pauser pauser, BundleWitness witness) {
    this.witness = witness;
    this.client = client;
    this.clock = clock;
    this.resolver = new ImageResolver(client);
    pauser = new PermitPauser(pauser); // signAll's images give up their permit while they wait
    ConditionalWrites conditional = new ConditionalWrites(client);
    this.legacyStore = new LegacySignatureStore(client, pauser, conditional);
    this.referrers = new ReferrerWriter(client, pauser, conditional);
  }

  /** Signs {@code image} (and with {@code --recursive} every manifest of an index). */
  public List<SignResult> sign(ResolvedImage image, Signer signer, SignOptions options) throws SigningException {
    List<ResolvedImage> targets = options.recursive() ? resolver.walk(image) : List.of(image);
    List<SignResult> results = new ArrayList<>();
    for (ResolvedImage target : targets) {
      results.add(
          options.format() == SignatureFormat.LEGACY
              ? signLegacy(target, signer, options)
              : signBundle(target, signer, options));
    }
    return results;
  }

  /**
   * Signs many images, each on its own virtual thread, with at most {@code workers} of them making
   * requests at a time. On registries without conditional writes the read-back pause is shared: every
   * image writes, gives up its place to the next and waits; when all are waiting one pause is taken and
   * all read back ({@link SettleRound}). The results are in the order of {@code images}; the signing goes on
   * in the background after this returns.
   */
  public List<Future<List<SignResult>>> signAll(List<ResolvedImage> images, Signer signer, SignOptions options,
      int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1");
    }
    Semaphore permits = new Semaphore(workers);
    SettleRound round = new SettleRound(images.size());
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    List<Future<List<SignResult>>> out = new ArrayList<>();
    try {
      for (ResolvedImage image : images) {
        out.add(threads.submit(() -> {
          try {
            permits.acquire();
            try {
              return ScopedValue.where(PermitPauser.PERMITS, permits).where(PermitPauser.ROUND, round)
                  .call(() -> sign(image, signer, options));
            } finally {
              permits.release();
            }
          } finally {
            round.finished();
          }
        }));
      }
    } finally {
      threads.shutdown(); // accepts no more tasks; the submitted ones run to the end
    }
    return out;
  }

  private SignResult signLegacy(ResolvedImage image, Signer signer, SignOptions options) throws SigningException {
    Repository repo = image.reference().repository();
    byte[] payload =
        SimpleSigningPayload.of(repo.name(), image.digest(), options.annotations().isEmpty() ? null : options.annotations())
            .toJson();
    byte[] signature = sign(signer, payload, image);
    SignatureAnnotations annotations = SignatureAnnotations.ofSignature(Base64.getEncoder().encodeToString(signature));
    if (options.certificatePem().isPresent()) {
      annotations = annotations.withCertificate(options.certificatePem().get(), options.chainPem().orElse(""));
    }
    Descriptor layer = LegacySignatureImage.simpleSigningLayer(payload, annotations);
    Optional<String> location = Optional.empty();
    if (options.upload()) {
      Repository storage = options.storageFor(repo);
      String tag = SignatureTags.signatureTag(image.digest());
      legacyStore.append(
          storage, tag, layer, payload, options.dockerMediaTypes(),
          existing -> SignatureChecks.signatureVerifies(existing, payload, signer.publicKey()));
      location = Optional.of(storage.name() + ":" + tag);
    }
    return new SignResult(image, SignatureFormat.LEGACY, payload, signature, location);
  }

  private SignResult signBundle(ResolvedImage image, Signer signer, SignOptions options) throws SigningException {
    byte[] statement = InTotoStatement.forCosignSign(image.digest(), options.annotations()).toJson();
    byte[] signature = sign(signer, DsseEnvelope.pae(MediaTypes.IN_TOTO, statement), image);
    DsseEnvelope envelope =
        new DsseEnvelope(MediaTypes.IN_TOTO, statement, List.of(new DsseEnvelope.Signature("", signature)));
    VerificationMaterial material =
        options.certificatePem().isPresent()
            ? VerificationMaterial.certificate(Pem.firstCertificateDer(options.certificatePem().get()))
            : VerificationMaterial.publicKey(PublicKeys.hint(signer.publicKey()));
    byte[] bundle = witness.witness(SigstoreBundle.ofDsse(material, envelope)).toJson();
    Optional<String> location = Optional.empty();
    if (options.upload()) {
      if (image.mediaType().isEmpty()) {
        throw new SigningException(
            "sign " + image.byDigest() + ": the registry does not hold this manifest, so a v3 bundle cannot refer to it;"
                + " push the image first or sign with --new-bundle-format=false");
      }
      Repository storage = options.storageFor(image.reference().repository());
      var digest = referrers.writeBundle(storage, image.descriptor(), bundle, SIGN_PREDICATE_TYPE, clock.instant());
      location = Optional.of(storage.name() + "@" + digest);
    }
    return new SignResult(image, SignatureFormat.BUNDLE, bundle, signature, location);
  }

  private static byte[] sign(Signer signer, byte[] data, ResolvedImage image) throws SigningException {
    try {
      return signer.sign(data);
    } catch (CryptoException e) {
      throw new SigningException("sign " + image.byDigest() + ": " + e.getMessage(), e);
    }
  }

  RegistryClient client() {
    return client;
  }
}
