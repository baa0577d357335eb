package dev.signet.registry.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signet.oci.MediaTypes;
import java.util.Optional;

/**
 * Jazzer fuzz test of {@link ManifestParser}: any bytes either parse or fail with a {@link RegistryException}
 * (a 400, never a 500), and whatever is accepted reads the same config, layers and subject as a Go client
 * ({@link GoStyleClient}). In the normal build it replays the seed corpus in
 * {@code src/test/resources/.../ManifestParserFuzzTestInputs/parse}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ManifestParserFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parse(byte[] data) {
    for (String contentType : new String[] {MediaTypes.OCI_MANIFEST, null}) {
      ParsedManifest parsed;
      try {
        parsed = ManifestParser.parse(data, contentType);
      } catch (RegistryException e) {
        assertThat(e.getMessage()).isNotBlank();
        continue;
      }
      if (parsed.index()) {
        continue;
      }
      Optional<GoStyleClient.Manifest> go = GoStyleClient.decode(data);
      assertThat(go).isPresent();
      assertThat(go.get().config().digest()).isEqualTo(parsed.config().digest().toString());
      assertThat(go.get().layers().stream().map(GoStyleClient.Descriptor::digest).toList())
          .isEqualTo(parsed.layers().stream().map(l -> l.digest().toString()).toList());
      assertThat(go.get().subject() == null ? null : go.get().subject().digest())
          .isEqualTo(parsed.subject() == null ? null : parsed.subject().toString());
    }
  }
}
