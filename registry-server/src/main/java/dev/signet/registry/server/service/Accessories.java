package dev.signet.registry.server.service;

import dev.signet.cosign.AccessoryType;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.Link;
import dev.signet.registry.server.storage.LinkKind;
import dev.signet.registry.server.storage.ManifestWrite;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a pushed manifest attaches to a subject: through its {@code subject} field, through a legacy
 * cosign tag {@code sha256-<hex>.sig|.att|.sbom}, or as (an entry of) a referrers fallback index under
 * the tag {@code sha256-<hex>}; and what kind of accessory it is.
 */
public final class Accessories {
  /** The accessory type reported for a referrers fallback index itself. */
  public static final String REFERRERS_INDEX = "REFERRERS_INDEX";

  private Accessories() {}

  /** The links a PUT of {@code m} (digest {@code digest}) under {@code tags} creates. */
  public static List<Link> links(Digest digest, ParsedManifest m, List<String> tags) {
    List<Link> out = new ArrayList<>();
    if (m.subject() != null) {
      out.add(new Link(m.subject(), digest, LinkKind.SUBJECT));
    }
    for (String tag : tags) {
      Optional<SignatureTags.ParsedTag> parsed = legacyTag(tag);
      if (parsed.isEmpty()) {
        continue;
      }
      Digest subject = parsed.get().digest();
      if (parsed.get().kind() != SignatureTags.Kind.REFERRERS_FALLBACK) {
        out.add(new Link(subject, digest, LinkKind.forTag(parsed.get().kind())));
      } else if (m.index()) {
        out.add(new Link(subject, digest, LinkKind.FALLBACK_INDEX));
        m.children().forEach(child -> out.add(new Link(subject, child, LinkKind.FALLBACK_ENTRY)));
      }
    }
    return out;
  }

  /**
   * The links a PUT replaces: an index pushed to a fallback tag {@code sha256-<hex>} states the
   * subject's complete fallback list, so it replaces what the previous index attached (entries a client
   * removed get detached). Legacy signature tags accumulate instead: every earlier signature stays.
   */
  public static List<ManifestWrite.LinkScope> replaced(ParsedManifest m, List<String> tags) {
    if (!m.index()) {
      return List.of();
    }
    List<ManifestWrite.LinkScope> out = new ArrayList<>();
    for (String tag : tags) {
      legacyTag(tag).filter(p -> p.kind() == SignatureTags.Kind.REFERRERS_FALLBACK).ifPresent(p ->
          out.add(new ManifestWrite.LinkScope(p.digest(), EnumSet.of(LinkKind.FALLBACK_INDEX, LinkKind.FALLBACK_ENTRY))));
    }
    return out;
  }

  /** The accessory type of {@code m}, taking the tag it is pushed under into account. */
  public static String type(ParsedManifest m, List<String> tags) {
    Optional<SignatureTags.Kind> kind = tags.stream().map(Accessories::legacyTag).flatMap(Optional::stream)
        .map(SignatureTags.ParsedTag::kind).findFirst();
    if (m.index()) {
      return kind.filter(k -> k == SignatureTags.Kind.REFERRERS_FALLBACK).isPresent()
          ? REFERRERS_INDEX : AccessoryType.classify(MediaType.essenceOf(m.artifactType()), null, List.of()).name();
    }
    AccessoryType t = AccessoryType.classify(MediaType.essenceOf(m.artifactType()),
        m.config() == null ? null : m.config().essence(), m.layerEssences());
    if (t == AccessoryType.OTHER && kind.isPresent()) {
      t = switch (kind.get()) {
        case SIGNATURE -> AccessoryType.COSIGN_SIGNATURE;
        case ATTESTATION -> AccessoryType.IN_TOTO_ATTESTATION;
        default -> AccessoryType.OTHER;
      };
    }
    return t.name();
  }

  /**
   * The links deleting {@code tag} detaches: a legacy tag's links of its kind, a fallback tag's index and
   * entry links; empty for ordinary tags.
   */
  public static Set<LinkKind> detachedByDeleting(String tag) {
    Optional<SignatureTags.ParsedTag> parsed = legacyTag(tag);
    if (parsed.isEmpty()) {
      return Set.of();
    }
    SignatureTags.Kind kind = parsed.get().kind();
    return kind == SignatureTags.Kind.REFERRERS_FALLBACK
        ? EnumSet.of(LinkKind.FALLBACK_INDEX, LinkKind.FALLBACK_ENTRY)
        : EnumSet.of(LinkKind.forTag(kind));
  }

  /** The subject named by a legacy or fallback tag (no prefix), if it is one. */
  public static Optional<SignatureTags.ParsedTag> legacyTag(String tag) {
    return SignatureTags.parse("", tag);
  }
}
