/**
 * Tag immutability and retention per project ({@link dev.signet.registry.server.lifecycle.LifecycleService}):
 * immutable tag patterns guard tag moves and deletes through
 * {@link dev.signet.registry.server.service.ManifestService.TagGuard}, while cosign accessory tags and
 * referrers stay writable; retention runs delete the tags that fall out of the rules and then the manifests
 * no tag references any more, with their accessories. Policies live in {@code lifecycle_policies} (V5).
 */
package dev.signet.registry.server.lifecycle;
