/**
 * The `events` table of the ClickHouse store (see clickhouse.ts): one row per put, delete and
 * restore, and the fold of those rows into the sets as they are now.
 */
import type { AuditEntry, StoredSet } from './result-store';

/** One row of `events`, as JSONEachRow gives it (UInt64 arrive as strings). */
export interface EventRow {
  rev: number | string;
  at: string;
  who: string;
  action: AuditEntry['action'];
  set_id: string;
  name: string;
  /** A put's set: its creation time (a backup's, on import); '' for the other actions. */
  created: string;
  /** ISO time of a delete; '' otherwise (no Nullable: argMax-style folds skip NULLs). */
  deleted: string;
  records: number | string;
  accepted: number | string;
  rejected: number | string;
  flagged: number | string;
  sha256: string;
  files: string;
  notes: string;
  detail: string;
}

/** The sets as the event log says they are now, in put order. */
export function foldEvents(events: readonly EventRow[]): Map<string, StoredSet> {
  const sets = new Map<string, StoredSet>();
  for (const e of events) {
    if (e.action === 'put') {
      sets.set(e.set_id, {
        id: e.set_id,
        name: e.name,
        records: Number(e.records),
        accepted: Number(e.accepted),
        rejected: Number(e.rejected),
        flagged: Number(e.flagged),
        created: e.created,
        sha256: e.sha256,
        files: JSON.parse(e.files) as string[],
        notes: JSON.parse(e.notes) as string[],
        deleted: null,
      });
      continue;
    }
    const s = sets.get(e.set_id);
    if (!s) continue;
    s.name = e.name;
    s.deleted = e.action === 'delete' ? e.deleted : null;
  }
  return sets;
}
