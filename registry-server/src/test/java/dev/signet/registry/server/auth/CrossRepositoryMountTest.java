package dev.signet.registry.server.auth;

import static dev.signet.registry.server.auth.AuthFixture.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mount needs pull on {@code from}: without it the registry opens a normal upload instead (202). */
class CrossRepositoryMountTest {
  @TempDir Path data;

  @Test
  void mountingFromARepositoryTheCallerCannotPull_startsAnUploadInstead() {
    try (AuthFixture fx = AuthFixture.start(data)) {
      fx.project("own", false);
      fx.project("other", false);
      fx.user("alice", "alice-password-1");
      fx.member("own", "alice", "push");
      byte[] secret = "other's layer".getBytes(StandardCharsets.UTF_8);
      byte[] mine = "alice's layer".getBytes(StandardCharsets.UTF_8);
      String admin = basic("admin", AuthFixture.ADMIN_PASSWORD);
      assertThat(fx.pushBlob("other/app", secret, admin).statusCode()).isEqualTo(201);
      assertThat(fx.pushBlob("own/base", mine, admin).statusCode()).isEqualTo(201);
      String alice = basic("alice", "alice-password-1");

      HttpResponse<byte[]> refused = fx.send("POST", "/v2/own/app/blobs/uploads/?mount=" + Digest.sha256(secret)
          + "&from=other/app", new byte[0], alice);
      assertThat(refused.statusCode()).isEqualTo(202);
      assertThat(fx.send("HEAD", "/v2/own/app/blobs/" + Digest.sha256(secret), null, alice).statusCode())
          .isEqualTo(404);

      HttpResponse<byte[]> mounted = fx.send("POST", "/v2/own/app/blobs/uploads/?mount=" + Digest.sha256(mine)
          + "&from=own/base", new byte[0], alice);
      assertThat(mounted.statusCode()).isEqualTo(201);
    }
  }
}
