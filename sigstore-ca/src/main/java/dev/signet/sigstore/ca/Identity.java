package dev.signet.sigstore.ca;

import java.util.List;
import java.util.Objects;

/**
 * Who a certificate is issued to, as derived from a verified ID token (Fulcio's "principal").
 *
 * @param issuer the token's {@code iss}, written to extensions .1.1 and .1.8
 * @param sanType the kind of the single subject alternative name
 * @param san its value (an email address, a URI, or {@code user@domain} for {@link SanType#OTHER_NAME})
 * @param challenge what the proof of possession must be a signature over (UTF-8): the email for email
 *     issuers, otherwise the token subject
 * @param extensions Fulcio extensions in the order they are written (ascending arc, as Fulcio renders them)
 */
public record Identity(String issuer, SanType sanType, String san, String challenge, List<FulcioExtension> extensions) {

  /** The subject alternative name's type. */
  public enum SanType {
    EMAIL,
    URI,
    /** OtherName {@code 1.3.6.1.4.1.57264.1.7} holding a UTF8String (Fulcio's username principals). */
    OTHER_NAME
  }

  public Identity {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(sanType, "sanType");
    Objects.requireNonNull(san, "san");
    Objects.requireNonNull(challenge, "challenge");
    extensions = List.copyOf(extensions);
  }
}
