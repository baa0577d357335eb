package dev.signet.sigstore.ca.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.sigstore.ca.CaException;
import dev.signet.sigstore.ca.ct.CtLog;
import dev.signet.sigstore.ca.ct.Sct;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 6962 §4 endpoints of the CA's CT log under an optional prefix: {@code POST /ct/v1/add-chain},
 * {@code POST /ct/v1/add-pre-chain} (body {@code {"chain":[base64 DER, …]}}, answer the SCT JSON) and
 * {@code GET /ct/v1/get-sth}. Other paths: {@code false}.
 */
public final class CtLogHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(CtLogHandler.class);

  private final CtLog log;
  private final String prefix;

  public CtLogHandler(CtLog log, String prefix) {
    this.log = log;
    this.prefix = prefix == null ? "" : prefix.replaceAll("/+$", "");
  }

  public CtLogHandler(CtLog log) {
    this(log, "");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    if (path == null || !path.startsWith(prefix + "/ct/v1/")) {
      return false;
    }
    String op = path.substring(prefix.length() + "/ct/v1/".length());
    if (!op.equals("add-chain") && !op.equals("add-pre-chain") && !op.equals("get-sth")) {
      return false;
    }
    Exchange ex = new Exchange(request, response, callback);
    try {
      if (op.equals("get-sth")) {
        if (!"GET".equals(ex.method())) {
          ex.methodNotAllowed("GET");
        } else {
          ex.sendJson(200, log.treeHead().toJson());
        }
      } else if (!"POST".equals(ex.method())) {
        ex.methodNotAllowed("POST");
      } else {
        List<X509Certificate> chain = chain(ex.jsonBody());
        Sct sct = op.equals("add-chain") ? log.addChain(chain) : log.addPreChain(chain);
        ex.sendJson(200, sct.toJson());
      }
    } catch (CaException | RuntimeException e) {
      ex.fail(e, LOG);
    }
    return true;
  }

  private static List<X509Certificate> chain(JsonNode body) throws CaException {
    JsonNode chain = body.get("chain");
    if (chain == null || !chain.isArray() || chain.isEmpty()) {
      throw CaException.invalid("request needs a non-empty \"chain\" array of base64 DER certificates");
    }
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      for (int i = 0; i < chain.size(); i++) {
        byte[] der;
        try {
          der = Base64.getDecoder().decode(chain.get(i).asText());
        } catch (IllegalArgumentException e) {
          throw CaException.invalid("chain[" + i + "] is not base64");
        }
        try {
          out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(der)));
        } catch (CertificateException e) {
          throw CaException.invalid("chain[" + i + "] is not a DER X.509 certificate: " + e.getMessage());
        }
      }
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has an X.509 certificate factory", e);
    }
    return out;
  }
}
