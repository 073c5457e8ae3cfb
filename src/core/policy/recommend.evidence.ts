/**
 * The measured evidence of a cell: which of its comparisons count (none resting on a flagged
 * record, none of native without O_DIRECT), summed per pair of modes, and the sentence per pair.
 * The evidence rules themselves (ids, sentences, citations) are data in evidence.rules.ts.
 */
import type { AioMode, ResultRecord } from '../model/record.types';
import { AIO_MODES } from '../model/record.types';
import type { CellComparison } from '../compare/compare.types';
import { deltaOf } from '../compare/cell';
import type { EvidencePair, EvidenceSummary, Reason } from './policy.types';
import type { Facts } from './facts';
import { LANGS } from '../i18n/lang';
import type { MessageVars } from '../i18n/interpolate';
import { translate } from '../i18n/key-table';
import { POLICY_TEXT } from './policy.messages';
import type { PolicyMessageKey } from './policy.messages';
import { evidenceReason } from './evidence.rules';

const isAio = (v: unknown): v is AioMode =>
  typeof v === 'string' && (AIO_MODES as readonly string[]).includes(v);
const WRITES = new Set(['write', 'randwrite', 'rw', 'randrw']);

function sideMode(c: CellComparison, side: 'baseline' | 'candidate'): AioMode | null {
  const s = c[side];
  const r = s.used[0] ?? s.records[0];
  return r && isAio(r.aio) ? r.aio : null;
}

const NO_MEASUREMENT: ReadonlySet<string> = new Set(['incomplete', 'failed-run']);

function anyFlagged(records: readonly ResultRecord[]): boolean {
  for (let i = 0; i < records.length; i++) if (records[i]!.flags.length > 0) return true;
  return false;
}

/** An empty side whose measured, non-restated records were flagged (and so excluded). */
function emptiedByFlags(records: readonly ResultRecord[]): boolean {
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.flags.length === 0 || r.restates !== null) continue;
    let measured = true;
    for (const f of r.flags) if (NO_MEASUREMENT.has(f)) measured = false;
    if (measured) return true;
  }
  return false;
}

/**
 * Why a comparison cannot be used: 'flagged' when its statistics rest on a flagged record, or a
 * side is empty because its measured records were flagged and excluded; 'empty' when a side has
 * no measurement at all (blank or failed rows); null when usable.
 */
function unusable(c: CellComparison, flaggedExcluded: boolean): 'flagged' | 'empty' | null {
  // A cell without flags cannot rest on a flagged record; with flags excluded by the engine,
  // `used` holds none. Only otherwise are the records themselves read (the slow part).
  if (
    !flaggedExcluded &&
    c.flags.length > 0 &&
    (anyFlagged(c.baseline.used) || anyFlagged(c.candidate.used))
  )
    return 'flagged';
  // A decided verdict needs runs on both sides: no need to look at the sides.
  if (c.verdict !== 'inconclusive' || (c.baseline.n > 0 && c.candidate.n > 0)) return null;
  if (c.flags.length === 0) return 'empty';
  // The engine excluded flagged records: an empty side with exclusions was emptied by flags.
  if (flaggedExcluded) return c.excludedFlagged > 0 ? 'flagged' : 'empty';
  if (
    (c.baseline.n === 0 && emptiedByFlags(c.baseline.records)) ||
    (c.candidate.n === 0 && emptiedByFlags(c.candidate.records))
  )
    return 'flagged';
  return 'empty';
}

const MODE_INDEX: Readonly<Record<AioMode, number>> = { threads: 0, native: 1, io_uring: 2 };

/**
 * What all comparisons of one `compare()` call share, so the hot path need not read records:
 * the aio modes of its two sides and whether flagged records were excluded from statistics.
 */
export interface EvidenceHint {
  baseline: AioMode;
  candidate: AioMode;
  excludeFlagged: boolean;
}

/**
 * Summarizes comparisons into per-pair verdict counts; skips flagged, empty and invalid ones.
 * Hot path (every cell of a large set): no allocation per comparison, and with a hint no read
 * of the records (on a 100k set they are scattered in memory: each read is a cache miss).
 */
