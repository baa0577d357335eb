package dev.signet.verify.x509;

import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import java.security.GeneralSecurityException;
import dev.signet.crypto.VerifierCache;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Path validation of a leaf against the trusted root's certificate authorities at one point in time
 * (the "hybrid model": the log or TSA time, not now). A path runs from the leaf through the bundle's
 * intermediates and the authority's own chain to the authority's last certificate (its trust anchor).
 * Every certificate must be valid at that time; each issuer must be a CA (basicConstraints, path
 * length), may sign certificates (keyUsage keyCertSign when present) and, if it restricts extended key
 * usage, allow the leaf's purpose; the leaf must carry the purpose's EKU. The authority's
 * {@code validFor} must contain the time.
 */
public final class CertificateChainVerifier {

  private static final int MAX_DEPTH = 8;
  private static final int KEY_CERT_SIGN = 5;

  private CertificateChainVerifier() {}

  /**
   * Verifies a code-signing leaf ({@link CertificatePurpose#CODE_SIGNING}).
   *
   * @return the authority the leaf chains to
   * @throws VerificationException ({@code CERTIFICATE_CHAIN}) saying which certificate failed which check
   */
  public static CertificateAuthority verify(
      X509Certificate leaf, List<X509Certificate> bundleIntermediates, List<CertificateAuthority> cas, Instant at)
      throws VerificationException {
    return verify(leaf, bundleIntermediates, cas, at, CertificatePurpose.CODE_SIGNING);
  }

  /** As {@link #verify(X509Certificate, List, List, Instant)} for another purpose (failures under its check). */
  public static CertificateAuthority verify(X509Certificate leaf, List<X509Certificate> intermediates,
      List<CertificateAuthority> cas, Instant at, CertificatePurpose purpose) throws VerificationException {
    return verifyPath(leaf, intermediates, cas, at, purpose).authority();
  }

  /**
   * As {@link #verify(X509Certificate, List, List, Instant, CertificatePurpose)}, also returning the
   * path (the leaf's issuer is what {@link SctVerifier} needs).
   */
  public static VerifiedChain verifyPath(X509Certificate leaf, List<X509Certificate> intermediates,
      List<CertificateAuthority> cas, Instant at, CertificatePurpose purpose) throws VerificationException {
    return verifyPath(leaf, intermediates, cas, at, purpose, new VerifierCache(0));
  }

  /**
   * As {@link #verifyPath(X509Certificate, List, List, Instant, CertificatePurpose)}, checking signatures
   * with verifiers kept in {@code verifiers} (CA keys recur across signatures).
   */
  public static VerifiedChain verifyPath(X509Certificate leaf, List<X509Certificate> intermediates,
      List<CertificateAuthority> cas, Instant at, CertificatePurpose purpose, VerifierCache verifiers)
      throws VerificationException {
    return verifyPath(leaf, intermediates, cas, at, purpose, verifiers, new CaSignatureCache(0));
  }

  /**
   * As {@link #verifyPath(X509Certificate, List, List, Instant, CertificatePurpose, VerifierCache)},
   * remembering CA-to-CA signatures in {@code caSignatures} (the leaf's own signature is always checked).
   */
  public static VerifiedChain verifyPath(X509Certificate leaf, List<X509Certificate> intermediates,
      List<CertificateAuthority> cas, Instant at, CertificatePurpose purpose, VerifierCache verifiers,
      CaSignatureCache caSignatures) throws VerificationException {
    Objects.requireNonNull(leaf, "leaf");
    Objects.requireNonNull(at, "at");
    Supplier<String> leafName = () -> purpose.role() + " " + Certificates.describe(leaf); // only on failure
    String problem = Certificates.validityProblem(leaf, at);
    if (problem != null) {
      throw fail(purpose, leafName.get() + " " + problem);
    }
    List<String> eku = Certificates.extendedKeyUsage(leaf);
    if (!eku.contains(purpose.ekuOid())) {
      throw fail(purpose, leafName.get() + " lacks the " + purpose.ekuName() + " extended key usage (" + purpose.ekuOid()
          + ")" + (eku.isEmpty() ? "" : ", has " + eku));
    }
    List<CertificateAuthority> current = cas.stream().filter(ca -> ca.validFor().contains(at)).toList();
    if (current.isEmpty()) {
      throw fail(purpose, leafName.get() + ": no certificate authority in the trusted root is valid at " + at
          + " (" + cas.size() + " authorities" + (cas.isEmpty() ? "" : ", validFor " + cas.stream()
              .map(ca -> ca.validFor().toString()).distinct().toList()) + ")");
    }
    Set<String> problems = new LinkedHashSet<>();
    for (CertificateAuthority ca : current) {
      Search s = new Search(ca, intermediates, at, purpose, verifiers, caSignatures);
      List<X509Certificate> path = new ArrayList<>(List.of(leaf));
      if (s.extend(path)) {
        return new VerifiedChain(ca, path);
      }
      problems.addAll(s.problems);
    }
    String detail = problems.isEmpty() ? "issuer " + leaf.getIssuerX500Principal().getName() + " not found" : String.join("; ", problems);
    throw fail(purpose, leafName.get() + " not signed by any CA in the trusted root valid at " + at + ": " + detail);
  }

