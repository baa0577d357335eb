'use strict';
// @sigstore/mock's Fulcio, Rekor (v1, and v2 on the same port) and TSA served over HTTP on 127.0.0.1 until
// stdin closes (test tooling). Prints ONE JSON line on stdout once listening:
//   {"fulcio":"http://127.0.0.1:P","rekor":"http://127.0.0.1:P","tsa":"http://127.0.0.1:P/api/v1/timestamp",
//    "signing_config":{SigningConfig v0.2},"trusted_root":{TrustedRoot v0.1}}
// usage: node serve.js
//
// Two adapters bring the mock closer to the real services, whose behaviour Sigstore clients rely on:
// * the TSA also takes a DER TimeStampReq (Content-Type application/timestamp-query, RFC 3161), as
//   sigstore/timestamp-authority does; the mock handler itself only reads sigstore-js's JSON request;
// * the CA refuses an expired ID token or one whose audience is not "sigstore" with HTTP 401 and a
//   Fulcio-shaped error body ({"code":16,"message":...}); the mock CA checks no claims;
// * the TSA's clock reads whole seconds: the mock writes genTime with milliseconds stripped of trailing
//   zeros ("…30.12Z"), which @sigstore/verify's parser refuses, one timestamp in ten.
const http = require('http');
const crypto = require('crypto');
const mock = require('@sigstore/mock');

const keyPair = () => crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const der = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
const b64 = (b) => Buffer.from(b).toString('base64');
const listen = () => new Promise((ok) => { const s = http.createServer(); s.listen(0, '127.0.0.1', () => ok(s)); });
const urlOf = (s) => `http://127.0.0.1:${s.address().port}`;

// --- minimal DER reader for TimeStampReq ---------------------------------------------------------
function tlv(buf, off) {
  const tag = buf[off];
  let len = buf[off + 1];
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[off + 2 + i];
    hdr = 2 + n;
  }
  return { tag, start: off + hdr, end: off + hdr + len };
}
function children(buf, node) {
  const out = [];
  for (let o = node.start; o < node.end;) { const c = tlv(buf, o); out.push(c); o = c.end; }
  return out;
}
function oid(buf, node) {
  const b = buf.subarray(node.start, node.end);
  const parts = [Math.floor(b[0] / 40), b[0] % 40];
  let v = 0;
  for (let i = 1; i < b.length; i++) { v = v * 128 + (b[i] & 0x7f); if (!(b[i] & 0x80)) { parts.push(v); v = 0; } }
  return parts.join('.');
}
const HASHES = { '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' };
// TimeStampReq ::= SEQUENCE { version, messageImprint SEQUENCE { AlgorithmIdentifier, OCTET STRING },
//   reqPolicy OID OPTIONAL, nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE, extensions [0] OPTIONAL }
function timestampQueryToJson(buf) {
  const root = tlv(buf, 0);
  if (root.tag !== 0x30) throw new Error('not a DER TimeStampReq');
  const [version, imprint, ...rest] = children(buf, root);
  if (!version || version.tag !== 0x02 || !imprint || imprint.tag !== 0x30) throw new Error('malformed TimeStampReq');
  const [alg, digest] = children(buf, imprint);
  const hashAlgorithm = HASHES[oid(buf, children(buf, alg)[0])];
  if (!hashAlgorithm) throw new Error('unsupported hash algorithm in TimeStampReq');
  const json = { artifactHash: b64(buf.subarray(digest.start, digest.end)), hashAlgorithm };
  for (const f of rest) {
    if (f.tag === 0x06) json.tsaPolicyOID = oid(buf, f);
    if (f.tag === 0x02) {
      const n = BigInt('0x' + Buffer.from(buf.subarray(f.start, f.end)).toString('hex'));
      if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('nonce larger than 2^53 is not supported by this TSA');
      json.nonce = Number(n);
    }
    if (f.tag === 0x01) json.certificates = buf[f.start] !== 0;
  }
  return JSON.stringify(json);
}

// A Date that always reads the current time, truncated to the second (the mock TSA takes a Date as clock).
class WholeSecondClock extends Date {}
for (const m of Object.getOwnPropertyNames(Date.prototype)) {
  if (m !== 'constructor' && /^(get|to|valueOf)/.test(m)) {
    WholeSecondClock.prototype[m] = function (...a) { return new Date(Math.floor(Date.now() / 1000) * 1000)[m](...a); };
  }
}
Object.defineProperty(WholeSecondClock.prototype, Symbol.toPrimitive, { value(hint) {
  const d = new Date(Math.floor(Date.now() / 1000) * 1000);
  return hint === 'number' ? d.getTime() : d.toString();
} });

