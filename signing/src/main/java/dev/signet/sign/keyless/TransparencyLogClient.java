package dev.signet.sign.keyless;

import com.fasterxml.jackson.databind.JsonNode;

/** A transparency log that takes an entry and answers with the bundle's {@code TransparencyLogEntry}. */
public interface TransparencyLogClient {

  /** Logs {@code content}; returns the protojson {@code TransparencyLogEntry} for {@code tlogEntries[]}. */
  JsonNode upload(LogContent content) throws KeylessException;

  /** Where entries go (for messages). */
  String describe();
}
