package dev.signet.registry.server.storage.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Minimal JDBC helpers: positional parameters, row mappers, no framework. Open for extension only so that
 * {@link SqliteConnections} subclasses expose these helpers under their own names.
 */
public class Jdbc {
  Jdbc() {}

  /** Maps the current row. */
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.map(rs));
      }
      return out;
    }
  }

  public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
    }
  }

  public static boolean exists(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  public static int update(Connection c, String sql, Object... args) throws SQLException {
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
        } else if (a instanceof Boolean b) {
          ps.setLong(i + 1, b ? 1 : 0);
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
