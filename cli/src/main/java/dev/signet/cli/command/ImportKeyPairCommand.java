package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.Passwords;
import dev.signet.crypto.CryptoException;
import dev.signet.crypto.keys.CosignKeyFile;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PrivateKeyImport;
import dev.signet.crypto.keys.PublicKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code import-key-pair}: re-encrypts an unencrypted PEM private key (PKCS#1 RSA, SEC1 EC or
 * PKCS#8 RSA/EC/Ed25519) as a cosign key pair. The input is validated before the password is asked
 * for and before anything is written.
 */
@Command(
    name = "import-key-pair",
    description = "Imports a PEM-encoded RSA, EC or Ed25519 private key as a cosign key pair.")
public final class ImportKeyPairCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Option(names = {"-k", "--key"}, paramLabel = "FILE", description = "The unencrypted PEM private key to import.")
  String key;

  @Option(
      names = {"-o", "--output-key-prefix"},
      defaultValue = "import-cosign",
      paramLabel = "PREFIX",
      description = "Write PREFIX.key and PREFIX.pub (default ${DEFAULT-VALUE}).")
  String outputKeyPrefix;

  @Option(names = {"-y", "--yes"}, description = "Overwrite existing key files without asking.")
  boolean yes;

  private final CliContext ctx;

  public ImportKeyPairCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (key == null || key.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "required flag(s) \"key\" not set");
    }
    PrivateKeyHandle imported = parse(read(ctx.resolve(key)));
    GenerateKeyPairCommand.KeyPairFiles files =
        new GenerateKeyPairCommand.KeyPairFiles(ctx, outputKeyPrefix);
    files.checkOverwrite(yes);
    char[] password = Passwords.read(ctx, true);
    byte[] privatePem;
    try {
      // cosign keeps the legacy COSIGN label only for input that already had it; the input here is
      // always unencrypted (PrivateKeyImport refuses encrypted keys), so the label is SIGSTORE.
      privatePem = CosignKeyFile.encrypt(imported, password, CosignKeyFile.Label.SIGSTORE);
    } finally {
      Arrays.fill(password, '\0');
    }
    files.write(privatePem, PublicKeys.toPem(imported.publicKey()).getBytes(StandardCharsets.US_ASCII));
    return ExitCodes.OK;
  }

  private PrivateKeyHandle parse(byte[] pem) {
    try {
      return PrivateKeyImport.importPem(pem, key);
    } catch (CryptoException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
    } finally {
      Arrays.fill(pem, (byte) 0);
    }
  }

  private byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "import " + key + ": no such file: " + path, e);
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "import " + key + ": cannot read " + path + ": " + e, e);
    }
  }
}
