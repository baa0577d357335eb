#!/usr/bin/env bash
# Registry benchmark: Signet registry vs Debian's docker-registry (CNCF distribution 2.8), side by side.
#
#   bench/registry/run.sh
#
# Starts both registries on free loopback ports with fresh temp data dirs (killed by PID on exit) and
# measures, RUNS times each (median reported):
#   1. blob push/pull MiB/s with a BLOB_MIB (256) MiB random blob: monolithic (POST + PUT ?digest= with
#      the whole body) and chunked (POST, PATCH in CHUNK_MIB (16) MiB chunks with Content-Range, PUT
#      ?digest=); pull = GET to /dev/null. Time = sum of curl %{time_total} over the requests.
#   2. manifest GET / HEAD / PUT ops/s at 32 connections for WRK_SECONDS (10s) on one small image manifest
#      by tag: GET and PUT with wrk -c 32 -t 2, HEAD with ab -i -k -c 32 (wrk cannot do HEAD)
#      (PUT re-puts the same body to the same tag: put.lua).
#   3. referrers: a subject with N_REF (1000) referrers in a repository that also holds N_UNREL_A (1000),
#      then N_UNREL_B (3000) unrelated manifests. Signet: GET /v2/<name>/referrers/<digest>;
#      distribution has no referrers API (404), so both get the fallback: GET of the `sha256-<hex>` tag
#      holding an image index of the referrers. REF_REQS (200) sequential requests on one keep-alive
#      connection per run; p50/p95 of curl %{time_total}.
# Bisection knobs: SIGNET_KNOBS="virtualThreads=false minDataRate=0 http2=false" starts the Signet registry
# through bench/registry/Serve.java from the already built cli/target/signet.jar (build it with
# `mvn -o -q -DskipTests -pl cli -am package`; nothing is rebuilt here) with those builder settings;
# ONLY=blobs stops after the blob section.
# Raw output: bench/registry/results/<stamp>/ (gitignored). Method and numbers: bench/REGISTRY.md.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/java-env.sh"; signet_find_java || exit 1   # Java 25 (JAVA_HOME, Temurin 25, PATH)
RUNS=${RUNS:-3}
BLOB_MIB=${BLOB_MIB:-256}
CHUNK_MIB=${CHUNK_MIB:-16}
WRK_SECONDS=${WRK_SECONDS:-10}
N_REF=${N_REF:-1000}
N_UNREL_A=${N_UNREL_A:-1000}
N_UNREL_B=${N_UNREL_B:-3000}
REF_REQS=${REF_REQS:-200}
PAR=${PAR:-4}

stamp=$(date -u +%Y%m%dT%H%M%SZ)
res="$here/results/$stamp"
mkdir -p "$res"
raw="$res/raw.txt"
tmp=$(mktemp -d /tmp/signet-regbench.XXXXXX)
say() { printf '%s\n' "$*" >&2; }
rec() { printf '%s %s\n' "$1" "$2" >> "$raw"; }

for t in docker-registry curl java sha256sum awk; do
  command -v "$t" >/dev/null || { say "missing: $t"; exit 1; }
