package dev.signet.testing.sigstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.bundle.MessageSignature;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.SimpleSigningPayload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * A complete, offline Sigstore deployment for tests: a Fulcio-like CA (root and intermediate), a CT
 * log whose SCTs are embedded in every leaf, a Rekor v1 log ({@link TestLog}) that records each
 * signature with a SET and an inclusion proof, and optionally an RFC 3161 timestamp authority. Every
 * signature is made at the deployment's signing time: the leaf is valid for ten minutes from it, the
 * Rekor integrated time is one second later, a timestamp two seconds later. {@link #trustedRootJson()}
 * is what a verifier must trust. Thread-safe (signatures are appended to the log one at a time).
 */
public final class FakeSigstore {
  /** The OIDC issuer of {@link #signBlob(byte[], String)} and the other short forms. */
  public static final String DEFAULT_ISSUER = "https://oidc.signet.test";
  public static final String FULCIO_URL = "https://fulcio.signet.test";
  public static final String CT_LOG_URL = "https://ctfe.signet.test";
  public static final String TSA_URL = "https://tsa.signet.test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final int CA_KEY_USAGE = KeyUsage.keyCertSign | KeyUsage.cRLSign;

  private final Instant signingTime;
  private final TestPki.Issued root;
  private final TestPki.Issued intermediate;
  private final TestPki.CtLog ctLog;
  private final TestLog rekor;
  private final TestPki.Issued tsaRoot;
  private final TestPki.Issued tsa;
  private final byte[] trustedRoot;

  private FakeSigstore(Instant signingTime, boolean timestamps, TestPki.CtLog ctLog, TestLog rekor) {
    this.signingTime = signingTime.truncatedTo(ChronoUnit.SECONDS);
    this.ctLog = ctLog;
    this.rekor = rekor;
    Instant t = this.signingTime;
    root = TestPki.cert().subject("CN=fulcio root,O=signet.test").ca(null).keyUsage(CA_KEY_USAGE)
        .validity(t.minus(1, ChronoUnit.DAYS), t.plus(3650, ChronoUnit.DAYS)).build();
    intermediate = TestPki.cert().subject("CN=fulcio intermediate,O=signet.test").issuer(root).ca(0)
        .keyUsage(CA_KEY_USAGE).validity(t.minus(1, ChronoUnit.HOURS), t.plus(365, ChronoUnit.DAYS)).build();
    Instant from = t.minus(1, ChronoUnit.DAYS);
    TrustedRootJson json = new TrustedRootJson().tlog(rekor, from).ctlog(ctLog, CT_LOG_URL, from, null)
        .certificateAuthority(FULCIO_URL, from, null, intermediate.cert(), root.cert());
    if (timestamps) {
      tsaRoot = TestPki.cert().subject("CN=tsa root,O=signet.test").ca(null).keyUsage(CA_KEY_USAGE)
          .validity(t.minus(1, ChronoUnit.DAYS), t.plus(3650, ChronoUnit.DAYS)).build();
      tsa = TestPki.tsaLeaf(tsaRoot).validity(t.minus(1, ChronoUnit.HOURS), t.plus(365, ChronoUnit.DAYS)).build();
      json.timestampAuthority(TSA_URL, from, null, tsa.cert(), tsaRoot.cert());
    } else {
      tsaRoot = null;
      tsa = null;
    }
    trustedRoot = json.toJson();
  }

  /** A deployment signing at {@code signingTime} (truncated to seconds), without a timestamp authority. */
  public static FakeSigstore create(Instant signingTime) {
    return new FakeSigstore(Objects.requireNonNull(signingTime, "signingTime"), false, TestPki.CtLog.create(),
        newRekor());
  }

  /** As {@link #create}, with a timestamp authority whose RFC 3161 timestamps every signature carries. */
  public static FakeSigstore withTimestampAuthority(Instant signingTime) {
    return new FakeSigstore(Objects.requireNonNull(signingTime, "signingTime"), true, TestPki.CtLog.create(),
        newRekor());
  }

  /**
   * Another Fulcio-like CA (new root and intermediate with the same names, other keys) whose leaves are
   * logged in this deployment's CT and Rekor logs; its trusted root names the same logs and its own CA.
   */
  public FakeSigstore withAnotherCa() {
    return new FakeSigstore(signingTime, tsa != null, ctLog, rekor);
  }

  private static TestLog newRekor() {
    try {
      return TestLog.rekorV1("rekor.signet.test");
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the test Rekor log", e);
    }
  }

  /** The root CA certificate (what a bring-your-own CA trust anchor names). */
  public java.security.cert.X509Certificate rootCertificate() {
    return root.cert();
  }

  public Instant signingTime() {
    return signingTime;
  }

  /** The {@code trusted_root.json} a verifier needs (Rekor log, CA, CT log, TSA when present). */
  public byte[] trustedRootJson() {
    return trustedRoot.clone();
  }

  /** The Rekor log, e.g. to add filler entries or read its key. */
  public TestLog rekor() {
    return rekor;
  }

  /** A message signature over {@code artifact} (cosign {@code sign-blob}), identity {@code subject}/{@link #DEFAULT_ISSUER}. */
  public KeylessSignature signBlob(byte[] artifact, String subject) {
    return signBlob(artifact, subject, DEFAULT_ISSUER);
  }

  /**
   * A message signature over {@code artifact} by a leaf for {@code subject} (an email, or a URI when it
   * contains {@code ://}) issued for {@code oidcIssuer}, logged as hashedrekord 0.0.1.
   */
  public KeylessSignature signBlob(byte[] artifact, String subject, String oidcIssuer) {
    return signBlob(artifact, subject, oidcIssuer, Map.of());
  }

  /**
   * As {@link #signBlob(byte[], String, String)} by a leaf with further Fulcio v1 extensions: OID (e.g.
   * {@code 1.3.6.1.4.1.57264.1.5}, GitHub workflow repository) to value, stored as raw UTF-8.
   */
  public synchronized KeylessSignature signBlob(byte[] artifact, String subject, String oidcIssuer,
      Map<String, String> extensions) {
    TestPki.Issued leaf = leaf(subject, oidcIssuer, extensions);
    byte[] sig = TestPki.sign(leaf.key(), artifact);
    int index = rekor.append(RekorBodies.hashedRekordV001(ReferenceMerkle.sha256(artifact), sig,
        TestPki.pem(leaf.cert())));
    byte[] token = timestamp(sig);
    VerificationMaterial vm = material(leaf, index, "hashedrekord", token);
    byte[] bundle = SigstoreBundle.ofMessageSignature(vm, MessageSignature.of(Digest.sha256(artifact), sig)).toJson();
    return result(artifact, sig, leaf, bundle, legacyAnnotations(B64.encodeToString(sig), leaf, index, token));
  }

  /** cosign's legacy layer annotations: signature ("" on .att layers), certificate, chain, Rekor bundle, timestamp. */
  private Map<String, String> legacyAnnotations(String signature, TestPki.Issued leaf, int index, byte[] token) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(SignatureAnnotations.SIGNATURE, signature);
    annotations.put(SignatureAnnotations.CERTIFICATE, TestPki.pem(leaf.cert()));
    annotations.put(SignatureAnnotations.CHAIN, TestPki.pem(intermediate.cert()) + TestPki.pem(root.cert()));
    annotations.put(SignatureAnnotations.BUNDLE, new String(call(() -> rekor.cosignBundle(index, integratedTime(), 0)),
        StandardCharsets.UTF_8));
    if (token != null) {
      annotations.put(SignatureAnnotations.RFC3161_TIMESTAMP, "{\"SignedRFC3161Timestamp\":\""
          + B64.encodeToString(token) + "\"}");
    }
    return annotations;
  }

  /**
   * cosign's legacy image signature: the simple-signing payload for {@code dockerReference@manifest}
   * with {@code annotations} (may be empty), signed as {@link #signBlob(byte[], String, String)}; the
   * result's {@code legacyAnnotations} and {@code payload} form the {@code .sig} layer.
   */
  public KeylessSignature signImage(String dockerReference, Digest manifest, Map<String, String> annotations,
      String subject, String oidcIssuer) {
    return signBlob(SimpleSigningPayload.of(dockerReference, manifest, annotations).toJson(), subject, oidcIssuer);
  }

  /**
   * cosign v3's image signature: a DSSE envelope over the in-toto statement with predicate
   * {@code https://sigstore.dev/cosign/sign/v1} and subject {@code manifest}, logged as dsse 0.0.1.
   */
  public KeylessSignature signImageDsse(Digest manifest, Map<String, String> annotations, String subject,
      String oidcIssuer) {
    return signDsse(MediaTypes.IN_TOTO, InTotoStatement.forCosignSign(manifest, annotations).toJson(), subject,
        oidcIssuer);
  }

  /**
   * A DSSE envelope over {@code payload} (cosign {@code attest}), logged as dsse 0.0.1; the result's
   * {@code legacyAnnotations} and {@link KeylessSignature#legacyEnvelopeJson(String)} form the {@code .att} layer.
   */
  public synchronized KeylessSignature signDsse(String payloadType, byte[] payload, String subject, String oidcIssuer) {
    TestPki.Issued leaf = leaf(subject, oidcIssuer, Map.of());
    byte[] sig = TestPki.sign(leaf.key(), DsseEnvelope.pae(payloadType, payload));
    DsseEnvelope envelope = new DsseEnvelope(payloadType, payload, List.of(new DsseEnvelope.Signature("", sig)));
    int index = rekor.append(RekorBodies.dsseV001(ReferenceMerkle.sha256(envelope.toJson()),
        ReferenceMerkle.sha256(payload), sig, TestPki.pem(leaf.cert())));
    byte[] token = timestamp(sig);
    byte[] bundle = SigstoreBundle.ofDsse(material(leaf, index, "dsse", token), envelope).toJson();
    return result(payload, sig, leaf, bundle, legacyAnnotations("", leaf, index, token));
  }

  private KeylessSignature result(byte[] payload, byte[] sig, TestPki.Issued leaf, byte[] bundle,
      Map<String, String> annotations) {
    return new KeylessSignature(payload, sig, leaf.cert(), List.of(intermediate.cert(), root.cert()), bundle,
        annotations, trustedRoot);
  }

  private TestPki.Issued leaf(String subject, String oidcIssuer, Map<String, String> extensions) {
    TestPki.Spec spec = TestPki.fulcioLeaf(intermediate, subject, oidcIssuer)
        .validity(signingTime, signingTime.plusSeconds(600)).sct(new TestPki.Sct(ctLog, signingTime, false));
    extensions.forEach(spec::rawString);
    return spec.build();
  }

  /** The bundle's verification material: leaf, the Rekor entry (proved at the log's current size), timestamp. */
  private VerificationMaterial material(TestPki.Issued leaf, int index, String kind, byte[] token) {
    ObjectNode entry = call(() -> rekor.entry(index, kind, "0.0.1", integratedTime(), 0));
    VerificationMaterial vm = VerificationMaterial.certificate(TestPki.der(leaf.cert())).withTlogEntries(List.of(entry));
    if (token != null) {
      ObjectNode data = JSON.createObjectNode();
      data.putArray("rfc3161Timestamps").addObject().put("signedTimestamp", B64.encodeToString(token));
      vm = vm.withTimestampVerificationData(data);
    }
    return vm;
  }

  /** An RFC 3161 timestamp over the signature, or null without a timestamp authority. */
  private byte[] timestamp(byte[] signature) {
    return tsa == null ? null : TestPki.timestamp(tsa, signature, signingTime.plusSeconds(2), false);
  }

  private long integratedTime() {
    return signingTime.getEpochSecond() + 1;
  }

  private interface Step<T> {
    T run() throws Exception;
  }

  private static <T> T call(Step<T> step) {
    try {
      return step.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("building the test log entry failed", e);
    }
  }
}
