package dev.signet.registry.server.replication.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Serves {@link ReplicationAdminHandler} as a Jetty handler of its own: it answers paths under
 * {@link ReplicationAdminHandler#PREFIX} and declines everything else, so it can sit first in a
 * {@code Handler.Sequence} before the registry's handler. It does not authenticate: behind the registry's
 * router (see the {@code Routes} wiring) the admin API gets the registry's access control instead.
 */
public final class ReplicationAdminJettyHandler extends Handler.Abstract {
  private final ReplicationAdminHandler admin;

  public ReplicationAdminJettyHandler(ReplicationAdminHandler admin) {
    this.admin = admin;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    String path = request.getHttpURI().getPath();
    String prefix = ReplicationAdminHandler.PREFIX;
    if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
      return false;
    }
    ReplicationAdminHandler.Response answer;
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes(ReplicationAdminHandler.MAX_BODY + 1);
      if (body.length > ReplicationAdminHandler.MAX_BODY) {
        answer = new ReplicationAdminHandler.Response(413, AdminJson.error("TOO_LARGE", "request body too large"));
      } else {
        Fields query = Request.extractQueryParameters(request);
        answer = admin.handle(request.getMethod(), path,
            name -> Optional.ofNullable(query.getValue(name)).filter(v -> !v.isEmpty()), body);
      }
    }
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ReplicationAdminHandler.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    boolean head = "HEAD".equals(request.getMethod());
    response.write(true, head ? null : ByteBuffer.wrap(answer.body()), callback);
    return true;
  }
}
