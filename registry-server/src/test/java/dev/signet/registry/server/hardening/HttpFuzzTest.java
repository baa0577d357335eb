package dev.signet.registry.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.RegistryServer;
import dev.signet.registry.server.testkit.TestManifests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * An HTTP fuzz pass against a running in-process registry (authentication on): random methods, paths
 * (registry routes with odd names, digests and references, the token endpoint, the admin API), headers
 * ({@code Content-Range}, {@code Range}, {@code Authorization}, conditions, content types) and bodies, sent
 * raw over a socket so nothing is normalised on the way, some into a live upload session. No answer may be
 * a 5xx, and none may carry a stack trace.
 */
class HttpFuzzTest {
  private static final String PW = "fuzz-admin-password";
  private static final String ADMIN = "Basic " + Base64.getEncoder()
      .encodeToString(("admin:" + PW).getBytes(StandardCharsets.UTF_8));
  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ");
  private static final Pattern LOCATION = Pattern.compile("(?im)^Location: *(\\S+)");
  private static final List<String> TRACE_MARKS = List.of("\tat ", "Exception:", "at org.eclipse", "at dev.signet",
      "at java.base", "Caused by");

  private static Path data;
  private static RegistryServer server;
  private static Digest blob;
  private static Digest manifest;

  @BeforeContainer
  static void start() throws IOException {
    data = Files.createTempDirectory("signet-fuzz");
    server = RegistryServer.builder().dataDir(data).port(0).adminPassword(PW.toCharArray())
        .maxRequestsPerClient(1000).build().start();
    byte[] content = "fuzz layer".getBytes(StandardCharsets.UTF_8);
    blob = Digest.sha256(content);
    Answer a = send("POST", "/v2/fuzz/app/blobs/uploads/?digest=" + blob, Map.of("Authorization", ADMIN,
        "Content-Type", "application/octet-stream"), content);
    assertThat(a.status()).as(a.text()).isEqualTo(201);
    byte[] m = TestManifests.image(blob, content.length, Map.of());
    manifest = Digest.sha256(m);
    Answer put = send("PUT", "/v2/fuzz/app/manifests/v1", Map.of("Authorization", ADMIN, "Content-Type",
        MediaTypes.OCI_MANIFEST), m);
    assertThat(put.status()).as(put.text()).isEqualTo(201);
  }

