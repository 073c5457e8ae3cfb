#!/usr/bin/env bash
# Real tool output laid out the way engineers keep it (issue 11), committed under
# e2e/fixtures-data/layouts/ for the tests and `npm run bench`. Nothing is added to what the
# tools write: no fio --description, no labels; job names as a person types them.
#
#   bash scripts/gen-layout-fixtures.sh [host-runs|devices|lab-sheet|all] [OUT]
#
#   host-runs  12 fio JSON files {libaio,io_uring,psync}-{sparse,fallocated}-{randread,randwrite}.json,
#              each on a FRESH 256 MiB data file (sparse: truncate -s; fallocated: fallocate -l),
#              direct=1, 4k, iodepth 16 (psync 1), 2 s.                                      ~1 min
#   devices    fio-plot's bench-fio layout for two real devices of this machine:
#              devices/<dev>/{randread,randwrite}-<iodepth>-<numjobs>.json, iodepth, numjobs ∈
#              1..64 (98 files per device), libaio, 4k, direct=1, --group_reporting, 1 s.
#              dev A: a file on the filesystem of /work (vda-ext4);
#              dev B: a file on an ext4 filesystem on a loop device made here (loopN-ext4).   ~4 min
#              (needs root for losetup/mount)
#   lab-sheet  `qemu-img bench` over threads/native/io_uring × preallocation × pre-filled ×
#              read/write × 2 tries; raw outputs in lab-sheet/raw/, one English UTF-8 CSV and the
#              same rows as a Chinese Excel export (GB18030, CRLF).                          ~4 min
#
# OUT defaults to e2e/fixtures-data/layouts. Scratch files go to a temp dir on the filesystem of
# /work (WORK_TMP, default /tmp, which is that filesystem here) and are removed at the end.
# This replaces scripts/gen-fio-bench.sh: this is the one way to generate fio folders.
set -euo pipefail

