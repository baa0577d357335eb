package dev.signet.sigstore.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes for Fulcio's OID extensions (reference sigstore-bundle-and-tlog.md §4.2: .1.1–.1.6 raw
 * bytes, .1.8–.1.24 DER UTF8String), written out by hand.
 */
class FulcioExtensionTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void issuerV1IsRawUtf8() {
    FulcioExtension e = new FulcioExtension(FulcioExtension.ISSUER_V1, "https://a");
    assertEquals("1.3.6.1.4.1.57264.1.1", e.oid());
    assertTrue(e.raw());
    assertEquals("68747470733a2f2f61", HEX.formatHex(e.encodedValue()));
  }

  @Test
  void issuerV2IsDerUtf8String() {
    FulcioExtension e = new FulcioExtension(FulcioExtension.ISSUER_V2, "https://a");
    assertFalse(e.raw());
    // UTF8String tag 0x0c, length 9, then the bytes
    assertEquals("0c0968747470733a2f2f61", HEX.formatHex(e.encodedValue()));
  }

  @Test
  void longValuesUseDerLongFormLength() {
    String v = "x".repeat(200);
    byte[] enc = new FulcioExtension(FulcioExtension.TOKEN_SUBJECT, v).encodedValue();
    assertEquals("0c81c8", HEX.formatHex(enc, 0, 3));
    assertEquals(203, enc.length);
  }

  @Test
  void workflowV1ArcsAreRawAndV2ArcsDer() {
    for (int arc = 2; arc <= 6; arc++) {
      assertArrayEquals("push".getBytes(), new FulcioExtension(arc, "push").encodedValue(), "arc " + arc);
    }
    for (int arc = 9; arc <= 24; arc++) {
      assertEquals("0c0470757368", HEX.formatHex(new FulcioExtension(arc, "push").encodedValue()), "arc " + arc);
    }
  }

  @Test
  void wholeExtensionDerMatchesHandEncoding() throws Exception {
    FulcioExtension e = new FulcioExtension(FulcioExtension.ISSUER_V2, "https://a");
    byte[] der = new Extension(new ASN1ObjectIdentifier(e.oid()), false, e.encodedValue()).getEncoded(ASN1Encoding.DER);
    // SEQUENCE { OID 1.3.6.1.4.1.57264.1.8 (2b 06 01 04 01 83 bf 30 01 08), OCTET STRING { 0c 09 ... } }
    assertEquals("3019" + "060a2b0601040183bf300108" + "040b" + "0c0968747470733a2f2f61", HEX.formatHex(der));
  }

  @Test
  void otherNameArcAndUnknownArcsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new FulcioExtension(FulcioExtension.OTHER_NAME_SAN, "x"));
    assertThrows(IllegalArgumentException.class, () -> new FulcioExtension(25, "x"));
    assertThrows(IllegalArgumentException.class, () -> new FulcioExtension(0, "x"));
  }
}
