/**
 * Data for the four charts, computed from the comparison engine's output. Charts show aggregates
 * (pivot cells), never thousands of raw bars; the scatter is capped and sampled evenly.
 */
import { dimensionValue, pivot } from '../../core/compare';
import type { CellComparison, Comparison, Pivot, PivotCell } from '../../core/compare';
import { LOWER_IS_BETTER } from '../../core/model/record.types';
import type { Dimension, MetricField, ResultRecord } from '../../core/model/record.types';
import { selectionOf } from '../../core/url-state/selection';
import type { Selection } from '../../core/url-state/selection';

/** Spread of the per-cell medians behind a pivot cell (one value when it holds one cell). */
export function sideSpread(
  cell: PivotCell,
  side: 'baseline' | 'candidate',
  metric: MetricField,
): { min: number; max: number } | null {
  const vals: number[] = [];
  for (const c of cell.cells) {
    const a = c[side].metrics[metric];
    if (a) {
      vals.push(a.min, a.max);
    }
  }
  return vals.length === 0 ? null : { min: Math.min(...vals), max: Math.max(...vals) };
}

export interface BarDatum {
  /** Category on the x axis (prealloc value). */
  key: string;
  baseline: number | null;
  candidate: number | null;
  /**
   * One comparison cell: its delta of medians (agrees with baseline → candidate). Several: the
   * geometric mean of their deltas, while baseline and candidate are medians of their medians
   * (the two do not agree, and the summary says which is which).
   */
  deltaPct: number | null;
  /** Comparison cells behind the bar. */
  cells: number;
  nBaseline: number;
  nCandidate: number;
  spreadBaseline: { min: number; max: number } | null;
  spreadCandidate: { min: number; max: number } | null;
  flagged: boolean;
  selection: Selection;
}

export interface SmallMultiple {
  /** Dimensions of the x categories (prealloc, and vms when the data has several VM counts). */
  inner: Dimension[];
  /** storage and medium values of this panel. */
  values: string[];
  bars: BarDatum[];
}

const GROUP_DIMS: Dimension[] = ['storage', 'medium'];

/**
 * Chart 1: per storage × medium, baseline vs candidate for each preallocation, for one workload
 * (a column key of `colDims`, e.g. randwrite × not pre-written). Returns the workloads available
 * and the panels for the chosen one.
 */
export function groupedBars(
  comparison: Comparison,
  colDims: Dimension[],
  metric: MetricField,
  workload: string[] | null,
): { workloads: string[][]; workload: string[] | null; panels: SmallMultiple[] } {
  // Several VM counts (the seed's concurrency table): VMs become part of the category.
  const vmsValues = new Set(comparison.cells.map((c) => c.cell.vms ?? ''));
  const inner: Dimension[] = vmsValues.size > 1 ? ['prealloc', 'vms'] : ['prealloc'];
  const rows = [...GROUP_DIMS, ...inner].filter(
    (d) => !colDims.includes(d) && d !== comparison.spec.axis,
  );
  const p = pivot(comparison, { rows, cols: colDims, metric, value: 'delta' });
  const workloads = p.colKeys;
  if (workloads.length === 0) return { workloads, workload: null, panels: [] };
  // Default workload: the column with the most cells that have a value.
  const filled = workloads.map(
    (_, j) => p.cells.filter((r) => r[j]?.baseline != null && r[j]?.candidate != null).length,
  );
  let j = workload ? workloads.findIndex((k) => k.join('\u0000') === workload.join('\u0000')) : -1;
  if (j < 0) j = filled.indexOf(Math.max(...filled));
  const chosen = workloads[j]!;
  const panels = new Map<string, SmallMultiple>();
  const groupLen = rows.filter((d) => GROUP_DIMS.includes(d)).length;
  p.rowKeys.forEach((rk, i) => {
    const cell = p.cells[i]?.[j];
    if (!cell || (cell.baseline === null && cell.candidate === null)) return;
    const gv = rk.slice(0, groupLen);
    const id = gv.join('\u0000');
    let panel = panels.get(id);
    if (!panel) panels.set(id, (panel = { inner: rows.slice(groupLen), values: gv, bars: [] }));
    const selection = selectionOf(rows, rk, colDims, chosen);
    panel.bars.push({
      key: rk.slice(groupLen).join('\u0000'),
      baseline: cell.baseline,
      candidate: cell.candidate,
      deltaPct: cell.deltaPct,
      cells: cell.cells.length,
      nBaseline: cell.baselineN ?? 0,
      nCandidate: cell.candidateN ?? 0,
      spreadBaseline: sideSpread(cell, 'baseline', metric),
      spreadCandidate: sideSpread(cell, 'candidate', metric),
      flagged: cell.flagged,
      selection,
    });
  });
  return { workloads, workload: chosen, panels: [...panels.values()] };
}

