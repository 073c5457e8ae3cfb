import type { QualityFlag, ResultRecord } from '../../core/model/record.types';

export interface SetCounts {
  records: number;
  /** Records with any flag (incomplete included). */
  flagged: number;
  incomplete: number;
}

/** The counts shown above the records table and on each set chip. */
export function countRecords(records: readonly ResultRecord[]): SetCounts {
  let flagged = 0;
  let incomplete = 0;
  for (const r of records) {
    if (r.flags.length > 0) flagged++;
    if (r.flags.includes('incomplete')) incomplete++;
  }
  return { records: records.length, flagged, incomplete };
}

/** Flags that "exclude flagged records" leaves out (incomplete/failed runs have no measurement anyway). */
export const EXCLUDABLE_FLAGS: readonly QualityFlag[] = ['unit-suspect', 'sparse-read'];

export function countExcludable(records: readonly ResultRecord[]): number {
  let n = 0;
  for (const r of records) if (r.flags.some((f) => EXCLUDABLE_FLAGS.includes(f))) n++;
  return n;
}
