#!/usr/bin/env bash
# Crypto benchmark:  bench/crypto.sh [RUNS]   (default 3; bench/run.sh calls it too)
#
# One thread, Signet's crypto against OpenSSL on the same machine in the same run. Each of RUNS rounds
# runs, back to back:
#   - openssl speed -seconds S ecdsap256 / ed25519 / rsa2048 (sign/s and verify/s, per CPU-user second);
#   - openssl kdf SCRYPT (N=32768 and 65536, r=8, p=1, 32 bytes), CPU time (user+sys) of the process;
#   - bench/CryptoBench.java with the JVM's default JIT (C2): ECDSA P-256 verify through SunEC and
#     through Signet (a reused verifier, a fresh verifier per signature, BouncyCastle's ECDSASigner
#     alone), Signet's ECDSA signer, Ed25519 and RSA-2048 verify (JDK vs Signet's choice), and scrypt
#     (Signet's own vs BouncyCastle's: CPU ms of the first derive in a fresh JVM, and warmed);
#   - the same ECDSA and scrypt figures with the CLI launcher's JVM flags (C1 only), which is what
#     `signet` runs with.
# Then prints medians with min-max over the rounds, and ratios to OpenSSL, and writes `key value`
# lines to bench/results/crypto-<stamp>.txt (and crypto-latest.txt).
#
# Knobs (environment): CRYPTO_SECONDS (3; warm-up and timed seconds per figure), SIGNET_JAR (class
# path with Signet's crypto classes and BouncyCastle; default: this work tree's crypto module, compiled
# with `mvn -o -q -pl crypto compile`, and its dependencies from the local Maven repository),
# CRYPTO_OUT (results file). Needs openssl and a JDK 25 (bin/java-env.sh).
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 ]] || { echo "usage: bench/crypto.sh [RUNS>=1]" >&2; exit 2; }
S=${CRYPTO_SECONDS:-3}
[[ $S =~ ^[0-9]+$ && $S -ge 1 ]] || { echo "bench/crypto.sh: CRYPTO_SECONDS must be a whole number of seconds (openssl speed takes no fractions)" >&2; exit 2; }
. "$here/bin/java-env.sh"
signet_find_java
command -v openssl >/dev/null || { echo "bench/crypto.sh: openssl is missing" >&2; exit 1; }
mkdir -p "$here/bench/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=${CRYPTO_OUT:-$here/bench/results/crypto-$stamp.txt}
say() { printf '%s\n' "$*" >&2; }
calc() { awk "BEGIN { printf \"%.4g\", $* }"; }

if [ -n "${SIGNET_JAR:-}" ]; then
  cp_="$SIGNET_JAR"
else
  say "crypto: compiling the crypto module (mvn -o -q -pl crypto compile)"
  (cd "$here" && mvn -B -ntp -o -q -pl crypto compile dependency:build-classpath \
    -Dmdep.includeScope=compile -Dmdep.outputFile="$here/crypto/target/bench-classpath.txt") >&2
  cp_="$here/crypto/target/classes:$(cat "$here/crypto/target/bench-classpath.txt")"
