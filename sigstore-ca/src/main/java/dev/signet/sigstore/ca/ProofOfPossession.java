package dev.signet.sigstore.ca;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.keys.PublicKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.math.BigInteger;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The key a certificate is requested for, and the proof that the requester holds its private half:
 * either a public key with a signature over the identity's challenge ({@link Identity#challenge()},
 * UTF-8; SHA-256 with any key type, as Fulcio checks it, or the key's own hash), or a PKCS#10 CSR
 * whose self-signature is the proof (its subject is ignored). Keys must be ECDSA P-256/384/521, RSA
 * 2048–4096 with exponent 65537, or Ed25519. Every refusal is {@code INVALID_ARGUMENT}.
 */
public final class ProofOfPossession {
  private static final int MAX_CSR_BYTES = 64 * 1024;

  private ProofOfPossession() {}

  /**
   * Parses {@code publicKeyText} (PEM {@code PUBLIC KEY}, or base64 DER SPKI) and checks that
   * {@code proof} is its signature over {@code identity.challenge()}.
   */
  public static PublicKey fromSignedChallenge(String publicKeyText, byte[] proof, Identity identity) throws CaException {
    PublicKey key = parseKey(publicKeyText);
    byte[] challenge = identity.challenge().getBytes(StandardCharsets.UTF_8);
    if (proof == null || proof.length == 0) {
      throw CaException.invalid("publicKeyRequest.proofOfPossession is missing: sign '" + identity.challenge()
          + "' with the private key");
    }
    for (String alg : algorithms(key)) {
      if (verifies(alg, key, challenge, proof)) {
        return key;
      }
    }
    throw CaException.invalid("proof of possession does not verify: publicKeyRequest.proofOfPossession must be a"
        + " signature over '" + identity.challenge() + "' by the submitted key");
  }

  /** Parses a CSR (PEM, or base64 of PEM or DER, as Fulcio's {@code certificateSigningRequest}) and checks its signature. */
  public static PublicKey fromCsr(String csrText) throws CaException {
    if (csrText == null || csrText.isBlank()) {
      throw CaException.invalid("certificateSigningRequest is empty");
    }
    byte[] der = csrDer(csrText.trim());
    try {
      JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(CertificationRequest.getInstance(der));
      PublicKey key = csr.getPublicKey();
      checkStrength(key);
      ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(key);
      if (!csr.isSignatureValid(verifier)) {
        throw CaException.invalid("certificateSigningRequest signature does not verify with its own public key");
      }
      return key;
    } catch (IllegalArgumentException | ClassCastException | GeneralSecurityException | OperatorCreationException
        | PKCSException e) {
      throw CaException.invalid("certificateSigningRequest is not a valid PKCS#10 request: " + e.getMessage());
    }
  }

  private static byte[] csrDer(String text) throws CaException {
    if (text.length() > MAX_CSR_BYTES) {
      throw CaException.invalid("certificateSigningRequest larger than " + MAX_CSR_BYTES + " bytes");
    }
    String pem = text;
    if (!text.startsWith("-----BEGIN")) {
      byte[] decoded;
      try {
        decoded = Base64.getMimeDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw CaException.invalid("certificateSigningRequest is neither PEM nor base64");
      }
      if (decoded.length > 0 && decoded[0] == 0x30) {
        return decoded;
      }
      pem = new String(decoded, StandardCharsets.US_ASCII).trim();
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "-----BEGIN (NEW )?CERTIFICATE REQUEST-----([A-Za-z0-9+/=\\s]+)-----END (NEW )?CERTIFICATE REQUEST-----").matcher(pem);
    if (!m.find()) {
      throw CaException.invalid("certificateSigningRequest has no PEM CERTIFICATE REQUEST block");
    }
    try {
      return Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw CaException.invalid("certificateSigningRequest PEM body is not base64");
    }
  }

  private static PublicKey parseKey(String text) throws CaException {
    if (text == null || text.isBlank()) {
      throw CaException.invalid("publicKeyRequest.publicKey.content is empty");
    }
    byte[] bytes = text.trim().getBytes(StandardCharsets.US_ASCII);
    if (!text.trim().startsWith("-----BEGIN")) {
      try {
        bytes = Base64.getMimeDecoder().decode(text.trim());
      } catch (IllegalArgumentException e) {
        throw CaException.invalid("publicKeyRequest.publicKey.content is neither PEM nor base64 DER");
      }
    }
    try {
      PublicKey key = PublicKeys.parse(bytes, "publicKeyRequest.publicKey.content");
      checkStrength(key);
      return key;
    } catch (CryptoException e) {
      throw CaException.invalid(e.getMessage());
    }
  }

  private static void checkStrength(PublicKey key) throws CaException {
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < 2048 || bits > 4096 || !rsa.getPublicExponent().equals(BigInteger.valueOf(65537))) {
        throw CaException.invalid("RSA key of " + bits + " bits with exponent " + rsa.getPublicExponent()
            + " refused (need 2048–4096 bits, exponent 65537)");
      }
    } else if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      if (bits != 256 && bits != 384 && bits != 521) {
        throw CaException.invalid("ECDSA key on a " + bits + "-bit curve refused (need P-256, P-384 or P-521)");
      }
    } else if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
      throw CaException.invalid("key type " + key.getAlgorithm() + " refused (need ECDSA, RSA or Ed25519)");
    }
  }

  private static String[] algorithms(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return new String[] {"SHA256withECDSA", bits > 384 ? "SHA512withECDSA" : "SHA384withECDSA"};
    }
    if (key instanceof RSAPublicKey) {
      return new String[] {"SHA256withRSA"};
    }
    return new String[] {"Ed25519"};
  }

  private static boolean verifies(String alg, PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance(alg);
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