done
pk=(); command -v wrk >/dev/null || pk+=(wrk); command -v ab >/dev/null || pk+=(apache2-utils)
if [ ${#pk[@]} -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo -n)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${pk[@]}" >/dev/null 2>&1 \
    || { "${sudo_cmd[@]}" apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${pk[@]}" >/dev/null; }
fi

# --- start both registries ---------------------------------------------------------------------------
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ "${KEEP_TMP:-0}" = 1 ] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
wait_ready() {   # url name
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/v2/" 2>/dev/null)" = 200 ] && return 0
    sleep 0.1
  done
  say "$2 did not become ready"; exit 1
}

mkdir -p "$tmp/signet-data" "$tmp/dist-data"
SP=$(free_port)
if [ -n "${SIGNET_KNOBS:-}" ]; then
  [ -f "$root/cli/target/signet.jar" ] || { say "SIGNET_KNOBS needs cli/target/signet.jar (mvn -o -q -DskipTests -pl cli -am package)"; exit 1; }
  # shellcheck disable=SC2206
  signet_cmd=(java -XX:+UseParallelGC -cp "$root/cli/target/signet.jar" "$here/Serve.java" "$SP" "$tmp/signet-data" $SIGNET_KNOBS)
  "${signet_cmd[@]}" > "$res/signet.log" 2>&1 &
else
  signet_cmd=("$root/signet")   # the launcher serves with the full JIT and ParallelGC
  "${signet_cmd[@]}" registry serve --listen "127.0.0.1:$SP" --data "$tmp/signet-data" > "$res/signet.log" 2>&1 &
fi
pids+=($!)
DP=$(free_port); while [ "$DP" = "$SP" ]; do DP=$(free_port); done
cat > "$tmp/registry.yml" <<EOF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $tmp/dist-data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$DP
  secret: bench-only-secret
EOF
docker-registry serve "$tmp/registry.yml" > "$res/distribution.log" 2>&1 &
pids+=($!)
declare -A URL=([signet]="http://127.0.0.1:$SP" [dist]="http://127.0.0.1:$DP")
wait_ready "${URL[signet]}" signet
wait_ready "${URL[dist]}" distribution
say "signet on :$SP, distribution on :$DP; raw results in $res"
{ echo "stamp $stamp"; echo "host $(uname -srm) cores=$(nproc)"; echo "java $(java -version 2>&1 | head -1)";
  echo "signet-cmd ${signet_cmd[*]}"
  echo "distribution $(docker-registry --version)"; echo "wrk $(wrk -v 2>&1 | head -1)"; echo "load-at-start $(cut -d" " -f1-3 /proc/loadavg)"; } > "$res/env.txt"

# --- helpers -----------------------------------------------------------------------------------------
abs_loc() {     # base location-header-value -> absolute URL
  case "$2" in http*) echo "$2" ;; *) echo "$1$2" ;; esac
}
location() {    # header dump file -> Location value
  awk 'tolower($1)=="location:" { sub(/\r$/, "", $2); print $2 }' "$1" | tail -1
}
with_param() {  # url k=v -> url with the query parameter appended
  case "$1" in *\?*) echo "$1&$2" ;; *) echo "$1?$2" ;; esac
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) { print "nan"; exit } print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
pct() {         # p  (reads numbers on stdin)
  sort -g | awk -v p="$1" '{ a[NR] = $1 } END { i = int(p / 100 * NR + 0.999999); if (i < 1) i = 1; print a[i] }'
}
# push a small blob monolithically: reg repo file
push_small_blob() {
  local base=${URL[$1]} d loc code
  d="sha256:$(sha256sum "$3" | cut -d' ' -f1)"
  curl -s -o /dev/null -D "$tmp/h" -X POST "$base/v2/$2/blobs/uploads/"
  loc=$(abs_loc "$base" "$(location "$tmp/h")")
  code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: application/octet-stream' \
    --data-binary "@$3" "$(with_param "$loc" "digest=$d")")
  [ "$code" = 201 ] || { say "small blob push to $1 failed: $code"; exit 1; }
}
put_manifest() { # reg repo ref file [mediatype] -> http code
  curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Content-Type: ${5:-application/vnd.oci.image.manifest.v1+json}" \
    --data-binary "@$4" "${URL[$1]}/v2/$2/manifests/$3"
}
# PUT many manifests with ONE curl process (--parallel): reg repo listfile (lines: "ref file")
put_many() {
  local cfg="$tmp/put.cfg" base=${URL[$1]} bad
  : > "$cfg"
  while read -r ref f; do
    printf 'url = "%s/v2/%s/manifests/%s"\nrequest = "PUT"\nheader = "Content-Type: application/vnd.oci.image.manifest.v1+json"\ndata-binary = "@%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nsilent\nnext\n' \
      "$base" "$2" "$ref" "$f" >> "$cfg"
  done < "$3"
  sed -i '$d' "$cfg"   # no trailing "next"
  bad=$(curl -s --parallel --parallel-max "$PAR" -K "$cfg" 2>"$tmp/put.err" | grep -vc '^201$' || true)
  [ "$bad" = 0 ] || { say "put_many to $1: $bad non-201 answers"; exit 1; }
}

# --- 1. blobs ----------------------------------------------------------------------------------------
say "== blobs: ${BLOB_MIB} MiB, monolithic and ${CHUNK_MIB} MiB chunks, $RUNS runs"
blob="$tmp/blob.bin"
head -c $(( BLOB_MIB * 1048576 )) /dev/urandom > "$blob"
bytes=$(( BLOB_MIB * 1048576 ))
chunk=$(( CHUNK_MIB * 1048576 ))
mibs() { awk -v b="$bytes" -v t="$1" 'BEGIN { printf "%.1f", b / 1048576 / t }'; }