WHAT=${1:-all}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${2:-$ROOT/e2e/fixtures-data/layouts}
WORK_TMP=${WORK_TMP:-/tmp}
mkdir -p "$OUT"
SCRATCH=$(mktemp -d "$WORK_TMP/aio-layouts.XXXXXX")
LOOPDEV=''
MNT=''
cleanup() {
  if [ -n "$MNT" ] && mountpoint -q "$MNT"; then umount "$MNT"; fi
  if [ -n "$LOOPDEV" ]; then losetup -d "$LOOPDEV" || true; fi
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

# ------------------------------------------------------------------------------------ host-runs
host_runs() {
  local dir="$OUT/host-runs" engine alloc rw depth data
  mkdir -p "$dir"
  for engine in libaio io_uring psync; do
    depth=16
    [ "$engine" = psync ] && depth=1
    for alloc in sparse fallocated; do
      for rw in randread randwrite; do
        data="$SCRATCH/$engine-$alloc-$rw.dat"
        rm -f "$data"
        if [ "$alloc" = sparse ]; then truncate -s 256M "$data"; else fallocate -l 256M "$data"; fi
        fio --name=test --filename="$data" --size=256M --direct=1 --rw="$rw" --bs=4k \
          --ioengine="$engine" --iodepth="$depth" --runtime=2 --time_based \
          --output-format=json --output="$dir/$engine-$alloc-$rw.json"
        rm -f "$data"
      done
    done
  done
  echo "host-runs: $(ls "$dir"/*.json | wc -l) files in $dir"
}

# ------------------------------------------------------------------------------------ devices
# One device's 98 runs, bench-fio's file names. $1 folder name, $2 fio data file.
device_sweep() {
  local dir="$OUT/devices/$1" data=$2 rw depth jobs
  mkdir -p "$dir"
  for rw in randread randwrite; do
    for depth in 1 2 4 8 16 32 64; do
      for jobs in 1 2 4 8 16 32 64; do
        fio --name=test --filename="$data" --size=64M --direct=1 --rw="$rw" --bs=4k \
          --ioengine=libaio --iodepth="$depth" --numjobs="$jobs" --group_reporting \
          --runtime=1 --time_based --output-format=json --output="$dir/$rw-$depth-$jobs.json"
      done
    done
  done
  echo "devices: $(ls "$dir"/*.json | wc -l) files in $dir"
}

devices() {
  rm -rf "$OUT/devices"
  # Device A: a file on /work's own disk and filesystem (here /dev/vda, ext4).
  local src fs dev_a data_a data_b
  src=$(df --output=source "$WORK_TMP" | tail -1)
  fs=$(df --output=fstype "$WORK_TMP" | tail -1)
  dev_a="$(basename "$src")-$fs"
  data_a="$SCRATCH/devA.dat"
  # Written once so that reads measure the medium, not holes.
  dd if=/dev/urandom of="$data_a" bs=1M count=64 oflag=direct status=none
  device_sweep "$dev_a" "$data_a"
  rm -f "$data_a"

  # Device B: ext4 on a loop device backed by an image file (the loop driver's buffered I/O
  # puts the host page cache under O_DIRECT: a different device, same machine).
  truncate -s 256M "$SCRATCH/loop.img"
  mkfs.ext4 -q -F "$SCRATCH/loop.img"
  LOOPDEV=$(losetup --find --show "$SCRATCH/loop.img")
  MNT="$SCRATCH/mnt"
  mkdir -p "$MNT"
  mount "$LOOPDEV" "$MNT"
  data_b="$MNT/devB.dat"
  dd if=/dev/urandom of="$data_b" bs=1M count=64 oflag=direct status=none
  device_sweep "$(basename "$LOOPDEV")-ext4" "$data_b"
  umount "$MNT"
  losetup -d "$LOOPDEV"
  LOOPDEV=''
  MNT=''
}

# ------------------------------------------------------------------------------------ lab-sheet
# The lab's own sheet: qemu-img bench (sequential 4 KiB requests, 32 in flight, O_DIRECT) on
# 128 MiB qcow2 images. COUNT requests = the whole image once.
IMG_SIZE=128M
COUNT=32768
lab_sheet() {
  local dir="$OUT/lab-sheet" try alloc warm op mode img raw secs iops note flag rc
  rm -rf "$dir"
  mkdir -p "$dir/raw"
  local csv="$dir/qemu-img-bench.csv"
  printf 'Mode,Alloc,Op,Warm,Try #,Reqs,Depth,Block,Time (s),Ops/s,Note\n' >"$csv"
  # One pre-filled image per preallocation, written whole once and reused by every warm run.
  for alloc in off metadata falloc full; do
    img="$SCRATCH/warm-$alloc.qcow2"
    qemu-img create -q -f qcow2 -o preallocation="$alloc" "$img" "$IMG_SIZE"
    qemu-img bench -f qcow2 -t none -i threads -w -c 128 -d 4 -s 1M "$img" \
      >"$dir/raw/prefill-$alloc.txt" 2>&1
  done
  for try in 1 2; do
    for alloc in off metadata falloc full; do
      for warm in no yes; do
        for op in read write; do
          for mode in threads native io_uring; do
            if [ "$warm" = yes ]; then
              img="$SCRATCH/warm-$alloc.qcow2"
            else
              # A fresh image for every run that is not pre-filled.
              img="$SCRATCH/fresh.qcow2"
              rm -f "$img"
              qemu-img create -q -f qcow2 -o preallocation="$alloc" "$img" "$IMG_SIZE"
            fi
            flag=()
            [ "$op" = write ] && flag=(-w)
            raw="$dir/raw/$mode-$alloc-$([ "$warm" = yes ] && echo prefilled || echo fresh)-$op-$try.txt"
            rc=0
            qemu-img bench -f qcow2 -t none -i "$mode" "${flag[@]}" -c "$COUNT" -d 32 -s 4k "$img" \
              >"$raw" 2>&1 || rc=$?
            secs=$(sed -n 's/^Run completed in \([0-9.]*\) seconds\.$/\1/p' "$raw")
            if [ "$rc" = 0 ] && [ -n "$secs" ]; then
              iops=$(awk -v c="$COUNT" -v s="$secs" 'BEGIN { if (s > 0) printf "%.0f", c / s }')
              note=''
            else
              secs=''
              iops=''
              # The tool's own message, as the lab would paste it (quotes doubled for CSV).
              note="\"exit $rc: $(tr '\n' ' ' <"$raw" | sed 's/ *$//; s/"/""/g')\""
            fi
            printf '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$mode" "$alloc" "$op" "$warm" "$try" \
              "$COUNT" 32 4k "$secs" "$iops" "$note" >>"$csv"
            [ "$warm" = no ] && rm -f "$img"
          done
        done
      done
    done
  done
  # The same rows as a Chinese lab's Excel "CSV" export: Chinese headers and words, GB18030, CRLF.
  awk -F, 'BEGIN { OFS = "," }
    NR == 1 { print "模式,预分配,读写,预写,次数,请求数,队列深度,块大小,耗时(秒),IOPS,备注"; next }
    {
      $2 = ($2 == "off") ? "默认" : $2
      $3 = ($3 == "read") ? "4K顺序读" : "4K顺序写"
      $4 = ($4 == "yes") ? "是" : "否"
      $8 = "4K"
      print
    }' "$csv" | sed 's/$/\r/' | iconv -f UTF-8 -t GB18030 >"$dir/qemu-img-bench-zh-gb18030.csv"
  echo "lab-sheet: $(($(wc -l <"$csv") - 1)) rows in $csv"
}

case "$WHAT" in
  host-runs) host_runs ;;
  devices) devices ;;
  lab-sheet) lab_sheet ;;
  all)
    host_runs
    devices
    lab_sheet
    ;;
  *)
    echo "usage: $0 [host-runs|devices|lab-sheet|all] [OUT]" >&2
    exit 2
    ;;
esac
