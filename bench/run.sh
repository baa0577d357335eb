#!/usr/bin/env bash
# The benchmark command:  bench/run.sh [N]   (default N=50)
#
# Against a local docker-registry (CNCF distribution 2.8) holding N distinct small images pushed by
# skopeo, times in one run:
#   - `signet sign` of N images in ONE invocation, v3 bundle format and legacy .sig format;
#   - `signet verify` of N images in ONE invocation (v3 and legacy), and a --max-workers sweep;
#   - ONESHOT_N separate one-shot `signet verify` invocations (per-process overhead);
#   - one-shot `signet verify` of one image next to `java -version`, `signet version`, the ./signet
#     launcher and `skopeo inspect` (a Go peer doing a one-image registry round trip);
#   - where a one-shot verify's time goes: JVM uptime at each phase, and the JDK's own floor for a
#     java.net.http client (bench/HttpFloor.java);
#   - the registry alone (wrk: manifest GETs) and the requests each Signet operation sends;
#   - bench/bulk.sh (BULK=0 skips it): bulk verify of BULK_VERIFY (1000) and sign of BULK_SIGN (200) images
#     on the Signet registry beside distribution: images/s, CPU, requests per image;
#   - crypto on one thread (bench/crypto.sh, CRYPTO_ROUNDS rounds): ECDSA P-256 / Ed25519 / RSA-2048
#     verify and scrypt, SunEC vs Signet vs `openssl speed` / `openssl kdf` (bench/CryptoBench.java);
#     and key decryption (scrypt) of a one-shot `signet public-key` vs `openssl kdf SCRYPT`.
# Prints a table and writes bench/results/latest.txt (key value lines; not committed).
# Method and recorded numbers: BENCHMARKS.md.
#
# Needs docker-registry and skopeo (./test.sh installs them) and the JDK; installs openssl, curl,
# hyperfine and wrk from Debian packages when missing (without hyperfine it falls back to a bash timing
# loop; without wrk it skips the registry-alone rows).
#
# Knobs (environment): SIGN_RUNS (3), VERIFY_RUNS (5), ONESHOT_RUNS (20), ONESHOT_N (min(N,20)),
# WORKERS_SWEEP ("1 4 32"), CRYPTO_SECONDS (3), CRYPTO_ROUNDS (3), PUSH_PARALLEL (4), KEEP_TMP (0),
# SIGNET_REV (build and time this commit, from a `git archive` copy: the work tree is not touched),
# SIGNET_JAR (time this signet.jar). Without either, the work tree is built with ./signet.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/bin/java-env.sh"; signet_find_java || exit 1   # Java 25 (JAVA_HOME, Temurin 25, PATH)
N=${1:-50}
[[ $N =~ ^[0-9]+$ && $N -ge 2 ]] || { echo "usage: bench/run.sh [N>=2]" >&2; exit 2; }
SIGN_RUNS=${SIGN_RUNS:-3}
VERIFY_RUNS=${VERIFY_RUNS:-5}
ONESHOT_RUNS=${ONESHOT_RUNS:-20}
ONESHOT_N=${ONESHOT_N:-$(( N < 20 ? N : 20 ))}
WORKERS_SWEEP=${WORKERS_SWEEP:-"1 4 32"}
CRYPTO_SECONDS=${CRYPTO_SECONDS:-3}
CRYPTO_ROUNDS=${CRYPTO_ROUNDS:-3}
PUSH_PARALLEL=${PUSH_PARALLEL:-4}
results_dir="$here/bench/results"
mkdir -p "$results_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results_dir/$stamp-N$N.txt"
hlog="$results_dir/$stamp-N$N.hyperfine.log"

say() { printf '%s\n' "$*" >&2; }
calc() { awk "BEGIN { printf \"%.4g\", $* }"; }
declare -A R=()            # results: key -> value
rec() { R[$1]=$2; printf '%s %s\n' "$1" "$2" >> "$out"; }

# --- tools ------------------------------------------------------------------------------------------
apt_install() {
  local sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo -n)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
    || { "${sudo_cmd[@]}" apt-get update -qq >/dev/null 2>&1 \
         && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; }
}
for t in docker-registry skopeo java javac; do
  command -v "$t" >/dev/null || { say "bench: $t is missing (./test.sh installs docker-registry and skopeo)"; exit 1; }
done
missing=()
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  say "bench: installing ${missing[*]} (Debian packages)"
  apt_install "${missing[@]}" || say "bench: could not install ${missing[*]}; using fallbacks"
fi
for t in openssl curl; do command -v "$t" >/dev/null || { say "bench: $t is missing"; exit 1; }; done
have_hyperfine=0; command -v hyperfine >/dev/null && [ "${BENCH_NO_HYPERFINE:-0}" != 1 ] && have_hyperfine=1
have_wrk=0; command -v wrk >/dev/null && have_wrk=1

