package dev.signet.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PrivateKeyImport;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.crypto.testutil.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Signature vectors S1, S3, S4 and S5 of cosign-formats.md §3.6 (keys in
 * {@code src/test/resources/sigstore-signature}, see the README there).
 */
class SigstoreSignatureVectorsTest {

  private static final byte[] SIGN_ME = "sign me".getBytes(StandardCharsets.UTF_8);

  private static final String S1_KEY =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAENptdY/l3nB0yqkXLBWkZWQwo6+cuOSWS1X9vPavpiQOoTTGC0xX57O"
          + "ojUadxF1cdQmrsiReWg2Wn4FneJfa8xw==";
  private static final String S1_PAYLOAD =
      "{\"critical\":{\"identity\":{\"docker-reference\":\"registry-testing.svc.lan/busybox\"},"
          + "\"image\":{\"docker-manifest-digest\":\"sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a5782"
          + "19da4aae65427886e649b06b\"},\"type\":\"cosign container image signature\"},"
          + "\"optional\":null}";
  private static final String S1_SIG =
      "MEUCIQD6q/COgzOyW0YH1Dk+CCYSt4uAhm3FDHUwvPI55zwnlwIgE0ZK58ZOWpZw8YVmBapJhBqCfdPekIknimuO0xH8"
          + "Jh8=";
  private static final String S3_DER =
      "MEQCIGvnAsUT6P4PoJoKxP331ZFU2LfzxnuvulK14Rl3zNKIAiBJCSA7NdmAZkLNqxmWnbBp8ntJYVZmUR0Tbmv6ftS8"
          + "ww==";
  private static final String S3_P1363 =
      "bmvQGbNZEJyS3HAVPiuXY0/BGFcUq5cl22v3+sttMxBls5LO0W52qR2yk6q0E59wDNs15gvaODeTZ2d6MwH9OQ==";
  private static final String S4_SIG =
      "cnafwd8DKq2nQ564eN66ckYV8anVFGFi5vaYiQg2aal7ej/J0/OE0PPdKHLHe9wdzWRMFy5MpurRD/2cGXGLBQ==";
  private static final String S5_SIG =
      "AMpSInspjqXdigO0vACd7KMilwLMnrHqnSitnyY0dNiIQ912I2wEme3sMqAMeWnsJ26BxObqV2iMZiggnmeMwd92+6dW"
          + "pfc2is7m3IbdrUmwKG8y4WDegXEq+EWOy6qsPoqXFPgn1500MFkwrMASP035Gu6wTPmc92zimKozT91j2MNBSONWl"
          + "crP89DYBpSVnX+AUs4CKJUppRH/AeyKtftm8GC2TOGrG83U5JqDNegbp5Sji3ViAbUtbiHfob4o1VDGqlyCLgaB0s"
          + "thekI0XFucWHJj9xRBFazcSBA7Bw1I+T08SqsjfP9Gz43VkItnZbwXMWdSRV81vEK0UuX/rA==";

  @Test
  void s1_simpleSigningPayloadVerifies() throws Exception {
    PublicKey key = PublicKeys.parse(b64(S1_KEY), "S1 key");
    byte[] payload = S1_PAYLOAD.getBytes(StandardCharsets.UTF_8);
    assertThat(payload).hasSize(248);

    assertThatCode(() -> Verifiers.from(key).verify(payload, b64(S1_SIG)))
        .doesNotThrowAnyException();
    payload[payload.length - 2] = 'x';
    assertThatThrownBy(() -> Verifiers.from(key).verify(payload, b64(S1_SIG)))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void s3_ecdsaDerAndP1363BothVerify() throws Exception {
    Verifier v = Verifiers.from(publicKey("ecdsa-p256.pub"));
    assertThatCode(() -> v.verify(SIGN_ME, b64(S3_DER))).doesNotThrowAnyException();
    assertThatCode(() -> v.verify(SIGN_ME, b64(S3_P1363))).doesNotThrowAnyException();
    assertThatThrownBy(() -> v.verify("sign me!".getBytes(StandardCharsets.UTF_8), b64(S3_P1363)))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void s3_privateKeySignsForThePublicKey() throws Exception {
    PrivateKeyHandle key = privateKey("ecdsa-p256.key");
    assertThat(key.publicKey()).isEqualTo(publicKey("ecdsa-p256.pub"));
    byte[] sig = Signers.from(key).sign(SIGN_ME);
    assertThatCode(() -> Verifiers.from(publicKey("ecdsa-p256.pub")).verify(SIGN_ME, sig))
        .doesNotThrowAnyException();
  }

  @Test
  void s4_pureEd25519IsDeterministic() throws Exception {
    PrivateKeyHandle key = privateKey("ed25519.key");
    assertThat(key.publicKey()).isEqualTo(publicKey("ed25519.pub"));
    assertThat(Signers.from(key).sign(SIGN_ME)).isEqualTo(b64(S4_SIG));
    assertThatCode(() -> Verifiers.from(publicKey("ed25519.pub")).verify(SIGN_ME, b64(S4_SIG)))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> Verifiers.from(publicKey("ed25519.pub"), SignatureAlgorithm.ED25519PH)
                .verify(SIGN_ME, b64(S4_SIG)))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void s5_rsaPkcs1v15IsDeterministic() throws Exception {
    PrivateKeyHandle key = privateKey("rsa-2048.key");
    assertThat(key.publicKey()).isEqualTo(publicKey("rsa-2048.pub"));
    assertThat(Signers.from(key).sign(SIGN_ME)).isEqualTo(b64(S5_SIG));
    assertThatCode(() -> Verifiers.from(publicKey("rsa-2048.pub")).verify(SIGN_ME, b64(S5_SIG)))
        .doesNotThrowAnyException();
  }

  private static PrivateKeyHandle privateKey(String name) throws CryptoException {
    return PrivateKeyImport.importPem(Vectors.resource("sigstore-signature/" + name), name);
  }

  private static PublicKey publicKey(String name) throws CryptoException {
    return PublicKeys.parse(Vectors.resource("sigstore-signature/" + name), name);
  }

  private static byte[] b64(String s) {
    return Base64.getDecoder().decode(s);
  }
}
