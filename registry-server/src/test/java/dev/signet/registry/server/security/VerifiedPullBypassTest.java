package dev.signet.registry.server.security;

import static dev.signet.registry.server.security.SecuredRegistry.PUSHER;
import static dev.signet.registry.server.security.SecuredRegistry.READER;
import static dev.signet.registry.server.security.SecuredRegistry.descriptor;
import static dev.signet.registry.server.security.SecuredRegistry.manifest;
import static dev.signet.registry.server.security.SecuredRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, findings 1 and 2: an account with push rights must not be able to get an unsigned runnable
 * image served to a pull-only account under an enforce policy by dressing it up as a signature.
 */
class VerifiedPullBypassTest {
  @TempDir Path data;
  SecuredRegistry r;
  Digest target;

  @BeforeEach
  void start() {
    r = SecuredRegistry.start(data);
    target = r.image("v1", "target");
  }

  @AfterEach
  void stop() {
    r.close();
  }

  private void assertRefusedToReader(String reference) {
    HttpResponse<byte[]> g = r.get(READER, reference);
    assertThat(g.statusCode()).as("GET " + reference + " as reader: " + text(g)).isEqualTo(412);
    assertThat(SecuredRegistry.json(g).at("/errors/0/code").asText()).isEqualTo("DENIED");
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/octet-stream", "application/vnd.oci.image.config.v1+JSON",
      "application/vnd.oci.image.config.v1+json ", "application/vnd.oci.image.config.v1+json;charset=utf-8",
      "application/json", "application/vnd.oci.empty.v1+json", "APPLICATION/VND.DOCKER.CONTAINER.IMAGE.V1+JSON"})
  void finding1_aRunnableImageWithAnOddConfigMediaTypeAndASubjectIsJudged(String configType) {
    SecuredRegistry.Parts p = r.runnableParts("bypass " + configType);
    byte[] m = manifest(p.configDescriptor(configType), List.of(p.layerDescriptor(MediaTypes.OCI_LAYER_GZIP)),
        r.subjectOf(target));
    Digest d = r.pushed(Digest.sha256(m).toString(), m);

    assertRefusedToReader(d.toString());
    assertThat(r.get(PUSHER, d.toString()).statusCode()).as("the pusher stays exempt").isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/vnd.dev.cosign.simplesigning.v1+json",
      "application/vnd.oci.image.layer.v1.tar+GZIP", "application/x-unknown-layer",
      "application/vnd.in-toto+json; charset=utf-8", "application/vnd.dsse.envelope.v1+json"})
  void finding1_aTarLayerUnderAPayloadOrUnknownMediaTypeIsJudged(String layerType) {
    SecuredRegistry.Parts p = r.runnableParts("layer " + layerType);
    byte[] m = manifest(p.configDescriptor(MediaTypes.OCI_CONFIG), List.of(p.layerDescriptor(layerType)), null);
    r.pushed(SignatureTags.signatureTag(target), m);

    assertRefusedToReader(SignatureTags.signatureTag(target));
    assertRefusedToReader(Digest.sha256(m).toString());
  }

  @Test
  void finding2_caseVariantKeysAreRejectedSoNoParserDifferenceCanHideLayers() {
    SecuredRegistry.Parts p = r.runnableParts("case");
    r.blob("{}".getBytes(StandardCharsets.UTF_8));
    String empty = descriptor(MediaTypes.OCI_EMPTY, Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)), 2);
    String body = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
        + "\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"config\":" + empty + ",\"layers\":[],"
        + "\"Config\":" + p.configDescriptor(MediaTypes.OCI_CONFIG) + ",\"Layers\":["
        + p.layerDescriptor(MediaTypes.OCI_LAYER_GZIP) + "],\"subject\":" + r.subjectOf(target) + "}";
    byte[] m = body.getBytes(StandardCharsets.UTF_8);

    HttpResponse<byte[]> put = r.put(PUSHER, Digest.sha256(m).toString(), MediaTypes.OCI_MANIFEST, m);

    assertThat(put.statusCode()).as(text(put)).isEqualTo(400);
    assertThat(SecuredRegistry.json(put).at("/errors/0/code").asText()).isEqualTo("MANIFEST_INVALID");
    assertThat(text(put)).contains("Config").contains("config");
    assertThat(r.get(READER, Digest.sha256(m).toString()).statusCode()).isEqualTo(404);
  }

  @Test
  void finding2_duplicateKeysAreRejected() {
    SecuredRegistry.Parts p = r.runnableParts("dup");
    String empty = descriptor(MediaTypes.OCI_EMPTY, Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)), 2);
    r.blob("{}".getBytes(StandardCharsets.UTF_8));
    String body = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":" + empty
        + ",\"layers\":[],\"layers\":[" + p.layerDescriptor(MediaTypes.OCI_LAYER_GZIP) + "],\"subject\":"
        + r.subjectOf(target) + "}";
    byte[] m = body.getBytes(StandardCharsets.UTF_8);

    HttpResponse<byte[]> put = r.put(PUSHER, Digest.sha256(m).toString(), MediaTypes.OCI_MANIFEST, m);

    assertThat(put.statusCode()).as(text(put)).isEqualTo(400);
    assertThat(text(put)).contains("MANIFEST_INVALID").contains("duplicate").contains("layers");
  }

  @Test
  void genuineSignaturesAndReferrersStayReadableToThePullOnlyAccount() throws Exception {
    assertRefusedToReader("v1");
    Digest sig = Signatures.legacy(r, target, SecuredRegistry.TRUSTED);
    Digest ref = Signatures.bundle(r, target, 100, SecuredRegistry.TRUSTED);

    for (String reference : List.of(SignatureTags.signatureTag(target), sig.toString(), ref.toString(), "v1")) {
      HttpResponse<byte[]> g = r.get(READER, reference);
      assertThat(g.statusCode()).as("GET " + reference + ": " + text(g)).isEqualTo(200);
    }
  }
}
