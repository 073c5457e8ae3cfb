#!/usr/bin/env bash
# Generates two folders of 98 REAL fio JSON outputs each (fio 3.x, --output-format=json) for the
# `aio-dash compare` speed check of issue 4. One folder uses ioengine=libaio, the other io_uring;
# everything else is identical, so `--axis ioengine --baseline libaio --candidate io_uring` pairs
# all 98 cells. Matrix (98 = 2 × 7 × 7): rw {randread, randwrite} × iodepth {1..64} × bs {4k..1m},
# numjobs=1, 1-second time-based runs on a small file (light on a shared 2-core machine).
# The outputs are NOT committed; regenerate with:
#   bash scripts/gen-fio-bench.sh /tmp/fio-bench        # ~4 minutes
#   time node bin/aio-dash.js compare /tmp/fio-bench/libaio/*.json /tmp/fio-bench/io_uring/*.json \
#        --axis ioengine --baseline libaio --candidate io_uring --format json >/dev/null
set -euo pipefail
OUT=${1:-/tmp/fio-bench}
RUNTIME=${RUNTIME:-1}
DATA="$OUT/fio-bench.dat"
mkdir -p "$OUT/libaio" "$OUT/io_uring"
for engine in libaio io_uring; do
  for rw in randread randwrite; do
    for depth in 1 2 4 8 16 32 64; do
      for bs in 4k 8k 16k 32k 64k 128k 1m; do
        f="$OUT/$engine/$rw-$depth-$bs.json"
        [ -s "$f" ] && continue
        fio --name="bench-$rw-$depth-$bs" --filename="$DATA" --size=64M --rw="$rw" --bs="$bs" \
          --iodepth="$depth" --numjobs=1 --ioengine="$engine" --direct=1 --runtime="$RUNTIME" \
          --time_based --group_reporting --output-format=json --output="$f"
      done
    done
  done
done
rm -f "$DATA"
echo "wrote $(ls "$OUT"/libaio/*.json | wc -l) + $(ls "$OUT"/io_uring/*.json | wc -l) files under $OUT"
