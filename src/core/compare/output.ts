/**
 * Serializations of a comparison. This file: the 80-column text table (`aio-dash compare`);
 * output.rows.ts: the spec's JSON rows; output.csv.ts: CSV through core's one CSV cell rule.
 * Pure: the CLI, the server and the web app's export use these (all re-exported here).
 */
import type { Dimension, DimensionValue } from '../model/record.types';
import type { Comparison, ComparisonSpec } from './compare.types';
import { displayValue, formatBlockSize } from './dimensions';
import { summarize } from './summary';
import { formatPct } from './verdict';
import { sideMedian } from './cell.side';
export { jsonValue, toGroupJson, toSpecJson } from './output.rows';
export type { SpecRow, SpecSide } from './output.rows';
export { csvSafe, toCsv } from './output.csv';

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
