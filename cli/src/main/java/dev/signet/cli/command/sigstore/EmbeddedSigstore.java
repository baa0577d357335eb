package dev.signet.cli.command.sigstore;

import dev.signet.cli.CliContext;
import dev.signet.registry.server.FrontServiceFactory;
import dev.signet.sigstore.ca.oidc.IssuerType;
import dev.signet.sigstore.ca.oidc.OidcIssuer;
import dev.signet.sigstore.server.SigstoreOptions;
import dev.signet.sigstore.server.SigstoreServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code signet registry serve --sigstore}: the Sigstore services on the registry's listener, with the registry
 * itself as an OIDC issuer — its accounts and robots sign keylessly with {@code signet identity-token}; the
 * certificate names them by the URI {@code <registry>/accounts/NAME} ({@code /robots/NAME} for robots).
 */
public final class EmbeddedSigstore {
  private EmbeddedSigstore() {}

  public static FrontServiceFactory factory(CliContext ctx, Path dataDir, SigstoreServiceOptions options) {
    List<OidcIssuer> configured = options.issuers();
    return registryUrl -> {
      String url = registryUrl.toString().replaceAll("/+$", "");
      List<OidcIssuer> issuers = new ArrayList<>(configured);
      issuers.add(OidcIssuer.of(url, IssuerType.SIGNET_REGISTRY));
      char[] password = options.password(ctx, dataDir);
      try {
        SigstoreServices services = SigstoreServices.open(SigstoreOptions.of(dataDir, url, password, issuers)
            .withIssuers(issuers, Optional.of(url)).withClock(ctx.clock()));
        return new FrontServiceFactory.Services(services.handler(), services);
      } finally {
        Arrays.fill(password, '\0');
      }
    };
  }
}
