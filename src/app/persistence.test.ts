import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDB } from 'idb';
import type { IngestReport } from '../core/model/record.types';
import type { LoadedSet } from '../worker/loaded-set.types';
import { recordArb } from '../worker/record.arbitrary';
import { DB_NAME, STORE, createSetStore, readStoredSet, type SetStore } from './persistence';

const report = (file: string, accepted: number, rejectedLines: number[]): IngestReport => ({
  file,
  format: 'csv',
  read: accepted + rejectedLines.length,
  accepted,
  rejected: rejectedLines.map((line) => ({ file, line, reason: 'no metric column' })),
  flagged: 0,
  notes: ['decoded as GB18030'],
});

const makeSet = (name: string, n: number, seed: number, loadedAt = '2024-05-01T10:00:00.000Z'): LoadedSet => ({
  name,
  description: '',
  source: `${name}.csv`,
  records: fc.sample(recordArb, { numRuns: n, seed }).map((r) => ({ ...r, set: name })),
  reports: [report(`${name}.csv`, n, [7, 9])],
  loadedAt,
});

let store: SetStore;
beforeEach(() => {
  // A fresh, empty IndexedDB for every test.
  globalThis.indexedDB = new IDBFactory();
  store = createSetStore();
});
afterEach(() => store.close());

describe('set persistence (IndexedDB aio-dash / sets)', () => {
  it('saves sets and loads them back exactly, oldest first', async () => {
    const a = makeSet('fio-nvme', 25, 1, '2024-05-02T00:00:00.000Z');
    const b = makeSet('wiki 表格', 12, 2, '2024-05-01T00:00:00.000Z');
    expect(await store.save(a)).toEqual({ ok: true, value: undefined });
    expect(await store.save(b)).toEqual({ ok: true, value: undefined });
    store.close();

    const loaded = await createSetStore().loadAll();
    expect(loaded).toEqual({ ok: true, value: { sets: [b, a], dropped: [] } });
  });

  it('replaces a set saved again under the same name', async () => {
    await store.save(makeSet('s', 5, 1));
    const newer = makeSet('s', 3, 2, '2024-06-01T00:00:00.000Z');
    await store.save(newer);
    const loaded = await store.loadAll();
    expect(loaded.ok && loaded.value.sets).toEqual([newer]);
  });

  it('removes a set', async () => {
    await store.save(makeSet('keep', 2, 1));
    await store.save(makeSet('drop', 2, 2));
    expect((await store.remove('drop')).ok).toBe(true);
    const loaded = await store.loadAll();
    expect(loaded.ok && loaded.value.sets.map((s) => s.name)).toEqual(['keep']);
  });

  it('drops (and explains) stored values it cannot trust, keeping the good ones', async () => {
    await store.save(makeSet('good', 4, 3));
    const raw = await openDB(DB_NAME);
    const good: unknown = await raw.get(STORE, 'good');
    await raw.put(STORE, { hello: 'world' }, 'garbage');
    await raw.put(STORE, { ...(good as object), v: 2 }, 'future');
    await raw.put(STORE, { ...(good as object), name: 'other' }, 'renamed');
    const tampered = structuredClone(good) as { records: { strings: { aio: { dict: string[] } } } };
    tampered.records.strings.aio.dict.push('turbo');
    await raw.put(STORE, tampered, 'tampered');
    const badCounts = structuredClone(good) as { reports: IngestReport[] };
    badCounts.reports[0]!.read += 1;
    await raw.put(STORE, badCounts, 'miscounted');
    raw.close();

    const loaded = await store.loadAll();
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.sets.map((s) => s.name)).toEqual(['good']);
    const reasons = Object.fromEntries(loaded.value.dropped.map((d) => [d.key, d.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['future', 'garbage', 'miscounted', 'renamed', 'tampered']);
    expect(reasons.future).toMatch(/version 2/);
    expect(reasons.garbage).toMatch(/not a stored result set/);
    expect(reasons.tampered).toMatch(/"turbo" is not one of/);
    expect(reasons.miscounted).toMatch(/read ≠ accepted \+ rejected/);
    expect(reasons.renamed).toMatch(/named "other"/);
  });

  it('rejects values that are not sets without throwing', async () => {
    for (const value of [null, 42, 'x', [], { v: 1 }, { v: 1, name: '', description: '', source: '', loadedAt: 'now', reports: [], records: {} }]) {
      const r = await readStoredSet(value);
      expect(r.ok).toBe(false);
    }
  });

  it('returns an error Result when IndexedDB is unavailable', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error simulating a browser without IndexedDB (private mode in some browsers)
    delete globalThis.indexedDB;
    try {
      const s = createSetStore();
      const r = await s.save(makeSet('x', 1, 1));
      expect(r).toEqual({ ok: false, reason: expect.stringContaining('IndexedDB is not available') });
      expect((await s.loadAll()).ok).toBe(false);
      expect((await s.remove('x')).ok).toBe(false);
    } finally {
      globalThis.indexedDB = saved;
    }
  });

  it('keeps a large set compact and exact (10k records)', async () => {
    const big = makeSet('big', 10_000, 11);
    expect((await store.save(big)).ok).toBe(true);
    const loaded = await store.loadAll();
    expect(loaded.ok && loaded.value.sets[0]!.records).toEqual(big.records);
  });
});
