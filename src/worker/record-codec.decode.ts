/**
 * Decoding columns back into records (see record-codec.ts for the encoding): decodeRecords
 * materializes a range of rows, sharing frozen flag lists and extra objects between records.
 */
import type { QualityFlag, ResultRecord } from '../core/model/record.types';
import { NO_EXTRA, NO_FLAGS } from '../core/ingest/record.build';
import { checkTail } from '../core/tails/tail-shape';
import type { ColumnarRecords, StringColumn } from './record-codec.types';

const str = (col: StringColumn, i: number): string | null => {
  const k = col.idx[i]!;
  return k === 0 ? null : col.dict[k - 1]!;
};
const num = (a: Float64Array, i: number): number | null => {
  const v = a[i]!;
  return Number.isNaN(v) ? null : v;
};
const bool = (a: Int8Array, i: number): boolean | null => {
  const v = a[i]!;
  return v === 1 ? true : v === 0 ? false : null;
};

/**
 * Materializes records [start, end) (clamped to the column length). Call it in chunks on the
 * main thread, yielding between chunks. Enum values are trusted here: use `validateColumnar`
 * first on anything that did not come straight from `encodeRecords`.
 */
export function decodeRecords(c: ColumnarRecords, start = 0, end = c.length): ResultRecord[] {
  const from = Math.max(0, start);
  const to = Math.min(end, c.length);
  const s = c.strings;
  const nb = c.numbers;
  // Records are immutable once loaded: like ingest, records share one frozen flag list per
  // distinct list, and a frozen extra object with the previous record when theirs are equal
  // (runs are common: a file's records share its extra columns). A million records then hold
  // no million small arrays and objects (≈ 88 MB), and readers of extras can skip repeats.
  const flagLists = c.flags.dict.map(
    (d) => Object.freeze(d.split(';')) as unknown as QualityFlag[],
  );
  const out: ResultRecord[] = [];
  let prevExtra: Record<string, string> = NO_EXTRA;
  let prevShape = 0;
  let prevRow = -1;
  for (let i = from; i < to; i++) {
    const flagIdx = c.flags.idx[i]!;
    const shapeIdx = c.extraShape[i]!;
    let extra = NO_EXTRA;
    if (shapeIdx !== 0) {
      const shape = c.extraShapes[shapeIdx]!;
      let same = shapeIdx === prevShape && prevRow >= 0;
      for (let j = 0; same && j < shape.length; j++) {
        const idx = c.extraValues[shape[j]!]!.idx;
        same = idx[i] === idx[prevRow];
      }
      if (same) extra = prevExtra;
      else {
        const built: Record<string, string> = {};
        for (const k of shape) built[c.extraKeys[k]!] = str(c.extraValues[k]!, i) ?? '';
        extra = Object.freeze(built);
      }
      prevExtra = extra;
      prevShape = shapeIdx;
      prevRow = i;
    }
    // Enum casts: the codec only ever holds what encodeRecords or validateColumnar admitted.
    const record: ResultRecord = {
      set: str(s.set, i) ?? '',
      run: str(s.run, i),
      storage: str(s.storage, i),
      source: str(s.source, i) as ResultRecord['source'],
      fs: str(s.fs, i),
      medium: str(s.medium, i),
      format: str(s.format, i) as ResultRecord['format'],
      prealloc: str(s.prealloc, i) as ResultRecord['prealloc'],
      cache: str(s.cache, i) as ResultRecord['cache'],
      aio: str(s.aio, i) as ResultRecord['aio'],
      bus: str(s.bus, i),
      iothread: bool(c.bools.iothread, i),
      prewritten: bool(c.bools.prewritten, i),
      vms: num(nb.vms, i),
      layer: str(s.layer, i) as ResultRecord['layer'],
      rw: str(s.rw, i) as ResultRecord['rw'],
      bs: num(nb.bs, i) as ResultRecord['bs'],
      iodepth: num(nb.iodepth, i),
      numjobs: num(nb.numjobs, i),
      ioengine: str(s.ioengine, i),
      runtime_s: num(nb.runtime_s, i) as ResultRecord['runtime_s'],
      iops: num(nb.iops, i) as ResultRecord['iops'],
      iops_total: num(nb.iops_total, i) as ResultRecord['iops_total'],
      lat_mean_us: num(nb.lat_mean_us, i) as ResultRecord['lat_mean_us'],
      lat_p99_us: num(nb.lat_p99_us, i) as ResultRecord['lat_p99_us'],
      bw_kib_s: num(nb.bw_kib_s, i) as ResultRecord['bw_kib_s'],
      host_kernel: str(s.host_kernel, i),
      qemu: str(s.qemu, i),
      libvirt: str(s.libvirt, i),
      flags: flagIdx === 0 ? NO_FLAGS : flagLists[flagIdx - 1]!,
      origin:
        c.originLine[i] === 0
          ? (str(c.originPrefix, i) ?? '')
          : `${str(c.originPrefix, i) ?? ''}:${c.originLine[i]}`,
      lat_p999_us: num(nb.lat_p999_us, i) as ResultRecord['lat_p999_us'],
      lat_max_us: num(nb.lat_max_us, i) as ResultRecord['lat_max_us'],
      cpu_us_per_io: num(nb.cpu_us_per_io, i) as ResultRecord['cpu_us_per_io'],
      restates: str(s.restates, i),
      extra,
    };
    const more = c.rest?.[i];
    if (more) {
      Object.assign(record, more);
      // A tail that broke its contract on the way is dropped (it is optional); ranks re-shared.
      if (more['tail'] !== undefined) {
        const tail = checkTail(more['tail']);
        if (tail) record.tail = tail;
        else delete record.tail;
      }
    }
    out.push(record);
  }
  return out;
}
