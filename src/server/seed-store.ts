/**
 * `aio-dash serve` puts the sets its page shows into the store on start: the bundled sets
 * (dist/data/manifest.json) or, with FILE|DIR arguments, the sets they make (their canonical
 * CSV, as the page gets them). Each is read by the same ingest as an upload and stored once: a
 * set whose content (sha256, the contentId of its file) is already in the store, live or in the
 * trash, is not stored again, so restarts add nothing and a set someone deleted stays deleted.
 * The page computes the same sha256 for the same bytes, so it sees these sets as the server's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultStore } from './store/result-store';
import { ingestUpload } from './upload';

/** A set of the page: its name, its data file's name and bytes. */
export interface PageSet {
  name: string;
  file: string;
  bytes: Uint8Array;
}

/**
 * The sets listed in `dataDir/manifest.json` ({ "sets": [{ "name", "file" }] }; the browser's
 * reader is worker/bundled-sets.ts parseManifest). A file outside dataDir is never read; an entry
 * that cannot be read is reported, not fatal.
 */
export function pageSetsFromManifest(dataDir: string): {
  sets: PageSet[];
  problems: string[];
} {
  const manifest = join(dataDir, 'manifest.json');
  if (!existsSync(manifest)) return { sets: [], problems: [] };
  let list: unknown;
  try {
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as unknown;
    list = Array.isArray(json) ? json : (json as { sets?: unknown } | null)?.sets;
  } catch (e) {
    return { sets: [], problems: [`${manifest}: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (!Array.isArray(list)) return { sets: [], problems: [`${manifest}: no "sets" list`] };
  const sets: PageSet[] = [];
  const problems: string[] = [];
  for (const entry of list as unknown[]) {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const file = typeof e.file === 'string' ? e.file.replace(/^\.?\/?data\//, '') : '';
    if (file === '' || /[/\\]/.test(file) || file.startsWith('.')) {
      problems.push(`${manifest}: an entry without a usable "file"`);
      continue;
    }
    const name =
      typeof e.name === 'string' && e.name !== '' ? e.name : file.replace(/\.[^.]+$/, '');
    try {
      sets.push({ name, file, bytes: new Uint8Array(readFileSync(join(dataDir, file))) });
    } catch (e) {
      problems.push(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { sets, problems };
}

export interface SeedOutcome {
  /** Names of the sets stored now. */
  stored: string[];
  /** Names of the sets whose content the store already had. */
  present: string[];
  /** Sets that could not be read as result sets. */
  failed: { name: string; reason: string }[];
}

/** Stores each page set whose content the store does not have yet (see the top of the file). */
export async function storePageSets(
  store: ResultStore,
  sets: readonly PageSet[],
  who: string,
  onStored?: (id: string, name: string, records: number) => void,
): Promise<SeedOutcome> {
  const out: SeedOutcome = { stored: [], present: [], failed: [] };
  const known = new Set(
    [...(await store.listSets()), ...(await store.listSets({ trash: true }))].map((s) => s.sha256),
  );
  for (const page of sets) {
    const read = ingestUpload([{ name: page.file, bytes: page.bytes }], page.name);
    if (!read.ok) {
      out.failed.push({ name: page.name, reason: read.reason });
      continue;
    }
    const { records, ...r } = read.value;
    if (known.has(r.sha256)) {
      out.present.push(page.name);
      continue;
    }
    const set = await store.putSet(
      {
        name: page.name,
        records: records.length,
        accepted: r.accepted,
        rejected: r.rejected.length,
        flagged: r.flagged,
        sha256: r.sha256,
        files: r.files,
        notes: r.notes,
      },
      records,
      who,
    );
    known.add(r.sha256);
    out.stored.push(set.name);
    onStored?.(set.id, set.name, set.records);
  }
  return out;
}
