/**
 * The sets a link was made from: the `src` parameter (RECORDS.HASH.NAME) and matching a link's
 * sets against the sets loaded here (by content hash, else by name and record count).
 */
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import { SET_HASH_LENGTH } from './url-state.types';
import type { SetRef } from './url-state.types';
import { parseDimensionValue } from './url-state.values';

const SET_REF = new RegExp(`^(0|[1-9]\\d{0,9})\\.([0-9a-f]{${SET_HASH_LENGTH}})?\\.([\\s\\S]+)$`);

/**
 * One `src` value: `RECORDS.HASH.NAME` (HASH: 12 lowercase hex digits, or empty when the set has
 * no content hash; NAME last, so it may contain dots). A name follows the rules of a set name in
 * a link: no control characters, at most 200 characters.
 */
export function parseSetRef(s: string): Result<SetRef> {
  const m = SET_REF.exec(s);
  if (!m) return fail('not RECORDS.HASH.NAME');
  const records = Number(m[1]);
  const name = m[3]!;
  if (!Number.isSafeInteger(records)) return fail('record count out of range');
  if (!parseDimensionValue(name).ok || name.trim() === '') return fail('invalid set name');
  return ok({ name, records, hash: m[2] ?? null });
}

export function serializeSetRef(ref: SetRef): string {
  return `${ref.records}.${ref.hash ?? ''}.${ref.name}`;
}

/** The SetRef of a loaded set: its name, record count and the short form of its content hash. */
export function setRefOf(set: {
  name: string;
  records: readonly unknown[];
  sha256?: string;
}): SetRef {
  const h = (set.sha256 ?? '').toLowerCase();
  return {
    name: set.name,
    records: set.records.length,
    hash: /^[0-9a-f]+$/.test(h) && h.length >= SET_HASH_LENGTH ? h.slice(0, SET_HASH_LENGTH) : null,
  };
}

/** Same content: equal hashes when both are known, else equal names and record counts. */
function sameContent(a: SetRef, b: SetRef): boolean {
  if (a.hash !== null && b.hash !== null) return a.hash === b.hash && a.records === b.records;
  return a.name === b.name && a.records === b.records;
}

export interface LinkedSetsMatch {
  /** Linked sets found here, each with the name of the loaded set that has its content. */
  present: { linked: SetRef; loaded: string }[];
  /** Linked sets with no loaded set of that content or name. */
  missing: SetRef[];
  /** Linked sets whose name is loaded here with other content (another count or hash). */
  changed: { linked: SetRef; loaded: SetRef }[];
  /** Loaded sets the link does not name. */
  extra: string[];
}

/**
 * Which of the sets a link was made from are loaded here. A set is present when a loaded set
 * has its content (same hash and count; a renamed set still matches), or — when either side has
 * no hash — the same name and count. A name loaded with other content is `changed`, not present:
 * a view of other data must not pass for the linked one.
 */
export function matchLinkedSets(
  linked: readonly SetRef[],
  loaded: readonly SetRef[],
): LinkedSetsMatch {
  const used = new Set<string>();
  const out: LinkedSetsMatch = { present: [], missing: [], changed: [], extra: [] };
  const later: SetRef[] = [];
  // The same name with the same content first, so that a renamed copy does not take its place.
  for (const l of linked) {
    const same = loaded.find((s) => s.name === l.name && sameContent(l, s));
    if (same) {
      used.add(same.name);
      out.present.push({ linked: l, loaded: same.name });
    } else later.push(l);
  }
  for (const l of later) {
    const byContent =
      l.hash === null
        ? undefined
        : loaded.find((s) => !used.has(s.name) && s.hash !== null && sameContent(l, s));
    if (byContent) {
      used.add(byContent.name);
      out.present.push({ linked: l, loaded: byContent.name });
      continue;
    }
    const byName = loaded.find((s) => s.name === l.name);
    if (byName) out.changed.push({ linked: l, loaded: byName });
    else out.missing.push(l);
  }
  for (const s of loaded) if (!used.has(s.name)) out.extra.push(s.name);
  return out;
}
