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

/** {@code signet admin member add|remove|list}. */
@Command(name = "member", description = "Manage a project's members (system or project administrators).",
    subcommands = {MemberCommand.Add.class, MemberCommand.Remove.class, MemberCommand.ListMembers.class})
public final class MemberCommand implements Runnable {
  private final CliContext ctx;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  public MemberCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    spec.commandLine().usage(ctx.out());
  }

  /** {@code member add PROJECT USER --role pull|push|delete|admin}. */
  @Command(name = "add", description = "Add a member, or change their role.")
  static final class Add implements Callable<Integer> {
    @Mixin AdminConnection conn;
    @Parameters(index = "0", paramLabel = "PROJECT") String project;
    @Parameters(index = "1", paramLabel = "USER") String user;
    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "pull, push, delete or admin.")
    String role;
    private final CliContext ctx;

    Add(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      conn.client(ctx, false).put("/projects/" + AdminClient.seg(project) + "/members/" + AdminClient.seg(user),
          Map.of("role", role));
      ctx.err().println(user + " has role " + role + " on " + project);
      return ExitCodes.OK;
    }
  }

  /** {@code member remove PROJECT USER}. */
  @Command(name = "remove", description = "Remove a member.")
  static final class Remove implements Callable<Integer> {
    @Mixin AdminConnection conn;
    @Parameters(index = "0", paramLabel = "PROJECT") String project;
    @Parameters(index = "1", paramLabel = "USER") String user;
    private final CliContext ctx;

    Remove(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      conn.client(ctx, false).delete("/projects/" + AdminClient.seg(project) + "/members/" + AdminClient.seg(user));
      ctx.err().println("Removed " + user + " from " + project);
      return ExitCodes.OK;
    }
  }

  /** {@code member list PROJECT}. */
  @Command(name = "list", description = "List a project's members.")
  static final class ListMembers implements Callable<Integer> {
    @Mixin AdminConnection conn;
    @Parameters(index = "0", paramLabel = "PROJECT") String project;
    private final CliContext ctx;

    ListMembers(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      JsonNode members = conn.client(ctx, false).get("/projects/" + AdminClient.seg(project) + "/members");
      ctx.out().println("USER\tROLE");
      for (JsonNode m : members) {
        ctx.out().println(m.path("user").asText() + "\t" + m.path("role").asText());
      }
      return ExitCodes.OK;
    }
  }
}
