package dev.signet.sigstore.ca.ct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;

/**
 * The embedded SCT list (RFC 6962 §3.3): extension {@code 1.3.6.1.4.1.11129.2.4.2} whose
 * {@code extnValue} holds a DER OCTET STRING of the TLS {@code SignedCertificateTimestampList}
 * ({@code u16 total ‖ (u16-vector serialized SCT)*}).
 */
public final class SctList {
  public static final String EXTENSION_OID = "1.3.6.1.4.1.11129.2.4.2";
  /** The precertificate poison extension (critical, value DER NULL). */
  public static final String POISON_OID = "1.3.6.1.4.1.11129.2.4.3";

  private SctList() {}

  /** The TLS {@code SignedCertificateTimestampList}. */
  public static byte[] encode(List<Sct> scts) {
    Tls list = new Tls();
    for (Sct s : scts) {
      list.vector16(s.serialize());
    }
    return new Tls().vector16(list.toByteArray()).toByteArray();
  }

  /** The extension's {@code extnValue} contents: DER OCTET STRING around {@link #encode}. */
  public static byte[] extensionValue(List<Sct> scts) {
    try {
      return new DEROctetString(encode(scts)).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
