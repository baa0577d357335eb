package dev.signet.oracle.sigstorejava;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampered variants of the real public-good keyless DSSE bundle (cosign's {@code oci-attestation.sigstore.json}
 * with {@code trusted_root_pgi.json}), each judged by sigstore-java 2.0.0 and by Signet's engine with the
 * same root, identity and digest. Both accept the original; both reject every variant, except where a
 * variant lists the reason why one of them accepts it.
 */
class PublicGoodTamperTableTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String E = "/verificationMaterial/tlogEntries/0";
  private static final String SAN = "cody@soyland.com";
  private static final String ISSUER = "https://github.com/login/oauth";
  private static final String DIGEST = "732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4";

  /**
   * One tamper: an edit of the bundle JSON and/or the trusted-root JSON, or another identity, digest or
   * root file. {@code sigstoreJavaAccepts} / {@code signetAccepts}: null when that verifier must reject the
   * variant, else the reason why it accepts it (a recorded disagreement, or a change that is no tamper).
   */
  record Tamper(String name, Consumer<ObjectNode> bundleEdit, Consumer<ObjectNode> rootEdit, String san,
      String issuer, String digest, Path otherRoot, String sigstoreJavaAccepts, String signetAccepts) {
    Tamper acceptedBySigstoreJava(String reason) {
      return new Tamper(name, bundleEdit, rootEdit, san, issuer, digest, otherRoot, reason, signetAccepts);
    }

    Tamper acceptedBySignet(String reason) {
      return new Tamper(name, bundleEdit, rootEdit, san, issuer, digest, otherRoot, sigstoreJavaAccepts, reason);
    }
  }

  @Test
  void bothRejectEveryTamperAndAcceptTheOriginal(@TempDir Path tmp) throws Exception {
    Path dir = Vectors.dir("cosign/bundles");
    Path bundleFile = dir.resolve("oci-attestation.sigstore.json");
    Path rootFile = dir.resolve("trusted_root_pgi.json");
    Path mockDir = Vectors.dir("sigstore-js/mock-keyless-uri");
    String mockLeaf = JSON.readTree(Vectors.read(mockDir.resolve("bundle-blob-rekor-v1-notsa.json")))
        .at("/verificationMaterial/x509CertificateChain/certificates/0/rawBytes").asText();
    SigstoreJavaOracle sigstoreJava = new SigstoreJavaOracle();
    SignetEngine signet = new SignetEngine();

    List<Tamper> tampers = tampers(mockLeaf, mockDir.resolve("trusted_root.json"));
    assertThat(tampers).hasSizeGreaterThanOrEqualTo(25);

    byte[] original = Vectors.read(bundleFile);
    byte[] digest = HexFormat.of().parseHex(DIGEST);
    Outcome jsOriginal = sigstoreJava.verify(original, rootFile, SAN, ISSUER, digest);
    Outcome signetOriginal = signet.verify(original, rootFile, SAN, ISSUER, digest);
    StringBuilder table = new StringBuilder(String.format("%-44s | signet: %-80.80s | sigstore-java: %s%n",
        "untampered", signetOriginal, jsOriginal));
    List<String> failures = new ArrayList<>();
    int bothReject = 0;
    for (int i = 0; i < tampers.size(); i++) {
      Tamper t = tampers.get(i);
      byte[] json = original;
      if (t.bundleEdit() != null) {
        ObjectNode b = (ObjectNode) JSON.readTree(original);
        t.bundleEdit().accept(b);
        json = JSON.writeValueAsBytes(b);
        assertThat(json).as(t.name() + " changed nothing").isNotEqualTo(JSON.writeValueAsBytes(JSON.readTree(original)));
      }
      Path root = t.otherRoot() != null ? t.otherRoot() : rootFile;
      if (t.rootEdit() != null) {
        ObjectNode r = (ObjectNode) JSON.readTree(Vectors.read(rootFile));
        t.rootEdit().accept(r);
        root = Files.write(tmp.resolve("root-" + i + ".json"), JSON.writeValueAsBytes(r));
      }
      String san = t.san() != null ? t.san() : SAN;
      String issuer = t.issuer() != null ? t.issuer() : ISSUER;
      byte[] d = HexFormat.of().parseHex(t.digest() != null ? t.digest() : DIGEST);
      Outcome js = sigstoreJava.verify(json, root, san, issuer, d);
      Outcome engine = signet.verify(json, root, san, issuer, d);
      table.append(String.format("%-44s | signet: %-80.80s | sigstore-java: %s%n", t.name(), engine, js));
      if (engine.ok() != (t.signetAccepts() != null)) {
        failures.add("Signet " + (engine.ok() ? "accepted " : "rejected ") + t.name()
            + (t.signetAccepts() != null ? " (recorded as accepted: " + t.signetAccepts() + ")" : ""));
      }
      if (js.ok() != (t.sigstoreJavaAccepts() != null)) {
        failures.add("sigstore-java " + (js.ok() ? "accepted " : "rejected ") + t.name()
            + (t.sigstoreJavaAccepts() != null ? " (recorded as accepted: " + t.sigstoreJavaAccepts() + ")" : ""));
      }
      bothReject += !engine.ok() && !js.ok() ? 1 : 0;
    }
    System.out.println("public-good bundle tamper table: Signet vs sigstore-java 2.0.0\n" + table);
    assertThat(signetOriginal.ok()).as("Signet on the original\n" + table).isTrue();
    assertThat(jsOriginal.ok()).as("sigstore-java on the original\n" + table).isTrue();
    assertThat(failures).as("\n" + table).isEmpty();
    assertThat(bothReject).isGreaterThanOrEqualTo(30);
  }

  private static List<Tamper> tampers(String mockLeaf, Path mockRoot) {
    List<Tamper> t = new ArrayList<>();
    // certificate
    t.add(bundle("certificate replaced (mock leaf)", b -> ((ObjectNode) b.at("/verificationMaterial/certificate"))
        .put("rawBytes", mockLeaf)));
    t.add(bundle("certificate signature bit flip", b -> flip(b, "/verificationMaterial/certificate", "rawBytes", 10)));
    // SET and what it covers
    t.add(bundle("SET bit flip", b -> flip(b, E + "/inclusionPromise", "signedEntryTimestamp", 3)));
    t.add(bundle("SET removed", b -> ((ObjectNode) b.at(E)).remove("inclusionPromise")));
    t.add(bundle("entry log index + 1", b -> addToInt(b, E, "logIndex", 1)));
    t.add(bundle("integrated time + 1", b -> addToInt(b, E, "integratedTime", 1)));
    t.add(bundle("integrated time - 1 year", b -> addToInt(b, E, "integratedTime", -31_536_000)));
    t.add(bundle("log id unknown", b -> ((ObjectNode) b.at(E + "/logId"))
        .put("keyId", Base64.getEncoder().encodeToString(new byte[32]))));
    // inclusion proof
    t.add(bundle("proof hash 0 bit flip", b -> flipArray(b, E + "/inclusionProof/hashes", 0)));
    t.add(bundle("proof hash 15 bit flip", b -> flipArray(b, E + "/inclusionProof/hashes", 15)));
    t.add(bundle("proof hash dropped", b -> ((ArrayNode) b.at(E + "/inclusionProof/hashes")).remove(15)));
    t.add(bundle("proof log index + 1 (= tree size)", b -> addToInt(b, E + "/inclusionProof", "logIndex", 1))
        .acceptedBySigstoreJava("sigstore-java 2.0.0 does not check that the proof's leaf index is below the tree"
            + " size: index 53604735 in a tree of 53604735 apparently walks the same path as the last leaf 53604734 and"
            + " recomputes the signed root; Signet rejects an out-of-range index (RFC 9162 2.1.3.2)"));
    t.add(bundle("proof log index - 1", b -> addToInt(b, E + "/inclusionProof", "logIndex", -1)));
    t.add(bundle("proof tree size + 1", b -> addToInt(b, E + "/inclusionProof", "treeSize", 1)));
    t.add(bundle("proof root hash bit flip", b -> flip(b, E + "/inclusionProof", "rootHash", 3)));
    t.add(bundle("inclusion proof removed", b -> ((ObjectNode) b.at(E)).remove("inclusionProof")));
    // checkpoint
    t.add(bundle("checkpoint signature bit flip", b -> editCheckpoint(b, c -> {
      int i = c.lastIndexOf(' ') + 20;
      return c.substring(0, i) + (c.charAt(i) == 'A' ? 'B' : 'A') + c.substring(i + 1);
    })));
    t.add(bundle("checkpoint root line changed", b -> editCheckpoint(b, c -> c.replace(
        "nd/V1IEweXlu0reIQGaGK1d51xW4Rj8fUyTrmcUkrMY=", Base64.getEncoder().encodeToString(new byte[32])))));
    t.add(bundle("checkpoint size line changed", b -> editCheckpoint(b, c -> c.replace("\n53604735\n",
        "\n53604736\n"))));
    t.add(bundle("checkpoint key name changed", b -> editCheckpoint(b, c ->
        c.replace("\u2014 rekor.sigstore.dev ", "\u2014 rekor.example.com "))));
    // log entry body
    t.add(bundle("body byte flipped", b -> {
      byte[] raw = Base64.getDecoder().decode(b.at(E + "/canonicalizedBody").asText());
      raw[raw.length / 2] ^= 0x01;
      ((ObjectNode) b.at(E)).put("canonicalizedBody", Base64.getEncoder().encodeToString(raw));
    }));
    t.add(bundle("body payloadHash changed", b -> editBody(b, body -> ((ObjectNode) body.at("/spec/payloadHash"))
        .put("value", "00".repeat(32)))));
    t.add(bundle("kindVersion changed to intoto", b -> ((ObjectNode) b.at(E + "/kindVersion")).put("kind", "intoto"))
        .acceptedBySigstoreJava("kindVersion is an unsigned hint outside the SET; sigstore-java reads the kind from"
            + " the signed body and ignores it, Signet rejects a bundle whose kindVersion contradicts the body"));
    t.add(bundle("tlog entries removed", b -> ((ArrayNode) b.at("/verificationMaterial/tlogEntries")).removeAll()));
    t.add(bundle("tlog entry duplicated (no tamper)", b -> ((ArrayNode) b.at("/verificationMaterial/tlogEntries"))
        .add(b.at(E).deepCopy()))
        .acceptedBySigstoreJava("an identical copy of a valid entry claims nothing new; sigstore-java verifies one")
        .acceptedBySignet("an identical copy of a valid entry claims nothing new; both copies verify"));
    // DSSE envelope
    t.add(bundle("DSSE payload changed", b -> {
      String payload = new String(Base64.getDecoder().decode(b.at("/dsseEnvelope/payload").asText()),
          StandardCharsets.UTF_8);
      String changed = payload.replace("127.0.0.1", "127.0.0.2");
      assertThat(changed).isNotEqualTo(payload);
      ((ObjectNode) b.get("dsseEnvelope")).put("payload",
          Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8)));
    }));
    t.add(bundle("DSSE payloadType changed", b -> ((ObjectNode) b.get("dsseEnvelope"))
        .put("payloadType", "application/json")));
    t.add(bundle("DSSE signature bit flip", b -> flip(b, "/dsseEnvelope/signatures/0", "sig", 3)));
    // the request: identity, issuer, artifact
    t.add(request("identity another SAN", "someone@soyland.com", null, null, null));
    t.add(request("identity SAN prefix only", "cody@soyland.co", null, null, null));
    t.add(request("issuer another", null, "https://accounts.google.com", null, null));
    t.add(request("artifact digest wrong", null, null, "73".repeat(32), null));
    // the trust material
    t.add(request("another trusted root (sigstore-js mock)", null, null, null, mockRoot));
    t.add(root("trusted root without the Rekor log", r -> ((ArrayNode) r.get("tlogs")).removeAll()));
    t.add(root("trusted root without Fulcio CAs", r -> ((ArrayNode) r.get("certificateAuthorities")).removeAll()));
    t.add(root("trusted root without CT logs", r -> ((ArrayNode) r.get("ctlogs")).removeAll()));
    t.add(root("trusted root current Fulcio CA ends 2024", r ->
        ((ObjectNode) r.at("/certificateAuthorities/1/validFor")).put("end", "2024-01-01T00:00:00Z")));
    t.add(root("trusted root Rekor log ends 2024", r ->
        ((ObjectNode) r.at("/tlogs/0/publicKey/validFor")).put("end", "2024-01-01T00:00:00Z"))
        .acceptedBySigstoreJava("sigstore-java 2.0.0 does not apply the log key's validFor.end: an entry integrated"
            + " on 2025-02-28 verifies against a Rekor key whose validity ended on 2024-01-01; Signet requires the"
            + " integrated time inside the key's validity window"));
    t.add(root("trusted root Rekor key replaced", r -> {
      ObjectNode pk = (ObjectNode) r.at("/tlogs/0/publicKey");
      pk.put("rawBytes", r.at("/ctlogs/0/publicKey/rawBytes").asText());
    }));
    return t;
  }

  private static Tamper bundle(String name, Consumer<ObjectNode> edit) {
    return new Tamper(name, edit, null, null, null, null, null, null, null);
  }

  private static Tamper root(String name, Consumer<ObjectNode> edit) {
    return new Tamper(name, null, edit, null, null, null, null, null, null);
  }

  private static Tamper request(String name, String san, String issuer, String digest, Path otherRoot) {
    return new Tamper(name, null, null, san, issuer, digest, otherRoot, null, null);
  }

  private static void flip(ObjectNode b, String parent, String field, int fromEnd) {
    ObjectNode p = (ObjectNode) b.at(parent);
    byte[] raw = Base64.getDecoder().decode(p.get(field).asText());
    raw[raw.length - fromEnd] ^= 0x01;
    p.put(field, Base64.getEncoder().encodeToString(raw));
  }

  private static void flipArray(ObjectNode b, String array, int i) {
    ArrayNode a = (ArrayNode) b.at(array);
    byte[] raw = Base64.getDecoder().decode(a.get(i).asText());
    raw[5] ^= 0x40;
    a.set(i, JSON.getNodeFactory().textNode(Base64.getEncoder().encodeToString(raw)));
  }

  private static void addToInt(ObjectNode b, String parent, String field, long delta) {
    ObjectNode p = (ObjectNode) b.at(parent);
    p.put(field, Long.toString(Long.parseLong(p.get(field).asText()) + delta));
  }

  private static void editCheckpoint(ObjectNode b, UnaryOperator<String> edit) {
    ObjectNode cp = (ObjectNode) b.at(E + "/inclusionProof/checkpoint");
    String before = cp.get("envelope").asText();
    String after = edit.apply(before);
    assertThat(after).as("checkpoint edit changed nothing").isNotEqualTo(before);
    cp.put("envelope", after);
  }

  private static void editBody(ObjectNode b, Consumer<JsonNode> edit) {
    try {
      ObjectNode e = (ObjectNode) b.at(E);
      JsonNode body = JSON.readTree(Base64.getDecoder().decode(e.get("canonicalizedBody").asText()));
      edit.accept(body);
      e.put("canonicalizedBody", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(body)));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
