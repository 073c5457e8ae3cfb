/**
 * Serializations of a comparison: the spec's JSON rows (`aio-dash compare --format json`), CSV
 * (formula-injection safe) and an 80-column text table. Pure: the CLI and the web app's export
 * both use these.
 */
import type { Dimension, DimensionValue, MetricField } from '../model/record.types';
import type { CellComparison, Comparison, ComparisonSpec, Verdict } from './compare.types';
import { VERDICTS } from './compare.types';
import { displayValue, formatBlockSize } from './dimensions';
import { cellRatio, summarize } from './summary';
import { geometricMean, median } from './stats';
import { formatPct } from './verdict';
import { sideMedian } from './cell.side';

const INT_FIELDS: ReadonlySet<string> = new Set(['vms', 'bs', 'iodepth', 'numjobs']);
const BOOL_FIELDS: ReadonlySet<string> = new Set(['iothread', 'prewritten']);

/** A cell value in JSON: null for missing, numbers and booleans typed as in the record. */
export function jsonValue(dim: string, v: DimensionValue): string | number | boolean | null {
  if (v === '') return null;
  if (INT_FIELDS.has(dim) && Number.isFinite(Number(v))) return Number(v);
  if (BOOL_FIELDS.has(dim) && (v === 'true' || v === 'false')) return v === 'true';
  return v;
}

export interface SpecSide {
  n: number;
  iops: number | null;
  lat_mean_us: number | null;
  lat_p99_us: number | null;
  bw_kib_s: number | null;
}

/** One row of `aio-dash compare --format json` (spec fields first; the rest are additions). */
export interface SpecRow {
  cell: Record<string, string | number | boolean | null>;
  baseline: SpecSide;
  candidate: SpecSide;
  delta: {
    iops_pct: number | null;
    lat_mean_pct: number | null;
    lat_p99_pct: number | null;
    bw_pct: number | null;
  };
  verdict: Verdict;
  /** Additions. */
  key: string;
  verdicts: Partial<Record<MetricField, Verdict>>;
  single_run: boolean;
  p_value: number | null;
  /** Sentences with the sign convention, e.g. "latency −13.5% (lower is better) → improvement". */
  text: string[];
  flags: string[];
  notes: string[];
  /** Only for --by groups: comparison cells in the group and their verdict counts. */
  cells?: number;
  verdict_counts?: Record<Verdict, number>;
}

