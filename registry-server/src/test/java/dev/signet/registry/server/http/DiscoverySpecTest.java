package dev.signet.registry.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.testkit.TestManifests;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscoverySpecTest extends SpecTestBase {

  @Test
  void tagList_isSortedAndPaginatedWithLink() {
    Digest d = registry.pushImage("repo", "b", "seed");
    byte[] m = registry.send("GET", "/v2/repo/manifests/" + d, null).body();
    for (String t : List.of("a", "c", "d", "e")) {
      registry.putManifest("repo", t, MediaTypes.OCI_MANIFEST, m);
    }
    JsonNode all = json(registry.send("GET", "/v2/repo/tags/list", null));
    assertThat(all.get("name").asText()).isEqualTo("repo");
    assertThat(texts(all.get("tags"))).containsExactly("a", "b", "c", "d", "e");

    List<String> seen = new ArrayList<>();
    String next = "/v2/repo/tags/list?n=2";
    int pages = 0;
    while (next != null) {
      HttpResponse<byte[]> r = registry.send("GET", next, null);
      seen.addAll(texts(json(r).get("tags")));
      next = r.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
      pages++;
    }
    assertThat(seen).containsExactly("a", "b", "c", "d", "e");
    assertThat(pages).isEqualTo(3);

    HttpResponse<byte[]> after = registry.send("GET", "/v2/repo/tags/list?last=c", null);
    assertThat(texts(json(after).get("tags"))).containsExactly("d", "e");
    HttpResponse<byte[]> zero = registry.send("GET", "/v2/repo/tags/list?n=0", null);
    assertThat(json(zero).get("tags").size()).isZero();
    assertThat(zero.headers().firstValue("Link")).isEmpty();
  }

  @Test
  void catalog_listsRepositoriesWithPagination() {
    registry.pushImage("zeta", "t", "1");
    registry.pushImage("alpha/one", "t", "2");
    registry.pushImage("alpha/two", "t", "3");
    assertThat(texts(json(registry.send("GET", "/v2/_catalog", null)).get("repositories")))
        .containsExactly("alpha/one", "alpha/two", "zeta");
    HttpResponse<byte[]> page = registry.send("GET", "/v2/_catalog?n=1", null);
    assertThat(texts(json(page).get("repositories"))).containsExactly("alpha/one");
    assertThat(page.headers().firstValue("Link")).hasValue("</v2/_catalog?n=1&last=alpha%2Fone>; rel=\"next\"");
  }

  @Test
  void referrers_areIndexedWithArtifactTypeAnnotationsAndFilter() {
    Digest subject = registry.pushImage("repo", "v1", "s");
    registry.pushEmptyConfig("repo");
    byte[] sig = TestManifests.referrer(subject, 100, "application/vnd.dev.sigstore.bundle.v0.3+json",
        Map.of("dev.sigstore.bundle.content", "dsse-envelope"));
    byte[] sbom = TestManifests.referrer(subject, 100, "application/spdx+json", Map.of());
    HttpResponse<byte[]> put = registry.putManifest("repo", Digest.sha256(sig).toString(), MediaTypes.OCI_MANIFEST, sig);
    assertThat(put.headers().firstValue("OCI-Subject")).hasValue(subject.toString());
    registry.putManifest("repo", Digest.sha256(sbom).toString(), MediaTypes.OCI_MANIFEST, sbom);

    HttpResponse<byte[]> r = registry.send("GET", "/v2/repo/referrers/" + subject, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_INDEX);
    assertThat(r.headers().firstValue("OCI-Filters-Applied")).isEmpty();
    JsonNode index = json(r);
    assertThat(index.get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(index.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(index.get("manifests")).hasSize(2);
    JsonNode bundle = findByDigest(index, Digest.sha256(sig));
    assertThat(bundle.get("artifactType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(bundle.get("annotations").get("dev.sigstore.bundle.content").asText()).isEqualTo("dsse-envelope");
    assertThat(bundle.get("size").asLong()).isEqualTo(sig.length);
    assertThat(bundle.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);

    HttpResponse<byte[]> filtered = registry.send("GET", "/v2/repo/referrers/" + subject
        + "?artifactType=application/spdx%2Bjson", null);
    assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
    assertThat(json(filtered).get("manifests")).hasSize(1);
    assertThat(json(filtered).get("manifests").get(0).get("digest").asText()).isEqualTo(Digest.sha256(sbom).toString());
  }

  @Test
  void referrers_areEmpty200ForUnknownSubjectsAndRepositories_400ForBadDigests() {
    String unknown = "sha256:" + "b".repeat(64);
    HttpResponse<byte[]> r = registry.send("GET", "/v2/nothing/referrers/" + unknown, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("manifests").size()).isZero();
    assertError(registry.send("GET", "/v2/nothing/referrers/sha256:zz", null), 400, "DIGEST_INVALID");
  }

  @Test
  void referrers_mayArriveBeforeTheirSubject() {
    registry.pushEmptyConfig("repo");
    Digest future = Digest.sha256("future".getBytes());
    byte[] sig = TestManifests.referrer(future, 10, "application/vnd.dev.cosign.artifact.sig.v1+json", Map.of());
    assertThat(registry.putManifest("repo", Digest.sha256(sig).toString(), MediaTypes.OCI_MANIFEST, sig).statusCode())
        .isEqualTo(201);
    assertThat(json(registry.send("GET", "/v2/repo/referrers/" + future, null)).get("manifests")).hasSize(1);
  }

  @Test
  void sha512Subjects_work() {
    Digest subject = registry.pushImage("repo", "v1", "s");
    byte[] m = registry.send("GET", "/v2/repo/manifests/v1", null).body();
    Digest s512 = Digest.of(Digest.SHA512, m);
    registry.putManifest("repo", s512.toString(), MediaTypes.OCI_MANIFEST, m);
    registry.pushEmptyConfig("repo");
    byte[] sig = TestManifests.referrer(s512, m.length, "application/example", Map.of());
    registry.putManifest("repo", Digest.of(Digest.SHA512, sig).toString(), MediaTypes.OCI_MANIFEST, sig);
    JsonNode index = json(registry.send("GET", "/v2/repo/referrers/" + s512, null));
    assertThat(index.get("manifests").get(0).get("digest").asText()).isEqualTo(Digest.of(Digest.SHA512, sig).toString());
    assertThat(subject).isNotNull();
  }

  static JsonNode findByDigest(JsonNode index, Digest d) {
    for (JsonNode m : index.get("manifests")) {
      if (m.get("digest").asText().equals(d.toString())) {
        return m;
      }
    }
    throw new AssertionError(d + " not in " + index);
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
