#!/usr/bin/env node
// Independent TUF client for Signet's tests: refreshes a TUF repository with tuf-js and downloads one
// target.
//
//   node refresh.js METADATA_URL WORK_DIR ROOT_JSON [TARGET_NAME]
//
// WORK_DIR/metadata is tuf-js's metadata cache (ROOT_JSON is copied there as root.json when absent),
// WORK_DIR/targets receives the target (default trusted_root.json). Prints one JSON line:
//   {"ok":true,"target":"<path>","sha256":"<hex>","root":N,"timestamp":N,"snapshot":N,"targets":N}
//   {"ok":false,"error":"<class>: <message>"}
// and exits 0 or 1.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { Updater } = require('tuf-js');

function version(dir, role) {
  const file = path.join(dir, role + '.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).signed.version : null;
}

async function main() {
  const [metadataUrl, workDir, rootJson, targetName = 'trusted_root.json'] = process.argv.slice(2);
  if (!metadataUrl || !workDir || !rootJson) {
    throw new Error('usage: node refresh.js METADATA_URL WORK_DIR ROOT_JSON [TARGET_NAME]');
  }
  const metadataDir = path.join(workDir, 'metadata');
  const targetDir = path.join(workDir, 'targets');
  fs.mkdirSync(metadataDir, { recursive: true });
  fs.mkdirSync(targetDir, { recursive: true });
  if (!fs.existsSync(path.join(metadataDir, 'root.json'))) {
    fs.copyFileSync(rootJson, path.join(metadataDir, 'root.json'));
  }
  const base = metadataUrl.replace(/\/+$/, '');
  const updater = new Updater({
    metadataDir,
    metadataBaseUrl: base,
    targetDir,
    targetBaseUrl: base + '/targets',
  });
  await updater.refresh();
  const info = await updater.getTargetInfo(targetName);
  if (!info) {
    throw new Error('target ' + targetName + ' not found');
  }
  const file = (await updater.findCachedTarget(info)) || (await updater.downloadTarget(info));
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  const out = { ok: true, target: file, sha256 };
  for (const role of ['root', 'timestamp', 'snapshot', 'targets']) {
    out[role] = version(metadataDir, role);
  }
  return out;
}

main().then(
  (out) => {
    process.stdout.write(JSON.stringify(out) + '\n');
  },
  (err) => {
    const name = err && err.constructor ? err.constructor.name : 'Error';
    process.stdout.write(JSON.stringify({ ok: false, error: name + ': ' + (err && err.message) }) + '\n');
    process.exitCode = 1;
  }
);
