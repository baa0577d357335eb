'use strict';
// Keyless signatures of an OCI image made by the real @sigstore/sign client against @sigstore/mock's
// Fulcio, Rekor v1 and TSA, served over HTTP on 127.0.0.1 for the duration of the run (test tooling).
//
// usage: node sign-image.js OUT_DIR SPEC_JSON
//   SPEC_JSON: {"digest":"sha256:<hex>","repository":"<repo>","identity":"<sub claim>",
//               "issuer":"<iss claim>","payload":"<file: bytes to sign as a message (legacy .sig)>"}
// writes OUT_DIR/trusted_root.json (the mock services' keys and CA), OUT_DIR/ca.pem (the CA root),
// OUT_DIR/image.sigstore.json (v0.3 DSSE bundle of cosign's in-toto statement for the digest: Fulcio
// certificate, intoto 0.0.2 entry with SET and inclusion proof, RFC 3161 timestamp) and, with "payload",
// OUT_DIR/payload.sigstore.json (message signature over the payload: hashedrekord 0.0.1 with SET, TSA).
const http = require('http');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const mock = require('@sigstore/mock');
const { FulcioSigner, RekorWitness, TSAWitness, DSSEBundleBuilder, MessageSignatureBundleBuilder } =
  require('@sigstore/sign');

const signDir = path.dirname(require.resolve('@sigstore/sign/package.json'));
const { bundleToJSON } = require(require.resolve('@sigstore/bundle', { paths: [signDir] }));

const [outDir, specJson] = process.argv.slice(2);
const spec = JSON.parse(specJson);
fs.mkdirSync(outDir, { recursive: true });

const keyPair = () => crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const der = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
const b64 = (b) => Buffer.from(b).toString('base64');
const b64u = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const listen = () => new Promise((ok) => { const s = http.createServer(); s.listen(0, '127.0.0.1', () => ok(s)); });
const urlOf = (s) => `http://127.0.0.1:${s.address().port}`;
const pem = (d) => `-----BEGIN CERTIFICATE-----\n${b64(d).match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;

function route(server, handlers) {
  server.on('request', (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const h = handlers.find((x) => req.method === 'POST' && req.url.split('?')[0] === x.path);
      if (!h) { res.writeHead(404); res.end(); return; }
      const r = await h.fn(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(r.statusCode, { 'Content-Type': r.contentType || 'text/plain' });
      res.end(typeof r.response === 'string' ? r.response : der(r.response));
    });
  });
}

(async () => {
  const start = new Date(Date.now() - 60_000).toISOString();
  const servers = [await listen(), await listen(), await listen()];
  const [fulcio, rekor, tsaServer] = servers;
  const ctlog = await mock.initializeCTLog(keyPair());
  const ca = await mock.initializeCA(keyPair(), ctlog);
  const tlog = await mock.initializeTLog(urlOf(rekor), keyPair());
  const tsa = await mock.initializeTSA(keyPair());
  route(fulcio, [mock.fulcioHandler(ca)]);
  route(rekor, [mock.rekorHandler(tlog)]);
  route(tsaServer, [mock.tsaHandler(tsa)]);

  const key = (raw) => ({ rawBytes: b64(raw), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } });
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [{ baseUrl: urlOf(rekor), hashAlgorithm: 'SHA2_256', publicKey: key(tlog.publicKey),
      logId: { keyId: b64(crypto.createHash('sha256').update(tlog.publicKey).digest()) } }],
    certificateAuthorities: [{ subject: { organization: 'sigstore.mock', commonName: 'sigstore' }, uri: urlOf(fulcio),
      certChain: { certificates: [{ rawBytes: b64(der(ca.rootCertificate)) }] }, validFor: { start } }],
    ctlogs: [{ baseUrl: 'http://127.0.0.1/ctlog', hashAlgorithm: 'SHA2_256', publicKey: key(ctlog.publicKey),
      logId: { keyId: b64(der(ctlog.logID)) } }],
    timestampAuthorities: [{ subject: { organization: 'sigstore.mock', commonName: 'tsa' }, uri: urlOf(tsaServer),
      certChain: { certificates: [{ rawBytes: b64(der(tsa.intCertificate)) }, { rawBytes: b64(der(tsa.rootCertificate)) }] },
      validFor: { start } }],
  };
  fs.writeFileSync(path.join(outDir, 'trusted_root.json'), JSON.stringify(trustedRoot, null, 2));
  fs.writeFileSync(path.join(outDir, 'ca.pem'), pem(der(ca.rootCertificate)));

  const now = Math.floor(Date.now() / 1000);
  const token = `${b64u({ alg: 'none', typ: 'JWT' })}.${b64u({ iss: spec.issuer, sub: spec.identity,
    email: 'signer@example.com', email_verified: true, aud: 'sigstore', iat: now, exp: now + 600 })}.`;
  const signer = new FulcioSigner({ fulcioBaseURL: urlOf(fulcio), identityProvider: { getToken: async () => token } });
  const tsaWitness = new TSAWitness({ tsaBaseURL: urlOf(tsaServer) });

  const [alg, hex] = spec.digest.split(':');
  const statement = { _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: spec.repository, digest: { [alg]: hex } }],
    predicateType: 'https://sigstore.dev/cosign/sign/v1', predicate: {} };
  const dsse = await new DSSEBundleBuilder({ signer, certificateChain: false,
    witnesses: [new RekorWitness({ rekorBaseURL: urlOf(rekor), entryType: 'intoto', majorApiVersion: 1 }), tsaWitness] })
    .create({ data: Buffer.from(JSON.stringify(statement)), type: 'application/vnd.in-toto+json' });
  fs.writeFileSync(path.join(outDir, 'image.sigstore.json'), JSON.stringify(bundleToJSON(dsse)));

  if (spec.payload) {
    const message = await new MessageSignatureBundleBuilder({ signer,
      witnesses: [new RekorWitness({ rekorBaseURL: urlOf(rekor), majorApiVersion: 1 }), tsaWitness] })
      .create({ data: fs.readFileSync(spec.payload) });
    fs.writeFileSync(path.join(outDir, 'payload.sigstore.json'), JSON.stringify(bundleToJSON(message)));
  }
  servers.forEach((s) => s.close());
})().catch((e) => { console.error(`sign-image.js: ${e.stack || e}`); process.exit(1); });
