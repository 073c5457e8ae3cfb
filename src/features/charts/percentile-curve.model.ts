/**
 * Model of the latency percentile curve chart (issue 15): each repeat's completion-latency curve
 * (`record.tail.curve`) per side, the median curve of each side, the "nines" x axis
 * (x = −log10(1 − p/100): p90 → 1, p99 → 2, p99.9 → 3), the text summary and the CSV rows.
 * Pure: the chart (PercentileCurveChart.tsx) only draws what this returns.
 */
import type { ResultRecord } from '../../core/model/record.types';
import type { CurvePoint } from '../../core/model/tail.types';
import { asMicroseconds } from '../../core/model/units';
import type { CsvCell } from '../../shared/csv';
import type { I18n } from '../../shared/i18n/i18n';
import { formatLatency } from './log-axis';

/** The x of a percentile rank on the nines axis; ranks ≥ 100 have none (Infinity). */
export function nines(rank: number): number {
  return rank >= 100 ? Infinity : -Math.log10(1 - rank / 100);
}

/** Ranks the x axis labels and the summary reports. */
export const TICK_RANKS = [50, 90, 99, 99.9, 99.99, 99.999] as const;
export const SUMMARY_RANKS = [50, 99, 99.9, 99.99] as const;

export interface CurveRun {
  /** The record's origin (file), to tell repeats apart. */
  label: string;
  /** Ranks < 100 with a positive finite latency, ascending. */
  points: CurvePoint[];
}

export interface CurveSide {
  name: string;
  runs: CurveRun[];
  /** Median over runs at each rank all runs cover (one run: its own curve). */
  median: CurvePoint[];
  /** Records of this side that carry no curve. */
  withoutCurve: number;
}

export interface CurveModel {
  baseline: CurveSide;
  candidate: CurveSide;
  /** Nines-axis extent of all points: [0, highest x]. */
  xMax: number;
  /** Latency extent of all points, µs. */
  yMin: number;
  yMax: number;
}

/** The drawable points of a record's curve, or null when it has none. */
export function curveRun(record: ResultRecord): CurveRun | null {
  const curve = record.tail?.curve;
  if (!curve) return null;
  const points: CurvePoint[] = [];
  const n = Math.min(curve.ranks.length, curve.valuesUs.length);
  for (let i = 0; i < n; i++) {
    const rank = curve.ranks[i]!;
    const v = curve.valuesUs[i]!;
    if (rank > 0 && rank < 100 && v > 0 && Number.isFinite(v))
      points.push({ rank, latencyUs: asMicroseconds(v) });
  }
  return points.length > 0 ? { label: record.origin, points } : null;
}

/**
 * Latency at `rank` read off a curve: linear on the nines axis in log latency between the two
 * neighbouring points (what the chart draws); null outside the curve's ranks.
 */
export function latencyAt(points: readonly CurvePoint[], rank: number): number | null {
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (p.rank === rank) return p.latencyUs;
    if (p.rank > rank) {
      if (i === 0) return null;
      const q = points[i - 1]!;
      const f = (nines(rank) - nines(q.rank)) / (nines(p.rank) - nines(q.rank));
      return (
        10 ** (Math.log10(q.latencyUs) + f * (Math.log10(p.latencyUs) - Math.log10(q.latencyUs)))
      );
    }
  }
  return null;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : Math.sqrt(s[m - 1]! * s[m]!);
}

/**
 * The median curve of repeats: at every rank of any run inside the range all runs cover, the
 * median of the runs' latencies there (even count: geometric mean of the middle two, as the axis
 * is logarithmic). Runs with the same ranks (fio's list) give exact medians, no interpolation.
 */
export function medianCurve(runs: readonly CurveRun[]): CurvePoint[] {
  if (runs.length === 0) return [];
  if (runs.length === 1) return runs[0]!.points;
  const lo = Math.max(...runs.map((r) => r.points[0]!.rank));
  const hi = Math.min(...runs.map((r) => r.points[r.points.length - 1]!.rank));
  const ranks = [...new Set(runs.flatMap((r) => r.points.map((p) => p.rank)))]
    .filter((x) => x >= lo && x <= hi)
    .sort((a, b) => a - b);
  const out: CurvePoint[] = [];
  for (const rank of ranks) {
    const at = runs.map((r) => latencyAt(r.points, rank));
    if (at.every((v): v is number => v !== null))
      out.push({ rank, latencyUs: asMicroseconds(median(at)) });
  }
  return out;
}