  private static VerificationException fail(CertificatePurpose purpose, String message) {
    return new VerificationException(purpose.check(), message);
  }

  /** Depth-first path search towards one authority's anchor, collecting why candidates were rejected. */
  private static final class Search {
    private final X509Certificate anchor;
    private final List<X509Certificate> pool = new ArrayList<>();
    private final Instant at;
    private final CertificatePurpose purpose;
    private final VerifierCache verifiers;
    private final CaSignatureCache caSignatures;
    final Set<String> problems = new LinkedHashSet<>();

    Search(CertificateAuthority ca, List<X509Certificate> intermediates, Instant at, CertificatePurpose purpose,
        VerifierCache verifiers, CaSignatureCache caSignatures) {
      this.verifiers = verifiers;
      this.caSignatures = caSignatures;
      this.anchor = ca.root();
      this.at = at;
      this.purpose = purpose;
      for (X509Certificate c : ca.chain()) {
        addToPool(c);
      }
      for (X509Certificate c : intermediates) {
        addToPool(c);
      }
    }

    private void addToPool(X509Certificate c) {
      if (!pool.contains(c)) {
        pool.add(c);
      }
    }

    /** True when {@code path} (leaf first) can be completed to the anchor. */
    boolean extend(List<X509Certificate> path) {
      X509Certificate child = path.get(path.size() - 1);
      for (X509Certificate issuer : pool) {
        if (path.contains(issuer) || !issuer.getSubjectX500Principal().equals(child.getIssuerX500Principal())) {
          continue;
        }
        boolean signed = path.size() == 1 && purpose == CertificatePurpose.CODE_SIGNING // a new key every time
            ? FastSignatures.certificateSignedBy(child, issuer, verifiers)
            : caSignatures.signedBy(child, issuer, verifiers);
        if (!signed) {
          problems.add(name(child, path) + " signature does not verify with the key of " + Certificates.describe(issuer));
          continue;
        }
        String problem = issuerProblem(issuer, path.size() - 1);
        if (problem != null) {
          problems.add("CA " + Certificates.describe(issuer) + " " + problem);
          continue;
        }
        path.add(issuer);
        if (issuer.equals(anchor) || (path.size() < MAX_DEPTH && extend(path))) {
          return true;
        }
        path.remove(path.size() - 1);
      }
      if (problems.isEmpty()) {
        problems.add(name(child, path) + ": issuer " + child.getIssuerX500Principal().getName()
            + " is not in the chain of the authority with anchor " + Certificates.describe(anchor));
      }
      return false;
    }

    private String name(X509Certificate c, List<X509Certificate> path) {
      return (path.get(0) == c ? purpose.role() : "CA") + " " + Certificates.describe(c);
    }

    /** Null when {@code ca} may issue the certificate below it; {@code casBelow} CA certificates lie between. */
    private String issuerProblem(X509Certificate ca, int casBelow) {
      String validity = Certificates.validityProblem(ca, at);
      if (validity != null) {
        return validity;
      }
      int pathLen = ca.getBasicConstraints();
      if (pathLen < 0) {
        return "is not a CA (basicConstraints CA:TRUE missing)";
      }
      if (casBelow > pathLen) {
        return "has path length constraint " + pathLen + " but " + casBelow + " CA certificates below it";
      }
      boolean[] ku = ca.getKeyUsage();
      if (ku != null && (ku.length <= KEY_CERT_SIGN || !ku[KEY_CERT_SIGN])) {
        return "key usage lacks keyCertSign";
      }
      try {
        List<String> eku = Certificates.extendedKeyUsage(ca);
        if (!eku.isEmpty() && !eku.contains(purpose.ekuOid()) && !eku.contains(CertificatePurpose.ANY_EKU)) {
          return "restricts extended key usage to " + eku + " which excludes " + purpose.ekuName();
        }
      } catch (VerificationException e) {
        return "has a malformed extended key usage";
      }
      return null;
    }
  }
}
