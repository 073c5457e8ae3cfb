import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDB } from 'idb';
import type { IngestReport } from '../core/model/record.types';
import type { LoadedSet } from '../worker/loaded-set.types';
import { recordArb } from '../worker/record.arbitrary';
import { encodeRecords, encodedParts } from '../worker/record-codec';
import {
  DB_NAME,
  PARTS_STORE,
  PART_ROWS,
  STORE,
  createSetStore,
  readStoredSet,
  type SetStore,
} from './persistence';

const report = (file: string, accepted: number, rejectedLines: number[]): IngestReport => ({
  file,
  format: 'csv',
  read: accepted + rejectedLines.length,
  accepted,
  rejected: rejectedLines.map((line) => ({ file, line, reason: 'no metric column' })),
  flagged: 0,
  notes: ['decoded as GB18030'],
});

/** A well-formed SHA-256 hex digest (64 hex digits) from a number. */
const hex = (n: number) => n.toString(16).padStart(64, '0');

const makeSet = (
  name: string,
  n: number,
  seed: number,
  loadedAt = '2024-05-01T10:00:00.000Z',
): LoadedSet => ({
  name,
  description: '',
  source: `${name}.csv`,
  records: fc.sample(recordArb, { numRuns: n, seed }).map((r) => ({ ...r, set: name })),
  reports: [report(`${name}.csv`, n, [7, 9])],
  loadedAt,
  sha256: hex(seed),
  files: [`${name}.csv`],
  fileSha256: [hex(seed + 1)],
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

  it('saves a set and removes the sets it replaces in one step (rename, merge)', async () => {
    await store.save(makeSet('a', 2, 1));
    await store.save(makeSet('b', 3, 2));
    await store.save(makeSet('keep', 1, 3));
    const merged = makeSet('ab', 5, 4);
    expect((await store.save(merged, ['a', 'b', 'ab'])).ok).toBe(true);
    const loaded = await store.loadAll();
    expect(loaded.ok && loaded.value.sets.map((s) => s.name).sort()).toEqual(['ab', 'keep']);
    // No part of a replaced set is left behind.
    const db = await openDB(DB_NAME);
    const keys = await db.getAllKeys(PARTS_STORE);
    db.close();
    expect(keys.map((k) => (k as [string, number])[0]).sort()).toEqual(['ab', 'keep']);
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
    const goodPart: unknown = await raw.get(PARTS_STORE, ['good', 0]);
    await raw.put(STORE, { hello: 'world' }, 'garbage');
    await raw.put(STORE, { ...(good as object), v: 2 }, 'future');
    await raw.put(STORE, { ...(good as object), name: 'other' }, 'renamed');
    await raw.put(PARTS_STORE, goodPart, ['renamed', 0]);
    await raw.put(STORE, { ...(good as object), name: 'tampered' }, 'tampered');
    const tamperedPart = structuredClone(goodPart) as { strings: { aio: { dict: string[] } } };
    tamperedPart.strings.aio.dict.push('turbo');
    await raw.put(PARTS_STORE, tamperedPart, ['tampered', 0]);
    await raw.put(STORE, { ...(good as object), name: 'partless' }, 'partless');
    const badCounts = structuredClone(good) as { name: string; reports: IngestReport[] };
    badCounts.name = 'miscounted';
    badCounts.reports[0]!.read += 1;
    await raw.put(STORE, badCounts, 'miscounted');
    await raw.put(PARTS_STORE, goodPart, ['miscounted', 0]);
    raw.close();

    const loaded = await store.loadAll();
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.sets.map((s) => s.name)).toEqual(['good']);
    const reasons = Object.fromEntries(loaded.value.dropped.map((d) => [d.key, d.reason]));
    expect(Object.keys(reasons).sort()).toEqual([
      'future',
      'garbage',
      'miscounted',
      'partless',
      'renamed',
      'tampered',
    ]);
    expect(reasons.future).toMatch(/version 2/);
    expect(reasons.garbage).toMatch(/not a stored result set/);
    expect(reasons.tampered).toMatch(/"turbo" is not one of/);
    expect(reasons.miscounted).toMatch(/read ≠ accepted \+ rejected/);
    expect(reasons.renamed).toMatch(/named "other"/);
    expect(reasons.partless).toMatch(/1 record parts expected, 0 found/);
  });

  it('rejects values that are not sets without throwing', async () => {
    for (const value of [
      null,
      42,
      'x',
      [],
      { v: 1 },
      { v: 1, name: '', description: '', source: '', loadedAt: 'now', reports: [], records: {} },
    ]) {
      const r = await readStoredSet(value, []);
      expect(r.ok).toBe(false);
    }
  });

  describe('the stored envelope', () => {
    const rep = report('s.csv', 2, [7]);
    const base = {
      v: 1,
      name: 's',
      description: '',
      source: 's.csv',
      loadedAt: '2024-05-01T00:00:00.000Z',
      reports: [rep],
      recordCount: 0,
      parts: 0,
    };
    const withReport = (patch: Record<string, unknown>) => ({
      ...base,
      reports: [{ ...rep, ...patch }],
    });
    const without = (key: string) =>
      Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));

    it('reads a valid one', async () => {
      expect(await readStoredSet(base, [])).toEqual({
        ok: true,
        value: {
          name: 's',
          description: '',
          source: 's.csv',
          loadedAt: base.loadedAt,
          reports: [rep],
          records: [],
          // Saved before sets had a content identity: unknown identity, the reports' files.
          sha256: '',
          files: ['s.csv'],
          fileSha256: [],
        },
      });
    });

    it.each<[string, unknown, string]>([
      ['null', null, 'value'],
      ['an array', [base], 'value'],
      ['an empty name', { ...base, name: '' }, 'name'],
      ['a numeric name', { ...base, name: 3 }, 'name'],
      ['no source', without('source'), 'source'],
      ['a null description', { ...base, description: null }, 'description'],
      ['a numeric date', { ...base, loadedAt: 5 }, 'loadedAt'],
      ['reports not an array', { ...base, reports: { 0: rep } }, 'reports'],
      ['a null report', { ...base, reports: [rep, null] }, 'reports.1'],
      ['a negative count', withReport({ read: -1 }), 'reports.0.read'],
      ['a fractional count', withReport({ accepted: 1.5 }), 'reports.0.accepted'],
      ['a NaN count', withReport({ flagged: NaN }), 'reports.0.flagged'],
      ['an infinite count', withReport({ flagged: Infinity }), 'reports.0.flagged'],
      ['a count beyond 2^53', withReport({ flagged: 2 ** 53 }), 'reports.0.flagged'],
      ['a count as text', { ...base, parts: '0' }, 'parts'],
      ['a negative record count', { ...base, recordCount: -1 }, 'recordCount'],
      ['a note that is not text', withReport({ notes: ['ok', 3] }), 'reports.0.notes.1'],
      [
        'a rejected line as text',
        withReport({ rejected: [{ file: 's.csv', line: '7', reason: 'r' }] }),
        'reports.0.rejected.0.line',
      ],
      [
        'an infinite rejected line',
        withReport({ rejected: [{ file: 's.csv', line: Infinity, reason: 'r' }] }),
        'reports.0.rejected.0.line',
      ],
      ['a digest that is not hex', { ...base, sha256: 'abc' }, 'sha256'],
      ['files that are not text', { ...base, files: [1] }, 'files.0'],
      ['a file digest that is not hex', { ...base, fileSha256: ['x'] }, 'fileSha256.0'],
      [
        'a mapping choice of no kind',
        { ...base, mapping: { Backend: { kind: 'x' } } },
        'mapping.Backend',
      ],
      ['a mapping that is not an object', { ...base, mapping: [] }, 'mapping'],
      [
        'a column inference of an unknown kind',
        withReport({
          columns: [
            { column: 0, header: 'B', choice: { kind: 'ignore' }, how: 'magic', values: [] },
          ],
        }),
        'reports.0.columns.0.how',
      ],
      [
        'a rejected row without reason',
        withReport({ rejected: [{ file: 's.csv', line: 7 }] }),
        'reports.0.rejected.0.reason',
      ],
    ])('rejects %s, naming the field', async (_what, value, path) => {
      const r = await readStoredSet(value, []);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(
        new RegExp(`^not a stored result set \\(${path.replaceAll('.', '\\.')}: expected `),
      );
    });

    it('accepts any finite line number and drops unknown fields instead of failing on them', async () => {
      const extra = {
        ...base,
        extra: true,
        reports: [
          {
            ...rep,
            junk: [1],
            rejected: [{ file: 's.csv', line: -2.5, reason: 'r', x: 1 }],
            read: 3,
          },
        ],
      };
      const r = await readStoredSet(extra, []);
      expect(r.ok && r.value.reports).toEqual([
        { ...rep, rejected: [{ file: 's.csv', line: -2.5, reason: 'r' }], read: 3 },
      ]);
      expect(r.ok && Object.keys(r.value).sort()).toEqual([
        'description',
        'fileSha256',
        'files',
        'loadedAt',
        'name',
        'records',
        'reports',
        'sha256',
        'source',
      ]);
      expect(r.ok && Object.keys(r.value.reports[0]!).sort()).toEqual([
        'accepted',
        'file',
        'flagged',
        'format',
        'notes',
        'read',
        'rejected',
      ]);
    });
  });

  it('keeps content identity, files, column mapping and column inferences across a reload', async () => {
    const set: LoadedSet = {
      ...makeSet('lab-sheet', 4, 11),
      files: ['a.csv', 'sub/b.csv'],
      fileSha256: [hex(1), hex(2)],
      mapping: { Backend: { kind: 'field', field: 'aio' }, Notes: { kind: 'ignore' } },
      reports: [
        {
          ...report('a.csv', 4, []),
          columns: [
            {
              column: 0,
              header: 'Backend',
              choice: { kind: 'field', field: 'aio' },
              how: 'values',
              values: ['threads', 'native'],
            },
          ],
        },
      ],
    };
    expect((await store.save(set)).ok).toBe(true);
    store.close();
    const loaded = await createSetStore().loadAll();
    expect(loaded).toEqual({ ok: true, value: { sets: [set], dropped: [] } });
  });

  it('refuses a set whose file digests do not match its files', async () => {
    const r = await readStoredSet(
      {
        v: 1,
        name: 's',
        description: '',
        source: 's.csv',
        loadedAt: '2024-05-01T00:00:00.000Z',
        reports: [],
        recordCount: 0,
        parts: 0,
        files: ['a.csv', 'b.csv'],
        fileSha256: [hex(1)],
      },
      [],
    );
    expect(r).toEqual({ ok: false, reason: '2 file digests expected, 1 found' });
  });

  it('returns an error Result when IndexedDB is unavailable', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error simulating a browser without IndexedDB (private mode in some browsers)
    delete globalThis.indexedDB;
    try {
      const s = createSetStore();
      const r = await s.save(makeSet('x', 1, 1));
      expect(r).toEqual({
        ok: false,
        reason: expect.stringContaining('IndexedDB is not available'),
      });
      expect((await s.loadAll()).ok).toBe(false);
      expect((await s.remove('x')).ok).toBe(false);
    } finally {
      globalThis.indexedDB = saved;
    }
  });

  it('stores a large set in parts and reads it back exactly; re-saving drops the old parts', async () => {
    const sample = fc.sample(recordArb, { numRuns: 50, seed: 11 });
    const n = 2 * PART_ROWS + 1;
    const records = Array.from({ length: n }, (_, i) => ({
      ...sample[i % 50]!,
      set: 'big',
      origin: `big.csv:${i + 2}`,
    }));
    const big: LoadedSet = {
      ...makeSet('big', 0, 1),
      records,
      reports: [report('big.csv', n, [])],
    };
    expect((await store.save(big)).ok).toBe(true);
    const raw = await openDB(DB_NAME);
    expect(await raw.count(PARTS_STORE)).toBe(3);
    raw.close();
    const loaded = await store.loadAll();
    expect(loaded.ok && loaded.value.sets[0]!.records).toEqual(records);

    const small = makeSet('big', 3, 4);
    await store.save(small);
    const raw2 = await openDB(DB_NAME);
    expect(await raw2.count(PARTS_STORE)).toBe(1);
    raw2.close();
    const again = await store.loadAll();
    expect(again.ok && again.value.sets).toEqual([small]);
    await store.remove('big');
    const raw3 = await openDB(DB_NAME);
    expect([await raw3.count(STORE), await raw3.count(PARTS_STORE)]).toEqual([0, 0]);
    raw3.close();
  });

  it('stores the encoding the worker already made instead of encoding again', async () => {
    const set = makeSet('fresh', 6, 21);
    const other = makeSet('fresh', 6, 22).records;
    // Records are immutable once loaded: the known encoding is what gets stored.
    encodedParts.set(set.records, [encodeRecords(other)]);
    await store.save(set);
    const loaded = await store.loadAll();
    expect(loaded.ok && loaded.value.sets[0]!.records).toEqual(other);
    // A stale encoding (wrong length) is ignored.
    const set2 = makeSet('fresh2', 6, 23);
    encodedParts.set(set2.records, [encodeRecords(other.slice(0, 5))]);
    await store.save(set2);
    const loaded2 = await store.loadAll();
    expect(loaded2.ok && loaded2.value.sets.find((s) => s.name === 'fresh2')!.records).toEqual(
      set2.records,
    );
  });

  it('saves an empty set (no parts) and loads it back', async () => {
    const empty = makeSet('nothing', 0, 1);
    expect((await store.save(empty)).ok).toBe(true);
    const loaded = await store.loadAll();
    expect(loaded.ok && loaded.value.sets).toEqual([empty]);
  });
});
