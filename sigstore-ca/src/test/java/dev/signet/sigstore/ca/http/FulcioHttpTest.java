package dev.signet.sigstore.ca.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.sigstore.ca.CaConfig;
import dev.signet.sigstore.ca.FulcioService;
import dev.signet.sigstore.ca.OidcProvider;
import dev.signet.sigstore.ca.Pems;
import dev.signet.sigstore.ca.ct.CtEntries;
import dev.signet.verify.x509.CertificateChainVerifier;
import dev.signet.verify.x509.CertificatePurpose;
import dev.signet.verify.x509.Certificates;
import dev.signet.verify.x509.FulcioIdentity;
import dev.signet.verify.x509.SctVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fulcio's and RFC 6962's HTTP APIs over a real Jetty server with tokens from a real OIDC provider. */
class FulcioHttpTest {
  private static final char[] PW = "http-password".toCharArray();
  private static OidcProvider oidc;
  private static FulcioService service;
  private static CaServer server;

  @TempDir
  static Path data;

  @BeforeAll
  static void start() throws Exception {
    oidc = new OidcProvider();
    service = FulcioService.open(CaConfig.of(data, PW, oidc.issuers()));
    server = new CaServer(service);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    service.close();
    oidc.close();
  }

  static String keyRequest(String token, KeyPair k, byte[] proof) {
    ObjectNode n = CaServer.JSON.createObjectNode();
    if (token != null) {
      n.putObject("credentials").put("oidcIdentityToken", token);
    }
    ObjectNode pkr = n.putObject("publicKeyRequest");
    pkr.putObject("publicKey").put("algorithm", "ECDSA").put("content", publicPem(k));
    pkr.put("proofOfPossession", Base64.getEncoder().encodeToString(proof));
    return n.toString();
  }

  static String publicPem(KeyPair k) {
    return Pems.encode("PUBLIC KEY", k.getPublic().getEncoded());
  }

