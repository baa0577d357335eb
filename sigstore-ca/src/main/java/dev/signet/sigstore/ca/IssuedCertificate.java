package dev.signet.sigstore.ca;

import dev.signet.sigstore.ca.ct.Sct;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A certificate the CA issued.
 *
 * @param leaf the code-signing certificate with the embedded SCT
 * @param chain the CA certificates above it, issuing certificate first, root last
 * @param sct the SCT embedded in {@code leaf}
 */
public record IssuedCertificate(X509Certificate leaf, List<X509Certificate> chain, Sct sct) {
  public IssuedCertificate {
    Objects.requireNonNull(leaf, "leaf");
    chain = List.copyOf(chain);
    Objects.requireNonNull(sct, "sct");
  }

  /** Leaf, intermediates, root as PEM strings: Fulcio's {@code chain.certificates}. */
  public List<String> pemChain() {
    List<String> out = new ArrayList<>();
    out.add(Pems.certificate(leaf));
    chain.forEach(c -> out.add(Pems.certificate(c)));
    return out;
  }
}
