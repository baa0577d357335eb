package dev.signet.registry.server.replication;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A replication rule: which repositories and tags of this registry go where, and when.
 *
 * <p>The destination repository is the source name without {@code stripPrefix} (when it starts with it),
 * under {@code destinationPrefix}: with source {@code prod/**}, strip {@code prod/} and prefix
 * {@code mirror}, {@code prod/team/app} goes to {@code mirror/team/app}. Accessories follow their subject
 * whatever the tag pattern says.
 *
 * @param name {@code [a-z0-9][a-z0-9._-]*}, at most 64 characters
 * @param source glob over repository names
 * @param tags glob over tags ({@code *} for all)
 * @param destination the destination registry, {@code http[s]://host[:port]}
 * @param cron the schedule, present exactly when {@code trigger} is {@link Trigger#CRON}
 */
public record ReplicationRule(String name, Glob source, Glob tags, URI destination, String destinationPrefix,
    String stripPrefix, Trigger trigger, Optional<CronSchedule> cron, boolean enabled,
    Optional<DestinationCredential> credential) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

  public ReplicationRule {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(cron, "cron");
    Objects.requireNonNull(credential, "credential");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid rule name '" + name + "': use 1-64 of a-z, 0-9, '.', '_', '-'");
    }
    destination = checkDestination(destination);
    destinationPrefix = trimSlashes(destinationPrefix);
    if (!destinationPrefix.isEmpty()) {
      for (String c : destinationPrefix.split("/", -1)) {
        if (!COMPONENT.matcher(c).matches()) {
          throw new IllegalArgumentException("invalid destination prefix '" + destinationPrefix + "'");
        }
      }
    }
    stripPrefix = stripPrefix == null ? "" : stripPrefix;
    if ((trigger == Trigger.CRON) != cron.isPresent()) {
      throw new IllegalArgumentException(trigger == Trigger.CRON ? "a cron trigger needs a schedule"
          : "a schedule is only valid with the cron trigger");
    }
  }

  /** True when {@code repository} is selected by the source pattern. */
  public boolean appliesTo(String repository) {
    return source.matches(repository);
  }

  public boolean tagMatches(String tag) {
    return tags.matches(tag);
  }

  /** {@code host[:port]} of the destination, as registry clients name it. */
  public String destinationRegistry() {
    return destination.getRawAuthority().toLowerCase(Locale.ROOT);
  }

  public boolean plainHttp() {
    return "http".equals(destination.getScheme());
  }

  /** Where {@code repository} goes at the destination. */
  public String destinationRepository(String repository) {
    String rest = repository;
    if (!stripPrefix.isEmpty() && repository.startsWith(stripPrefix)) {
      rest = trimSlashes(repository.substring(stripPrefix.length()));
      if (rest.isEmpty()) {
        rest = repository.substring(repository.lastIndexOf('/') + 1);
      }
    }
    return destinationPrefix.isEmpty() ? rest : destinationPrefix + "/" + rest;
  }

  private static URI checkDestination(URI uri) {
    if (uri == null || uri.getScheme() == null || uri.getRawAuthority() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("the destination must be a URL such as https://registry.example.com");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("the destination must be an http or https URL, not " + scheme);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("put destination credentials in the credential, not in the URL");
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("the destination URL names a registry only (no path, query or fragment); "
          + "use the destination prefix for a repository path");
    }
    return URI.create(scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT));
  }

  private static String trimSlashes(String s) {
    String out = s == null ? "" : s;
    while (out.startsWith("/")) {
      out = out.substring(1);
    }
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
