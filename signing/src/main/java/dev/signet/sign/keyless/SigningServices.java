package dev.signet.sign.keyless;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The services a signing run uses: a CA (keyless only), transparency logs (with their API version) and
 * timestamp authorities, from a signing config and/or URLs named one by one (which win over the config's
 * for their kind). Nothing is defaulted: a run contacts exactly the services named here.
 */
public record SigningServices(Optional<URI> ca, Optional<URI> oidc, List<Log> logs, List<URI> tsas) {

  /** A transparency log and its major API version (1 or 2). */
  public record Log(URI url, int majorApiVersion) {}

  public SigningServices {
    logs = List.copyOf(logs);
    tsas = List.copyOf(tsas);
  }

  public static SigningServices none() {
    return new SigningServices(Optional.empty(), Optional.empty(), List.of(), List.of());
  }

  /** The services {@code config} selects at {@code now}. */
  public static SigningServices of(SigningConfig config, Instant now) throws KeylessException {
    List<Log> logs = new ArrayList<>();
    for (SigningConfig.Service s : config.selectTlogs(now)) {
      logs.add(new Log(s.url(), s.majorApiVersion()));
    }
    return new SigningServices(config.selectCa(now).map(SigningConfig.Service::url),
        config.selectOidc(now).map(SigningConfig.Service::url), logs,
        config.selectTsas(now).stream().map(SigningConfig.Service::url).toList());
  }

  /** This with the CA replaced by {@code url} (a user-given base URL). */
  public SigningServices withCa(String url) throws KeylessException {
    return new SigningServices(Optional.of(Urls.parse(url, "--fulcio-url")), oidc, logs, tsas);
  }

  /** This with the logs replaced by one at {@code url}: v2 when the URL ends in {@code /api/v2}, else v1. */
  public SigningServices withLog(String url) throws KeylessException {
    URI u = Urls.parse(url, "--rekor-url");
    String s = u.toString().replaceAll("/+$", "");
    Log log = s.endsWith("/api/v2") ? new Log(URI.create(s.substring(0, s.length() - "/api/v2".length())), 2)
        : new Log(u, 1);
    return new SigningServices(ca, oidc, List.of(log), tsas);
  }

  /** This with the TSAs replaced by the one at {@code url} (the full endpoint). */
  public SigningServices withTsa(String url) throws KeylessException {
    return new SigningServices(ca, oidc, logs, List.of(Urls.parse(url, "--timestamp-server-url")));
  }

  public SigningServices withOidc(String url) throws KeylessException {
    return new SigningServices(ca, Optional.of(Urls.parse(url, "--oidc-issuer")), logs, tsas);
  }

  public SigningServices withoutLogs() {
    return new SigningServices(ca, oidc, List.of(), tsas);
  }

  public boolean hasV2Log() {
    return logs.stream().anyMatch(l -> l.majorApiVersion() == 2);
  }

  /** The witness that timestamps and logs every bundle signed by {@code verifier}'s key. */
  public ServiceWitness witness(LogVerifier verifier, ServiceHttp http, SecureRandom random,
      RekorEntries.DsseEntryType dsseType) {
    List<TimestampClient> t = tsas.stream().map(u -> new TimestampClient(u, http, random)).toList();
    List<TransparencyLogClient> l = logs.stream().map(log -> log.majorApiVersion() == 2
        ? (TransparencyLogClient) new RekorV2Client(log.url(), http) : new RekorV1Client(log.url(), http, dsseType)).toList();
    return new ServiceWitness(verifier, t, l);
  }

  /** A client timeout that leaves Rekor v2 the time it takes to publish a checkpoint. */
  public Duration timeout() {
    return hasV2Log() ? Duration.ofSeconds(30) : Duration.ofSeconds(20);
  }
}
