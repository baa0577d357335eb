package dev.signet.cli.command.sigstore;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.crypto.CryptoException;
import dev.signet.crypto.keys.PublicKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the PEM files that {@code trusted-root create} is given and derives log ids and key details. */
final class TrustMaterial {
  private TrustMaterial() {}

  static List<X509Certificate> certificates(CliContext ctx, String path, String flag) {
    byte[] bytes = read(ctx, path, flag);
    List<X509Certificate> out = new ArrayList<>();
    try {
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
        out.add((X509Certificate) c);
      }
    } catch (GeneralSecurityException e) {
      throw new CommandFailure(ExitCodes.FAILURE, flag + " " + path + ": not a PEM certificate chain: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, flag + " " + path + ": no certificates in file");
    }
    return out;
  }

  static PublicKey publicKey(CliContext ctx, String path, String flag) {
    try {
      return PublicKeys.parse(read(ctx, path, flag), path);
    } catch (CryptoException e) {
      throw new CommandFailure(ExitCodes.FAILURE, flag + " " + path + ": " + e.getMessage());
    }
  }

  private static byte[] read(CliContext ctx, String path, String flag) {
    Path p = ctx.resolve(path);
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, flag + ": cannot read " + p + ": " + e.getMessage());
    }
  }

  /** cosign's transparency log id: SHA-256 of the DER SubjectPublicKeyInfo. */
  static byte[] logId(PublicKey key) {
    return sha256(key.getEncoded());
  }

  /**
   * The C2SP signed-note key id of a Rekor v2 log named {@code origin}: Ed25519 SHA-256(origin ‖ LF ‖
   * 0x01 ‖ raw key), ECDSA SHA-256(SPKI), RSA SHA-256(origin ‖ LF ‖ 0xff ‖ "PKIX-RSA-PKCS#1v1.5" ‖ SPKI).
   */
  static byte[] checkpointKeyId(String origin, PublicKey key) {
    byte[] spki = key.getEncoded();
    byte[] name = (origin + "\n").getBytes(StandardCharsets.UTF_8);
    return switch (key.getAlgorithm()) {
      case "EC" -> sha256(spki);
      case "Ed25519", "EdDSA" -> sha256(concat(name, new byte[] {0x01}, Arrays.copyOfRange(spki, spki.length - 32,
          spki.length)));
      case "RSA" -> sha256(concat(name, new byte[] {(byte) 0xff},
          "PKIX-RSA-PKCS#1v1.5".getBytes(StandardCharsets.US_ASCII), spki));
      default -> throw new CommandFailure(ExitCodes.FAILURE, "unsupported log key type " + key.getAlgorithm());
    };
  }

  /** The protobuf-specs {@code PublicKeyDetails} name of a log key. */
  static String keyDetails(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      return switch (ec.getParams().getCurve().getField().getFieldSize()) {
        case 256 -> "PKIX_ECDSA_P256_SHA_256";
        case 384 -> "PKIX_ECDSA_P384_SHA_384";
        case 521 -> "PKIX_ECDSA_P521_SHA_512";
        default -> throw new CommandFailure(ExitCodes.FAILURE, "unsupported EC curve for a log key");
      };
    }
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits != 2048 && bits != 3072 && bits != 4096) {
        throw new CommandFailure(ExitCodes.FAILURE, "unsupported RSA key size " + bits + " for a log key");
      }
      return "PKIX_RSA_PKCS1V15_" + bits + "_SHA256";
    }
    if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
      return "PKIX_ED25519";
    }
    throw new CommandFailure(ExitCodes.FAILURE, "unsupported log key type " + key.getAlgorithm());
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }
}