push_mono() {   # reg repo digest -> seconds
  local base=${URL[$1]} loc t1 t2 code
  t1=$(curl -s -o /dev/null -D "$tmp/h" -w '%{time_total}' -X POST "$base/v2/$2/blobs/uploads/")
  loc=$(abs_loc "$base" "$(location "$tmp/h")")
  read -r code t2 < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X PUT \
    -H 'Content-Type: application/octet-stream' --data-binary "@$blob" "$(with_param "$loc" "digest=$3")")
  [ "$code" = 201 ] || { say "monolithic push to $1: $code"; exit 1; }
  awk -v a="$t1" -v b="$t2" 'BEGIN { print a + b }'
}
push_chunked() { # reg repo digest -> seconds
  local base=${URL[$1]} loc t tot off=0 end code i=0
  tot=$(curl -s -o /dev/null -D "$tmp/h" -w '%{time_total}' -X POST "$base/v2/$2/blobs/uploads/")
  loc=$(abs_loc "$base" "$(location "$tmp/h")")
  for part in "$tmp"/chunk.*; do
    local n; n=$(stat -c %s "$part"); end=$(( off + n - 1 ))
    read -r code t < <(curl -s -o /dev/null -D "$tmp/h" -w '%{http_code} %{time_total}\n' -X PATCH \
      -H 'Content-Type: application/octet-stream' -H "Content-Range: $off-$end" --data-binary "@$part" "$loc")
    [ "$code" = 202 ] || { say "PATCH to $1 (chunk $i): $code"; exit 1; }
    loc=$(abs_loc "$base" "$(location "$tmp/h")")
    tot=$(awk -v a="$tot" -v b="$t" 'BEGIN { print a + b }')
    off=$(( end + 1 )); i=$(( i + 1 ))
  done
  read -r code t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X PUT -H 'Content-Length: 0' \
    "$(with_param "$loc" "digest=$3")")
  [ "$code" = 201 ] || { say "chunked final PUT to $1: $code"; exit 1; }
  awk -v a="$tot" -v b="$t" 'BEGIN { print a + b }'
}
pull_blob() {   # reg repo digest -> seconds
  local code t
  read -r code t < <(curl -s -L -o /dev/null -w '%{http_code} %{time_total}\n' "${URL[$1]}/v2/$2/blobs/$3")
  [ "$code" = 200 ] || { say "pull from $1: $code"; exit 1; }
  echo "$t"
}

for run in $(seq 1 "$RUNS"); do
  for mode in mono chunked; do
    # a fresh digest per upload: overwrite the first 16 bytes, so neither registry can skip work
    head -c 16 /dev/urandom | dd of="$blob" conv=notrunc status=none
    dg="sha256:$(sha256sum "$blob" | cut -d' ' -f1)"
    if [ "$mode" = chunked ]; then rm -f "$tmp"/chunk.*; split -b "$chunk" -d -a 3 "$blob" "$tmp/chunk."; fi
    for reg in signet dist; do
      sync; sleep 1
      if [ "$mode" = mono ]; then s=$(push_mono "$reg" bench/blobs "$dg"); else s=$(push_chunked "$reg" bench/blobs "$dg"); fi
      rec "blob_push_${mode}_s.$reg.$run" "$s"
      s=$(pull_blob "$reg" bench/blobs "$dg")
      rec "blob_pull_${mode}_s.$reg.$run" "$s"
      say "  run $run $mode $reg: push $(mibs "$(grep "^blob_push_${mode}_s.$reg.$run " "$raw" | cut -d' ' -f2)") MiB/s, pull $(mibs "$s") MiB/s"
    done
  done
done
rm -f "$tmp"/chunk.* "$blob"
if [ "${ONLY:-all}" = blobs ]; then
  for mode in mono chunked; do
    for reg in signet dist; do
      printf '%s %s push %s MiB/s\n' "$mode" "$reg" "$(mibs "$(grep -E "^blob_push_${mode}_s\.$reg\.[0-9]+ " "$raw" | cut -d' ' -f2 | median)")"
    done
  done | tee "$res/table.txt"
  exit 0
