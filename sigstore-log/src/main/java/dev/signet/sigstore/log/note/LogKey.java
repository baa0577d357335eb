package dev.signet.sigstore.log.note;

import dev.signet.sigstore.log.LogException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A log's signing key pair, kept in one PEM file (PKCS#8 private key + SPKI public key) with mode 0600.
 * Ed25519 (Rekor v2 / C2SP logs) or ECDSA P-256 (Rekor v1 logs, whose SET and checkpoint are ECDSA).
 */
public final class LogKey {
  /** The key algorithms a log can use. */
  public enum Type { ED25519, ECDSA_P256 }

  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

  private final Type type;
  private final KeyPair pair;

  private LogKey(Type type, KeyPair pair) {
    this.type = type;
    this.pair = pair;
  }

  public static LogKey generate(Type type) {
    try {
      KeyPairGenerator g;
      if (type == Type.ED25519) {
        g = KeyPairGenerator.getInstance("Ed25519");
      } else {
        g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
      }
      return new LogKey(type, g.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + type + " keys", e);
    }
  }

  /**
   * Loads the key file, or creates it with a new key of {@code type} (mode 0600) when absent.
   *
   * @throws LogException if the file is unreadable, malformed, of another key type or not private
   */
  public static LogKey loadOrCreate(Path file, Type type) throws LogException {
    if (!Files.exists(file)) {
      LogKey key = generate(type);
      try {
        key.write(file);
        return key;
      } catch (FileAlreadyExistsException e) {
        // created concurrently: load it below
      } catch (IOException e) {
        throw new LogException("cannot write the log key " + file + ": " + e.getMessage(), e);
      }
    }
    LogKey key = load(file);
    if (key.type != type) {
      throw new LogException("the log key " + file + " is " + key.type + ", this log needs " + type
          + "; move the file away or use a log of that type");
    }
    return key;
  }

  public static LogKey load(Path file) throws LogException {
    String text;
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        throw new LogException("the log key " + file + " is readable by others (mode "
            + PosixFilePermissions.toString(perms) + "); run chmod 600 " + file);
      }
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (UnsupportedOperationException e) {
      throw new LogException("cannot check the permissions of " + file + " on this filesystem");
    } catch (IOException e) {
      throw new LogException("cannot read the log key " + file + ": " + e.getMessage(), e);
    }
    byte[] priv = null;
    byte[] pub = null;
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      if (m.group(1).equals("PRIVATE KEY")) {
        priv = der;
      } else if (m.group(1).equals("PUBLIC KEY")) {
        pub = der;
      }
    }
    if (priv == null || pub == null) {
      throw new LogException("the log key " + file + " must hold a PRIVATE KEY and a PUBLIC KEY PEM block");
    }
    for (Type t : Type.values()) {
      try {
        KeyFactory f = KeyFactory.getInstance(t == Type.ED25519 ? "Ed25519" : "EC");
        PrivateKey p = f.generatePrivate(new PKCS8EncodedKeySpec(priv));
        PublicKey q = f.generatePublic(new X509EncodedKeySpec(pub));
        LogKey key = new LogKey(t, new KeyPair(q, p));
        key.checkPair(file);
        return key;
      } catch (GeneralSecurityException e) {
        // try the next type
      }
    }
    throw new LogException("the log key " + file + " is neither an Ed25519 nor an ECDSA P-256 key");
  }

  private void checkPair(Path file) throws LogException {
    byte[] probe = "signet log key check".getBytes(StandardCharsets.US_ASCII);
    NoteSigner s = new NoteSigner("probe", this);
    if (!s.verifies(probe, s.sign(probe))) {
      throw new LogException("the private and public keys in " + file + " do not belong together");
    }
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
    try (var out = Files.newOutputStream(Files.createFile(file,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), StandardOpenOption.WRITE)) {
      out.write(pem.getBytes(StandardCharsets.US_ASCII));
    }
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  public Type type() {
    return type;
  }

  public PublicKey publicKey() {
    return pair.getPublic();
  }

  PrivateKey privateKey() {
    return pair.getPrivate();
  }

  /** The public key as PEM SPKI (what {@code GET /api/v1/log/publicKey} serves). */
  public String publicKeyPem() {
    return pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  /** The protobuf-specs {@code PublicKeyDetails} name. */
  public String keyDetails() {
    return type == Type.ED25519 ? "PKIX_ED25519" : "PKIX_ECDSA_P256_SHA_256";
  }
}