export interface DeltaDatum {
  rowValues: string[];
  colValues: string[];
  deltaPct: number;
  /** Delta oriented so that > 0 is always better (latency inverted). */
  gain: number;
  tone: 'better' | 'worse' | 'same';
  cell: PivotCell;
  selection: Selection;
}

/**
 * Chart 2: every non-empty leaf cell of the pivot with its delta, sorted from best to worst;
 * `top` keeps the N largest |delta| (still sorted). `total` is the count before the cut.
 */
export function deltaBars(
  p: Pivot,
  metric: MetricField,
  thresholdPct: number,
  top: number,
): { items: DeltaDatum[]; total: number } {
  const lower = LOWER_IS_BETTER.has(metric);
  const all: DeltaDatum[] = [];
  p.rowKeys.forEach((rk, i) =>
    p.colKeys.forEach((ck, j) => {
      const cell = p.cells[i]?.[j];
      if (!cell || cell.deltaPct === null) return;
      const gain = lower ? -cell.deltaPct : cell.deltaPct;
      const v = cell.verdict;
      const tone =
        v === 'improvement'
          ? 'better'
          : v === 'regression'
            ? 'worse'
            : v === null && Math.abs(gain) >= thresholdPct
              ? gain > 0
                ? 'better'
                : 'worse'
              : 'same';
      const selection = selectionOf(p.rowDims, rk, p.colDims, ck);
      all.push({
        rowValues: rk,
        colValues: ck,
        deltaPct: cell.deltaPct,
        gain,
        tone,
        cell,
        selection,
      });
    }),
  );
  const cut = [...all].sort((a, b) => Math.abs(b.deltaPct) - Math.abs(a.deltaPct)).slice(0, top);
  cut.sort((a, b) => b.gain - a.gain);
  return { items: cut, total: all.length };
}

export interface ScatterPoint {
  iops: number;
  lat: number;
  side: 'baseline' | 'candidate';
  flagged: boolean;
  record: ResultRecord;
}

/**
 * Chart 3: the measured records of the compared cells (both sides) with IOPS and mean latency,
 * at most `cap` points (evenly sampled), and the distinct in-flight depths iodepth × numjobs for
 * Little's-law lines (most frequent first, at most 3).
 */
export function scatterPoints(
  comparison: Comparison,
  cap = 1500,
): { points: ScatterPoint[]; depths: number[]; total: number } {
  const pts: ScatterPoint[] = [];
  const depthCount = new Map<number, number>();
  const push = (c: CellComparison, side: 'baseline' | 'candidate') => {
    for (const r of c[side].records) {
      if (r.iops === null || r.lat_mean_us === null || !(r.iops > 0) || !(r.lat_mean_us > 0))
        continue;
      if (r.restates) continue;
      pts.push({ iops: r.iops, lat: r.lat_mean_us, side, flagged: r.flags.length > 0, record: r });
      if (r.iodepth !== null && r.numjobs !== null) {
        const qd = r.iodepth * r.numjobs;
        depthCount.set(qd, (depthCount.get(qd) ?? 0) + 1);
      }
    }
  };
  for (const c of comparison.cells) {
    push(c, 'baseline');
    push(c, 'candidate');
  }
  const total = pts.length;
  const sampled =
    total <= cap ? pts : Array.from({ length: cap }, (_, i) => pts[Math.floor((i * total) / cap)]!);
  const depths = [...depthCount.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([qd]) => qd);
  return { points: sampled, depths, total };
}

