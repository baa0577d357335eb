package dev.signet.cli.command.sigstore;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.command.sigstore.TrustedRootJson.Authority;
import dev.signet.cli.command.sigstore.TrustedRootJson.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code signet trusted-root create}: cosign v3's flags. Services come from repeatable specs
 * ({@code --fulcio="url=…,certificate-chain=FILE"}, {@code --rekor="url=…,public-key=FILE,start-time=…"},
 * {@code --ctfe=…}, {@code --tsa=…}) or from cosign's deprecated per-field flags, never both for one
 * kind. Signet never adds the public-good services: {@code --with-default-services} is refused and the
 * {@code --no-default-*} flags are accepted for compatibility and change nothing.
 */
@Command(name = "create", description = {
    "Create a Sigstore protobuf trusted root by supplying verification material.",
    "Each service is a repeatable flag (--fulcio, --rekor, --ctfe, --tsa) taking comma-separated key=value pairs.",
    "Signet never includes the public-good Sigstore services (no --with-default-services)."})
public final class TrustedRootCreateCommand implements Callable<Integer> {
  @Option(names = "--fulcio", paramLabel = "SPEC",
      description = "Fulcio CA: url, certificate-chain (PEM, intermediates then root); optional start-time, end-time.")
  List<String> fulcio = new ArrayList<>();

  @Option(names = "--rekor", paramLabel = "SPEC",
      description = "Rekor log: url, public-key (PEM), start-time; optional end-time, origin (Rekor v2 checkpoint name).")
  List<String> rekor = new ArrayList<>();

  @Option(names = "--ctfe", paramLabel = "SPEC",
      description = "CT log: url, public-key (PEM), start-time; optional end-time.")
  List<String> ctfe = new ArrayList<>();

  @Option(names = "--tsa", paramLabel = "SPEC",
      description = "Timestamp authority: url, certificate-chain (PEM, leaf first); optional start-time, end-time.")
  List<String> tsa = new ArrayList<>();

  @Option(names = "--with-default-services", description = "Not supported: Signet does not fetch the public-good trusted root.")
  boolean withDefaultServices;

  @Option(names = "--no-default-fulcio", description = "Accepted for cosign compatibility (Signet adds no defaults).")
  boolean noDefaultFulcio;

  @Option(names = "--no-default-ctfe", description = "Accepted for cosign compatibility (Signet adds no defaults).")
  boolean noDefaultCtfe;

  @Option(names = "--no-default-rekor", description = "Accepted for cosign compatibility (Signet adds no defaults).")
  boolean noDefaultRekor;

  @Option(names = "--no-default-tsa", description = "Accepted for cosign compatibility (Signet adds no defaults).")
  boolean noDefaultTsa;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the trusted root to FILE (0600) instead of standard output.")
  String out;

  @Option(names = "--certificate-chain", paramLabel = "FILE", description = "Deprecated: use --fulcio.")
  List<String> certChain = new ArrayList<>();

  @Option(names = "--fulcio-uri", paramLabel = "URI", description = "Deprecated: use --fulcio.")
  List<String> fulcioUri = new ArrayList<>();

  @Option(names = "--ctfe-key", paramLabel = "FILE", description = "Deprecated: use --ctfe.")
  List<String> ctfeKey = new ArrayList<>();

  @Option(names = "--ctfe-start-time", paramLabel = "TIME", description = "Deprecated: use --ctfe.")
  List<String> ctfeStart = new ArrayList<>();

  @Option(names = "--ctfe-end-time", paramLabel = "TIME", description = "Deprecated: use --ctfe.")
  List<String> ctfeEnd = new ArrayList<>();

  @Option(names = "--ctfe-url", paramLabel = "URL", description = "Deprecated: use --ctfe.")
  List<String> ctfeUrl = new ArrayList<>();

  @Option(names = "--rekor-key", paramLabel = "FILE[,ORIGIN]", description = "Deprecated: use --rekor.")
  List<String> rekorKey = new ArrayList<>();

