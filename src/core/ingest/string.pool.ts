/**
 * Strings of records that do not keep the source text alive, and sharing of repeated values.
 *
 * V8 represents a substring of 13 or more characters as a *slice* that points into its parent
 * string: a record holding such a cell (an origin, a kernel version) keeps the whole decoded
 * chunk — or the whole file — in memory for as long as the record lives. Measured at 1M records:
 * 218 MB of dead file text retained by `origin` and `host_kernel` slices. `detach` makes a flat
 * copy; a StringPool shares one flat copy of each repeated value (per field or extra column) and
 * one frozen `extra` object per distinct set of extra values, so 1M records of a few environments
 * point at a few strings and objects instead of each holding its own.
 */

/** Shortest substring V8 makes a slice of its parent (SlicedString::kMinLength). */
const SLICE_MIN = 13;

/**
 * A flat copy of `s` that shares no memory with a larger string. Strings shorter than 13
 * characters are already copies (V8 copies short substrings); longer ones are rebuilt by
 * Array.prototype.join, which writes a new sequential string (~0.1 µs for an origin).
 */
export function detach(s: string): string {
  return s.length < SLICE_MIN ? s : [s.slice(0, 1), s.slice(1)].join('');
}

/** `prefix + n` as one flat string (a `+` of 13+ characters makes a two-part cons string). */
export function joinFlat(prefix: string, n: number): string {
  return [prefix, n].join('');
}

/**
 * Lets go of the subject of the last regular-expression match. V8 keeps it alive for the legacy
 * RegExp.input / RegExp.lastMatch: after an ingest that is a cell of the text — a slice that kept
 * a 22 MB file text alive in a heap snapshot. A match on a constant string replaces it.
 */
export function releaseLastMatch(): void {
  EMPTY_MATCH.test('');
}
const EMPTY_MATCH = /(?:)/;

/** Distinct values kept per field or extra column: beyond, values are copied, not shared. */
const MAX_PER_SLOT = 4096;
/** Distinct `extra` objects shared per ingest: beyond, each record keeps its own. */
const MAX_EXTRA_OBJECTS = 4096;

interface ExtraNode {
  /** key → value → node of the objects that continue with that key and value. */
  next: Map<string, Map<string, ExtraNode>> | null;
  shared: Readonly<Record<string, string>> | null;
}

/** Slot of the extra columns in `byCode` (field codes are 0..34, see vocab.ts FIELD_CODE). */
const EXTRA_SLOTS_FROM = 64;

/**
 * Shared copies of repeated strings (and, when `shareObjects`, of whole `extra` objects) for one
 * ingest. Bounded per slot, so a column of unique values (run ids, timestamps) costs a few
 * thousand entries, not one per row. Dropped with the ingest: nothing accumulates across files.
 */
export class StringPool {
  private readonly byCode: (Map<string, string> | undefined)[] = [];
  private readonly extraSlot = new Map<string, number>();
  private lastKey = '';
  private lastSlot = -1;
  private readonly extraRoot: ExtraNode = { next: null, shared: null };
  private extraObjects = 0;
  private readonly flagLists = new Map<string, readonly string[]>();

  constructor(private readonly shareObjects = true) {}

  /** The shared flat copy of `s` among the values of slot `code` (a FIELD_CODE). */
  get(code: number, s: string): string {
    let m = this.byCode[code];
    if (m === undefined) {
      m = new Map();
      this.byCode[code] = m;
    }
    const v = m.get(s);
    if (v !== undefined) return v;
    const copy = detach(s);
    if (m.size < MAX_PER_SLOT) m.set(copy, copy);
    return copy;
  }

  /** The shared flat copy of a value of the extra column `key`. */
  extraValue(key: string, s: string): string {
    if (!this.shareObjects) return detach(s); // the global pool: no slot per column name
    if (key === this.lastKey) return this.get(this.lastSlot, s);
    let slot = this.extraSlot.get(key);
    if (slot === undefined) {
      slot = EXTRA_SLOTS_FROM + this.extraSlot.size;
      this.extraSlot.set(detach(key), slot);
    }
    this.lastKey = key;
    this.lastSlot = slot;
    return this.get(slot, s);
  }

  /**
   * One frozen object per distinct `extra` (same keys in the same order, same values): records
   * are immutable once loaded, and setExtra copies a frozen object before writing to it.
   */
  shareExtra(extra: Record<string, string>): Record<string, string> {
    if (!this.shareObjects) return extra;
    let node = this.extraRoot;
    for (const k in extra) {
      const v = extra[k]!;
      let byKey = node.next?.get(k);
      let child = byKey?.get(v);
      if (child === undefined) {
        if (this.extraObjects >= MAX_EXTRA_OBJECTS) return extra;
        node.next ??= new Map();
        if (byKey === undefined) {
          byKey = new Map();
          node.next.set(detach(k), byKey);
        }
        child = { next: null, shared: null };
        byKey.set(detach(v), child);
      }
      node = child;
    }
    if (node.shared === null) {
      if (this.extraObjects >= MAX_EXTRA_OBJECTS) return extra;
      this.extraObjects++;
      const copy: Record<string, string> = {};
      for (const k in extra) copy[detach(k)] = detach(extra[k]!);
      node.shared = Object.freeze(copy);
    }
    return node.shared;
  }

  /** One frozen array per distinct list of flags (same flags, same order). */
  shareFlags<T extends string>(flags: T[]): T[] {
    if (!this.shareObjects || flags.length === 0) return flags;
    const key = flags.length === 1 ? flags[0]! : flags.join(';');
    const hit = this.flagLists.get(key);
    if (hit !== undefined) return hit as T[];
    const frozen = Object.freeze(flags.slice());
    this.flagLists.set(key, frozen);
    return frozen as T[];
  }
}

/**
 * The pool of callers outside an ingest (labels, tests, single records): shares vocabulary
 * values across calls like the former module-wide intern table, bounded, and copies them flat.
 */
export const GLOBAL_POOL = new StringPool(false);
