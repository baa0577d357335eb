package dev.signet.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRegistryFixture;
import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.sign.ImageResolver;
import dev.signet.sign.ImageSigner;
import dev.signet.sign.ImageVerifier;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SignOptions;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.internal.Pauser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests per image for bulk sign and verify against the Signet registry (referrers API, conditional
 * writes), counted by the client: v3 signing takes three requests per image, and verification either
 * one batch request for all images (where the registry offers {@code Signet-Batch-Signatures: v1}) or
 * three per image. The batch half skips visibly on a registry without the endpoint.
 */
class BulkRequestsTest {
  private static final int IMAGES = 6;

  @TempDir Path data;
  @TempDir Path dir;

  @Test
  void signsAndVerifiesManyImagesWithFewRequests() throws Exception {
    try (SignetRegistryFixture registry = SignetRegistryFixture.start(data, dir)) {
      List<ImageReference> byDigest = new ArrayList<>();
      List<ImageReference> mixed = new ArrayList<>();
      for (int i = 0; i < IMAGES; i++) {
        CliRegistryFixture.Pushed p = registry.push("bulk/app", "v" + i);
        ImageReference d = ImageReference.parse(p.byDigest());
        byDigest.add(d);
        mixed.add(i % 2 == 0 ? d : ImageReference.parse(p.ref()));
      }
      PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();
      VerificationPolicy policy = VerificationPolicy.forKey(key.publicKey()).withIgnoreTlog(true);

      try (HttpRegistryClient client = HttpRegistryClient.builder().build()) {
        ImageSigner signer = new ImageSigner(client, Clock.systemUTC(), Pauser.jittered());
        for (ResolvedImage image : new ImageResolver(client).resolveAll(byDigest, 4)) {
          signer.sign(image, Signers.from(key), SignOptions.defaults().withFormat(SignatureFormat.BUNDLE));
        }
        // per image: HEAD manifest, bundle POST (single-request upload), manifest PUT; once: config POST,
        // referrers probe
        assertThat(client.requestsSent()).as("sign requests").isEqualTo(3L * IMAGES + 2);
      }

      HttpResponse<byte[]> ping = registry.send("GET", "/v2/");
      boolean batch = ping.headers().allValues("Signet-Batch-Signatures").stream().anyMatch(v -> v.contains("v1"));
      try (HttpRegistryClient client = HttpRegistryClient.builder().build()) {
        List<ImageVerifier.Outcome> outcomes = new ImageVerifier(client).verifyAll(mixed, policy, 4);
        assertThat(outcomes).extracting(ImageVerifier.Outcome::reference).containsExactlyElementsOf(mixed);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.verified()).as("%s: %s", o.reference(), o.failure()).isTrue());
        if (!batch) {
          // discovery once; per image referrers, bundle manifest, bundle blob; per tag the manifest GET
          assertThat(client.requestsSent()).as("verify requests without the batch")
              .isEqualTo(1 + 3L * IMAGES + IMAGES / 2);
        } else {
          assertThat(client.requestsSent()).as("verify requests with the batch").isEqualTo(2);
        }
      }
      Assumptions.assumeTrue(batch, "skipped the batch half: this Signet registry does not offer the batch read"
          + " (no Signet-Batch-Signatures: v1 on GET /v2/; the endpoint comes from branch regsrv)");
    }
  }
}
