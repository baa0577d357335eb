package dev.signet.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerifierCacheTest {
  private static final byte[] DATA = "cached".getBytes(StandardCharsets.UTF_8);

  @Test
  void reusesOneVerifierPerKeyAndAlgorithmAndStillVerifies() throws Exception {
    PrivateKeyHandle a = KeyGenerator.generateEcdsaP256();
    PrivateKeyHandle b = KeyGenerator.generateEcdsaP256();
    VerifierCache cache = new VerifierCache(10);
    Verifier first = cache.get(a.publicKey());
    assertThat(cache.get(a.publicKey())).isSameAs(first);
    assertThat(cache.get(b.publicKey())).isNotSameAs(first);
    byte[] sig = Signers.from(a).sign(DATA);
    for (int i = 0; i < 20; i++) { // past the switch to precomputed tables
      cache.get(a.publicKey()).verify(DATA, sig);
    }
    assertThatThrownBy(() -> cache.get(b.publicKey()).verify(DATA, sig))
        .isInstanceOf(SignatureVerificationException.class);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void isBoundedAndChecksAlgorithmsLikeVerifiers() throws Exception {
    VerifierCache cache = new VerifierCache(1);
    PrivateKeyHandle a = KeyGenerator.generateEcdsaP256();
    PrivateKeyHandle b = KeyGenerator.generateEcdsaP256();
    cache.get(a.publicKey());
    Verifier unkept = cache.get(b.publicKey());
    assertThat(cache.get(b.publicKey())).isNotSameAs(unkept);
    assertThat(cache.size()).isEqualTo(1);
    assertThatThrownBy(() -> cache.get(a.publicKey(), SignatureAlgorithm.ED25519))
        .isInstanceOf(UnsupportedKeyException.class);
  }
}
