package dev.signet.registry.server.auth;

/**
 * What a registry request does, as the role it needs and its audit name: decided from the method and the
 * path below {@code /v2/<name>/} (or {@code /api/v1/repositories/<name>/}). Reads need {@link Role#PULL},
 * uploads and manifest puts {@link Role#PUSH}, deletes {@link Role#DELETE}; anything unrecognised on a
 * repository needs {@link Role#PUSH} unless it is a read.
 *
 * @param role null for {@code /v2/} itself and other routes without a repository (authentication only)
 * @param audited true for the operations recorded even when they succeed (manifest push, deletes)
 */
public record Operation(String name, Role role, boolean audited) {

  public static Operation of(String method, String path, String repository) {
    if (repository == null) {
      return new Operation("registry.ping", null, false);
    }
    boolean read = method.equals("GET") || method.equals("HEAD");
    String prefix = path.startsWith("/v2/") ? "/v2/" + repository + "/" : "/api/v1/repositories/" + repository + "/";
    String rest = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
    if (rest.startsWith("blobs/uploads")) {
      return new Operation("blob.upload", Role.PUSH, false);
    }
    if (rest.startsWith("manifests/")) {
      return switch (method) {
        case "GET", "HEAD" -> new Operation("manifest.pull", Role.PULL, false);
        case "DELETE" -> new Operation("manifest.delete", Role.DELETE, true);
        default -> new Operation("manifest.push", Role.PUSH, true);
      };
    }
    if (rest.startsWith("blobs/")) {
      return method.equals("DELETE") ? new Operation("blob.delete", Role.DELETE, true)
          : read ? new Operation("blob.pull", Role.PULL, false) : new Operation("blob.write", Role.PUSH, false);
    }
    if (rest.equals("_signet/signatures") && method.equals("POST")) {
      return new Operation("signatures.batch", Role.PULL, false); // a read, answered as manifest GETs are
    }
    if (read) {
      return new Operation(rest.startsWith("tags/") ? "tags.list" : rest.startsWith("referrers/") ? "referrers.list"
          : "repository.read", Role.PULL, false);
    }
    return method.equals("DELETE") ? new Operation("repository.delete", Role.DELETE, true)
        : new Operation("repository.write", Role.PUSH, false);
  }

  /** The actions a token for this operation should ask for, as in the challenge's scope. */
  public String challengeActions() {
    return switch (role) {
      case PULL -> "pull";
      case PUSH -> "pull,push";
      case DELETE -> "delete";
      case ADMIN -> "*";
    };
  }
}
