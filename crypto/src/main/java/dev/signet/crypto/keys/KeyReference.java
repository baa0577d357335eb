package dev.signet.crypto.keys;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.UnsupportedKeyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A resolved {@code --key} reference: the bytes it points to and a description of where they came
 * from (for messages).
 *
 * <p>Supported forms: a file path, and {@code env://VAR} (the content of environment variable
 * {@code VAR}, taken from the map the caller passes, never from global state). KMS and other
 * remote schemes ({@code awskms://}, {@code gcpkms://}, {@code azurekms://}, {@code hashivault://},
 * {@code k8s://}, {@code gitlab://}, {@code https://}, {@code pkcs11:}, ...) are recognised and
 * refused with {@link UnsupportedKeyException}.
 */
public final class KeyReference {

  private static final String ENV_PREFIX = "env://";

  private final String reference;
  private final String source;
  private final byte[] bytes;

  private KeyReference(String reference, String source, byte[] bytes) {
    this.reference = reference;
    this.source = source;
    this.bytes = bytes;
  }

  /**
   * Resolves {@code reference}; relative paths are resolved against {@code baseDirectory}.
   *
   * @param env the environment to read {@code env://} references from
   * @throws UnsupportedKeyException for KMS, PKCS#11, Kubernetes and remote references
   * @throws CryptoException if the file cannot be read or the variable is not set
   */
  public static KeyReference resolve(String reference, Map<String, String> env, Path baseDirectory)
      throws CryptoException {
    if (reference.isEmpty()) {
      throw new CryptoException("resolve key reference: the reference is empty");
    }
    if (reference.startsWith(ENV_PREFIX)) {
      String name = reference.substring(ENV_PREFIX.length());
      String value = env.get(name);
      if (name.isEmpty() || value == null) {
        throw new CryptoException(
            "resolve key reference " + reference + ": environment variable "
                + (name.isEmpty() ? "name is empty" : name + " is not set"));
      }
      return new KeyReference(reference, reference, value.getBytes(StandardCharsets.UTF_8));
    }
    if (reference.toLowerCase(Locale.ROOT).startsWith("pkcs11:")) {
      throw new UnsupportedKeyException(
          "resolve key reference " + reference
              + ": PKCS#11 key references are not supported yet; export the key to a file");
    }
    int scheme = reference.indexOf("://");
    if (scheme > 0) {
      String name = reference.substring(0, scheme).toLowerCase(Locale.ROOT);
      if (name.equals("http") || name.equals("https")) {
        throw new UnsupportedKeyException(
            "resolve key reference " + reference + ": remote key references (" + name
                + "://) are not supported yet; download the key and pass the file path");
      }
      throw new UnsupportedKeyException(
          "resolve key reference " + reference + ": KMS key references (" + name
              + "://) are not supported yet; use a key file or env://VAR");
    }
    Path path = baseDirectory.resolve(reference);
    try {
      return new KeyReference(reference, reference, Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      throw new CryptoException(
          "resolve key reference " + reference + ": file not found: " + path, e);
    } catch (IOException e) {
      throw new CryptoException(
          "resolve key reference " + reference + ": cannot read " + path + ": " + e, e);
    }
  }

  /**
   * Resolves {@code reference} with relative paths taken against the current directory.
   *
   * @see #resolve(String, Map, Path)
   */
  public static KeyReference resolve(String reference, Map<String, String> env)
      throws CryptoException {
    return resolve(reference, env, Path.of(""));
  }

  /** The reference as given. */
  public String reference() {
    return reference;
  }

  /** Description of the source for messages: the path as given, or {@code env://VAR}. */
  public String source() {
    return source;
  }

  /** A copy of the referenced bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "KeyReference[" + source + ", " + bytes.length + " bytes]";
  }
}
