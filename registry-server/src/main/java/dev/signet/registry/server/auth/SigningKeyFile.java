package dev.signet.registry.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

/**
 * The token signing key: an ECDSA P-256 JWK in {@code <data>/token-signing-key.jwk}, generated on first
 * start and written with mode 0600 (atomically, so a crash never leaves half a key).
 */
final class SigningKeyFile {
  static final String NAME = "token-signing-key.jwk";

  private SigningKeyFile() {}

  static ECKey loadOrCreate(Path dataDir) {
    return loadOrCreate(dataDir, NAME);
  }

  /** The EC P-256 JWK in {@code <dataDir>/<name>}, generated (0600, atomically) when missing. */
  static ECKey loadOrCreate(Path dataDir, String name) {
    Path file = dataDir.resolve(name);
    try {
      if (Files.exists(file)) {
        return ECKey.parse(Files.readString(file, StandardCharsets.UTF_8));
      }
      ECKey key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
      Path tmp = dataDir.resolve(name + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, key.toJSONString(), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        Files.deleteIfExists(tmp);
        return ECKey.parse(Files.readString(file, StandardCharsets.UTF_8));
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the token signing key " + file, e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("the token signing key " + file + " is not a usable EC JWK", e);
    }
  }
}