function side(name: string, records: readonly ResultRecord[]): CurveSide {
  const runs: CurveRun[] = [];
  for (const r of records) {
    const run = curveRun(r);
    if (run) runs.push(run);
  }
  return { name, runs, median: medianCurve(runs), withoutCurve: records.length - runs.length };
}

/** Both sides' curves and the extent to draw; null when neither side has a curve. */
export function buildCurveModel(
  baseline: { name: string; records: readonly ResultRecord[] },
  candidate: { name: string; records: readonly ResultRecord[] },
): CurveModel | null {
  const b = side(baseline.name, baseline.records);
  const c = side(candidate.name, candidate.records);
  const all = [...b.runs, ...c.runs].flatMap((r) => r.points);
  if (all.length === 0) return null;
  let xMax = 0;
  let yMin = Infinity;
  let yMax = 0;
  for (const p of all) {
    xMax = Math.max(xMax, nines(p.rank));
    yMin = Math.min(yMin, p.latencyUs);
    yMax = Math.max(yMax, p.latencyUs);
  }
  return { baseline: b, candidate: c, xMax, yMin, yMax };
}

export interface RankComparison {
  rank: number;
  baselineUs: number;
  candidateUs: number;
  /** candidate / baseline. */
  ratio: number;
}

/** The summary ranks both median curves reach, with candidate ÷ baseline. */
export function compareAtRanks(
  model: CurveModel,
  ranks: readonly number[] = SUMMARY_RANKS,
): RankComparison[] {
  const out: RankComparison[] = [];
  for (const rank of ranks) {
    const b = latencyAt(model.baseline.median, rank);
    const c = latencyAt(model.candidate.median, rank);
    if (b !== null && c !== null && b > 0)
      out.push({ rank, baselineUs: b, candidateUs: c, ratio: c / b });
  }
  return out;
}

/** "p99.9" */
export function rankLabel(rank: number): string {
  return `p${Number(rank.toPrecision(6))}`;
}

/** "×4.6" / "×0.82": a ratio with two significant digits (three from 10 up). */
export function formatRatio(ratio: number, lang: string = 'en'): string {
  return `×${new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
    maximumSignificantDigits: ratio >= 10 ? 3 : 2,
  }).format(ratio)}`;
}

/**
 * The chart's text: "p99.9: threads 412 µs, native 1.9 ms (×4.6); …", preceded by how many
 * repeats each side has and followed by what is missing.
 */
export function curveSummary(i18n: I18n, model: CurveModel): string {
  const { t, lang } = i18n;
  const { baseline: b, candidate: c } = model;
  const parts = [
    t('tails.curve.summaryRuns', {
      baseline: b.name,
      nb: b.runs.length,
      candidate: c.name,
      nc: c.runs.length,
    }),
  ];
  const at = compareAtRanks(model);
  if (at.length === 0) parts.push(t('tails.curve.summaryNoOverlap'));
  for (const x of at)
    parts.push(
      t('tails.curve.summaryRank', {
        rank: rankLabel(x.rank),
        baseline: b.name,
        b: formatLatency(x.baselineUs, lang),
        candidate: c.name,
        c: formatLatency(x.candidateUs, lang),
        ratio: formatRatio(x.ratio, lang),
      }),
    );
  for (const s of [b, c])
    if (s.withoutCurve > 0)
      parts.push(t('tails.curve.summaryMissing', { name: s.name, n: s.withoutCurve }));
  return parts.join('; ') + '.';
}

/** CSV: one row per point of every run and of each side's median curve. */
export function curveCsvRows(model: CurveModel): CsvCell[][] {
  const rows: CsvCell[][] = [['side', 'series', 'percentile', 'nines_x', 'latency_us']];
  for (const s of [model.baseline, model.candidate]) {
    for (const r of s.runs)
      for (const p of r.points) rows.push([s.name, r.label, p.rank, nines(p.rank), p.latencyUs]);
    for (const p of s.median) rows.push([s.name, 'median', p.rank, nines(p.rank), p.latencyUs]);
  }
  return rows;
}
