#!/usr/bin/env node
'use strict';
/*
 * Self-test of the oracle: runs verify-bundle.js against cosign's own vectors (shared/vectors/cosign,
 * expected results from its MANIFEST.md) and against message-signature bundles made here with a
 * throw-away key, through the in-process API, the batch protocol and the single-check CLI.
 * Vectors: $SIGNET_VECTORS, else the first shared/vectors found walking up from this directory.
 * Prints one line per case and a closing "N passed, N failed" line; exit 1 on any failure.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');
const { verifyRequest } = require('./verify-bundle');

const hasCosignVectors = (dir) => fs.existsSync(path.join(dir, 'cosign', 'MANIFEST.md'));

function findVectors() {
  if (process.env.SIGNET_VECTORS) return hasCosignVectors(process.env.SIGNET_VECTORS) ? process.env.SIGNET_VECTORS : null;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'vectors');
    if (hasCosignVectors(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

const vectors = findVectors();
if (!vectors) {
  console.log('SKIPPED: shared/vectors not found (set SIGNET_VECTORS); oracle self-test not run');
  process.exit(0);
}
const K = path.join(vectors, 'cosign', 'dsse-keyed');
const B = path.join(vectors, 'cosign', 'bundles');
const k = (f) => path.join(K, f);
const BLOB = 'sha256:658781cd4ed9bca60dacd09f7bb914bb51502e8b5d619f57f39a1d652596cc24';
const ANOTHER = 'sha256:876ed8158d1de0f20e4698c6a4fa53d0a6acaf46be4957b066b37b23eae925bf';
const OCI_SUBJECT = 'sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4';

const cases = [];
const add = (name, request, ok, code) => cases.push({ name, request, ok, code });

// MANIFEST.md dsse-keyed table: file and digest input, against blob and another-blob.
const table = {
  blobSLSAProvenanceSignature: [true, false],
  dssePredicateEmptySubject: [false, false],
  dssePredicateMissingSha256: [false, false],
  dssePredicateMultipleSubjects: [true, false],
  dssePredicateMultipleSubjectsInvalid: [false, false],
};
for (const [vector, [vsBlob, vsAnother]] of Object.entries(table)) {
  const bundle = k(`${vector}.pubkey-bundle.sigstore.json`);
  const key = k('cosign.pub');
  add(`${vector} vs blob (file)`, { bundle, key, artifact: k('blob') }, vsBlob, vsBlob ? 'OK' : 'SUBJECT_MISMATCH');
  add(`${vector} vs blob (digest)`, { bundle, key, digest: BLOB }, vsBlob, vsBlob ? 'OK' : 'SUBJECT_MISMATCH');
  add(`${vector} vs another-blob (file)`, { bundle, key, artifact: k('another-blob') }, vsAnother, 'SUBJECT_MISMATCH');
  add(`${vector} vs another-blob (digest)`, { bundle, key, digest: ANOTHER }, vsAnother, 'SUBJECT_MISMATCH');
}
const badsig = k('badsig.pubkey-bundle.sigstore.json');
add('badsig vs blob (file)', { bundle: badsig, key: k('cosign.pub'), artifact: k('blob') }, false, 'SIGNATURE_ERROR');
add('badsig vs blob (digest)', { bundle: badsig, key: k('cosign.pub'), digest: BLOB }, false, 'SIGNATURE_ERROR');
const wrongKey = path.join(vectors, 'cosign', 'keys', 'public', 'cosign-ci.pub');
add('blobSLSAProvenanceSignature with cosign-ci.pub', {
  bundle: k('blobSLSAProvenanceSignature.pubkey-bundle.sigstore.json'), key: wrongKey, artifact: k('blob'),
}, false, 'SIGNATURE_ERROR');

// bundles/: a real public-good keyless DSSE bundle (MANIFEST.md: PASS with this identity and root).
const keyless = {
  bundle: path.join(B, 'oci-attestation.sigstore.json'),
  trustedRoot: path.join(B, 'trusted_root_pgi.json'),
  certificateIdentity: 'cody@soyland.com',
  certificateOidcIssuer: 'https://github.com/login/oauth',
};
add('oci-attestation keyless (digest)', { ...keyless, digest: OCI_SUBJECT }, true, 'OK');
add('oci-attestation other identity', { ...keyless, certificateIdentity: 'someone@example.com', digest: OCI_SUBJECT },
  false, 'UNTRUSTED_SIGNER_ERROR');
add('oci-attestation other digest', { ...keyless, digest: BLOB }, false, 'SUBJECT_MISMATCH');
add('oci-attestation given a key', { bundle: keyless.bundle, key: k('cosign.pub'), digest: OCI_SUBJECT },
  false, 'KEY_MODE_MISMATCH');

// Message-signature bundles made here with a throw-away P-256 key.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oracle-selftest-'));
const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const tmpFile = (name, data) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, data);
  return p;
};
const pub = tmpFile('key.pub', publicKey.export({ type: 'spki', format: 'pem' }));
const other = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
const otherPub = tmpFile('other.pub', other.export({ type: 'spki', format: 'pem' }));
const artifact = tmpFile('artifact', 'hello oracle\n');
const artifactBytes = fs.readFileSync(artifact);
const artifactDigest = crypto.createHash('sha256').update(artifactBytes).digest();
const messageBundle = (digest, signature) => JSON.stringify({
  mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  verificationMaterial: { publicKey: { hint: '' } },
  messageSignature: {
    messageDigest: { algorithm: 'SHA2_256', digest: digest.toString('base64') },
    signature: signature.toString('base64'),
  },
});
const sig = crypto.sign('sha256', artifactBytes, privateKey);
const good = tmpFile('good.sigstore.json', messageBundle(artifactDigest, sig));
const lying = tmpFile('lying.sigstore.json', messageBundle(Buffer.alloc(32), sig));
const sha = `sha256:${artifactDigest.toString('hex')}`;
add('message signature (file)', { bundle: good, key: pub, artifact }, true, 'OK');
add('message signature (digest)', { bundle: good, key: pub, digest: sha }, true, 'OK');
add('message signature, other artifact', { bundle: good, key: pub, artifact: k('blob') }, false, 'MESSAGE_DIGEST_ERROR');
add('message signature, other digest', { bundle: good, key: pub, digest: BLOB }, false, 'MESSAGE_DIGEST_ERROR');
add('message signature, other key (file)', { bundle: good, key: otherPub, artifact }, false, 'SIGNATURE_ERROR');
add('message signature, other key (digest)', { bundle: good, key: otherPub, digest: sha }, false, 'SIGNATURE_ERROR');
add('message signature, wrong messageDigest', { bundle: lying, key: pub, artifact }, false, 'MESSAGE_DIGEST_ERROR');
add('request without artifact', { bundle: good, key: pub }, false, 'REQUEST_ERROR');

let passed = 0;
let failed = 0;
function report(name, result, ok, code) {
  const good = result.ok === ok && result.code === code;
  if (good) passed++;
  else failed++;
  console.log(`${good ? 'ok  ' : 'FAIL'} ${name}: ${result.code}${good ? '' : ` (expected ${code}) ${result.message}`}`);
}

// 1. In-process API.
for (const c of cases) report(c.name, verifyRequest(c.request), c.ok, c.code);

// 2. Batch protocol: one process, results in input order with ids echoed, bad lines answered.
const script = path.join(__dirname, 'verify-bundle.js');
const input = cases.map((c, i) => JSON.stringify({ id: i, ...c.request })).join('\n') + '\nnot json\n';
const batch = spawnSync(process.execPath, [script, '--batch'], { input, encoding: 'utf8' });
const lines = batch.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
report('batch exit status', { ok: batch.status === 0, code: String(batch.status) }, true, '0');
report('batch answers every line', { ok: lines.length === cases.length + 1, code: String(lines.length) },
  true, String(cases.length + 1));
cases.forEach((c, i) => {
  const line = lines[i] || { ok: null, code: 'MISSING' };
  report(`batch #${i} ${c.name}`, line.id === i ? line : { ok: null, code: `ID ${line.id}` }, c.ok, c.code);
});
const last = lines[cases.length] || {};
report('batch bad line', last, false, 'REQUEST_ERROR');

// 3. Single-check CLI: exit codes 0, 1, 2.
const cli = (args) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
const yes = cli(['--bundle', good, '--key', pub, '--digest', sha]);
report('cli verified', { ok: yes.status === 0, code: JSON.parse(yes.stdout).code }, true, 'OK');
const no = cli(['--bundle', badsig, '--key', k('cosign.pub'), '--artifact', k('blob')]);
report('cli rejected', { ok: no.status === 0, code: `${no.status} ${JSON.parse(no.stdout).code}` }, false, '1 SIGNATURE_ERROR');
const usage = cli(['--nonsense']);
report('cli usage', { ok: usage.status === 0, code: String(usage.status) }, false, '2');

fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
