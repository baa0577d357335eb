package dev.signet.sigstore.server.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.Digest;
import dev.signet.sigstore.server.tsa.TimestampAuthority;
import dev.signet.sigstore.server.tsa.TimestampQuery;
import dev.signet.sigstore.server.tsa.TsaIdentity;
import dev.signet.sigstore.server.tsa.TsaKeyStore;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.testing.sigstore.FakeSigstore;
import dev.signet.testing.sigstore.KeylessSignature;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.root.ValidityWindow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * @sigstore/verify accepts a trusted root written by {@link TrustedRootBuilder} from plain inputs (the
 * fake deployment's CA chain, Rekor and CT keys) plus Signet's own TSA, for a keyless bundle that
 * carries a timestamp from that TSA; the same bundle fails against roots missing the TSA or with
 * another CT key, so each part of the root is really used.
 */
class SigstoreVerifyTrustedRootTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IDENTITY = "signer@signet.test";
  @TempDir Path tmp;

  @Test
  void sigstoreVerifyAcceptsTheBuiltRootWithSignetsTsa() throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    Instant signingTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    FakeSigstore fake = FakeSigstore.create(signingTime);
    byte[] artifact = "artifact for the trusted-root oracle\n".getBytes(StandardCharsets.UTF_8);
    KeylessSignature sig = fake.signBlob(artifact, IDENTITY);

    TsaIdentity tsaId = TsaKeyStore.loadOrCreate(tmp.resolve("tsa"), "signet.test",
        Clock.fixed(signingTime.minusSeconds(86400), ZoneOffset.UTC));
    TimestampAuthority tsa = new TimestampAuthority(tsaId, Clock.fixed(signingTime.plusSeconds(3), ZoneOffset.UTC));
    String query = "{\"artifactHash\":\"" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(sig.signature())) + "\",\"hashAlgorithm\":\"sha256\",\"certificates\":true}";
    byte[] token = tsa.timestamp(TimestampQuery.fromJson(query.getBytes(StandardCharsets.UTF_8)));
    ObjectNode bundle = (ObjectNode) JSON.readTree(sig.bundleJson());
    ((ObjectNode) bundle.get("verificationMaterial")).putObject("timestampVerificationData")
        .putArray("rfc3161Timestamps").addObject().put("signedTimestamp", Base64.getEncoder().encodeToString(token));
    Path bundleFile = tmp.resolve("bundle.json");
    Files.write(bundleFile, JSON.writeValueAsBytes(bundle));

    TrustedRoot fakeRoot = TrustedRootParser.parse(sig.trustedRootJson());
    TransparencyLog rekor = fakeRoot.tlogs().get(0);
    TransparencyLog ct = fakeRoot.ctlogs().get(0);
    ValidityWindow from = ValidityWindow.from(signingTime.minus(1, ChronoUnit.DAYS));
    Path full = write("full.json", base(sig, rekor, ct.key(), from)
        .timestampAuthority("https://signet.test/api/v1/timestamp", tsaId.chain(), from).toJson());
    Path noTsa = write("no-tsa.json", base(sig, rekor, ct.key(), from).toJson());
    Path otherCt = write("other-ct.json", base(sig, rekor, dev.signet.testing.sigstore.TestPki.ecKey().getPublic(), from)
        .timestampAuthority("https://signet.test/api/v1/timestamp", tsaId.chain(), from).toJson());

    Digest digest = Digest.sha256(artifact);
    List<OracleResult> results = oracle.verifyAll(List.of(
        OracleRequest.keyless(bundleFile, full, IDENTITY, FakeSigstore.DEFAULT_ISSUER, digest),
        OracleRequest.keyless(bundleFile, noTsa, IDENTITY, FakeSigstore.DEFAULT_ISSUER, digest),
        OracleRequest.keyless(bundleFile, otherCt, IDENTITY, FakeSigstore.DEFAULT_ISSUER, digest)));

    assertThat(results.get(0).ok()).as(results.get(0).toString()).isTrue();
    assertThat(results.get(1).ok()).as(results.get(1).toString()).isFalse();
    assertThat(results.get(1).code()).isEqualTo("TIMESTAMP_ERROR");
    assertThat(results.get(2).ok()).as(results.get(2).toString()).isFalse();
  }

  private static TrustedRootBuilder base(KeylessSignature sig, TransparencyLog rekor, java.security.PublicKey ctKey,
      ValidityWindow from) {
    return new TrustedRootBuilder()
        .certificateAuthority(FakeSigstore.FULCIO_URL, sig.chain(), from)
        .transparencyLog(rekor.baseUrl(), rekor.key(), rekor.logId(), from)
        .ctLog(FakeSigstore.CT_LOG_URL, ctKey, from);
  }

  private Path write(String name, byte[] json) throws Exception {
    Path p = tmp.resolve(name);
    Files.write(p, json);
    return p;
  }
}
