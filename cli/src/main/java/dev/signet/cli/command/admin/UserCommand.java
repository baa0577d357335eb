package dev.signet.cli.command.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signet admin user create|list|delete|passwd}. */
@Command(name = "user", description = "Manage users (system administrators only, except changing your own password).",
    subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Delete.class,
        UserCommand.Passwd.class})
public final class UserCommand implements Runnable {
  private final CliContext ctx;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  public UserCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    spec.commandLine().usage(ctx.out());
  }

  /** {@code user create NAME [--password-stdin] [--system-admin]}. */
  @Command(name = "create", description = "Create a user. Without --password-stdin a random password is generated "
      + "and printed once.")
  static final class Create implements Callable<Integer> {
    @Mixin AdminConnection conn;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--system-admin", description = "Make the user a system administrator.") boolean systemAdmin;
    private final CliContext ctx;

    Create(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      boolean generated = !conn.passwordStdin;
      String password = generated ? generatePassword() : AdminConnection.readStdin(ctx);
      if (password.isEmpty()) {
        throw new CommandFailure(ExitCodes.FAILURE, "the new password on standard input is empty");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("password", password);
      body.put("systemAdmin", systemAdmin);
      conn.client(ctx, true).post("/users", body);
      ctx.err().println("Created user " + name + (systemAdmin ? " (system administrator)" : ""));
      if (generated) {
        ctx.err().println("Generated password (shown only now):");
        ctx.out().println(password);
      }
      return ExitCodes.OK;
    }

    private static String generatePassword() {
      byte[] b = new byte[18];
      new SecureRandom().nextBytes(b);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
  }

  /** {@code user list}. */
  @Command(name = "list", description = "List users.")
  static final class ListUsers implements Callable<Integer> {
    @Mixin AdminConnection conn;
    private final CliContext ctx;

    ListUsers(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      JsonNode users = conn.client(ctx, false).get("/users");
      ctx.out().println("NAME\tSYSTEM-ADMIN\tCREATED");
      for (JsonNode u : users) {
        ctx.out().println(u.path("name").asText() + "\t" + u.path("systemAdmin").asBoolean() + "\t"
            + u.path("created").asText());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code user delete NAME}. */
  @Command(name = "delete", description = "Delete a user and their memberships.")
  static final class Delete implements Callable<Integer> {
    @Mixin AdminConnection conn;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    private final CliContext ctx;

    Delete(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      conn.client(ctx, false).delete("/users/" + AdminClient.seg(name));
      ctx.err().println("Deleted user " + name);
      return ExitCodes.OK;
    }
  }

  /** {@code user passwd NAME --password-stdin}. */
  @Command(name = "passwd", description = "Set a user's password from standard input (--password-stdin).")
  static final class Passwd implements Callable<Integer> {
    @Mixin AdminConnection conn;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    private final CliContext ctx;

    Passwd(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      if (!conn.passwordStdin) {
        throw new CommandFailure(ExitCodes.FAILURE, "give the new password on standard input with --password-stdin");
      }
      String password = AdminConnection.readStdin(ctx);
      conn.client(ctx, true).put("/users/" + AdminClient.seg(name) + "/password", Map.of("password", password));
      ctx.err().println("Changed the password of " + name);
      return ExitCodes.OK;
    }
  }
}
