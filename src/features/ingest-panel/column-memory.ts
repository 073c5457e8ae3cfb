/**
 * The mapping step's memory: the column mapping the user chose for a header row, keyed by the
 * header row's signature (headerSignature in src/core/ingest/column-map.ts), in localStorage.
 * What is read back is checked (another version of the app or a user may have written it);
 * entries that are not column maps are dropped.
 */
import type { ColumnChoice, ColumnMap } from '../../core/ingest/column-map';

export const MEMORY_KEY = 'aio-dash.column-maps';
/** Header rows remembered at most (the oldest are forgotten first). */
export const MAX_REMEMBERED = 200;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function readChoice(x: unknown): ColumnChoice | null {
  if (!isObject(x)) return null;
  if (x.kind === 'ignore') return { kind: 'ignore' };
  if (x.kind === 'extra' && typeof x.name === 'string') return { kind: 'extra', name: x.name };
  if (x.kind === 'field' && typeof x.field === 'string' && x.field !== '')
    return { kind: 'field', field: x.field } as ColumnChoice;
  return null;
}

/** A column map from untrusted JSON, or null when any entry is not a choice. */
export function readColumnMap(x: unknown): ColumnMap | null {
  if (!isObject(x)) return null;
  const out: Record<string, ColumnChoice> = {};
  for (const [header, c] of Object.entries(x)) {
    const choice = readChoice(c);
    if (!choice) return null;
    out[header] = choice;
  }
  return out;
}

/** Every remembered mapping (signature → map); {} when there is none or storage is unavailable. */
export function rememberedMaps(storage: Storage | null = safeStorage()): Record<string, ColumnMap> {
  const out: Record<string, ColumnMap> = {};
  try {
    const raw = storage?.getItem(MEMORY_KEY);
    if (!raw) return out;
    const parsed: unknown = JSON.parse(raw);
    if (!isObject(parsed)) return out;
    for (const [sig, m] of Object.entries(parsed)) {
      const map = readColumnMap(m);
      if (map) out[sig] = map;
    }
  } catch {
    // Unreadable memory is no memory: the mapping step asks again.
  }
  return out;
}

/** Remembers `map` for the header row `signature` (most recent last); false if it could not. */
export function rememberMap(
  signature: string,
  map: ColumnMap,
  storage: Storage | null = safeStorage(),
): boolean {
  if (!storage) return false;
  const all = rememberedMaps(storage);
  delete all[signature];
  all[signature] = map;
  const keys = Object.keys(all);
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete all[k];
  try {
    storage.setItem(MEMORY_KEY, JSON.stringify(all));
    return true;
  } catch {
    return false; // private mode or full: the choice still applies to this load
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
