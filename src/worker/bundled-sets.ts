/**
 * The bundled sets: data/manifest.json (written by the seed/CLI; served at /data by vite and
 * serve) read leniently, and every set it lists loaded through the ingest worker's client.
 */
import { fail, ok, type Result } from '../core/model/result';
import { createIngestClient } from './client';
import type { IngestClient, ProgressListener } from './client';
import type { IngestBatch } from './loaded-set.types';

/** One bundled set as listed in data/manifest.json. */
export interface BundledSetEntry {
  /** Result-set name (the `set` of its records). */
  name: string;
  /** File name inside data/ (no directories). */
  file: string;
  description: string;
  /** Where the data came from (e.g. "data/sources/aio-plan-2023q1.md"). */
  source: string;
}

const SAFE_FILE = /^[^/\\]+$/;

/**
 * Reads a manifest. Accepted shapes (lenient, the writer may add fields): `{ "sets": [...] }`
 * or a bare array; entries are `{ "name"?, "file" | "path" | "csv", "description"?, "source"? }`
 * or a file-name string. File names are taken inside data/ only (a leading "data/" is dropped;
 * any other directory part is refused).
 */
export function parseManifest(json: unknown): Result<BundledSetEntry[]> {
  const list: unknown = Array.isArray(json)
    ? json
    : typeof json === 'object' && json !== null
      ? ((json as Record<string, unknown>).sets ?? (json as Record<string, unknown>).files)
      : undefined;
  if (!Array.isArray(list))
    return fail('manifest.json: expected { "sets": [ { "name", "file", ... } ] }');
  const entries: BundledSetEntry[] = [];
  for (const [i, raw] of list.entries()) {
    const e: Record<string, unknown> =
      typeof raw === 'string'
        ? { file: raw }
        : typeof raw === 'object' && raw !== null
          ? (raw as Record<string, unknown>)
          : {};
    const fileRaw = [e.file, e.path, e.csv].find((v): v is string => typeof v === 'string');
    const file = fileRaw?.replace(/^\.?\/?data\//, '');
    if (!file || !SAFE_FILE.test(file) || file.startsWith('.'))
      return fail(`manifest.json: entry ${i + 1} has no usable "file" inside data/`);
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const name = str(e.name) || str(e.set) || file.replace(/\.[^.]+$/, '');
    entries.push({
      name,
      file,
      description: str(e.description),
      source: str(e.source) || `data/${file}`,
    });
  }
  return ok(entries);
}

export interface LoadBundledOptions {
  /** Reuse a client (kept open); by default a temporary one is created and disposed. */
  client?: IngestClient;
  /** Base URL of the app (default: Vite's BASE_URL, "/"). */
  baseUrl?: string;
  fetch?: typeof fetch;
  onProgress?: ProgressListener;
}

/**
 * Loads every set listed in `${baseUrl}data/manifest.json` through the ingest worker. No
 * manifest (HTTP 404) means nothing is bundled: an empty batch, not a failure. A listed file
 * that cannot be fetched or read is a failure entry; the other sets still load.
 */
export async function loadBundledSets(options: LoadBundledOptions = {}): Promise<IngestBatch> {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl ?? import.meta.env?.BASE_URL ?? '/';
  const dataUrl = (file: string) =>
    `${base.endsWith('/') ? base : `${base}/`}data/${encodeURIComponent(file)}`;
  let manifest: unknown;
  try {
    const res = await doFetch(dataUrl('manifest.json'));
    if (res.status === 404) return { sets: [], failures: [] };
    if (!res.ok)
      return { sets: [], failures: [{ file: 'data/manifest.json', reason: `HTTP ${res.status}` }] };
    manifest = await res.json();
  } catch (e) {
    return {
      sets: [],
      failures: [
        { file: 'data/manifest.json', reason: e instanceof Error ? e.message : String(e) },
      ],
    };
  }
  const entries = parseManifest(manifest);
  if (!entries.ok)
    return { sets: [], failures: [{ file: 'data/manifest.json', reason: entries.reason }] };

  const client = options.client ?? createIngestClient();
  try {
    const batches = await Promise.all(
      entries.value.map(async (entry): Promise<IngestBatch> => {
        try {
          const res = await doFetch(dataUrl(entry.file));
          if (!res.ok)
            return { sets: [], failures: [{ file: entry.file, reason: `HTTP ${res.status}` }] };
          const bytes = await res.arrayBuffer();
          return await client.ingestBuffers(
            [{ name: entry.file, bytes }],
            { set: entry.name },
            options.onProgress,
            {
              source: entry.source,
              description: entry.description,
            },
          );
        } catch (e) {
          return {
            sets: [],
            failures: [{ file: entry.file, reason: e instanceof Error ? e.message : String(e) }],
          };
        }
      }),
    );
    return { sets: batches.flatMap((b) => b.sets), failures: batches.flatMap((b) => b.failures) };
  } finally {
    if (!options.client) client.dispose();
  }
}
