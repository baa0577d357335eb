package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SigningException;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.attest.AttachmentReader;
import dev.signet.sign.attest.PredicateTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code download attestation [--predicate-type T] IMAGE}: one DSSE envelope per line, in cosign's
 * {@code AttestationPayload} layout ({@code payloadType, payload, signatures[{keyid, sig}]}), from the
 * image's v3 bundle referrers first and then its legacy {@code .att} layers. Not verified.
 */
@Command(name = "attestation", description = "Print an image's attestations (DSSE envelopes) as JSON lines.")
public final class DownloadAttestationCommand implements Callable<Integer> {
  /** cosign's {@code maxAllowedSigsOrAtts}. */
  static final int MAX_ATTESTATIONS = 100;

  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "IMAGE") String image;

  @Option(names = "--predicate-type", description = "Only attestations of this predicate type (short name or URI).")
  String predicateType;

  @Mixin RegistryOptions registry;

  public DownloadAttestationCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Optional<String> filter;
    try {
      filter = predicateType == null || predicateType.isEmpty() ? Optional.empty()
          : Optional.of(PredicateTypes.resolve(predicateType));
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    ImageReference ref = References.parse(image);
    RegistryClient client = ImageCommandSupport.client(ctx, registry, ref);
    ResolvedImage resolved = ImageCommandSupport.resolve(client, ref);
    Repository repo = ImageCommandSupport.storage(ctx, ref);
    List<AttachmentReader.Found> found;
    try {
      found = new AttachmentReader(client, References.maxAttachmentSize(ctx, VerificationPolicy.DEFAULT_MAX_PAYLOAD_BYTES))
          .attestations(repo, resolved.digest(), filter, w -> ctx.err().println("WARNING: " + w));
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    if (found.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "found no attestations for " + ref.name()
          + filter.map(t -> " with predicate type " + t).orElse(""));
    }
    if (found.size() > MAX_ATTESTATIONS) {
      throw new CommandFailure(ExitCodes.FAILURE, "maximum number of attestations on an image is "
          + MAX_ATTESTATIONS + ", found " + found.size());
    }
    StringBuilder out = new StringBuilder();
    for (AttachmentReader.Found f : found) {
      out.append(new String(f.envelope().toLegacyJson(), StandardCharsets.UTF_8)).append('\n');
    }
    ctx.out().print(out);
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
