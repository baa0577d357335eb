#!/usr/bin/env node
'use strict';
/*
 * Offline oracle for Sigstore bundles written by Signet, built on @sigstore/verify (pinned in
 * package-lock.json). It is test tooling: an independent implementation to check Signet's output.
 *
 * Single check:
 *   node verify-bundle.js --bundle F --key PEM (--artifact FILE | --digest sha256:HEX)
 *   node verify-bundle.js --bundle F --trusted-root T --certificate-identity SAN
 *        --certificate-oidc-issuer URL (--artifact FILE | --digest sha256:HEX)
 *   prints one result line {"ok":bool,"code":"…","message":"…"}; exit 0 verified, 1 not, 2 usage.
 *
 * Batch (one node start-up for many checks):
 *   node verify-bundle.js --batch < requests.jsonl
 *   each input line: {"id"?, "bundle", "key" | ("trustedRoot","certificateIdentity","certificateOidcIssuer"),
 *                     "artifact" | "digest", "annotations"?: {k: v}, "thresholds"?: {tlog, ctlog, timestamp}}
 *   each output line: {"id"?, "ok", "code", "message"}, in input order; exit 0 when the input was read.
 *
 * Key mode uses an empty trusted root and thresholds 0 (a key bundle has no tlog entry, SCT or
 * timestamp unless the caller asks for them). Checks added on top of Verifier.verify, which leaves
 * them to the caller: key vs certificate mode, messageDigest vs artifact, and for DSSE bundles the
 * in-toto subject (some subject's sha256 equals the artifact digest; optional annotations).
 * Digest input for message signatures verifies ECDSA P-256 over the given digest with @noble/curves.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const readline = require('readline');

const verifyDir = path.dirname(require.resolve('@sigstore/verify/package.json'));
const fromVerify = (m) => require(require.resolve(m, { paths: [verifyDir] }));
const { bundleFromJSON } = fromVerify('@sigstore/bundle');
const { TrustedRoot, HashAlgorithm } = fromVerify('@sigstore/protobuf-specs');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');
const { p256 } = require('@noble/curves/p256');

const IN_TOTO = 'application/vnd.in-toto+json';
const EMPTY_ROOT = { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' };
const NODE_HASH = {
  [HashAlgorithm.SHA2_256]: 'sha256',
  [HashAlgorithm.SHA2_384]: 'sha384',
  [HashAlgorithm.SHA2_512]: 'sha512',
};

class OracleError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function fail(code, message) {
  throw new OracleError(code, message);
}

/** Verifies one request; never throws. */
function verifyRequest(request, baseDir = process.cwd()) {
  try {
    checkRequest(request, baseDir);
    return { ok: true, code: 'OK', message: 'verified' };
  } catch (e) {
    return { ok: false, code: e.code || e.name || 'ERROR', message: String(e.message || e) };
  }
}

function checkRequest(r, baseDir) {
  const file = (p) => path.resolve(baseDir, p);
  if (!r || typeof r !== 'object') fail('REQUEST_ERROR', 'request must be a JSON object');
  if (!r.bundle) fail('REQUEST_ERROR', 'bundle is required');
  const keyMode = Boolean(r.key);
  if (keyMode === Boolean(r.trustedRoot)) fail('REQUEST_ERROR', 'give exactly one of key and trustedRoot');
  if (Boolean(r.artifact) === Boolean(r.digest)) fail('REQUEST_ERROR', 'give exactly one of artifact and digest');

  let artifact = null;
  let digestHex;
  if (r.artifact) {
    artifact = fs.readFileSync(file(r.artifact));
    digestHex = crypto.createHash('sha256').update(artifact).digest('hex');
  } else {
    const m = /^sha256:([0-9a-f]{64})$/.exec(r.digest);
    if (!m) fail('REQUEST_ERROR', `digest must be sha256:<64 lower-case hex>, got ${r.digest}`);
    digestHex = m[1];
  }

  let bundle;
  try {
    bundle = bundleFromJSON(JSON.parse(fs.readFileSync(file(r.bundle), 'utf8')));
  } catch (e) {
    fail(e.code || 'BUNDLE_ERROR', `bundle does not parse: ${e.message}`);
  }
  const material = bundle.verificationMaterial.content.$case;
  if (keyMode && material !== 'publicKey') fail('KEY_MODE_MISMATCH', `key given but bundle has ${material}`);
  if (!keyMode && material === 'publicKey') fail('KEY_MODE_MISMATCH', 'certificate identity given but bundle has a public key');

  let trust;
  let policy;
  const t = r.thresholds || {};
  let options;
  if (keyMode) {
    const publicKey = crypto.createPublicKey(fs.readFileSync(file(r.key)));
    trust = toTrustMaterial(TrustedRoot.fromJSON(EMPTY_ROOT), () => ({ publicKey, validFor: () => true }));
    options = { tlogThreshold: t.tlog ?? 0, ctlogThreshold: t.ctlog ?? 0, timestampThreshold: t.timestamp ?? 0 };
  } else {
    const root = JSON.parse(fs.readFileSync(file(r.trustedRoot), 'utf8'));
    trust = toTrustMaterial(TrustedRoot.fromJSON(root));
    options = { tlogThreshold: t.tlog ?? 1, ctlogThreshold: t.ctlog ?? 1, timestampThreshold: t.timestamp ?? 1 };
    policy = { subjectAlternativeName: r.certificateIdentity, extensions: { issuer: r.certificateOidcIssuer } };
  }

  const entity = toSignedEntity(bundle, artifact || Buffer.alloc(0));
  if (bundle.content.$case === 'messageSignature') {
    checkMessageDigest(bundle.content.messageSignature, artifact, digestHex);
    if (!artifact) entity.signature = prehashed(entity.signature, Buffer.from(digestHex, 'hex'));
  }
  new Verifier(trust, options).verify(entity, policy);
  if (bundle.content.$case === 'dsseEnvelope') {
    checkSubject(bundle.content.dsseEnvelope, digestHex, r.annotations);
  }
}

