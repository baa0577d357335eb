package dev.signet.cli.command;

import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.sign.layout.LayoutException;
import dev.signet.sign.layout.LocalImage;
import java.nio.file.Path;
import java.util.List;

/** {@code --local-image}: the one IMAGE argument is a layout directory written by {@code save}. */
final class LocalImages {
  private LocalImages() {}

  static LocalImage open(List<String> images) {
    if (images.size() != 1) {
      throw new CommandFailure(ExitCodes.FAILURE, "--local-image takes exactly one layout directory, got "
          + images.size() + " arguments");
    }
    try {
      return LocalImage.open(Path.of(images.get(0)));
    } catch (LayoutException e) {
      throw Failures.of(e);
    }
  }
}
