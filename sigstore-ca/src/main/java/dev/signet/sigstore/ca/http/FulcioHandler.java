package dev.signet.sigstore.ca.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.sigstore.ca.CaException;
import dev.signet.sigstore.ca.FulcioService;
import dev.signet.sigstore.ca.IssuedCertificate;
import dev.signet.sigstore.ca.Pems;
import dev.signet.sigstore.ca.oidc.IssuerType;
import dev.signet.sigstore.ca.oidc.OidcIssuer;
import java.security.cert.X509Certificate;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fulcio's REST API under an optional path prefix: {@code POST /api/v2/signingCert} (200 with
 * {@code signedCertificateEmbeddedSct.chain.certificates}: leaf, intermediates, root as PEM),
 * {@code GET /api/v2/trustBundle}, {@code GET /api/v2/configuration}, and the legacy
 * {@code POST /api/v1/signingCert} (201, PEM chain) and {@code GET /api/v1/rootCert}. Other paths:
 * {@code false}.
 */
public final class FulcioHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(FulcioHandler.class);

  private final FulcioService service;
  private final String prefix;

  /** @param prefix path prefix without trailing slash ({@code ""} to serve at the root) */
  public FulcioHandler(FulcioService service, String prefix) {
    this.service = service;
    this.prefix = prefix == null ? "" : prefix.replaceAll("/+$", "");
  }

  public FulcioHandler(FulcioService service) {
    this(service, "");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    if (path == null || !path.startsWith(prefix + "/api/v")) {
      return false;
    }
    String op = path.substring(prefix.length() + "/api/".length());
    Exchange ex = new Exchange(request, response, callback);
    try {
      switch (op) {
        case "v1/signingCert" -> {
          if (!"POST".equals(ex.method())) {
            ex.methodNotAllowed("POST");
          } else {
            legacySigningCert(ex);
          }
        }
        case "v1/rootCert" -> {
          if (!"GET".equals(ex.method()) && !"HEAD".equals(ex.method())) {
            ex.methodNotAllowed("GET");
          } else {
            ex.sendText(200, "application/pem-certificate-chain", String.join("",
                service.ca().chain().stream().map(Pems::certificate).toList()));
          }
        }
        case "v2/signingCert" -> {
          if (!"POST".equals(ex.method())) {
            ex.methodNotAllowed("POST");
          } else {
            signingCert(ex);
          }
        }
        case "v2/trustBundle" -> get(ex, this::trustBundle);
        case "v2/configuration" -> get(ex, this::configuration);
        default -> {
          return false;
        }
      }
    } catch (CaException | RuntimeException e) {
      ex.fail(e, LOG);
    }
    return true;
  }

  private void get(Exchange ex, java.util.function.Supplier<JsonNode> body) {
    if (!"GET".equals(ex.method()) && !"HEAD".equals(ex.method())) {
      ex.methodNotAllowed("GET");
    } else {
      ex.sendJson(200, body.get());
    }
  }

  private void signingCert(Exchange ex) throws CaException {
    JsonNode body = ex.jsonBody();
    String token = SigningCertRequests.token(body, ex.header("Authorization"));
    IssuedCertificate issued = service.signingCertificate(token, SigningCertRequests.request(body));
    ObjectNode out = Exchange.JSON.createObjectNode();
    ArrayNode certs = out.putObject("signedCertificateEmbeddedSct").putObject("chain").putArray("certificates");
    issued.pemChain().forEach(certs::add);
    ex.sendJson(200, out);
  }

  /**
   * Fulcio's legacy v1 API (what cosign 2's client calls): token only in {@code Authorization: Bearer},
   * body {@code {"publicKey":{"content":<base64 DER>,"algorithm":"ecdsa"},"signedEmailAddress":<base64>}}
   * or {@code certificateSigningRequest}; answer 201 with the PEM chain (leaf first) and no {@code SCT}
   * header, the SCT being embedded.
   */
  private void legacySigningCert(Exchange ex) throws CaException {
    JsonNode body = ex.jsonBody();
    String token = SigningCertRequests.token(body, ex.header("Authorization"));
    IssuedCertificate issued = service.signingCertificate(token, SigningCertRequests.legacyRequest(body));
    ex.sendText(201, "application/pem-certificate-chain", String.join("", issued.pemChain()));
  }

  private JsonNode trustBundle() {
    ObjectNode out = Exchange.JSON.createObjectNode();
    ArrayNode certs = out.putArray("chains").addObject().putArray("certificates");
    for (X509Certificate c : service.ca().chain()) {
      certs.add(Pems.certificate(c));
    }
    return out;
  }

  private JsonNode configuration() {
    ObjectNode out = Exchange.JSON.createObjectNode();
    ArrayNode issuers = out.putArray("issuers");
    for (OidcIssuer i : service.issuers()) {
      ObjectNode n = issuers.addObject();
      n.put("issuerUrl", i.issuerUrl());
      n.put("audience", i.audience());
      n.put("challengeClaim", i.type() == IssuerType.EMAIL ? "email" : "sub");
      n.put("issuerType", i.type().fulcioName());
      if (!i.subjectDomain().isEmpty()) {
        n.put("subjectDomain", i.subjectDomain());
      }
    }
    return out;
  }
}
