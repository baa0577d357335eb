package dev.signet.sigstore.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.verify.VerificationException;
import dev.signet.verify.x509.CertificateChainVerifier;
import dev.signet.verify.x509.CertificatePurpose;
import dev.signet.verify.x509.FulcioIdentity;
import dev.signet.verify.x509.SctVerifier;
import dev.signet.verify.x509.VerifiedChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issued certificates judged by independent code: Signet's verification engine (path validation, SCT
 * check, Fulcio identity) and OpenSSL ({@code x509 -text}, {@code verify}), with tokens from a real OIDC
 * provider.
 */
class CertificateAuthorityTest {
  private static final char[] PW = "ca-password".toCharArray();
  private static OidcProvider oidc;

  @TempDir
  Path data;

  private FulcioService service;

  @BeforeAll
  static void startOidc() {
    oidc = new OidcProvider();
  }

  @AfterAll
  static void stopOidc() {
    oidc.close();
  }

  @BeforeEach
  void open() throws Exception {
    service = FulcioService.open(CaConfig.of(data, PW, oidc.issuers()));
  }

  @AfterEach
  void close() throws Exception {
    service.close();
  }

  private IssuedCertificate issueEmail(String email) throws Exception {
    KeyPair k = TestKeys.p256();
    return service.signingCertificate(oidc.emailToken(email),
        new CertificateRequest.PublicKeyRequest(TestKeys.publicPem(k), TestKeys.prove(k, email)));
  }

  /** Path validation and SCT verification by the verify module, at the certificate's notBefore. */
  private VerifiedChain verifyWithEngine(IssuedCertificate c) throws VerificationException {
    CaTrust trust = service.trust();
    VerifiedChain chain = CertificateChainVerifier.verifyPath(c.leaf(), List.of(),
        List.of(trust.certificateAuthority("https://fulcio.signet.test")), c.leaf().getNotBefore().toInstant(),
        CertificatePurpose.CODE_SIGNING);
    assertEquals(1, SctVerifier.verify(c.leaf(), chain.issuer(), List.of(trust.ctLog("https://ct.signet.test")), 1));
    return chain;
  }

