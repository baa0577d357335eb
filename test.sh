#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian machine (if missing), then runs the
# whole suite. CI runs exactly this (.ci/run).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

need=()
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || need+=(skopeo)
command -v podman >/dev/null 2>&1 || need+=(podman)
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v softhsm2-util >/dev/null 2>&1 || need+=(softhsm2)   # PKCS#11 token for the CA key test
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]} (Debian packages)"
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

for oracle in sigstore-js tuf-js sigstore-mock; do   # @sigstore/verify, tuf-js; @sigstore/sign + @sigstore/mock (keyless peers)
  if [ -f "oracles/$oracle/package-lock.json" ] && [ ! -d "oracles/$oracle/node_modules" ]; then
    echo "test.sh: installing the $oracle oracle (npm ci)"
    (cd "oracles/$oracle" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

# Java 25: JAVA_HOME, then Temurin 25, then java on the PATH; one line on what to install otherwise.
. "$here/bin/java-env.sh"
signet_find_java || exit 1
echo "test.sh: using $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) at $JAVA_HOME"
exec mvn -B -ntp verify "$@"
