/**
 * The sets a served page shows go into the store once: the repository's bundled sets (data/)
 * into a real DuckDB store in a temporary directory, started three times.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentId, sha256Hex } from '../core/sets/content-id';
import { pageSetsFromManifest, storePageSets } from './seed-store';
import { openDuckDbStore } from './store/duckdb';

const DATA = join(__dirname, '../../data');
let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('serve: the page sets in the store', () => {
  it('stores each bundled set once across restarts, and never brings back a deleted one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'aio-seed-'));
    const page = pageSetsFromManifest(DATA);
    expect(page.problems).toEqual([]);
    expect(page.sets.length).toBeGreaterThanOrEqual(2);
    let store = await openDuckDbStore(dir);
    const first = await storePageSets(store, page.sets, 'serve@start');
    expect(first.stored).toEqual(page.sets.map((s) => s.name));
    const listed = await store.listSets();
    // The sha256 the browser computes for the same file (worker: contentId of the file digests).
    expect(listed.map((s) => s.sha256)).toEqual(
      page.sets.map((s) => contentId([sha256Hex(s.bytes)])),
    );
    await store.trashSet(listed[0]!.id, 'test');
    await store.close();
    store = await openDuckDbStore(dir);
    const again = await storePageSets(store, page.sets, 'serve@start');
    expect(again).toEqual({ stored: [], present: page.sets.map((s) => s.name), failed: [] });
    expect((await store.listSets()).length).toBe(page.sets.length - 1);
    await store.close();
  });

  it('reports a set that is not a result set, and a manifest entry outside the data folder', async () => {
    dir = mkdtempSync(join(tmpdir(), 'aio-seed-'));
    const store = await openDuckDbStore(dir);
    const bad = { name: 'junk', file: 'junk.txt', bytes: new TextEncoder().encode('hello\n') };
    const r = await storePageSets(store, [bad], 'serve@start');
    expect(r.failed.map((f) => f.name)).toEqual(['junk']);
    expect(await store.listSets()).toEqual([]);
    await store.close();
    expect(pageSetsFromManifest(join(dir, 'nowhere'))).toEqual({ sets: [], problems: [] });
  });
});
