package dev.signet.sign;

import dev.signet.oci.Digest;

/** Hears about large blob transfers, e.g. to draw a progress bar on a terminal. */
public interface ProgressListener {
  ProgressListener NONE = (digest, done, total) -> {};

  /** {@code done} of {@code total} bytes of {@code digest} have been transferred. */
  void progress(Digest digest, long done, long total);
}
