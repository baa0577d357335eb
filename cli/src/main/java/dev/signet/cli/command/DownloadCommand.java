package dev.signet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.cosign.BundleReferrerManifest;
import dev.signet.cosign.LayerLimitException;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.internal.GoJson;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SigningException;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.internal.SignatureFinder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code signet download}: prints artifacts attached to an image. */
@Command(name = "download", description = "Download signatures, attestations or SBOMs attached to an image.",
    subcommands = {DownloadCommand.Signature.class, DownloadAttestationCommand.class, DownloadSbomCommand.class})
public final class DownloadCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: signature, attestation or sbom");
  }

  /**
   * {@code download signature IMAGE}: cosign's JSON lines. When the image has v3 bundle referrers, each
   * line is one bundle (compact JSON); otherwise each line is cosign's {@code SignedPayload} for one layer
   * of the legacy {@code sha256-<hex>.sig} manifest (and of cosign's experimental OCI 1.1 signature
   * referrers). Referrers are listed with the signing library's {@link SignatureFinder}; the blobs are
   * fetched here because the library exposes verification candidates, not their raw content.
   */
  @Command(name = "signature", description = "Print an image's signatures as JSON lines.")
  public static final class Signature implements Callable<Integer> {
    /** cosign's {@code maxAllowedSigsOrAtts}. */
    static final int MAX_SIGNATURES = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "IMAGE") String image;

    @Mixin RegistryOptions registry;

    public Signature(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      ImageReference ref = References.parse(image);
      RegistryClient client = ImageCommandSupport.client(ctx, registry, ref);
      ResolvedImage resolved = ImageCommandSupport.resolve(client, ref);
      Repository repo = ImageCommandSupport.storage(ctx, ref);
      long maxBytes = VerificationPolicy.DEFAULT_MAX_PAYLOAD_BYTES;
      List<String> lines;
      try {
        SignatureFinder.Referrers referrers =
            new SignatureFinder(client, maxBytes).referrers(repo, resolved.digest());
        lines = bundles(client, repo, referrers.bundles(), maxBytes);
        if (lines.isEmpty()) {
          lines = legacy(client, repo, resolved.digest(), referrers.experimentalSignatures(), ref, maxBytes);
        }
      } catch (SigningException e) {
        throw Failures.of(e);
      }
      StringBuilder out = new StringBuilder();
      for (String line : lines) {
        out.append(line).append('\n');
      }
      ctx.out().print(out);
      ctx.out().flush();
      return ExitCodes.OK;
    }

    /** Each readable bundle referrer, compacted; unreadable ones are skipped with a warning. */
    private List<String> bundles(RegistryClient client, Repository repo, List<Descriptor> listed, long maxBytes)
        throws SigningException {
      List<String> out = new ArrayList<>();
      for (Descriptor d : listed) {
        Optional<ImageManifest> manifest = manifest(client, repo, d);
        Optional<Descriptor> layer = manifest.flatMap(BundleReferrerManifest::bundleLayer);
        if (layer.isEmpty()) {
          continue; // not a bundle referrer (cosign skips those silently)
        }
        try {
          byte[] blob = blob(client, repo, layer.get(), maxBytes);
          JsonNode tree = GoJson.MAPPER.readTree(blob);
          if (tree == null || !tree.isObject()) {
            throw new IOException("not a JSON object");
          }
          out.add(new String(GoJson.write(tree), StandardCharsets.UTF_8));
        } catch (IOException | NotFoundException e) {
          ctx.err().println("WARNING: skipping bundle referrer " + repo + "@" + d.digest() + ": " + e.getMessage());
        }
      }
      return out;
    }

    private List<String> legacy(RegistryClient client, Repository repo, Digest digest,
        List<Descriptor> experimental, ImageReference ref, long maxBytes) throws SigningException {
      List<Descriptor> layers = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      String tag = SignatureTags.signatureTag(digest);
      Optional<byte[]> sig = getManifest(client, tagReference(repo, tag));
      if (sig.isPresent()) {
        try {
          addNew(LegacySignatureImage.parse(sig.get()).layers(), seen, layers);
        } catch (ManifestFormatException | LayerLimitException e) {
          throw new SigningException("read signature manifest " + repo + ":" + tag + ": " + e.getMessage(), e);
        }
      }
      for (Descriptor d : experimental) {
        manifest(client, repo, d).ifPresent(m -> addNew(m.layers(), seen, layers));
      }
      if (layers.isEmpty()) {
        throw new CommandFailure(ExitCodes.NO_SIGNATURES, "no signatures associated with " + ref.name());
      }
      if (layers.size() > MAX_SIGNATURES) {
        throw new CommandFailure(ExitCodes.FAILURE, "maximum number of signatures on an image is "
            + MAX_SIGNATURES + ", found " + layers.size());
      }
      List<String> out = new ArrayList<>();
      for (Descriptor layer : layers) {
        byte[] payload;
        try {
          payload = blob(client, repo, layer, maxBytes);
        } catch (NotFoundException | IOException e) {
          throw new SigningException("fetch signature payload " + repo + "@" + layer.digest() + ": " + e.getMessage(), e);
        }
        out.add(signedPayload(layer, payload));
      }
      return out;
    }

    private static void addNew(Collection<Descriptor> candidates, Set<String> seen, List<Descriptor> into) {
      for (Descriptor layer : candidates) {
        if (seen.add(layer.digest() + " " + layer.annotationsOrEmpty())) {
          into.add(layer);
        }
      }
    }

    /**
     * cosign's {@code SignedPayload}, marshalled by Go: {@code Base64Signature}, {@code Payload} (base64),
     * {@code Cert}, {@code Chain}, {@code Bundle}, {@code RFC3161Timestamp}. Go dumps the whole
     * {@code x509.Certificate} struct for {@code Cert}; Signet writes its {@code Raw} field (base64 DER),
     * which is what a reader can rebuild the certificate from.
     */
    private static String signedPayload(Descriptor layer, byte[] payload) {
      SignatureAnnotations a = SignatureAnnotations.fromMap(layer.annotationsOrEmpty());
      if (!layer.annotationsOrEmpty().containsKey(SignatureAnnotations.SIGNATURE)) {
        throw new CommandFailure(ExitCodes.FAILURE, "signature layer " + layer.digest() + " is missing \""
            + SignatureAnnotations.SIGNATURE + "\" annotation");
      }
      ObjectNode o = NODES.objectNode();
      o.put("Base64Signature", a.signature());
      o.put("Payload", Base64.getEncoder().encodeToString(payload));
      List<X509Certificate> cert = certificates(a.certificatePem(), layer, "certificate");
      o.set("Cert", cert.isEmpty() ? NODES.nullNode() : certificate(cert.get(0)));
      List<X509Certificate> chain = certificates(a.chainPem(), layer, "chain");
      if (chain.isEmpty()) {
        o.set("Chain", NODES.nullNode());
      } else {
        ArrayNode arr = o.putArray("Chain");
        chain.forEach(c -> arr.add(certificate(c)));
      }
      o.set("Bundle", rekorBundle(a.rekorBundle(), layer));
      o.set("RFC3161Timestamp", timestamp(a.rfc3161Timestamp(), layer));
      return new String(GoJson.write(o), StandardCharsets.UTF_8);
    }

    private static JsonNode certificate(X509Certificate c) {
      try {
        return NODES.objectNode().put("Raw", Base64.getEncoder().encodeToString(c.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new CommandFailure(ExitCodes.FAILURE, "encode certificate: " + e.getMessage(), e);
      }
    }

    private static List<X509Certificate> certificates(String pem, Descriptor layer, String what) {
      if (pem == null || pem.isEmpty()) {
        return List.of();
      }
      try {
        List<X509Certificate> out = new ArrayList<>();
        for (var c : CertificateFactory.getInstance("X.509")
            .generateCertificates(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
          out.add((X509Certificate) c);
        }
        return out;
      } catch (CertificateException e) {
        throw new CommandFailure(ExitCodes.FAILURE,
            "signature layer " + layer.digest() + ": parse " + what + ": " + e.getMessage(), e);
      }
    }

    /** cosign's {@code bundle.RekorBundle}: {@code SignedEntryTimestamp}, then {@code Payload}. */
    private static JsonNode rekorBundle(String json, Descriptor layer) {
      JsonNode tree = tree(json, layer, "bundle");
      if (tree == null) {
        return NODES.nullNode();
      }
      JsonNode p = tree.path("Payload");
      ObjectNode payload = NODES.objectNode();
      payload.set("body", p.has("body") ? p.get("body") : NODES.nullNode());
      payload.put("integratedTime", p.path("integratedTime").asLong());
      payload.put("logIndex", p.path("logIndex").asLong());
      payload.put("logID", p.path("logID").asText(""));
      ObjectNode o = NODES.objectNode();
      o.put("SignedEntryTimestamp", tree.path("SignedEntryTimestamp").asText(""));
      o.set("Payload", payload);
      return o;
    }

    /** cosign's {@code bundle.RFC3161Timestamp}. */
    private static JsonNode timestamp(String json, Descriptor layer) {
      JsonNode tree = tree(json, layer, "rfc3161timestamp");
      return tree == null ? NODES.nullNode()
          : NODES.objectNode().put("SignedRFC3161Timestamp", tree.path("SignedRFC3161Timestamp").asText(""));
    }

    private static JsonNode tree(String json, Descriptor layer, String what) {
      if (json == null || json.isEmpty()) {
        return null;
      }
      try {
        JsonNode t = GoJson.MAPPER.readTree(json);
        if (t == null || !t.isObject()) {
          throw new IOException("not a JSON object");
        }
        return t;
      } catch (IOException e) {
        throw new CommandFailure(ExitCodes.FAILURE,
            "signature layer " + layer.digest() + ": unmarshaling " + what + ": " + e.getMessage(), e);
      }
    }

    private static byte[] blob(RegistryClient client, Repository repo, Descriptor d, long maxBytes)
        throws SigningException, NotFoundException, IOException {
      Digest digest;
      try {
        digest = d.parsedDigest();
      } catch (InvalidDigestException e) {
        throw new IOException(e.getMessage(), e);
      }
      if (d.size() > maxBytes) {
        throw new IOException("blob " + digest + " of " + d.size() + " bytes exceeds the limit of " + maxBytes + " bytes");
      }
      try {
        return client.getBlob(repo, digest, maxBytes);
      } catch (NotFoundException e) {
        throw e;
      } catch (RegistryException e) {
        throw new SigningException("fetch blob " + repo + "@" + digest + ": " + e.getMessage(), e);
      }
    }

    private static Optional<ImageManifest> manifest(RegistryClient client, Repository repo, Descriptor d)
        throws SigningException {
      ImageReference at;
      try {
        at = ImageReference.of(repo, d.parsedDigest());
      } catch (InvalidDigestException e) {
        return Optional.empty();
      }
      Optional<byte[]> bytes = getManifest(client, at);
      try {
        return bytes.isEmpty() ? Optional.empty() : Optional.of(Manifests.parseManifest(bytes.get()));
      } catch (ManifestFormatException e) {
        return Optional.empty();
      }
    }

    private static Optional<byte[]> getManifest(RegistryClient client, ImageReference ref) throws SigningException {
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
}
