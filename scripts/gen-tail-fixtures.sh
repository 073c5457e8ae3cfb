#!/usr/bin/env bash
# Real fio json+ output and log files for the tail work (issue 15), committed under
# e2e/fixtures-data/tails/: percentile curves, json+ histogram bins and the five log kinds
# (_lat, _clat, _slat, _iops, _bw), with and without log_avg_msec, made with the fio on this
# machine (Debian /usr/bin/fio). It also tries to provoke real allocation stalls: libaio direct=1
# random writes to a FRESH sparse file vs a fallocated file vs the same file fully written first,
# small (16 MiB) and large (512 MiB) files. What it measured goes to OUT/measured.tsv.
#
#   bash scripts/gen-tail-fixtures.sh [OUT]        (~1 min; 2 s per run)
#
# Layout of OUT (default e2e/fixtures-data/tails):
#   stalls/<prep>-<size>/randwrite.json     json+ (--output-format=json+), one job per file
#   stalls/<prep>-<size>/randwrite_{lat,clat,slat,iops,bw}.1.log   log_avg_msec=100, log_max_value=1
#   per-io/<prep>/randwrite.json + randwrite_*.1.log   every I/O logged (no log_avg_msec),
#                                           rate-limited (rate_iops) so the logs stay small
#   fio2-layout/                            fio 2.18 JSON (copied) + a 2.x-layout log constructed
#                                           from the documented format (see the README there)
# Scratch data files go to WORK_TMP (default /var/tmp, ext4 here: O_DIRECT works, unlike tmpfs)
# and are removed at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/e2e/fixtures-data/tails}
WORK_TMP=${WORK_TMP:-/var/tmp}
FIO=${FIO:-/usr/bin/fio}
SCRATCH=$(mktemp -d "$WORK_TMP/aio-tails.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
mkdir -p "$OUT/stalls" "$OUT/per-io" "$OUT/fio2-layout"

# prepare FILE SIZE PREP: sparse (truncate), fallocated (fallocate), written (sequential write).
prepare() {
  rm -f "$1"
  case "$3" in
    sparse) truncate -s "$2" "$1" ;;
    fallocated) fallocate -l "$2" "$1" ;;
    written) "$FIO" --name=fill --filename="$1" --size="$2" --rw=write --bs=1M --direct=1 \
      --ioengine=libaio --iodepth=8 --output=/dev/null ;;
  esac
}

# run DIR FILE SIZE EXTRA... : one libaio direct=1 4k randwrite job, json+ and all five logs.
run() {
  local dir=$1 file=$2 size=$3
  shift 3
  mkdir -p "$dir"
  (cd "$dir" && "$FIO" --name=randwrite --filename="$file" --size="$size" --rw=randwrite \
    --bs=4k --direct=1 --ioengine=libaio --iodepth=16 --time_based --runtime=2 \
    --percentile_list=1:5:10:20:30:40:50:60:70:80:90:95:99:99.5:99.9:99.95:99.99 \
    --write_lat_log=randwrite --write_iops_log=randwrite --write_bw_log=randwrite \
    --per_job_logs=1 "$@" --output-format=json+ --output=randwrite.json)
}

printf 'run\tfio_max_us\tfio_p50_us\tfio_p999_us\tmax_over_median\tlog_max_clat_us\n' \
  >"$OUT/measured.tsv"
measure() {
  local json=$1/randwrite.json name=$2
  local max p50 p999 logmax
  max=$(jq '.jobs[0].write.clat_ns.max / 1000' "$json")
  p50=$(jq '.jobs[0].write.clat_ns.percentile["50.000000"] / 1000' "$json")
  p999=$(jq '.jobs[0].write.clat_ns.percentile["99.900000"] / 1000' "$json")
  logmax=$(awk -F, 'BEGIN{m=0} {v=$2+0; if (v>m) m=v} END{print m/1000}' "$1"/randwrite_clat.1.log)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$max" "$p50" "$p999" \
    "$(awk -v a="$max" -v b="$p50" 'BEGIN{printf "%.1f", a/b}')" "$logmax" >>"$OUT/measured.tsv"
}

for size in 16M 512M; do
  for prep in sparse fallocated written; do
    f="$SCRATCH/data-$prep-$size"
    prepare "$f" "$size" "$prep"
    d="$OUT/stalls/$prep-$size"
    run "$d" "$f" "$size" --log_avg_msec=100 --log_max_value=1
    measure "$d" "$prep-$size"
    rm -f "$f"
  done
done

# Every I/O logged (no log_avg_msec): rate-limited so each log stays ~1-2k lines.
for prep in sparse written; do
  f="$SCRATCH/data-$prep-perio"
  prepare "$f" 64M "$prep"
  d="$OUT/per-io/$prep"
  run "$d" "$f" 64M --rate_iops=500
  measure "$d" "per-io-$prep"
  rm -f "$f"
done

# Paths in the JSON name the scratch dir: keep them short and stable.
sed -i "s#$SCRATCH/#/var/tmp/aio-tails/#g" "$OUT"/*/*/randwrite.json

# fio 2.x layout: the real fio 2.18 JSON (job 'random-io', write_lat_log=randread-4k-01,
# log_avg_msec=500, runtime 60 s) and, as fio 2.18 would name them, its clat and iops logs. These
# two logs are CONSTRUCTED (no fio 2.x here) from the documented 2.x format: µs latency values,
# columns `time (ms), value, ddir, bs` (no offset, no priority), one line per 500 ms window; the
# values follow the JSON's own clat mean and IOPS with a deterministic ±10 % wobble.
J="$OUT/fio2-layout/randread-01.json"
cp "$ROOT/e2e/fixtures-data/01_fio-2.18_legacy-usec-keys_randread-qd1.json" "$J"
mean=$(jq '.jobs[0].read.clat.mean' "$J")
iops=$(jq '.jobs[0].read.iops' "$J")
awk -v m="$mean" 'BEGIN{for(i=1;i<=120;i++) printf "%d, %d, 0, 4096\n", i*500, m*(1+0.1*sin(i))}' \
  >"$OUT/fio2-layout/randread-4k-01_clat.1.log"
awk -v m="$iops" 'BEGIN{for(i=1;i<=120;i++) printf "%d, %d, 0, 4096\n", i*500, m*(1+0.1*cos(i))}' \
  >"$OUT/fio2-layout/randread-4k-01_iops.1.log"
cat "$OUT/measured.tsv"
