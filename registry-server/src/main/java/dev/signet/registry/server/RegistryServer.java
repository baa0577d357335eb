package dev.signet.registry.server;

import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.auth.AuthSettings;
import dev.signet.registry.server.auth.http.AuthHandler;
import dev.signet.registry.server.replication.ReplicationService;
import dev.signet.registry.server.replication.http.ManifestPushObserver;
import dev.signet.registry.server.http.ClientConcurrencyLimit;
import dev.signet.registry.server.http.FrontServices;
import dev.signet.registry.server.http.JsonErrorHandler;
import dev.signet.registry.server.http.MinimumDataRate;
import dev.signet.registry.server.http.RegistryHandler;
import dev.signet.registry.server.http.Routes;
import dev.signet.registry.server.service.GarbageCollector;
import dev.signet.registry.server.service.Registry;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Signet registry: an OCI distribution-spec 1.1 registry over a data directory, served by Jetty.
 *
 * <pre>{@code
 * try (RegistryServer server = RegistryServer.builder().dataDir(dir).port(0).build().start()) {
 *   URI url = server.url();   // http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * Authentication is on when an admin password is configured ({@link Builder#adminPassword}) or the data
 * directory already has accounts (see {@link AuthServices}); without it the server refuses non-loopback
 * listen addresses unless {@link Builder#insecureNoAuth(boolean)} is set.
 */
public final class RegistryServer implements AutoCloseable {
  private final Builder config;
  private final Registry registry;
  private final AuthServices auth;
  private final ReplicationService replication;
  private final Server jetty;
  private final ServerConnector connector;
  private final FrontServices front;
  private GcScheduler gcScheduler;

  private RegistryServer(Builder b) {
    this.config = b;
    this.registry = Registry.open(b.dataDir, b.clock, b.fullSync);
    try {
      this.auth = AuthServices.open(b.dataDir, b.clock, new AuthSettings(b.adminPassword, b.publicUrl, b.tokenTtl, null));
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    if (!auth.enabled() && !b.insecureNoAuth && !Builder.isLoopback(b.host)) {
      auth.close();
      registry.close();
      throw new IllegalStateException(b.refusal());
    }
    TrustWiring.wire(registry, auth);
    LifecycleWiring.wire(b.dataDir, registry, b.clock, auth);
    this.replication = ReplicationWiring.open(b.dataDir, registry, b.clock, auth, b.adminPassword);
    QueuedThreadPool threads = new QueuedThreadPool(b.maxThreads, 8);
    threads.setName("signet-registry");
    if (b.virtualThreads) {
      // handlers block (body reads, SQLite, fsync): on virtual threads a stalled client costs no pool thread
      threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    }
    this.jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setOutputBufferSize(64 * 1024);
    // Names are checked on the raw path, so encoded dots and slashes can be allowed through and refused
    // there with NAME_INVALID instead of Jetty's HTML 400.
    http.setUriCompliance(UriCompliance.DEFAULT.with("signet", UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT,
        UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT, UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
        UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
    if (b.tlsCertificate != null) {
      http.addCustomizer(new SecureRequestCustomizer(false));
    }
    this.connector = Http2Wiring.connector(jetty, http, b.tlsCertificate == null ? null
        : PemTls.serverContext(b.tlsCertificate, b.tlsKey), b.http2, b.maxRequestsPerClient);
    connector.setIdleTimeout(b.idleTimeout.toMillis());
    connector.setHost(b.host);
    connector.setPort(b.port);
    jetty.addConnector(connector);
    Routes routes = Routes.of(registry);
    if (auth.enabled()) {
      routes.guard(auth.gate(), auth.access());
    }
    // outermost: per-client concurrency, then the body deadline, both before any credential is read
    this.front = new FrontServices(new AuthHandler(auth, registry,
        new ManifestPushObserver(new RegistryHandler(routes), replication)));
    jetty.setHandler(new ClientConcurrencyLimit(b.maxRequestsPerClient, new MinimumDataRate(b.minDataRate,
        Duration.ofSeconds(2), front)));
    jetty.setErrorHandler(new JsonErrorHandler());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening (and the scheduled garbage collection, if configured). */
  public RegistryServer start() {
    if (config.frontServices != null) {
      // Bind first, so the services know the URL, and install them before the first request is served.
      try {
        connector.open();
        FrontServiceFactory.Services svc = config.frontServices.open(publicUrl());
        front.install(svc.handler(), svc.resources());
      } catch (Exception e) {
        close();
        throw new IllegalStateException("cannot start the services beside the registry on " + config.host + ":"
            + config.port + ": " + e.getMessage(), e);
      }
    }
    try {
      jetty.start();
    } catch (Exception e) {
      close();
      throw new IllegalStateException("cannot start the registry on " + config.host + ":" + config.port + ": "
          + e.getMessage(), e);
    }
    replication.start(url());
    if (config.gcInterval != null) {
      gcScheduler = new GcScheduler(registry.gc(), config.gcInterval, config.gcGrace);
    }
    return this;
  }

  /** The bound port (the chosen one when built with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http[s]://host:port}, with IPv6 hosts bracketed. */
  public URI url() {
    String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
    return URI.create((config.tlsCertificate != null ? "https" : "http") + "://" + host + ":" + port());
  }

  /** The URL clients are told to use: the configured public URL, else {@link #url()}. */
  public URI publicUrl() {
    return config.publicUrl != null ? config.publicUrl : url();
  }

  /** The services behind the HTTP API (for in-process tools such as gc and fsck). */
  public Registry registry() {
    return registry;
  }

  /** Replication rules and jobs (rules also through {@code /api/v1/admin/replication}). */
  public ReplicationService replication() {
    return replication;
  }

  /** Accounts, access checks and the audit log ({@link AuthServices#enabled()} tells whether auth is on). */
  public AuthServices auth() {
    return auth;
  }

  public Path dataDir() {
    return config.dataDir;
  }

  /** Stops listening, waits for the running garbage collection, and closes the stores. */
  public void stop() {
    close();
  }

  @Override
  public void close() {
    if (gcScheduler != null) {
      gcScheduler.close();
    }
    try {
      jetty.stop();
    } catch (Exception e) {
      // closing anyway
    }
    front.closeResources();
    replication.close();
    auth.close();
    registry.close();
  }

  /** Settings; {@link #build()} validates them. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 5000;
    private Path dataDir;
    private Clock clock = Clock.systemUTC();
    private Path tlsCertificate;
    private Path tlsKey;
    private boolean insecureNoAuth;
    private boolean fullSync;
    private Duration gcInterval;
    private Duration gcGrace = GarbageCollector.DEFAULT_GRACE;
    private int maxThreads = 200;
    private int maxRequestsPerClient = 64;
    private long minDataRate = 1024;
    private Duration idleTimeout = Duration.ofSeconds(30);
    private boolean virtualThreads = true;
    private boolean http2 = true;
    private char[] adminPassword;
    private URI publicUrl;
    private FrontServiceFactory frontServices;
    private Duration tokenTtl = AuthSettings.DEFAULT_TOKEN_TTL;

    private Builder() {}

    /** Listen address (default 127.0.0.1). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Listen port (default 5000; 0 picks a free port). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("invalid port " + port);
      }
      this.port = port;
      return this;
    }

    /** Where blobs and metadata live (required). */
    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir, "dataDir");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Serve HTTPS with a PEM certificate chain and its unencrypted PEM private key. */
    public Builder tls(Path certificateChain, Path privateKey) {
      this.tlsCertificate = Objects.requireNonNull(certificateChain, "certificateChain");
      this.tlsKey = Objects.requireNonNull(privateKey, "privateKey");
      return this;
    }

    /**
     * Turn authentication on; when the data directory has no users yet, create the system administrator
     * {@code admin} with this password (null: leave authentication to whether accounts exist).
     */
    public Builder adminPassword(char[] password) {
      this.adminPassword = password == null ? null : password.clone();
      return this;
    }

    /** The URL clients reach the registry at, for the token realm (default: the URL each request used). */
    /**
     * Services served on the registry's listener in front of it (e.g. {@code signet registry serve --sigstore}),
     * opened once the registry's URL is known.
     */
    public Builder frontServices(FrontServiceFactory factory) {
      this.frontServices = factory;
      return this;
    }

    public Builder publicUrl(URI url) {
      this.publicUrl = url;
      return this;
    }

    /** How long access tokens from {@code /auth/token} live (default 5 minutes). */
    public Builder tokenTtl(Duration ttl) {
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("the token lifetime must be positive");
      }
      this.tokenTtl = ttl;
      return this;
    }

    /** Allow a non-loopback listen address without authentication (no admin password and no accounts). */
    public Builder insecureNoAuth(boolean insecure) {
      this.insecureNoAuth = insecure;
      return this;
    }

    /**
     * fsync every metadata commit (SQLite {@code synchronous=FULL}). Off by default: commits then survive
     * process crashes (kill -9) but a power loss may roll back the last few; blobs are always fsynced
     * before they become visible, so the registry stays consistent either way.
     */
    public Builder fullSync(boolean fullSync) {
      this.fullSync = fullSync;
      return this;
    }

    /** Run garbage collection every {@code interval} while serving (default: never). */
    public Builder gcInterval(Duration interval) {
      if (interval != null && (interval.isNegative() || interval.isZero())) {
        throw new IllegalArgumentException("gc interval must be positive");
      }
      this.gcInterval = interval;
      return this;
    }

    /** How old unreferenced content must be before garbage collection removes it (default 1h). */
    public Builder gcGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("gc grace must not be negative");
      }
      this.gcGrace = grace;
      return this;
    }

    public Builder maxThreads(int threads) {
      this.maxThreads = threads;
      return this;
    }

    /** Requests one client address may have in flight at once, before authentication (default 64). */
    public Builder maxRequestsPerClient(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("the per-client request limit must be at least 1");
      }
      this.maxRequestsPerClient = max;
      return this;
    }

    /**
     * The slowest average rate, in bytes per second, at which a request body is accepted after a 2 s
     * grace (default 1024; 0 turns the check off); see {@link MinimumDataRate}.
     */
    public Builder minDataRate(long bytesPerSecond) {
      if (bytesPerSecond < 0) {
        throw new IllegalArgumentException("the minimum data rate must not be negative");
      }
      this.minDataRate = bytesPerSecond;
      return this;
    }

    /** How long a connection may be silent (default 30 s). */
    public Builder idleTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the idle timeout must be positive");
      }
      this.idleTimeout = timeout;
      return this;
    }

    /** Run request handlers on virtual threads (default true). */
    public Builder virtualThreads(boolean on) {
      this.virtualThreads = on;
      return this;
    }

    /**
     * Offer HTTP/2 besides HTTP/1.1 (default true): h2 negotiated by ALPN over TLS, h2c (prior knowledge or
     * {@code Upgrade}) on plain HTTP. HTTP/1.1 clients are served as before either way.
     */
    public Builder http2(boolean on) {
      this.http2 = on;
      return this;
    }

    public RegistryServer build() {
      if (dataDir == null) {
        throw new IllegalStateException("a data directory is required");
      }
      // without a password, accounts can only come from an existing database: refuse before touching anything
      if (!insecureNoAuth && adminPassword == null && !Files.exists(dataDir.resolve("metadata.db"))
          && !isLoopback(host)) {
        throw new IllegalStateException(refusal());
      }
      return new RegistryServer(this);
    }

    private String refusal() {
      return "refusing to listen on " + host + ": no authentication is configured (no admin password and no "
          + "accounts), so anyone who could reach that address could push and delete; listen on a loopback "
          + "address such as 127.0.0.1, set an admin password (--admin-password-file or SIGNET_ADMIN_PASSWORD), "
          + "or pass --insecure-no-auth to accept the risk";
    }

    private static boolean isLoopback(String host) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        throw new IllegalStateException("cannot resolve listen address " + host, e);
      }
    }
  }
}
