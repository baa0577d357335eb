#!/usr/bin/env bash
# End-to-end keyless signing benchmark:  bench/keyless.sh [RUNS]   (default 5)
#
# Starts `signet registry serve --sigstore` (accounts on) on a free loopback port, logs in, pushes one small
# image, then times, RUNS times each and side by side in the same minute:
#   sign_key       ./signet sign --key cosign.key IMAGE                (key-based, no log: the baseline)
#   sign_keyless   ./signet sign --signing-config F --identity-token T IMAGE
#                  (ephemeral key, certificate from the CA with an SCT from its CT log, Rekor v1 entry with SET
#                   and inclusion proof, RFC 3161 timestamp, bundle referrer pushed)
#   identity_token ./signet identity-token REGISTRY
#   verify_keyless ./signet verify --certificate-identity … --trusted-root F IMAGE
# and prints median and min wall seconds per command plus CPU seconds of the CLI (from /usr/bin/time when
# available). Writes bench/results/keyless-<stamp>.txt. Needs Java 25, Maven, skopeo.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-5}
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 ]] || { echo "usage: bench/keyless.sh [RUNS>=1]" >&2; exit 2; }
. "$here/bin/java-env.sh"; signet_find_java
signet="$here/signet"
"$signet" version >/dev/null   # builds the jar and trains the AOT cache once
tmp=$(mktemp -d /tmp/signet-keyless.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
reg="127.0.0.1:$port"
export DOCKER_CONFIG="$tmp/docker" COSIGN_PASSWORD=bench SIGNET_ADMIN_PASSWORD=bench-admin-pw
SIGNET_AOT=${SIGNET_AOT:-1} "$signet" registry serve --sigstore --listen "$reg" --data "$tmp/data" \
  > "$tmp/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for i in $(seq 1 150); do curl -fs -o /dev/null "http://$reg/sigstore/trusted_root.json" && break
  [ "$i" -lt 150 ] || { echo "keyless: the registry did not start:" >&2; cat "$tmp/server.log" >&2; exit 1; }
  sleep 0.2; done
echo "$SIGNET_ADMIN_PASSWORD" | "$signet" login "$reg" -u admin --password-stdin >/dev/null
"$here/bench/mk-layouts.sh" "$tmp/layout" app > /dev/null
skopeo copy -q --dest-creds "admin:$SIGNET_ADMIN_PASSWORD" --dest-tls-verify=false "oci:$tmp/layout:app" \
  "docker://$reg/bench/app:v1" >/dev/null
image="$reg/bench/app:v1"
curl -fs "http://$reg/sigstore/signing_config.json" > "$tmp/signing_config.json"
curl -fs "http://$reg/sigstore/trusted_root.json" > "$tmp/trusted_root.json"
(cd "$tmp" && "$signet" generate-key-pair >/dev/null 2>&1)

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$here/bench/results"
out="$here/bench/results/keyless-$stamp.txt"
{ echo "run.utc $stamp"; echo "run.rounds $RUNS"; echo "machine.loadavg_start \"$(cut -d' ' -f1-3 /proc/loadavg)\""
  echo "tool.java \"$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)\""; } > "$out"

time_one() {   # NAME CMD...: appends wall seconds (and CPU seconds) of one run
  local name=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%U %S' -o "$tmp/cpu" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
    awk -v n="$name" '{print n".cpu", $1+$2}' "$tmp/cpu" >> "$tmp/samples"
  else
    "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  fi
  t1=$(date +%s.%N)
  echo "$name.wall $(echo "$t1 - $t0" | bc)" >> "$tmp/samples"
}
: > "$tmp/samples"
identity="http://$reg/accounts/admin"
for _ in $(seq 1 "$RUNS"); do
  time_one sign_key "$signet" sign --key "$tmp/cosign.key" "$image"
  time_one identity_token "$signet" identity-token "$reg"
  token=$("$signet" identity-token "$reg")
  time_one sign_keyless "$signet" sign --yes --signing-config "$tmp/signing_config.json" --identity-token "$token" "$image"
  time_one verify_keyless "$signet" verify --certificate-identity "$identity" --certificate-oidc-issuer "http://$reg" \
    --trusted-root "$tmp/trusted_root.json" "$image"
done
printf '%-22s %10s %10s %10s\n' measure median_s min_s cpu_med_s
for m in sign_key identity_token sign_keyless verify_keyless; do
  med=$(awk -v k="$m.wall" '$1==k{print $2}' "$tmp/samples" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  min=$(awk -v k="$m.wall" '$1==k{print $2}' "$tmp/samples" | sort -g | head -1)
  cpu=$(awk -v k="$m.cpu" '$1==k{print $2}' "$tmp/samples" | sort -g | awk '{a[NR]=$1} END{if (NR) print a[int((NR+1)/2)]; else print "-"}')
  printf '%-22s %10.3f %10.3f %10s\n' "$m" "$med" "$min" "$cpu"
  echo "$m.wall_median $med" >> "$out"; echo "$m.wall_min $min" >> "$out"; echo "$m.cpu_median $cpu" >> "$out"
done
echo "machine.loadavg_end \"$(cut -d' ' -f1-3 /proc/loadavg)\"" >> "$out"
echo "keyless: results in $out" >&2
