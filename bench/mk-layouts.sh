#!/usr/bin/env bash
# usage: bench/mk-layouts.sh OUT_DIR NAME...
# Writes one deterministic OCI image layout at OUT_DIR holding one small image per NAME, tagged NAME
# (index.json ref.name annotation), each with its own one-file layer so every image has a distinct
# digest. Only coreutils, GNU tar and gzip (real-peers.md §3b, many images per layout).
set -euo pipefail
out=$1; shift
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
mkdir -p "$out/blobs/sha256" "$w/files"
add_blob() { local d; d=$(sha256sum "$1" | cut -d' ' -f1); cp "$1" "$out/blobs/sha256/$d"; echo "$d $(stat -c%s "$1")"; }
entries=()
for name in "$@"; do
  echo "signet bench image $name" > "$w/files/hello.txt"
  tar --sort=name --mtime='2020-01-01 00:00:00Z' --owner=0 --group=0 --numeric-owner \
      -C "$w/files" -cf "$w/layer.tar" hello.txt
  diffid=$(sha256sum "$w/layer.tar" | cut -d' ' -f1)
  gzip -n -9 -c "$w/layer.tar" > "$w/layer.tar.gz"
  read -r ldig lsize < <(add_blob "$w/layer.tar.gz")
  printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["/hello.txt"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$diffid" > "$w/config.json"
  read -r cdig csize < <(add_blob "$w/config.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%d}]}' \
    "$cdig" "$csize" "$ldig" "$lsize" > "$w/manifest.json"
  read -r mdig msize < <(add_blob "$w/manifest.json")
  entries+=("$(printf '{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%d,"annotations":{"org.opencontainers.image.ref.name":"%s"}}' \
    "$mdig" "$msize" "$name")")
  echo "$name sha256:$mdig"
done
printf '{"imageLayoutVersion":"1.0.0"}' > "$out/oci-layout"
( IFS=,; printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' "${entries[*]}" ) > "$out/index.json"
