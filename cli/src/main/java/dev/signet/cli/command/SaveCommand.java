package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.oci.reference.ImageReference;
import dev.signet.sign.SigningException;
import dev.signet.sign.layout.ImageSaver;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signet save IMAGE --dir DIR}: cosign's save — the image, its legacy signatures and attestations
 * and its bundle referrers into an OCI image layout, for {@code verify --local-image} or {@code load}.
 */
@Command(name = "save", description = "Save an image and its signatures and attestations to an OCI layout directory.")
public final class SaveCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "IMAGE") String image;

  @Option(names = "--dir", required = true, description = "Directory of the OCI image layout to write.") String dir;

  @Mixin RegistryOptions registry;

  public SaveCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (dir.isBlank()) {
      throw new CommandFailure(ExitCodes.FAILURE, "--dir is empty: give the directory to write the layout to");
    }
    ImageReference ref = References.parse(image);
    try {
      new ImageSaver(ImageCommandSupport.client(ctx, registry, ref))
          .save(ref, ImageCommandSupport.storage(ctx, ref), Path.of(dir));
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    return ExitCodes.OK;
  }
}
