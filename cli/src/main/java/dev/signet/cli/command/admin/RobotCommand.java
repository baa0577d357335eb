package dev.signet.cli.command.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliContext;
import dev.signet.cli.ExitCodes;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signet admin robot create|list|revoke}. */
@Command(name = "robot", description = "Manage a project's robot accounts (log in as robot$PROJECT+NAME with the "
    + "token).", subcommands = {RobotCommand.Create.class, RobotCommand.ListRobots.class, RobotCommand.Revoke.class})
public final class RobotCommand implements Runnable {
  private final CliContext ctx;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  public RobotCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    spec.commandLine().usage(ctx.out());
  }

  /** {@code robot create PROJECT NAME --role pull|push|delete}: prints the token once, on standard output. */
  @Command(name = "create", description = "Create a robot account; its token is printed once, on standard output.")
  static final class Create implements Callable<Integer> {
    @Mixin AdminConnection conn;
    @Parameters(index = "0", paramLabel = "PROJECT") String project;
    @Parameters(index = "1", paramLabel = "NAME") String name;
    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "pull, push or delete.")
    String role;
    private final CliContext ctx;

    Create(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      JsonNode robot = conn.client(ctx, false).post("/projects/" + AdminClient.seg(project) + "/robots",
          Map.of("name", name, "role", role));
      ctx.err().println("Created robot account " + robot.path("account").asText() + " (role " + role
          + "); its token is shown only now:");
      ctx.out().println(robot.path("token").asText());
      return ExitCodes.OK;
    }
  }

  /** {@code robot list PROJECT}. */
  @Command(name = "list", description = "List a project's robot accounts (never their tokens).")
  static final class ListRobots implements Callable<Integer> {
    @Mixin AdminConnection conn;
    @Parameters(index = "0", paramLabel = "PROJECT") String project;
    private final CliContext ctx;

    ListRobots(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      JsonNode robots = conn.client(ctx, false).get("/projects/" + AdminClient.seg(project) + "/robots");
      ctx.out().println("ACCOUNT\tROLE\tCREATED\tREVOKED");
      for (JsonNode r : robots) {
        ctx.out().println(r.path("account").asText() + "\t" + r.path("role").asText() + "\t"
            + r.path("created").asText() + "\t" + r.path("revoked").asText("-"));
      }
      return ExitCodes.OK;
    }
  }

  /** {@code robot revoke PROJECT NAME}. */
  @Command(name = "revoke", description = "Revoke a robot account's token for good.")
  static final class Revoke implements Callable<Integer> {
    @Mixin AdminConnection conn;
    @Parameters(index = "0", paramLabel = "PROJECT") String project;
    @Parameters(index = "1", paramLabel = "NAME") String name;
    private final CliContext ctx;

    Revoke(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      conn.client(ctx, false).delete("/projects/" + AdminClient.seg(project) + "/robots/" + AdminClient.seg(name));
      ctx.err().println("Revoked robot$" + project + "+" + name);
      return ExitCodes.OK;
    }
  }
}
