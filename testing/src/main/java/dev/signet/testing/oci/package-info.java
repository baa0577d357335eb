/** Deterministic OCI image layouts (single image and two-platform index) written from Java. */
package dev.signet.testing.oci;
