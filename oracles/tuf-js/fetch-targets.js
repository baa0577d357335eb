#!/usr/bin/env node
// Independent TUF client for Signet's repository writer: one full tuf-js refresh (root rotation,
// timestamp, snapshot, targets) against a live HTTP server, then downloads every named target.
//
//   node fetch-targets.js METADATA_URL WORK_DIR ROOT_JSON TARGET...
//
// WORK_DIR/metadata is tuf-js's metadata cache (ROOT_JSON is copied there as root.json when absent, so a
// second run with the same WORK_DIR updates from the cached state), WORK_DIR/targets receives the
// targets (always downloaded afresh). Prints one JSON line and exits 0 or 1:
//   {"ok":true,"files":{"<name>":{"sha256":"<hex>","length":N,"custom":{...}}},"root":N,"timestamp":N,...}
//   {"ok":false,"error":"<class>: <message>"}
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
  const [metadataUrl, workDir, rootJson, ...names] = process.argv.slice(2);
  if (!metadataUrl || !workDir || !rootJson || names.length === 0) {
    throw new Error('usage: node fetch-targets.js METADATA_URL WORK_DIR ROOT_JSON TARGET...');
  }
  const metadataDir = path.join(workDir, 'metadata');
  const targetDir = path.join(workDir, 'targets');
  fs.mkdirSync(metadataDir, { recursive: true });
  fs.rmSync(targetDir, { recursive: true, force: true });
  fs.mkdirSync(targetDir, { recursive: true });
  if (!fs.existsSync(path.join(metadataDir, 'root.json'))) {
    fs.copyFileSync(rootJson, path.join(metadataDir, 'root.json'));
  }
  const base = metadataUrl.replace(/\/+$/, '');
  const updater = new Updater({ metadataDir, metadataBaseUrl: base, targetDir, targetBaseUrl: base + '/targets' });
  await updater.refresh();
  const targets = {};
  for (const name of names) {
    const info = await updater.getTargetInfo(name);
    if (!info) {
      throw new Error('target ' + name + ' not found');
    }
    const file = await updater.downloadTarget(info, path.join(targetDir, name.replace(/\//g, '_')));
    const bytes = fs.readFileSync(file);
    targets[name] = {
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      length: bytes.length,
      custom: info.custom || {},
    };
  }
  const out = { ok: true, files: targets };
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
