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
  private final Map<String, String> env;

  CosignEnvironmentDefaults(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    String value = env.get(variableName(option.longestName()));
    return value != null ? value : option.defaultValue();
  }

  static String variableName(String optionName) {
    String bare = optionName.replaceFirst("^-+", "");
    return "COSIGN_" + bare.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