fi

# --- 2. manifests with wrk ---------------------------------------------------------------------------
say "== manifests: wrk -c 32 -t 2 -d ${WRK_SECONDS}s, GET/HEAD/PUT, $RUNS runs"
printf '{}' > "$tmp/empty.json"
head -c 4096 /dev/urandom > "$tmp/layer.bin"
EMPTY_D="sha256:$(sha256sum "$tmp/empty.json" | cut -d' ' -f1)"
LAYER_D="sha256:$(sha256sum "$tmp/layer.bin" | cut -d' ' -f1)"
OCI_M=application/vnd.oci.image.manifest.v1+json
OCI_I=application/vnd.oci.image.index.v1+json
EMPTY_T=application/vnd.oci.empty.v1+json
image_manifest() { # annotation-value -> manifest JSON (an image: empty config + one 4 KiB layer)
  printf '{"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","digest":"%s","size":2},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":4096}],"annotations":{"bench":"%s"}}' \
    "$OCI_M" "$EMPTY_T" "$EMPTY_D" "$LAYER_D" "$1"
}
image_manifest app > "$tmp/app.json"
for reg in signet dist; do
  for repo in bench/app bench/refs; do
    push_small_blob "$reg" "$repo" "$tmp/empty.json"
    push_small_blob "$reg" "$repo" "$tmp/layer.bin"
  done
  c=$(put_manifest "$reg" bench/app v1 "$tmp/app.json"); [ "$c" = 201 ] || { say "manifest PUT $reg: $c"; exit 1; }
done
wrk_ops() {     # label reg [wrk args...] -> requests/s ; raw wrk output kept
  local label=$1 reg=$2 out; shift 2
  out="$res/wrk-$label-$reg-$run.txt"
  wrk -c 32 -t 2 -d "${WRK_SECONDS}s" --latency "$@" > "$out" 2>&1
  local non2xx; non2xx=$(awk '/Non-2xx/ { n = $NF } END { print n + 0 }' "$out")
  [ "$non2xx" = 0 ] || say "  WARNING: $label $reg had $non2xx non-2xx/3xx answers (see $out)"
  awk '/^Requests\/sec:/ { r = $2 } END { print r }' "$out"
}
# wrk 4.1 cannot do HEAD (its parser waits for the Content-Length body that a HEAD answer never sends:
# 0 requests complete), so HEAD uses ApacheBench with the same concurrency, keep-alive and duration.
ab_head_ops() { # reg url -> requests/s
  local out="$res/ab-head-$1-$run.txt"
  ab -i -k -c 32 -t "$WRK_SECONDS" -n 100000000 -H "Accept: $OCI_M" "$2" > "$out" 2>&1
  local non2xx; non2xx=$(awk '/^Non-2xx/ { n = $NF } END { print n + 0 }' "$out")
  [ "$non2xx" = 0 ] || say "  WARNING: head $1 had $non2xx non-2xx answers (see $out)"
  awk '/^Requests per second:/ { print $4 }' "$out"
}
export BENCH_MANIFEST="$tmp/app.json"
for run in $(seq 1 "$RUNS"); do
  for reg in signet dist; do
    u="${URL[$reg]}/v2/bench/app/manifests/v1"
    g=$(wrk_ops "get" "$reg" -H "Accept: $OCI_M" "$u"); rec "manifest_get_ops.$reg.$run" "$g"
    h=$(ab_head_ops "$reg" "$u"); rec "manifest_head_ops.$reg.$run" "$h"
    p=$(wrk_ops "put" "$reg" -s "$here/put.lua" "$u"); rec "manifest_put_ops.$reg.$run" "$p"
    say "  run $run $reg: GET $g/s HEAD $h/s PUT $p/s"
  done
done

