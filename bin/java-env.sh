# Sourced by ./signet, test.sh and the benchmarks: finds a Java 25 or newer (JAVA_HOME, then Temurin 25
# at its Debian path, then `java` on the PATH) and exports JAVA_HOME and PATH for it. Reads the JDK's
# `release` file rather than starting a JVM, so it costs the launcher nothing. Says in one line what to
# install and returns 1 when none is found.
signet_java_major() { # JDK home -> its feature version, or nothing
  [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -1
}
signet_find_java() {
  local home v onpath
  onpath=$(command -v java 2>/dev/null || true)
  [ -n "$onpath" ] && onpath=$(dirname "$(dirname "$(readlink -f "$onpath")")")
  for home in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/temurin-25-jdk-amd64 ${onpath:+"$onpath"}; do
    [ -x "$home/bin/java" ] || continue
    v=$(signet_java_major "$home")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then
      export JAVA_HOME="$home"
      case ":$PATH:" in *":$home/bin:"*) ;; *) export PATH="$home/bin:$PATH" ;; esac
      return 0
    fi
  done
  echo "signet: needs Java 25 or newer and found none (JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64, java on the PATH): install Temurin 25 (Debian package temurin-25-jdk) or set JAVA_HOME to a JDK 25" >&2
  return 1
}
