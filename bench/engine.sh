#!/usr/bin/env bash
# Verification-engine benchmark:  bench/engine.sh [RUNS]   (default 3)
#
# One thread, engine only (module verify; no I/O in the timed loop), on real bundles made by
# @sigstore/sign against @sigstore/mock (../shared/vectors/sigstore-js), next to
# `openssl speed ecdsap256` in the same run. Each round: openssl's ECDSA P-256 verify/s, then
# bench/EngineBench.java with the JVM's default JIT (keyless bundle with its checkpoint already
# verified, as for bundles sharing one; keyless with the checkpoint cache off; keyless + RFC 3161
# timestamp; public-key bundle; per CPU second after a warm-up). Prints medians with min-max and the
# ratio of keyless bundles/s to OpenSSL's single ECDSA verifications/s. A keyless bundle needs five
# signature checks (leaf by its CA, SCT, SET, checkpoint, artifact); the CA-to-CA signatures and a shared
# checkpoint are cached by exact bytes, so four remain per bundle, one of them (the artifact's, under
# the new leaf key) without a precomputed table: the ceiling is below 0.25x. Writes
# bench/results/engine-<stamp>.txt.
#
# Knobs: ENGINE_SECONDS (3), SIGNET_VECTORS (../shared/vectors). Needs openssl, Maven and Java 25.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}
S=${ENGINE_SECONDS:-3}
vectors=${SIGNET_VECTORS:-$here/../shared/vectors}
. "$here/bin/java-env.sh"; signet_find_java
[ -d "$vectors/sigstore-js" ] || { echo "bench/engine.sh: no vectors at $vectors (set SIGNET_VECTORS)" >&2; exit 1; }
command -v openssl >/dev/null || { echo "bench/engine.sh: openssl is missing" >&2; exit 1; }
mkdir -p "$here/bench/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$here/bench/results/engine-$stamp.txt"
echo "engine: compiling the verify module and what it needs (mvn -o -q -pl verify -am compile)" >&2
(cd "$here" && mvn -B -ntp -o -q -pl verify -am compile dependency:build-classpath -Dmdep.includeScope=compile \
  -Dmdep.outputFile="$here/verify/target/bench-classpath.txt") >&2
cp_="$here/verify/target/classes:$(cat "$here/verify/target/bench-classpath.txt")"
bdir=$(mktemp -d /tmp/signet-enginebench.XXXXXX)
trap 'rm -rf "$bdir"' EXIT
javac -nowarn -encoding UTF-8 -cp "$cp_" -d "$bdir" "$here/bench/EngineBench.java"

declare -A V=()
: > "$out"
rec() { printf '%s %s\n' "$1" "$2" >> "$out"; }
rec run.utc "$stamp"; rec run.rounds "$RUNS"; rec run.seconds "$S"
rec machine.loadavg_start "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
rec tool.java "\"$(java -version 2>&1 | head -1)\""
rec tool.openssl "\"$(openssl version)\""
for ((r = 1; r <= RUNS; r++)); do
  o=$(openssl speed -seconds "$S" ecdsap256 2>/dev/null | awk '/256 bits ecdsa \(nistp256\)/ {print $NF}')
  V[openssl_ecdsap256_verify_per_s]+="$o "
  while read -r k val; do V[$k]+="$val "; done < <(java -cp "$cp_:$bdir" EngineBench "$vectors" "$S")
done
rec machine.loadavg_end "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
med() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {printf "%s %s %s\n", a[int((NR+1)/2)], a[1], a[NR]}'; }
printf '%-34s %12s %s\n' measure median "min-max" >&2
for k in openssl_ecdsap256_verify_per_s keyless_per_s keyless_own_checkpoint_per_s keyless_tsa_per_s key_per_s; do
  read -r m lo hi < <(med "${V[$k]}")
  rec "$k.median" "$m"; rec "$k.min" "$lo"; rec "$k.max" "$hi"
  printf '%-34s %12s %s-%s\n' "$k" "$m" "$lo" "$hi" >&2
  declare "M_$k=$m"
done
ratio=$(awk "BEGIN { printf \"%.3f\", $M_keyless_per_s / $M_openssl_ecdsap256_verify_per_s }")
oratio=$(awk "BEGIN { printf \"%.3f\", $M_keyless_own_checkpoint_per_s / $M_openssl_ecdsap256_verify_per_s }")
kratio=$(awk "BEGIN { printf \"%.3f\", $M_key_per_s / $M_openssl_ecdsap256_verify_per_s }")
rec ratio.keyless_vs_openssl "$ratio"; rec ratio.keyless_own_checkpoint_vs_openssl "$oratio"; rec ratio.key_vs_openssl "$kratio"
echo "keyless bundles/s vs openssl ECDSA P-256 verify/s: ${ratio}x (own checkpoint: ${oratio}x); key-mode bundles/s: ${kratio}x ($out)" >&2
