#!/bin/bash
# Runs a {id, prompt, max_tokens} workload through llama.cpp's server unpacked by fetch.sh.
# usage: run.sh <workload.jsonl> <slots> <ctx> <clients> [server args…]
#   workload-64, 16 split slots of 1,024: run.sh workload-64.jsonl 16 16384 16 --no-kv-unified
#   one slot:                              run.sh workload-64.jsonl 1 1024 1
# The CPU variant defaults to skylakex: AVX-512 without VNNI, the same ISA level as the
# LLamaSharp 0.30.0 avx512 build Batch loads, so the kernels compare like for like.
set -uo pipefail
ROOT=${LLAMA_SERVER_ROOT:-/tmp/llama-server-root}
MODEL=${MODEL:-$HOME/.cache/batch/bench-q8_0-s42-g2.gguf}
LIBS=$ROOT/usr/lib/x86_64-linux-gnu:$ROOT/lib/x86_64-linux-gnu:$ROOT/usr/lib/x86_64-linux-gnu/llama
export GGML_BACKEND_PATH=${GGML_BACKEND_PATH:-$ROOT/usr/lib/x86_64-linux-gnu/ggml/backends0/libggml-cpu-skylakex.so}
workload=$1 slots=$2 ctx=$3 clients=$4; shift 4
log=$(mktemp)
"$ROOT/usr/lib64/ld-linux-x86-64.so.2" --library-path "$LIBS" "$ROOT/usr/bin/llama-server" -m "$MODEL" \
  -t 2 -tb 2 -np "$slots" -c "$ctx" --port 8199 --no-webui "$@" > "$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -s localhost:8199/health | grep -q ok && break; sleep 1; done
python3 "$(dirname "$0")/client.py" http://localhost:8199 "$workload" "$clients"
kill $pid; wait $pid 2>/dev/null
echo "server log: $log"
