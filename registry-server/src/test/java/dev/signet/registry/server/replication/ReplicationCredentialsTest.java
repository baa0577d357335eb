package dev.signet.registry.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.auth.Credential;
import dev.signet.registry.client.auth.CredentialProvider;
import dev.signet.registry.server.replication.http.ReplicationAdminClient;
import dev.signet.sign.ImageVerifier;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.VerificationPolicy;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.registry.RegistryAuth;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Destination credentials: used to push, sealed at rest, and never shown in the admin API, in job errors
 * or in the log.
 */
class ReplicationCredentialsTest {
  private static final String PASSWORD = "Pa55-robot-S3cret-7b1f";
  private static final String WRONG = "Wr0ng-guess-4c9e";
  private static final String TOKEN = "identity-T0ken-ab12cd";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void credentials_authenticateThePush_andNeverAppearInStatusLogsOrTheDatabase() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(new TeeStream(originalErr, captured), true, StandardCharsets.UTF_8));
    Path srcDir = tmp.resolve("src");
    try (DockerRegistryPeer peer = DockerRegistryPeer.start(RegistryAuth.htpasswd(Map.of("robot", PASSWORD)));
        ReplicatingRegistry src = ReplicatingRegistry.start(srcDir, Clock.systemUTC(), b -> b.pollInterval(null))) {
      ReplicationFixtures f = new ReplicationFixtures();
      ReplicationAdminClient admin = src.admin();
      admin.addRule(rule("good", peer, "good").set("credential",
          JSON.createObjectNode().put("username", "robot").put("password", PASSWORD)));
      admin.addRule(rule("bad", peer, "bad").set("credential",
          JSON.createObjectNode().put("username", "robot").put("password", WRONG)));
      admin.addRule(rule("tok", peer, "tok").put("trigger", "manual").set("credential",
          JSON.createObjectNode().put("token", TOKEN)));
      Repository app = src.repository("app");
      Digest image = f.pushImage(app, "v1", "creds-a");
      f.sign(app, image, SignatureFormat.BUNDLE);
      src.replication().tick();

      ReplicationJob good = only(src, "good");
      assertThat(good.state()).as(good.toString()).isEqualTo(JobState.SUCCEEDED);
      HttpRegistryClient robot = HttpRegistryClient.builder()
          .credentials(CredentialProvider.of(Map.of(peer.host(), Credential.basic("robot", PASSWORD)))).build();
      ImageReference there = ImageReference.parse(peer.repository("good/app:v1"));
      assertThat(new ImageVerifier(robot).verify(there,
          VerificationPolicy.forKey(f.publicKey()).withIgnoreTlog(true)).signatures()).isNotEmpty();

      ReplicationJob bad = only(src, "bad");
      assertThat(bad.state()).isEqualTo(JobState.QUEUED);
      assertThat(bad.lastError().orElseThrow()).containsIgnoringCase("auth");

      String rules = admin.listRules().toString();
      assertThat(rules).contains("\"username\":\"robot\"", "\"type\":\"token\"");
      String status = admin.status(Optional.empty(), Optional.empty(), 100).toString();
      for (String secret : new String[] {PASSWORD, WRONG, TOKEN}) {
        assertThat(rules).doesNotContain(secret);
        assertThat(status).doesNotContain(secret);
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
        assertThat(src.replication().rules().toString()).doesNotContain(secret);
        try (Stream<Path> files = Files.list(srcDir)) {
          for (Path file : files.filter(p -> p.getFileName().toString().startsWith("metadata.db")).toList()) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                .doesNotContain(secret);
          }
        }
      }
      assertThat(captured.toString(StandardCharsets.UTF_8)).contains("replication bad:").contains("replication good:");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(srcDir.resolve("replication.key"))))
          .isEqualTo("rw-------");
    } finally {
      System.setErr(originalErr);
    }
  }

  private static ObjectNode rule(String name, DockerRegistryPeer peer, String prefix) {
    return JSON.createObjectNode().put("name", name).put("source", "app").put("destination", peer.url().toString())
        .put("destinationPrefix", prefix).put("trigger", "event");
  }

  private static ReplicationJob only(ReplicatingRegistry src, String rule) {
    return src.replication().jobs(Optional.of(rule), Optional.empty(), 10).get(0);
  }

  /** Writes to both streams. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
