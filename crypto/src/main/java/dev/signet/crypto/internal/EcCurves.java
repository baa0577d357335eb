package dev.signet.crypto.internal;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.Enumeration;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;

/**
 * Names and sizes of elliptic curves: the three curves cosign accepts (P-256, P-384, P-521) and
 * readable names for any other curve, for error messages.
 */
public final class EcCurves {

  /** The curves cosign allows for ECDSA keys. */
  public enum Allowed {
    P256("P-256", "secp256r1"),
    P384("P-384", "secp384r1"),
    P521("P-521", "secp521r1");

    private final String nistName;
    private final String jcaName;
    private final X9ECParameters params;

    Allowed(String nistName, String jcaName) {
      this.nistName = nistName;
      this.jcaName = jcaName;
      this.params = ECNamedCurveTable.getByName(nistName);
    }

    /** NIST name, e.g. {@code "P-256"}. */
    public String nistName() {
      return nistName;
    }

    /** JCA / SEC name, e.g. {@code "secp256r1"}. */
    public String jcaName() {
      return jcaName;
    }

    /** Object identifier of the named curve. */
    public ASN1ObjectIdentifier oid() {
      return ECNamedCurveTable.getOID(nistName);
    }

    /** BouncyCastle domain parameters. */
    public X9ECParameters params() {
      return params;
    }

    /** JDK domain parameters for this curve. */
    public ECParameterSpec jdkSpec() {
      try {
        AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec(jcaName));
        return ap.getParameterSpec(ECParameterSpec.class);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("JDK lacks curve " + jcaName, e);
      }
    }

    /** Length in bytes of one field element / scalar (32, 48, 66). */
    public int fieldBytes() {
      return (params.getCurve().getFieldSize() + 7) / 8;
    }
  }

  private EcCurves() {}

  /** The allowed curve these JCA parameters describe, if any. */
  public static Optional<Allowed> allowed(ECParameterSpec spec) {
    for (Allowed a : Allowed.values()) {
      if (matches(spec, a.params())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The allowed curve with this object identifier, if any. */
  public static Optional<Allowed> allowed(ASN1ObjectIdentifier oid) {
    for (Allowed a : Allowed.values()) {
      if (a.oid().equals(oid)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** A readable name for a curve OID: the NIST name when there is one ("P-224"), else the SEC name. */
  public static String describe(ASN1ObjectIdentifier oid) {
    String nist = NISTNamedCurves.getName(oid);
    if (nist != null) {
      return nist;
    }
    String name = ECNamedCurveTable.getName(oid);
    return name != null ? name : "unknown curve " + oid.getId();
  }

  /** A readable name for JCA curve parameters (searches BouncyCastle's table of named curves). */
  public static String describe(ECParameterSpec spec) {
    Enumeration<?> names = ECNamedCurveTable.getNames();
    while (names.hasMoreElements()) {
      String name = (String) names.nextElement();
      X9ECParameters p = ECNamedCurveTable.getByName(name);
      if (p != null && matches(spec, p)) {
        return describe(ECNamedCurveTable.getOID(name));
      }
    }
    return "unknown curve (" + spec.getCurve().getField().getFieldSize() + "-bit field)";
  }

  private static boolean matches(ECParameterSpec spec, X9ECParameters p) {
    if (!(spec.getCurve().getField() instanceof ECFieldFp)) {
      return false;
    }
    BigInteger prime = ((ECFieldFp) spec.getCurve().getField()).getP();
    return spec.getOrder().equals(p.getN())
        && prime.equals(p.getCurve().getField().getCharacteristic())
        && spec.getCurve().getA().equals(p.getCurve().getA().toBigInteger())
        && spec.getCurve().getB().equals(p.getCurve().getB().toBigInteger());
  }
}
