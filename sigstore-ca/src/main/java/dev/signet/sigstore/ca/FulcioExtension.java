package dev.signet.sigstore.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERUTF8String;

/**
 * One Fulcio certificate extension {@code 1.3.6.1.4.1.57264.1.N} with its value. Pure value, no I/O.
 *
 * <p>Encoding (Fulcio {@code docs/oid-info.md}): .1.1–.1.6 (deprecated) hold the raw UTF-8 bytes of the
 * value as the extension's {@code extnValue}; .1.8 and later hold a DER {@code UTF8String}. So issuer
 * {@code https://a} is {@code 68 74 74 70 73 3a 2f 2f 61} under .1.1 and {@code 0c 09 68 74 …} under .1.8.
 *
 * @param arc the last arc {@code N}
 * @param value the decoded value
 */
public record FulcioExtension(int arc, String value) {
  public static final String PREFIX = "1.3.6.1.4.1.57264.1.";

  public static final int ISSUER_V1 = 1;
  public static final int GITHUB_WORKFLOW_TRIGGER = 2;
  public static final int GITHUB_WORKFLOW_SHA = 3;
  public static final int GITHUB_WORKFLOW_NAME = 4;
  public static final int GITHUB_WORKFLOW_REPOSITORY = 5;
  public static final int GITHUB_WORKFLOW_REF = 6;
  public static final int OTHER_NAME_SAN = 7;
  public static final int ISSUER_V2 = 8;
  public static final int BUILD_SIGNER_URI = 9;
  public static final int BUILD_SIGNER_DIGEST = 10;
  public static final int RUNNER_ENVIRONMENT = 11;
  public static final int SOURCE_REPOSITORY_URI = 12;
  public static final int SOURCE_REPOSITORY_DIGEST = 13;
  public static final int SOURCE_REPOSITORY_REF = 14;
  public static final int SOURCE_REPOSITORY_IDENTIFIER = 15;
  public static final int SOURCE_REPOSITORY_OWNER_URI = 16;
  public static final int SOURCE_REPOSITORY_OWNER_IDENTIFIER = 17;
  public static final int BUILD_CONFIG_URI = 18;
  public static final int BUILD_CONFIG_DIGEST = 19;
  public static final int BUILD_TRIGGER = 20;
  public static final int RUN_INVOCATION_URI = 21;
  public static final int SOURCE_REPOSITORY_VISIBILITY = 22;
  public static final int DEPLOYMENT_ENVIRONMENT = 23;
  public static final int TOKEN_SUBJECT = 24;

  public FulcioExtension {
    if (arc < 1 || arc > 24 || arc == OTHER_NAME_SAN) {
      throw new IllegalArgumentException("no Fulcio extension 1.3.6.1.4.1.57264.1." + arc);
    }
    Objects.requireNonNull(value, "value");
  }

  /** The extension OID in dotted form. */
  public String oid() {
    return PREFIX + arc;
  }

  /** True for the deprecated .1.1–.1.6, whose value is raw bytes rather than DER. */
  public boolean raw() {
    return arc <= GITHUB_WORKFLOW_REF;
  }

  /** The {@code extnValue} contents: raw UTF-8 for .1.1–.1.6, else DER UTF8String. */
  public byte[] encodedValue() {
    if (raw()) {
      return value.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return new DERUTF8String(value).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
