package dev.signet.registry.server.service;

import java.util.List;

/**
 * The outcome of a consistency check.
 *
 * @param manifests how many manifests were checked
 * @param blobs how many blobs were re-hashed
 * @param problems one line per inconsistency; empty when the registry is consistent
 */
public record FsckReport(long manifests, long blobs, List<String> problems) {
  public FsckReport {
    problems = List.copyOf(problems);
  }

  public boolean clean() {
    return problems.isEmpty();
  }
}
