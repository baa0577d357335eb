package dev.signet.sigstore.log.engine;

import dev.signet.sigstore.log.note.LogKey;
import dev.signet.sigstore.log.note.NoteSigner;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.ValidityWindow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Shared pieces of the engine tests. */
final class LogFixture {
  static final String HOST = "log.signet.test";

  private LogFixture() {}

  static NoteSigner ed25519() {
    return new NoteSigner(HOST, LogKey.generate(LogKey.Type.ED25519));
  }

  /** The trusted-root view of the log, as the verify module sees it. */
  static TransparencyLog trusted(NoteSigner s) {
    return new TransparencyLog("https://" + HOST, s.logId(), s.key().publicKey(), s.key().keyDetails(),
        ValidityWindow.from(Instant.parse("2020-01-01T00:00:00Z")));
  }

  static byte[] entry(int i) {
    return ("{\"entry\":" + i + ",\"pad\":\"" + "x".repeat(i % 37) + "\"}").getBytes(StandardCharsets.UTF_8);
  }
}
