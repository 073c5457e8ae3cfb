/** The English notes of a compare() cell: what each side left out and why, and how it was decided. */
import type { QualityFlag } from '../model/record.types';
import type { ComparisonSpec, MetricDelta } from './compare.types';

/** What a side contributes to its cell's notes. */
export interface SideNotes {
  excludedFlagged: number;
  /** Flags of the excluded records (sorted). */
  excludedFlags: QualityFlag[];
  restated: number;
  notMeasured: number;
}

const NO_NOTES: SideNotes = { excludedFlagged: 0, excludedFlags: [], restated: 0, notMeasured: 0 };

/**
 * The notes of a cell: what each side left out and why, then how the primary delta was decided.
 * `nB`, `nC`: repeats used; `primary`: the first delta in DELTA_METRICS order, null when none.
 */
export function cellNotes(
  nB: number,
  nC: number,
  bIn: SideNotes | null,
  cIn: SideNotes | null,
  primary: MetricDelta | null,
  spec: ComparisonSpec,
): string[] {
  const notes: string[] = [];
  for (const [name, n, s] of [
    ['baseline', nB, bIn ?? NO_NOTES],
    ['candidate', nC, cIn ?? NO_NOTES],
  ] as const) {
    const label = `${name} (${name === 'baseline' ? spec.baseline : spec.candidate})`;
    if (s.excludedFlagged > 0)
      notes.push(
        `${label}: ${s.excludedFlagged} flagged record${s.excludedFlagged > 1 ? 's' : ''} excluded (${s.excludedFlags.join(', ')})`,
      );
    if (s.restated > 0)
      notes.push(
        `${label}: ${s.restated} restated row${s.restated > 1 ? 's' : ''} not counted as repeats`,
      );
    if (n === 0) {
      const why =
        s.excludedFlagged > 0
          ? 'every measured record is flagged'
          : s.notMeasured > 0
            ? 'no measured run (incomplete or failed)'
            : 'no usable run';
      notes.push(`${label}: empty after exclusion — ${why}`);
    }
  }
  if (primary) {
    const d = primary;
    if (d.singleRun) notes.push(`single run: decided on the ${spec.thresholdPct}% threshold alone`);
    else if (d.pValue !== null)
      notes.push(
        `Welch's t-test on ${nB} vs ${nC} runs, p=${d.pValue < 0.001 ? '<0.001' : d.pValue.toFixed(3)}`,
      );
  } else if (nB > 0 && nC > 0) notes.push('no metric measured on both sides');
  if (!primary) notes.push('verdict inconclusive: nothing to compare');
  return notes;
}
