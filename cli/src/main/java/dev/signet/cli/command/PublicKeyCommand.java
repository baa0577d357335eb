package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.KeyLoader;
import dev.signet.crypto.keys.KeyFiles;
import dev.signet.crypto.keys.PublicKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code public-key}: prints the public key of {@code --key} as a {@code PUBLIC KEY} PEM. An
 * encrypted cosign key is decrypted with its password; a public key or certificate is normalised.
 */
@Command(name = "public-key", description = "Gets a public key from the key-pair.")
public final class PublicKeyCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Option(names = "--key", paramLabel = "REF", description = "Key file or env://VAR.")
  String key;

  @Option(names = "--outfile", paramLabel = "FILE", description = "Write the PEM to FILE instead of standard output.")
  String outfile;

  @Option(names = "--sk", description = "Use a hardware security key (not supported yet).")
  boolean securityKey;

  @Option(names = "--slot", paramLabel = "SLOT", description = "Security key slot (not supported yet).")
  String slot;

  private final CliContext ctx;

  public PublicKeyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (securityKey || slot != null) {
      throw new CommandFailure(ExitCodes.FAILURE, "hardware security keys (--sk) are not supported yet");
    }
    if (key == null || key.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "--key is required (a key file or env://VAR)");
    }
    String pem = PublicKeys.toPem(KeyLoader.loadPublicKey(key, ctx));
    if (outfile == null || outfile.isEmpty()) {
      ctx.out().print(pem);
      ctx.out().flush();
      return ExitCodes.OK;
    }
    try {
      KeyFiles.writePublicKey(ctx.resolve(outfile), pem.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "write " + outfile + ": " + e, e);
    }
    return ExitCodes.OK;
  }
}
