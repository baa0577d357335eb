/**
 * Key files and key material: cosign's encrypted private key format ({@link
 * dev.signet.crypto.keys.CosignKeyFile}), unencrypted private key import ({@link
 * dev.signet.crypto.keys.PrivateKeyImport}), public key files ({@link
 * dev.signet.crypto.keys.PublicKeys}), key references ({@link dev.signet.crypto.keys.KeyReference})
 * and writing key files with the right permissions ({@link dev.signet.crypto.keys.KeyFiles}).
 */
package dev.signet.crypto.keys;
