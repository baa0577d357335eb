package dev.signet.registry.server.replication.http;

import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.registry.server.replication.ManifestListener;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the registry's handler and reports every successful manifest PUT ({@code 201}) to a
 * {@link ManifestListener}, from what the answer says: the repository and tag from the path,
 * {@code Docker-Content-Digest}, {@code OCI-Subject} and the {@code OCI-Tag}s of {@code ?tag=}. The
 * report is made when the answer is written, before it is sent; the listener only queues.
 */
public final class ManifestPushObserver extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestPushObserver.class);
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");

  private final ManifestListener listener;

  public ManifestPushObserver(Handler registry, ManifestListener listener) {
    super(registry);
    this.listener = listener;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if ("PUT".equals(request.getMethod())) {
      Matcher m = MANIFEST.matcher(request.getHttpURI().getPath());
      if (m.matches()) {
        return super.handle(request, new Observed(request, response, m.group(1), m.group(2)), callback);
      }
    }
    return super.handle(request, response, callback);
  }

  /** Reports the answer the first time it is written. */
  private final class Observed extends Response.Wrapper {
    private final String repository;
    private final String reference;
    private boolean reported;

    Observed(Request request, Response response, String repository, String reference) {
      super(request, response);
      this.repository = repository;
      this.reference = reference;
    }

    @Override
    public void write(boolean last, ByteBuffer content, Callback callback) {
      if (!reported) {
        reported = true;
        report();
      }
      super.write(last, content, callback);
    }

    private void report() {
      try {
        String digest = getHeaders().get("Docker-Content-Digest");
        if (getStatus() != 201 || digest == null) {
          return;
        }
        List<String> tags = new ArrayList<>();
        if (!Digest.isDigest(reference)) {
          tags.add(reference);
        }
        for (String t : getHeaders().getValuesList("OCI-Tag")) {
          if (!tags.contains(t)) {
            tags.add(t);
          }
        }
        String subject = getHeaders().get("OCI-Subject");
        listener.onManifestStored(repository, Digest.parse(digest),
            tags, subject == null ? Optional.empty() : Optional.of(Digest.parse(subject)));
      } catch (InvalidDigestException | RuntimeException e) {
        LOG.warn("manifest push to {} not reported to replication: {}", repository, e.toString());
      }
    }
  }
}
