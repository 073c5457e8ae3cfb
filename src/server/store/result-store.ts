/**
 * The team server's one store interface (issue 13). Every backend (duckdb.ts, clickhouse.ts)
 * implements it, and the same contract tests run against each. The HTTP layer
 * (../http.ts) talks to nothing else.
 */
import { randomBytes } from 'node:crypto';
import type { Dimension, DimensionValue, ResultRecord } from '../../core/model/record.types';
import type { CellAggregates } from '../../core/compare/aggregates.types';
import { uniqueSetName } from '../../core/sets/sets';

/** A stored result set as listed by `GET /api/sets`. */
export interface StoredSet {
  /** Server-made id: [A-Za-z0-9_-], never derived from a request. */
  id: string;
  name: string;
  /** Records stored (= accepted). */
  records: number;
  accepted: number;
  rejected: number;
  flagged: number;
  /** ISO 8601, UTC. */
  created: string;
  /** contentId of the set's files (core/sets). */
  sha256: string;
  files: string[];
  notes: string[];
  /** ISO 8601 when moved to the trash; null while live. */
  deleted: string | null;
}

/** What a put stores: the set's description (without id, created, deleted) and its records. */
export type NewSet = Omit<StoredSet, 'id' | 'created' | 'deleted'>;

/**
 * The identity a backup keeps (`aio-dash import`): the set's id and creation time, so links with
 * `set=ID` open the same set after a restore. The caller checks first that the id is free.
 */
export interface RestoredIdentity {
  id: string;
  created: string;
}

/** A new set id: 12 URL-safe characters from 9 random bytes. */
const newId = (): string => randomBytes(9).toString('base64url');

/**
 * The set a put stores, the same in every backend: the restored id and creation time, else a new
 * id and now; the name made unique among the live sets' `liveNames` (uniqueSetName); live.
 */
export function storedSetOf(
  set: NewSet,
  liveNames: readonly string[],
  restore?: RestoredIdentity,
): StoredSet {
  return {
    ...set,
    id: restore?.id ?? newId(),
    name: uniqueSetName(set.name, liveNames),
    created: restore?.created ?? new Date().toISOString(),
    deleted: null,
  };
}

/** One line of the append-only audit log: who did what, when. */
export interface AuditEntry {
  /** ISO 8601, UTC. */
  at: string;
  /** The token's label ('token' or 'open' on a server without a token) and the peer address. */
  who: string;
  action: 'put' | 'delete' | 'restore';
  setId: string;
  detail: string;
}

export interface ResultStore {
  /** Live sets (trash excluded unless `trash`), oldest first. */
  listSets(opts?: { trash?: boolean }): Promise<StoredSet[]>;
  /** One set (live or in the trash), or null when unknown. */
  getSet(id: string): Promise<StoredSet | null>;
  /**
   * Stores a set whole or not at all (one transaction) under a new id, and its audit entry in the
   * same transaction. `name` is made unique among live sets (uniqueSetName), and every record's
   * `set` is stored as that name (one stored set = one name). Returns the set.
   */
  putSet(
    set: NewSet,
    records: readonly ResultRecord[],
    who: string,
    restore?: RestoredIdentity,
  ): Promise<StoredSet>;
  /** The records of a live set in stored order, or null when unknown or in the trash. */
  getRecords(id: string): Promise<ResultRecord[] | null>;
  /**
   * The canonical CSV of a live set, as pieces made while they are read (joined, they equal
   * recordsToCsv(getRecords(id))); null when unknown or in the trash. Optional: without it the
   * CSV is made from getRecords().
   */
  recordsCsv?(id: string): Promise<AsyncIterable<string> | null>;
  /** Moves a live set to the trash; false when unknown or already there. */
  trashSet(id: string, who: string): Promise<boolean>;
  /**
   * Brings a set back from the trash (renamed by uniqueSetName when a live set took its name
   * meanwhile); false when unknown or not in the trash.
   */
  restoreSet(id: string, who: string): Promise<boolean>;
  /** The audit log, oldest first. */
  audit(): Promise<AuditEntry[]>;
  /**
   * The per-cell, per-side aggregates of a comparison, computed in the database (issue 13.6):
   * what `/api/compare` turns into verdicts (../../core/compare/aggregates.compare.ts) without reading records.
   * null when a set is unknown or in the trash. The rules (scope, host layer, what counts) are
   * those of src/core/compare/reference.ts; see CellQuery and CellAggregates.
   */
  aggregateCells(query: CellQuery): Promise<CellAggregates | null>;
  close(): Promise<void>;
}

/** What aggregateCells() aggregates: the sets and the comparison's spec. */
export interface CellQuery {
  /**
   * Live set ids. Their records are taken as one list: the sets in this order, each in stored
   * order (the `ord` of CellGroup and RestatedRow orders records that way).
   */
  sets: readonly string[];
  /** ComparisonSpec.axis, baseline, candidate (compared with dimensionValue() strings). */
  axis: Dimension;
  baseline: DimensionValue;
  candidate: DimensionValue;
  /** Pool the sets: `set` is not a cell dimension. */
  poolSets: boolean;
  /** Flagged records do not count (reference.ts leftOut: 'excludedFlagged'). */
  excludeFlagged: boolean;
  /**
   * Host-layer records in scope. Omitted: as `aio-dash compare` decides it, true exactly when the
   * sets have records and every one is `layer=host`. Ignored when the axis is `layer`.
   */
  includeHostLayer?: boolean;
  /** Extra columns that are dimensions (`x:name`). Omitted: detected as extraDimensions() does. */
  extraDimensions?: Dimension[];
}

export type {
  CellAggregates,
  CellGroup,
  MetricAggregate,
  RestatedRow,
} from '../../core/compare/aggregates.types';
export { medianOf } from '../../core/compare/aggregates.types';

/** Ids the server makes and accepts: anything else in a URL is a 404 before the store is asked. */
export const SET_ID = /^[A-Za-z0-9_-]{1,64}$/;
