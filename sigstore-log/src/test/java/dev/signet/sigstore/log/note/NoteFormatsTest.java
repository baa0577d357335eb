package dev.signet.sigstore.log.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.sigstore.log.LogException;
import dev.signet.sigstore.log.engine.LogState;
import dev.signet.verify.tlog.NoteVerifier;
import dev.signet.verify.tlog.SignedNote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoteFormatsTest {
  @TempDir
  Path dir;

  @Test
  void checkpointTextGolden() throws Exception {
    byte[] empty = MessageDigest.getInstance("SHA-256").digest();
    assertEquals("example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        CheckpointText.of("example.com/log", 0, empty));
    assertThrows(IllegalArgumentException.class, () -> CheckpointText.of("two\nlines", 1, empty));
  }

  @Test
  void ed25519KeyIdAndSignatureMatchTheVerifyModulesNoteVerifier() throws Exception {
    NoteSigner s = new NoteSigner("log.example.com", LogKey.generate(LogKey.Type.ED25519));
    NoteVerifier v = NoteVerifier.ed25519("log.example.com", s.key().publicKey());
    assertArrayEquals(v.fullKeyId(), s.logId());
    String note = s.signNote("log.example.com\n5\nAAAA\n");
    assertTrue(note.startsWith("log.example.com\n5\nAAAA\n\n\u2014 log.example.com "), note);
    SignedNote parsed = SignedNote.parse(note);
    assertEquals(1, parsed.signatures().size());
    assertTrue(v.matches(parsed.signatures().get(0)));
    v.verify(parsed.textBytes(), parsed.signatures().get(0));
    // vkey = name+hexid+base64(0x01 ‖ key); the base64 may itself contain '+', so split at the first two
    String[] vk = s.vkey().split("\\+", 3);
    assertEquals("log.example.com", vk[0]);
    assertEquals(java.util.HexFormat.of().formatHex(java.util.Arrays.copyOf(s.logId(), 4)), vk[1]);
    byte[] typed = java.util.Base64.getDecoder().decode(vk[2]);
    assertEquals(0x01, typed[0]);
    assertArrayEquals(v.fullKeyId(), NoteVerifier.ed25519("log.example.com",
        NoteVerifier.ed25519Key(java.util.Arrays.copyOfRange(typed, 1, 33))).fullKeyId());
  }

  @Test
  void ecdsaKeyIdIsTheSpkiHash() throws Exception {
    NoteSigner s = new NoteSigner("rekor.example.com", LogKey.generate(LogKey.Type.ECDSA_P256));
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(s.key().publicKey().getEncoded()), s.logId());
    NoteVerifier v = NoteVerifier.forLog("rekor.example.com", s.key().publicKey());
    SignedNote parsed = SignedNote.parse(s.signNote("rekor.example.com - 42\n1\nAAAA\n"));
    v.verify(parsed.textBytes(), parsed.signatures().get(0));
  }

  @Test
  void keyNamesWithSpacesOrPlusAreRefused() {
    LogKey k = LogKey.generate(LogKey.Type.ED25519);
    assertThrows(IllegalArgumentException.class, () -> new NoteSigner("a b", k));
    assertThrows(IllegalArgumentException.class, () -> new NoteSigner("a+b", k));
  }

  @Test
  void keyFilesAre0600ReloadAndBadOnesAreRefusedWithAReason() throws Exception {
    Path f = dir.resolve("keys/log-key.pem");
    LogKey k = LogKey.loadOrCreate(f, LogKey.Type.ED25519);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    assertEquals(k.publicKey(), LogKey.loadOrCreate(f, LogKey.Type.ED25519).publicKey());
    LogException wrongType = assertThrows(LogException.class, () -> LogKey.loadOrCreate(f, LogKey.Type.ECDSA_P256));
    assertTrue(wrongType.getMessage().contains("ED25519"), wrongType.getMessage());
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    LogException open = assertThrows(LogException.class, () -> LogKey.load(f));
    assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());
    Path g = dir.resolve("garbage.pem");
    Files.writeString(g, "nothing here", StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(g, PosixFilePermissions.fromString("rw-------"));
    assertTrue(assertThrows(LogException.class, () -> LogKey.load(g)).getMessage().contains("PRIVATE KEY"));
    // a private key with someone else's public key
    LogKey other = LogKey.generate(LogKey.Type.ED25519);
    Path mixed = dir.resolve("mixed.pem");
    Files.writeString(mixed, LogKey.pem("PRIVATE KEY", k.privateKey().getEncoded())
        + LogKey.pem("PUBLIC KEY", other.publicKey().getEncoded()));
    Files.setPosixFilePermissions(mixed, PosixFilePermissions.fromString("rw-------"));
    assertThrows(LogException.class, () -> LogKey.load(mixed));
  }

  @Test
  void logStateRoundTripsAndHasAStableEncoding() {
    LogState s = new LogState(7, new byte[32], 1700000000, "o\n7\nAAAA\n\n\u2014 o sig\n");
    String golden = "signet-log-state 1\nsize 7\nroot AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ntime 1700000000\n\n"
        + "o\n7\nAAAA\n\n\u2014 o sig\n";
    assertEquals(golden, new String(s.encode(), StandardCharsets.UTF_8));
    LogState back = LogState.decode(s.encode());
    assertEquals(7, back.size());
    assertEquals(s.checkpoint(), back.checkpoint());
    assertThrows(IllegalArgumentException.class, () -> LogState.decode("junk".getBytes(StandardCharsets.UTF_8)));
  }
}
