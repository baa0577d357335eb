package dev.signet.oci.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Digest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
  private static final String HEX = "4aa3054270f7a70b4528f2064ee90961788e1e1518703592ae4463de3b889dec";

  @ParameterizedTest
  @CsvSource({
    "alpine, index.docker.io/library/alpine, latest",
    "alpine:3, index.docker.io/library/alpine, 3",
    "docker.io/alpine:3, index.docker.io/library/alpine, 3",
    "docker.io/namespace/image:v1, index.docker.io/namespace/image, v1",
    "index.docker.io/library/ubuntu, index.docker.io/library/ubuntu, latest",
    "localhost:5000/foo, localhost:5000/foo, latest",
    "127.0.0.1:5000/a/b/c:x.y_z-1, 127.0.0.1:5000/a/b/c, x.y_z-1",
    "gcr.io/project/app:1.0, gcr.io/project/app, 1.0",
    // ggcr: a first component without '.' or ':' is a Docker Hub namespace, even 'localhost'.
    "localhost/foo, index.docker.io/localhost/foo, latest",
  })
  void parse_normalisesLikeGoContainerRegistry(String input, String repository, String tag)
      throws Exception {
    ImageReference ref = ImageReference.parse(input);
    assertThat(ref.repository().name()).isEqualTo(repository);
    assertThat(ref.tag()).contains(tag);
    assertThat(ref.digest()).isEmpty();
  }

  @Test
  void parse_digestReference_matchesCosignObsoleteGolden() throws Exception {
    ImageReference ref = ImageReference.parse("docker.io/namespace/image@sha256:" + HEX);
    assertThat(ref.repository().name()).isEqualTo("index.docker.io/namespace/image");
    assertThat(ref.digest()).contains(Digest.parse("sha256:" + HEX));
    assertThat(ref.name()).isEqualTo("index.docker.io/namespace/image@sha256:" + HEX);
  }

  @Test
  void parse_tagAndDigest_keepsDigest() throws Exception {
    ImageReference ref = ImageReference.parse("localhost:5000/app:v1@sha256:" + HEX);
    assertThat(ref.tag()).isEmpty();
    assertThat(ref.identifier()).isEqualTo("sha256:" + HEX);
    assertThat(ref.repository().name()).isEqualTo("localhost:5000/app");
  }

  @ParameterizedTest
  @CsvSource({
    "'', must be specified",
    "Upper/Case, repository can only contain",
    "host:5000/app:bad tag, tag can only contain",
    "app@sha256:abc, sha256 needs 64",
    "app@md5:0123, unsupported digest algorithm",
    "host:5000//double, empty path component",
  })
  void parse_rejectsMalformed(String input, String message) {
    assertThatThrownBy(() -> ImageReference.parse(input))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining(message);
  }

  @Test
  void loopbackRegistries_arePlainHttpCandidates() throws Exception {
    assertThat(Repository.parse("localhost:5000/a").isLoopbackRegistry()).isTrue();
    assertThat(Repository.parse("127.0.0.1:34567/a").isLoopbackRegistry()).isTrue();
    assertThat(Repository.parse("[::1]:5000/a").isLoopbackRegistry()).isTrue();
    assertThat(Repository.parse("registry.example.com/a").isLoopbackRegistry()).isFalse();
    assertThat(Repository.parse("127.example.com/a").isLoopbackRegistry()).isFalse();
  }
}