/** Log-axis ticks: 1, 2, 5 × 10^k inside [min, max] (only 10^k when that gives too many). */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > min)) return [];
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** k;
      if (v >= min && v <= max) out.push(v);
    }
  }
  return out.length > 12 ? out.filter((v) => Math.log10(v) % 1 === 0) : out;
}

/** Little's law for a closed-loop job: mean latency (µs) = in-flight I/Os ÷ IOPS × 10⁶. */
export function littleLatencyUs(qd: number, iops: number): number {
  return (qd * 1e6) / iops;
}

/** Points of a Little's-law line across [minIops, maxIops], evenly spaced on a log scale. */
export function littleLine(
  qd: number,
  minIops: number,
  maxIops: number,
  steps = 24,
): { iops: number; lat: number }[] {
  if (!(minIops > 0) || !(maxIops >= minIops)) return [];
  const a = Math.log10(minIops);
  const b = Math.log10(maxIops);
  return Array.from({ length: steps + 1 }, (_, i) => {
    const iops = 10 ** (a + ((b - a) * i) / steps);
    return { iops, lat: littleLatencyUs(qd, iops) };
  });
}

export interface HostPanel {
  host: ResultRecord;
  /** Host value of the metric (IOPS when the chosen metric is missing on the host record). */
  metric: MetricField;
  value: number;
  /** Dimensions the host record fixes (storage, medium, rw …) and its label values. */
  env: [Dimension, string][];
  bars: {
    dims: Dimension[];
    values: string[];
    cell: CellComparison;
    baseline: number | null;
    candidate: number | null;
  }[];
  /** Median over the matching cells of candidate ÷ host and baseline ÷ host. */
  candidateRatio: number | null;
  baselineRatio: number | null;
}

const HOST_MATCH_IGNORE: ReadonlySet<string> = new Set(['layer', 'set', 'aio']);

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Chart 4: for each host baseline record (layer=host), the comparison cells it is the bare-metal
 * reference of — cells that agree with it on every dimension the host record fills (storage,
 * medium, rw, bs …; bus, prealloc and the like are empty on bare metal and do not constrain).
 */
export function hostPanels(
  comparison: Comparison,
  hostRecords: readonly ResultRecord[],
  metric: MetricField,
): HostPanel[] {
  const dims = (
    comparison.dims ??
    (comparison.cells[0] ? (Object.keys(comparison.cells[0].cell) as Dimension[]) : [])
  ).filter((d) => !HOST_MATCH_IGNORE.has(d));
  const out: HostPanel[] = [];
  for (const host of hostRecords) {
    const m: MetricField = host[metric] !== null ? metric : 'iops';
    const value = host[m];
    if (value === null || !(value > 0)) continue;
    const env: [Dimension, string][] = [];
    for (const d of dims) {
      const v = dimensionValue(host, d);
      if (v !== '') env.push([d, v]);
    }
    // Bare metal runs one job: compare with single-VM cells that have a measurement.
    const cells = comparison.cells.filter(
      (c) =>
        env.every(([d, v]) => (c.cell[d] ?? '') === v) &&
        ['', '1'].includes(c.cell.vms ?? '') &&
        (c.baseline.metrics[m] !== undefined || c.candidate.metrics[m] !== undefined),
    );
    if (cells.length === 0) continue;
    const varying = dims.filter(
      (d) => !env.some(([e]) => e === d) && new Set(cells.map((c) => c.cell[d] ?? '')).size > 1,
    );
    const bars = cells.map((c) => ({
      dims: varying,
      values: varying.map((d) => c.cell[d] ?? ''),
      cell: c,
      baseline: c.baseline.metrics[m]?.median ?? null,
      candidate: c.candidate.metrics[m]?.median ?? null,
    }));
    const ratios = (side: 'baseline' | 'candidate') =>
      median(
        bars
          .map((b) => b[side])
          .filter((x): x is number => x !== null)
          .map((x) => x / value),
      );
    out.push({
      host,
      metric: m,
      value,
      env: env.filter(
        ([d]) =>
          !['fs', 'bs', 'iodepth', 'numjobs', 'ioengine', 'cache', 'format', 'source'].includes(d),
      ),
      bars,
      candidateRatio: ratios('candidate'),
      baselineRatio: ratios('baseline'),
    });
  }
  return out;
}