function checkToken(body) {
  let claims;
  try {
    const token = JSON.parse(body).credentials.oidcIdentityToken;
    claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
  } catch (e) {
    return 'There was an error processing the identity token: malformed token';
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp === 'number' && claims.exp < now) {
    return `There was an error processing the identity token: oidc: token is expired (Token Expiry: ${new Date(claims.exp * 1000).toISOString()})`;
  }
  const aud = [].concat(claims.aud || []);
  if (!aud.includes('sigstore')) return 'There was an error processing the identity token: oidc: expected audience "sigstore"';
  return null;
}

function route(server, handlers) {
  server.on('request', (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const h = handlers.find((x) => req.method === 'POST' && req.url.split('?')[0] === x.path);
      if (!h) { res.writeHead(404, { 'Content-Type': 'application/json' }); res.end('{"code":5,"message":"Not Found"}'); return; }
      let r;
      try {
        r = await h.fn(Buffer.concat(chunks), req.headers['content-type'] || '');
      } catch (e) {
        r = { statusCode: 400, response: String(e.message || e) };
      }
      res.writeHead(r.statusCode, { 'Content-Type': r.contentType || 'text/plain' });
      res.end(typeof r.response === 'string' ? r.response : der(r.response));
    });
  });
}

(async () => {
  const start = new Date(Date.now() - 60_000).toISOString();
  const [fulcio, rekor, tsaServer] = [await listen(), await listen(), await listen()];
  const ctlog = await mock.initializeCTLog(keyPair());
  const ca = await mock.initializeCA(keyPair(), ctlog);
  const tlog = await mock.initializeTLog(urlOf(rekor), keyPair());
  const tsa = await mock.initializeTSA(keyPair(), new WholeSecondClock());
  const ful = mock.fulcioHandler(ca);
  const tsh = mock.tsaHandler(tsa);
  route(fulcio, [{ path: ful.path, fn: async (body) => {
    const refused = checkToken(body.toString('utf8'));
    if (refused) return { statusCode: 401, contentType: 'application/json', response: JSON.stringify({ code: 16, message: refused, details: [] }) };
    return ful.fn(body.toString('utf8'));
  } }]);
  route(rekor, [mock.rekorHandler(tlog), mock.rekorV2Handler(tlog)].map((h) => ({ path: h.path, fn: (b) => h.fn(b.toString('utf8')) })));
  route(tsaServer, [{ path: tsh.path, fn: (body, type) => tsh.fn(type.startsWith('application/timestamp-query')
    ? timestampQueryToJson(body) : body.toString('utf8')) }]);

  const key = (raw) => ({ rawBytes: b64(raw), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } });
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [{ baseUrl: urlOf(rekor), hashAlgorithm: 'SHA2_256', publicKey: key(tlog.publicKey),
      logId: { keyId: b64(crypto.createHash('sha256').update(tlog.publicKey).digest()) } }],
    certificateAuthorities: [{ subject: { organization: 'sigstore.mock', commonName: 'sigstore' }, uri: urlOf(fulcio),
      certChain: { certificates: [{ rawBytes: b64(der(ca.rootCertificate)) }] }, validFor: { start } }],
    ctlogs: [{ baseUrl: 'http://127.0.0.1/ctlog', hashAlgorithm: 'SHA2_256', publicKey: key(ctlog.publicKey),
      logId: { keyId: b64(der(ctlog.logID)) } }],
    timestampAuthorities: [{ subject: { organization: 'sigstore.mock', commonName: 'tsa' }, uri: `${urlOf(tsaServer)}/api/v1/timestamp`,
      certChain: { certificates: [{ rawBytes: b64(der(tsa.intCertificate)) }, { rawBytes: b64(der(tsa.rootCertificate)) }] },
      validFor: { start } }],
  };
  const service = (url) => ({ url, majorApiVersion: 1, validFor: { start }, operator: 'sigstore.mock' });
  const signingConfig = {
    mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
    caUrls: [service(urlOf(fulcio))],
    oidcUrls: [],
    rekorTlogUrls: [service(urlOf(rekor))],
    rekorTlogConfig: { selector: 'ANY' },
    tsaUrls: [service(`${urlOf(tsaServer)}/api/v1/timestamp`)],
    tsaConfig: { selector: 'ANY' },
  };
  process.stdout.write(JSON.stringify({ fulcio: urlOf(fulcio), rekor: urlOf(rekor), tsa: `${urlOf(tsaServer)}/api/v1/timestamp`,
    signing_config: signingConfig, trusted_root: trustedRoot }) + '\n');
  const stop = () => { [fulcio, rekor, tsaServer].forEach((s) => s.close()); process.exit(0); };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
})().catch((e) => { console.error(`serve.js: ${e.stack || e}`); process.exit(1); });