  @Test
  void emailCertificateHasFulcioProfileAndVerifies() throws Exception {
    IssuedCertificate c = issueEmail("alice@signet.test");
    X509Certificate leaf = c.leaf();
    verifyWithEngine(c);
    FulcioIdentity id = FulcioIdentity.of(leaf);
    assertEquals(List.of("alice@signet.test"), id.subjectAlternativeNames());
    assertEquals(oidc.issuer("email"), id.issuer());
    assertEquals(oidc.issuer("email"), id.extensions().get("1.3.6.1.4.1.57264.1.1"));
    assertEquals(oidc.issuer("email"), id.extensions().get("1.3.6.1.4.1.57264.1.8"));
    assertEquals("user-123", id.extensions().get("1.3.6.1.4.1.57264.1.24"));
    // exact extension bytes: .1.1 raw, .1.8 DER UTF8String
    byte[] raw = oidc.issuer("email").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertArrayEquals(raw, ASN1OctetString.getInstance(leaf.getExtensionValue("1.3.6.1.4.1.57264.1.1")).getOctets());
    byte[] v2 = ASN1OctetString.getInstance(leaf.getExtensionValue("1.3.6.1.4.1.57264.1.8")).getOctets();
    assertEquals(0x0c, v2[0]);
    assertEquals(raw.length, v2[1]);
    // profile
    assertEquals(0, leaf.getSubjectX500Principal().getEncoded().length - 2, "empty subject (30 00)");
    assertEquals(Duration.ofMinutes(10), Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()));
    assertTrue(leaf.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.15", "2.5.29.17")), "KU and SAN critical");
    boolean[] ku = leaf.getKeyUsage();
    assertTrue(ku[0]);
    for (int i = 1; i < ku.length; i++) {
      assertTrue(!ku[i], "only digitalSignature, bit " + i);
    }
    assertEquals(List.of("1.3.6.1.5.5.7.3.3"), leaf.getExtendedKeyUsage());
    assertEquals(-1, leaf.getBasicConstraints());
    assertTrue(leaf.getSerialNumber().signum() > 0 && leaf.getSerialNumber().bitLength() <= 160);
    byte[] aki = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(
        leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
    byte[] issuerSki = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(
        c.chain().get(0).getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
    assertArrayEquals(issuerSki, aki);
    assertTrue(leaf.getExtensionValue(Extension.subjectKeyIdentifier.getId()) != null);
    assertNull(leaf.getExtensionValue("1.3.6.1.4.1.11129.2.4.3"), "no poison in the final certificate");
    assertEquals(1, service.ctLog().size(), "the precertificate was logged");
  }

  @Test
  void githubWorkflowCertificateCarriesTheWorkflowClaims() throws Exception {
    Map<String, Object> claims = new java.util.HashMap<>(dev.signet.sigstore.ca.oidc.PrincipalsTestClaims.github());
    String sub = (String) claims.remove("sub");
    String token = oidc.token("github", sub, claims);
    KeyPair k = TestKeys.p256();
    IssuedCertificate c = service.signingCertificate(token,
        new CertificateRequest.PublicKeyRequest(TestKeys.publicPem(k), TestKeys.prove(k, sub)));
    verifyWithEngine(c);
    FulcioIdentity id = FulcioIdentity.of(c.leaf());
    assertEquals(List.of("https://github.com/octo/app/.github/workflows/release.yml@refs/heads/main"),
        id.subjectAlternativeNames());
    assertEquals("push", id.githubWorkflowTrigger());
    assertEquals("octo/app", id.githubWorkflowRepository());
    assertEquals("refs/heads/main", id.githubWorkflowRef());
    assertEquals("Release", id.githubWorkflowName());
    assertEquals("https://github.com/octo/app/actions/runs/100/attempts/2", id.extensions().get("1.3.6.1.4.1.57264.1.21"));
  }

  @Test
  void usernameCertificateHasAnOtherNameSan() throws Exception {
    String token = oidc.token("user", "alice", Map.of());
    KeyPair k = TestKeys.p256();
    IssuedCertificate c = service.signingCertificate(token,
        new CertificateRequest.PublicKeyRequest(TestKeys.publicPem(k), TestKeys.prove(k, "alice")));
    verifyWithEngine(c);
    assertEquals(List.of("alice@signet.test"), FulcioIdentity.of(c.leaf()).sans().otherNames());
  }

  @Test
  void csrRequestsUseTheCsrKeyAndIgnoreItsSubject() throws Exception {
    KeyPair k = TestKeys.p256();
    IssuedCertificate c = service.signingCertificate(oidc.emailToken("bob@signet.test"),
        new CertificateRequest.CsrRequest(TestKeys.csrPem(k, "CN=ignored")));
    verifyWithEngine(c);
    assertArrayEquals(k.getPublic().getEncoded(), c.leaf().getPublicKey().getEncoded());
    assertEquals(0, c.leaf().getSubjectX500Principal().getEncoded().length - 2);
  }

  @Test
  void tamperedSctDoesNotVerify() throws Exception {
    IssuedCertificate c = issueEmail("alice@signet.test");
    CaTrust trust = service.trust();
    // another CT log key with the same log ID is not the CA's: the engine must refuse the SCT
    var otherKey = TestKeys.p256().getPublic();
    var fake = new dev.signet.verify.root.TransparencyLog("https://ct.signet.test", trust.ctLogId(), otherKey,
        "PKIX_ECDSA_P256_SHA_256", dev.signet.verify.root.ValidityWindow.from(trust.ctLogValidFrom()));
    assertThrows(VerificationException.class, () -> SctVerifier.verify(c.leaf(), c.chain().get(0), List.of(fake), 1));
  }

  @Test
  void opensslShowsTheExtensionsAndVerifiesTheChain() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")),
        "SKIPPED: openssl not installed");
    IssuedCertificate c = issueEmail("alice@signet.test");
    Path leaf = data.resolve("leaf.pem");
    Path inter = data.resolve("intermediate.pem");
    Path root = data.resolve("root.pem");
    Files.writeString(leaf, Pems.certificate(c.leaf()));
    Files.writeString(inter, Pems.certificate(c.chain().get(0)));
    Files.writeString(root, Pems.certificate(c.chain().get(1)));
    String text = run("openssl", "x509", "-in", leaf.toString(), "-noout", "-text");
    assertTrue(text.contains("X509v3 Key Usage: critical"), text);
    assertTrue(text.contains("Digital Signature"), text);
    assertTrue(text.contains("Code Signing"), text);
    assertTrue(text.contains("X509v3 Subject Alternative Name: critical"), text);
    assertTrue(text.contains("email:alice@signet.test"), text);
    assertTrue(text.contains("1.3.6.1.4.1.57264.1.1:"), text);
    assertTrue(text.contains("1.3.6.1.4.1.57264.1.8:"), text);
    assertTrue(text.contains("CT Precertificate SCTs"), text);
    assertTrue(text.contains("Log ID    : " + colonHex(service.trust().ctLogId()).substring(0, 47)), text);
    String verify = run("openssl", "verify", "-CAfile", root.toString(), "-untrusted", inter.toString(),
        "-purpose", "any", leaf.toString());
    assertTrue(verify.contains(": OK"), verify);
  }