# --- 3. referrers ------------------------------------------------------------------------------------
say "== referrers: $N_REF referrers + $N_UNREL_A, then $N_UNREL_B unrelated manifests"
image_manifest subject > "$tmp/subject.json"
SUBJ_D="sha256:$(sha256sum "$tmp/subject.json" | cut -d' ' -f1)"
SUBJ_N=$(stat -c %s "$tmp/subject.json")
mkdir -p "$tmp/m"
: > "$tmp/refs.list"; : > "$tmp/idx.entries"
for i in $(seq 1 "$N_REF"); do
  f="$tmp/m/r$i.json"
  printf '{"schemaVersion":2,"mediaType":"%s","artifactType":"application/vnd.example.sig.v1","config":{"mediaType":"%s","digest":"%s","size":2},"layers":[{"mediaType":"%s","digest":"%s","size":2}],"subject":{"mediaType":"%s","digest":"%s","size":%s},"annotations":{"bench.ref":"%s"}}' \
    "$OCI_M" "$EMPTY_T" "$EMPTY_D" "$EMPTY_T" "$EMPTY_D" "$OCI_M" "$SUBJ_D" "$SUBJ_N" "$i" > "$f"
  echo "r$i $f" >> "$tmp/refs.list"
done
# the fallback (referrers tag schema) index: one descriptor per referrer
{ printf '{"schemaVersion":2,"mediaType":"%s","manifests":[' "$OCI_I"
  sep=""
  for i in $(seq 1 "$N_REF"); do
    f="$tmp/m/r$i.json"
    printf '%s{"mediaType":"%s","digest":"sha256:%s","size":%s,"artifactType":"application/vnd.example.sig.v1"}' \
      "$sep" "$OCI_M" "$(sha256sum "$f" | cut -d' ' -f1)" "$(stat -c %s "$f")"
    sep=","
  done
  printf ']}'; } > "$tmp/fallback.json"
FALLBACK_TAG="sha256-${SUBJ_D#sha256:}"
mk_unrel() {    # from to -> list file of unrelated manifests
  local l="$tmp/unrel-$1-$2.list"; : > "$l"
  for i in $(seq "$1" "$2"); do image_manifest "u$i" > "$tmp/m/u$i.json"; echo "u$i $tmp/m/u$i.json" >> "$l"; done
  echo "$l"
}
la=$(mk_unrel 1 "$N_UNREL_A")
lb=$(mk_unrel $(( N_UNREL_A + 1 )) "$N_UNREL_B")
for reg in signet dist; do
  c=$(put_manifest "$reg" bench/refs subject "$tmp/subject.json"); [ "$c" = 201 ] || { say "subject PUT $reg: $c"; exit 1; }
  t0=$(date +%s.%N)
  put_many "$reg" bench/refs "$la"; put_many "$reg" bench/refs "$tmp/refs.list"
  t1=$(date +%s.%N)
  rec "populate_A_puts_per_s.$reg" "$(awk -v a="$t0" -v b="$t1" -v n=$(( N_UNREL_A + N_REF )) 'BEGIN { printf "%.0f", n / (b - a) }')"
  c=$(put_manifest "$reg" bench/refs "$FALLBACK_TAG" "$tmp/fallback.json" "$OCI_I"); [ "$c" = 201 ] || { say "fallback index PUT $reg: $c"; exit 1; }
done
# sanity: Signet's referrers answer lists all referrers (or pages with Link)
curl -s -D "$res/referrers-headers.txt" -o "$res/referrers-body.json" "${URL[signet]}/v2/bench/refs/referrers/$SUBJ_D"
nref=$(grep -o '"digest"' "$res/referrers-body.json" | wc -l)
rec "referrers_entries_first_page.signet" "$nref"
dist_code=$(curl -s -o /dev/null -w '%{http_code}' "${URL[dist]}/v2/bench/refs/referrers/$SUBJ_D")
rec "referrers_api_http_code.dist" "$dist_code"
say "  signet referrers answer: $nref descriptors on the first page; distribution referrers API: HTTP $dist_code"

