/**
 * What adding, renaming and merging loaded result sets does to the list of sets (pure; the hook
 * useResultSets.ts applies the outcome and saves it). Rules (spec "Result sets"): a load never
 * replaces or merges a set silently — a taken name gets a suffix (`name (2)`); a set whose
 * content (sha256 of its input files) equals a loaded set's is not added, and the caller says so.
 * Renames and merges are the user's explicit choice and rewrite the records' `set`.
 */
import type { ColumnMap } from '../core/ingest/column-map';
import type { ResultRecord } from '../core/model/record.types';
import { uniqueSetName } from '../core/sets/sets';
import type { LoadedSet } from '../worker/loaded-set.types';

export interface AddOutcome {
  /** The sets added, under their final (unique) names. */
  added: LoadedSet[];
  /** Sets not added because their content equals a loaded set's (`existing`). */
  identical: { name: string; existing: string }[];
  /** Sets added under another name than they came with (the name was taken meanwhile). */
  renamed: { from: string; to: string }[];
}

export type EditRefusal = 'empty' | 'taken' | 'none' | 'bundled' | 'server';
export type EditResult = { ok: true; value: LoadedSet } | { ok: false; reason: EditRefusal };

/** The set under another name, its records' `set` rewritten (the records stay untouched). */
export function withSetName(set: LoadedSet, name: string): LoadedSet {
  if (set.name === name) return set;
  const records: ResultRecord[] = set.records.map((r) => ({ ...r, set: name }));
  return { ...set, name, records };
}

/** Adds `incoming` to `existing`: unique names, identical content left out (see AddOutcome). */
export function addLoadedSets(
  existing: readonly LoadedSet[],
  incoming: readonly LoadedSet[],
): AddOutcome {
  const taken = new Set(existing.map((s) => s.name));
  const byContent = new Map<string, string>();
  for (const s of existing) if (s.sha256) byContent.set(s.sha256, s.name);
  const out: AddOutcome = { added: [], identical: [], renamed: [] };
  for (const s of incoming) {
    const same = s.sha256 ? byContent.get(s.sha256) : undefined;
    if (same !== undefined) {
      out.identical.push({ name: s.name, existing: same });
      continue;
    }
    const name = uniqueSetName(s.name, taken);
    taken.add(name);
    if (s.sha256) byContent.set(s.sha256, name);
    if (name !== s.name) out.renamed.push({ from: s.name, to: name });
    out.added.push(withSetName(s, name));
  }
  return out;
}

/** Renames set `from` to `to` (trimmed); bundled sets keep their names (links refer to them). */
export function renameLoadedSet(
  sets: readonly LoadedSet[],
  from: string,
  to: string,
  bundled: ReadonlySet<string>,
): EditResult {
  const name = to.trim();
  const set = sets.find((s) => s.name === from);
  if (!set) return { ok: false, reason: 'none' };
  if (bundled.has(from)) return { ok: false, reason: 'bundled' };
  // Its records are on the server, under the server's name.
  if (sets.some((s) => s.name === from && s.server)) return { ok: false, reason: 'server' };
  if (name === '') return { ok: false, reason: 'empty' };
  if (name !== from && sets.some((s) => s.name === name)) return { ok: false, reason: 'taken' };
  return { ok: true, value: withSetName(set, name) };
}

/**
 * One set named `into` (trimmed) made of the sets `names` (at least two, none bundled), in list
 * order: records, reports and files concatenated, every record's `set` rewritten. `into` may be
 * one of the merged names, not another set's. `sha256` is left '' (the caller computes the
 * contentId of `fileSha256`, which needs the hash code).
 */
export function mergeLoadedSets(
  sets: readonly LoadedSet[],
  names: readonly string[],
  into: string,
  bundled: ReadonlySet<string>,
  now: () => Date = () => new Date(),
): EditResult {
  const name = into.trim();
  const chosen = new Set(names);
  const parts = sets.filter((s) => chosen.has(s.name));
  if (parts.length < 2 || parts.length !== chosen.size) return { ok: false, reason: 'none' };
  if (parts.some((s) => bundled.has(s.name))) return { ok: false, reason: 'bundled' };
  if (parts.some((s) => s.server)) return { ok: false, reason: 'server' };
  if (name === '') return { ok: false, reason: 'empty' };
  if (sets.some((s) => s.name === name && !chosen.has(s.name)))
    return { ok: false, reason: 'taken' };
  const records: ResultRecord[] = [];
  for (const p of parts) for (const r of p.records) records.push({ ...r, set: name });
  const digestsKnown = parts.every((p) => p.fileSha256.length === p.files.length);
  const mapped = parts.filter((p) => p.mapping);
  let mapping: ColumnMap | undefined;
  for (const p of mapped) mapping = { ...mapping, ...p.mapping };
  return {
    ok: true,
    value: {
      name,
      description: parts
        .map((p) => p.description)
        .filter((d) => d !== '')
        .join(' · '),
      source: parts.map((p) => p.source).join(', '),
      records,
      reports: parts.flatMap((p) => p.reports),
      loadedAt: now().toISOString(),
      sha256: '',
      files: parts.flatMap((p) => p.files),
      fileSha256: digestsKnown ? parts.flatMap((p) => p.fileSha256) : [],
      ...(mapping ? { mapping } : {}),
    },
  };
}

/**
 * contentId (src/core/sets/sets.ts) of file digests, with the browser's own SHA-256 (async), so
 * that the main bundle does not carry a hash implementation for the rare merge. The same bytes
 * are hashed (sorted digests, one per line, UTF-8): set-ops.test.ts checks both agree. null
 * where the browser offers no SubtleCrypto (a page not served from localhost or https).
 */
export async function contentIdAsync(fileDigests: readonly string[]): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const text = [...fileDigests].sort().join('\n');
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
