package dev.signet.registry.server.replication;

import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.server.http.RegistryHandler;
import dev.signet.registry.server.http.Routes;
import dev.signet.registry.server.replication.http.ManifestPushObserver;
import dev.signet.registry.server.replication.http.ReplicationAdminClient;
import dev.signet.registry.server.replication.http.ReplicationAdminHandler;
import dev.signet.registry.server.replication.http.ReplicationAdminJettyHandler;
import dev.signet.registry.server.service.Registry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Signet registry with replication wired the way the server will wire it: the registry's own handler
 * wrapped by the push observer, the admin API in front, the service reading the registry at its own URL.
 */
final class ReplicatingRegistry implements AutoCloseable {
  private final Registry registry;
  private final ReplicationService replication;
  private final Server jetty;
  private final ServerConnector connector;

  private ReplicatingRegistry(Path dataDir, Clock clock, UnaryOperator<ReplicationService.Builder> config) {
    this.registry = Registry.open(dataDir, clock, false);
    this.replication = config.apply(ReplicationService.builder().dataDir(dataDir).registry(registry).clock(clock))
        .build();
    this.jetty = new Server();
    this.connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    Handler admin = new ReplicationAdminJettyHandler(new ReplicationAdminHandler(replication));
    Handler registryHandler = new ManifestPushObserver(new RegistryHandler(Routes.of(registry)), replication);
    jetty.setHandler(new Handler.Sequence(admin, registryHandler));
  }

  /** Starts on a free port; {@code config} adjusts the replication settings (poll interval, backoff, …). */
  static ReplicatingRegistry start(Path dataDir, Clock clock, UnaryOperator<ReplicationService.Builder> config)
      throws Exception {
    ReplicatingRegistry r = new ReplicatingRegistry(dataDir, clock, config);
    try {
      r.jetty.start();
      r.replication.start(r.url());
      return r;
    } catch (Exception e) {
      r.close();
      throw e;
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  String host() {
    return "127.0.0.1:" + connector.getLocalPort();
  }

  Repository repository(String path) {
    try {
      return Repository.parse(host() + "/" + path);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(e);
    }
  }

  ReplicationService replication() {
    return replication;
  }

  Registry registry() {
    return registry;
  }

  ReplicationAdminClient admin() {
    return new ReplicationAdminClient(url(), Optional.empty());
  }

  HttpRegistryClient client() {
    return HttpRegistryClient.builder().build();
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      // closing anyway
    }
    replication.close();
    registry.close();
  }
}
