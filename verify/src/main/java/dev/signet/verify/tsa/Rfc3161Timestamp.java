package dev.signet.verify.tsa;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * A parsed RFC 3161 timestamp: a DER {@code TimeStampResp} (what a TSA returns and Sigstore bundles
 * carry as {@code signedTimestamp}) or a bare {@code TimeStampToken} (CMS ContentInfo). The
 * {@code genTime} is read from the GeneralizedTime text itself, accepting any number of fraction
 * digits ({@code 20261126135228.04Z}); RFC 3161 forbids trailing zeros but not short fractions.
 */
public final class Rfc3161Timestamp {

  private static final Pattern GENERALIZED_TIME =
      Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?:[.,](\\d{1,9}))?Z");

  private final TimeStampToken token;
  private final TSTInfo info;
  private final Instant genTime;

  private Rfc3161Timestamp(TimeStampToken token, TSTInfo info, Instant genTime) {
    this.token = token;
    this.info = info;
    this.genTime = genTime;
  }

  /**
   * @throws VerificationException ({@link Check#TIMESTAMP}) when the bytes are neither form, the response
   *     status is not "granted", or genTime is not a GeneralizedTime in UTC
   */
  public static Rfc3161Timestamp parse(byte[] der) throws VerificationException {
    Objects.requireNonNull(der, "der");
    TimeStampToken token;
    try {
      ASN1Sequence top = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
      ASN1Encodable first = top.size() > 0 ? top.getObjectAt(0) : null;
      if (first instanceof ASN1ObjectIdentifier) {
        token = new TimeStampToken(new CMSSignedData(der));
      } else {
        TimeStampResponse resp = new TimeStampResponse(der);
        int status = resp.getStatus();
        if (status != PKIStatus.GRANTED && status != PKIStatus.GRANTED_WITH_MODS) {
          throw fail("RFC 3161 response has status " + status
              + (resp.getStatusString() == null ? "" : " (" + resp.getStatusString() + ")") + ", not granted");
        }
        token = resp.getTimeStampToken();
        if (token == null) {
          throw fail("RFC 3161 response is granted but carries no timeStampToken");
        }
      }
    } catch (IOException | CMSException | TSPException | RuntimeException e) {
      throw fail("not a DER RFC 3161 TimeStampResp or TimeStampToken: " + e.getMessage());
    }
    TSTInfo info = token.getTimeStampInfo().toASN1Structure();
    return new Rfc3161Timestamp(token, info, genTime(info.getGenTime().getTimeString()));
  }

  static Instant genTime(String text) throws VerificationException {
    Matcher m = GENERALIZED_TIME.matcher(text);
    if (!m.matches()) {
      throw fail("genTime " + text + " is not a UTC GeneralizedTime (YYYYMMDDhhmmss[.f…]Z)");
    }
    try {
      String fraction = m.group(7) == null ? "" : m.group(7);
      int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
      return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      throw fail("genTime " + text + " is not a valid date: " + e.getMessage());
    }
  }

  /** The token's {@code genTime}. */
  public Instant genTime() {
    return genTime;
  }

  /** OID of the message imprint's hash algorithm. */
  public String imprintAlgorithmOid() {
    return info.getMessageImprint().getHashAlgorithm().getAlgorithm().getId();
  }

  public byte[] imprintDigest() {
    return info.getMessageImprint().getHashedMessage().clone();
  }

  public BigInteger serialNumber() {
    return info.getSerialNumber().getValue();
  }

  public String policyOid() {
    return info.getPolicy().getId();
  }

  public Optional<BigInteger> nonce() {
    return Optional.ofNullable(info.getNonce()).map(n -> n.getValue());
  }

  /** The BouncyCastle token, for signature checks. */
  TimeStampToken token() {
    return token;
  }

  private static VerificationException fail(String message) {
    return new VerificationException(Check.TIMESTAMP, message);
  }
}
