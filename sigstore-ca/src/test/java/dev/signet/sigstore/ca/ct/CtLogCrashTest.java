package dev.signet.sigstore.ca.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.sigstore.ca.CaKeys;
import dev.signet.sigstore.ca.Pems;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process appending to the CT log, twice: after restart every acknowledged entry is there,
 * in order, with the acknowledged timestamp, and its SCT verifies over the stored leaf; appends continue.
 */
class CtLogCrashTest {
  @TempDir
  Path dir;

  record Ack(long index, long timestamp, byte[] signature) {}

  private List<Ack> runAndKill(Path log, Path chain, int acks) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CtAppender.class.getName(), log.toString(), chain.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    List<Ack> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; out.size() < acks && (line = in.readLine()) != null; ) {
        String[] f = line.split(" ");
        if (f[0].equals("ack")) {
          out.add(new Ack(Long.parseLong(f[1]), Long.parseLong(f[2]), Base64.getDecoder().decode(f[3])));
        }
      }
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(acks, out.size(), "the child acknowledged appends");
    return out;
  }

  @Test
  void acknowledgedEntriesSurviveKill9() throws Exception {
    CaKeys ca = CaKeys.generate("signet", Instant.now(), new SecureRandom());
    Path chain = Files.writeString(dir.resolve("chain.pem"), Pems.certificate(ca.issuer()) + Pems.certificate(ca.root()));
    Path logDir = dir.resolve("ct");
    List<Ack> acks = new ArrayList<>(runAndKill(logDir, chain, 150));
    List<Ack> second = runAndKill(logDir, chain, 150);
    // entries appended after the last acknowledgement may have survived too: the second run starts at or after 150
    assertTrue(second.get(0).index() >= 150, "second run starts at " + second.get(0).index());
    acks.addAll(second);
    for (int i = 1; i < acks.size(); i++) {
      assertTrue(acks.get(i).index() > acks.get(i - 1).index(), "indexes increase: " + acks.get(i).index());
    }
    try (CtLog log = CtLog.open(logDir, "crash".toCharArray(), List.of(ca.root()), Clock.systemUTC())) {
      long lastAck = acks.get(acks.size() - 1).index();
      assertTrue(log.size() > lastAck, "log has " + log.size() + " entries, last acknowledged index " + lastAck);
      List<byte[]> leaves;
      try (EntryFile file = EntryFile.open(logDir.resolve("entries.bin"))) {
        leaves = file.recovered().stream().map(EntryFile.Entry::leaf).toList();
      }
      byte[] der = ca.issuer().getEncoded();
      Signature v = Signature.getInstance("SHA256withECDSA");
      for (Ack a : acks) {
        byte[] expected = CtEntries.x509Leaf(a.timestamp(), der, new byte[0]);
        assertArrayEquals(expected, leaves.get((int) a.index()), "entry " + a.index());
        v.initVerify(log.publicKey());
        v.update(leaves.get((int) a.index()));
        assertTrue(v.verify(a.signature()), "SCT " + a.index());
      }
      log.addChain(List.of(ca.issuer(), ca.root()));
    }
  }
}
