#!/bin/bash
# Unpacks llama.cpp's own server (Debian sid's llama.cpp-tools, with the glibc and libstdc++ it
# needs) into a private folder, without installing anything: the peer figures in README's
# Benchmarks come from it. Needs only the Debian archive.
set -euo pipefail
ROOT=${1:-/tmp/llama-server-root}
MIRROR=http://deb.debian.org/debian
work=$(mktemp -d)
curl -sf "$MIRROR/dists/sid/main/binary-amd64/Packages.xz" | xz -dc > "$work/Packages"
for p in llama.cpp-tools libllama0 libggml0 libc6 libstdc++6 libgcc-s1 libssl3t64 libgomp1; do
  f=$(awk -v p="$p" '$1=="Package:"{cur=$2} cur==p && $1=="Filename:"{print $2; exit}' "$work/Packages")
  echo "$p: $f"
  curl -sf -o "$work/$p.deb" "$MIRROR/$f"
  dpkg-deb -x "$work/$p.deb" "$ROOT"
done
rm -rf "$work"
echo "unpacked into $ROOT"
