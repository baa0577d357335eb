package dev.signet.verify.testkit;

import dev.signet.testing.sigstore.TestLog;
import dev.signet.testing.sigstore.TestPki;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.ValidityWindow;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** The engine's trust records for material from {@code dev.signet.testing.sigstore} (which cannot name them). */
public final class Trust {
  private Trust() {}

  public static CertificateAuthority authority(ValidityWindow validFor, TestPki.Issued... chain) {
    return new CertificateAuthority("https://ca.test", "O=signet.test,CN=test",
        Arrays.stream(chain).map(TestPki.Issued::cert).toList(), validFor);
  }

  public static ValidityWindow always() {
    return ValidityWindow.from(Instant.EPOCH);
  }

  public static ValidityWindow window(Instant start, Instant end) {
    return new ValidityWindow(start, Optional.ofNullable(end));
  }

  public static TransparencyLog ctLog(TestPki.CtLog log, ValidityWindow validFor) {
    return new TransparencyLog("https://ct.test", log.logId(), log.key().getPublic(), "PKIX_ECDSA_P256_SHA_256",
        validFor);
  }

  public static TransparencyLog tlog(TestLog log, Instant validFrom) {
    return new TransparencyLog(log.baseUrl(), log.logId(), log.keys().getPublic(), log.keyDetails(),
        ValidityWindow.from(validFrom));
  }
}