export function summarizeEvidence(
  comparisons: readonly CellComparison[],
  f: Facts,
  hint?: EvidenceHint,
): EvidenceSummary {
  const slots: (EvidencePair | undefined)[] = new Array<EvidencePair | undefined>(9);
  const pairs: EvidencePair[] = [];
  let used = 0;
  let skippedFlagged = 0;
  let skippedInvalid = 0;
  let skippedEmpty = 0;
  for (let i = 0; i < comparisons.length; i++) {
    const c = comparisons[i]!;
    const b = hint ? hint.baseline : sideMode(c, 'baseline');
    const k = hint ? hint.candidate : sideMode(c, 'candidate');
    if (b === null || k === null || b === k) continue;
    const why = unusable(c, hint?.excludeFlagged ?? false);
    if (why === 'flagged') {
      skippedFlagged++;
      continue;
    }
    if (why === 'empty') {
      skippedEmpty++;
      continue;
    }
    if (!f.cacheDirect && (b === 'native' || k === 'native')) {
      skippedInvalid++;
      continue;
    }
    used++;
    const slot = MODE_INDEX[b] * 3 + MODE_INDEX[k];
    let p = slots[slot];
    if (!p) {
      p = {
        baseline: b,
        candidate: k,
        improvement: 0,
        regression: 0,
        noDifference: 0,
        inconclusive: 0,
        minPct: null,
        maxPct: null,
        singleRun: 0,
        firstWriteRegressions: [],
      };
      slots[slot] = p;
      pairs.push(p);
    }
    const verdict = c.verdict;
    if (verdict === 'inconclusive') {
      p.inconclusive++;
      continue;
    }
    // Deltas are read only for decided comparisons (each read is a likely cache miss).
    // The primary delta: IOPS, else mean latency (its pct negated so that positive is better).
    // deltaOf() reads it without building the cell's MetricDelta objects.
    const throughput = deltaOf(c, 'iops') ?? deltaOf(c, 'iops_total');
    const primary = throughput ?? deltaOf(c, 'lat_mean_us');
    const pct = primary === undefined ? null : throughput ? primary.pct : -(primary.pct as number);
    if (verdict === 'improvement') p.improvement++;
    else if (verdict === 'regression') {
      p.regression++;
      if (c.cell.prewritten === 'false' && WRITES.has(c.cell.rw ?? '') && pct !== null)
        p.firstWriteRegressions.push(pct);
    } else p.noDifference++;
    if (pct !== null) {
      if (p.minPct === null || pct < p.minPct) p.minPct = pct;
      if (p.maxPct === null || pct > p.maxPct) p.maxPct = pct;
    }
    if (primary?.singleRun) p.singleRun++;
  }
  return {
    given: comparisons.length,
    used,
    skippedFlagged,
    skippedInvalid,
    skippedEmpty,
    pairs,
    changedByEvidence: false,
    confidenceShift: 0,
  };
}

/** How often `a` measured better than `b` (either comparison direction). */
export function wins(pairs: readonly EvidencePair[], a: AioMode, b: AioMode): number {
  let n = 0;
  for (const p of pairs) {
    if (p.baseline === b && p.candidate === a) n += p.improvement;
    else if (p.baseline === a && p.candidate === b) n += p.regression;
  }
  return n;
}

export const fmtPct = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}%`;

export function pairReason(p: EvidencePair): Reason {
  const decided = p.improvement + p.regression + p.noDifference;
  const lo = p.minPct;
  const hi = p.maxPct;
  const range =
    lo === null || hi === null
      ? ''
      : lo === hi
        ? ` (${fmtPct(lo)})`
        : ` (${fmtPct(lo)} … ${fmtPct(hi)})`;
  const single = p.singleRun > 0 && p.singleRun === decided;
  const reason = evidenceReason('measured', 'evidence.measured');
  for (const lang of LANGS) {
    const t = (key: PolicyMessageKey, vars?: MessageVars) =>
      translate(POLICY_TEXT, lang, key, vars);
    reason.text[lang] = t('evidence.measured', {
      candidate: p.candidate,
      baseline: p.baseline,
      improvement: p.improvement,
      same: p.noDifference,
      regression: p.regression,
      inconclusive:
        p.inconclusive > 0 ? t('evidence.measured.inconclusive', { n: p.inconclusive }) : '',
      range,
      single: single ? t('evidence.measured.single') : '',
    });
  }
  return reason;
}
