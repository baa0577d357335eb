package dev.signet.registry.server.auth;

import static dev.signet.registry.server.auth.AuthFixture.assertError;
import static dev.signet.registry.server.auth.AuthFixture.basic;
import static dev.signet.registry.server.auth.AuthFixture.bearer;
import static dev.signet.registry.server.auth.AuthFixture.json;
import static dev.signet.registry.server.auth.AuthFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch read of signatures needs pull on the repository, exactly as a manifest GET does. */
class SignatureBatchAuthTest {
  private static final String ALICE_PW = "alice-password-1";
  @TempDir static Path data;
  private static AuthFixture fx;
  private static Digest image;
  private static String robotToken;

  @BeforeAll
  static void setUp() {
    fx = AuthFixture.start(data);
    fx.project("own", false);
    fx.project("other", false);
    fx.project("pub", true);
    fx.user("alice", ALICE_PW);
    fx.member("own", "alice", "pull");
    robotToken = fx.robot("own", "reader", "pull");
    image = fx.seedImage("own/app", "v1");
    fx.seedImage("other/app", "v1");
    fx.seedImage("pub/app", "v1");
  }

  @AfterAll
  static void tearDown() {
    fx.close();
  }

  private static HttpResponse<byte[]> batch(String repo, String authorization) {
    return fx.send("POST", "/v2/" + repo + "/_signet/signatures",
        "{\"subjects\":[\"v1\"]}".getBytes(StandardCharsets.UTF_8), authorization, "Content-Type", "application/json");
  }

  @Test
  void theChallengeOfTheVersionCheckAdvertisesTheBatchRead() {
    HttpResponse<byte[]> r = fx.send("GET", "/v2/", null, null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Signet-Batch-Signatures")).hasValue("v1");
  }

  @Test
  void anonymousIsChallengedForPullOnTheRepository() {
    HttpResponse<byte[]> r = batch("own/app", null);
    assertError(r, 401, "UNAUTHORIZED");
    assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("scope=\"repository:own/app:pull\"");
  }

  @Test
  void aPullMemberReadsWithBasicAuthAndWithAPullToken() {
    HttpResponse<byte[]> r = batch("own/app", basic("alice", ALICE_PW));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(json(r).at("/subjects/v1/digest").asText()).isEqualTo(image.toString());

    String token = fx.token(basic("alice", ALICE_PW), "repository:own/app:pull");
    HttpResponse<byte[]> t = batch("own/app", bearer(token));
    assertThat(t.statusCode()).as(text(t)).isEqualTo(200);
    assertThat(json(t).at("/subjects/v1/digest").asText()).isEqualTo(image.toString());
  }

  @Test
  void aRobotWithPullReads() {
    HttpResponse<byte[]> r = batch("own/app", basic(AccountNames.account("own", "reader"), robotToken));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(json(r).at("/subjects/v1/digest").asText()).isEqualTo(image.toString());
  }

  @Test
  void noPermissionIsRefusedAsForGets() {
    HttpResponse<byte[]> denied = batch("other/app", basic("alice", ALICE_PW));
    HttpResponse<byte[]> get = fx.send("GET", "/v2/other/app/manifests/v1", null, basic("alice", ALICE_PW));
    assertThat(denied.statusCode()).isEqualTo(get.statusCode()).isEqualTo(403);
    assertError(denied, 403, "DENIED");

    String ownToken = fx.token(basic("alice", ALICE_PW), "repository:own/app:pull");
    HttpResponse<byte[]> wrongScope = batch("own/other", bearer(ownToken));
    assertError(wrongScope, 401, "UNAUTHORIZED");
    assertThat(wrongScope.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_scope");

    assertError(batch("own/app", basic("alice", "wrong password")), 401, "UNAUTHORIZED");
  }

  @Test
  void aPublicProjectIsReadAnonymouslyAsItsManifestsAre() {
    HttpResponse<byte[]> r = batch("pub/app", null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(json(r).at("/subjects/v1/mediaType").asText()).isNotEmpty();
  }
}
