package dev.signet.registry.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated manifests — odd media types, case-variant and duplicate keys, archives under payload media
 * types — classified by Signet and by a model Go client ({@link GoStyleClient}): Signet must never call
 * inert (exempt from pull policy) what the model would run, and whenever Signet accepts a manifest it must
 * read the same config, layers and subject as the model.
 */
class ManifestClassificationPropertyTest {
  private static final Map<String, byte[]> BLOBS = new LinkedHashMap<>();
  private static final List<String> CONTENTS;

  static {
    byte[] tar = tar("run", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8));
    for (byte[] b : List.of(tar, gzip(tar), gzip("{\"not\":\"a tar\"}".getBytes(StandardCharsets.UTF_8)),
        "{}".getBytes(StandardCharsets.UTF_8),
        ("{\"critical\":{\"identity\":{\"docker-reference\":\"r\"},\"image\":{\"docker-manifest-digest\":\"sha256:"
            + "0".repeat(64) + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
            .getBytes(StandardCharsets.UTF_8),
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8),
        "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n".getBytes(StandardCharsets.UTF_8),
        new byte[] {0, 1, 2, 3, (byte) 0xff, 0x7f})) {
      BLOBS.put(Digest.sha256(b).toString(), b);
    }
    CONTENTS = List.copyOf(BLOBS.keySet());
  }

  private static final RunnableContent.BlobReader READER = (d, max) ->
      Optional.ofNullable(BLOBS.get(d.toString())).filter(b -> b.length <= max);

  @Property(tries = 1500)
  void signetNeverCallsInertWhatAGoClientWouldRun(@ForAll("manifests") String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ParsedManifest parsed;
    try {
      parsed = ManifestParser.parse(bytes, MediaTypes.OCI_MANIFEST);
    } catch (RegistryException e) {
      assertThat(e.getMessage()).isNotBlank();
      return; // refused: nothing is served
    }
    Optional<GoStyleClient.Manifest> go = GoStyleClient.decode(bytes);
    assertThat(go).as("Signet accepted what a Go client cannot decode: %s", json).isPresent();
    assertThat(go.get().config().digest()).as(json).isEqualTo(parsed.config().digest().toString());
    assertThat(go.get().layers().stream().map(GoStyleClient.Descriptor::digest).toList()).as(json)
        .isEqualTo(parsed.layers().stream().map(l -> l.digest().toString()).toList());
    assertThat(go.get().subject() == null ? null : go.get().subject().digest()).as(json)
        .isEqualTo(parsed.subject() == null ? null : parsed.subject().toString());
    if (RunnableContent.whyRunnable(parsed, READER) == null) {
      assertThat(GoStyleClient.runs(go.get(), BLOBS::get)).as("Signet calls inert what Go runs: %s", json).isFalse();
    }
  }

  @Provide
  Arbitrary<String> manifests() {
    Arbitrary<String> descriptor = Combinators.combine(mediaTypes(), Arbitraries.of(CONTENTS), extraKey())
        .as((mt, digest, extra) -> "{\"mediaType\":" + quote(mt) + ",\"digest\":\"" + digest + "\",\"size\":"
            + BLOBS.get(digest).length + extra + "}");
    Arbitrary<String> layers = descriptor.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> member = Arbitraries.oneOf(
        Combinators.combine(key("config"), descriptor).as(ManifestClassificationPropertyTest::entry),
        Combinators.combine(key("layers"), layers).as(ManifestClassificationPropertyTest::entry),
        Combinators.combine(key("subject"), descriptor).as(ManifestClassificationPropertyTest::entry),
        Combinators.combine(key("artifactType"), mediaTypes().map(ManifestClassificationPropertyTest::quote))
            .as(ManifestClassificationPropertyTest::entry),
        Arbitraries.of("\"schemaVersion\":2", "\"schemaVersion\":3", "\"annotations\":{\"a\":\"b\"}",
            "\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\"", "\"unknown\":[1,2]"));
    return Combinators.combine(descriptor, layers, member.list().ofMaxSize(4), Arbitraries.integers().between(0, 4))
        .as((config, ls, extra, at) -> {
          List<String> members = new ArrayList<>(List.of("\"schemaVersion\":2", "\"config\":" + config,
              "\"layers\":" + ls));
          for (String e : extra) {
            members.add(Math.min(at, members.size()), e);
          }
          return "{" + String.join(",", members) + "}";
        });
  }

  private static Arbitrary<String> mediaTypes() {
    return Arbitraries.of(MediaTypes.OCI_CONFIG, MediaTypes.OCI_EMPTY, MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_TAR,
        MediaTypes.DOCKER_CONFIG, MediaTypes.DOCKER_LAYER_GZIP, MediaTypes.COSIGN_SIMPLESIGNING, MediaTypes.DSSE_ENVELOPE,
        MediaTypes.IN_TOTO, "application/vnd.dev.sigstore.bundle.v0.3+json", "text/spdx", "application/octet-stream",
        "application/json", "application/vnd.oci.image.config.v1+JSON", "application/vnd.oci.image.config.v1+json ",
        MediaTypes.COSIGN_SIMPLESIGNING + ";charset=utf-8", "application/x-unknown", "APPLICATION/VND.IN-TOTO+JSON",
        "not a media type", "");
  }

  /** The key itself most of the time, else a case variant (ASCII flips, ſ for s, Kelvin sign for k). */
  private static Arbitrary<String> key(String k) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just(k)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Character.toUpperCase(k.charAt(0)) + k.substring(1))),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(k.toUpperCase(java.util.Locale.ROOT))),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(k.replace('s', '\u017f').replace('k', '\u212a'))));
  }

  private static Arbitrary<String> extraKey() {
    return Arbitraries.of("", "", "", ",\"urls\":[\"https://example.invalid/x\"]", ",\"MediaType\":\""
        + MediaTypes.OCI_LAYER_GZIP + "\"", ",\"size\":1", ",\"annotations\":{}", ",\"dIgest\":\"sha256:"
        + "1".repeat(64) + "\"");
  }

  private static String entry(String key, String value) {
    return quote(key) + ":" + value;
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, header, 0, name.length());
    put(header, 100, "0000755");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, String.format("%011o", 1_577_836_800L));
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512 + 1024]);
    return out.toByteArray();
  }

  private static void put(byte[] h, int at, String v) {
    byte[] b = v.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
