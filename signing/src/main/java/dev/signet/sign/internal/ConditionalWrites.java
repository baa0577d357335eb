package dev.signet.sign.internal;

import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.Precondition;
import dev.signet.registry.client.PreconditionFailedException;
import dev.signet.registry.client.RegistryClient;
import dev.signet.registry.client.RegistryException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per registry, whether manifest PUTs honour {@code If-Match}. Where they do, a successful
 * conditional write cannot have lost a concurrent writer's update, so no read-back pause is needed.
 *
 * <p>The probe re-PUTs the manifest that was just written, unchanged, with an {@code If-Match} that
 * cannot match: a registry that checks it answers 412; one that ignores it stores identical bytes (a
 * no-op, except that it could undo a write that landed in between — which that writer's own read-back
 * then repairs, as it must on such registries anyway). One probe per registry and process.
 */
public final class ConditionalWrites {
  private static final String NEVER_MATCHES =
      "\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"";

  private final RegistryClient client;
  private final ConcurrentHashMap<String, Boolean> honoured = new ConcurrentHashMap<>();

  public ConditionalWrites(RegistryClient client) {
    this.client = client;
  }

  /** What is known about {@code repo}'s registry without probing. */
  public java.util.Optional<Boolean> known(Repository repo) {
    return java.util.Optional.ofNullable(honoured.get(repo.registry()));
  }

  /** Whether {@code repo}'s registry honours conditional manifest PUTs; probes once with {@code written}. */
  public boolean honoured(Repository repo, String tag, byte[] written, String mediaType) throws RegistryException {
    Boolean known = honoured.get(repo.registry());
    if (known != null) {
      return known;
    }
    synchronized (this) { // concurrent first writers wait for one probe instead of each probing
      known = honoured.get(repo.registry());
      return known != null ? known : probe(repo, tag, written, mediaType);
    }
  }

  /** What {@link #honoured(Repository, Written)} reads for its probe: the manifest just written. */
  @FunctionalInterface
  public interface Written {
    /** The tag, bytes and media type of what was written; empty when it cannot be read back (no probe). */
    java.util.Optional<dev.signet.registry.client.Manifest> read() throws RegistryException;
  }

  /**
   * As {@link #honoured(Repository, String, byte[], String)}, reading what was written only when a probe is
   * due: concurrent first writers wait for the one probe instead of each reading their manifest back.
   */
  public boolean honoured(Repository repo, String tag, Written written) throws RegistryException {
    Boolean known = honoured.get(repo.registry());
    if (known != null) {
      return known;
    }
    synchronized (this) {
      known = honoured.get(repo.registry());
      if (known != null) {
        return known;
      }
      var current = written.read();
      return current.isPresent() && probe(repo, tag, current.get().bytes(), current.get().mediaType());
    }
  }

  private boolean probe(Repository repo, String tag, byte[] written, String mediaType) throws RegistryException {
    boolean result;
    try {
      client.putManifest(repo, tag, written, mediaType, Precondition.ifMatch(NEVER_MATCHES));
      result = false;
    } catch (PreconditionFailedException e) {
      result = true;
    }
    honoured.put(repo.registry(), result);
    return result;
  }
}