  @Test
  void reopenKeepsTheCaAndLogAndRefusesOpenKeyFiles() throws Exception {
    issueEmail("alice@signet.test");
    List<X509Certificate> chain = service.ca().chain();
    service.close();
    Path key = data.resolve("ca/key.pem");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    try (FulcioService again = FulcioService.open(CaConfig.of(data, PW, oidc.issuers()))) {
      assertEquals(chain, again.ca().chain());
      assertEquals(1, again.ctLog().size());
    }
    CaException wrong = assertThrows(CaException.class,
        () -> FulcioService.open(CaConfig.of(data, "nope".toCharArray(), oidc.issuers())));
    assertTrue(wrong.getMessage().contains("key.pem"), wrong.getMessage());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    CaException open = assertThrows(CaException.class, () -> FulcioService.open(CaConfig.of(data, PW, oidc.issuers())));
    assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    service = FulcioService.open(CaConfig.of(data, PW, oidc.issuers()));
  }

  @Test
  void caFromExternalFiles() throws Exception {
    Path dir = Files.createDirectories(data.resolve("external"));
    CaKeys keys = CaKeys.generate("acme", java.time.Instant.now(), new java.security.SecureRandom());
    EncryptedKeyFile.store(dir.resolve("issuer.key"), ((CaSigner.Software) keys.signer()).key(), PW);
    Files.writeString(dir.resolve("chain.pem"), Pems.certificate(keys.chain().get(0)) + Pems.certificate(keys.root()));
    try (FulcioService ext = FulcioService.open(CaConfig.of(data.resolve("d2"), PW, oidc.issuers())
        .withCaFiles(dir.resolve("issuer.key"), dir.resolve("chain.pem")))) {
      assertEquals(keys.chain(), ext.ca().chain());
      KeyPair k = TestKeys.p256();
      IssuedCertificate c = ext.signingCertificate(oidc.emailToken("a@acme.test"),
          new CertificateRequest.PublicKeyRequest(TestKeys.publicPem(k), TestKeys.prove(k, "a@acme.test")));
      assertEquals(keys.chain().get(0).getSubjectX500Principal(), c.leaf().getIssuerX500Principal());
    }
    Files.writeString(dir.resolve("chain.pem"), Pems.certificate(keys.root()));
    CaException mismatch = assertThrows(CaException.class, () -> FulcioService.open(CaConfig.of(data.resolve("d3"), PW,
        oidc.issuers()).withCaFiles(dir.resolve("issuer.key"), dir.resolve("chain.pem"))));
    assertTrue(mismatch.getMessage().contains("does not belong"), mismatch.getMessage());
  }

  private static String colonHex(byte[] b) {
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(b);
  }

  static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    return out;
  }
}
