package dev.signet.registry.server.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of a {@code Range: bytes=…} request header (RFC 9110 §14.1.2), resolved against
 * the representation's length. Multiple ranges are not served: the whole blob is sent instead, which
 * RFC 9110 allows.
 *
 * @param first the first byte served
 * @param length how many bytes are served
 */
record ByteRange(long first, long length) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  /** Thrown when the range cannot be satisfied (answer 416 with {@code Content-Range: bytes *}{@code /size}). */
  static final class Unsatisfiable extends Exception {
    private static final long serialVersionUID = 1L;

    Unsatisfiable(String message) {
      super(message);
    }
  }

  /** Empty when there is no usable single range (serve everything). */
  static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = SINGLE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    if (m.group(1).isEmpty()) {
      long suffix = position(m.group(2));
      if (suffix == 0 || size == 0) {
        throw new Unsatisfiable("empty suffix range");
      }
      long n = Math.min(suffix, size);
      return Optional.of(new ByteRange(size - n, n));
    }
    long first = position(m.group(1));
    long last = m.group(2).isEmpty() ? size - 1 : Math.min(position(m.group(2)), size - 1);
    if (first >= size || last < first) {
      throw new Unsatisfiable("range " + header + " is outside 0-" + (size - 1));
    }
    return Optional.of(new ByteRange(first, last - first + 1));
  }

  /** A byte position; one past {@code long} is as good as infinite (beyond any blob). */
  private static long position(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  /** {@code bytes first-last/size}. */
  String contentRange(long size) {
    return "bytes " + first + "-" + (first + length - 1) + "/" + size;
  }
}