  static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  static byte[] sign(KeyPair k, String text) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(k.getPrivate());
    s.update(text.getBytes(StandardCharsets.UTF_8));
    return s.sign();
  }

  private static List<X509Certificate> chainOf(CaServer.Answer a) throws Exception {
    assertEquals(200, a.status(), a.body());
    JsonNode certs = a.json().at("/signedCertificateEmbeddedSct/chain/certificates");
    List<X509Certificate> out = new ArrayList<>();
    for (JsonNode c : certs) {
      out.addAll(Certificates.fromPem(c.asText().getBytes(StandardCharsets.US_ASCII), "response"));
    }
    return out;
  }

  private static void verifies(List<X509Certificate> chain) throws Exception {
    var trust = service.trust();
    var path = CertificateChainVerifier.verifyPath(chain.get(0), chain.subList(1, chain.size() - 1),
        List.of(trust.certificateAuthority(server.base().toString())), chain.get(0).getNotBefore().toInstant(),
        CertificatePurpose.CODE_SIGNING);
    assertEquals(1, SctVerifier.verify(chain.get(0), path.issuer(), List.of(trust.ctLog(server.base() + "/ct")), 1));
  }

  @Test
  void signingCertWithProofOfPossessionInTheBody() throws Exception {
    KeyPair k = p256();
    List<X509Certificate> chain = chainOf(server.post("/api/v2/signingCert",
        keyRequest(oidc.emailToken("alice@signet.test"), k, sign(k, "alice@signet.test"))));
    assertEquals(3, chain.size(), "leaf, intermediate, root");
    assertEquals(service.ca().chain(), chain.subList(1, 3));
    verifies(chain);
    assertEquals(List.of("alice@signet.test"), FulcioIdentity.of(chain.get(0)).subjectAlternativeNames());
  }

  @Test
  void tokenInTheAuthorizationHeaderAsSigstoreJavaSendsIt() throws Exception {
    KeyPair k = p256();
    List<X509Certificate> chain = chainOf(server.post("/api/v2/signingCert", keyRequest(null, k, sign(k, "bob@signet.test")),
        "Authorization", "Bearer " + oidc.emailToken("bob@signet.test")));
    verifies(chain);
  }

  @Test
  void signingCertWithACsr() throws Exception {
    KeyPair k = p256();
    var csr = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
        new org.bouncycastle.asn1.x500.X500Name("CN=x"), k.getPublic())
        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(k.getPrivate()));
    ObjectNode n = CaServer.JSON.createObjectNode();
    n.putObject("credentials").put("oidcIdentityToken", oidc.emailToken("carol@signet.test"));
    n.put("certificateSigningRequest", Base64.getEncoder().encodeToString(
        Pems.encode("CERTIFICATE REQUEST", csr.getEncoded()).getBytes(StandardCharsets.US_ASCII)));
    List<X509Certificate> chain = chainOf(server.post("/api/v2/signingCert", n.toString()));
    verifies(chain);
  }

  @Test
  void legacyV1ApiAsCosignCallsIt() throws Exception {
    KeyPair k = p256();
    ObjectNode n = CaServer.JSON.createObjectNode();
    n.putObject("publicKey").put("algorithm", "ecdsa").put("content",
        Base64.getEncoder().encodeToString(k.getPublic().getEncoded()));
    n.put("signedEmailAddress", Base64.getEncoder().encodeToString(sign(k, "erin@signet.test")));
    CaServer.Answer a = server.post("/api/v1/signingCert", n.toString(),
        "Authorization", "Bearer " + oidc.emailToken("erin@signet.test"));
    assertEquals(201, a.status(), a.body());
    List<X509Certificate> chain = Certificates.fromPem(a.body().getBytes(StandardCharsets.US_ASCII), "v1 response");
    assertEquals(3, chain.size());
    verifies(chain);
    assertEquals(List.of("erin@signet.test"), FulcioIdentity.of(chain.get(0)).subjectAlternativeNames());
    CaServer.Answer root = server.get("/api/v1/rootCert");
    assertEquals(200, root.status());
    assertEquals(service.ca().chain(), Certificates.fromPem(root.body().getBytes(StandardCharsets.US_ASCII), "rootCert"));
    CaServer.Answer noToken = server.post("/api/v1/signingCert", n.toString());
    assertEquals(401, noToken.status());
    n.put("signedEmailAddress", Base64.getEncoder().encodeToString(sign(k, "someone@else.test")));
    CaServer.Answer badPop = server.post("/api/v1/signingCert", n.toString(),
        "Authorization", "Bearer " + oidc.emailToken("erin@signet.test"));
    assertEquals(400, badPop.status(), badPop.body());
  }

  @Test
  void badInputTable() throws Exception {
    KeyPair k = p256();
    String alice = "alice@signet.test";
    byte[] pop = sign(k, alice);
    Map<String, Object[]> cases = new LinkedHashMap<>();
    cases.put("expired token", new Object[] {keyRequest(oidc.token("email", "u", "sigstore",
        Map.of("email", alice, "email_verified", true), -600), k, pop), 401, "expired"});
    cases.put("wrong audience", new Object[] {keyRequest(oidc.token("email", "u", "someone-else",
        Map.of("email", alice, "email_verified", true), 600), k, pop), 401, "audience"});
    cases.put("unknown issuer", new Object[] {keyRequest(oidc.token("rogue", "u", Map.of("email", alice)), k, pop),
        401, "not configured"});
    cases.put("badly signed token", new Object[] {keyRequest(tampered(oidc.emailToken(alice)), k, pop), 401,
        "signature of the OIDC identity token"});
    cases.put("no token", new Object[] {keyRequest(null, k, pop), 401, "no OIDC identity token"});
    cases.put("unverified email", new Object[] {keyRequest(oidc.token("email", "u",
        Map.of("email", alice, "email_verified", false)), k, pop), 401, "not verified"});
    cases.put("bad proof of possession", new Object[] {keyRequest(oidc.emailToken(alice), k, sign(k, "someone else")),
        400, "proof of possession does not verify"});
    cases.put("proof by another key", new Object[] {keyRequest(oidc.emailToken(alice), k, sign(p256(), alice)), 400,
        "proof of possession"});
    cases.put("garbage CSR", new Object[] {"{\"credentials\":{\"oidcIdentityToken\":\"" + oidc.emailToken(alice)
        + "\"},\"certificateSigningRequest\":\"" + Base64.getEncoder().encodeToString("garbage".getBytes()) + "\"}", 400,
        "certificateSigningRequest"});
    cases.put("CSR PEM with a junk body", new Object[] {"{\"credentials\":{\"oidcIdentityToken\":\"" + oidc.emailToken(alice)
        + "\"},\"certificateSigningRequest\":\"-----BEGIN CERTIFICATE REQUEST-----\\nMIIBAAAA\\n-----END CERTIFICATE REQUEST-----\"}",
        400, "PKCS#10"});
    cases.put("not JSON", new Object[] {"{nope", 400, "not valid JSON"});
    cases.put("empty body", new Object[] {"", 400, "empty"});
    cases.put("neither key nor CSR", new Object[] {"{\"credentials\":{\"oidcIdentityToken\":\"" + oidc.emailToken(alice)
        + "\"}}", 400, "neither publicKeyRequest nor certificateSigningRequest"});
    cases.put("proof not base64", new Object[] {keyRequest(oidc.emailToken(alice), k, pop).replaceAll(
        "\"proofOfPossession\":\"[^\"]*\"", "\"proofOfPossession\":\"***\""), 400, "not base64"});
    KeyPairGenerator weak = KeyPairGenerator.getInstance("RSA");
    weak.initialize(1024);
    KeyPair rsa1024 = weak.generateKeyPair();
    cases.put("weak RSA key", new Object[] {keyRequest(oidc.emailToken(alice), rsa1024, new byte[] {1}), 400, "1024 bits"});
    cases.put("public key garbage", new Object[] {keyRequest(oidc.emailToken(alice), k, pop).replaceAll(
        "\"content\":\"[^\"]*\"", "\"content\":\"-----BEGIN PUBLIC KEY-----\\\\nAAAA\\\\n-----END PUBLIC KEY-----\\\\n\""),
        400, "publicKeyRequest.publicKey.content"});
    long before = service.ctLog().size();
    List<String> failures = new ArrayList<>();
    for (var c : cases.entrySet()) {
      CaServer.Answer a = server.post("/api/v2/signingCert", (String) c.getValue()[0]);
      int status = (int) c.getValue()[1];
      String text = (String) c.getValue()[2];
      JsonNode body = a.status() == status ? a.json() : null;
      if (body == null || body.path("code").asInt() != (status == 401 ? 16 : 3)
          || !body.path("message").asText().contains(text)) {
        failures.add(c.getKey() + ": " + a.status() + " " + a.body());
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(before, service.ctLog().size(), "nothing refused was logged");
  }

  @Test
  void wrongMethodsAndForeignPaths() throws Exception {
    CaServer.Answer get = server.get("/api/v2/signingCert");
    assertEquals(405, get.status());
    assertEquals(12, get.json().path("code").asInt());
    assertEquals(404, server.get("/api/v2/nothing").status());
    assertEquals("fallthrough", server.get("/api/v2/nothing").body());
    assertEquals("fallthrough", server.get("/v2/").body());
    assertEquals("fallthrough", server.get("/ct/v1/get-entries").body());
    assertEquals(405, server.post("/ct/v1/get-sth", "{}").status());
  }

  @Test
  void trustBundleAndConfiguration() throws Exception {
    JsonNode bundle = server.get("/api/v2/trustBundle").json();
    List<String> pems = new ArrayList<>();
    bundle.at("/chains/0/certificates").forEach(c -> pems.add(c.asText()));
    assertEquals(service.ca().chain().stream().map(Pems::certificate).toList(), pems);
    JsonNode conf = server.get("/api/v2/configuration").json();
    assertEquals(oidc.issuers().size(), conf.path("issuers").size());
    JsonNode email = conf.path("issuers").get(0);
    assertEquals(oidc.issuer("email"), email.path("issuerUrl").asText());
    assertEquals("sigstore", email.path("audience").asText());
    assertEquals("email", email.path("issuerType").asText());
    assertEquals("email", email.path("challengeClaim").asText());
    assertEquals("github-workflow", conf.path("issuers").get(1).path("issuerType").asText());
  }

  @Test
  void ctEndpoints() throws Exception {
    KeyPair k = p256();
    List<X509Certificate> chain = chainOf(server.post("/api/v2/signingCert",
        keyRequest(oidc.emailToken("dave@signet.test"), k, sign(k, "dave@signet.test"))));
    JsonNode sth = server.get("/ct/v1/get-sth").json();
    long size = sth.path("tree_size").asLong();
    assertEquals(service.ctLog().size(), size);
    byte[] root = Base64.getDecoder().decode(sth.path("sha256_root_hash").asText());
    byte[] ds = Base64.getDecoder().decode(sth.path("tree_head_signature").asText());
    assertEquals(4, ds[0]);
    assertEquals(3, ds[1]);
    byte[] sig = java.util.Arrays.copyOfRange(ds, 4, ds.length);
    assertTrue(ecdsa(dev.signet.sigstore.ca.ct.SignedTreeHead.signedData(sth.path("timestamp").asLong(), size, root), sig));
    // add-chain with the final certificate: an x509_entry SCT
    ObjectNode req = CaServer.JSON.createObjectNode();
    var arr = req.putArray("chain");
    for (X509Certificate c : chain) {
      arr.add(Base64.getEncoder().encodeToString(c.getEncoded()));
    }
    CaServer.Answer added = server.post("/ct/v1/add-chain", req.toString());
    assertEquals(200, added.status(), added.body());
    JsonNode sct = added.json();
    assertEquals(0, sct.path("sct_version").asInt());
    assertEquals(Base64.getEncoder().encodeToString(service.trust().ctLogId()), sct.path("id").asText());
    byte[] sds = Base64.getDecoder().decode(sct.path("signature").asText());
    assertTrue(ecdsa(CtEntries.x509Leaf(sct.path("timestamp").asLong(), chain.get(0).getEncoded(), new byte[0]),
        java.util.Arrays.copyOfRange(sds, 4, sds.length)));
    assertEquals(size + 1, server.get("/ct/v1/get-sth").json().path("tree_size").asLong());
    // the final certificate is no precertificate, and garbage is refused
    assertEquals(400, server.post("/ct/v1/add-pre-chain", req.toString()).status());
    CaServer.Answer junk = server.post("/ct/v1/add-chain", "{\"chain\":[\"!!\"]}");
    assertEquals(400, junk.status());
    assertTrue(junk.json().path("message").asText().contains("chain[0]"), junk.body());
    assertEquals(400, server.post("/ct/v1/add-chain", "{\"chain\":[\"" + Base64.getEncoder().encodeToString(
        "not a cert".getBytes()) + "\"]}").status());
    assertEquals(400, server.post("/ct/v1/add-chain", "{}").status());
    assertEquals(size + 1, service.ctLog().size());
  }

  private static boolean ecdsa(byte[] data, byte[] sig) throws Exception {
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(service.trust().ctLogKey());
    v.update(data);
    return v.verify(sig);
  }

  private static String tampered(String token) {
    String[] p = token.split("\\.");
    byte[] sig = Base64.getUrlDecoder().decode(p[2]);
    sig[10] ^= 1;
    return p[0] + "." + p[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
  }
}
