package dev.signet.registry.server;

import java.net.URI;
import org.eclipse.jetty.server.Handler;

/** Opens services that share the registry's listener, given the URL clients reach the registry at. */
@FunctionalInterface
public interface FrontServiceFactory {
  /**
   * @param handler serves the services' paths and declines (returns false for) everything else
   * @param resources closed when the registry closes
   */
  record Services(Handler handler, AutoCloseable resources) {}

  Services open(URI registryUrl) throws Exception;
}
