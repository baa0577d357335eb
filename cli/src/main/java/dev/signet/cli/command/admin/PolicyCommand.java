package dev.signet.cli.command.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.registry.server.trust.KeylessIdentity;
import dev.signet.registry.server.trust.PredicateTypes;
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
 * {@code signet admin policy set|get PROJECT} ({@code show} is an alias of {@code get}): a project's
 * verified-pull policy on a Signet registry, through {@code GET/PUT /api/v1/admin/projects/<project>/policy}.
 * {@code set} replaces the whole policy: trusted keys, CAs, keyless identities with the trusted root they
 * are verified against, threshold, required annotations and required attestations.
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
  @Command(name = "set", description = "Replace a project's policy (mode, trusted keys, CAs and keyless "
      + "identities, threshold, required annotations and attestations).")
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

    @Option(names = "--identity", paramLabel = "SPEC", description = "A trusted keyless signer: "
        + "issuer=URL|issuer-regexp=RE, subject=ID|subject-regexp=RE, optional github-workflow-trigger|sha|name|"
        + "repository|ref=VALUE, comma-separated; repeatable, any one matching is enough. Needs --trusted-root.")
    List<String> identities = new ArrayList<>();

    @Option(names = "--trusted-root", paramLabel = "FILE", description = "The Sigstore trusted_root.json "
        + "(Fulcio CAs, Rekor and CT logs, TSAs) keyless signatures are verified against (one log entry and one "
        + "SCT required); stored with the policy.")
    String trustedRoot;

    @Option(names = "--require-attestation", paramLabel = "TYPE", description = "An attestation every image must "
        + "carry, signed by a trusted key or identity: slsaprovenance, slsaprovenance02, slsaprovenance1, spdx, "
        + "spdxjson, cyclonedx, link, vuln, openvex, custom or a predicate type URI; repeatable.")
    List<String> attestations = new ArrayList<>();

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
      for (String spec : identities) {
        try {
          ObjectNode id = body.withArray("identities").addObject();
          KeylessIdentity.parseSpec(spec).fields().forEach(id::put);
        } catch (IllegalArgumentException e) {
          throw new CommandFailure(ExitCodes.FAILURE, "--identity: " + e.getMessage());
        }
      }
      if (trustedRoot != null) {
        body.put("trustedRoot", read(ctx, trustedRoot));
      }
      for (String type : attestations) {
        try {
          PredicateTypes.resolve(type);
        } catch (IllegalArgumentException e) {
          throw new CommandFailure(ExitCodes.FAILURE, "--require-attestation: " + e.getMessage());
        }
        body.withArray("requireAttestations").add(type);
      }
      JsonNode stored = connection.client(ctx, false).put(path(project), body);
      ctx.out().println(stored.toPrettyString());
      ctx.err().println("policy of project " + project + " set: mode " + stored.path("mode").asText() + ", "
          + stored.path("keys").size() + " key(s), " + stored.path("certificateAuthorities").size()
          + " CA(s), threshold " + stored.path("threshold").asInt() + ", " + stored.path("identities").size()
          + " identity(ies)" + (stored.hasNonNull("trustedRootDigest") ? " against trusted root "
              + stored.path("trustedRootDigest").asText() : "") + ", " + stored.path("requireAttestations").size()
          + " required attestation(s)");
      return ExitCodes.OK;
    }
  }

  /** {@code get} (alias {@code show}): prints the policy as JSON. */
  @Command(name = "get", aliases = "show", description = "Print a project's policy as JSON.")
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
