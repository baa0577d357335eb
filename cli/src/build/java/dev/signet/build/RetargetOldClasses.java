package dev.signet.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step (run by exec-maven-plugin after the shade step, as a single-file source program): rewrites
 * the classes under the given package prefixes in a jar whose class-file version is below 50 (Java 6) to
 * version 52 (Java 8) with recomputed stack-map frames. The JDK's ahead-of-time cache leaves out classes
 * older than 50 (they need the old split verifier), and picocli ships version 49 classes; rewritten, they
 * are loaded and linked from the cache like the rest. Bytecode is unchanged apart from the frames and
 * the version, so behaviour is the same; entries keep their order, names and timestamps.
 *
 * <p>Arguments: {@code JAR PREFIX...} (prefixes as entry names, e.g. {@code picocli/}). Rewrites in place.
 */
public final class RetargetOldClasses {
  private static final int MIN_CACHEABLE = 50;
  private static final int TARGET = Opcodes.V1_8;

  private RetargetOldClasses() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: RetargetOldClasses JAR PREFIX...");
      System.exit(2);
    }
    Path jar = Path.of(args[0]);
    List<String> prefixes = List.of(args).subList(1, args.length);
    Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".tmp");
    int rewritten = 0;
    try (ZipFile in = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
      Hierarchy hierarchy = new Hierarchy(in);
      for (ZipEntry entry : Collections.list(in.entries())) {
        byte[] data;
        try (InputStream s = in.getInputStream(entry)) {
          data = s.readAllBytes();
        }
        if (selected(entry.getName(), prefixes) && classVersion(data) < MIN_CACHEABLE) {
          data = retarget(data, hierarchy);
          rewritten++;
        }
        write(out, entry, data);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try {
      Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the temporary file's defaults will do.
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("RetargetOldClasses: " + rewritten + " classes under " + prefixes + " in " + jar
        + " now class-file version " + TARGET);
  }

  private static boolean selected(String name, List<String> prefixes) {
    if (!name.endsWith(".class")) {
      return false;
    }
    for (String p : prefixes) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static int classVersion(byte[] data) {
    if (data.length < 8 || (data[0] & 0xff) != 0xca || (data[1] & 0xff) != 0xfe) {
      return Integer.MAX_VALUE;
    }
    return ((data[6] & 0xff) << 8) | (data[7] & 0xff);
  }

  static byte[] retarget(byte[] data, Hierarchy hierarchy) {
    ClassReader reader = new ClassReader(data);
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected String getCommonSuperClass(String a, String b) {
        return hierarchy.commonSuperClass(a, b);
      }
    };
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        super.visit(TARGET, access, name, signature, superName, interfaces);
      }
    }, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }

  private static void write(ZipOutputStream out, ZipEntry entry, byte[] data) throws IOException {
    ZipEntry copy = new ZipEntry(entry.getName());
    copy.setTime(entry.getTime());
    if (entry.getMethod() == ZipEntry.STORED) {
      CRC32 crc = new CRC32();
      crc.update(data);
      copy.setMethod(ZipEntry.STORED);
      copy.setSize(data.length);
      copy.setCompressedSize(data.length);
      copy.setCrc(crc.getValue());
    }
    out.putNextEntry(copy);
    out.write(data);
    out.closeEntry();
  }

  /**
   * Super classes read from the jar itself, then from the running JDK, without loading any class: the
   * frames computed for a class need the common super class of two types it merges.
   */
  static final class Hierarchy {
    private record Info(String superName, boolean isInterface) {}

    private final ZipFile jar;
    private final Map<String, Info> known = new HashMap<>();

    Hierarchy(ZipFile jar) {
      this.jar = jar;
    }

    String commonSuperClass(String a, String b) {
      if (isAssignableFrom(a, b)) {
        return a;
      }
      if (isAssignableFrom(b, a)) {
        return b;
      }
      if (info(a).isInterface() || info(b).isInterface()) {
        return "java/lang/Object";
      }
      String s = a;
      do {
        s = info(s).superName();
      } while (s != null && !isAssignableFrom(s, b));
      return s == null ? "java/lang/Object" : s;
    }

    /** Whether {@code sub} is {@code type} or a subclass of it (interfaces are not followed). */
    private boolean isAssignableFrom(String type, String sub) {
      for (String s = sub; s != null; s = info(s).superName()) {
        if (s.equals(type)) {
          return true;
        }
      }
      return false;
    }

    private Info info(String name) {
      Info info = known.get(name);
      if (info == null) {
        info = read(name);
        known.put(name, info);
      }
      return info;
    }

    private Info read(String name) {
      String resource = name + ".class";
      try (InputStream s = open(resource)) {
        ClassReader r = new ClassReader(s);
        return new Info(r.getSuperName(), (r.getAccess() & Opcodes.ACC_INTERFACE) != 0);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + resource + " to compute stack-map frames: " + e, e);
      }
    }

    private InputStream open(String resource) throws IOException {
      ZipEntry entry = jar.getEntry(resource);
      if (entry != null) {
        return jar.getInputStream(entry);
      }
      InputStream jdk = ClassLoader.getSystemResourceAsStream(resource);
      if (jdk == null) {
        throw new IOException("not in the jar nor in the JDK");
      }
      return jdk;
    }
  }
}
