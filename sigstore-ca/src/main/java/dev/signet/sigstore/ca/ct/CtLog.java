package dev.signet.sigstore.ca.ct;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.Signer;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.sigstore.ca.CaException;
import dev.signet.sigstore.ca.EncryptedKeyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RFC 6962 CT log for the CA's (pre)certificates, in a directory: {@code key.pem} (ECDSA P-256,
 * encrypted, 0600), {@code valid-from} (when the key was created: the {@code validFor.start} a trusted
 * root lists) and {@code entries.bin} ({@link EntryFile}). An SCT is returned only after its entry is
 * on disk. The log ID is SHA-256 of the key's SPKI. Chains must end in (or be issued by) an accepted
 * root. Thread-safe: appends are serialised.
 */
public final class CtLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CtLog.class);
  private static final int MAX_CHAIN = 10;

  private final Signer signer;
  private final byte[] logId;
  private final Instant validFrom;
  private final List<X509Certificate> roots;
  private final Clock clock;
  private final EntryFile file;
  private final MerkleTree tree = new MerkleTree();
  private final dev.signet.crypto.VerifierCache verifiers = new dev.signet.crypto.VerifierCache(16);
  private final java.util.Set<String> verifiedLinks = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private CtLog(Signer signer, Instant validFrom, List<X509Certificate> roots, Clock clock, EntryFile file) {
    this.signer = signer;
    this.logId = CtEntries.sha256().digest(signer.publicKey().getEncoded());
    this.validFrom = validFrom;
    this.roots = List.copyOf(roots);
    this.clock = clock;
    this.file = file;
    for (EntryFile.Entry e : file.recovered()) {
      tree.append(CtEntries.leafHash(e.leaf()));
    }
  }

  /**
   * Opens (or creates) the log in {@code dir}.
   *
   * @param password protects the log key at rest
   * @param acceptedRoots the roots submitted chains must end in
   * @throws CaException when the key cannot be read (wrong password, permissions) or the directory is unusable
   */
  public static CtLog open(Path dir, char[] password, List<X509Certificate> acceptedRoots, Clock clock)
      throws CaException {
    Objects.requireNonNull(clock, "clock");
    try {
      Files.createDirectories(dir);
      PrivateKeyHandle key = EncryptedKeyFile.loadOrCreate(dir.resolve("key.pem"), password,
          KeyGenerator::generateEcdsaP256);
      if (!(key.publicKey() instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
        throw CaException.invalid("CT log key " + dir.resolve("key.pem") + " must be ECDSA P-256");
      }
      Instant validFrom = validFrom(dir.resolve("valid-from"), clock);
      EntryFile file = EntryFile.open(dir.resolve("entries.bin"));
      if (file.cutBytes() > 0) {
        LOG.warn("CT log {}: cut {} bytes of an unfinished append off entries.bin ({} entries kept)", dir,
            file.cutBytes(), file.recovered().size());
      }
      return new CtLog(Signers.from(key), validFrom, acceptedRoots, clock, file);
    } catch (IOException e) {
      throw CaException.internal("cannot open CT log in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Instant validFrom(Path file, Clock clock) throws IOException, CaException {
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw CaException.invalid("CT log file " + file + " does not hold an RFC 3339 instant: '" + text + "'");
      }
    }
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Files.writeString(file, now + "\n", StandardCharsets.US_ASCII);
    return now;
  }

  /** The log's public key (what a trusted root's {@code ctlogs[].publicKey} holds, {@code PKIX_ECDSA_P256_SHA_256}). */
  public PublicKey publicKey() {
    return signer.publicKey();
  }

  /** SHA-256 of the key's SPKI. */
  public byte[] logId() {
    return logId.clone();
  }

  /** When the log key was created. */
  public Instant validFrom() {
    return validFrom;
  }

  public synchronized long size() {
    return tree.size();
  }

  /**
   * RFC 6962 {@code add-pre-chain}: logs the precertificate {@code chain.get(0)} (which carries the
   * critical poison extension), issued by {@code chain.get(1)}.
   *
   * @throws CaException ({@code INVALID_ARGUMENT}) when the chain is not acceptable
   */
  public Sct addPreChain(List<X509Certificate> chain) throws CaException {
    List<X509Certificate> full = checkChain(chain);
    X509Certificate precert = full.get(0);
    if (!Precertificates.isPrecertificate(precert)) {
      throw CaException.invalid("add-pre-chain: the first certificate has no critical CT poison extension "
          + SctList.POISON_OID + "; use add-chain for final certificates");
    }
    if (isPrecertSigningCertificate(full.get(1))) {
      throw CaException.invalid("add-pre-chain: precertificate signing certificates are not supported; "
          + "the precertificate must be signed by the issuing CA itself");
    }
    try {
      byte[] issuerKeyHash = CtEntries.sha256().digest(full.get(1).getPublicKey().getEncoded());
      byte[] tbs = Precertificates.tbsWithoutPoison(precert);
      byte[] extra = new Tls().vector24(precert.getEncoded()).vector24(chainBytes(full.subList(1, full.size())))
          .toByteArray();
      return append(ts -> CtEntries.precertLeaf(ts, issuerKeyHash, tbs, new byte[0]), extra);
    } catch (IOException | CertificateEncodingException e) {
      throw CaException.invalid("add-pre-chain: cannot re-encode the precertificate TBS: " + e.getMessage());
    }
  }

  /** RFC 6962 {@code add-chain}: logs the final certificate {@code chain.get(0)}. */
  public Sct addChain(List<X509Certificate> chain) throws CaException {
    List<X509Certificate> full = checkChain(chain);
    if (Precertificates.isPrecertificate(full.get(0))) {
      throw CaException.invalid("add-chain: the first certificate is a precertificate (CT poison extension); "
          + "use add-pre-chain");
    }
    try {
      byte[] der = full.get(0).getEncoded();
      byte[] extra = new Tls().vector24(chainBytes(full.subList(1, full.size()))).toByteArray();
      return append(ts -> CtEntries.x509Leaf(ts, der, new byte[0]), extra);
    } catch (CertificateEncodingException e) {
      throw CaException.invalid("add-chain: cannot encode the certificate: " + e.getMessage());
    }
  }

  /** The current signed tree head. */
  public SignedTreeHead treeHead() throws CaException {
    long size;
    byte[] root;
    synchronized (this) {
      size = tree.size();
      root = tree.rootHash();
    }
    long ts = clock.millis();
    return new SignedTreeHead(size, ts, root, sign(SignedTreeHead.signedData(ts, size, root)));
  }

  private interface LeafAt {
    byte[] leaf(long timestampMillis);
  }

  private Sct append(LeafAt leafAt, byte[] extra) throws CaException {
    long ts = clock.millis();
    byte[] leaf = leafAt.leaf(ts);
    byte[] signature = sign(leaf);
    synchronized (this) {
      try {
        file.append(leaf, extra);
      } catch (IOException e) {
        throw CaException.internal("CT log: cannot append entry " + tree.size() + ": " + e.getMessage(), e);
      }
      tree.append(CtEntries.leafHash(leaf));
    }
    return new Sct(logId, ts, new byte[0], signature);
  }

  private byte[] sign(byte[] data) throws CaException {
    try {
      return signer.sign(data);
    } catch (CryptoException e) {
      throw CaException.internal("CT log: signing failed: " + e.getMessage(), e);
    }
  }

  private static boolean isPrecertSigningCertificate(X509Certificate c) throws CaException {
    try {
      return c.getExtendedKeyUsage() != null && c.getExtendedKeyUsage().contains("1.3.6.1.4.1.11129.2.4.4");
    } catch (java.security.cert.CertificateParsingException e) {
      throw CaException.invalid("add-pre-chain: malformed extended key usage in the issuer certificate");
    }
  }

  private static byte[] chainBytes(List<X509Certificate> certs) throws CertificateEncodingException {
    Tls t = new Tls();
    for (X509Certificate c : certs) {
      t.vector24(c.getEncoded());
    }
    return t.toByteArray();
  }

  /** The chain with the accepted root appended when the submitter left it out. */
  private List<X509Certificate> checkChain(List<X509Certificate> chain) throws CaException {
    if (chain == null || chain.isEmpty()) {
      throw CaException.invalid("CT log: empty certificate chain");
    }
    if (chain.size() > MAX_CHAIN) {
      throw CaException.invalid("CT log: chain of " + chain.size() + " certificates is longer than " + MAX_CHAIN);
    }
    List<X509Certificate> full = new ArrayList<>(chain);
    X509Certificate last = full.get(full.size() - 1);
    if (!roots.contains(last)) {
      X509Certificate root = roots.stream().filter(r -> signedBy(last, r)).findFirst()
          .orElseThrow(() -> CaException.invalid("CT log: chain ends in " + last.getSubjectX500Principal().getName()
              + ", which is not an accepted root and not issued by one"));
      full.add(root);
    }
    if (full.size() < 2) {
      throw CaException.invalid("CT log: the chain needs the certificate and its issuer, got only the root");
    }
    for (int i = 0; i + 1 < full.size(); i++) {
      if (!signedBy(full.get(i), full.get(i + 1))) {
        throw CaException.invalid("CT log: certificate " + i + " of the chain ("
            + full.get(i).getSubjectX500Principal().getName() + ") is not signed by certificate " + (i + 1) + " ("
            + full.get(i + 1).getSubjectX500Principal().getName() + ")");
      }
    }
    return full;
  }

  /**
   * True when {@code child} is signed by {@code issuer}'s key: through Signet's reused verifiers when the
   * signature algorithm is the key's own, else the JCA. Verified CA-to-CA links are remembered (they
   * recur in every chain the CA submits).
   */
  private boolean signedBy(X509Certificate child, X509Certificate issuer) {
    if (!child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return false;
    }
    boolean ca = child.getBasicConstraints() >= 0;
    String link = ca ? java.util.HexFormat.of().formatHex(digest(child)) + ">" + java.util.HexFormat.of().formatHex(digest(issuer)) : null;
    if (ca && verifiedLinks.contains(link)) {
      return true;
    }
    boolean ok;
    try {
      dev.signet.crypto.Verifier v = verifiers.get(issuer.getPublicKey());
      if (v.algorithm().jcaName().equalsIgnoreCase(child.getSigAlgName())) {
        v.verify(child.getTBSCertificate(), child.getSignature());
        ok = true;
      } else {
        child.verify(issuer.getPublicKey());
        ok = true;
      }
    } catch (GeneralSecurityException | CryptoException e) {
      ok = false;
    }
    if (ok && ca && verifiedLinks.size() < 64) {
      verifiedLinks.add(link);
    }
    return ok;
  }

  private static byte[] digest(X509Certificate c) {
    try {
      return CtEntries.sha256().digest(c.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate re-encodes", e);
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
