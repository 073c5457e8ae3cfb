/**
 * The report's list of measured stalls (issue 15.3): matrix cells whose decision took a
 * tail regression of native on a not yet written disk as evidence (core/policy/stall-evidence.ts).
 */
import type { MatrixRow } from '../../core/policy/evaluate';

export interface StallRow {
  row: MatrixRow;
  stalls: NonNullable<NonNullable<MatrixRow['decision']['evidence']>['stalls']>;
}

export function stallRows(matrix: readonly MatrixRow[]): StallRow[] {
  const out: StallRow[] = [];
  for (const row of matrix) {
    const stalls = row.decision.evidence?.stalls;
    if (stalls && stalls.length > 0) out.push({ row, stalls });
  }
  return out;
}
