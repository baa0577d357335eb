package dev.signet.cli.command.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code signet admin replication}: manage a Signet registry's replication rules and watch its jobs,
 * through the registry's admin API ({@code /api/v1/admin/replication}, system administrators only).
 * Connection and credentials as for every {@code signet admin} command ({@link AdminConnection}).
 */
@Command(
    name = "replication",
    description = {"Replicate images with every signature, attestation and SBOM to other registries.",
        "Rules select repositories and tags by glob; triggers: manual, event (every push, accessories",
        "included whatever order they arrive in) or cron (5 fields, UTC)."},
    subcommands = {ReplicationCommand.Add.class, ReplicationCommand.ListRules.class, ReplicationCommand.Run.class,
        ReplicationCommand.Status.class, ReplicationCommand.Delete.class})
public final class ReplicationCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RULES = "/replication/rules";

  @Spec CommandSpec spec;

  private final CliContext ctx;

  public ReplicationCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    spec.commandLine().usage(ctx.out());
  }

  /** {@code add NAME …}. */
  @Command(name = "add", description = {"Add a replication rule.",
      "Destination credentials are stored sealed (AES-GCM, key file in the registry's data directory) and",
      "never shown again. Standard input holds one secret: with --dest-password-stdin, authenticate to the",
      "admin API with SIGNET_ADMIN_PASSWORD or a docker login."})
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Rule name: a-z, 0-9, '.', '_', '-'.") String name;
    @Option(names = "--source", required = true, paramLabel = "GLOB",
        description = "Repositories to replicate, e.g. 'prod/**' (* within a path segment, ** across).")
    String source;
    @Option(names = "--tags", paramLabel = "GLOB", defaultValue = "*",
        description = "Tags to replicate (default: all); accessories follow their subject regardless.")
    String tags;
    @Option(names = "--destination", required = true, paramLabel = "URL",
        description = "Destination registry, http[s]://host[:port].")
    String destination;
    @Option(names = "--dest-prefix", paramLabel = "PATH", description = "Put repositories under this path.")
    String prefix = "";
    @Option(names = "--dest-strip", paramLabel = "PREFIX",
        description = "Remove this prefix from source names first (e.g. 'prod/').")
    String strip = "";
    @Option(names = "--dest-username", paramLabel = "USER", description = "Destination user name.")
    String destUsername;
    @Option(names = "--dest-password-stdin", description = "Read the destination password from standard input.")
    boolean destPasswordStdin;
    @Option(names = "--dest-token-stdin", description = "Read a destination identity token from standard input.")
    boolean destTokenStdin;
    @Option(names = "--trigger", defaultValue = "manual", description = "manual, event or cron (default: manual).")
    String trigger;
    @Option(names = "--cron", paramLabel = "EXPR", description = "5-field cron schedule in UTC, e.g. '*/5 * * * *'.")
    String cron;
    @Option(names = "--disabled", description = "Add the rule disabled.") boolean disabled;
    @Mixin AdminConnection connection;

    private final CliContext ctx;

    Add(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      if (destPasswordStdin && destTokenStdin) {
        throw new CommandFailure(ExitCodes.FAILURE, "--dest-password-stdin and --dest-token-stdin both read "
            + "standard input: choose one");
      }
      boolean stdinTaken = destPasswordStdin || destTokenStdin;
      ObjectNode rule = JSON.createObjectNode().put("name", name).put("source", source).put("tags", tags)
          .put("destination", destination).put("destinationPrefix", prefix).put("stripPrefix", strip)
          .put("trigger", cron != null && "manual".equals(trigger) ? "cron" : trigger).put("enabled", !disabled);
      if (cron != null) {
        rule.put("cron", cron);
      }
      if (destTokenStdin) {
        rule.putObject("credential").put("token", AdminConnection.readStdin(ctx));
      } else if (destUsername != null) {
        if (!destPasswordStdin) {
          throw new CommandFailure(ExitCodes.FAILURE, "--dest-username needs --dest-password-stdin");
        }
        rule.putObject("credential").put("username", destUsername).put("password", AdminConnection.readStdin(ctx));
      } else if (destPasswordStdin) {
        throw new CommandFailure(ExitCodes.FAILURE, "--dest-password-stdin needs --dest-username");
      }
      JsonNode added = connection.client(ctx, stdinTaken).post(RULES, rule);
      ctx.out().println("Added replication rule " + added.path("name").asText() + ": " + describe(added));
      return ExitCodes.OK;
    }
  }

  /** {@code list}. */
  @Command(name = "list", description = "List replication rules (secrets are never shown).")
  static final class ListRules implements Callable<Integer> {
    @Option(names = "--json", description = "Print the API's JSON.") boolean json;
    @Mixin AdminConnection connection;
    private final CliContext ctx;

    ListRules(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      JsonNode rules = connection.client(ctx, false).get(RULES);
      if (json) {
        ctx.out().println(rules.toPrettyString());
        return ExitCodes.OK;
      }
      for (JsonNode r : rules.path("rules")) {
        ctx.out().println(r.path("name").asText() + "\t" + describe(r));
      }
      return ExitCodes.OK;
    }
  }

  /** {@code run NAME}. */
  @Command(name = "run", description = "Replicate every matching tag of a rule now.")
  static final class Run implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Mixin AdminConnection connection;
    private final CliContext ctx;

    Run(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      JsonNode r = connection.client(ctx, false).post(RULES + "/" + AdminClient.seg(name) + "/run", null);
      ctx.out().println("Queued " + r.path("queued").asInt() + " replication jobs for " + name
          + " (see: signet admin replication status --rule " + name + ")");
      return ExitCodes.OK;
    }
  }

  /** {@code status}. */
  @Command(name = "status", description = "Show replication jobs, most recent first.")
  static final class Status implements Callable<Integer> {
    @Option(names = "--rule", paramLabel = "NAME", description = "Only this rule's jobs.") String rule;
    @Option(names = "--state", description = "Only jobs in this state: queued, running, succeeded, failed.")
    String state;
    @Option(names = "--limit", defaultValue = "100", description = "At most this many jobs (default 100).")
    int limit;
    @Option(names = "--json", description = "Print the API's JSON.") boolean json;
    @Mixin AdminConnection connection;
    private final CliContext ctx;

    Status(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      StringBuilder query = new StringBuilder("/replication/status?limit=").append(limit);
      if (rule != null) {
        query.append("&rule=").append(AdminClient.seg(rule));
      }
      if (state != null) {
        query.append("&state=").append(AdminClient.seg(state));
      }
      JsonNode jobs = connection.client(ctx, false).get(query.toString());
      if (json) {
        ctx.out().println(jobs.toPrettyString());
        return ExitCodes.OK;
      }
      for (JsonNode j : jobs.path("jobs")) {
        String detail = j.has("lastError") && !"succeeded".equals(j.path("state").asText())
            ? "error: " + j.path("lastError").asText() : j.path("result").asText("");
        ctx.out().println(j.path("rule").asText() + "\t" + j.path("repository").asText() + "@"
            + j.path("subject").asText() + "\t" + j.path("state").asText() + "\t" + j.path("attempts").asInt() + "/"
            + j.path("maxAttempts").asInt() + "\t" + j.path("updated").asText() + "\t" + detail);
      }
      return ExitCodes.OK;
    }
  }

  /** {@code delete NAME}. */
  @Command(name = "delete", description = "Delete a replication rule and its jobs.")
  static final class Delete implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Mixin AdminConnection connection;
    private final CliContext ctx;

    Delete(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      connection.client(ctx, false).delete(RULES + "/" + AdminClient.seg(name));
      ctx.out().println("Deleted replication rule " + name);
      return ExitCodes.OK;
    }
  }

  private static String describe(JsonNode r) {
    StringBuilder s = new StringBuilder(r.path("trigger").asText());
    if (r.has("cron")) {
      s.append(" '").append(r.path("cron").asText()).append("'");
    }
    s.append(": ").append(r.path("source").asText()).append(" tags ").append(r.path("tags").asText()).append(" -> ")
        .append(r.path("destination").asText());
    if (!r.path("destinationPrefix").asText().isEmpty()) {
      s.append("/").append(r.path("destinationPrefix").asText());
    }
    if (!r.path("stripPrefix").asText().isEmpty()) {
      s.append(" (strip '").append(r.path("stripPrefix").asText()).append("')");
    }
    if (r.has("credential")) {
      JsonNode c = r.path("credential");
      s.append(", credential ").append(c.path("type").asText())
          .append(c.has("username") ? " " + c.path("username").asText() : "");
    }
    if (!r.path("enabled").asBoolean(true)) {
      s.append(", disabled");
    }
    if (r.has("nextRun")) {
      s.append(", next run ").append(r.path("nextRun").asText());
    }
    return s.toString();
  }
}
