/**
 * OIDC ID-token verification for the CA: configured issuers ({@link dev.signet.sigstore.ca.oidc.OidcIssuer}),
 * discovery and JWKS fetched over HTTP and cached ({@link dev.signet.sigstore.ca.oidc.IssuerKeys}),
 * signature and claim checks with a typed reason for every refusal
 * ({@link dev.signet.sigstore.ca.oidc.TokenVerifier}, {@link dev.signet.sigstore.ca.oidc.TokenRejectedException}),
 * and Fulcio's mapping of claims to certificate identities ({@link dev.signet.sigstore.ca.oidc.Principals}).
 */
package dev.signet.sigstore.ca.oidc;
