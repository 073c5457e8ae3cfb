/**
 * Measured stalls as policy evidence (issue 15.3): in a cell whose disk is not yet written
 * (sparse or fallocated file, thin block device, or a run marked not pre-written), a comparison
 * where `native` keeps or beats the mean of the other mode while its p99.9 or maximum latency
 * worsens (a tail regression, see core/compare/tail-verdict.ts) is the stall the H-rules warn of:
 * io_submit blocking while the filesystem allocates. It counts against native on that layout,
 * with the citations the sparse-file rule already gives (evidence.rules.ts, 'tailStalls').
 */
import type { AioMode } from '../model/record.types';
import { AIO_MODES } from '../model/record.types';
import type { CellComparison } from '../compare/compare.types';
import { DEFAULT_SPEC } from '../compare/compare.types';
import { knownWithoutTail, tailVerdictsOf } from '../compare/tail-verdict';
import type { TailVerdict } from '../compare/tail-verdict';
import type { Facts } from './facts';
import type { EvidenceHint } from './recommend.evidence';
import type { Base } from './recommend.base';
import type { EvidenceSummary, Reason } from './policy.types';
import { evidenceReason } from './evidence.rules';
import { formatRatio, TAIL_LABELS } from '../compare/tail-verdict';
import { formatPct } from '../compare/verdict';

/** One measured stall of native: the comparison cell's key, the other mode and the verdict. */
export interface MeasuredStall {
  key: string;
  /** The mode native was compared with. */
  other: AioMode;
  tail: TailVerdict;
}

/** Layouts where the first writes allocate: a stall there is the allocation path. */
const UNWRITTEN_LAYOUTS: ReadonlySet<string> = new Set([
  'file-sparse',
  'file-falloc',
  'block-thin',
]);

const isAio = (v: unknown): v is AioMode =>
  typeof v === 'string' && (AIO_MODES as readonly string[]).includes(v);

function modeOf(c: CellComparison, side: 'baseline' | 'candidate'): AioMode | null {
  const r = c[side].used[0] ?? c[side].records[0];
  return r && isAio(r.aio) ? r.aio : null;
}

/**
 * The stalls of native among `evidence` (comparisons with native as the candidate, on an
 * unwritten layout or a not-pre-written run, resting on no flagged record). The threshold is the
 * default spec's (the evidence does not carry its comparison's).
 */
export function measuredStalls(
  evidence: readonly CellComparison[],
  f: Facts,
  hint?: EvidenceHint,
): MeasuredStall[] {
  const out: MeasuredStall[] = [];
  if (!f.cacheDirect) return out; // native without O_DIRECT measured threads (see recommend.ts)
  for (const c of evidence) {
    // The checks that need no records first (modeOf() builds a side's sorted records, and a
    // compare() cell builds its `cell` object on first read); a comparison without any tail
    // value, the common case, is known at once.
    if (knownWithoutTail(c)) continue;
    if (c.flags.length > 0 && !(hint?.excludeFlagged ?? false)) continue;
    if (!UNWRITTEN_LAYOUTS.has(f.layout) && c.cell.prewritten !== 'false') continue;
    const candidate = hint ? hint.candidate : modeOf(c, 'candidate');
    const baseline = hint ? hint.baseline : modeOf(c, 'baseline');
    if (candidate !== 'native' || baseline === null || baseline === 'native') continue;
    const tail = tailVerdictsOf([c], DEFAULT_SPEC.thresholdPct)[0];
    if (tail) out.push({ key: c.key, other: baseline, tail });
  }
  return out;
}

/** "p99.9 ×3.1 (IOPS +12.0% vs threads)": language-neutral enough for both tables. */
function stallText(s: MeasuredStall): string {
  const primary = s.tail.primary === 'iops' ? 'IOPS' : s.tail.primary;
  const metric = s.tail.metric === 'lat_p999_us' ? 'p99.9' : TAIL_LABELS[s.tail.metric];
  return `${metric} ${formatRatio(s.tail.ratio)} (${primary} ${formatPct(s.tail.primaryPct)} vs ${s.other})`;
}

/**
 * What measured stalls do to a decision whose mode is `mode` so far: null when there are none;
 * else the reason (or risk) to add, the mode (another acceptable one when native was chosen) and
 * the confidence step (−1 when native stays for want of an alternative). Records the stalls in
 * `ev.stalls` for the report.
 */
export function stallEvidence(
  evidence: readonly CellComparison[],
  b: Base,
  mode: AioMode,
  hint: EvidenceHint | undefined,
  ev: EvidenceSummary,
): { mode: AioMode; confidenceShift: -1 | 0; reason: Reason; risk: boolean } | null {
  const stalls = measuredStalls(evidence, b.facts, hint);
  if (stalls.length === 0) return null;
  ev.stalls = stalls.map((s) => ({ key: s.key, other: s.other, text: stallText(s) }));
  const list = ev.stalls.map((s) => s.text).join('; ');
  if (mode !== 'native')
    return {
      mode,
      confidenceShift: 0,
      reason: evidenceReason('tailStalls', 'evidence.tailStalls', { list }),
      risk: false,
    };
  const alternative = b.candidates.find((m) => m !== 'native');
  if (alternative === undefined)
    return {
      mode,
      confidenceShift: -1,
      reason: evidenceReason('tailStalls', 'evidence.tailStalls.risk', { list }),
      risk: true,
    };
  ev.changedByEvidence = true;
  return {
    mode: alternative,
    confidenceShift: 0,
    reason: evidenceReason('tailStalls', 'evidence.tailStalls.switch', { list, mode: alternative }),
    risk: false,
  };
}
