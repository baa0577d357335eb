package dev.signet.registry.server.storage.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Minimal JDBC helpers: positional parameters, row mappers, no framework. */
final class Jdbc {
  private Jdbc() {}

  /** Maps the current row. */
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.map(rs));
      }
      return out;
    }
  }

  static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
    }
  }

  static boolean exists(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args)) {
      return ps.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a == null) {
          ps.setNull(i + 1, java.sql.Types.NULL);
        } else if (a instanceof byte[] b) {
          ps.setBytes(i + 1, b);
        } else if (a instanceof Long || a instanceof Integer) {
          ps.setLong(i + 1, ((Number) a).longValue());
        } else {
          ps.setString(i + 1, a.toString());
        }
      }
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }
}