lat() {         # label url [curl args] : RUNS x REF_REQS sequential requests on one connection
  local label=$1 u=$2; shift 2
  for run in $(seq 1 "$RUNS"); do
    local args=() f="$res/lat-$label-$run.txt"
    for _ in $(seq 1 "$REF_REQS"); do args+=(-o /dev/null "$u"); done
    curl -s "$@" -w '%{http_code} %{time_total}\n' "${args[@]}" > "$f"
    local bad; bad=$(grep -vc '^200 ' "$f" || true)
    [ "$bad" = 0 ] || { say "latency $label: $bad non-200"; exit 1; }
    rec "${label}_p50_ms.$run" "$(cut -d' ' -f2 "$f" | pct 50 | awk '{ printf "%.2f", $1 * 1000 }')"
    rec "${label}_p95_ms.$run" "$(cut -d' ' -f2 "$f" | pct 95 | awk '{ printf "%.2f", $1 * 1000 }')"
  done
}
measure_refs() { # stage
  for reg in signet dist; do curl -s -o /dev/null "${URL[$reg]}/v2/bench/refs/manifests/$FALLBACK_TAG" -H "Accept: $OCI_I"; done
  curl -s -o /dev/null "${URL[signet]}/v2/bench/refs/referrers/$SUBJ_D"
  lat "referrers_api_$1.signet" "${URL[signet]}/v2/bench/refs/referrers/$SUBJ_D"
  lat "referrers_fallback_$1.signet" "${URL[signet]}/v2/bench/refs/manifests/$FALLBACK_TAG" -H "Accept: $OCI_I"
  lat "referrers_fallback_$1.dist" "${URL[dist]}/v2/bench/refs/manifests/$FALLBACK_TAG" -H "Accept: $OCI_I"
}
measure_refs "u$N_UNREL_A"
for reg in signet dist; do
  t0=$(date +%s.%N); put_many "$reg" bench/refs "$lb"; t1=$(date +%s.%N)
  rec "populate_B_puts_per_s.$reg" "$(awk -v a="$t0" -v b="$t1" -v n=$(( N_UNREL_B - N_UNREL_A )) 'BEGIN { printf "%.0f", n / (b - a) }')"
done
measure_refs "u$N_UNREL_B"

# --- table -------------------------------------------------------------------------------------------
val() { # key-prefix reg -> median over runs (keys "prefix.reg.N" or "prefix.N" when reg is "")
  local k=$1; [ -n "$2" ] && k="$1.$2"
  grep -E "^${k//./\\.}\\.[0-9]+ " "$raw" | cut -d' ' -f2 | median
}
table="$res/table.txt"
{
  printf '%-44s %12s %12s %10s\n' "metric (median of $RUNS runs)" signet distribution ratio
  row() { # label signet dist  (ratio = signet / dist)
    local r; r=$(awk -v a="$2" -v b="$3" 'BEGIN { if (b == "" || b == "n/a" || b + 0 == 0) print "-"; else printf "%.2fx", a / b }')
    printf '%-44s %12s %12s %10s\n' "$1" "$2" "$3" "$r"
  }
  for mode in mono chunked; do
    row "blob push $mode, MiB/s" "$(mibs "$(val blob_push_${mode}_s signet)")" "$(mibs "$(val blob_push_${mode}_s dist)")"
    row "blob pull (after $mode push), MiB/s" "$(mibs "$(val blob_pull_${mode}_s signet)")" "$(mibs "$(val blob_pull_${mode}_s dist)")"
  done
  for op in get head put; do
    row "manifest $op ops/s (c=32)" "$(val manifest_${op}_ops signet | awk '{ printf "%.0f", $1 }')" "$(val manifest_${op}_ops dist | awk '{ printf "%.0f", $1 }')"
  done
  for st in "u$N_UNREL_A" "u$N_UNREL_B"; do
    for p in p50 p95; do
      printf '%-44s %12s %12s %10s\n' "referrers API $p ms ($N_REF refs, ${st#u} unrel)" \
        "$(val "referrers_api_${st}.signet_${p}_ms" "")" "no API" "-"
      row "fallback tag GET $p ms ($N_REF refs, ${st#u} unrel)" "$(val "referrers_fallback_${st}.signet_${p}_ms" "")" "$(val "referrers_fallback_${st}.dist_${p}_ms" "")"
    done
  done
  for reg in signet dist; do
    printf '%-44s %12s\n' "populate manifest PUT/s, $reg (par=$PAR)" \
      "$(grep "^populate_A_puts_per_s.$reg " "$raw" | cut -d' ' -f2) / $(grep "^populate_B_puts_per_s.$reg " "$raw" | cut -d' ' -f2)"
  done
  echo "ratio = signet / distribution: higher is better for MiB/s and ops/s, lower is better for ms."
  echo "2-core noisy machine (other builds may run concurrently); each row is the median of $RUNS runs."
} > "$table"
cat "$table"
echo "load-at-end $(cut -d" " -f1-3 /proc/loadavg)" >> "$res/env.txt"
say "raw: $raw"
