package dev.signet.sigstore.server.tsa;

import dev.signet.crypto.keys.KeyFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The TSA's key material in a data directory: {@code signing-key.pem} (PKCS#8, mode 0600) and
 * {@code chain.pem} (signing certificate first, root last). {@link #loadOrCreate} creates both on
 * first start and loads them afterwards; a half-present pair, a key readable by others or a key that
 * does not match the certificate is refused with what to do.
 */
public final class TsaKeyStore {
  static final String KEY_FILE = "signing-key.pem";
  static final String CHAIN_FILE = "chain.pem";
  private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private TsaKeyStore() {}

  /**
   * @param dir the TSA's directory (created when missing)
   * @param organization the organization named in newly created certificates
   */
  public static TsaIdentity loadOrCreate(Path dir, String organization, Clock clock) throws TsaException {
    Path key = dir.resolve(KEY_FILE);
    Path chain = dir.resolve(CHAIN_FILE);
    boolean hasKey = Files.exists(key);
    boolean hasChain = Files.exists(chain);
    if (!hasKey && !hasChain) {
      TsaIdentity created = TsaCertificates.create(organization, clock.instant());
      try {
        Files.createDirectories(dir);
        KeyFiles.writePrivateKey(key, pem("PRIVATE KEY", created.signingKey().getEncoded()));
        KeyFiles.writePublicKey(chain, created.chainPem().getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw TsaException.setup("cannot write the TSA key material to " + dir + ": " + e.getMessage(), e);
      }
      return created;
    }
    if (hasKey != hasChain) {
      throw TsaException.setup(dir + " has " + (hasKey ? KEY_FILE + " but no " + CHAIN_FILE : CHAIN_FILE + " but no "
          + KEY_FILE) + ": restore the missing file, or remove both to create a new TSA identity", null);
    }
    return load(key, chain);
  }

  static TsaIdentity load(Path keyFile, Path chainFile) throws TsaException {
    checkPermissions(keyFile);
    PrivateKey key;
    List<X509Certificate> chain;
    try {
      key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
          unpem(Files.readString(keyFile, StandardCharsets.US_ASCII), "PRIVATE KEY", keyFile)));
      chain = new ArrayList<>();
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(chainFile)))
          .forEach(c -> chain.add((X509Certificate) c));
    } catch (IOException e) {
      throw TsaException.setup("cannot read the TSA key material: " + e.getMessage(), e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw TsaException.setup(keyFile.getParent() + ": the TSA key or chain does not parse (" + e.getMessage()
          + "): restore them from a backup, or remove both to create a new TSA identity", e);
    }
    if (chain.isEmpty()) {
      throw TsaException.setup(chainFile + " holds no certificate: restore it, or remove it and " + KEY_FILE
          + " to create a new TSA identity", null);
    }
    TsaIdentity identity = new TsaIdentity(key, chain);
    checkPair(identity, keyFile);
    return identity;
  }

  private static void checkPermissions(Path keyFile) throws TsaException {
    PosixFileAttributeView view = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
        throw TsaException.setup(keyFile + " is accessible by other users (mode "
            + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "): chmod 600 it", null);
      }
    } catch (IOException e) {
      throw TsaException.setup("cannot read the permissions of " + keyFile + ": " + e.getMessage(), e);
    }
  }

  /** The key must sign what the signing certificate's public key verifies. */
  private static void checkPair(TsaIdentity identity, Path keyFile) throws TsaException {
    try {
      byte[] probe = "signet tsa key check".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(identity.signingKey());
      s.update(probe);
      byte[] sig = s.sign();
      s.initVerify(identity.signingCertificate().getPublicKey());
      s.update(probe);
      if (!s.verify(sig)) {
        throw new GeneralSecurityException("mismatch");
      }
    } catch (GeneralSecurityException e) {
      throw TsaException.setup(keyFile + " is not the key of the first certificate in " + CHAIN_FILE
          + ": restore the matching pair, or remove both to create a new TSA identity", e);
    }
  }

  private static byte[] pem(String label, byte[] der) {
    return ("-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] unpem(String text, String label, Path file) throws GeneralSecurityException {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new GeneralSecurityException(file.getFileName() + " is not a PEM " + label);
    }
    return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
  }
}
