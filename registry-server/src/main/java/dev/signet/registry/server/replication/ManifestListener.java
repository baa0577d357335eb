package dev.signet.registry.server.replication;

import dev.signet.oci.Digest;
import java.util.List;
import java.util.Optional;

/** Told about every manifest the registry stored. */
@FunctionalInterface
public interface ManifestListener {

  /**
   * Called after a manifest PUT succeeded (before or after the 201 is sent). Implementations MUST return
   * quickly and MUST NOT throw: the client's push never waits for, or fails because of, a listener.
   *
   * @param repository the repository name ({@code team/app})
   * @param digest the stored manifest's digest
   * @param tags the tags the PUT pointed at it (the tag reference and any {@code ?tag=}); empty for a push
   *     by digest alone
   * @param subject the manifest's {@code subject} digest, if it has one
   */
  void onManifestStored(String repository, Digest digest, List<String> tags, Optional<Digest> subject);
}
