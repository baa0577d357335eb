package dev.signet.verify.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.crypto.VerifierCache;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.testkit.Vectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checkpoint cache on a real sigstore-js mock Rekor v1 checkpoint: hits only on the exact text. */
class CheckpointCacheTest {
  private String envelope;
  private TransparencyLog log;
  private final VerifierCache verifiers = new VerifierCache(8);

  @BeforeEach
  void load() throws Exception {
    TrustedRoot root = TrustedRootParser.parse(Vectors.bytes("sigstore-js/mock-keyless-uri/trusted_root.json"));
    envelope = new ObjectMapper().readTree(Vectors.bytes("sigstore-js/mock-keyless-uri/bundle-blob-rekor-v1-notsa.json"))
        .at("/verificationMaterial/tlogEntries/0/inclusionProof/checkpoint/envelope").asText();
    log = root.tlogs().get(0);
    assertThat(envelope).contains("\n\n\u2014 ");
  }

  @Test
  void aVerifiedCheckpointIsKeptAndReturnedForTheSameText() throws Exception {
    CheckpointCache cache = new CheckpointCache(4);
    VerifiedCheckpoint first = cache.verify(envelope, log, WitnessPolicy.none(), verifiers);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.verify(new String(envelope.toCharArray()), log, WitnessPolicy.none(), verifiers)).isSameAs(first);
    assertThat(first).isEqualTo(CheckpointVerifier.verify(envelope, log, WitnessPolicy.none()));
  }

  @Test
  void anAlteredSignatureOrTextMissesTheCacheAndFails() throws Exception {
    CheckpointCache cache = new CheckpointCache(4);
    cache.verify(envelope, log, WitnessPolicy.none(), verifiers);
    int i = envelope.lastIndexOf(' ') + 20;
    String badSignature = envelope.substring(0, i) + (envelope.charAt(i) == 'A' ? 'B' : 'A') + envelope.substring(i + 1);
    assertThatThrownBy(() -> cache.verify(badSignature, log, WitnessPolicy.none(), verifiers))
        .isInstanceOf(VerificationException.class)
        .satisfies(e -> assertThat(((VerificationException) e).check()).isEqualTo(Check.CHECKPOINT));
    String badSize = envelope.replaceFirst("\n1\n", "\n2\n");
    assertThat(badSize).isNotEqualTo(envelope);
    assertThatThrownBy(() -> cache.verify(badSize, log, WitnessPolicy.none(), verifiers))
        .isInstanceOf(VerificationException.class);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void aCacheOfSizeZeroKeepsNothing() throws Exception {
    CheckpointCache cache = new CheckpointCache(0);
    VerifiedCheckpoint a = cache.verify(envelope, log, WitnessPolicy.none(), verifiers);
    VerifiedCheckpoint b = cache.verify(envelope, log, WitnessPolicy.none(), verifiers);
    assertThat(a).isEqualTo(b).isNotSameAs(b);
    assertThat(cache.size()).isZero();
  }
}
