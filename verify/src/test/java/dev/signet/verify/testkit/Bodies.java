package dev.signet.verify.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** Canonical Rekor entry bodies built from the byte-exact recipes in the reference (keys sorted, no spaces). */
public final class Bodies {
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private Bodies() {}

  /** Go-style PEM: 64-column lines, final newline. */
  public static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  public static byte[] hashedRekordV001(byte[] sha256, byte[] signature, String verifierPem) {
    return ("{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"sha256\","
        + "\"value\":\"" + HexFormat.of().formatHex(sha256) + "\"}},\"signature\":{\"content\":\""
        + B64.encodeToString(signature) + "\",\"publicKey\":{\"content\":\""
        + B64.encodeToString(verifierPem.getBytes(StandardCharsets.US_ASCII)) + "\"}}}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Rekor v1 dsse 0.0.1 as stored (envelopeHash, payloadHash, one signature with its PEM verifier). */
  public static byte[] dsseV001(byte[] envelopeSha256, byte[] payloadSha256, byte[] signature, String verifierPem) {
    return ("{\"apiVersion\":\"0.0.1\",\"kind\":\"dsse\",\"spec\":{\"envelopeHash\":{\"algorithm\":\"sha256\","
        + "\"value\":\"" + HexFormat.of().formatHex(envelopeSha256) + "\"},\"payloadHash\":{\"algorithm\":\"sha256\","
        + "\"value\":\"" + HexFormat.of().formatHex(payloadSha256) + "\"},\"signatures\":[{\"signature\":\""
        + B64.encodeToString(signature) + "\",\"verifier\":\""
        + B64.encodeToString(verifierPem.getBytes(StandardCharsets.US_ASCII)) + "\"}]}}").getBytes(StandardCharsets.UTF_8);
  }

  /** @param verifier {@code "publicKey"} or {@code "x509Certificate"} */
  public static byte[] hashedRekordV002(byte[] sha256, byte[] signature, String verifier, byte[] der) {
    return ("{\"apiVersion\":\"0.0.2\",\"kind\":\"hashedrekord\",\"spec\":{\"hashedRekordV002\":{\"data\":{"
        + "\"algorithm\":\"SHA2_256\",\"digest\":\"" + B64.encodeToString(sha256) + "\"},\"signature\":{\"content\":\""
        + B64.encodeToString(signature) + "\",\"verifier\":{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"" + verifier
        + "\":{\"rawBytes\":\"" + B64.encodeToString(der) + "\"}}}}}}").getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] dsseV002(byte[] payloadSha256, byte[] signature, String verifier, byte[] der) {
    return ("{\"apiVersion\":\"0.0.2\",\"kind\":\"dsse\",\"spec\":{\"dsseV002\":{\"payloadHash\":{\"algorithm\":"
        + "\"SHA2_256\",\"digest\":\"" + B64.encodeToString(payloadSha256) + "\"},\"signatures\":[{\"content\":\""
        + B64.encodeToString(signature) + "\",\"verifier\":{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"" + verifier
        + "\":{\"rawBytes\":\"" + B64.encodeToString(der) + "\"}}}]}}}").getBytes(StandardCharsets.UTF_8);
  }
}
