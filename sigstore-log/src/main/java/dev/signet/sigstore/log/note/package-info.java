/** The log's key and C2SP signed-note checkpoints. */
package dev.signet.sigstore.log.note;
