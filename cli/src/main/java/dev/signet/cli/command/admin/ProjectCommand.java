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

/** {@code signet admin project create|list|delete}. */
@Command(name = "project", description = "Manage projects (the first path component of repository names).",
    subcommands = {ProjectCommand.Create.class, ProjectCommand.ListProjects.class, ProjectCommand.Delete.class})
public final class ProjectCommand implements Runnable {
  private final CliContext ctx;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  public ProjectCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    spec.commandLine().usage(ctx.out());
  }

  /** {@code project create NAME [--public]}. */
  @Command(name = "create", description = "Create a project (system administrators only).")
  static final class Create implements Callable<Integer> {
    @Mixin AdminConnection conn;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--public", description = "Anyone, even anonymous, may pull from it.") boolean isPublic;
    private final CliContext ctx;

    Create(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      conn.client(ctx, false).post("/projects", Map.of("name", name, "public", isPublic));
      ctx.err().println("Created " + (isPublic ? "public" : "private") + " project " + name);
      return ExitCodes.OK;
    }
  }

  /** {@code project list}. */
  @Command(name = "list", description = "List the projects you can see.")
  static final class ListProjects implements Callable<Integer> {
    @Mixin AdminConnection conn;
    private final CliContext ctx;

    ListProjects(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      JsonNode projects = conn.client(ctx, false).get("/projects");
      ctx.out().println("NAME\tPUBLIC\tCREATED");
      for (JsonNode p : projects) {
        ctx.out().println(p.path("name").asText() + "\t" + p.path("public").asBoolean() + "\t"
            + p.path("created").asText());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code project delete NAME}. */
  @Command(name = "delete", description = "Delete a project without repositories (system administrators only).")
  static final class Delete implements Callable<Integer> {
    @Mixin AdminConnection conn;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    private final CliContext ctx;

    Delete(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      conn.client(ctx, false).delete("/projects/" + AdminClient.seg(name));
      ctx.err().println("Deleted project " + name);
      return ExitCodes.OK;
    }
  }
}
