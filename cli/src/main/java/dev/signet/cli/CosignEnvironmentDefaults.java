package dev.signet.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Binds every long option to an environment variable the way cosign does: {@code --new-bundle-format}
 * reads {@code COSIGN_NEW_BUNDLE_FORMAT}, {@code --yes} reads {@code COSIGN_YES}. A flag given on the
 * command line wins over the environment.
 */
final class CosignEnvironmentDefaults implements IDefaultValueProvider {
  /**
   * Not bound: {@code COSIGN_PASSWORD} is the key password; letting it fill {@code login --password}
   * would send the key password to a registry.
   */
  private static final java.util.Set<String> NOT_BOUND = java.util.Set.of("COSIGN_PASSWORD");

  private final Map<String, String> env;

  CosignEnvironmentDefaults(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    String name = variableName(option.longestName());
    if (NOT_BOUND.contains(name)) {
      return option.defaultValue();
    }
    String value = env.get(name);
    return value != null ? value : option.defaultValue();
  }

  static String variableName(String optionName) {
    String bare = optionName.replaceFirst("^-+", "");
    return "COSIGN_" + bare.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