fi
read -r -a launcher_opts < <(sed -n 's/^opts=(\(.*\))$/\1/p' "$here/signet" 2>/dev/null | head -1)
[ ${#launcher_opts[@]} -gt 0 ] || launcher_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m)
# compile the bench once (java's source launcher would recompile it on every start)
bdir=$(mktemp -d /tmp/signet-cryptobench.XXXXXX)
trap 'rm -rf "$bdir"' EXIT
javac -nowarn -encoding UTF-8 -cp "$cp_" -d "$bdir" "$here/bench/CryptoBench.java"

declare -A V=()   # key -> space-separated values, one per round
add() { V[$1]+="$2 "; }
: > "$out"
rec() { printf '%s %s\n' "$1" "$2" >> "$out"; }
rec run.utc "$stamp"
rec run.rounds "$RUNS"
rec run.seconds "$S"
rec machine.cores "$(nproc)"
rec machine.cpu "\"$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)\""
rec machine.loadavg_start "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
rec tool.java "\"$(java -version 2>&1 | head -1)\""
rec tool.openssl "\"$(openssl version)\""
rec jvm.launcher_opts "\"${launcher_opts[*]}\""

ossl_speed() { # ossl_speed ALG PATTERN -> "sign verify"
  openssl speed -seconds "$S" "$1" 2>/dev/null | awk -v p="$2" '$0 ~ p { s = $(NF-1); v = $NF } END { print s, v }'
}
ossl_kdf_ms() { # ossl_kdf_ms N -> CPU ms (user+sys) of one openssl kdf process
  local TIMEFORMAT='%U %S' t
  t=$( { time openssl kdf -keylen 32 -kdfopt pass:signet-bench -kdfopt salt:0123456789abcdef0123456789abcdef \
    -kdfopt "n:$1" -kdfopt r:8 -kdfopt p:1 -kdfopt maxmem_bytes:1073741824 SCRYPT >/dev/null; } 2>&1 )
  awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%.1f", 1000 * (a[1] + a[2]) }'
}
java_bench() { # java_bench PREFIX JVMFLAGS... -- FIGURES...
  local prefix=$1; shift
  local flags=() figs=()
  while [ "$1" != -- ]; do flags+=("$1"); shift; done; shift
  figs=("$@")
  while read -r k v; do
    [ "$k" = java ] && continue
    add "$prefix.$k" "$v"
  done < <(java "${flags[@]}" -cp "$bdir:$cp_" CryptoBench "$S" "${figs[@]}")
}

load=()
for ((round = 1; round <= RUNS; round++)); do
  load+=("$(cut -d' ' -f1 /proc/loadavg)")
  say "crypto: round $round/$RUNS (load $(cut -d' ' -f1-3 /proc/loadavg))"
  read -r a b < <(ossl_speed ecdsap256 'nistp256'); add openssl.ecdsa_sign "$a"; add openssl.ecdsa_verify "$b"
  read -r a b < <(ossl_speed ed25519 'Ed25519'); add openssl.ed25519_sign "$a"; add openssl.ed25519_verify "$b"
  read -r a b < <(ossl_speed rsa2048 '^rsa 2048'); add openssl.rsa2048_sign "$a"; add openssl.rsa2048_verify "$b"
  for n in 32768 65536; do add "openssl.scrypt_$n.ms" "$(ossl_kdf_ms "$n")"; done
  java_bench c2 -XX:+UseSerialGC -- ecdsa.sunec ecdsa.signet ecdsa.signet_fresh ecdsa.bc ecdsa_sign.signet \
    ed25519.jdk ed25519.signet rsa2048.jdk rsa2048.signet rsa2048.bc
  java_bench launcher "${launcher_opts[@]}" -- ecdsa.sunec ecdsa.signet ecdsa.signet_fresh
  # scrypt: each implementation in its own fresh JVM, so "first" is a cold first call
  for n in 32768 65536; do
    for impl in signet bc; do
      java_bench c2 -XX:+UseSerialGC -- "scrypt.$impl:$n"
      java_bench launcher "${launcher_opts[@]}" -- "scrypt.$impl:$n"
    done
  done
done
rec machine.loadavg_rounds "\"${load[*]}\""
rec machine.loadavg_end "\"$(cut -d' ' -f1-3 /proc/loadavg)\""

# median / min / max of each key
declare -A MED=()
for k in $(printf '%s\n' "${!V[@]}" | sort); do
  read -r med mn mx < <(printf '%s\n' ${V[$k]} | sort -g | awk '{ a[NR] = $1 } END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print m, a[1], a[NR] }')
  MED[$k]=$med
  rec "$k.median" "$med"; rec "$k.min" "$mn"; rec "$k.max" "$mx"; rec "$k.values" "\"${V[$k]% }\""
done
ratio() { rec "ratio.$1" "$(calc "$2 / $3")"; MED[ratio.$1]=$(calc "$2 / $3"); }
ov=${MED[openssl.ecdsa_verify]}
for j in c2 launcher; do
  for f in sunec signet signet_fresh; do ratio "$j.ecdsa.$f.over_openssl" "${MED[$j.ecdsa.$f]}" "$ov"; done
done
ratio c2.ecdsa.bc.over_openssl "${MED[c2.ecdsa.bc]}" "$ov"
ratio c2.ecdsa_sign.signet.over_openssl "${MED[c2.ecdsa_sign.signet]}" "${MED[openssl.ecdsa_sign]}"
for f in jdk signet; do ratio "c2.ed25519.$f.over_openssl" "${MED[c2.ed25519.$f]}" "${MED[openssl.ed25519_verify]}"; done
for f in jdk signet bc; do ratio "c2.rsa2048.$f.over_openssl" "${MED[c2.rsa2048.$f]}" "${MED[openssl.rsa2048_verify]}"; done
for n in 32768 65536; do
  for j in c2 launcher; do
    for impl in signet bc; do
      ratio "$j.scrypt.$impl.$n.first_over_openssl" "${MED[$j.scrypt.$impl:$n.first_ms]}" "${MED[openssl.scrypt_$n.ms]}"
      ratio "$j.scrypt.$impl.$n.warm_over_openssl" "${MED[$j.scrypt.$impl:$n.warm_ms]}" "${MED[openssl.scrypt_$n.ms]}"
    done
  done
done
cp "$out" "$here/bench/results/crypto-latest.txt"

mm() { awk -v k="$1" '$1 == k".median" { m = $2 } $1 == k".min" { a = $2 } $1 == k".max" { b = $2 }
  END { printf "%s (%s-%s)", m, a, b }' "$out"; }
row() { printf '%-52s %-28s %s\n' "$1" "$2" "${3:-}"; }
{
  echo
  echo "Signet crypto benchmark, one thread, $RUNS rounds x ${S}s per figure; $(java -version 2>&1 | head -1)"
  echo "$(openssl version); $(nproc) cores; load at each round: ${load[*]}; end $(cut -d' ' -f1-3 /proc/loadavg)"
  row "what (median (min-max) over rounds)" "ops/s or ms" "vs OpenSSL"
  row "ECDSA P-256 verify: openssl speed" "$(mm openssl.ecdsa_verify)"
  for j in c2 launcher; do
    row "  SunEC, fresh Signature per op [$j]" "$(mm $j.ecdsa.sunec)" "x${MED[ratio.$j.ecdsa.sunec.over_openssl]}"
    row "  Signet verifier, reused [$j]" "$(mm $j.ecdsa.signet)" "x${MED[ratio.$j.ecdsa.signet.over_openssl]}"
    row "  Signet verifier, new per signature [$j]" "$(mm $j.ecdsa.signet_fresh)" "x${MED[ratio.$j.ecdsa.signet_fresh.over_openssl]}"
  done
  row "  BouncyCastle ECDSASigner alone [c2]" "$(mm c2.ecdsa.bc)" "x${MED[ratio.c2.ecdsa.bc.over_openssl]}"
  row "ECDSA P-256 sign: openssl / Signet (SunEC) [c2]" "$(mm openssl.ecdsa_sign) / $(mm c2.ecdsa_sign.signet)" "x${MED[ratio.c2.ecdsa_sign.signet.over_openssl]}"
  row "Ed25519 verify: openssl speed" "$(mm openssl.ed25519_verify)"
  row "  JDK / Signet (BouncyCastle) [c2]" "$(mm c2.ed25519.jdk) / $(mm c2.ed25519.signet)" "x${MED[ratio.c2.ed25519.jdk.over_openssl]} / x${MED[ratio.c2.ed25519.signet.over_openssl]}"
  row "RSA-2048 verify: openssl speed" "$(mm openssl.rsa2048_verify)"
  row "  JDK / Signet (JDK) / BouncyCastle [c2]" "$(mm c2.rsa2048.jdk) / $(mm c2.rsa2048.signet) / $(mm c2.rsa2048.bc)" "x${MED[ratio.c2.rsa2048.jdk.over_openssl]} / x${MED[ratio.c2.rsa2048.signet.over_openssl]} / x${MED[ratio.c2.rsa2048.bc.over_openssl]}"
  for n in 32768 65536; do
    row "scrypt N=$n r=8 p=1: openssl kdf, CPU ms" "$(mm openssl.scrypt_$n.ms)"
    for j in c2 launcher; do
      for impl in signet bc; do
        row "  $impl, first call / warmed, CPU ms [$j]" "$(mm "$j.scrypt.$impl:$n.first_ms") / $(mm "$j.scrypt.$impl:$n.warm_ms")" \
          "x${MED[ratio.$j.scrypt.$impl.$n.first_over_openssl]} / x${MED[ratio.$j.scrypt.$impl.$n.warm_over_openssl]}"
      done
    done
  done
  echo "results: $out"
} | tee "${out%.txt}.table.txt"
