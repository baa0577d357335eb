package dev.signet.sign.keyless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.signet.crypto.Signer;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.testing.sigstore.TestPki;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Fulcio and RFC 3161 clients against small HTTP services built on BouncyCastle's TSP implementation and
 * the test PKI: what they send (proof of possession, bearer token, DER query), what they accept, and the
 * one-line errors for refusals, mismatching answers and unreachable services.
 */
class ServiceClientsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ISSUER = "https://issuer.example";
  private final ServiceHttp http = ServiceHttp.jdk(Duration.ofSeconds(10));
  private HttpServer server;

  private record Answer(int status, String type, byte[] body) {}

  private URI serve(Function<byte[], Answer> handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      byte[] in = ex.getRequestBody().readAllBytes();
      Answer a;
      try {
        a = handler.apply(in);
      } catch (RuntimeException e) {
        a = new Answer(500, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
      }
      lastAuthorization = ex.getRequestHeaders().getFirst("Authorization");
      lastPath = ex.getRequestURI().getPath();
      ex.getResponseHeaders().add("Content-Type", a.type());
      ex.sendResponseHeaders(a.status(), a.body().length);
      ex.getResponseBody().write(a.body());
      ex.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private volatile String lastAuthorization;
  private volatile String lastPath;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static String token(String sub) {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    return b.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + b.encodeToString(
        ("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + sub + "\",\"aud\":\"sigstore\"}").getBytes(StandardCharsets.UTF_8)) + ".";
  }

  /** A CA that checks the proof of possession over the subject and certifies {@code keyFor(submitted)}. */
  private Function<byte[], Answer> ca(TestPki.Issued root, Function<PublicKey, PublicKey> keyFor) {
    return body -> {
      try {
        JsonNode req = JSON.readTree(body);
        String jwt = req.path("credentials").path("oidcIdentityToken").asText();
        String sub = IdentityToken.parse(jwt).subject();
        PublicKey key = PublicKeys.parse(req.path("publicKeyRequest").path("publicKey").path("content").asText()
            .getBytes(StandardCharsets.US_ASCII), "request");
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(key);
        v.update(sub.getBytes(StandardCharsets.UTF_8));
        if (!v.verify(Base64.getDecoder().decode(req.path("publicKeyRequest").path("proofOfPossession").asText()))) {
          return new Answer(400, "application/json", "{\"code\":3,\"message\":\"bad proof\"}".getBytes());
        }
        TestPki.Issued leaf = TestPki.fulcioLeaf(root, "https://ci.example/" + sub, ISSUER)
            .key(new KeyPair(keyFor.apply(key), null)).build();
        String chain = JSON.writeValueAsString(JSON.createObjectNode().set("signedCertificateEmbeddedSct",
            JSON.createObjectNode().set("chain", JSON.createObjectNode().set("certificates",
                JSON.createArrayNode().add(TestPki.pem(leaf.cert())).add(TestPki.pem(root.cert()))))));
        return new Answer(200, "application/json", chain.getBytes(StandardCharsets.UTF_8));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  @Test
  void fulcioIssuesForOurKeyAfterCheckingTheProofOfPossession() throws Exception {
    TestPki.Issued root = TestPki.root("ca");
    URI base = serve(ca(root, k -> k));
    Signer signer = Signers.from(KeyGenerator.generateEcdsaP256());
    String jwt = token("builder");
    SigningCertificate cert = new FulcioClient(URI.create(base + "/"), http).signingCert(IdentityToken.parse(jwt), signer);
    assertThat(lastPath).isEqualTo("/api/v2/signingCert");
    assertThat(lastAuthorization).isEqualTo("Bearer " + jwt);
    assertThat(cert.leafKey().getEncoded()).isEqualTo(signer.publicKey().getEncoded());
    assertThat(cert.chainDer()).hasSize(2);
    assertThat(cert.chainPem()).isEqualTo(SigningCertificate.pem(root.cert().getEncoded()));
    assertThat(cert.leafPem()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
  }

  @Test
  void fulcioRefusalsAndForeignCertificatesAreOneLineErrors() throws Exception {
    TestPki.Issued root = TestPki.root("ca");
    PublicKey other = TestPki.ecKey().getPublic();
    URI wrongKey = serve(ca(root, k -> other));
    Signer signer = Signers.from(KeyGenerator.generateEcdsaP256());
    assertThatThrownBy(() -> new FulcioClient(wrongKey, http).signingCert(IdentityToken.parse(token("b")), signer))
        .hasMessage("the CA at " + wrongKey + " issued a certificate for a different public key");
    stop();
    URI refusing = serve(b -> new Answer(401, "application/json",
        "{\"code\":16,\"message\":\"There was an error processing the identity token\",\"details\":[]}".getBytes()));
    assertThatThrownBy(() -> new FulcioClient(refusing, http).signingCert(IdentityToken.parse(token("b")), signer))
        .hasMessage("the CA at " + refusing + " refused the certificate for b (HTTP 401): There was an error"
            + " processing the identity token");
    stop();
    server = null;
    assertThatThrownBy(() -> new FulcioClient(refusing, http).signingCert(IdentityToken.parse(token("b")), signer))
        .isInstanceOf(KeylessException.class).hasMessageStartingWith("cannot reach " + refusing + "/api/v2/signingCert");
  }

  /** A TSA built on BouncyCastle's TimeStampResponseGenerator; {@code alter} may change the request it answers. */
  private Function<byte[], Answer> tsa(TestPki.Issued leaf, Function<TimeStampRequest, TimeStampRequest> alter) {
    return body -> {
      try {
        var signerInfo = new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", leaf.key().getPrivate(),
            leaf.cert());
        var sha256 = new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
        var tokens = new TimeStampTokenGenerator(signerInfo, sha256, new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2"));
        TimeStampRequest req = alter.apply(new TimeStampRequest(body));
        if (req.getCertReq()) {
          tokens.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(java.util.List.of(leaf.cert())));
        }
        byte[] resp = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
            .generate(req, BigInteger.ONE, new Date()).getEncoded();
        return new Answer(201, "application/timestamp-reply", resp);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  @Test
  void timestampsAreOverTheSignatureAndMustMatchTheRequest() throws Exception {
    TestPki.Issued root = TestPki.root("tsa root");
    TestPki.Issued leaf = TestPki.tsaLeaf(root).validity(TestPki.T0.minusSeconds(3600), TestPki.T0.plusSeconds(86400L * 3650))
        .build();
    URI url = URI.create(serve(tsa(leaf, r -> r)) + "/api/v1/timestamp");
    byte[] signature = "the signature bytes".getBytes(StandardCharsets.UTF_8);
    byte[] der = new TimestampClient(url, http, new SecureRandom()).timestamp(signature);
    TimeStampResponse resp = new TimeStampResponse(der);
    assertThat(lastPath).isEqualTo("/api/v1/timestamp");
    assertThat(resp.getTimeStampToken().getTimeStampInfo().getMessageImprintDigest())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(signature));
    assertThat(resp.getTimeStampToken().getCertificates().getMatches(null)).hasSize(1);
    stop();

    // A TSA answering another request (another nonce) is refused.
    URI replaying = URI.create(serve(tsa(leaf, r -> {
      TimeStampRequestGenerator g = new TimeStampRequestGenerator();
      g.setCertReq(true);
      return g.generate(r.getMessageImprintAlgOID(), r.getMessageImprintDigest(), r.getNonce().add(BigInteger.ONE));
    })) + "/tsa");
    assertThatThrownBy(() -> new TimestampClient(replaying, http, new SecureRandom()).timestamp(signature))
        .hasMessageStartingWith("the timestamp authority at " + replaying + " answered with an unusable timestamp: ");
    stop();
    URI refusing = serve(b -> new Answer(400, "text/plain", "error parsing request\n".getBytes()));
    assertThatThrownBy(() -> new TimestampClient(refusing, http, new SecureRandom()).timestamp(signature))
        .hasMessage("the timestamp authority at " + refusing + " refused the request (HTTP 400): error parsing request");
  }
}
