'use strict';
// What @sigstore/sign would send to a transparency log for a bundle (test tooling: an independent reference
// for Signet's log requests). Reads {"bundle":<v0.3 bundle JSON>,"verifier":"<PEM>","entryType":"dsse|intoto"}
// on stdin; prints {"v1":<Rekor v1 ProposedEntry>,"v2":<Rekor v2 CreateEntryRequest, protojson>}.
const path = require('path');
const signDir = path.dirname(require.resolve('@sigstore/sign/package.json'));
const { bundleFromJSON } = require(require.resolve('@sigstore/bundle', { paths: [signDir] }));
const { toProposedEntry, toCreateEntryRequest } = require(path.join(signDir, 'dist/witness/tlog/entry'));
const { CreateEntryRequest } = require(require.resolve('@sigstore/protobuf-specs/rekor/v2', { paths: [signDir] }));

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const bundle = bundleFromJSON(input.bundle);
  const v1 = toProposedEntry(bundle.content, input.verifier, input.entryType || 'dsse');
  const v2 = CreateEntryRequest.toJSON(toCreateEntryRequest(bundle.content, input.verifier));
  process.stdout.write(JSON.stringify({ v1, v2 }) + '\n');
});
