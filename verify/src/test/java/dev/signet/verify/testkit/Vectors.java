package dev.signet.verify.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.x509.Certificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The shared interop vectors (system property {@code signet.vectors}); tests skip visibly when absent. */
public final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  /** The vectors' root directory, or a skipped test when it is missing. */
  public static Path dir() {
    return dir("");
  }

  /** The vectors' subdirectory, or a skipped test when it is missing. */
  public static Path dir(String sub) {
    String base = System.getProperty("signet.vectors");
    Path p = base == null ? null : Path.of(base).resolve(sub);
    boolean present = p != null && Files.isDirectory(p);
    if (!present) {
      System.err.println("SKIPPED: vectors " + sub + " not found (signet.vectors=" + base + ")");
    }
    assumeTrue(present, () -> "vectors " + sub + " not found (signet.vectors=" + base + ")");
    return p;
  }

  public static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path file(String relative) {
    Path f = dir().resolve(relative);
    assumeTrue(Files.exists(f), () -> "vector missing: " + f);
    return f;
  }

  public static byte[] bytes(String relative) {
    return read(file(relative));
  }

  /** The first certificate of a PEM vector, parsed as the engine parses certificates. */
  public static X509Certificate pem(String relative) {
    try {
      return Certificates.fromPem(bytes(relative), relative, Check.FORMAT).get(0);
    } catch (VerificationException e) {
      throw new IllegalStateException(e);
    }
  }

  public static X509Certificate der(byte[] der) {
    try {
      return Certificates.fromDer(der, "vector certificate");
    } catch (VerificationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sigstore-js keyless bundles: folder-relative paths of every bundle with a certificate. */
  public static List<String> keylessBundles() {
    return List.of(
        "sigstore-js/mock-keyless-uri/bundle-blob-rekor-v1-notsa.json",
        "sigstore-js/mock-keyless-uri/bundle-blob-rekor-v1-tsa.json",
        "sigstore-js/mock-keyless-uri/bundle-blob-rekor-v2-tsa.json",
        "sigstore-js/mock-keyless-email/bundle-blob-rekor-v1-notsa.json",
        "sigstore-js/mock-keyless-email/bundle-blob-rekor-v1-tsa.json",
        "sigstore-js/mock-keyless-email/bundle-blob-rekor-v2-tsa.json",
        "sigstore-js/mock-keyless-email/bundle-blob-none-tsa.json",
        "sigstore-js/mock-keyless-email/bundle-cli-attest.json",
        "sigstore-js/mock-keyless-email/bundle-dsse-rekor-v1-tsa.json");
  }

  /** What the certificate-side checks need from one bundle (read directly from its JSON). */
  public record Bundle(Path path, List<X509Certificate> chain, byte[] signature, List<byte[]> timestamps,
      Optional<Instant> integratedTime) {
    public X509Certificate leaf() {
      return chain.get(0);
    }

    public Path folder() {
      return path.getParent();
    }

    public Path trustedRoot() {
      return folder().resolve("trusted_root.json");
    }

    /** The other sigstore-js folder's root (different CA, CT log and TSA keys). */
    public Path otherTrustedRoot() {
      String other = folder().getFileName().toString().endsWith("-uri") ? "mock-keyless-email" : "mock-keyless-uri";
      return folder().resolveSibling(other).resolve("trusted_root.json");
    }
  }

  public static Bundle bundle(String relative) {
    Path p = file(relative);
    try {
      JsonNode b = JSON.readTree(p.toFile());
      JsonNode vm = b.path("verificationMaterial");
      List<X509Certificate> chain = new ArrayList<>();
      if (vm.has("certificate")) {
        chain.add(der(b64(vm.path("certificate").path("rawBytes").asText())));
      }
      for (JsonNode c : vm.path("x509CertificateChain").path("certificates")) {
        chain.add(der(b64(c.path("rawBytes").asText())));
      }
      byte[] sig = b.has("messageSignature") ? b64(b.path("messageSignature").path("signature").asText())
          : b64(b.path("dsseEnvelope").path("signatures").path(0).path("sig").asText());
      List<byte[]> ts = new ArrayList<>();
      for (JsonNode t : vm.path("timestampVerificationData").path("rfc3161Timestamps")) {
        ts.add(b64(t.path("signedTimestamp").asText()));
      }
      Optional<Instant> integrated = Optional.empty();
      JsonNode tle = vm.path("tlogEntries").path(0);
      if (tle.has("integratedTime") && tle.path("integratedTime").asLong() > 0 && tle.has("inclusionPromise")) {
        integrated = Optional.of(Instant.ofEpochSecond(tle.path("integratedTime").asLong()));
      }
      return new Bundle(p, chain, sig, ts, integrated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] b64(String s) {
    return Base64.getDecoder().decode(s);
  }
}
