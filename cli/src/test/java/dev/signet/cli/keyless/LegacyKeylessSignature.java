package dev.signet.cli.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A cosign legacy keyless {@code .sig} layer built from a message-signature bundle that
 * {@code @sigstore/sign} made over the simple-signing payload: the signature, the Fulcio certificate and
 * chain, the Rekor entry as cosign's {@code dev.sigstore.cosign/bundle} (SET, body, integrated time, log
 * index, hex log id) and the RFC 3161 token as {@code dev.sigstore.cosign/rfc3161timestamp}.
 */
final class LegacyKeylessSignature {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LegacyKeylessSignature() {}

  static SignatureAnnotations annotations(Path messageBundle, Path chainPem) throws Exception {
    JsonNode b = JSON.readTree(Files.readAllBytes(messageBundle));
    JsonNode vm = b.path("verificationMaterial");
    byte[] leaf = Base64.getDecoder().decode(vm.path("x509CertificateChain").path("certificates").get(0)
        .path("rawBytes").asText());
    JsonNode entry = vm.path("tlogEntries").get(0);
    ObjectNode payload = JSON.createObjectNode();
    payload.put("body", entry.path("canonicalizedBody").asText());
    payload.put("integratedTime", Long.parseLong(entry.path("integratedTime").asText()));
    payload.put("logIndex", Long.parseLong(entry.path("logIndex").asText()));
    payload.put("logID", HexFormat.of().formatHex(Base64.getDecoder().decode(entry.path("logId").path("keyId").asText())));
    ObjectNode rekor = JSON.createObjectNode();
    rekor.put("SignedEntryTimestamp", entry.path("inclusionPromise").path("signedEntryTimestamp").asText());
    rekor.set("Payload", payload);
    ObjectNode ts = JSON.createObjectNode();
    ts.put("SignedRFC3161Timestamp", vm.path("timestampVerificationData").path("rfc3161Timestamps").get(0)
        .path("signedTimestamp").asText());
    return SignatureAnnotations.ofSignature(b.path("messageSignature").path("signature").asText())
        .withCertificate(pem(leaf), Files.readString(chainPem))
        .withRekorBundle(JSON.writeValueAsString(rekor))
        .withRfc3161Timestamp(JSON.writeValueAsString(ts));
  }

  /** Writes {@code sha256-<hex>.sig} holding one layer: {@code payload} with {@code annotations}. */
  static void write(String repo, Digest image, byte[] payload, SignatureAnnotations annotations) throws Exception {
    HttpRegistryClient client = CliRegistryFixture.client();
    Repository r = CliRegistryFixture.repository(repo);
    client.pushBlob(r, Digest.sha256(payload), payload);
    LegacySignatureImage sig = LegacySignatureImage.empty()
        .append(LegacySignatureImage.simpleSigningLayer(payload, annotations));
    byte[] config = sig.configBytes();
    client.pushBlob(r, Digest.sha256(config), config);
    client.putManifest(r, SignatureTags.signatureTag(image), sig.manifestBytes(), sig.manifestMediaType());
  }

  static String pem(byte[] der) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
  }
}
