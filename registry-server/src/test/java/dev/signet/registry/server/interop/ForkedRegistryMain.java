package dev.signet.registry.server.interop;

import dev.signet.registry.server.RegistryServer;
import java.nio.file.Path;

/** A registry in its own JVM for crash tests: prints {@code PORT <n>} once listening, then serves until killed. */
public final class ForkedRegistryMain {
  private ForkedRegistryMain() {}

  public static void main(String[] args) throws InterruptedException {
    RegistryServer server = RegistryServer.builder().dataDir(Path.of(args[0])).port(0).build().start();
    System.out.println("PORT " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
