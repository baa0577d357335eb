/**
 * An RFC 3161 timestamp authority compatible with Sigstore's {@code timestamp-authority}: a signing key
 * with a root + leaf chain kept in a data directory ({@link dev.signet.sigstore.server.tsa.TsaKeyStore}),
 * request parsing in both wire forms ({@link dev.signet.sigstore.server.tsa.TimestampQuery}) and token
 * issuance with BouncyCastle TSP ({@link dev.signet.sigstore.server.tsa.TimestampAuthority}).
 */
package dev.signet.sigstore.server.tsa;
