package dev.signet.sigstore.server.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Trust distribution: {@code GET /sigstore/trusted_root.json}, {@code GET /sigstore/signing_config.json}
 * (both {@code application/json}, from suppliers so the caller can change them at run time) and the
 * TUF repository's files under {@code /sigstore/tuf/} (the mirror URL for {@code signet initialize
 * --mirror}), read from its directory: metadata as {@code application/json}, targets as
 * {@code application/octet-stream}. Files that do not exist, and names outside the repository, get 404
 * with {@code {"code","message"}}; other paths are left to the next handler ({@code false}).
 */
public final class TrustHandler extends Handler.Abstract {
  public static final String TRUSTED_ROOT_PATH = "/sigstore/trusted_root.json";
  public static final String SIGNING_CONFIG_PATH = "/sigstore/signing_config.json";
  public static final String TUF_PREFIX = "/sigstore/tuf/";
  /** File names a TUF repository publishes: metadata, and targets/ (sub)paths; no dot-files, no "..". */
  private static final Pattern SAFE = Pattern.compile("(?:[A-Za-z0-9_][A-Za-z0-9._-]*/)*[A-Za-z0-9_][A-Za-z0-9._-]*");

  private final Supplier<byte[]> trustedRoot;
  private final Supplier<byte[]> signingConfig;
  private final Optional<Path> tufDirectory;

  /**
   * @param tufDirectory the published repository ({@code TufRepository.directory()}), or empty to serve none
   */
  public TrustHandler(Supplier<byte[]> trustedRoot, Supplier<byte[]> signingConfig, Optional<Path> tufDirectory) {
    this.trustedRoot = Objects.requireNonNull(trustedRoot, "trustedRoot");
    this.signingConfig = Objects.requireNonNull(signingConfig, "signingConfig");
    this.tufDirectory = tufDirectory.map(p -> p.toAbsolutePath().normalize());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String raw = request.getHttpURI().getPath();
    String path = raw == null ? "" : raw;
    boolean tuf = path.startsWith(TUF_PREFIX) || path.equals("/sigstore/tuf");
    if (!path.equals(TRUSTED_ROOT_PATH) && !path.equals(SIGNING_CONFIG_PATH) && !tuf) {
      return false;
    }
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      HttpIo.methodNotAllowed(response, callback, "GET, HEAD", path);
      return true;
    }
    boolean head = method.equals("HEAD");
    if (path.equals(TRUSTED_ROOT_PATH)) {
      document(response, callback, trustedRoot.get(), head);
    } else if (path.equals(SIGNING_CONFIG_PATH)) {
      document(response, callback, signingConfig.get(), head);
    } else {
      tufFile(path.length() > TUF_PREFIX.length() ? path.substring(TUF_PREFIX.length()) : "", response, callback,
          head);
    }
    return true;
  }

  private static void document(Response response, Callback callback, byte[] body, boolean head) {
    if (body == null) {
      HttpIo.error(response, callback, 404, "not configured on this server");
      return;
    }
    response.getHeaders().put("Cache-Control", "no-cache");
    HttpIo.send(response, callback, 200, "application/json", body, head);
  }

  private void tufFile(String name, Response response, Callback callback, boolean head) {
    if (tufDirectory.isEmpty()) {
      HttpIo.error(response, callback, 404, "this server publishes no TUF repository");
      return;
    }
    Path base = tufDirectory.get();
    Path file = SAFE.matcher(name).matches() && !name.contains("..") ? base.resolve(name).normalize() : null;
    if (file == null || !file.startsWith(base) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      HttpIo.error(response, callback, 404, "no TUF repository file " + (name.isEmpty() ? "/" : name));
      return;
    }
    byte[] body;
    try {
      body = Files.readAllBytes(file);
    } catch (IOException e) {
      HttpIo.error(response, callback, 404, "no TUF repository file " + name);
      return;
    }
    boolean target = name.startsWith("targets/");
    // Versioned metadata and hash-prefixed targets never change; root.json and timestamp.json do.
    boolean mutable = name.equals("timestamp.json") || name.equals("root.json");
    response.getHeaders().put("Cache-Control", mutable ? "no-cache" : "public, max-age=31536000, immutable");
    HttpIo.send(response, callback, 200, target ? "application/octet-stream" : "application/json", body, head);
  }
}
