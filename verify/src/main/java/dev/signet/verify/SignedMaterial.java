package dev.signet.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.bundle.MessageSignature;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.PayloadFormatException;
import dev.signet.verify.tlog.SignedContent;
import dev.signet.verify.tlog.TlogEntry;
import dev.signet.verify.x509.Certificates;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

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
      leaf = Certificates.decode(certs.get(0), description + " leaf certificate", Check.FORMAT);
      for (int i = 1; i < certs.size(); i++) {
        intermediates.add(Certificates.decode(certs.get(i), description + " chain certificate " + (i + 1),
            Check.FORMAT));
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
    if (sig.signature().length == 0) { // an .att layer read as a .sig layer: the DSSE envelope carries the signature
      return of(sig.asAttestation(), "legacy signature: the signature annotation is empty and the payload");
    }
    Legacy l = legacy("legacy signature", sig.certificatePem(), sig.chainPem(), sig.rekorBundleJson(),
        sig.rfc3161Token());
    return new SignedMaterial("legacy signature", Kind.LEGACY, sig.signature(), l.leaf(), l.intermediates(), null,
        null, sig.payload(), l.entries(), false, l.timestamps(), true);
  }

  static SignedMaterial of(LegacyAttestation att) throws VerificationException {
    return of(att, "legacy attestation: the layer");
  }

  private static SignedMaterial of(LegacyAttestation att, String whatIsNotAnEnvelope) throws VerificationException {
    String description = "legacy attestation";
    DsseEnvelope env;
    try {
      env = DsseEnvelope.parse(att.envelope());
    } catch (PayloadFormatException e) {
      throw new VerificationException(Check.FORMAT, whatIsNotAnEnvelope + " is not a DSSE envelope: "
          + e.getMessage());
    }
    if (env.signatures().size() != 1) {
      throw new VerificationException(Check.FORMAT, description + ": the DSSE envelope must carry exactly one"
          + " signature, it has " + env.signatures().size());
    }
    Legacy l = legacy(description, att.certificatePem(), att.chainPem(), att.rekorBundleJson(), att.rfc3161Token());
    return new SignedMaterial(description, Kind.DSSE, env.signatures().get(0).sig(), l.leaf(), l.intermediates(),
        null, env, null, l.entries(), false, l.timestamps(), true);
  }

  /** The verification annotations of a legacy layer, parsed. */
  private record Legacy(X509Certificate leaf, List<X509Certificate> intermediates, List<TlogEntry> entries,
      List<byte[]> timestamps) {}

  private static Legacy legacy(String description, Optional<String> certificatePem, Optional<String> chainPem,
      Optional<byte[]> rekorBundleJson, Optional<byte[]> rfc3161Token) throws VerificationException {
    X509Certificate leaf = null;
    List<X509Certificate> intermediates = new ArrayList<>();
    if (certificatePem.isPresent()) {
      leaf = pem(certificatePem.get(), description + " certificate annotation").get(0);
      if (chainPem.isPresent()) {
        intermediates.addAll(pem(chainPem.get(), description + " chain annotation"));
      }
    }
    List<TlogEntry> entries = new ArrayList<>();
    if (rekorBundleJson.isPresent()) {
      entries.add(TlogEntry.fromCosignBundle(rekorBundleJson.get()));
    }
    return new Legacy(leaf, intermediates, entries, rfc3161Token.map(List::of).orElse(List.of()));
  }

  private static List<X509Certificate> pem(String pem, String what) throws VerificationException {
    return Certificates.fromPem(pem.getBytes(StandardCharsets.US_ASCII), what, Check.FORMAT);
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
