package dev.signet.sigstore.ca.ct;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Child process of {@link CtLogCrashTest}: appends the chain in CHAIN_PEM to the CT log in DIR forever,
 * printing {@code ack INDEX TIMESTAMP SIGNATURE} after each SCT is returned (that is, acknowledged).
 */
public final class CtAppender {
  public static void main(String[] args) throws Exception {
    List<X509Certificate> chain = new ArrayList<>();
    for (var c : CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))))) {
      chain.add((X509Certificate) c);
    }
    CtLog log = CtLog.open(Path.of(args[0]), "crash".toCharArray(), List.of(chain.get(chain.size() - 1)),
        Clock.systemUTC());
    System.out.println("ready " + log.size());
    System.out.flush();
    while (true) {
      long index = log.size();
      Sct sct = log.addChain(chain);
      System.out.println("ack " + index + " " + sct.timestampMillis() + " "
          + Base64.getEncoder().encodeToString(sct.signature()));
      System.out.flush();
    }
  }
}
