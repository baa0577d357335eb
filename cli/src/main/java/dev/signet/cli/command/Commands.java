package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import java.lang.reflect.Constructor;
import java.util.List;
import picocli.CommandLine;

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
          dev.signet.cli.command.sigstore.TrustedRootCommand.class);

  public static void register(CommandLine root, CliContext context) {
    for (Class<?> type : ALL) {
      root.addSubcommand(((Factory) root.getFactory()).create0(type));
    }
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
