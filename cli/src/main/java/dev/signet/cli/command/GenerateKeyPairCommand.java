package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.Passwords;
import dev.signet.crypto.keys.CosignKeyFile;
import dev.signet.crypto.keys.KeyFiles;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code generate-key-pair}: a new ECDSA P-256 key, written as {@code <prefix>.key} (encrypted,
 * mode 0600) and {@code <prefix>.pub} (mode 0644) in the working directory.
 */
@Command(
    name = "generate-key-pair",
    description = "Generates a key-pair for signing (ECDSA P-256).",
    footer =
        "%nThe password is read from COSIGN_PASSWORD (may be empty), else prompted for twice on a"
            + " terminal, else read from all of standard input.")
public final class GenerateKeyPairCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Option(
      names = "--output-key-prefix",
      defaultValue = "cosign",
      paramLabel = "PREFIX",
      description = "Write PREFIX.key and PREFIX.pub (default ${DEFAULT-VALUE}).")
  String outputKeyPrefix;

  @Option(names = "--kms", paramLabel = "URI", description = "Create the key pair in a KMS (not supported yet).")
  String kms;

  @Option(names = {"-y", "--yes"}, description = "Overwrite existing key files without asking.")
  boolean yes;

  @Parameters(
      arity = "0..1",
      paramLabel = "DESTINATION",
      description = "k8s://NAMESPACE/NAME, github://OWNER/REPO or gitlab://PROJECT (not supported yet).")
  String destination;

  private final CliContext ctx;

  public GenerateKeyPairCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (kms != null && !kms.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "KMS keys are not supported yet (--kms " + kms + ")");
    }
    if (destination != null) {
      throw new CommandFailure(ExitCodes.FAILURE, unsupportedDestination(destination));
    }
    KeyPairFiles files = new KeyPairFiles(ctx, outputKeyPrefix);
    files.checkOverwrite(yes);
    PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();
    char[] password = Passwords.read(ctx, true);
    byte[] privatePem;
    try {
      privatePem = CosignKeyFile.encrypt(key, password);
    } finally {
      Arrays.fill(password, '\0');
    }
    files.write(privatePem, PublicKeys.toPem(key.publicKey()).getBytes(StandardCharsets.US_ASCII));
    return ExitCodes.OK;
  }

  private static String unsupportedDestination(String destination) {
    String lower = destination.toLowerCase(Locale.ROOT);
    if (lower.startsWith("k8s://")) {
      return "Kubernetes secrets (k8s://) are not supported yet: " + destination;
    }
    if (lower.startsWith("github://")) {
      return "GitHub secrets (github://) are not supported yet: " + destination;
    }
    if (lower.startsWith("gitlab://")) {
      return "GitLab variables (gitlab://) are not supported yet: " + destination;
    }
    return "unexpected argument " + destination
        + " (expected k8s://, github:// or gitlab://; use --output-key-prefix for file names)";
  }

  /**
   * Writes a key pair as {@code <prefix>.key} and {@code <prefix>.pub}: refuses (or, on a terminal,
   * asks) before replacing existing files, and never leaves a new private key without its public
   * key. Shared with {@link ImportKeyPairCommand}.
   */
  static final class KeyPairFiles {
    private final CliContext ctx;
    private final String privateName;
    private final String publicName;
    private final Path privatePath;
    private final Path publicPath;

    KeyPairFiles(CliContext ctx, String prefix) {
      if (prefix == null || prefix.isEmpty()) {
        throw new CommandFailure(ExitCodes.FAILURE, "--output-key-prefix must not be empty");
      }
      this.ctx = ctx;
      this.privateName = prefix + ".key";
      this.publicName = prefix + ".pub";
      this.privatePath = ctx.resolve(privateName);
      this.publicPath = ctx.resolve(publicName);
    }

    /** Call before asking for a password: fails or asks when either file exists and not {@code yes}. */
    void checkOverwrite(boolean yes) {
      List<String> existing = new ArrayList<>();
      if (Files.exists(privatePath)) {
        existing.add(privateName);
      }
      if (Files.exists(publicPath)) {
        existing.add(publicName);
      }
      if (existing.isEmpty() || yes) {
        return;
      }
      String names = String.join(" and ", existing);
      String exist = existing.size() == 1 ? " already exists" : " already exist";
      if (!ctx.interactive()) {
        throw new CommandFailure(ExitCodes.FAILURE, names + exist + "; pass --yes to overwrite");
      }
      ctx.err().println("WARNING: File " + names + exist + ". Overwrite?");
      ctx.err().print("Are you sure you would like to continue? [y/N] ");
      ctx.err().flush();
      String answer = readLine(ctx.stdin()).trim().toLowerCase(Locale.ROOT);
      if (!answer.equals("y") && !answer.equals("yes")) {
        throw new CommandFailure(ExitCodes.FAILURE, "user declined the prompt");
      }
    }

    /** Writes both files; if the public key cannot be written, the private key file is restored. */
    void write(byte[] privatePem, byte[] publicPem) {
      Path dir = privatePath.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        throw new CommandFailure(
            ExitCodes.FAILURE, "write " + privateName + ": directory " + dir + " does not exist");
      }
      byte[] previous = readIfExists(privatePath);
      try {
        KeyFiles.writePrivateKey(privatePath, privatePem);
      } catch (IOException e) {
        throw new CommandFailure(ExitCodes.FAILURE, "write " + privateName + ": " + reason(e), e);
      }
      try {
        KeyFiles.writePublicKey(publicPath, publicPem);
      } catch (IOException e) {
        throw new CommandFailure(
            ExitCodes.FAILURE, "write " + publicName + ": " + reason(e) + "; " + restore(previous), e);
      } finally {
        if (previous != null) {
          Arrays.fill(previous, (byte) 0);
        }
      }
      ctx.err().println("Private key written to " + privateName);
      ctx.err().println("Public key written to " + publicName);
    }

    private String restore(byte[] previous) {
      try {
        if (previous == null) {
          Files.deleteIfExists(privatePath);
          return privateName + " was removed again";
        }
        KeyFiles.writePrivateKey(privatePath, previous);
        return "the previous " + privateName + " was restored";
      } catch (IOException e) {
        return "and " + privateName + " could not be restored: " + reason(e);
      }
    }

    private static byte[] readIfExists(Path path) {
      try {
        return Files.isRegularFile(path) ? Files.readAllBytes(path) : null;
      } catch (IOException e) {
        throw new CommandFailure(ExitCodes.FAILURE, "read " + path + ": " + reason(e), e);
      }
    }

    private static String reason(IOException e) {
      if (e instanceof AccessDeniedException) {
        return "permission denied: " + e.getMessage();
      }
      return e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** One line of the answer, read byte by byte so that nothing after it is consumed. */
    private static String readLine(InputStream in) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      try {
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
          line.write(b);
        }
      } catch (IOException e) {
        throw new CommandFailure(ExitCodes.FAILURE, "reading the answer: " + e.getMessage(), e);
      }
      return line.toString(StandardCharsets.UTF_8);
    }
  }
}
