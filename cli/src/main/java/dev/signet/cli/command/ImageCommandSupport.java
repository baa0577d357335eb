package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.ImageResolver;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SigningException;
import java.util.List;
import java.util.stream.Stream;

/** What the one-image commands share: parse, build a client, resolve. */
final class ImageCommandSupport {
  private ImageCommandSupport() {}

  static RegistryClient client(CliContext ctx, RegistryOptions registry, ImageReference... refs) {
    List<String> hosts = Stream.concat(Stream.of(refs).map(r -> r.repository().registry()),
            References.targetRepository(ctx).map(Repository::registry).stream())
        .distinct()
        .toList();
    return registry.client(ctx, hosts);
  }

  static ResolvedImage resolve(RegistryClient client, ImageReference ref) {
    try {
      return new ImageResolver(client).resolve(ref);
    } catch (SigningException e) {
      throw Failures.of(e);
    }
  }

  /** The repository accessories are stored in: {@code COSIGN_REPOSITORY} or the image's own. */
  static Repository storage(CliContext ctx, ImageReference ref) {
    return References.targetRepository(ctx).orElse(ref.repository());
  }
}
