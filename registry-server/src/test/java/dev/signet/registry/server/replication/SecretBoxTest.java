package dev.signet.registry.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  @TempDir Path dir;

  @Test
  void sealsUnderAKeyFileOnlyTheOwnerReads() throws Exception {
    Path keyFile = dir.resolve("replication.key");
    SecretBox box = SecretBox.open(keyFile);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    assertThat(Files.size(keyFile)).isEqualTo(32);
    byte[] sealed = box.seal("s3cret-value", "rule-a");
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret-value");
    assertThat(box.seal("s3cret-value", "rule-a")).as("fresh nonce each time").isNotEqualTo(sealed);
    assertThat(SecretBox.open(keyFile).open(sealed, "rule-a")).isEqualTo("s3cret-value");
  }

  @Test
  void anotherContext_anotherKey_orTampering_failToOpen() throws Exception {
    SecretBox box = SecretBox.open(dir.resolve("a.key"));
    byte[] sealed = box.seal("s3cret-value", "rule-a");
    assertThatThrownBy(() -> box.open(sealed, "rule-b")).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> SecretBox.open(dir.resolve("b.key")).open(sealed, "rule-a"))
        .isInstanceOf(GeneralSecurityException.class);
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> box.open(sealed, "rule-a")).isInstanceOf(GeneralSecurityException.class);
  }
}
