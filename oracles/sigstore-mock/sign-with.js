'use strict';
// The real @sigstore/sign client (FulcioSigner + RekorWitness + TSAWitness) against ANY Fulcio, Rekor and
// TSA named by URL, with a given identity token (test tooling: an independent client for Signet's services).
//
// usage: node sign-with.js OUT_DIR SPEC_JSON
//   SPEC_JSON: {"fulcio":"<CA base URL>","token":"<OIDC ID token>",
//               "rekor":"<log base URL>" (optional), "rekorVersion":1|2 (default 1),
//               "entryType":"intoto"|"dsse" (Rekor v1 DSSE entries, default "dsse"),
//               "tsa":"<TSA URL, full endpoint or base>" (optional),
//               "artifact":"<file: signed as a message>" (optional),
//               "statement":"<file: DSSE payload>" (optional), "payloadType":"<type>" (default in-toto)}
// writes OUT_DIR/message.sigstore.json (with "artifact") and OUT_DIR/dsse.sigstore.json (with "statement"),
// bundles with the certificate, the log entry (when "rekor") and the RFC 3161 timestamp (when "tsa"): the DSSE one
// v0.3, the message one v0.2 with an x509CertificateChain (@sigstore/sign's MessageSignatureBundleBuilder).
const fs = require('fs');
const path = require('path');
const { FulcioSigner, RekorWitness, TSAWitness, DSSEBundleBuilder, MessageSignatureBundleBuilder } =
  require('@sigstore/sign');

const signDir = path.dirname(require.resolve('@sigstore/sign/package.json'));
const { bundleToJSON } = require(require.resolve('@sigstore/bundle', { paths: [signDir] }));

const [outDir, specJson] = process.argv.slice(2);
if (!outDir || !specJson) {
  console.error('usage: node sign-with.js OUT_DIR SPEC_JSON');
  process.exit(2);
}
const spec = JSON.parse(specJson);
if (!spec.fulcio || !spec.token) {
  console.error('sign-with.js: SPEC_JSON needs "fulcio" and "token"');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

(async () => {
  const signer = new FulcioSigner({ fulcioBaseURL: spec.fulcio, identityProvider: { getToken: async () => spec.token } });
  const witnesses = (dsse) => {
    const w = [];
    if (spec.rekor) {
      w.push(new RekorWitness({ rekorBaseURL: spec.rekor, majorApiVersion: spec.rekorVersion || 1,
        entryType: dsse ? (spec.entryType || 'dsse') : undefined, timeout: 30_000 }));
    }
    if (spec.tsa) w.push(new TSAWitness({ tsaBaseURL: spec.tsa, timeout: 30_000 }));
    return w;
  };
  if (spec.artifact) {
    const bundle = await new MessageSignatureBundleBuilder({ signer, witnesses: witnesses(false) })
      .create({ data: fs.readFileSync(spec.artifact) });
    fs.writeFileSync(path.join(outDir, 'message.sigstore.json'), JSON.stringify(bundleToJSON(bundle)));
  }
  if (spec.statement) {
    const bundle = await new DSSEBundleBuilder({ signer, certificateChain: false, witnesses: witnesses(true) })
      .create({ data: fs.readFileSync(spec.statement), type: spec.payloadType || 'application/vnd.in-toto+json' });
    fs.writeFileSync(path.join(outDir, 'dsse.sigstore.json'), JSON.stringify(bundleToJSON(bundle)));
  }
})().catch((e) => {
  const cause = e.cause ? ` (${e.cause.message || e.cause})` : '';
  console.error(`sign-with.js: ${e.message || e}${cause}`);
  process.exit(1);
});
