package dev.signet.cli.command.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@code signet admin policy set|show PROJECT}: a project's verified-pull policy on a Signet registry,
 * through {@code GET/PUT /api/v1/admin/projects/<project>/policy}. {@code set} replaces the whole policy.
 */
@Command(name = "policy", description = "Show or set a project's verified-pull policy on a Signet registry.",
    subcommands = {PolicyCommand.Set.class, PolicyCommand.Show.class})
public final class PolicyCommand implements Runnable {
  static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  public PolicyCommand(CliContext ctx) {
    // the subcommands do the work; the context reaches them through the factory
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code set}: replaces the policy. */
  @Command(name = "set", description = "Replace a project's policy (mode, trusted keys and CAs, threshold, "
      + "required annotations).")
  static final class Set implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project (first path component of its repositories).")
    String project;

    @Option(names = "--mode", required = true, paramLabel = "off|audit|enforce",
        description = "off: no checks; audit: serve and record unsatisfied pulls; enforce: refuse them (412).")
    String mode;

    @Option(names = "--key", paramLabel = "FILE", description = "A trusted public key (PEM, e.g. cosign.pub); repeatable.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--certificate-authority", paramLabel = "FILE",
        description = "A trusted CA certificate (PEM): signatures whose certificate chains to it count; repeatable.")
    List<String> authorities = new ArrayList<>();

    @Option(names = "--threshold", paramLabel = "N", defaultValue = "1",
        description = "Distinct trusted keys that must have signed (default ${DEFAULT-VALUE}).")
    int threshold;

    @Option(names = "--require-annotation", paramLabel = "KEY=VALUE",
        description = "An annotation every counted signature must have signed (cosign sign -a); repeatable.")
    List<String> annotations = new ArrayList<>();

    @Option(names = "--index-children", paramLabel = "inherit|own", defaultValue = "inherit",
        description = "inherit: an image listed in a signed index is allowed; own: it must be signed itself.")
    String indexChildren;

    @Mixin AdminConnection connection;

    private final CliContext ctx;

    Set(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      ObjectNode body = JSON.createObjectNode().put("mode", mode).put("threshold", threshold)
          .put("indexChildren", indexChildren);
      keys.forEach(f -> body.withArray("keys").add(read(ctx, f)));
      authorities.forEach(f -> body.withArray("certificateAuthorities").add(read(ctx, f)));
      ObjectNode required = body.putObject("requireAnnotations");
      for (String a : annotations) {
        String[] kv = a.split("=", 2);
        if (kv.length != 2 || kv[0].isEmpty()) {
          throw new CommandFailure(ExitCodes.FAILURE, "--require-annotation wants KEY=VALUE, not " + a);
        }
        required.put(kv[0], kv[1]);
      }
      JsonNode stored = connection.client(ctx, false).put(path(project), body);
      ctx.out().println(stored.toPrettyString());
      ctx.err().println("policy of project " + project + " set: mode " + stored.path("mode").asText() + ", "
          + stored.path("keys").size() + " key(s), " + stored.path("certificateAuthorities").size()
          + " CA(s), threshold " + stored.path("threshold").asInt());
      return ExitCodes.OK;
    }
  }

  /** {@code show}: prints the policy as JSON. */
  @Command(name = "show", description = "Print a project's policy as JSON.")
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
      ctx.out().println(connection.client(ctx, false).get(path(project)).toPrettyString());
      return ExitCodes.OK;
    }
  }


  /** A PEM file's text; a missing or unreadable file is a one-line error. */
  static String read(CliContext ctx, String file) {
    try {
      return Files.readString(ctx.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String path(String project) {
    return "/projects/" + AdminClient.seg(project) + "/policy";
  }
}
