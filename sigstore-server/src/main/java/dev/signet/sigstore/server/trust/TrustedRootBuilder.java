package dev.signet.sigstore.server.trust;

import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.root.TrustedRootWriter;
import dev.signet.verify.root.ValidityWindow;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Builds a {@code trusted_root.json} from plain inputs: CA and TSA certificate chains (issuing or
 * signing certificate first, root last), log keys with their ids and base URLs. Each list is sorted by
 * {@code validFor.start}, as the proto asks; subjects come from the chain's first certificate;
 * {@code keyDetails} from the key. Written by the verify module's {@link TrustedRootWriter} (media type
 * v0.1, which every verifier accepts), so what it writes parses back with {@link TrustedRootParser}.
 * Not thread-safe; one builder per document.
 */
public final class TrustedRootBuilder {
  private final List<TransparencyLog> tlogs = new ArrayList<>();
  private final List<CertificateAuthority> cas = new ArrayList<>();
  private final List<TransparencyLog> ctlogs = new ArrayList<>();
  private final List<CertificateAuthority> tsas = new ArrayList<>();

  /** A certificate authority (Fulcio-compatible) at base URL {@code uri}. */
  public TrustedRootBuilder certificateAuthority(String uri, List<X509Certificate> chain, ValidityWindow validFor) {
    cas.add(new CertificateAuthority(uri, subject(chain), chain, validFor));
    return this;
  }

  /** A transparency log; {@code logId} per {@link LogIds} ({@code spki} for Rekor v1). */
  public TrustedRootBuilder transparencyLog(String baseUrl, PublicKey key, byte[] logId, ValidityWindow validFor) {
    tlogs.add(new TransparencyLog(baseUrl, logId, key, keyDetails(key), validFor));
    return this;
  }

  /** A certificate-transparency log; its id is SHA-256 of its SubjectPublicKeyInfo. */
  public TrustedRootBuilder ctLog(String baseUrl, PublicKey key, ValidityWindow validFor) {
    ctlogs.add(new TransparencyLog(baseUrl, LogIds.spki(key), key, keyDetails(key), validFor));
    return this;
  }

  /** A timestamp authority at its full URL ({@code …/api/v1/timestamp}). */
  public TrustedRootBuilder timestampAuthority(String uri, List<X509Certificate> chain, ValidityWindow validFor) {
    tsas.add(new CertificateAuthority(uri, subject(chain), chain, validFor));
    return this;
  }

  public TrustedRoot build() {
    Comparator<TransparencyLog> logs = Comparator.comparing(l -> l.validFor().start());
    Comparator<CertificateAuthority> authorities = Comparator.comparing(a -> a.validFor().start());
    return new TrustedRoot(TrustedRootParser.MEDIA_TYPE_V01, tlogs.stream().sorted(logs).toList(),
        cas.stream().sorted(authorities).toList(), ctlogs.stream().sorted(logs).toList(),
        tsas.stream().sorted(authorities).toList());
  }

  /** The {@code trusted_root.json} bytes. */
  public byte[] toJson() {
    return TrustedRootWriter.write(build());
  }

  /** The protobuf-specs {@code PublicKeyDetails} of a log key. */
  static String keyDetails(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      return switch (ec.getParams().getCurve().getField().getFieldSize()) {
        case 256 -> "PKIX_ECDSA_P256_SHA_256";
        case 384 -> "PKIX_ECDSA_P384_SHA_384";
        case 521 -> "PKIX_ECDSA_P521_SHA_512";
        default -> throw new IllegalArgumentException("unsupported EC curve for a log key");
      };
    }
    if (key instanceof RSAPublicKey rsa) {
      return switch (rsa.getModulus().bitLength()) {
        case 2048 -> "PKIX_RSA_PKCS1V15_2048_SHA256";
        case 3072 -> "PKIX_RSA_PKCS1V15_3072_SHA256";
        case 4096 -> "PKIX_RSA_PKCS1V15_4096_SHA256";
        default -> throw new IllegalArgumentException("unsupported RSA key size " + rsa.getModulus().bitLength());
      };
    }
    if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
      return "PKIX_ED25519";
    }
    throw new IllegalArgumentException("unsupported log key type " + key.getAlgorithm());
  }

  /** {@code O=…,CN=…} of the first certificate (either part may be missing), as {@link CertificateAuthority} keeps it. */
  static String subject(List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs at least one certificate");
    }
    X500Name name = X500Name.getInstance(chain.get(0).getSubjectX500Principal().getEncoded());
    Optional<String> o = first(name, BCStyle.O);
    Optional<String> cn = first(name, BCStyle.CN);
    if (o.isEmpty() && cn.isEmpty()) {
      return "";
    }
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
    o.ifPresent(v -> b.addRDN(BCStyle.O, v));
    cn.ifPresent(v -> b.addRDN(BCStyle.CN, v));
    return b.build().toString();
  }

  private static Optional<String> first(X500Name name, ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    if (rdns.length == 0) {
      return Optional.empty();
    }
    var v = rdns[0].getFirst().getValue();
    return Optional.of(v instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(v));
  }
}
