/**
 * The team server's one store interface (issue 13). Every backend (duckdb.ts today; ClickHouse
 * later) implements it, and the same contract tests run against each. The HTTP layer
 * (../http.ts) talks to nothing else.
 */
import type { ResultRecord } from '../../core/model/record.types';

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
  putSet(set: NewSet, records: readonly ResultRecord[], who: string): Promise<StoredSet>;
  /** The records of a live set in stored order, or null when unknown or in the trash. */
  getRecords(id: string): Promise<ResultRecord[] | null>;
  /** Moves a live set to the trash; false when unknown or already there. */
  trashSet(id: string, who: string): Promise<boolean>;
  /**
   * Brings a set back from the trash (renamed by uniqueSetName when a live set took its name
   * meanwhile); false when unknown or not in the trash.
   */
  restoreSet(id: string, who: string): Promise<boolean>;
  /** The audit log, oldest first. */
  audit(): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

/** Ids the server makes and accepts: anything else in a URL is a 404 before the store is asked. */
export const SET_ID = /^[A-Za-z0-9_-]{1,64}$/;
