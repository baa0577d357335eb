package dev.signet.registry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The real in-process registry with accounts: the bootstrap administrator, {@code pusher} (push on project
 * {@code prod}), {@code reader} (pull only), {@code deleter} (delete), and an enforce policy on {@code prod}
 * that trusts {@link #TRUSTED}. Raw HTTP helpers with basic auth.
 */
final class SecuredRegistry implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final PrivateKeyHandle TRUSTED = KeyGenerator.generateEcdsaP256();
  static final String ADMIN = "admin";
  static final String ADMIN_PW = "bootstrap-admin-pw";
  static final String PUSHER = "pusher";
  static final String READER = "reader";
  static final String DELETER = "deleter";
  static final String PW = "account-password-1";
  static final String REPO = "prod/app";

  private final RegistryServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SecuredRegistry(RegistryServer server) {
    this.server = server;
  }

  static SecuredRegistry start(Path data) {
    SecuredRegistry r = new SecuredRegistry(RegistryServer.builder().dataDir(data).port(0).clock(Clock.systemUTC())
        .fullSync(false).adminPassword(ADMIN_PW.toCharArray()).build().start());
    r.admin("POST", "/projects", Map.of("name", "prod", "public", false));
    for (String[] u : List.of(new String[] {PUSHER, "push"}, new String[] {READER, "pull"},
        new String[] {DELETER, "delete"})) {
      r.admin("POST", "/users", Map.of("name", u[0], "password", PW));
      r.admin("PUT", "/projects/prod/members/" + u[0], Map.of("role", u[1]));
    }
    r.admin("PUT", "/projects/prod/policy", Map.of("mode", "enforce", "keys",
        List.of(PublicKeys.toPem(TRUSTED.publicKey())), "threshold", 1));
    return r;
  }

  RegistryServer server() {
    return server;
  }

  String host() {
    return "127.0.0.1:" + server.port();
  }

  static String basic(String user) {
    String pw = ADMIN.equals(user) ? ADMIN_PW : PW;
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<byte[]> send(String method, String path, byte[] body, String user, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (user != null) {
      b.header("Authorization", basic(user));
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode admin(String method, String path, Object json) {
    try {
      HttpResponse<byte[]> r = send(method, "/api/v1/admin" + path, json == null ? null : JSON.writeValueAsBytes(json),
          ADMIN, "Content-Type", "application/json");
      assertThat(r.statusCode()).as(method + " " + path + ": " + text(r)).isBetween(200, 299);
      return r.body().length == 0 ? null : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Uploads a blob as {@link #PUSHER}; returns its digest. */
  Digest blob(byte[] content) {
    Digest d = Digest.sha256(content);
    HttpResponse<byte[]> r = send("POST", "/v2/" + REPO + "/blobs/uploads/?digest=" + d, content, PUSHER,
        "Content-Type", "application/octet-stream");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    return d;
  }

  /** PUTs a manifest as {@code user}. */
  HttpResponse<byte[]> put(String user, String reference, String mediaType, byte[] manifest) {
    return send("PUT", "/v2/" + REPO + "/manifests/" + reference, manifest, user, "Content-Type", mediaType);
  }

  /** PUTs as {@link #PUSHER} and asserts 201; returns the digest. */
  Digest pushed(String reference, byte[] manifest) {
    HttpResponse<byte[]> r = put(PUSHER, reference, MediaTypes.OCI_MANIFEST, manifest);
    assertThat(r.statusCode()).as("PUT " + reference + ": " + text(r)).isEqualTo(201);
    return Digest.sha256(manifest);
  }

  HttpResponse<byte[]> get(String user, String reference) {
    return send("GET", "/v2/" + REPO + "/manifests/" + reference, null, user, "Accept", MediaTypes.manifestAccept());
  }

  HttpResponse<byte[]> delete(String user, String reference) {
    return send("DELETE", "/v2/" + REPO + "/manifests/" + reference, null, user);
  }

  /** A runnable image's parts, uploaded: a real image config and one gzip tar layer holding {@code /hello}. */
  record Parts(Digest config, int configSize, Digest layer, int layerSize) {
    String configDescriptor(String mediaType) {
      return descriptor(mediaType, config, configSize);
    }

    String layerDescriptor(String mediaType) {
      return descriptor(mediaType, layer, layerSize);
    }
  }

  Parts runnableParts(String seed) {
    byte[] tar = tar("hello", ("#!/bin/sh\necho " + seed + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] layer = gzip(tar);
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Entrypoint\":[\"/hello\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(tar) + "\"]}}")
        .getBytes(StandardCharsets.UTF_8);
    return new Parts(blob(config), config.length, blob(layer), layer.length);
  }

  /** Pushes an ordinary runnable image under {@code tag}; returns its digest. */
  Digest image(String tag, String seed) {
    Parts p = runnableParts(seed);
    return pushed(tag, manifest(p.configDescriptor(MediaTypes.OCI_CONFIG), List.of(
        p.layerDescriptor(MediaTypes.OCI_LAYER_GZIP)), null));
  }

  String subjectOf(Digest subject) {
    return descriptor(MediaTypes.OCI_MANIFEST, subject, 100);
  }

  static String descriptor(String mediaType, Digest digest, long size) {
    return "{\"mediaType\":" + quote(mediaType) + ",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An OCI manifest from literal descriptor JSON; {@code subject} may be null. */
  static byte[] manifest(String config, List<String> layers, String subject) {
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":" + config
        + ",\"layers\":[" + String.join(",", layers) + "]" + (subject == null ? "" : ",\"subject\":" + subject) + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static JsonNode json(HttpResponse<byte[]> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text(r), e);
    }
  }

  /** A one-file ustar archive (mode 0755). */
  static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000755");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, String.format("%011o", 1_577_836_800L));
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar");
    header[262] = 0;
    put(header, 263, "00");
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    header[155] = ' ';
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, offset, b.length);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    server.close();
  }
}
