#!/usr/bin/env bash
# Keyless CA benchmark:  bench/ca.sh [RUNS]   (default 3)
#
# Certificate issuances per second of the Fulcio-compatible CA (module sigstore-ca), in process, with
# its CT log on disk (every SCT is returned after an fsync of the log's entry file). Each run starts a
# fresh data directory (a new P-384 CA and P-256 CT log key) and runs bench/CaBench.java:
#   issue_per_s                 CertificateAuthority.issue: precert + CT append (fsync) + final cert, 1 thread
#   signing_cert_per_s          FulcioService.signingCertificate: RS256 token check (cached JWKS), PoP, issue, 1 thread
#   signing_cert_threads_per_s  the same on CA_THREADS threads (default 2)
# Prints one line per run, then medians, and writes bench/results/ca-<stamp>.txt.
#
# Knobs: CA_SECONDS (3; warm-up and timed seconds per figure), CA_THREADS (2), CA_DATA (parent of the
# per-run data directories; default a temporary directory under /tmp). Needs Maven and Java 25.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 ]] || { echo "usage: bench/ca.sh [RUNS>=1]" >&2; exit 2; }
S=${CA_SECONDS:-3}
T=${CA_THREADS:-2}
. "$here/bin/java-env.sh"; signet_find_java
mkdir -p "$here/bench/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$here/bench/results/ca-$stamp.txt"
echo "ca: compiling sigstore-ca and what it needs (mvn -o -q -pl sigstore-ca -am compile)" >&2
(cd "$here" && mvn -B -ntp -o -q -pl sigstore-ca -am compile dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$here/sigstore-ca/target/bench-classpath.txt") >&2
cp_="$here/sigstore-ca/target/classes:$(cat "$here/sigstore-ca/target/bench-classpath.txt")"
bdir=$(mktemp -d /tmp/signet-cabench.XXXXXX)
data=$(mktemp -d "${CA_DATA:-/tmp}/signet-cabench-data.XXXXXX")
trap 'rm -rf "$bdir" "$data"' EXIT
javac -nowarn -encoding UTF-8 -cp "$cp_" -d "$bdir" "$here/bench/CaBench.java"

declare -A V=()
: > "$out"
rec() { printf '%s %s\n' "$1" "$2" >> "$out"; }
rec run.utc "$stamp"; rec run.rounds "$RUNS"; rec run.seconds "$S"; rec run.threads "$T"
rec machine.loadavg_start "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
rec tool.java "\"$(java -version 2>&1 | head -1)\""
keys=(issue_per_s signing_cert_per_s signing_cert_threads_per_s)
for ((r = 1; r <= RUNS; r++)); do
  line="ca run $r:"
  while read -r k val; do
    V[$k]+="$val "
    line+=" $k=$val"
  done < <(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bdir:$cp_" CaBench "$data/run$r" "$S" "$T")
  echo "$line"
  rec "run$r" "\"$line\""
done
rec machine.loadavg_end "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
med() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {printf "%s %s %s\n", a[int((NR+1)/2)], a[1], a[NR]}'; }
printf '%-30s %10s %s\n' measure median "min-max" >&2
for k in "${keys[@]}"; do
  read -r m lo hi < <(med "${V[$k]}")
  rec "$k.median" "$m"; rec "$k.min" "$lo"; rec "$k.max" "$hi"
  printf '%-30s %10s %s-%s\n' "$k" "$m" "$lo" "$hi" >&2
done
echo "results: $out" >&2
