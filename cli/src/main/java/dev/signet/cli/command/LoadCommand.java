package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.oci.reference.ImageReference;
import dev.signet.sign.SigningException;
import dev.signet.sign.layout.ImageLoader;
import dev.signet.sign.layout.OciLayout;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signet load --dir DIR IMAGE}: cosign's load — pushes a layout written by {@code save}, signatures included. */
@Command(name = "load", description = "Push an image and its signatures and attestations from an OCI layout directory.")
public final class LoadCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "IMAGE") String image;

  @Option(names = "--dir", required = true, description = "Directory of the OCI image layout to read.") String dir;

  @Mixin RegistryOptions registry;

  public LoadCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ImageReference ref = References.parse(image);
    try {
      OciLayout layout = OciLayout.open(Path.of(dir));
      new ImageLoader(ImageCommandSupport.client(ctx, registry, ref)).load(layout, ref, ImageCommandSupport.storage(ctx, ref));
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    return ExitCodes.OK;
  }
}
