package dev.signet.cli.command.admin;

import dev.signet.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code signet admin}: users, projects, members, robot accounts and the audit log of a Signet registry. */
@Command(
    name = "admin",
    description = "Manage accounts and access on a Signet registry (its admin API).",
    subcommands = {UserCommand.class, ProjectCommand.class, MemberCommand.class, RobotCommand.class,
        AuditCommand.class, PolicyCommand.class, ReplicationCommand.class, LifecycleCommand.class},
    footerHeading = "%nCredentials%n",
    footer = {
        "Every command takes --registry URL and authenticates with basic auth, from, in this order:",
        "  --username USER --password-stdin; SIGNET_ADMIN_PASSWORD (user --username, default admin);",
        "  the docker config entry for the registry's host (signet login HOST).",
        "Roles: pull < push < delete < admin; each includes the ones before it."})
public final class AdminCommand implements Runnable {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Spec CommandSpec spec;

  private final CliContext ctx;

  public AdminCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    spec.commandLine().usage(ctx.out());
  }
}
