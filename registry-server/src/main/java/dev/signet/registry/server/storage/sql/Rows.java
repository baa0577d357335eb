package dev.signet.registry.server.storage.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.ManifestRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Column conversions shared by the SQL classes. */
final class Rows {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

  /** The manifest columns, in the order {@link #manifest} reads them. */
  static final String MANIFEST_COLUMNS =
      "digest, media_type, subject, artifact_type, annotations, accessory_type, created, content";

  private Rows() {}

  static ManifestRecord manifest(ResultSet rs) throws SQLException {
    return manifest(rs, 0);
  }

  /** Reads {@link #MANIFEST_COLUMNS} starting after {@code skip} leading columns. */
  static ManifestRecord manifest(ResultSet rs, int skip) throws SQLException {
    return new ManifestRecord(digest(rs.getString(skip + 1)), rs.getString(skip + 2), rs.getBytes(skip + 8),
        digestOrNull(rs.getString(skip + 3)), rs.getString(skip + 4), annotations(rs.getString(skip + 5)),
        rs.getString(skip + 6), Instant.ofEpochMilli(rs.getLong(skip + 7)));
  }

  static Digest digest(String s) throws SQLException {
    try {
      return Digest.parse(s);
    } catch (dev.signet.oci.InvalidDigestException e) {
      throw new SQLException("corrupt digest in the database: " + s, e);
    }
  }

  static Digest digestOrNull(String s) throws SQLException {
    return s == null ? null : digest(s);
  }

  static String annotationsJson(Map<String, String> annotations) {
    if (annotations.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(new TreeMap<>(annotations));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> annotations(String json) throws SQLException {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt annotations in the database", e);
    }
  }
}
