#!/usr/bin/env bash
# usage: bench/startup.sh [RUNS]   (default 20; 3 warm-up runs each)
#
# One-shot start-up through the ./signet launcher, side by side in one run: `java -version`,
# `signet version` and a one-shot `signet verify` of one image on a local `signet registry serve`
# (a subprocess on loopback; the image is pushed with skopeo from bench/mk-layouts.sh and signed with a
# fresh key). Prints median, min and max wall time and the mean CPU time (user + sys) of each, with
# hyperfine (-N), and the ratios of the medians and minima to `java -version`. The launcher builds and
# trains its AOT cache first if needed (not timed). Needs skopeo and hyperfine.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/bin/java-env.sh"; signet_find_java || exit 1
RUNS=${1:-20}
for t in skopeo hyperfine; do command -v "$t" >/dev/null || { echo "bench/startup: $t is missing" >&2; exit 1; }; done
tmp=$(mktemp -d /tmp/signet-startup.XXXXXX)
reg=
cleanup() { if [ -n "$reg" ]; then kill "$reg" 2>/dev/null; wait "$reg" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT

"$here/signet" version >/dev/null   # build + AOT training when needed
: >"$tmp/reg.log"
java -jar "$here/cli/target/signet.jar" registry serve --listen 127.0.0.1:0 --data "$tmp/data" >"$tmp/reg.log" 2>&1 &
reg=$!
host=
for _ in $(seq 1 300); do
  host=$(sed -n 's|^Signet registry listening on http://\([^ /]*\).*|\1|p' "$tmp/reg.log")
  [ -n "$host" ] && break
  kill -0 "$reg" 2>/dev/null || break
  sleep 0.1
done
[ -n "$host" ] || { echo "bench/startup: the registry did not start" >&2; cat "$tmp/reg.log" >&2; exit 1; }
read -r _ digest < <("$here/bench/mk-layouts.sh" "$tmp/layout" one)
skopeo copy -q --dest-tls-verify=false "oci:$tmp/layout:one" "docker://$host/startup/one:v1" >/dev/null
image="$host/startup/one@$digest"
export COSIGN_PASSWORD=""
(cd "$tmp" && "$here/signet" generate-key-pair -y >/dev/null 2>&1)
"$here/signet" sign --key "$tmp/cosign.key" -y --tlog-upload=false "$image" >/dev/null 2>&1
"$here/signet" verify --key "$tmp/cosign.pub" --insecure-ignore-tlog=true "$image" >/dev/null 2>&1 \
  || { echo "bench/startup: the verify to be timed fails" >&2; exit 1; }

echo "bench/startup: $(uptime | sed 's/.*load/load/'), JDK $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release"), $RUNS runs"
hyperfine -N --style basic --warmup 3 --runs "$RUNS" --export-json "$tmp/h.json" \
  -n java-version 'java -version' \
  -n signet-version "$here/signet version" \
  -n signet-verify "$here/signet verify --key $tmp/cosign.pub --insecure-ignore-tlog=true $image" >/dev/null
python3 - "$tmp/h.json" <<'EOF'
import json, sys
rs = json.load(open(sys.argv[1]))["results"]
base = rs[0]
print(f"{'command':16} {'median':>8} {'min':>8} {'max':>8} {'cpu':>8} {'x med':>6} {'x min':>6}")
for r in rs:
    cpu = r["user"] + r["system"]
    print(f"{r['command']:16} {r['median']:8.3f} {r['min']:8.3f} {r['max']:8.3f} {cpu:8.3f}"
          f" {r['median'] / base['median']:6.2f} {r['min'] / base['min']:6.2f}")
EOF
