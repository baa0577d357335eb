package dev.signet.registry.server.auth;

import static dev.signet.registry.server.auth.AuthFixture.assertError;
import static dev.signet.registry.server.auth.AuthFixture.basic;
import static dev.signet.registry.server.auth.AuthFixture.bearer;
import static dev.signet.registry.server.auth.AuthFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of anonymous / user / robot × pull / push / delete / admin × own / other / public project, with
 * basic authentication on each request and with bearer tokens from the token endpoint. The user is an admin
 * of "own"; the robot holds "delete" on "own"; "pub" is public; nobody of them is a member of "other".
 */
class AccessMatrixTest {
  private static final String ALICE_PW = "alice-password-1";
  private static final AtomicInteger SEQ = new AtomicInteger();

  @TempDir static Path data;
  private static AuthFixture fx;
  private static String robotToken;

  enum Who { ANONYMOUS, USER, ROBOT }

  enum Op { PULL, PUSH, DELETE, ADMIN }

  enum Project {
    OWN("own"), OTHER("other"), PUBLIC("pub");

    final String name;

    Project(String name) {
      this.name = name;
    }
  }

  enum Mode { BASIC, TOKEN }

  @BeforeAll
  static void setUp() {
    fx = AuthFixture.start(data);
    fx.project("own", false);
    fx.project("other", false);
    fx.project("pub", true);
    fx.user("alice", ALICE_PW);
    fx.user("bob", "bob-password-1");
    fx.member("own", "alice", "admin");
    fx.member("other", "bob", "admin");
    robotToken = fx.robot("own", "ci", "delete");
    for (Project p : Project.values()) {
      fx.seedImage(p.name + "/app", "v1");
    }
  }

  @AfterAll
  static void tearDown() {
    fx.close();
  }

  /** The expected (status, error code or null) of one cell. */
  private static Object[] expected(Who who, Op op, Project project) {
    int ok = switch (op) {
      case PULL, ADMIN -> 200;
      case PUSH -> 201;
      case DELETE -> 202;
    };
    if (who == Who.ANONYMOUS) {
      return project == Project.PUBLIC && op == Op.PULL ? new Object[] {ok, null} : new Object[] {401, "UNAUTHORIZED"};
    }
    boolean allowed = switch (project) {
      case OWN -> who == Who.USER || op != Op.ADMIN;
      case OTHER -> false;
      case PUBLIC -> op == Op.PULL;
    };
    return allowed ? new Object[] {ok, null} : new Object[] {403, "DENIED"};
  }

  static Stream<Arguments> cells() {
    List<Arguments> out = new ArrayList<>();
    for (Mode mode : Mode.values()) {
      for (Who who : Who.values()) {
        for (Op op : Op.values()) {
          for (Project p : Project.values()) {
            Object[] e = expected(who, op, p);
            out.add(Arguments.of(mode, who, op, p, e[0], e[1]));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3} -> {4} {5}")
  @MethodSource("cells")
  void cell(Mode mode, Who who, Op op, Project project, int status, String code) {
    String repo = project.name + "/app";
    HttpResponse<byte[]> r = switch (op) {
      case PULL -> fx.send("GET", "/v2/" + repo + "/manifests/v1", null, auth(mode, who, repo, "pull"));
      case PUSH -> fx.pushBlob(repo, ("blob " + SEQ.incrementAndGet()).getBytes(StandardCharsets.UTF_8),
          auth(mode, who, repo, "pull,push"));
      case DELETE -> {
        String tag = "del-" + SEQ.incrementAndGet();
        fx.seedImage(repo, tag);
        yield fx.send("DELETE", "/v2/" + repo + "/manifests/" + tag, null, auth(mode, who, repo, "delete"));
      }
      case ADMIN -> fx.send("GET", "/api/v1/admin/projects/" + project.name + "/members", null,
          auth(Mode.BASIC, who, repo, null));
    };
    if (code == null) {
      assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
    } else {
      assertError(r, status, code);
    }
    if (status == 401 && op != Op.ADMIN) {
      assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith("Bearer realm=\"" + fx.url() + "/auth/token\",service=\"signet\",scope=\"repository:" + repo + ":");
    }
  }

  private static String auth(Mode mode, Who who, String repo, String actions) {
    String basic = switch (who) {
      case ANONYMOUS -> null;
      case USER -> basic("alice", ALICE_PW);
      case ROBOT -> basic(AccountNames.account("own", "ci"), robotToken);
    };
    if (mode == Mode.BASIC) {
      return basic;
    }
    return bearer(fx.token(basic, "repository:" + repo + ":" + actions));
  }
}