  @Option(names = "--rekor-start-time", paramLabel = "TIME", description = "Deprecated: use --rekor.")
  List<String> rekorStart = new ArrayList<>();

  @Option(names = "--rekor-end-time", paramLabel = "TIME", description = "Deprecated: use --rekor.")
  List<String> rekorEnd = new ArrayList<>();

  @Option(names = "--rekor-url", paramLabel = "URL", description = "Deprecated: use --rekor.")
  List<String> rekorUrl = new ArrayList<>();

  @Option(names = "--timestamp-certificate-chain", paramLabel = "FILE", description = "Deprecated: use --tsa.")
  List<String> tsaChain = new ArrayList<>();

  @Option(names = "--timestamp-uri", paramLabel = "URI", description = "Deprecated: use --tsa.")
  List<String> tsaUri = new ArrayList<>();

  private final CliContext ctx;

  public TrustedRootCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (withDefaultServices) {
      throw new CommandFailure(ExitCodes.FAILURE, "--with-default-services is not supported: Signet does not fetch"
          + " the public-good trusted root; list your services with --fulcio, --rekor, --ctfe and --tsa");
    }
    exclusive("--fulcio", fulcio, "fulcio", certChain, fulcioUri);
    exclusive("--rekor", rekor, "rekor", rekorKey, rekorUrl, rekorStart, rekorEnd);
    exclusive("--ctfe", ctfe, "ctfe", ctfeKey, ctfeUrl, ctfeStart, ctfeEnd);
    exclusive("--tsa", tsa, "tsa", tsaChain, tsaUri);
    byte[] json = TrustedRootJson.write(fulcioAuthorities(), rekorLogs(), ctLogs(), timestampAuthorities());
    if (out == null || out.isEmpty()) {
      ctx.out().write(json, 0, json.length);
      ctx.out().flush();
    } else {
      write(ctx.resolve(out), json);
    }
    return ExitCodes.OK;
  }

  @SafeVarargs
  private static void exclusive(String flag, List<String> specs, String kind, List<String>... deprecated) {
    for (List<String> d : deprecated) {
      if (!specs.isEmpty() && !d.isEmpty()) {
        throw new CommandFailure(ExitCodes.FAILURE, "cannot use " + flag + " and old " + kind + " flags at the same time");
      }
    }
  }

  private List<Authority> fulcioAuthorities() {
    List<Authority> out = new ArrayList<>();
    for (String s : fulcio) {
      ServiceSpec spec = ServiceSpec.parse("--fulcio", s, List.of("url", "certificate-chain"),
          List.of("start-time", "end-time"));
      List<X509Certificate> chain = TrustMaterial.certificates(ctx, spec.get("certificate-chain"), "--fulcio");
      Instant start = spec.time("start-time").orElse(last(chain).getNotBefore().toInstant());
      out.add(new Authority(spec.get("url"), chain, start, spec.time("end-time")));
    }
    for (int i = 0; i < certChain.size(); i++) {
      List<X509Certificate> chain = TrustMaterial.certificates(ctx, certChain.get(i), "--certificate-chain");
      out.add(new Authority(at(fulcioUri, i), chain, last(chain).getNotBefore().toInstant(), Optional.empty()));
    }
    return out;
  }

  private List<Authority> timestampAuthorities() {
    List<Authority> out = new ArrayList<>();
    for (String s : tsa) {
      ServiceSpec spec = ServiceSpec.parse("--tsa", s, List.of("url", "certificate-chain"),
          List.of("start-time", "end-time"));
      List<X509Certificate> chain = tsaChain(spec.get("certificate-chain"), "--tsa");
      Instant start = spec.time("start-time").orElse(chain.get(0).getNotBefore().toInstant());
      out.add(new Authority(spec.get("url"), chain, start, spec.time("end-time")));
    }
    for (int i = 0; i < tsaChain.size(); i++) {
      List<X509Certificate> chain = tsaChain(tsaChain.get(i), "--timestamp-certificate-chain");
      out.add(new Authority(at(tsaUri, i), chain, last(chain).getNotBefore().toInstant(), Optional.empty()));
    }
    return out;
  }

  private List<X509Certificate> tsaChain(String path, String flag) {
    List<X509Certificate> chain = TrustMaterial.certificates(ctx, path, flag);
    if (chain.get(0).getBasicConstraints() >= 0) {
      throw new CommandFailure(ExitCodes.FAILURE, flag + " " + path + ": the first certificate must be the TSA's"
          + " leaf certificate, not a CA");
    }
    if (chain.size() < 2) {
      throw new CommandFailure(ExitCodes.FAILURE, flag + " " + path + ": the chain needs the leaf and its root");
    }
    return chain;
  }

  private List<Log> rekorLogs() {
    List<Log> out = new ArrayList<>();
    for (String s : rekor) {
      ServiceSpec spec = ServiceSpec.parse("--rekor", s, List.of("url", "public-key", "start-time"),
          List.of("end-time", "origin"));
      PublicKey key = TrustMaterial.publicKey(ctx, spec.get("public-key"), "--rekor");
      String origin = spec.values().getOrDefault("origin", "");
      byte[] id = origin.isEmpty() ? TrustMaterial.logId(key) : TrustMaterial.checkpointKeyId(origin, key);
      out.add(new Log(spec.get("url"), key, id, spec.time("start-time").orElseThrow(), spec.time("end-time")));
    }
    for (int i = 0; i < rekorKey.size(); i++) {
      String[] parts = rekorKey.get(i).split(",", 2);
      PublicKey key = TrustMaterial.publicKey(ctx, parts[0], "--rekor-key");
      byte[] id = parts.length > 1 && !parts[1].isEmpty()
          ? TrustMaterial.checkpointKeyId(parts[1], key) : TrustMaterial.logId(key);
      out.add(new Log(at(rekorUrl, i), key, id, time(rekorStart, i, "--rekor-start-time"),
          optionalTime(rekorEnd, i, "--rekor-end-time")));
    }
    return out;
  }

  private List<Log> ctLogs() {
    List<Log> out = new ArrayList<>();
    for (String s : ctfe) {
      ServiceSpec spec = ServiceSpec.parse("--ctfe", s, List.of("url", "public-key", "start-time"),
          List.of("end-time"));
      PublicKey key = TrustMaterial.publicKey(ctx, spec.get("public-key"), "--ctfe");
      out.add(new Log(spec.get("url"), key, TrustMaterial.logId(key), spec.time("start-time").orElseThrow(),
          spec.time("end-time")));
    }
    for (int i = 0; i < ctfeKey.size(); i++) {
      PublicKey key = TrustMaterial.publicKey(ctx, ctfeKey.get(i), "--ctfe-key");
      out.add(new Log(at(ctfeUrl, i), key, TrustMaterial.logId(key), time(ctfeStart, i, "--ctfe-start-time"),
          optionalTime(ctfeEnd, i, "--ctfe-end-time")));
    }
    return out;
  }

  /** cosign's deprecated flags pair up by position; a missing start time is the Unix epoch. */
  private static Instant time(List<String> values, int i, String flag) {
    return i < values.size() ? ServiceSpec.rfc3339(flag, values.get(i)) : Instant.EPOCH;
  }

  private static Optional<Instant> optionalTime(List<String> values, int i, String flag) {
    return i < values.size() ? Optional.of(ServiceSpec.rfc3339(flag, values.get(i))) : Optional.empty();
  }

  private static String at(List<String> values, int i) {
    return i < values.size() ? values.get(i) : "";
  }

  private static X509Certificate last(List<X509Certificate> chain) {
    return chain.get(chain.size() - 1);
  }

  private static void write(Path file, byte[] json) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".trusted_root", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, json);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "--out " + file + ": cannot write: " + e.getMessage(), e);
    }
  }
}
