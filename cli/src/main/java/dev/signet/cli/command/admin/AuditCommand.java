package dev.signet.cli.command.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliContext;
import dev.signet.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signet admin audit [--limit N]}: the newest audit records, newest first. */
@Command(name = "audit", description = "Show the newest audit records (system administrators only).")
public final class AuditCommand implements Callable<Integer> {
  @Mixin AdminConnection conn;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "How many (default ${DEFAULT-VALUE}).")
  int limit;

  private final CliContext ctx;

  public AuditCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JsonNode records = conn.client(ctx, false).get("/audit?limit=" + limit);
    ctx.out().println("TIME\tACTOR\tACTION\tTARGET\tOUTCOME\tDETAIL");
    for (JsonNode e : records) {
      ctx.out().println(e.path("time").asText() + "\t" + e.path("actor").asText() + "\t" + e.path("action").asText()
          + "\t" + e.path("target").asText("-") + "\t" + e.path("outcome").asText() + "\t"
          + e.path("detail").asText("-"));
    }
    return ExitCodes.OK;
  }
}
