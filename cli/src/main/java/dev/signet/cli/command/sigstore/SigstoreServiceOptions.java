package dev.signet.cli.command.sigstore;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.sigstore.ca.oidc.IssuerType;
import dev.signet.sigstore.ca.oidc.OidcIssuer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options shared by the standalone and the embedded Sigstore services: OIDC issuers and the password that
 * protects the CA and CT log keys.
 */
public final class SigstoreServiceOptions {
  static final String PASSWORD_ENV = "SIGNET_SIGSTORE_PASSWORD";
  static final String PASSWORD_FILE = "key-password";

  @Option(names = "--oidc-issuer", paramLabel = "TYPE=URL[,domain=D][,audience=A]",
      description = {"An OIDC issuer whose ID tokens the CA accepts (repeatable). TYPE: email, github-actions,",
          "gitlab, uri, username; uri and username need domain=. Audience default: sigstore."})
  List<String> issuers = new ArrayList<>();

  @Option(names = "--sigstore-password-file", paramLabel = "FILE",
      description = {"File whose first line protects the CA and CT log keys (default: $" + PASSWORD_ENV + ",",
          "else a random password kept in DATA/" + PASSWORD_FILE + ", mode 0600)."})
  String passwordFile;

  /** Whether no option of this group was given. */
  public boolean isDefault() {
    return issuers.isEmpty() && passwordFile == null;
  }

  /** The configured issuers. */
  public List<OidcIssuer> issuers() {
    List<OidcIssuer> out = new ArrayList<>();
    for (String spec : issuers) {
      out.add(parseIssuer(spec));
    }
    return out;
  }

  static OidcIssuer parseIssuer(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new CommandFailure(ExitCodes.FAILURE, "--oidc-issuer \"" + spec
          + "\": use TYPE=URL, e.g. github-actions=https://token.actions.githubusercontent.com");
    }
    String[] parts = spec.substring(eq + 1).split(",");
    String url = parts[0].trim();
    String domain = null;
    String audience = OidcIssuer.DEFAULT_AUDIENCE;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.startsWith("domain=")) {
        domain = p.substring("domain=".length());
      } else if (p.startsWith("audience=")) {
        audience = p.substring("audience=".length());
      } else {
        throw new CommandFailure(ExitCodes.FAILURE, "--oidc-issuer \"" + spec + "\": unknown part \"" + p
            + "\" (expected domain=… or audience=…)");
      }
    }
    try {
      return new OidcIssuer(url, audience, IssuerType.parse(spec.substring(0, eq)), domain);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "--oidc-issuer \"" + spec + "\": " + e.getMessage());
    }
  }

  /** The key password: the file, the environment, else one generated into {@code dataDir} on first start. */
  public char[] password(CliContext ctx, Path dataDir) {
    try {
      if (passwordFile != null) {
        List<String> lines = Files.readAllLines(ctx.resolve(passwordFile), StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
          throw new CommandFailure(ExitCodes.FAILURE, "--sigstore-password-file " + passwordFile + " is empty");
        }
        return lines.get(0).toCharArray();
      }
      String env = ctx.env(PASSWORD_ENV);
      if (env != null && !env.isEmpty()) {
        return env.toCharArray();
      }
      Path file = dataDir.resolve(PASSWORD_FILE);
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).trim().toCharArray();
      }
      Files.createDirectories(dataDir);
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Path tmp = Files.createTempFile(dataDir, ".key-password", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, generated + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return generated.toCharArray();
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot read or create the Sigstore key password in " + dataDir
          + ": " + e.getMessage(), e);
    }
  }
}
