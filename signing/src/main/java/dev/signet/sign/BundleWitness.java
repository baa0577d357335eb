package dev.signet.sign;

import dev.signet.bundle.SigstoreBundle;

/**
 * Completes a freshly signed bundle before it is stored: adds transparency-log entries and timestamps
 * (see {@code dev.signet.sign.keyless.ServiceWitness}). {@link #NONE} leaves it as it is.
 */
@FunctionalInterface
public interface BundleWitness {
  BundleWitness NONE = bundle -> bundle;

  SigstoreBundle witness(SigstoreBundle bundle) throws SigningException;
}
