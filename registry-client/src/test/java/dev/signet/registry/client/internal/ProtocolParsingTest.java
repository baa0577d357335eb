package dev.signet.registry.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.RegistryError;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import dev.signet.registry.client.UnauthorizedException;
import dev.signet.registry.client.UnsupportedByRegistryException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Header and error-body parsing in isolation. */
class ProtocolParsingTest {
  private static final String ACTION = "GET manifest reg.example/app:v1";

  @Test
  void parsesErrorBodiesWithDetailAndUnknownCodes() {
    List<RegistryError> errors = ErrorMapper.parseErrors(("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\","
        + "\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"v1\"}},{\"code\":\"TAG_INVALID\"}]}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN);
    assertThat(errors.get(0).detail()).isEqualTo("{\"Tag\":\"v1\"}");
    assertThat(errors.get(1).code()).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(errors.get(1).rawCode()).isEqualTo("TAG_INVALID");
    assertThat(ErrorMapper.parseErrors("<html/>".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void mapsStatusesToExceptionTypes() {
    assertThat(map(404, "application/json", "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repo\"}]}"))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NAME_UNKNOWN))
        .hasMessage(ACTION + ": NAME_UNKNOWN repo");
    assertThat(map(404, "", "")).isInstanceOfSatisfying(NotFoundException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN));
    assertThat(map(404, "text/plain; charset=utf-8", "404 page not found")).isInstanceOf(NotFoundException.class);
    assertThat(map(403, "application/json", "{\"errors\":[{\"code\":\"DENIED\"}]}"))
        .isInstanceOf(UnauthorizedException.class);
    assertThat(map(405, "", "")).isInstanceOf(UnsupportedByRegistryException.class);
    assertThat(map(400, "application/json", "{\"errors\":[{\"code\":\"UNSUPPORTED\"}]}"))
        .isInstanceOf(UnsupportedByRegistryException.class);
    assertThat(map(503, "text/html", "<html/>")).isInstanceOf(RegistryTransportException.class)
        .hasMessage(ACTION + ": registry answered HTTP 503 with text/html instead of a JSON error");
    assertThat(map(400, "application/json", "{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"bad\"}]}"))
        .isExactlyInstanceOf(RegistryException.class).hasMessage(ACTION + ": MANIFEST_INVALID bad");
  }

  @Test
  void errorCodesCarryTheirHttpStatus() {
    assertThat(ErrorCode.MANIFEST_UNKNOWN.httpStatus()).isEqualTo(404);
    assertThat(ErrorCode.DENIED.httpStatus()).isEqualTo(403);
    assertThat(ErrorCode.TOOMANYREQUESTS.httpStatus()).isEqualTo(429);
    assertThat(ErrorCode.fromWire("blob_unknown")).isEqualTo(ErrorCode.BLOB_UNKNOWN);
  }

  @Test
  void linkHeaderNextTarget() {
    URI req = URI.create("https://reg.example/v2/app/tags/list");
    assertThat(LinkHeader.next(List.of("</v2/app/tags/list?last=b&n=2>; rel=\"next\""), req))
        .contains(URI.create("https://reg.example/v2/app/tags/list?last=b&n=2"));
    assertThat(LinkHeader.next(List.of("<https://x.example/p1>; rel=\"prev\", <https://x.example/p3>; rel=next"), req))
        .contains(URI.create("https://x.example/p3"));
    assertThat(LinkHeader.next(List.of("<a,b>; rel=\"prev\""), req)).isEmpty();
    assertThat(LinkHeader.next(List.of(), req)).isEmpty();
  }

  @Test
  void retryAfterSecondsAndDates() {
    assertThat(RetryAfter.parse("7")).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon")).isEmpty();
    assertThat(RetryAfter.parse(null)).isEmpty();
  }

  private static RegistryException map(int status, String contentType, String body) {
    String ct = contentType.contains(";") ? contentType.substring(0, contentType.indexOf(';')) : contentType;
    return ErrorMapper.toException(ACTION, status, ct, body.getBytes(StandardCharsets.UTF_8),
        ErrorCode.MANIFEST_UNKNOWN, 1, true);
  }
}
