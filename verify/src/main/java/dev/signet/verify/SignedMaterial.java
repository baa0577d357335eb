package dev.signet.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.bundle.MessageSignature;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.PayloadFormatException;
import dev.signet.verify.internal.Certificates;
import dev.signet.verify.tlog.SignedContent;
import dev.signet.verify.tlog.TlogEntry;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One signature normalized from either format: what was signed, the signature bytes, the certificate
 * (if any), log entries and RFC 3161 tokens.
 */
record SignedMaterial(
    String description, Kind kind, byte[] signature, X509Certificate leaf, List<X509Certificate> intermediates,
    MessageSignature message, DsseEnvelope envelope, byte[] legacyPayload, List<TlogEntry> entries,
    boolean requireProof, List<byte[]> timestamps, boolean certificateAllowedWithKey) {

  enum Kind { MESSAGE, DSSE, LEGACY }

  static SignedMaterial of(SigstoreBundle bundle) throws VerificationException {
    String description = "bundle v" + bundle.version();
    VerificationMaterial vm = bundle.verificationMaterial();
    X509Certificate leaf = null;
    List<X509Certificate> intermediates = new ArrayList<>();
    if (vm.kind() != VerificationMaterial.Kind.PUBLIC_KEY) {
      List<byte[]> certs = vm.certificates();
      leaf = Certificates.parse(certs.get(0), description + " leaf certificate");
      for (int i = 1; i < certs.size(); i++) {
        intermediates.add(Certificates.parse(certs.get(i), description + " chain certificate " + (i + 1)));
      }
    }
    List<TlogEntry> entries = new ArrayList<>();
    for (JsonNode e : vm.tlogEntries()) {
      entries.add(TlogEntry.fromJson(e));
    }
    List<byte[]> timestamps = timestamps(vm.timestampVerificationData(), description);
    boolean proof = !"0.1".equals(bundle.version());
    if (bundle.isDsse()) {
      DsseEnvelope env = bundle.dsseEnvelope();
      if (env.signatures().size() != 1) {
        throw new VerificationException(Check.FORMAT, description + ": the DSSE envelope must carry exactly one"
            + " signature, it has " + env.signatures().size());
      }
      return new SignedMaterial(description, Kind.DSSE, env.signatures().get(0).sig(), leaf, intermediates, null,
          env, null, entries, proof, timestamps, false);
    }
    MessageSignature ms = bundle.messageSignature();
    return new SignedMaterial(description, Kind.MESSAGE, ms.signature(), leaf, intermediates, ms, null, null, entries,
        proof, timestamps, false);
  }

  static SignedMaterial of(LegacySignature sig) throws VerificationException {
    String description = "legacy signature";
    X509Certificate leaf = null;
    List<X509Certificate> intermediates = new ArrayList<>();
    if (sig.certificatePem().isPresent()) {
      List<X509Certificate> certs = Certificates.parsePem(sig.certificatePem().get(), description + " certificate");
      if (certs.isEmpty()) {
        throw new VerificationException(Check.FORMAT, description + ": the certificate annotation holds no PEM"
            + " certificate");
      }
      leaf = certs.get(0);
      if (sig.chainPem().isPresent()) {
        intermediates.addAll(Certificates.parsePem(sig.chainPem().get(), description + " chain"));
      }
    }
    List<TlogEntry> entries = new ArrayList<>();
    if (sig.rekorBundleJson().isPresent()) {
      entries.add(TlogEntry.fromCosignBundle(sig.rekorBundleJson().get()));
    }
    List<byte[]> timestamps = sig.rfc3161Token().map(List::of).orElse(List.of());
    if (sig.signature().length == 0) { // an .att layer: the DSSE envelope carries the signature
      DsseEnvelope env;
      try {
        env = DsseEnvelope.parse(sig.payload());
      } catch (PayloadFormatException e) {
        throw new VerificationException(Check.FORMAT, "legacy signature: the signature annotation is empty and the"
            + " payload is not a DSSE envelope: " + e.getMessage());
      }
      if (env.signatures().size() != 1) {
        throw new VerificationException(Check.FORMAT, "legacy attestation: the DSSE envelope must carry exactly one"
            + " signature, it has " + env.signatures().size());
      }
      return new SignedMaterial("legacy attestation", Kind.DSSE, env.signatures().get(0).sig(), leaf, intermediates,
          null, env, null, entries, false, timestamps, true);
    }
    return new SignedMaterial(description, Kind.LEGACY, sig.signature(), leaf, intermediates, null, null,
        sig.payload(), entries, false, timestamps, true);
  }

  /** What log entry bodies must record. */
  SignedContent content(byte[] certificateDer, byte[] spki, Artifact artifact) {
    return switch (kind) {
      case MESSAGE -> SignedContent.message(signature, certificateDer, spki, artifact::digest);
      case DSSE -> SignedContent.dsse(envelope, signature, certificateDer, spki);
      case LEGACY -> SignedContent.message(signature, certificateDer, spki, legacyPayload);
    };
  }

  private static List<byte[]> timestamps(JsonNode data, String description) throws VerificationException {
    List<byte[]> out = new ArrayList<>();
    JsonNode list = data == null ? null : data.get("rfc3161Timestamps");
    if (list == null || list.isNull()) {
      return out;
    }
    for (JsonNode t : list) {
      JsonNode v = t.get("signedTimestamp");
      try {
        out.add(Base64.getDecoder().decode(v.textValue().getBytes(StandardCharsets.US_ASCII)));
      } catch (RuntimeException e) {
        throw new VerificationException(Check.FORMAT, description + ": an rfc3161Timestamps entry has no base64"
            + " signedTimestamp");
      }
    }
    return out;
  }
}
