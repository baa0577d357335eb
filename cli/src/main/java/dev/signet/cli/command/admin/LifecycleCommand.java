package dev.signet.cli.command.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code signet admin lifecycle set|show|run PROJECT}: a project's immutable tag patterns and retention
 * rules on a Signet registry, through {@code GET/PUT /api/v1/admin/projects/<project>/lifecycle} and
 * {@code POST /api/v1/admin/projects/<project>/retention/run}. {@code set} replaces the whole policy.
 */
@Command(name = "lifecycle", description = "Show or set a project's immutable tags and retention rules, or run retention.",
    subcommands = {LifecycleCommand.Set.class, LifecycleCommand.Show.class, LifecycleCommand.Run.class})
public final class LifecycleCommand implements Runnable {
  static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  public LifecycleCommand(CliContext ctx) {
    // the subcommands do the work; the context reaches them through the factory
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code set}: replaces the policy. */
  @Command(name = "set", description = "Replace a project's lifecycle policy (immutable tag patterns, retention rules).")
  static final class Set implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project (first path component of its repositories).")
    String project;

    @Option(names = "--immutable", paramLabel = "GLOB",
        description = "Tags matching this pattern (e.g. v*) cannot be moved or deleted; repeatable. "
            + "Signatures and other accessories can always be added.")
    List<String> immutable = new ArrayList<>();

    @Option(names = "--keep-last", paramLabel = "N", description = "Retention: keep the N most recently pushed tags "
        + "matching --keep-pattern, per repository.")
    Integer keepLast;

    @Option(names = "--keep-pattern", paramLabel = "GLOB", defaultValue = "**",
        description = "The tags --keep-last counts (default ${DEFAULT-VALUE}: all).")
    String keepPattern;

    @Option(names = "--keep-days", paramLabel = "D", description = "Retention: keep tags pushed within D days.")
    Integer keepDays;

    @Option(names = "--run-every-minutes", paramLabel = "M",
        description = "Run retention on the registry every M minutes (default: manual runs only).")
    Integer runEveryMinutes;

    @Mixin AdminConnection connection;

    private final CliContext ctx;

    Set(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      if (keepLast != null && keepLast < 0 || keepDays != null && keepDays < 0) {
        throw new CommandFailure(ExitCodes.FAILURE, "--keep-last and --keep-days must not be negative");
      }
      ObjectNode body = JSON.createObjectNode();
      immutable.forEach(body.putArray("immutableTags")::add);
      if (keepLast != null || keepDays != null || runEveryMinutes != null) {
        ObjectNode r = body.putObject("retention");
        if (keepLast != null) {
          r.putObject("keepLastTags").put("pattern", keepPattern).put("count", keepLast);
        }
        if (keepDays != null) {
          r.put("keepDays", keepDays);
        }
        if (runEveryMinutes != null) {
          r.put("runEveryMinutes", runEveryMinutes);
        }
      }
      JsonNode stored = connection.client(ctx, false).put(path(project, "/lifecycle"), body);
      ctx.out().println(stored.toPrettyString());
      ctx.err().println("lifecycle of project " + project + " set: " + stored.path("immutableTags").size()
          + " immutable tag pattern(s), retention " + (stored.path("retention").isObject() ? "on" : "off"));
      return ExitCodes.OK;
    }
  }

  /** {@code show}: prints the policy as JSON. */
  @Command(name = "show", description = "Print a project's lifecycle policy as JSON.")
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project.")
    String project;

    @Mixin AdminConnection connection;

    private final CliContext ctx;

    Show(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      ctx.out().println(connection.client(ctx, false).get(path(project, "/lifecycle")).toPrettyString());
      return ExitCodes.OK;
    }
  }

  /** {@code run}: runs retention now (or lists what it would delete). */
  @Command(name = "run", description = "Run a project's retention now: delete the tags that fall out and the "
      + "images no tag references any more, with their signatures.")
  static final class Run implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project.")
    String project;

    @Option(names = "--dry-run", description = "Only list what would be deleted.")
    boolean dryRun;

    @Mixin AdminConnection connection;

    private final CliContext ctx;

    Run(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      JsonNode report = connection.client(ctx, false)
          .post(path(project, "/retention/run?dryRun=" + dryRun), null);
      String verb = dryRun ? "would delete" : "deleted";
      for (JsonNode t : report.path("deletedTags")) {
        ctx.out().println(verb + " tag\t" + t.path("repository").asText() + ":" + t.path("tag").asText() + "\t"
            + t.path("digest").asText());
      }
      for (JsonNode m : report.path("deletedManifests")) {
        ctx.out().println(verb + " manifest\t" + m.path("repository").asText() + "@" + m.path("digest").asText()
            + "\t" + m.path("accessories").size() + " accessory(ies)");
      }
      ctx.err().println("retention of project " + project + (dryRun ? " (dry run)" : "") + ": "
          + report.path("deletedTags").size() + " tag(s), " + report.path("deletedManifests").size()
          + " manifest(s)" + (dryRun ? " would be deleted" : " deleted"));
      return ExitCodes.OK;
    }
  }

  private static String path(String project, String rest) {
    return "/projects/" + AdminClient.seg(project) + rest;
  }
}