tmp=$(mktemp -d /tmp/signet-bench.XXXXXX)
reg_pid=
cleanup() {
  if [ -n "$reg_pid" ]; then kill "$reg_pid" 2>/dev/null || true; wait "$reg_pid" 2>/dev/null || true; fi
  if [ "${KEEP_TMP:-0}" = 1 ]; then say "bench: kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

: > "$out"
rec run.utc "$stamp"
rec run.n "$N"
rec machine.cores "$(nproc)"
rec machine.cpu "\"$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)\""
rec machine.loadavg_start "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
rec tool.java "\"$(java -version 2>&1 | head -1)\""
rec tool.openssl "\"$(openssl version)\""
rec tool.docker_registry "\"$(docker-registry --version 2>&1 | awk '{print $NF}')\""
rec tool.skopeo "\"$(skopeo --version | awk '{print $NF}')\""
rec tool.hyperfine "\"$( [ $have_hyperfine = 1 ] && hyperfine --version || echo 'none (bash loop)')\""

# --- Signet: build once, then time a snapshot ---------------------------------------------------------
# ./signet rebuilds whenever any source is newer than the jar; on a shared work tree that can happen in
# the middle of a measurement. So: build through the launcher once, copy the jar, and run the copy with
# the launcher's own JVM flags and an AOT cache trained the way the launcher trains it (after the registry
# is up, below: AotTraining against the bench's registry).
if [ -n "${SIGNET_REV:-}" ]; then
  rev=$(git -C "$here" rev-parse --short "$SIGNET_REV")
  say "bench: building commit $rev in a temporary copy (git archive; mvn package)"
  mkdir -p "$tmp/src"
  git -C "$here" archive "$rev" | tar -x -C "$tmp/src"
  (cd "$tmp/src" && mvn -q -B -pl cli -am package -DskipTests) >&2
  cp "$tmp/src/cli/target/signet.jar" "$tmp/signet.jar"
  rec signet.jar "\"built from commit $rev\""
  rec signet.git "$rev"
elif [ -n "${SIGNET_JAR:-}" ]; then
  say "bench: timing the given jar $SIGNET_JAR"
  cp "$SIGNET_JAR" "$tmp/signet.jar"
  rec signet.jar "\"$SIGNET_JAR\""
  rec signet.git unknown
else
  say "bench: building the CLI (./signet version)"
  "$here/signet" version >/dev/null || { say "bench: the build failed; to time an existing build set SIGNET_JAR=path/to/signet.jar"; exit 1; }
  cp "$here/cli/target/signet.jar" "$tmp/signet.jar"
  rec signet.jar "\"cli/target/signet.jar built by ./signet\""
  rec signet.git "\"$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)$( [ -n "$(git -C "$here" status --porcelain --untracked-files=no 2>/dev/null)" ] && echo ' + uncommitted changes')\""
fi
read -r -a jvm_opts < <(sed -n 's/^opts=(\(.*\))$/\1/p' "$here/signet" | head -1)
[ ${#jvm_opts[@]} -gt 0 ] || jvm_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Xlog:aot=off -Xlog:cds=off)
rec jvm.opts "\"${jvm_opts[*]}\""
SIGNET_NOCDS=(java "${jvm_opts[@]}" -Dsignet.home="$here" -jar "$tmp/signet.jar")

# --- timing -------------------------------------------------------------------------------------------
# measure KEY RUNS WARMUP CMD...: median/min/max wall seconds of CMD (stdout/stderr discarded; a
# non-zero exit aborts the run). hyperfine -N (no shell), else a bash loop.
measure() {
  local key=$1 runs=$2 warm=$3; shift 3
  local med mn mx usr sys
  if [ $have_hyperfine = 1 ]; then
    local cmd; cmd=$(printf '%q ' "$@")
    hyperfine -N --style basic --warmup "$warm" --runs "$runs" -n "$key" --export-csv "$tmp/h.csv" -- "$cmd" >> "$hlog" 2>&1 \
      || { say "bench: $key failed (see $hlog)"; exit 1; }
    read -r med mn mx usr sys < <(awk -F, 'NR==2 { print $4, $7, $8, $5, $6 }' "$tmp/h.csv")
    rec "$key.mean_user_s" "$(calc "$usr")"; rec "$key.mean_sys_s" "$(calc "$sys")"
  else
    local i t0 t1 times=()
    for ((i = 0; i < warm; i++)); do "$@" >/dev/null 2>&1 || { say "bench: $key failed"; exit 1; }; done
    for ((i = 0; i < runs; i++)); do
      t0=$(date +%s%N); "$@" >/dev/null 2>&1 || { say "bench: $key failed"; exit 1; }; t1=$(date +%s%N)
      times+=("$(calc "($t1 - $t0) / 1e9")")
    done
    read -r med mn mx < <(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END {
      m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print m, a[1], a[NR] }')
  fi
  rec "$key.median_s" "$(calc "$med")"; rec "$key.min_s" "$(calc "$mn")"; rec "$key.max_s" "$(calc "$mx")"
  rec "$key.runs" "$runs"
  say "  $key: median $(calc "$med") s (min $(calc "$mn"), max $(calc "$mx"), $runs runs)"
}

# --- registry -----------------------------------------------------------------------------------------
mkdir -p "$tmp/data"
cat > "$tmp/registry.yml" <<EOF
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $tmp/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:0
  secret: signet-bench-only
EOF
docker-registry serve "$tmp/registry.yml" > "$tmp/registry.log" 2>&1 &
reg_pid=$!
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/registry.log" | head -1)
  [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break
  port=; sleep 0.1
done
[ -n "$port" ] || { say "bench: docker-registry did not start:"; cat "$tmp/registry.log" >&2; exit 1; }
reg="127.0.0.1:$port"
say "bench: docker-registry $reg (pid $reg_pid)"
# The launcher's ahead-of-time cache, trained the way ./signet trains it (AotTraining: the client commands
# against a registry in another process; here the bench's own docker-registry), for this copy of the jar.
java "${jvm_opts[@]}" -XX:AOTCacheOutput="$tmp/signet.aot" -cp "$tmp/signet.jar" \
  dev.signet.cli.command.demo.AotTraining "$reg" "$tmp/aot-training" >"$tmp/aot-training.log" 2>&1 \
  || { say "bench: training the AOT cache failed:"; tail -5 "$tmp/aot-training.log" >&2; exit 1; }
SIGNET=(java "${jvm_opts[@]}" -XX:AOTCache="$tmp/signet.aot" -Dsignet.home="$here" -jar "$tmp/signet.jar")

# --- images -------------------------------------------------------------------------------------------
# Sets: v3r<k> and lgr<k> (k = 1..SIGN_RUNS) are signed once each, by run k of each format, so every
# sign run starts from unsigned images (re-signing a legacy image with the same key is a no-op); the
# verify rows use v3r1 and lgr1 (exactly one signature per image). Image i of every set lives in
# repository bench/img-<i>, tag <set>; "probe" images count the requests of single operations.
sets=()
for ((k = 1; k <= SIGN_RUNS; k++)); do sets+=("v3r$k" "lgr$k"); done
names=()
for s in "${sets[@]}"; do for ((i = 1; i <= N; i++)); do names+=("$s-$i"); done; done
names+=(probe-v3 probe-lg)
say "bench: building ${#names[@]} OCI images"
"$here/bench/mk-layouts.sh" "$tmp/layout" "${names[@]}" > "$tmp/digests.txt"
declare -A DIG=()
while read -r name dig; do DIG[$name]=$dig; done < "$tmp/digests.txt"
push_list() {
  local name
  for name in "${names[@]}"; do
    if [[ $name == probe-* ]]; then echo "$name bench/probe ${name#probe-}"
    else echo "$name bench/img-${name##*-} ${name%-*}"; fi
  done
}
say "bench: pushing with skopeo ($PUSH_PARALLEL in parallel)"
t0=$(date +%s%N)
push_list | xargs -P "$PUSH_PARALLEL" -n 3 sh -c \
  'skopeo copy -q --dest-tls-verify=false "oci:$0:$2" "docker://$1/$3:$4" >/dev/null' "$tmp/layout" "$reg" \
  2> "$tmp/push.log" || { say "bench: skopeo push failed:"; tail -5 "$tmp/push.log" >&2; exit 1; }
t1=$(date +%s%N)
ref() { # ref NAME -> registry/repo@digest
  local name=$1
  if [[ $name == probe-* ]]; then echo "$reg/bench/probe@${DIG[$name]}"
  else echo "$reg/bench/img-${name##*-}@${DIG[$name]}"; fi
}
refs() { local s=$1 n=$2 i; for ((i = 1; i <= n; i++)); do ref "$s-$i"; done; }
rec push.images "${#names[@]}"
rec push.skopeo_s "$(calc "($t1 - $t0) / 1e9")"
say "bench: pushed ${#names[@]} images in $(calc "($t1 - $t0) / 1e9") s"

mapfile -t V3 < <(refs v3r1 "$N")
mapfile -t LG < <(refs lgr1 "$N")
KEYPUB="$tmp/bench.pub"
VERIFY=(verify --key "$KEYPUB" --insecure-ignore-tlog=true)

# time_once CMD...: "wall cpu" seconds of one run (cpu = user + sys of CMD and its children); a failure
# aborts the benchmark
time_once() {
  local TIMEFORMAT='%R %U %S' t rc=0
  t=$( { time "$@" >/dev/null 2>"$tmp/last.err" || rc=$?; } 2>&1; exit $rc ) \
    || { say "bench: failed: ${*:1:12} ..."; tail -5 "$tmp/last.err" >&2; exit 1; }
  awk '{ printf "%.4g %.4g", $1, $2 + $3 }' <<<"$t"
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { printf "%.4g", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# count_requests KEY CMD...: the requests CMD sends, by kind, from the registry's access log
count_requests() {
  local key=$1; shift
  local n0 summary total
  n0=$(wc -l < "$tmp/registry.log")
  "$@" >/dev/null 2>"$tmp/last.err" || { say "bench: $key failed"; tail -5 "$tmp/last.err" >&2; exit 1; }
  sleep 0.5
  summary=$(tail -n +"$((n0 + 1))" "$tmp/registry.log" \
    | sed -nE 's/.*"([A-Z]+) ([^ ]+) HTTP\/1\.1" ([0-9]+) .*/\1 \2 \3/p' | awk '
      { k = "other"; p = $2; sub(/\?.*/, "", p)
        if (p == "/v2/") k = "ping"
        else if (p ~ /\/referrers\//) k = "referrers-api"
        else if (p ~ /\/manifests\/sha256-[0-9a-f]+\.sig$/) k = "sig-tag"
        else if (p ~ /\/manifests\/sha256-[0-9a-f]+$/) k = "fallback-tag"
        else if (p ~ /\/manifests\/sha256:/) k = "manifest-by-digest"
        else if (p ~ /\/manifests\//) k = "manifest-by-tag"
        else if (p ~ /\/blobs\/uploads/) k = "blob-upload"
        else if (p ~ /\/blobs\/sha256:/) k = "blob"
        c[$1 ":" k ":" $3]++ }
      END { for (x in c) print x "=" c[x] }' | sort | paste -sd' ' -)
  total=$(awk -v s="$summary" 'BEGIN { n = split(s, a, " "); t = 0; for (i = 1; i <= n; i++) { split(a[i], b, "="); t += b[2] } print t }')
  rec "$key.requests" "\"$summary\""
  rec "$key.requests_total" "$total"
  say "  $key: $total requests: $summary"
}

# --- keys, request counts ---------------------------------------------------------------------------------
export COSIGN_PASSWORD=signet-bench
(cd "$tmp" && "${SIGNET[@]}" generate-key-pair --output-key-prefix bench >/dev/null 2>&1)
say "bench: requests per operation (one image)"
count_requests req.sign_v3 "${SIGNET[@]}" sign --key "$tmp/bench.key" "$(ref probe-v3)"
count_requests req.sign_legacy "${SIGNET[@]}" sign --key "$tmp/bench.key" --new-bundle-format=false "$(ref probe-lg)"
count_requests req.verify_v3 "${SIGNET[@]}" "${VERIFY[@]}" "$(ref probe-v3)"
count_requests req.verify_legacy "${SIGNET[@]}" "${VERIFY[@]}" "$(ref probe-lg)"
count_requests req.skopeo_inspect skopeo inspect --raw --tls-verify=false "docker://$(ref probe-v3)"

# --- sign: N images in one invocation, per format -----------------------------------------------------------
say "bench: sign $N images in one invocation, $SIGN_RUNS runs per format (fresh images each run)"
sv3=(); slg=(); cv3=(); clg=()
for ((k = 1; k <= SIGN_RUNS; k++)); do
  mapfile -t r < <(refs "v3r$k" "$N")
  t=$(time_once "${SIGNET[@]}" sign --key "$tmp/bench.key" "${r[@]}"); read -r w c <<<"$t"; sv3+=("$w"); cv3+=("$c")
  mapfile -t r < <(refs "lgr$k" "$N")
  t=$(time_once "${SIGNET[@]}" sign --key "$tmp/bench.key" --new-bundle-format=false "${r[@]}"); read -r w c <<<"$t"; slg+=("$w"); clg+=("$c")
  say "  run $k: v3 ${sv3[-1]} s (cpu ${cv3[-1]} s), legacy ${slg[-1]} s (cpu ${clg[-1]} s)"
done
rec sign.v3.runs_s "\"${sv3[*]}\""
rec sign.v3.median_s "$(median "${sv3[@]}")"
rec sign.v3.median_cpu_s "$(median "${cv3[@]}")"
rec sign.legacy.runs_s "\"${slg[*]}\""
rec sign.legacy.median_s "$(median "${slg[@]}")"
rec sign.legacy.median_cpu_s "$(median "${clg[@]}")"

# --- verify: N images in one invocation ------------------------------------------------------------------
say "bench: verify $N images in one invocation"
for set in V3 LG; do
  declare -n arr=$set
  "${SIGNET[@]}" "${VERIFY[@]}" "${arr[@]}" >/dev/null 2>"$tmp/verify.err" || { say "bench: verify $set failed"; tail -5 "$tmp/verify.err" >&2; exit 1; }
  ok=$(grep -c '^Verification for ' "$tmp/verify.err" || true)
  [ "$ok" -eq "$N" ] || { say "bench: verify $set: $ok of $N images verified"; exit 1; }
  unset -n arr
done
measure verify.v3.bulk "$VERIFY_RUNS" 1 "${SIGNET[@]}" "${VERIFY[@]}" "${V3[@]}"
measure verify.legacy.bulk "$VERIFY_RUNS" 1 "${SIGNET[@]}" "${VERIFY[@]}" "${LG[@]}"
for w in $WORKERS_SWEEP; do
  measure "verify.v3.workers$w" 3 1 "${SIGNET[@]}" "${VERIFY[@]}" --max-workers "$w" "${V3[@]}"
done
# the same bulk run with the JVM's default tiered JIT (C1 then C2) instead of the launcher's C1-only
jit_opts=()
for o in "${jvm_opts[@]}"; do [[ $o == -XX:TieredStopAtLevel=* ]] || jit_opts+=("$o"); done
SIGNET_C2=(java "${jit_opts[@]}" -XX:AOTCache="$tmp/signet.aot" -Dsignet.home="$here" -jar "$tmp/signet.jar")
measure verify.v3.bulk_default_jit 3 1 "${SIGNET_C2[@]}" "${VERIFY[@]}" "${V3[@]}"

# --- per-process overhead: ONESHOT_N one-shot invocations vs one invocation of ONESHOT_N -----------------------
say "bench: $ONESHOT_N one-shot verify invocations vs one invocation of $ONESHOT_N"
{
  echo 'set -e'
  for ((i = 0; i < ONESHOT_N; i++)); do printf '%q ' "${SIGNET[@]}" "${VERIFY[@]}" "${V3[$i]}"; echo '>/dev/null 2>&1'; done
} > "$tmp/oneshot-loop.sh"
measure verify.v3.small_bulk 5 1 "${SIGNET[@]}" "${VERIFY[@]}" "${V3[@]:0:ONESHOT_N}"
measure verify.v3.oneshot_loop 3 0 bash "$tmp/oneshot-loop.sh"

# --- one-shot start-up ---------------------------------------------------------------------------------
say "bench: one-shot wall time ($ONESHOT_RUNS runs, 3 warm-up)"
measure oneshot.java_version "$ONESHOT_RUNS" 3 java -version
measure oneshot.signet_version "$ONESHOT_RUNS" 3 "${SIGNET[@]}" version
measure oneshot.signet_verify "$ONESHOT_RUNS" 3 "${SIGNET[@]}" "${VERIFY[@]}" "${V3[0]}"
measure oneshot.signet_verify_legacy "$ONESHOT_RUNS" 3 "${SIGNET[@]}" "${VERIFY[@]}" "${LG[0]}"
measure oneshot.signet_verify_no_aot "$ONESHOT_RUNS" 3 "${SIGNET_NOCDS[@]}" "${VERIFY[@]}" "${V3[0]}"
measure oneshot.signet_version_no_aot "$ONESHOT_RUNS" 3 "${SIGNET_NOCDS[@]}" version
measure oneshot.skopeo_inspect "$ONESHOT_RUNS" 3 skopeo inspect --raw --tls-verify=false "docker://${V3[0]}"
# key decryption (cosign's scrypt + secretbox), the fixed cost of every sign: public-key minus version,
# next to OpenSSL's scrypt with the same parameters
measure oneshot.signet_public_key "$ONESHOT_RUNS" 3 "${SIGNET[@]}" public-key --key "$tmp/bench.key"
scrypt_n=$(sed '1d;$d' "$tmp/bench.key" | base64 -d 2>/dev/null | sed -n 's/.*"N":\([0-9]*\).*/\1/p')
SCRYPT=(openssl kdf -keylen 32 -kdfopt pass:signet-bench -kdfopt salt:0123456789abcdef0123456789abcdef
  -kdfopt "n:${scrypt_n:-0}" -kdfopt r:8 -kdfopt p:1 -kdfopt maxmem_bytes:1073741824 SCRYPT)
rec crypto.scrypt_n "${scrypt_n:-NA}"
if [ -n "$scrypt_n" ] && "${SCRYPT[@]}" >/dev/null 2>&1; then
  measure oneshot.openssl_scrypt "$ONESHOT_RUNS" 3 "${SCRYPT[@]}"
else
  rec oneshot.openssl_scrypt.median_s NA
fi
launcher_fresh() {
  [ -f "$here/.signet-build/signet.aot" ] && [ -z "$(find "$here" -path "$here/.git" -prune -o \( -name '*.java' -o -name 'pom.xml' \
    -o -path '*/src/main/resources/*' \) -newer "$here/cli/target/signet.jar" -print -quit 2>/dev/null)" ]
}
if launcher_fresh; then
  measure oneshot.launcher_version 10 2 "$here/signet" version
  measure oneshot.launcher_verify 10 2 "$here/signet" "${VERIFY[@]}" "${V3[0]}"
else
  rec oneshot.launcher_version.median_s NA
  rec oneshot.launcher_verify.median_s NA
  say "  ./signet launcher rows skipped: sources are newer than the jar (it would rebuild)"
fi

# --- where a one-shot verify's time goes ----------------------------------------------------------------------
# JDK floor: a minimal java.net.http client (build, one GET, exit) with the launcher's flags.
say "bench: JDK HttpClient floor and one-shot verify phases"
mkdir -p "$tmp/classes"
javac -encoding UTF-8 -d "$tmp/classes" "$here/bench/HttpFloor.java"
FLOOR=(java "${jvm_opts[@]}" -cp "$tmp/classes" HttpFloor "http://$reg/v2/")
measure oneshot.jdk_httpclient_floor "$ONESHOT_RUNS" 3 "${FLOOR[@]}"
fb=(); fr=(); fw=()
for ((i = 0; i < 10; i++)); do
  t0=$(date +%s%N); line=$("${FLOOR[@]}" report); t1=$(date +%s%N)
  fb+=("$(sed -n 's/.*build_ms=\([0-9.]*\).*/\1/p' <<<"$line")")
  fr+=("$(sed -n 's/.*first_request_ms=\([0-9.]*\).*/\1/p' <<<"$line")")
  fw+=("$(calc "($t1 - $t0) / 1e6 - $(sed -n 's/.*main_done_ms=\([0-9-]*\).*/\1/p' <<<"$line")")")
done
rec floor.httpclient_build_ms "$(median "${fb[@]}")"
rec floor.first_request_ms "$(median "${fr[@]}")"
rec floor.after_main_ms "$(median "${fw[@]}")"
say "  HttpClient build ${R[floor.httpclient_build_ms]} ms, first GET ${R[floor.first_request_ms]} ms, exit after main ${R[floor.after_main_ms]} ms (medians of 10)"
# Signet: JVM uptime at which the first class of each phase loads (-Xlog:class+load), medians of 5 runs.
markers=(picocli.CommandLine dev.signet.cli.command.VerifyCommand dev.signet.crypto.keys.KeyReference
  java.net.http.HttpClient jdk.internal.net.http.Http1Exchange dev.signet.sign.internal.BundleCandidate
  dev.signet.sign.VerificationOutput java.lang.Shutdown)
declare -A PH=()
for ((i = 0; i < 5; i++)); do
  t0=$(date +%s%N)
  java "${jvm_opts[@]}" -Xlog:class+load:file="$tmp/classload.log":uptime -XX:AOTCache="$tmp/signet.aot" \
    -Dsignet.home="$here" -jar "$tmp/signet.jar" "${VERIFY[@]}" "${V3[0]}" >/dev/null 2>&1
  t1=$(date +%s%N)
  for m in "${markers[@]}"; do
    PH[$m]+="$(grep -m1 -F "] $m " "$tmp/classload.log" | sed -n 's/^\[\([0-9.]*\)s\].*/\1/p') "
  done
  PH[wall]+="$(calc "($t1 - $t0) / 1e9") "
done
for m in "${markers[@]}" wall; do
  read -r -a v <<<"${PH[$m]}"
  if [ ${#v[@]} -gt 0 ]; then rec "phase.$m.s" "$(median "${v[@]}")"; else rec "phase.$m.s" NA; fi
done
say "  phases (s): $(for m in "${markers[@]}" wall; do printf '%s=%s ' "${m##*.}" "${R[phase.$m.s]}"; done)"

# --- the registry alone ---------------------------------------------------------------------------------------
if [ $have_wrk = 1 ]; then
  say "bench: registry alone (wrk, manifest GET by digest)"
  url="http://$reg/v2/bench/img-1/manifests/${DIG[v3r1-1]}"
  wrk_run() { # wrk_run KEY THREADS CONNS SECONDS
    wrk -t"$2" -c"$3" -d"$4"s -H 'Accept: application/vnd.oci.image.manifest.v1+json' "$url" > "$tmp/wrk.out" 2>&1
    rec "$1.rps" "$(awk '/^Requests\/sec:/ { print $2 }' "$tmp/wrk.out")"
    rec "$1.latency_avg_ms" "$(awk '/^ +Latency/ { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
      f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : 1; printf "%.3g", v * f }' "$tmp/wrk.out")"
    say "  $1: ${R[$1.rps]} req/s, avg latency ${R[$1.latency_avg_ms]} ms"
  }
  wrk_run registry.get_c1 1 1 3
  wrk_run registry.get_c10 2 10 5
fi

# --- crypto: Signet's crypto vs OpenSSL (bench/crypto.sh: rounds of openssl speed/kdf and CryptoBench.java) --
say "bench: crypto, one thread ($CRYPTO_ROUNDS rounds, ${CRYPTO_SECONDS}s warm-up + ${CRYPTO_SECONDS}s per figure)"
SIGNET_JAR="$tmp/signet.jar" CRYPTO_SECONDS="$CRYPTO_SECONDS" CRYPTO_OUT="$tmp/crypto.txt" \
  "$here/bench/crypto.sh" "$CRYPTO_ROUNDS" > "$tmp/crypto.table" || { say "bench: bench/crypto.sh failed"; exit 1; }
declare -A C=()
while read -r k v; do C[$k]=$v; done < "$tmp/crypto.txt"
overify=${C[openssl.ecdsa_verify.median]}
osign=${C[openssl.ecdsa_sign.median]}
rec crypto.openssl.sign_per_s "$osign"
rec crypto.openssl.verify_per_s "$overify"
rec crypto.jdk_c2.verify_per_s "${C[c2.ecdsa.sunec.median]}"
rec crypto.jdk_launcher.verify_per_s "${C[launcher.ecdsa.sunec.median]}"
rec crypto.signet_c2.verify_per_s "${C[c2.ecdsa.signet.median]}"
rec crypto.signet_launcher.verify_per_s "${C[launcher.ecdsa.signet.median]}"
rec crypto.signet_fresh_launcher.verify_per_s "${C[launcher.ecdsa.signet_fresh.median]}"
rec crypto.signet_c2.sign_per_s "${C[c2.ecdsa_sign.signet.median]}"
rec crypto.scrypt_signet_launcher_first_ms "${C[launcher.scrypt.signet:65536.first_ms.median]}"
rec crypto.scrypt_openssl_ms "${C[openssl.scrypt_65536.ms.median]}"
sed 's/^/  /' "$tmp/crypto.table" >&2

# --- derived figures --------------------------------------------------------------------------------------
rec derived.sign_v3.images_per_s "$(calc "$N / ${R[sign.v3.median_s]}")"
rec derived.sign_v3.ms_per_image "$(calc "1000 * ${R[sign.v3.median_s]} / $N")"
rec derived.sign_legacy.images_per_s "$(calc "$N / ${R[sign.legacy.median_s]}")"
rec derived.sign_legacy.ms_per_image "$(calc "1000 * ${R[sign.legacy.median_s]} / $N")"
for f in v3 legacy; do
  rec "derived.verify_$f.images_per_s" "$(calc "$N / ${R[verify.$f.bulk.median_s]}")"
  rec "derived.verify_$f.ms_per_image" "$(calc "1000 * ${R[verify.$f.bulk.median_s]} / $N")"
done
# marginal cost of one more image in a bulk run, from two bulk runs: (t(N) - t(n)) / (N - n), n = ONESHOT_N
if [ "$N" -gt "$ONESHOT_N" ]; then
  rec derived.verify_v3.marginal_ms_per_image "$(calc "1000 * (${R[verify.v3.bulk.median_s]} - ${R[verify.v3.small_bulk.median_s]}) / ($N - $ONESHOT_N)")"
  rec derived.verify_v3.marginal_images_per_s "$(calc "($N - $ONESHOT_N) / (${R[verify.v3.bulk.median_s]} - ${R[verify.v3.small_bulk.median_s]})")"
  rec derived.verify_v3.marginal_cpu_ms_per_image "$(calc "1000 * (${R[verify.v3.bulk.mean_user_s]:-0} + ${R[verify.v3.bulk.mean_sys_s]:-0} - ${R[verify.v3.small_bulk.mean_user_s]:-0} - ${R[verify.v3.small_bulk.mean_sys_s]:-0}) / ($N - $ONESHOT_N)")"
else
  rec derived.verify_v3.marginal_ms_per_image NA; rec derived.verify_v3.marginal_images_per_s NA
  rec derived.verify_v3.marginal_cpu_ms_per_image NA
fi
rec derived.oneshot_loop.ms_per_image "$(calc "1000 * ${R[verify.v3.oneshot_loop.median_s]} / $ONESHOT_N")"
rec derived.small_bulk.ms_per_image "$(calc "1000 * ${R[verify.v3.small_bulk.median_s]} / $ONESHOT_N")"
rec derived.oneshot_loop_over_small_bulk "$(calc "${R[verify.v3.oneshot_loop.median_s]} / ${R[verify.v3.small_bulk.median_s]}")"
rec derived.oneshot_n "$ONESHOT_N"
rec ratio.oneshot_verify_over_java_version "$(calc "${R[oneshot.signet_verify.median_s]} / ${R[oneshot.java_version.median_s]}")"
rec ratio.oneshot_version_over_java_version "$(calc "${R[oneshot.signet_version.median_s]} / ${R[oneshot.java_version.median_s]}")"
rec ratio.oneshot_verify_over_skopeo_inspect "$(calc "${R[oneshot.signet_verify.median_s]} / ${R[oneshot.skopeo_inspect.median_s]}")"
rec derived.key_decrypt_s "$(calc "${R[oneshot.signet_public_key.median_s]} - ${R[oneshot.signet_version.median_s]}")"
if [ "${R[oneshot.openssl_scrypt.median_s]}" != NA ]; then
  rec ratio.key_decrypt_over_openssl_scrypt "$(calc "${R[derived.key_decrypt_s]} / ${R[oneshot.openssl_scrypt.median_s]}")"
else
  rec ratio.key_decrypt_over_openssl_scrypt NA
fi
rec ratio.openssl_over_jdk_c2_verify "$(calc "$overify / ${R[crypto.jdk_c2.verify_per_s]}")"
rec ratio.openssl_over_jdk_launcher_verify "$(calc "$overify / ${R[crypto.jdk_launcher.verify_per_s]}")"
rec ratio.signet_c2_over_openssl_verify "$(calc "${R[crypto.signet_c2.verify_per_s]} / $overify")"
rec ratio.signet_launcher_over_openssl_verify "$(calc "${R[crypto.signet_launcher.verify_per_s]} / $overify")"
rec ratio.signet_fresh_launcher_over_openssl_verify "$(calc "${R[crypto.signet_fresh_launcher.verify_per_s]} / $overify")"
rec ratio.bulk_verify_v3_over_openssl_verify "$(calc "${R[derived.verify_v3.images_per_s]} / $overify")"
rec ratio.bulk_verify_v3_over_signet_fresh_launcher_verify "$(calc "${R[derived.verify_v3.images_per_s]} / ${R[crypto.signet_fresh_launcher.verify_per_s]}")"
if [ $have_wrk = 1 ]; then
  rec derived.registry_ceiling_verify_v3_images_per_s "$(calc "${R[registry.get_c10.rps]} / ${R[req.verify_v3.requests_total]}")"
fi
# --- bulk verify/sign, Signet registry beside distribution (bench/bulk.sh; BULK=0 skips it) ------------------
if [ "${BULK:-1}" != 0 ]; then
  say "bench: bulk verify ${BULK_VERIFY:-1000} / sign ${BULK_SIGN:-200}, Signet registry beside distribution (bench/bulk.sh)"
  SIGNET_JAR="$tmp/signet.jar" BULK_OUT="$out" "$here/bench/bulk.sh" "${BULK_VERIFY:-1000}" "${BULK_SIGN:-200}" \
    2> "$tmp/bulk.log" || { say "bench: bench/bulk.sh failed:"; tail -5 "$tmp/bulk.log" >&2; exit 1; }
  while read -r k v; do R[$k]=$v; done < <(grep '^bulk\.' "$out")
fi
rec machine.loadavg_end "\"$(cut -d' ' -f1-3 /proc/loadavg)\""

cp "$out" "$results_dir/latest.txt"

# --- table ----------------------------------------------------------------------------------------------
row() { printf '%-58s %12s  %s\n' "$1" "$2" "${3:-}"; }
cpu() { [ -n "${R[$1.mean_user_s]:-}" ] && printf ', cpu %s s' "$(calc "${R[$1.mean_user_s]} + ${R[$1.mean_sys_s]}")"; true; }
{
  echo
  echo "Signet benchmark, N=$N, $(nproc) cores, load ${R[machine.loadavg_start]} -> ${R[machine.loadavg_end]}  ($stamp)"
  row "what" "value" "unit / note"
  row "sign v3, $N images, one invocation (median of $SIGN_RUNS)" "${R[sign.v3.median_s]}" "s  = ${R[derived.sign_v3.images_per_s]} images/s, ${R[derived.sign_v3.ms_per_image]} ms/image, cpu ${R[sign.v3.median_cpu_s]} s"
  row "sign legacy, $N images, one invocation" "${R[sign.legacy.median_s]}" "s  = ${R[derived.sign_legacy.images_per_s]} images/s, ${R[derived.sign_legacy.ms_per_image]} ms/image, cpu ${R[sign.legacy.median_cpu_s]} s"
  row "verify v3, $N images, one invocation (median of $VERIFY_RUNS)" "${R[verify.v3.bulk.median_s]}" "s  = ${R[derived.verify_v3.images_per_s]} images/s, ${R[derived.verify_v3.ms_per_image]} ms/image$(cpu verify.v3.bulk)"
  row "  marginal cost per image ($N vs $ONESHOT_N in one invocation)" "${R[derived.verify_v3.marginal_ms_per_image]}" "ms = ${R[derived.verify_v3.marginal_images_per_s]} images/s, cpu ${R[derived.verify_v3.marginal_cpu_ms_per_image]} ms/image"
  row "verify legacy, $N images, one invocation" "${R[verify.legacy.bulk.median_s]}" "s  = ${R[derived.verify_legacy.images_per_s]} images/s, ${R[derived.verify_legacy.ms_per_image]} ms/image$(cpu verify.legacy.bulk)"
  for w in $WORKERS_SWEEP; do row "verify v3, $N images, --max-workers $w" "${R[verify.v3.workers$w.median_s]}" "s$(cpu verify.v3.workers$w)"; done
  row "verify v3, $N images, default JIT (C1+C2)" "${R[verify.v3.bulk_default_jit.median_s]}" "s$(cpu verify.v3.bulk_default_jit)"
  row "verify v3, $ONESHOT_N images, one invocation" "${R[verify.v3.small_bulk.median_s]}" "s  = ${R[derived.small_bulk.ms_per_image]} ms/image$(cpu verify.v3.small_bulk)"
  row "verify v3, $ONESHOT_N one-shot invocations" "${R[verify.v3.oneshot_loop.median_s]}" "s  = ${R[derived.oneshot_loop.ms_per_image]} ms/image (x${R[derived.oneshot_loop_over_small_bulk]})$(cpu verify.v3.oneshot_loop)"
  row "java -version (median of $ONESHOT_RUNS)" "${R[oneshot.java_version.median_s]}" "s$(cpu oneshot.java_version)"
  row "signet version" "${R[oneshot.signet_version.median_s]}" "s  (x${R[ratio.oneshot_version_over_java_version]} java -version)$(cpu oneshot.signet_version)"
  row "signet verify, 1 image (v3)" "${R[oneshot.signet_verify.median_s]}" "s  (x${R[ratio.oneshot_verify_over_java_version]} java -version)$(cpu oneshot.signet_verify)"
  row "signet verify, 1 image (legacy)" "${R[oneshot.signet_verify_legacy.median_s]}" "s$(cpu oneshot.signet_verify_legacy)"
  row "signet verify, 1 image, no AOT cache" "${R[oneshot.signet_verify_no_aot.median_s]}" "s$(cpu oneshot.signet_verify_no_aot)"
  row "signet version, no AOT cache" "${R[oneshot.signet_version_no_aot.median_s]}" "s$(cpu oneshot.signet_version_no_aot)"
  row "signet public-key (decrypts the key: scrypt N=${R[crypto.scrypt_n]})" "${R[oneshot.signet_public_key.median_s]}" "s  = version + ${R[derived.key_decrypt_s]} s$(cpu oneshot.signet_public_key)"
  row "openssl kdf SCRYPT, same parameters" "${R[oneshot.openssl_scrypt.median_s]}" "s  (signet's key decryption x${R[ratio.key_decrypt_over_openssl_scrypt]})$(cpu oneshot.openssl_scrypt)"
  row "./signet version (launcher)" "${R[oneshot.launcher_version.median_s]}" "s  (work-tree build, the launcher's own AOT cache)"
  row "./signet verify, 1 image (launcher)" "${R[oneshot.launcher_verify.median_s]}" "s"
  row "JDK floor: HttpClient + 1 GET, launcher flags" "${R[oneshot.jdk_httpclient_floor.median_s]}" "s  (build ${R[floor.httpclient_build_ms]} ms, GET ${R[floor.first_request_ms]} ms, exit wait ${R[floor.after_main_ms]} ms)$(cpu oneshot.jdk_httpclient_floor)"
  row "verify 1 image phases: CLI / key / HttpClient / 1st GET" "${R[phase.picocli.CommandLine.s]}/${R[phase.dev.signet.crypto.keys.KeyReference.s]}/${R[phase.java.net.http.HttpClient.s]}/${R[phase.jdk.internal.net.http.Http1Exchange.s]}" "s of JVM uptime"
  row "  ... bundle check / output / main done / process wall" "${R[phase.dev.signet.sign.internal.BundleCandidate.s]}/${R[phase.dev.signet.sign.VerificationOutput.s]}/${R[phase.java.lang.Shutdown.s]}/${R[phase.wall.s]}" "s"
  row "skopeo inspect --raw, 1 image (Go peer)" "${R[oneshot.skopeo_inspect.median_s]}" "s  (signet verify x${R[ratio.oneshot_verify_over_skopeo_inspect]})$(cpu oneshot.skopeo_inspect)"
  row "requests: sign v3 / sign legacy / verify v3 / verify legacy" \
    "${R[req.sign_v3.requests_total]}/${R[req.sign_legacy.requests_total]}/${R[req.verify_v3.requests_total]}/${R[req.verify_legacy.requests_total]}" "per image"
  if [ $have_wrk = 1 ]; then
    row "registry: manifest GET, 1 connection" "${R[registry.get_c1.rps]}" "req/s, ${R[registry.get_c1.latency_avg_ms]} ms avg"
    row "registry: manifest GET, 10 connections" "${R[registry.get_c10.rps]}" "req/s -> ceiling ${R[derived.registry_ceiling_verify_v3_images_per_s]} verify-v3 images/s"
  fi
  row "ECDSA P-256 verify/s: openssl" "$overify" "sign $osign/s"
  row "ECDSA P-256 verify/s: JDK, C2 (warmed)" "${R[crypto.jdk_c2.verify_per_s]}" "openssl x${R[ratio.openssl_over_jdk_c2_verify]}"
  row "ECDSA P-256 verify/s: JDK, launcher flags (C1 only)" "${R[crypto.jdk_launcher.verify_per_s]}" "openssl x${R[ratio.openssl_over_jdk_launcher_verify]}"
  row "ECDSA P-256 verify/s: Signet, reused verifier, C2" "${R[crypto.signet_c2.verify_per_s]}" "x${R[ratio.signet_c2_over_openssl_verify]} openssl"
  row "ECDSA P-256 verify/s: Signet, reused verifier, launcher flags" "${R[crypto.signet_launcher.verify_per_s]}" "x${R[ratio.signet_launcher_over_openssl_verify]} openssl"
  row "ECDSA P-256 verify/s: Signet, verifier per signature, launcher" "${R[crypto.signet_fresh_launcher.verify_per_s]}" "x${R[ratio.signet_fresh_launcher_over_openssl_verify]} openssl"
  row "scrypt N=65536 first derive, launcher flags / openssl kdf" "${R[crypto.scrypt_signet_launcher_first_ms]} / ${R[crypto.scrypt_openssl_ms]}" "CPU ms (details: bench/crypto.sh table above)"
  if [ "${BULK:-1}" != 0 ]; then
    for op in verify_v3 verify_legacy sign_v3 sign_legacy; do
      row "bulk $op: images/s Signet reg / distribution" "${R[bulk.signet.$op.images_per_s]} / ${R[bulk.dist.$op.images_per_s]}" \
        "cpu ${R[bulk.signet.$op.cpu_ms_per_image]} / ${R[bulk.dist.$op.cpu_ms_per_image]} ms/image, requests ${R[bulk.signet.req.$op.requests_per_image]} / ${R[bulk.dist.req.$op.requests_per_image]} per image"
    done
    row "bulk verify_v3 marginal images/s Signet reg / distribution" "${R[bulk.signet.verify_v3.marginal_images_per_s]} / ${R[bulk.dist.verify_v3.marginal_images_per_s]}" "(without start-up; bench/bulk.sh)"
  fi
  row "bulk verify v3 rate / openssl verify/s" "${R[ratio.bulk_verify_v3_over_openssl_verify]}" ""
  row "bulk verify v3 rate / Signet verify/s (per-signature verifier)" "${R[ratio.bulk_verify_v3_over_signet_fresh_launcher_verify]}" "= share of one core spent in ECDSA verify"
  echo
  echo "results: $out (also bench/results/latest.txt); hyperfine output: $hlog"
} | tee -a "$results_dir/$stamp-N$N.table.txt"
