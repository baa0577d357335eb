package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The subcommands of {@code signet}, and the factory that hands each one the {@link CliContext}. */
public final class Commands {
  private Commands() {}

  /** Subcommand classes; each is annotated with its picocli name. */
  static final List<Class<?>> ALL =
      List.of(
          VersionCommand.class,
          GenerateKeyPairCommand.class,
          ImportKeyPairCommand.class,
          PublicKeyCommand.class,
          LoginCommand.class,
          IdentityTokenCommand.class,
          SignCommand.class,
          VerifyCommand.class,
          GenerateCommand.class,
          AttachCommand.class,
          TriangulateCommand.class,
          TreeCommand.class,
          CopyCommand.class,
          PromoteCommand.class,
          CleanCommand.class,
          dev.signet.cli.command.registry.RegistryCommand.class,
          dev.signet.cli.command.admin.AdminCommand.class,
          dev.signet.cli.command.demo.DemoCommand.class,
          DownloadCommand.class,
          SignBlobCommand.class,
          AttestBlobCommand.class,
          AttestCommand.class,
          BundleCommand.class,
          VerifyBlobCommand.class,
          VerifyBlobAttestationCommand.class,
          VerifyAttestationCommand.class,
          SaveCommand.class,
          LoadCommand.class,
          dev.signet.cli.command.sigstore.InitializeCommand.class,
          dev.signet.cli.command.sigstore.TrustedRootCommand.class,
          dev.signet.cli.command.sigstore.SigstoreCommand.class);

  /** Adds every subcommand to {@code root} (top-level help, unknown commands). */
  public static void register(CommandLine root, CliContext context) {
    for (Class<?> type : ALL) {
      register(root, type);
    }
  }

  /**
   * Adds only {@code type} (and its own subcommands) to {@code root}: picocli reflects the annotations of
   * every command it is given, so a command line that names its subcommand builds just that one.
   */
  public static void register(CommandLine root, Class<?> type) {
    root.addSubcommand(((Factory) root.getFactory()).create0(type));
  }

  /**
   * The subcommand class whose picocli name or alias is {@code name}, read from its {@code @Command}
   * annotation alone (nothing is built or reflected beyond that).
   */
  public static Optional<Class<?>> named(String name) {
    for (Class<?> type : ALL) {
      Command command = type.getAnnotation(Command.class);
      if (command == null) {
        continue;
      }
      if (command.name().equals(name)) {
        return Optional.of(type);
      }
      for (String alias : command.aliases()) {
        if (alias.equals(name)) {
          return Optional.of(type);
        }
      }
    }
    return Optional.empty();
  }

  /** Creates commands through a {@code (CliContext)} constructor when they have one. */
  public static final class Factory implements CommandLine.IFactory {
    private final CliContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    public Factory(CliContext context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
          c.setAccessible(true);
          return type.cast(c.newInstance(context));
        }
      }
      return fallback.create(type);
    }

    /** {@link #create} without the checked exception, for registration. */
    public Object create0(Class<?> type) {
      try {
        return create(type);
      } catch (Exception e) {
        throw new IllegalStateException("cannot create command " + type.getName(), e);
      }
    }
  }
}
