#!/usr/bin/env bash
# Bulk verification and signing, Signet registry beside distribution in one run (issue 13 step 4):
#   bench/bulk.sh [N_VERIFY] [N_SIGN]      (defaults 1000 and 200; bench/run.sh calls it)
#
# Starts docker-registry (CNCF distribution 2.8) and `signet registry serve` (a subprocess, loopback, no
# auth), pushes N_VERIFY + 2*N_SIGN + 2*N_COUNT distinct small images with skopeo into each, spread over
# REPOS repositories (bench/r<k>), and measures on each registry:
#   - `signet sign` of N_SIGN images in ONE invocation, v3 bundles and legacy .sig (one run each: fresh images);
#   - `signet verify` of N_VERIFY v3-signed images in ONE invocation (VERIFY_RUNS runs), and of the
#     N_SIGN legacy-signed images;
#   - requests per image for sign and verify (v3, legacy) over N_COUNT images: distribution's access log,
#     and for the Signet registry a counting TCP proxy (bench/CountingProxy.java) in front of it;
#   - wall and CPU time (user + sys of the signet process).
# Writes `key value` lines to bench/results/<stamp>-bulk.txt (and bulk-latest.txt) and prints a table.
#
# Knobs: REPOS (10), VERIFY_RUNS (3), N_COUNT (20), N_SMALL (20: the small verify run for the marginal rate), PUSH_PARALLEL (4), SIGNET_JAR (default: build
# with ./signet and copy cli/target/signet.jar), KEEP_TMP (0), BULK_OUT (append the key lines here too).
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/bin/java-env.sh"; signet_find_java || exit 1
NV=${1:-1000}
NS=${2:-200}
REPOS=${REPOS:-10}
VERIFY_RUNS=${VERIFY_RUNS:-3}
N_COUNT=${N_COUNT:-20}
N_SMALL=${N_SMALL:-20}
PUSH_PARALLEL=${PUSH_PARALLEL:-4}
results_dir="$here/bench/results"
mkdir -p "$results_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results_dir/$stamp-bulk-V$NV-S$NS.txt"
say() { printf '%s\n' "$*" >&2; }
calc() { awk "BEGIN { printf \"%.4g\", $* }"; }
declare -A R=()
rec() { R[$1]=$2; printf '%s %s\n' "$1" "$2" >> "$out"; [ -z "${BULK_OUT:-}" ] || printf 'bulk.%s %s\n' "$1" "$2" >> "$BULK_OUT"; }
for t in docker-registry skopeo curl java; do
  command -v "$t" >/dev/null || { say "bench/bulk: $t is missing (./test.sh installs docker-registry and skopeo)"; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sgbulk.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [ "${KEEP_TMP:-0}" = 1 ]; then say "bench/bulk: kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
: > "$out"
rec run.utc "$stamp"
rec run.n_verify "$NV"
rec run.n_sign "$NS"
rec run.repos "$REPOS"
rec machine.loadavg_start "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
rec tool.java "\"$(java -version 2>&1 | head -1)\""

if [ -n "${SIGNET_JAR:-}" ]; then
  cp "$SIGNET_JAR" "$tmp/signet.jar"
else
  "$here/signet" version >/dev/null || { say "bench/bulk: the build failed"; exit 1; }
  cp "$here/cli/target/signet.jar" "$tmp/signet.jar"
fi
rec signet.git "\"$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)\""
read -r -a jvm_opts < <(sed -n 's/^opts=(\(.*\))$/\1/p' "$here/signet" | head -1)
[ ${#jvm_opts[@]} -gt 0 ] || jvm_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Xlog:aot=off -Xlog:cds=off)

# --- registries ---------------------------------------------------------------------------------------
mkdir -p "$tmp/dist-data" "$tmp/signet-data"
cat > "$tmp/registry.yml" <<EOF
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $tmp/dist-data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:0
  secret: signet-bench-only
EOF
docker-registry serve "$tmp/registry.yml" > "$tmp/dist.log" 2>&1 &
pids+=($!)
java -Xss1m -jar "$tmp/signet.jar" registry serve --listen 127.0.0.1:0 --data "$tmp/signet-data" \
  > "$tmp/signet-registry.out" 2> "$tmp/signet-registry.err" &
pids+=($!)
dport=; sport=
for _ in $(seq 1 300); do
  [ -n "$dport" ] || dport=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/dist.log" | head -1)
  [ -n "$sport" ] || sport=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/signet-registry.out" | head -1)
  [ -n "$dport" ] && [ -n "$sport" ] && break
  sleep 0.1
done
[ -n "$dport" ] || { say "bench/bulk: docker-registry did not start"; cat "$tmp/dist.log" >&2; exit 1; }
[ -n "$sport" ] || { say "bench/bulk: the Signet registry did not start"; cat "$tmp/signet-registry.err" >&2; exit 1; }
declare -A REG=([dist]="127.0.0.1:$dport" [signet]="127.0.0.1:$sport")
# the counting proxy in front of the Signet registry (request counts only)
mkdir -p "$tmp/classes"
javac -encoding UTF-8 -d "$tmp/classes" "$here/bench/CountingProxy.java"
java -cp "$tmp/classes" CountingProxy 0 "127.0.0.1:$sport" "$tmp/proxy.log" > "$tmp/proxy.out" 2>&1 &
pids+=($!)
pport=
for _ in $(seq 1 100); do
  pport=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/proxy.out" | head -1)
  [ -n "$pport" ] && break; sleep 0.1
done
[ -n "$pport" ] || { say "bench/bulk: the counting proxy did not start"; cat "$tmp/proxy.out" >&2; exit 1; }
touch "$tmp/proxy.log"
say "bench/bulk: distribution ${REG[dist]}, Signet registry ${REG[signet]} (counting proxy 127.0.0.1:$pport)"
rec signet.batch_header "\"$(curl -sS -D - -o /dev/null "http://${REG[signet]}/v2/" | tr -d '\r' | sed -n 's/^[Ss]ignet-[Bb]atch-[Ss]ignatures: *//p')\""

java "${jvm_opts[@]}" -XX:AOTCacheOutput="$tmp/signet.aot" -cp "$tmp/signet.jar" \
  dev.signet.cli.command.demo.AotTraining "${REG[dist]}" "$tmp/aot-training" >"$tmp/aot-training.log" 2>&1 \
  || { say "bench/bulk: training the AOT cache failed:"; tail -5 "$tmp/aot-training.log" >&2; exit 1; }
SIGNET=(java "${jvm_opts[@]}" -XX:AOTCache="$tmp/signet.aot" -Dsignet.home="$here" -jar "$tmp/signet.jar")

# --- images: sets vv (verify, v3), sv/sl (sign v3/legacy, then verify legacy), cv/cl (request counts) -----
names=()
add_set() { local s=$1 n=$2 i; for ((i = 1; i <= n; i++)); do names+=("$s-$i"); done; }
add_set vv "$NV"; add_set sv "$NS"; add_set sl "$NS"; add_set cv "$N_COUNT"; add_set cl "$N_COUNT"
say "bench/bulk: building ${#names[@]} OCI images"
"$here/bench/mk-layouts.sh" "$tmp/layout" "${names[@]}" > "$tmp/digests.txt"
declare -A DIG=()
while read -r name dig; do DIG[$name]=$dig; done < "$tmp/digests.txt"
repo_of() { local i=${1##*-}; echo "bench/r$(( i % REPOS ))"; }
for r in dist signet; do
  say "bench/bulk: pushing to $r with skopeo ($PUSH_PARALLEL in parallel)"
  for name in "${names[@]}"; do echo "$name $(repo_of "$name")"; done \
    | xargs -P "$PUSH_PARALLEL" -n 2 sh -c \
      'skopeo copy -q --dest-tls-verify=false "oci:$0:$2" "docker://$1/$3:$2" >/dev/null' "$tmp/layout" "${REG[$r]}" \
      2> "$tmp/push-$r.log" || { say "bench/bulk: skopeo push to $r failed:"; tail -5 "$tmp/push-$r.log" >&2; exit 1; }
done
refs() { # refs REGISTRY_HOSTPORT SET N
  local host=$1 s=$2 n=$3 i
  for ((i = 1; i <= n; i++)); do echo "$host/$(repo_of "$s-$i")@${DIG[$s-$i]}"; done
}

export COSIGN_PASSWORD=signet-bench
(cd "$tmp" && "${SIGNET[@]}" generate-key-pair --output-key-prefix bench >/dev/null 2>&1)
SIGN=(sign --key "$tmp/bench.key")
VERIFY=(verify --key "$tmp/bench.pub" --insecure-ignore-tlog=true)

# time_once KEY CMD...: wall and CPU seconds of one run; a failure aborts the benchmark
time_once() {
  local key=$1; shift
  local TIMEFORMAT='%R %U %S' t rc=0
  t=$( { time "$@" >/dev/null 2>"$tmp/last.err" || rc=$?; } 2>&1; exit $rc ) \
    || { say "bench/bulk: $key failed: ${*:1:12} ..."; tail -5 "$tmp/last.err" >&2; exit 1; }
  awk '{ printf "%.4g %.4g\n", $1, $2 + $3 }' <<<"$t"
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { printf "%.4g", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# measure KEY N RUNS CMD...: median wall / min / max and median CPU over RUNS runs, images/s
measure() {
  local key=$1 n=$2 runs=$3; shift 3
  local ws=() cs=() i w c
  for ((i = 0; i < runs; i++)); do read -r w c < <(time_once "$key" "$@"); ws+=("$w"); cs+=("$c"); done
  rec "$key.runs_s" "\"${ws[*]}\""
  rec "$key.median_s" "$(median "${ws[@]}")"
  rec "$key.min_s" "$(printf '%s\n' "${ws[@]}" | sort -g | head -1)"
  rec "$key.max_s" "$(printf '%s\n' "${ws[@]}" | sort -g | tail -1)"
  rec "$key.median_cpu_s" "$(median "${cs[@]}")"
  rec "$key.images_per_s" "$(calc "$n / ${R[$key.median_s]}")"
  rec "$key.cpu_ms_per_image" "$(calc "1000 * ${R[$key.median_cpu_s]} / $n")"
  say "  $key: ${R[$key.median_s]} s (${ws[*]}) = ${R[$key.images_per_s]} images/s, cpu ${R[$key.median_cpu_s]} s"
}
# count KEY REG N CMD...: requests CMD sends (distribution: access log; signet: the proxy's log), per image
count() {
  local key=$1 r=$2 n=$3; shift 3
  local log n0 summary total
  if [ "$r" = dist ]; then log="$tmp/dist.log"; else log="$tmp/proxy.log"; fi
  n0=$(wc -l < "$log")
  "$@" >/dev/null 2>"$tmp/last.err" || { say "bench/bulk: $key failed"; tail -5 "$tmp/last.err" >&2; exit 1; }
  sleep 0.5
  summary=$(tail -n +"$((n0 + 1))" "$log" | sed -nE 's/.*"([A-Z]+) ([^ ]+) HTTP\/1\.1" ([0-9]+).*/\1 \2 \3/p' | awk '
      { k = "other"; p = $2; sub(/\?.*/, "", p)
        if (p == "/v2/") k = "ping"
        else if (p ~ /\/_signet\/signatures$/) k = "batch"
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
  rec "$key.requests_per_image" "$(calc "$total / $n")"
  say "  $key: $(calc "$total / $n") requests/image ($total for $n): $summary"
}

# --- request counts (N_COUNT images per operation) ---------------------------------------------------------
for r in dist signet; do
  host=${REG[$r]}; [ "$r" = signet ] && host="127.0.0.1:$pport"
  say "bench/bulk: requests per image on $r ($N_COUNT images per operation)"
  mapfile -t a < <(refs "$host" cv "$N_COUNT"); mapfile -t b < <(refs "$host" cl "$N_COUNT")
  count "$r.req.sign_v3" "$r" "$N_COUNT" "${SIGNET[@]}" "${SIGN[@]}" "${a[@]}"
  count "$r.req.sign_legacy" "$r" "$N_COUNT" "${SIGNET[@]}" "${SIGN[@]}" --new-bundle-format=false "${b[@]}"
  count "$r.req.verify_v3" "$r" "$N_COUNT" "${SIGNET[@]}" "${VERIFY[@]}" "${a[@]}"
  count "$r.req.verify_legacy" "$r" "$N_COUNT" "${SIGNET[@]}" "${VERIFY[@]}" "${b[@]}"
done

# --- sign N_SIGN (v3, legacy), then verify N_VERIFY v3 and N_SIGN legacy -----------------------------------
for r in dist signet; do
  host=${REG[$r]}
  say "bench/bulk: $r: sign $NS images (v3, legacy), verify $NV (v3) and $NS (legacy)"
  mapfile -t a < <(refs "$host" sv "$NS"); mapfile -t b < <(refs "$host" sl "$NS"); mapfile -t v < <(refs "$host" vv "$NV")
  measure "$r.sign_v3" "$NS" 1 "${SIGNET[@]}" "${SIGN[@]}" "${a[@]}"
  measure "$r.sign_legacy" "$NS" 1 "${SIGNET[@]}" "${SIGN[@]}" --new-bundle-format=false "${b[@]}"
  "${SIGNET[@]}" "${SIGN[@]}" "${v[@]}" >/dev/null 2>"$tmp/last.err" || { say "bench/bulk: signing the verify set failed"; tail -5 "$tmp/last.err" >&2; exit 1; }
  "${SIGNET[@]}" "${VERIFY[@]}" "${v[@]}" >/dev/null 2>"$tmp/verify.err" || { say "bench/bulk: verify failed"; tail -5 "$tmp/verify.err" >&2; exit 1; }
  ok=$(grep -c '^Verification for ' "$tmp/verify.err" || true)
  [ "$ok" -eq "$NV" ] || { say "bench/bulk: $r: $ok of $NV images verified"; exit 1; }
  measure "$r.verify_v3" "$NV" "$VERIFY_RUNS" "${SIGNET[@]}" "${VERIFY[@]}" "${v[@]}"
  # the same with the first N_SMALL images: the marginal rate (t(NV) - t(N_SMALL)) / (NV - N_SMALL) leaves out
  # JVM start-up and the other fixed costs of one invocation
  measure "$r.verify_v3_small" "$N_SMALL" "$VERIFY_RUNS" "${SIGNET[@]}" "${VERIFY[@]}" "${v[@]:0:N_SMALL}"
  rec "$r.verify_v3.marginal_images_per_s" "$(calc "($NV - $N_SMALL) / (${R[$r.verify_v3.median_s]} - ${R[$r.verify_v3_small.median_s]})")"
  rec "$r.verify_v3.marginal_cpu_ms_per_image" "$(calc "1000 * (${R[$r.verify_v3.median_cpu_s]} - ${R[$r.verify_v3_small.median_cpu_s]}) / ($NV - $N_SMALL)")"
  measure "$r.verify_legacy" "$NS" 1 "${SIGNET[@]}" "${VERIFY[@]}" "${b[@]}"
done
rec machine.loadavg_end "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
cp "$out" "$results_dir/bulk-latest.txt"

row() { printf '%-44s %10s %10s  %s\n' "$1" "$2" "$3" "${4:-}"; }
{
  echo
  echo "Signet bulk benchmark: verify $NV, sign $NS, $REPOS repositories, load ${R[machine.loadavg_start]} -> ${R[machine.loadavg_end]} ($stamp)"
  row "what (images/s; cpu ms/image; requests/image)" "Signet reg" "distrib." ""
  for op in verify_v3 verify_legacy sign_v3 sign_legacy; do
    row "$op images/s" "${R[signet.$op.images_per_s]}" "${R[dist.$op.images_per_s]}" "median s: ${R[signet.$op.median_s]} / ${R[dist.$op.median_s]}"
    row "$op cpu ms/image" "${R[signet.$op.cpu_ms_per_image]}" "${R[dist.$op.cpu_ms_per_image]}"
    row "$op requests/image" "${R[signet.req.$op.requests_per_image]}" "${R[dist.req.$op.requests_per_image]}"
  done
 row "verify_v3 marginal images/s (excl. start-up)" "${R[signet.verify_v3.marginal_images_per_s]}" "${R[dist.verify_v3.marginal_images_per_s]}" "cpu ms/image: ${R[signet.verify_v3.marginal_cpu_ms_per_image]} / ${R[dist.verify_v3.marginal_cpu_ms_per_image]}"
  row "Signet-Batch-Signatures header" "${R[signet.batch_header]}" "" ""
  echo
} >&2
say "bench/bulk: results in $out"