  @AfterContainer
  static void stop() throws IOException {
    server.close();
    try (var walk = Files.walk(data)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  record Req(String method, String path, Map<String, String> headers, byte[] body, boolean inSession) {
    @Override
    public String toString() {
      return method + " " + path + " " + headers + " body=" + body.length + (inSession ? " (in a session)" : "");
    }
  }

  record Answer(int status, String text) {}

  @Property(tries = 600, seed = "20261207", edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
  void noRequestIsAnsweredWithA5xxOrAStackTrace(@ForAll("requests") Req req) throws IOException {
    String path = req.path();
    if (req.inSession()) {
      Answer open = send("POST", "/v2/fuzz/app/blobs/uploads/", Map.of("Authorization", ADMIN), new byte[0]);
      Matcher loc = LOCATION.matcher(open.text());
      assertThat(loc.find()).as(open.text()).isTrue();
      path = loc.group(1) + path;
    }
    Answer a = send(req.method(), path, req.headers(), req.body());
    assertThat(a.status()).as("%s -> %s", req, a.text()).isBetween(100, 499);
    for (String mark : TRACE_MARKS) {
      assertThat(a.text()).as("%s -> %s", req, a.text()).doesNotContain(mark);
    }
  }

  @Provide
  Arbitrary<Req> requests() {
    Arbitrary<String> method = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.of("GET", "HEAD", "PUT", "POST", "PATCH", "DELETE")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("OPTIONS", "TRACE", "PROPFIND", "get", "X")));
    Arbitrary<Map<String, String>> headers = Combinators.combine(
        opt(Arbitraries.of("0-99999999999999999999", "99999999999999999999-0", "bytes=0-9", "5-2", "-", "0-",
            "abc", "bytes */*", "0-0/1", "0-9223372036854775807", "9223372036854775807-9223372036854775807")),
        opt(Arbitraries.of("bytes=0-", "bytes=-99999999999999999999", "bytes=99999999999999999999-", "bytes=5-2",
            "bytes=0-1,3-4", "bytes=-0", "bytes=abc", "items=0-1", "bytes=" + "9".repeat(40) + "-" + "9".repeat(40))),
        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just(java.util.Optional.of(ADMIN))),
            net.jqwik.api.Tuple.of(4, opt(Arbitraries.of("Basic !!!", "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes()),
            "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()), "Bearer abc.def.ghi", "Bearer ",
            "Negotiate x", "Basic", "bearer " + "A".repeat(300))))),
        opt(Arbitraries.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, "application/json",
            "application/x-www-form-urlencoded", "application/octet-stream", "text/plain; charset=nope", "*/*", ";")),
        opt(Arbitraries.of("*", "\"" + manifest + "\"", "W/\"x\"", "\"", ",,,")),
        opt(Arbitraries.of("application/vnd.oci.image.index.v1+json", "*/*", "garbage/", "")))
        .as((cr, range, auth, type, ifMatch, accept) -> {
          Map<String, String> h = new LinkedHashMap<>();
          cr.ifPresent(v -> h.put("Content-Range", v));
          range.ifPresent(v -> h.put("Range", v));
          auth.ifPresent(v -> h.put("Authorization", v));
          type.ifPresent(v -> h.put("Content-Type", v));
          ifMatch.ifPresent(v -> h.put("If-Match", v));
          accept.ifPresent(v -> h.put("Accept", v));
          return h;
        });
    Arbitrary<byte[]> body = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(new byte[0])),
        net.jqwik.api.Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(512)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of("{}", "[]", "{\"schemaVersion\":2}", "null", "{\"schemaVersion\":2,"
            + "\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"digest\":\"" + blob + "\",\"size\":-1},"
            + "\"layers\":[{\"digest\":\"sha256:zz\",\"size\":99999999999999999999}]}",
            "grant_type=password&username=admin&password=x", "grant_type=refresh_token&refresh_token=abc",
            "{\"name\":\"" + "n".repeat(300) + "\",\"password\":1}", "{\"role\":\"god\"}")
            .map(s -> s.getBytes(StandardCharsets.UTF_8))));
    Arbitrary<Boolean> inSession = Arbitraries.frequency(net.jqwik.api.Tuple.of(1, true), net.jqwik.api.Tuple.of(3, false));
    return Combinators.combine(method, paths(), headers, body, inSession)
        .as((m, p, h, b, s) -> new Req(m, s ? sessionSuffix(p) : p, h, b, s));
  }

  private static String sessionSuffix(String p) {
    int q = p.indexOf('?');
    return q >= 0 ? p.substring(q) : "";
  }

  private static <T> Arbitrary<java.util.Optional<T>> opt(Arbitrary<T> a) {
    return a.optional(0.4);
  }

  private Arbitrary<String> paths() {
    Arbitrary<String> repo = Arbitraries.of("fuzz/app", "fuzz/other", "repo", "UPPER/case", "..", "%2e%2e/x",
        "a//b", "a/%2F/b", "x".repeat(300), "fuzz/app/../app", "-bad", "_catalog", "a%00b");
    Arbitrary<String> digest = Arbitraries.of(blob.toString(), manifest.toString(), "sha256:abc", "md5:00",
        "sha256:" + "g".repeat(64), "sha512:" + "0".repeat(128), "sha256:" + "0".repeat(64), ":", "sha256%3Aab");
    Arbitrary<String> ref = Arbitraries.oneOf(digest, Arbitraries.of("v1", "latest", "bad tag", "t".repeat(200),
        "sha256-" + "0".repeat(64) + ".sig", "%ff"));
    Arbitrary<String> query = Arbitraries.of("", "?digest=" + blob, "?digest=sha256:nope", "?mount=" + blob + "&from=fuzz/app",
        "?mount=" + blob + "&from=..", "?mount=nope", "?n=-1", "?n=99999999999999999999", "?n=abc&last=zz",
        "?artifactType=%ff", "?tag=a&tag=b%20c", "?service=signet&scope=repository:fuzz/app:pull,push",
        "?scope=repository:..:*&offline_token=true", "?limit=99999999999999999999", "?dryRun=maybe");
    Arbitrary<String> route = Combinators.combine(repo, digest, ref, Arbitraries.of(
        "/v2/", "/v2", "/v2/_catalog", "/v2/R/blobs/D", "/v2/R/blobs/uploads/", "/v2/R/blobs/uploads/nope-id",
        "/v2/R/manifests/F", "/v2/R/tags/list", "/v2/R/referrers/D", "/auth/token", "/api/v1/admin/users",
        "/api/v1/admin/users/admin/password", "/api/v1/admin/projects/fuzz/policy", "/api/v1/admin/audit",
        "/api/v1/admin/projects/fuzz/robots", "/api/v1/admin/replication/rules", "/api/v1/admin/projects/fuzz/lifecycle",
        "/api/v1/repositories/R/x", "/", "/%", "/v2/R/blobs/", "/v2/R/manifests/"))
        .as((r, d, f, tmpl) -> tmpl.replace("R", r).replace("D", d).replace("F", f));
    return Combinators.combine(route, query).as(String::concat);
  }

  /** One raw HTTP/1.1 request on a fresh connection; the whole answer, as text. */
  private static Answer send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      s.setSoTimeout(15_000);
      StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
          .append("Host: 127.0.0.1:").append(server.port()).append("\r\nConnection: close\r\n");
      for (Map.Entry<String, String> h : headers.entrySet()) {
        head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      }
      head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          got.write(buf, 0, n);
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError(method + " " + path + ": no complete answer within 15 s", e);
      } catch (IOException reset) {
        // the server may close early after answering a request it will not read
      }
      String text = got.toString(StandardCharsets.ISO_8859_1);
      Matcher m = STATUS.matcher(text);
      if (!m.find()) {
        throw new AssertionError(method + " " + path + ": not an HTTP answer: " + text);
      }
      return new Answer(Integer.parseInt(m.group(1)), text);
    }
  }

}
