package dev.signet.sign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.signet.oci.internal.GoJson;
import dev.signet.oci.reference.ImageReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code cosign verify} prints, byte for byte: the check list on stderr
 * ({@code PrintVerificationHeader}) and the verified payloads on stdout ({@code PrintVerification}).
 */
public final class VerificationOutput {
  private static final String ANNOTATIONS = "  - The specified annotations were verified.\n";
  private static final String CLAIMS = "  - The cosign claims were validated\n";
  private static final String TLOG_OFFLINE = "  - Existence of the claims in the transparency log was verified offline\n";
  private static final String TLOG_ONLINE = "  - The claims were present in the transparency log\n"
      + "  - The signatures were integrated into the transparency log when the certificate was valid\n";
  private static final String KEY = "  - The signatures were verified against the specified public key\n";

  private VerificationOutput() {}

  /**
   * The stderr header for {@code ref} (printed as given, normalised). {@code bundlesVerified} is cosign's
   * flag of the same name: true on the bundle path (even with {@code --insecure-ignore-tlog}, as cosign
   * sets it unconditionally there), false on the legacy path unless a Rekor bundle was verified.
   */
  public static String header(ImageReference ref, VerificationPolicy policy, boolean bundlesVerified) {
    StringBuilder b = new StringBuilder()
        .append("\nVerification for ").append(ref.name()).append(" --\n")
        .append("The following checks were performed on each of these signatures:\n");
    if (policy.checkClaims()) {
      if (!policy.annotations().isEmpty()) {
        b.append(ANNOTATIONS);
      }
      b.append(CLAIMS);
    }
    if (bundlesVerified) {
      b.append(TLOG_OFFLINE);
    } else if (!policy.ignoreTlog()) {
      b.append(TLOG_ONLINE);
    }
    return b.append(KEY).toString();
  }

  /** The header for a report of {@link ImageVerifier#verify}. */
  public static String header(VerificationReport report, VerificationPolicy policy) {
    return header(report.reference(), policy, report.bundlesVerified());
  }

  /**
   * stdout for {@code -o json} (the default): a newline, the Go-compact JSON array of simple-signing
   * objects ({@code critical} then {@code optional}, unknown payload fields dropped, {@code optional}
   * keys sorted), and a newline.
   */
  public static String json(List<VerifiedSignature> signatures) {
    if (signatures.isEmpty()) {
      return "\nnull\n"; // Go marshals a nil slice as null
    }
    List<Entry> entries = new ArrayList<>();
    for (VerifiedSignature s : signatures) {
      entries.add(entry(s.dockerReference(), s.digest(), s.type(), s.optional()));
    }
    return "\n" + new String(GoJson.write(entries), StandardCharsets.UTF_8) + "\n";
  }

  /** stdout for {@code -o text}: each payload followed by a newline. */
  public static String text(List<VerifiedSignature> signatures) {
    StringBuilder b = new StringBuilder();
    for (VerifiedSignature s : signatures) {
      b.append(new String(s.payload(), StandardCharsets.UTF_8)).append('\n');
    }
    return b.toString();
  }

  static Entry entry(String reference, String digest, String type, Map<String, Object> optional) {
    return new Entry(new Critical(new Identity(reference), new Image(digest), type), optional);
  }

  /** sigstore's {@code payload.SimpleContainerImage}, in Go field order. */
  @JsonPropertyOrder({"critical", "optional"})
  record Entry(Critical critical, Map<String, Object> optional) {}

  @JsonPropertyOrder({"identity", "image", "type"})
  record Critical(Identity identity, Image image, String type) {}

  record Identity(@JsonProperty("docker-reference") String dockerReference) {}

  record Image(@JsonProperty("docker-manifest-digest") String dockerManifestDigest) {}
}
