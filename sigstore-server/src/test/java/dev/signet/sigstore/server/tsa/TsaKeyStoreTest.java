package dev.signet.sigstore.server.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsaKeyStoreTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC);
  @TempDir Path tmp;

  @Test
  void createsOnFirstStartWithAPrivateKeyFileAndLoadsTheSameIdentityAfterwards() throws Exception {
    Path dir = tmp.resolve("data/tsa");
    TsaIdentity created = TsaKeyStore.loadOrCreate(dir, "signet.test", CLOCK);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(TsaKeyStore.KEY_FILE))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(dir.resolve(TsaKeyStore.CHAIN_FILE))).isEqualTo(created.chainPem());
    TsaIdentity loaded = TsaKeyStore.loadOrCreate(dir, "ignored", CLOCK);
    assertThat(loaded.chain()).isEqualTo(created.chain());
    assertThat(loaded.signingKey().getEncoded()).isEqualTo(created.signingKey().getEncoded());
  }

  @Test
  void profileIsCriticalTimeStampingOnlyUnderACaRoot() throws Exception {
    TsaIdentity id = TsaKeyStore.loadOrCreate(tmp, "signet.test", CLOCK);
    var leaf = id.signingCertificate();
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
    assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.37", "2.5.29.15");
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(id.chain().get(1).getBasicConstraints()).isZero();
    leaf.verify(id.chain().get(1).getPublicKey());
    assertThat(leaf.getNotBefore().toInstant()).isBefore(CLOCK.instant());
  }

  @Test
  void refusesAKeyReadableByOthers() throws Exception {
    TsaKeyStore.loadOrCreate(tmp, "signet.test", CLOCK);
    Files.setPosixFilePermissions(tmp.resolve(TsaKeyStore.KEY_FILE), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> TsaKeyStore.loadOrCreate(tmp, "signet.test", CLOCK))
        .hasMessageContaining("accessible by other users").hasMessageEndingWith("chmod 600 it");
  }

  @Test
  void refusesHalfAPairAndAMismatchedKey() throws Exception {
    TsaKeyStore.loadOrCreate(tmp.resolve("a"), "signet.test", CLOCK);
    TsaKeyStore.loadOrCreate(tmp.resolve("b"), "signet.test", CLOCK);
    Files.copy(tmp.resolve("b").resolve(TsaKeyStore.CHAIN_FILE), tmp.resolve("a").resolve(TsaKeyStore.CHAIN_FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> TsaKeyStore.loadOrCreate(tmp.resolve("a"), "signet.test", CLOCK))
        .hasMessageContaining("is not the key of the first certificate");

    Files.delete(tmp.resolve("b").resolve(TsaKeyStore.CHAIN_FILE));
    assertThatThrownBy(() -> TsaKeyStore.loadOrCreate(tmp.resolve("b"), "signet.test", CLOCK))
        .hasMessageContaining("has signing-key.pem but no chain.pem");

    Files.writeString(tmp.resolve("b").resolve(TsaKeyStore.CHAIN_FILE), "not pem");
    assertThatThrownBy(() -> TsaKeyStore.loadOrCreate(tmp.resolve("b"), "signet.test", CLOCK))
        .isInstanceOf(TsaException.class);
  }
}
