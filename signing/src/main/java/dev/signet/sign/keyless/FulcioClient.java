package dev.signet.sign.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.crypto.CryptoException;
import dev.signet.crypto.Signer;
import dev.signet.crypto.keys.PublicKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Fulcio v2 {@code POST /api/v2/signingCert}: the public key with a proof of possession (the key's
 * signature over the token's email or subject) and the ID token, in the body and as a bearer header
 * (clients differ, Fulcio accepts both). Returns the chain the CA issued, checked to certify our key.
 */
public final class FulcioClient {
  static final String PATH = "/api/v2/signingCert";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final ServiceHttp http;

  /** {@code base}: the CA's base URL (the path is appended). */
  public FulcioClient(URI base, ServiceHttp http) {
    this.base = base;
    this.http = http;
  }

  public URI endpoint() {
    return Urls.append(base, PATH);
  }

  /** The request body (protojson {@code CreateSigningCertificateRequest}). */
  static byte[] requestBody(IdentityToken token, String publicKeyPem, byte[] proof) {
    ObjectNode req = JSON.createObjectNode();
    req.putObject("credentials").put("oidcIdentityToken", token.raw());
    ObjectNode pkr = req.putObject("publicKeyRequest");
    pkr.putObject("publicKey").put("algorithm", "ECDSA").put("content", publicKeyPem);
    pkr.put("proofOfPossession", Base64.getEncoder().encodeToString(proof));
    try {
      return JSON.writeValueAsBytes(req);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public SigningCertificate signingCert(IdentityToken token, Signer signer) throws KeylessException {
    byte[] proof;
    try {
      proof = signer.sign(token.challenge().getBytes(StandardCharsets.UTF_8));
    } catch (CryptoException e) {
      throw new KeylessException("sign the proof of possession: " + e.getMessage(), e);
    }
    URI uri = endpoint();
    ServiceHttp.Response r = http.post(uri, "application/json",
        requestBody(token, PublicKeys.toPem(signer.publicKey()), proof),
        Map.of("Authorization", "Bearer " + token.raw(), "Accept", "application/json"));
    if (!r.ok()) {
      throw new KeylessException("the CA at " + base + " refused the certificate for " + token.challenge()
          + " (HTTP " + r.status() + "): " + Urls.reason(r));
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new KeylessException("the CA at " + base + " answered with something that is not JSON: " + r.text(), e);
    }
    JsonNode signed = body == null ? null : body.has("signedCertificateEmbeddedSct")
        ? body.get("signedCertificateEmbeddedSct") : body.get("signedCertificateDetachedSct");
    JsonNode certs = signed == null ? null : signed.path("chain").path("certificates");
    if (certs == null || !certs.isArray() || certs.isEmpty()) {
      throw new KeylessException("the CA at " + base + " answered without a certificate chain");
    }
    List<String> pems = new ArrayList<>();
    certs.forEach(c -> pems.add(c.asText()));
    SigningCertificate cert;
    try {
      cert = SigningCertificate.fromPem(pems);
    } catch (IllegalArgumentException e) {
      throw new KeylessException("the CA at " + base + " answered with a chain that holds no PEM certificate", e);
    }
    if (!Arrays.equals(cert.leafKey().getEncoded(), signer.publicKey().getEncoded())) {
      throw new KeylessException("the CA at " + base + " issued a certificate for a different public key");
    }
    return cert;
  }
}