const round = (x: number | null | undefined, digits = 2): number | null => {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

function sideOf(c: CellComparison, side: 'baseline' | 'candidate'): SpecSide {
  const s = c[side];
  return {
    n: s.n,
    iops: round(sideMedian(s, 'iops')),
    lat_mean_us: round(sideMedian(s, 'lat_mean_us')),
    lat_p99_us: round(sideMedian(s, 'lat_p99_us')),
    bw_kib_s: round(sideMedian(s, 'bw_kib_s')),
  };
}

function typedCell(cell: Record<string, DimensionValue>): SpecRow['cell'] {
  const out: SpecRow['cell'] = {};
  for (const [k, v] of Object.entries(cell)) out[k] = jsonValue(k, v);
  return out;
}

/** The spec's JSON rows, one per comparison cell (in the comparison's order). */
export function toSpecJson(comparison: Comparison): SpecRow[] {
  return comparison.cells.map((c) => {
    const primary = c.deltas.iops ?? c.deltas.lat_mean_us ?? c.deltas.bw_kib_s ?? null;
    const verdicts: Partial<Record<MetricField, Verdict>> = {};
    for (const [m, d] of Object.entries(c.deltas)) verdicts[m as MetricField] = d.verdict;
    return {
      cell: typedCell(c.cell),
      baseline: sideOf(c, 'baseline'),
      candidate: sideOf(c, 'candidate'),
      delta: {
        iops_pct: round(c.deltas.iops?.pct),
        lat_mean_pct: round(c.deltas.lat_mean_us?.pct),
        lat_p99_pct: round(c.deltas.lat_p99_us?.pct),
        bw_pct: round(c.deltas.bw_kib_s?.pct),
      },
      verdict: c.verdict,
      key: c.key,
      verdicts,
      single_run: primary?.singleRun ?? false,
      p_value: round(primary?.pValue ?? null, 6),
      text: Object.values(c.deltas).map((d) => d.text),
      flags: c.flags,
      notes: c.notes,
    };
  });
}

/**
 * Rows of `--by DIM,...`: one per group of comparison cells. n = runs summed over the group;
 * metric values = median of the cells' medians; pct = 100 × (geometric mean of the cells'
 * candidate/baseline ratios − 1) (same sign convention as a cell's delta); verdict = the cells'
 * common verdict when they agree, else `inconclusive` (counts in `verdict_counts`).
 */
export function toGroupJson(comparison: Comparison, by: readonly Dimension[]): SpecRow[] {
  return summarize(comparison, by).map((g) => {
    const members = comparison.cells.filter((c) =>
      by.every((d) => (c.cell[d] ?? '') === g.group[d]),
    );
    const side = (s: 'baseline' | 'candidate'): SpecSide => ({
      n: members.reduce((a, c) => a + c[s].n, 0),
      iops: round(median(members.flatMap((c) => sideMedian(c[s], 'iops') ?? []))),
      lat_mean_us: round(median(members.flatMap((c) => sideMedian(c[s], 'lat_mean_us') ?? []))),
      lat_p99_us: round(median(members.flatMap((c) => sideMedian(c[s], 'lat_p99_us') ?? []))),
      bw_kib_s: round(median(members.flatMap((c) => sideMedian(c[s], 'bw_kib_s') ?? []))),
    });
    const geo = (m: MetricField) => {
      const gm = geometricMean(members.flatMap((c) => cellRatio(c, m) ?? []));
      return gm === null ? null : round(100 * (gm - 1));
    };
    const present = VERDICTS.filter((v) => g.byVerdict[v] > 0);
    const flags = [...new Set(members.flatMap((c) => c.flags))].sort();
    return {
      cell: typedCell(g.group),
      baseline: side('baseline'),
      candidate: side('candidate'),
      delta: {
        iops_pct: geo('iops'),
        lat_mean_pct: geo('lat_mean_us'),
        lat_p99_pct: geo('lat_p99_us'),
        bw_pct: geo('bw_kib_s'),
      },
      verdict: present.length === 1 ? present[0]! : 'inconclusive',
      key: Object.values(g.group).join('|'),
      verdicts: {},
      single_run: members.some((c) => c.deltas.iops?.singleRun ?? false),
      p_value: null,
      text: g.text ? [g.text] : [],
      flags,
      notes: present.length > 1 ? ['cells disagree: see verdict_counts'] : [],
      cells: g.cells,
      verdict_counts: g.byVerdict,
    };
  });
}

/**
 * Neutralizes spreadsheet formulas: a text cell starting with = + - @, tab or CR gets a leading
 * apostrophe (OWASP CSV injection). Plain numbers (−13.5) are left as numbers.
 */
export function csvSafe(value: string): string {
  if (/^[=+\-@\t\r]/.test(value) && !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value))
    value = "'" + value;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV of spec rows: cell fields, then baseline_*, candidate_*, deltas, verdict, notes. */
export function toCsv(rows: readonly SpecRow[]): string {
  const cellCols: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const k of Object.keys(r.cell))
      if (!seen.has(k)) {
        seen.add(k);
        cellCols.push(k);
      }
  const sideCols = ['n', 'iops', 'lat_mean_us', 'lat_p99_us', 'bw_kib_s'] as const;
  const header = [
    ...cellCols,
    ...sideCols.map((c) => `baseline_${c}`),
    ...sideCols.map((c) => `candidate_${c}`),
    'iops_pct',
    'lat_mean_pct',
    'lat_p99_pct',
    'bw_pct',
    'verdict',
    'single_run',
    'p_value',
    'flags',
    'notes',
  ];
  const str = (v: string | number | boolean | null | undefined): string =>
    v === null || v === undefined ? '' : String(v);
  const lines = [header.map(csvSafe).join(',')];
  for (const r of rows) {
    const vals = [
      ...cellCols.map((c) => str(r.cell[c])),
      ...sideCols.map((c) => str(r.baseline[c])),
      ...sideCols.map((c) => str(r.candidate[c])),
      str(r.delta.iops_pct),
      str(r.delta.lat_mean_pct),
      str(r.delta.lat_p99_pct),
      str(r.delta.bw_pct),
      r.verdict,
      String(r.single_run),
      str(r.p_value),
      r.flags.join(';'),
      r.notes.join('; '),
    ];
    lines.push(vals.map(csvSafe).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Compact number for the table: ≤ 6 characters (31336, 426.3, 228980, 1.23M). */
export function compactNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 999_999.5) return (x / 1e6).toFixed(a >= 99.95e6 ? 0 : 2) + 'M';
  if (a >= 999.95 || Number.isInteger(x)) return Math.round(x).toString();
  return x.toFixed(1);
}

/** Dimension=value words of a cell, skipping `skip` (the fields common to all cells). */
export function describeCell(
  cell: Record<string, DimensionValue>,
  skip: ReadonlySet<string> = new Set(),
): string {
  const words: string[] = [];
  for (const [dim, v] of Object.entries(cell)) {
    if (skip.has(dim)) continue;
    words.push(describeValue(dim as Dimension, v));
  }
  return words.join(' ');
}

function describeValue(dim: Dimension, v: DimensionValue): string {
  if (v === '') return `${dim}=—`;
  switch (dim) {
    case 'storage':
    case 'medium':
    case 'bus':
    case 'rw':
    case 'ioengine':
    case 'set':
      return v;
    case 'bs':
      return formatBlockSize(Number(v));
    case 'prewritten':
      return v === 'true' ? 'prewritten' : 'not-prewritten';
    case 'iothread':
      return v === 'true' ? 'iothread' : 'no-iothread';
    case 'iodepth':
      return `qd${v}`;
    case 'numjobs':
      return `jobs${v}`;
    case 'vms':
      return `${v}vm`;
    default:
      return `${dim}=${displayValue(dim, v)}`;
  }
}

/**
 * `source` and `fs` follow from `storage` in most sets (LocalStorage → file/xfs): when every
 * storage value has one source (fs), the table leaves them out of the cell descriptions.
 */
function impliedByStorage(cells: readonly { cell: Record<string, DimensionValue> }[]): string[] {
  const out: string[] = [];
  for (const dim of ['source', 'fs']) {
    const seen = new Map<string, string>();
    let implied = cells.length > 0 && 'storage' in cells[0]!.cell;
    for (const c of cells) {
      if (!implied) break;
      const k = c.cell.storage ?? '';
      const v = c.cell[dim] ?? '';
      const prev = seen.get(k);
      if (prev === undefined) seen.set(k, v);
      else if (prev !== v) implied = false;
    }
    if (implied) out.push(dim);
  }
  return out;
}

/** Fields with one value across all cells (printed once in the table header). */
export function constantFields(
  cells: readonly { cell: Record<string, DimensionValue> }[],
): Map<string, DimensionValue> {
  const out = new Map<string, DimensionValue>();
  if (cells.length === 0) return out;
  for (const [k, v] of Object.entries(cells[0]!.cell))
    if (cells.every((c) => (c.cell[k] ?? '') === v)) out.set(k, v);
  return out;
}

/** Word-wraps `text` at `width` columns with `indent` on continuation lines. */
export function wrap(text: string, width = 80, indent = '  '): string[] {
  const lines: string[] = [];
  const lead = /^ */.exec(text)![0];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    if (line.length > lead.length && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line.length > lead.length ? `${line} ${word}` : line + word;
  }
  if (line) lines.push(line);
  return lines;
}

function pctCell(p: number | null | undefined): string {
  return p === null || p === undefined ? '—' : formatPct(p);
}

/**
 * The 80-column table: a header with the spec and the sign convention, the fields common to all
 * cells, then two lines per cell — its description, then
 * ` n 1/1   IOPS  31336→36213   +15.6%  lat   4083→3534    −13.5%  improvement*` (≤ 80 columns).
 */
export function toTable(
  comparison: Comparison,
  opts: { by?: Dimension[]; maxUnpaired?: number } = {},
): string {
  const { spec, cells, accounting } = comparison;
  const out: string[] = [];
  out.push(
    ...wrap(
      `${spec.axis}: ${spec.baseline} (baseline) → ${spec.candidate} (candidate); Δ% = 100×(cand−base)/base on medians`,
    ),
  );
  out.push(
    ...wrap(
      `n = runs baseline/candidate · IOPS: higher is better · lat = mean latency in µs: lower is better (−% = better) · threshold ${spec.thresholdPct}%`,
    ),
  );
  const common = constantFields(cells);
  if (common.size > 0 && cells.length > 1)
    out.push(
      ...wrap(
        'All cells: ' +
          [...common].map(([k, v]) => `${k}=${displayValue(k as Dimension, v)}`).join(' '),
      ),
    );
  out.push('');
  const skip = cells.length > 1 ? new Set(common.keys()) : new Set<string>();
  for (const d of impliedByStorage(cells)) skip.add(d);
  let single = false;
  let excluded = false;
  let unmeasured = 0;
  for (const c of cells) {
    // Both sides blank (the seed's empty rows): coverage lists them; one footnote here.
    if (c.baseline.n === 0 && c.candidate.n === 0 && c.excludedFlagged === 0) {
      unmeasured++;
      continue;
    }
    const desc = describeCell(c.cell, skip) || '(single cell)';
    out.push(...wrap(desc, 80, '    '));
    const iops = c.deltas.iops;
    const lat = c.deltas.lat_mean_us;
    const primary = iops ?? lat ?? c.deltas.bw_kib_s;
    const mark = (primary?.singleRun ? '*' : '') + (c.excludedFlagged > 0 ? '!' : '');
    single ||= primary?.singleRun ?? false;
    excluded ||= c.excludedFlagged > 0;
    const n = `${c.baseline.n}/${c.candidate.n}`.padEnd(5);
    const bI = compactNumber(sideMedian(c.baseline, 'iops')).padStart(6);
    const cI = compactNumber(sideMedian(c.candidate, 'iops')).padEnd(6);
    const bL = compactNumber(sideMedian(c.baseline, 'lat_mean_us')).padStart(6);
    const cL = compactNumber(sideMedian(c.candidate, 'lat_mean_us')).padEnd(6);
    out.push(
      ` n ${n} IOPS ${bI}→${cI} ${pctCell(iops?.pct).padStart(7)}  lat ${bL}→${cL} ${pctCell(lat?.pct).padStart(7)}  ${c.verdict}${mark}`.trimEnd(),
    );
  }
  if (cells.length === 0) out.push('(no cell has both a baseline and a candidate record)');
  out.push('');
  if (unmeasured > 0)
    out.push(
      `${unmeasured} cell${unmeasured > 1 ? 's have' : ' has'} no measured run on either side (blank rows): not listed`,
    );
  if (single)
    out.push(`* single run on a side: decided on the ${spec.thresholdPct}% threshold alone`);
  if (excluded) out.push('! flagged records excluded (see --include-flagged)');
  if (opts.by && opts.by.length > 0) {
    out.push('', `Summary by ${opts.by.join(', ')} (geometric mean of candidate/baseline ratios):`);
    for (const g of summarize(comparison, opts.by)) {
      const name = Object.entries(g.group)
        .map(([k, v]) => describeValue(k as Dimension, v))
        .join(' ');
      out.push(...wrap(`${name}: ${g.text ?? ''}`, 80, '    '));
      if (g.best && g.worst && g.best !== g.worst)
        out.push(
          ...wrap(
            `  best ${pctCell(g.best.deltas.iops?.pct)} ${describeCell(g.best.cell, skip)}; worst ${pctCell(g.worst.deltas.iops?.pct)} ${describeCell(g.worst.cell, skip)}`,
            80,
            '    ',
          ),
        );
    }
  } else {
    const all = summarize(comparison, []);
    if (all[0]?.text) out.push(...wrap(`Overall: ${all[0].text}`, 80, '    '));
  }
  const unpaired = comparison.unpaired;
  if (unpaired.length > 0) {
    const max = opts.maxUnpaired ?? 20;
    out.push(
      '',
      `Unpaired (no ${spec.baseline}/${spec.candidate} partner in the same cell): ${unpaired.length}`,
    );
    for (const u of unpaired.slice(0, max)) {
      const axisValue = u.side === 'baseline' ? spec.baseline : spec.candidate;
      const diff = Object.entries(u.nearestDiff)
        .map(
          ([k, [mine, near]]) =>
            `${k} ${displayValue(k as Dimension, mine)}≠${displayValue(k as Dimension, near)}`,
        )
        .join(', ');
      out.push(
        ...wrap(
          `  ${axisValue} ${u.record.origin}: ${diff ? `nearest ${spec.candidate === axisValue ? spec.baseline : spec.candidate} cell differs in ${diff}` : 'no cell on the other side'}`,
          80,
          '      ',
        ),
      );
    }
    if (unpaired.length > max) out.push(`  … ${unpaired.length - max} more`);
  }
  out.push(
    '',
    `records ${accounting.records} = ${accounting.paired} paired + ${accounting.unpaired} unpaired + ${accounting.outOfScope} out of scope; ${cells.length} cells`,
  );
  return out.join('\n') + '\n';
}

export type { ComparisonSpec };
