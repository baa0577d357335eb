#!/usr/bin/env bash
# Transparency-log append benchmark:  bench/log.sh [RUNS]   (default 3)
#
# The sigstore-log engine (TileLog) on its filesystem storage (fsync'd temp file + hard link, directory
# fsync, state by fsync + rename) and, for comparison, in memory: appends of distinct 700-byte entries with
# OUTSTANDING appends in flight, an append counted when acknowledged (durable and covered by a signed,
# published checkpoint). Configurations (integration interval ms / max batch): 10/256, 50/1024, 100/4096
# on disk; 50/4096 in memory. Entry signature verification (the HTTP path) is not part of this figure;
# bench/crypto.sh gives its per-core cost. Prints medians with min-max and writes
# bench/results/log-<stamp>.txt (and log-latest.txt). Issue goal: >= 10,000 entries/s.
#
# Then the HTTP path end to end (bench/LogHttpBench.java): Rekor v2 creates over Jetty with the entry's
# ECDSA signature verified, from LOG_HTTP_CLIENTS client threads on the same machine (2 cores shared by
# client and server: a conservative figure), 50 ms / 1024.
#
# Knobs: LOG_ENTRIES (200000), LOG_OUTSTANDING (8192), LOG_HTTP_ENTRIES (10000, 0 skips the HTTP run),
# LOG_HTTP_CLIENTS (64), LOG_DIR (a temporary directory on the disk holding
# /tmp; put it on the disk you want to measure). Needs Maven and Java 25.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 ]] || { echo "usage: bench/log.sh [RUNS>=1]" >&2; exit 2; }
N=${LOG_ENTRIES:-200000}
HN=${LOG_HTTP_ENTRIES:-10000}
HC=${LOG_HTTP_CLIENTS:-64}
OUT=${LOG_OUTSTANDING:-8192}
. "$here/bin/java-env.sh"; signet_find_java
mkdir -p "$here/bench/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$here/bench/results/log-$stamp.txt"
echo "log: compiling sigstore-log and what it needs (mvn -o -q -pl sigstore-log -am compile)" >&2
(cd "$here" && mvn -B -ntp -o -q -pl sigstore-log -am compile dependency:build-classpath -Dmdep.includeScope=compile \
  -Dmdep.outputFile="$here/sigstore-log/target/bench-classpath.txt") >&2
cp_="$here/sigstore-log/target/classes:$(cat "$here/sigstore-log/target/bench-classpath.txt")"
bdir=$(mktemp -d /tmp/signet-logbench.XXXXXX)
data=${LOG_DIR:-$bdir/data}
trap 'rm -rf "$bdir"' EXIT
javac -nowarn -encoding UTF-8 -cp "$cp_" -d "$bdir/classes" "$here/bench/LogBench.java" "$here/bench/LogHttpBench.java"

declare -A V=()
: > "$out"
rec() { printf '%s %s\n' "$1" "$2" >> "$out"; }
rec run.utc "$stamp"; rec run.rounds "$RUNS"; rec run.entries "$N"; rec run.outstanding "$OUT"
rec run.http_entries "$HN"; rec run.http_clients "$HC"
rec machine.loadavg_start "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
rec machine.disk "\"$(df -h "$(dirname "$data")" | awk 'NR==2 {print $1" "$2}')\""
configs="file:10:256 file:50:1024 file:100:4096 memory:50:4096"
for ((r = 1; r <= RUNS; r++)); do
  for c in $configs; do
    IFS=: read -r kind ms batch <<<"$c"
    rm -rf "$data"
    tag="${kind}_${ms}ms_b${batch}"
    while read -r k val; do V[$tag.$k]+="$val "; done < <(java -Xmx2g -cp "$cp_:$bdir/classes" \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn LogBench "$kind" "$data" "$N" "$OUT" "$ms" "$batch")
  done
  if [ "$HN" -gt 0 ]; then
    rm -rf "$data"
    while read -r k val; do V[http_v2.$k]+="$val "; done < <(java -Xmx2g -cp "$cp_:$bdir/classes" \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn LogHttpBench "$data" "$HN" "$HC" 50 1024)
  fi
done
rm -rf "$data"
rec machine.loadavg_end "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
med() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {printf "%s %s %s\n", a[int((NR+1)/2)], a[1], a[NR]}'; }
printf '%-44s %12s %s\n' measure median "min-max" >&2
for c in $configs; do
  IFS=: read -r kind ms batch <<<"$c"
  tag="${kind}_${ms}ms_b${batch}"
  for k in appends_per_s ack_p50_ms ack_p99_ms entries_per_batch fsck_problems; do
    read -r m lo hi < <(med "${V[$tag.$k]}")
    rec "$tag.$k.median" "$m"; rec "$tag.$k.min" "$lo"; rec "$tag.$k.max" "$hi"
    printf '%-44s %12s %s-%s\n' "$tag.$k" "$m" "$lo" "$hi" >&2
  done
done
if [ "$HN" -gt 0 ]; then
  for k in creates_per_s failed; do
    read -r m lo hi < <(med "${V[http_v2.$k]}")
    rec "http_v2.$k.median" "$m"; rec "http_v2.$k.min" "$lo"; rec "http_v2.$k.max" "$hi"
    printf '%-44s %12s %s-%s\n' "http_v2.$k" "$m" "$lo" "$hi" >&2
  done
fi
cp "$out" "$here/bench/results/log-latest.txt"
echo "results: $out" >&2
