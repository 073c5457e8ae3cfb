/**
 * `aio-dash bench --fill SET.csv` (pure): the workloads this host can measure for the cells the
 * coverage view lists as missing (threads→native and threads→io_uring) or that have a single run
 * on a side, and the cells it cannot measure, each with the reason.
 *
 * What this host can run is qcow2 on a file through `qemu-img bench`: source file (or unknown),
 * format qcow2 (or unknown), prealloc off/metadata/falloc/full (or unknown → every mode), rw read
 * or write (qemu-img bench is sequential: random cells need a guest or fio). A runnable cell is
 * measured here with all three aio modes, at the host layer, on this host's filesystem and
 * medium: the new records form their own platform next to the set's cells (said in the notes).
 */
import type { ResultRecord } from '../model/record.types';
import { compare, coverage } from '../compare';
import type { BenchMatrix } from './bench.types';
import { workloadKey } from './plan';

export interface FillCell {
  /** `prealloc=…, prewritten=…, rw=…, bs=…, iodepth=…` of the set's cell, plus platform fields. */
  cell: Record<string, string>;
  why: 'missing' | 'single-run';
}

export interface FillPlan {
  /** Workload keys to measure (see workloadKey), empty when nothing is runnable. */
  workloads: Set<string>;
  /** Values for the matrix: union over the runnable cells. */
  prealloc: BenchMatrix['prealloc'];
  prefill: boolean[];
  rw: BenchMatrix['rw'];
  bs: number[];
  iodepth: number[];
  runnable: FillCell[];
  cannot: (FillCell & { reason: string })[];
  notes: string[];
}

const PREALLOCS = ['off', 'metadata', 'falloc', 'full'] as const;

/** Why this host cannot measure `cell`, or null when it can. */
export function cannotRun(cell: Record<string, string>): string | null {
  const source = cell['source'] ?? '';
  if (source !== '' && source !== 'file')
    return `source=${source}: needs ${source === 'block' ? 'a block device or LV' : 'a network protocol driver'}; this host runs qcow2 on a file`;
  const format = cell['format'] ?? '';
  if (format !== '' && format !== 'qcow2') return `format=${format}: this host runs qcow2 images`;
  const prealloc = cell['prealloc'] ?? '';
  if (prealloc !== '' && !(PREALLOCS as readonly string[]).includes(prealloc))
    return `prealloc=${prealloc}: not a qcow2 preallocation mode`;
  const rw = cell['rw'] ?? '';
  if (rw !== 'read' && rw !== 'write')
    return `rw=${rw || '(empty)'}: qemu-img bench issues sequential reads or writes only (random I/O needs a guest or fio)`;
  if ((cell['numjobs'] ?? '1') !== '1' && (cell['numjobs'] ?? '') !== '')
    return `numjobs=${cell['numjobs']}: qemu-img bench runs one job`;
  if ((cell['vms'] ?? '1') !== '1' && (cell['vms'] ?? '') !== '')
    return `vms=${cell['vms']}: qemu-img bench runs no VM`;
  return null;
}

/**
 * The fill of `records` with defaults `bs`/`iodepth` for cells that leave them empty.
 * Deterministic: cells in coverage/compare order, each listed once.
 */
export function planFill(
  records: readonly ResultRecord[],
  defaults: { bs: number; iodepth: number },
): FillPlan {
  const seen = new Set<string>();
  const cells: FillCell[] = [];
  const add = (cell: Record<string, string>, why: FillCell['why']): void => {
    const k = JSON.stringify(Object.entries(cell).sort());
    if (seen.has(k)) return;
    seen.add(k);
    cells.push({ cell, why });
  };
  // A host-layer-only set (an earlier bench run) is compared with itself, as the CLI does.
  const includeHostLayer = records.length > 0 && records.every((r) => r.layer === 'host');
  for (const candidate of ['native', 'io_uring']) {
    const spec = { axis: 'aio' as const, baseline: 'threads', candidate, includeHostLayer };
    for (const g of coverage(records, spec).gaps) add(g.cell, 'missing');
    for (const c of compare(records, spec).cells)
      if (c.baseline.n === 1 || c.candidate.n === 1) add(c.cell, 'single-run');
  }
  const out: FillPlan = {
    workloads: new Set(),
    prealloc: [],
    prefill: [],
    rw: [],
    bs: [],
    iodepth: [],
    runnable: [],
    cannot: [],
    notes: [],
  };
  const push = <T>(xs: T[], x: T): void => {
    if (!xs.includes(x)) xs.push(x);
  };
  for (const c of cells) {
    const reason = cannotRun(c.cell);
    if (reason !== null) {
      out.cannot.push({ ...c, reason });
      continue;
    }
    out.runnable.push(c);
    const preallocs = c.cell['prealloc'] ? [c.cell['prealloc']] : [...PREALLOCS];
    const prefills =
      c.cell['prewritten'] === 'true'
        ? [true]
        : c.cell['prewritten'] === 'false'
          ? [false]
          : [false, true];
    const bs = Number(c.cell['bs']) > 0 ? Number(c.cell['bs']) : defaults.bs;
    const iodepth = Number(c.cell['iodepth']) > 0 ? Number(c.cell['iodepth']) : defaults.iodepth;
    const rw = c.cell['rw'] as 'read' | 'write';
    push(out.rw, rw);
    push(out.bs, bs);
    push(out.iodepth, iodepth);
    for (const p of preallocs as (typeof PREALLOCS)[number][])
      for (const prefilled of prefills) {
        push(out.prealloc, p);
        push(out.prefill, prefilled);
        out.workloads.add(workloadKey({ prealloc: p, prefilled, rw, bs, iodepth }));
      }
  }
  out.prealloc.sort((a, b) => PREALLOCS.indexOf(a) - PREALLOCS.indexOf(b));
  out.prefill.sort((a, b) => Number(a) - Number(b));
  out.rw.sort();
  out.bs.sort((a, b) => a - b);
  out.iodepth.sort((a, b) => a - b);
  if (out.runnable.length > 0)
    out.notes.push(
      "measured here with qemu-img bench at the host layer, on this host's filesystem and medium: the records form their own platform next to the set's cells",
    );
  return out;
}

/** `prealloc=off, prewritten=false, rw=read, …` of a cell (non-empty values, platform first). */
export function describeFillCell(c: FillCell): string {
  return Object.entries(c.cell)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
