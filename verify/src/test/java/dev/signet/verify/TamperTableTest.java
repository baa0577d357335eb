package dev.signet.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.bundle.BundleFormatException;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.oci.Digest;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.testkit.Vectors;
import dev.signet.verify.x509.IdentityPolicy.Identity;
import dev.signet.verify.x509.IdentityPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampered variants of two real keyless bundles (the public-good DSSE attestation with a 16-hash Rekor v1
 * proof, and a sigstore-js mock message-signature bundle), each run through the engine and through
 * {@code @sigstore/verify}: both accept the untampered bundles and both reject every variant.
 */
class TamperTableTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String E = "/verificationMaterial/tlogEntries/0";

  /** A bundle, its trusted root, identity and artifact digest. */
  record Base(String name, Path bundle, Path root, String identity, String issuer, String digest) {}

  /**
   * One tamper: a change to the bundle JSON, or to the request (digest, root). {@code oracleIgnores}:
   * a Rekor v1 proof field that {@code @sigstore/verify} 3.1.1 does not read (it proves against the signed
   * checkpoint's size and root); the engine rejects the inconsistency, the oracle accepts it.
   */
  record Tamper(String name, Base base, Consumer<ObjectNode> change, String digest, Path root, boolean oracleIgnores) {
    Tamper(String name, Base base, Consumer<ObjectNode> change, String digest, Path root) {
      this(name, base, change, digest, root, false);
    }
  }

  @Test
  void engineAndSigstoreJsBothRejectEveryTamperAndAcceptTheOriginals(@TempDir Path tmp) throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    Path cosign = Vectors.dir("cosign/bundles");
    Path uri = Vectors.dir("sigstore-js/mock-keyless-uri");
    Path email = Vectors.dir("sigstore-js/mock-keyless-email");
    Base pgi = new Base("public-good dsse", cosign.resolve("oci-attestation.sigstore.json"),
        cosign.resolve("trusted_root_pgi.json"), "cody@soyland.com", "https://github.com/login/oauth",
        "sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4");
    Base mock = new Base("mock message signature", uri.resolve("bundle-blob-rekor-v1-notsa.json"),
        uri.resolve("trusted_root.json"), "https://signer.example.com/ci", "https://oidc.mock.local",
        "sha256:a06b0edad67aa9d7dfad5d014799a05c4e73fca6643d28812cb2f1358f4c3760");
    String mockLeaf = JSON.readTree(Files.readAllBytes(mock.bundle()))
        .at("/verificationMaterial/x509CertificateChain/certificates/0/rawBytes").asText();

    List<Tamper> tampers = new ArrayList<>();
    // inclusion proof
    tampers.add(t("proof hash 0 bit flip", pgi, b -> flipArray(b, E + "/inclusionProof/hashes", 0)));
    tampers.add(t("proof hash 15 bit flip", pgi, b -> flipArray(b, E + "/inclusionProof/hashes", 15)));
    tampers.add(t("proof hash dropped", pgi, b -> ((ArrayNode) b.at(E + "/inclusionProof/hashes")).remove(15)));
    tampers.add(t("proof hash appended", pgi, b -> ((ArrayNode) b.at(E + "/inclusionProof/hashes"))
        .add(b.at(E + "/inclusionProof/hashes/0").asText())));
    tampers.add(t("proof hashes swapped", pgi, b -> {
      ArrayNode h = (ArrayNode) b.at(E + "/inclusionProof/hashes");
      String first = h.get(0).asText();
      h.set(0, h.get(1));
      h.set(1, JSON.getNodeFactory().textNode(first));
    }));
    tampers.add(ignoredByOracle("proof tree size + 1", pgi, b -> addToInt(b, E + "/inclusionProof", "treeSize", 1)));
    tampers.add(ignoredByOracle("proof tree size - 1", pgi, b -> addToInt(b, E + "/inclusionProof", "treeSize", -1)));
    tampers.add(t("proof log index + 1", pgi, b -> addToInt(b, E + "/inclusionProof", "logIndex", 1)));
    tampers.add(ignoredByOracle("proof root hash bit flip", pgi, b -> flip(b, E + "/inclusionProof", "rootHash")));
    // SET and what it covers
    tampers.add(t("entry log index + 1", pgi, b -> addToInt(b, E, "logIndex", 1)));
    tampers.add(t("integrated time + 1", pgi, b -> addToInt(b, E, "integratedTime", 1)));
    tampers.add(t("integrated time + 10 years", pgi, b -> addToInt(b, E, "integratedTime", 315_360_000)));
    tampers.add(t("SET bit flip", pgi, b -> flip(b, E + "/inclusionPromise", "signedEntryTimestamp")));
    tampers.add(t("SET removed", pgi, b -> ((ObjectNode) b.at(E)).remove("inclusionPromise")));
    tampers.add(t("log id unknown", pgi, b -> ((ObjectNode) b.at(E + "/logId"))
        .put("keyId", Base64.getEncoder().encodeToString(new byte[32]))));
    // checkpoint
    tampers.add(t("checkpoint signature bit flip", pgi, b -> editCheckpoint(b, c -> {
      int i = c.lastIndexOf(' ') + 20;
      return c.substring(0, i) + (c.charAt(i) == 'A' ? 'B' : 'A') + c.substring(i + 1);
    })));
    tampers.add(t("checkpoint origin changed", pgi, b -> editCheckpoint(b, c ->
        c.replace("rekor.sigstore.dev - 1193050959916656506", "rekor.sigstore.dev - 1193050959916656507"))));
    tampers.add(t("checkpoint size line changed", pgi, b -> editCheckpoint(b, c -> c.replace("\n53604735\n",
        "\n53604736\n"))));
    tampers.add(t("checkpoint root line changed", pgi, b -> editCheckpoint(b, c -> c.replace(
        "nd/V1IEweXlu0reIQGaGK1d51xW4Rj8fUyTrmcUkrMY=", Base64.getEncoder().encodeToString(new byte[32])))));
    tampers.add(t("checkpoint key name changed", pgi, b -> editCheckpoint(b, c ->
        c.replace("\u2014 rekor.sigstore.dev ", "\u2014 rekor.example.com "))));
    tampers.add(t("checkpoint signatures removed", pgi, b -> editCheckpoint(b, c -> c.substring(0,
        c.lastIndexOf("\n\n") + 1) + "\n")));
    // body consistency
    tampers.add(t("body payloadHash changed", pgi, b -> editBody(b, body -> ((ObjectNode) body.at("/spec/payloadHash"))
        .put("value", "00".repeat(32)))));
    tampers.add(t("body signature changed", pgi, b -> editBody(b, body -> ((ObjectNode) body.at("/spec/signatures/0"))
        .put("signature", Base64.getEncoder().encodeToString("other".getBytes())))));
    tampers.add(t("body verifier changed", pgi, b -> editBody(b, body -> ((ObjectNode) body.at("/spec/signatures/0"))
        .put("verifier", Base64.getEncoder().encodeToString(("-----BEGIN CERTIFICATE-----\n" + mockLeaf
            + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII))))));
    tampers.add(t("body kind changed", pgi, b -> editBody(b, body -> ((ObjectNode) body).put("kind", "intoto"))));
    tampers.add(t("body byte flipped", pgi, b -> {
      byte[] raw = Base64.getDecoder().decode(b.at(E + "/canonicalizedBody").asText());
      raw[raw.length / 2] ^= 0x01;
      ((ObjectNode) b.at(E)).put("canonicalizedBody", Base64.getEncoder().encodeToString(raw));
    }));
    tampers.add(t("kindVersion kind changed", pgi, b -> ((ObjectNode) b.at(E + "/kindVersion")).put("kind",
        "hashedrekord")));
    tampers.add(t("tlog entries removed", pgi, b -> ((ArrayNode) b.at("/verificationMaterial/tlogEntries")).removeAll()));
    // envelope, certificate, artifact
    tampers.add(t("DSSE payload changed", pgi, b -> {
      String payload = new String(Base64.getDecoder().decode(b.at("/dsseEnvelope/payload").asText()),
          StandardCharsets.UTF_8);
      ((ObjectNode) b.get("dsseEnvelope")).put("payload", Base64.getEncoder().encodeToString(
          payload.replace("foo", "fop").getBytes(StandardCharsets.UTF_8)));
    }));
    tampers.add(t("DSSE payload type changed", pgi, b -> ((ObjectNode) b.get("dsseEnvelope"))
        .put("payloadType", "application/json")));
    tampers.add(t("DSSE signature bit flip", pgi, b -> flip(b, "/dsseEnvelope/signatures/0", "sig")));
    tampers.add(t("certificate replaced", pgi, b -> ((ObjectNode) b.at("/verificationMaterial/certificate"))
        .put("rawBytes", mockLeaf)));
    tampers.add(new Tamper("artifact digest wrong", pgi, b -> { }, "sha256:" + "73".repeat(32), null));
    tampers.add(new Tamper("another trusted root", mock, b -> { }, null, email.resolve("trusted_root.json")));
    // message-signature bundle
    tampers.add(t("message signature bit flip", mock, b -> flip(b, "/messageSignature", "signature")));
    tampers.add(t("message digest changed", mock, b -> flip(b, "/messageSignature/messageDigest", "digest")));
    tampers.add(t("hashedrekord data.hash changed", mock, b -> editBody(b, body ->
        ((ObjectNode) body.at("/spec/data/hash")).put("value", "ab".repeat(32)))));
    tampers.add(t("checkpoint Timestamp extension changed", mock, b -> editCheckpoint(b, c ->
        c.replace("Timestamp: 1795701140000000000", "Timestamp: 1795701140000000001"))));
    tampers.add(t("mock SET bit flip", mock, b -> flip(b, E + "/inclusionPromise", "signedEntryTimestamp")));
    tampers.add(t("mock checkpoint size 2", mock, b -> editCheckpoint(b, c -> c.replace("\n1\n", "\n2\n"))));
    tampers.add(t("mock entry log id of another log", mock, b -> ((ObjectNode) b.at(E + "/logId")).put("keyId",
        "AIFoUZyTZUhN4EsnqwUQ50Br63d9+tSwdulwuh9urHQ=")));
    assertThat(tampers).hasSizeGreaterThanOrEqualTo(30);

    List<OracleRequest> requests = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Boolean> ignored = new ArrayList<>(List.of(false, false));
    List<String> engine = new ArrayList<>();
    for (Base base : List.of(pgi, mock)) {
      names.add("untampered " + base.name());
      requests.add(request(base, base.bundle(), base.digest(), base.root()));
      engine.add(runEngine(Files.readAllBytes(base.bundle()), base, base.digest(), base.root()));
    }
    for (int i = 0; i < tampers.size(); i++) {
      Tamper t = tampers.get(i);
      ObjectNode json = (ObjectNode) JSON.readTree(Files.readAllBytes(t.base().bundle()));
      t.change().accept(json);
      Path file = Files.write(tmp.resolve("tampered-" + i + ".json"), JSON.writeValueAsBytes(json));
      String digest = t.digest() != null ? t.digest() : t.base().digest();
      Path root = t.root() != null ? t.root() : t.base().root();
      names.add(t.name());
      ignored.add(t.oracleIgnores());
      requests.add(request(t.base(), file, digest, root));
      engine.add(runEngine(Files.readAllBytes(file), t.base(), digest, root));
    }
    List<OracleResult> results = oracle.verifyAll(requests);
    StringBuilder table = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      table.append(String.format("%-42s | engine: %-90.90s | @sigstore/verify: %s%n", names.get(i), engine.get(i),
          results.get(i).ok() ? "OK" : results.get(i).code() + " " + results.get(i).message()));
    }
    System.out.println(table);
    for (int i = 0; i < 2; i++) {
      assertThat(engine.get(i)).as(names.get(i) + "\n" + table).isEqualTo("OK");
      assertThat(results.get(i).ok()).as(names.get(i) + "\n" + table).isTrue();
    }
    int bothReject = 0;
    for (int i = 2; i < names.size(); i++) {
      assertThat(engine.get(i)).as("engine accepted " + names.get(i) + "\n" + table).isNotEqualTo("OK");
      assertThat(results.get(i).ok()).as("@sigstore/verify on " + names.get(i) + "\n" + table)
          .isEqualTo(ignored.get(i));
      bothReject += ignored.get(i) ? 0 : 1;
    }
    assertThat(bothReject).isGreaterThanOrEqualTo(30);
  }

  /**
   * One verifier per trusted root for the whole table: the untampered bundles run first and fill its
   * caches (verified checkpoints, CA signatures, verifiers), so every tamper also proves it cannot hit them.
   */
  private final java.util.Map<Path, SigstoreVerifier> verifiers = new java.util.HashMap<>();

  private String runEngine(byte[] bundleJson, Base base, String digest, Path root) throws Exception {
    try {
      SigstoreBundle bundle = SigstoreBundle.parse(bundleJson);
      SigstoreVerifier verifier = verifiers.get(root);
      if (verifier == null) {
        verifier = new SigstoreVerifier(TrustedRootParser.parse(Files.readAllBytes(root)));
        verifiers.put(root, verifier);
      }
      verifier.verify(bundle, Artifact.ofDigest(digest),
          VerificationPolicy.forIdentity(IdentityPolicy.of(Identity.exact(base.identity(), base.issuer()))));
      return "OK";
    } catch (VerificationException e) {
      return e.getMessage();
    } catch (BundleFormatException e) {
      return "bundle format: " + e.getMessage();
    }
  }

  private static OracleRequest request(Base base, Path bundle, String digest, Path root) throws Exception {
    return OracleRequest.keyless(bundle, root, base.identity(), base.issuer(), Digest.parse(digest));
  }

  private static Tamper t(String name, Base base, Consumer<ObjectNode> change) {
    return new Tamper(name, base, change, null, null);
  }

  private static Tamper ignoredByOracle(String name, Base base, Consumer<ObjectNode> change) {
    return new Tamper(name + " (redundant v1 field)", base, change, null, null, true);
  }

  private static void flip(ObjectNode b, String parent, String field) {
    ObjectNode p = (ObjectNode) b.at(parent);
    byte[] raw = Base64.getDecoder().decode(p.get(field).asText());
    raw[raw.length - 3] ^= 0x01;
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

  private static void editCheckpoint(ObjectNode b, java.util.function.UnaryOperator<String> edit) {
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
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }
}
