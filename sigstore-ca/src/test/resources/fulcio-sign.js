'use strict';
// The real @sigstore/sign client (FulcioSigner) against Signet's CA over HTTP (test tooling).
// usage: NODE_PATH=<oracles/sigstore-mock/node_modules> node fulcio-sign.js FULCIO_URL TOKEN_FILE DATA_FILE
// prints {"signature":"<base64>","certificate":"<leaf PEM>"} or {"error":"<code>: <message>"}.
const fs = require('fs');
const { FulcioSigner } = require('@sigstore/sign');

const [url, tokenFile, dataFile] = process.argv.slice(2);
const token = fs.readFileSync(tokenFile, 'utf8').trim();
const signer = new FulcioSigner({ fulcioBaseURL: url, identityProvider: { getToken: async () => token },
  timeout: 60000, retry: 0 });
signer.sign(fs.readFileSync(dataFile)).then(
  (sig) => console.log(JSON.stringify({ signature: Buffer.from(sig.signature).toString('base64'),
    certificate: sig.key.certificate })),
  (err) => console.log(JSON.stringify({ error: `${err.code || err.name}: ${err.message}${err.cause ? ' (' + err.cause.message + ')' : ''}` })));
