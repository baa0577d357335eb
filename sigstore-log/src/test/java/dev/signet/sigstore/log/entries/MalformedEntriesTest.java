package dev.signet.sigstore.log.entries;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.testing.sigstore.RekorBodies;
import dev.signet.testing.sigstore.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mutated requests are either accepted or refused with an EntryException (a 400), never another exception (a 500). */
class MalformedEntriesTest {
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final ObjectMapper JSON = new ObjectMapper();

  interface Parser {
    ProposedEntry parse(byte[] b) throws EntryException;
  }

  @Test
  void mutationsNeverEscapeAsUnexpectedExceptions() throws Exception {
    KeyPair k = TestPki.ecKey();
    byte[] a = "artifact".getBytes(StandardCharsets.UTF_8);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(a);
    byte[] sig = TestPki.sign(k, a);
    ObjectNode v2 = JSON.createObjectNode();
    ObjectNode hr = v2.putObject("hashedRekordRequestV002").put("digest", B64.encodeToString(digest));
    ObjectNode ver = hr.putObject("signature").put("content", B64.encodeToString(sig)).putObject("verifier");
    ver.putObject("publicKey").put("rawBytes", B64.encodeToString(k.getPublic().getEncoded()));
    ver.put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
    ObjectNode v1 = JSON.createObjectNode().put("kind", "hashedrekord").put("apiVersion", "0.0.1");
    ObjectNode spec = v1.putObject("spec");
    spec.putObject("signature").put("content", B64.encodeToString(sig)).putObject("publicKey").put("content",
        B64.encodeToString(RekorBodies.pem("PUBLIC KEY", k.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII)));
    spec.putObject("data").putObject("hash").put("algorithm", "sha256").put("value", HexFormat.of().formatHex(digest));
    RekorV2Entries.parse(v2.toString().getBytes(StandardCharsets.UTF_8));
    RekorV1Entries.parse(v1.toString().getBytes(StandardCharsets.UTF_8));
    Random r = new Random(42);
    for (var c : List.<Object[]>of(new Object[] {v2.toString(), (Parser) RekorV2Entries::parse},
        new Object[] {v1.toString(), (Parser) RekorV1Entries::parse})) {
      byte[] valid = ((String) c[0]).getBytes(StandardCharsets.UTF_8);
      Parser p = (Parser) c[1];
      for (int n = 0; n < 3000; n++) {
        byte[] m = valid.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
          int at = r.nextInt(m.length);
          m[at] = switch (r.nextInt(4)) {
            case 0 -> (byte) r.nextInt(256);
            case 1 -> (byte) "{}[]\":,0aA=+/-".charAt(r.nextInt(14));
            case 2 -> (byte) (m[at] ^ (1 << r.nextInt(7)));
            default -> (byte) ' ';
          };
        }
        try {
          p.parse(m);
        } catch (EntryException expected) {
          // a 400
        } catch (RuntimeException unexpected) {
          fail("mutation " + n + " escaped as " + unexpected + ": " + new String(m, StandardCharsets.ISO_8859_1),
              unexpected);
        }
      }
    }
  }
}
