package dev.signet.registry.server.auth;

import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and access over a registry data directory: the stores, the audit log, credentials, tokens and
 * the request {@link Gate}. Authentication is on when an admin password is configured or accounts already
 * exist (so a registry that has accounts never silently opens up); otherwise {@link #access()} is
 * {@link Access#OPEN} and {@link #gate()} is null, as before accounts existed.
 */
public final class AuthServices implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuthServices.class);
  public static final String BOOTSTRAP_ADMIN = "admin";

  private final AuthDatabase db;
  private final UserStore users;
  private final ProjectStore projects;
  private final RobotStore robots;
  private final SqlAuditLog audit;
  private final PasswordHasher hasher;
  private final TokenIssuer tokens;
  private final OidcIssuer oidc;
  private final java.net.URI publicUrl;
  private final Credentials credentials;
  private final boolean enabled;
  private final Access access;
  private final Gate gate;
  private final AdminExtensions adminExtensions = new AdminExtensions();

  private AuthServices(Path dataDir, Clock clock, AuthSettings settings, PasswordHasher hasher) {
    this.publicUrl = settings.publicUrl();
    this.db = new AuthDatabase(dataDir.resolve("metadata.db"));
    try {
      this.users = new UserStore(db, clock);
      this.projects = new ProjectStore(db, clock);
      this.robots = new RobotStore(db, clock);
      this.audit = new SqlAuditLog(db, clock);
      this.hasher = hasher;
      bootstrap(settings.adminPassword());
      this.enabled = settings.adminPassword() != null || users.any();
      // the signing key is only made once authentication is on
      this.tokens = enabled ? new TokenIssuer(SigningKeyFile.loadOrCreate(dataDir), clock, settings.tokenTtl(),
          settings.service()) : null;
      this.oidc = enabled ? new OidcIssuer(dataDir, clock, OidcIssuer.DEFAULT_TTL) : null;
      this.credentials = enabled ? new Credentials(users, robots, hasher, tokens, clock) : null;
      this.access = enabled ? new AccountAccess(projects) : Access.OPEN;
      this.gate = enabled ? new Gate(credentials, access, audit, projects, settings.publicUrl(), settings.service(),
          new LoginThrottle(clock)) : null;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Opens the account tables of the registry in {@code dataDir} (whose metadata store is already open). */
  public static AuthServices open(Path dataDir, Clock clock, AuthSettings settings) {
    return open(dataDir, clock, settings, new PasswordHasher());
  }

  public static AuthServices open(Path dataDir, Clock clock, AuthSettings settings, PasswordHasher hasher) {
    return new AuthServices(dataDir, clock, settings, hasher);
  }

  private void bootstrap(char[] adminPassword) {
    if (adminPassword == null) {
      return;
    }
    if (adminPassword.length == 0) {
      throw new IllegalArgumentException("the admin password is empty");
    }
    if (users.any()) {
      LOG.info("accounts exist: the configured admin password is not applied");
      return;
    }
    if (users.create(BOOTSTRAP_ADMIN, hasher.hash(adminPassword), true)) {
      audit.record("system", "user.create", BOOTSTRAP_ADMIN, AuditLog.OK, "first system administrator");
      LOG.info("created the system administrator '{}'", BOOTSTRAP_ADMIN);
    }
  }

  /** True when requests are authenticated and authorized. */
  public boolean enabled() {
    return enabled;
  }

  /** Role checks; {@link Access#OPEN} when authentication is off. */
  public Access access() {
    return access;
  }

  /** The audit log (recording works in both modes). */
  public SqlAuditLog audit() {
    return audit;
  }

  /** The request gate, or null when authentication is off. */
  public Gate gate() {
    return gate;
  }

  /** Endpoints other parts of the registry add to the admin API (policies, replication, …). */
  public AdminExtensions adminExtensions() {
    return adminExtensions;
  }

  public UserStore users() {
    return users;
  }

  public ProjectStore projects() {
    return projects;
  }

  public RobotStore robots() {
    return robots;
  }

  public PasswordHasher hasher() {
    return hasher;
  }

  /** The token issuer, or null when authentication is off. */
  /** The registry's external URL as configured, or null (then each request's own URL is used). */
  public java.net.URI publicUrl() {
    return publicUrl;
  }

  /** The OIDC issuer for the registry's accounts (null when authentication is off). */
  public OidcIssuer oidc() {
    return oidc;
  }

  public TokenIssuer tokens() {
    return tokens;
  }

  /** Credential checks, or null when authentication is off. */
  public Credentials credentials() {
    return credentials;
  }

  @Override
  public void close() {
    db.close();
  }
}