function checkMessageDigest(messageSignature, artifact, digestHex) {
  const md = messageSignature.messageDigest;
  if (!md) fail('MESSAGE_DIGEST_ERROR', 'message signature has no messageDigest');
  const alg = NODE_HASH[md.algorithm];
  if (!alg) fail('MESSAGE_DIGEST_ERROR', `unsupported messageDigest algorithm ${md.algorithm}`);
  let expected;
  if (artifact) {
    expected = crypto.createHash(alg).update(artifact).digest();
  } else {
    if (alg !== 'sha256') fail('MESSAGE_DIGEST_ERROR', `digest input is sha256 but the bundle uses ${alg}`);
    expected = Buffer.from(digestHex, 'hex');
  }
  if (!Buffer.from(md.digest).equals(expected)) {
    fail('MESSAGE_DIGEST_ERROR', 'messageDigest does not match the artifact');
  }
}

/** Signature content that verifies ECDSA P-256 over a given SHA-256 digest instead of the artifact. */
function prehashed(content, digest) {
  return {
    signature: content.signature,
    compareSignature: (s) => content.compareSignature(s),
    compareDigest: (d) => content.compareDigest(d),
    verifySignature: (key) => {
      const jwk = key.export({ format: 'jwk' });
      if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') {
        fail('UNSUPPORTED_DIGEST_MODE', `digest input needs an ECDSA P-256 key, got ${jwk.kty} ${jwk.crv || ''}`);
      }
      const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
      try {
        return p256.verify(Uint8Array.from(content.signature), Uint8Array.from(digest), Uint8Array.from(point), {
          prehash: false,
          lowS: false,
          format: 'der',
        });
      } catch (e) {
        return false;
      }
    },
  };
}

function checkSubject(envelope, digestHex, annotations) {
  if (envelope.payloadType !== IN_TOTO) {
    fail('PAYLOAD_TYPE_ERROR', `payloadType ${envelope.payloadType}, expected ${IN_TOTO}`);
  }
  let statement;
  try {
    statement = JSON.parse(Buffer.from(envelope.payload).toString('utf8'));
  } catch (e) {
    fail('STATEMENT_ERROR', `in-toto statement does not parse: ${e.message}`);
  }
  const subjects = Array.isArray(statement && statement.subject) ? statement.subject : [];
  const wanted = Object.entries(annotations || {});
  const matching = subjects.filter((s) => s && s.digest && s.digest.sha256 === digestHex);
  if (matching.length === 0) fail('SUBJECT_MISMATCH', `no subject has sha256 ${digestHex}`);
  const annotated = matching.some((s) => wanted.every(([k, v]) => s.annotations && s.annotations[k] === v));
  if (!annotated) fail('SUBJECT_MISMATCH', 'the matching subject lacks the required annotations');
}

function parseArgs(argv) {
  const names = {
    '--bundle': 'bundle', '--key': 'key', '--artifact': 'artifact', '--digest': 'digest',
    '--trusted-root': 'trustedRoot', '--certificate-identity': 'certificateIdentity',
    '--certificate-oidc-issuer': 'certificateOidcIssuer',
  };
  const r = {};
  for (let i = 0; i < argv.length; i++) {
    const name = names[argv[i]];
    if (!name || i + 1 >= argv.length) return null;
    r[name] = argv[++i];
  }
  return r;
}

async function batch() {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let result;
    let request;
    try {
      request = JSON.parse(line);
      result = verifyRequest(request);
    } catch (e) {
      result = { ok: false, code: 'REQUEST_ERROR', message: `request is not JSON: ${e.message}` };
    }
    const out = request && request.id !== undefined ? { id: request.id, ...result } : result;
    process.stdout.write(JSON.stringify(out) + '\n');
  }
}

function main(argv) {
  if (argv.length === 1 && argv[0] === '--batch') {
    batch().catch((e) => {
      process.stderr.write(`batch failed: ${e.stack || e}\n`);
      process.exit(2);
    });
    return;
  }
  const request = parseArgs(argv);
  if (!request) {
    process.stderr.write('usage: verify-bundle.js --bundle F (--key PEM | --trusted-root T --certificate-identity I '
      + '--certificate-oidc-issuer U) (--artifact FILE | --digest sha256:HEX)\n       verify-bundle.js --batch\n');
    process.exit(2);
  }
  const result = verifyRequest(request);
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exitCode = result.ok ? 0 : 1;
}

module.exports = { verifyRequest };

if (require.main === module) {
  main(process.argv.slice(2));
}
