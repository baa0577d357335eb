package dev.signet.registry.server.trust;

import dev.signet.registry.server.auth.Principal;

/**
 * Who may read manifests that do not satisfy their project's policy: the pusher's workflow (push, then
 * sign: cosign resolves the tag with GET and HEADs the digest before it can sign) needs it. An explicit
 * permission, never a User-Agent sniff. Access control provides the implementation, for example "the
 * request's token carries push on the repository"; the default exempts no one.
 */
@FunctionalInterface
public interface EnforcementExemption {

  /** Exempts no one. */
  EnforcementExemption NONE = (principal, project, repository) -> false;

  /**
   * @param principal the caller ({@link Principal#ANONYMOUS}, or null, when anonymous)
   * @param project the project whose policy applies
   * @param repository the repository read from (in {@code project})
   */
  boolean isExempt(Principal principal, String project, String repository);
}
