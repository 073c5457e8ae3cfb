/**
 * The ResultStore contract, run against every backend (contract.duckdb.test.ts,
 * clickhouse.test.ts): the same calls must give the same answers, whatever the database. Each
 * `open()` gives a fresh, empty store.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../core/ingest/ingest';
import { recordsToCsv } from '../../core/ingest/csv.write';
import type { ResultRecord } from '../../core/model/record.types';
import type { Iops } from '../../core/model/units';
import type { NewSet, ResultStore } from './result-store';

/** The seed data set (data/zstack-2023q1.csv), ingested as the app does. */
export function seedRecords(): ResultRecord[] {
  const bytes = readFileSync(
    fileURLToPath(new URL('../../../data/zstack-2023q1.csv', import.meta.url)),
  );
  const r = ingestBytes(bytes, { fileName: 'zstack-2023q1.csv', set: 'seed' });
  if (!r.ok) throw new Error(r.reason);
  return r.value.records;
}

export const describeSet = (name: string, n: number): NewSet => ({
  name,
  records: n,
  accepted: n,
  rejected: 0,
  flagged: 0,
  sha256: 'f'.repeat(64),
  files: [`${name}.csv`],
  notes: [],
});

/** Names and values that must be stored as the text they are, never read as SQL. */
export const HOSTILE = [
  "it's",
  "'); DROP TABLE sets; --",
  "'); DROP TABLE events; --",
  "back\\slash \\' \\x00 \\n",
  'nul\u0000inside',
  'new\nline\r\ttab',
  '"double" `back` $1 ? :name {x}',
  'ünïcödé 中文 ✓ 🚀',
  '\u007f\u0001\u001f',
  '',
];

/** The records with `set` as the store gives it: what the canonical CSV must match. */
const named = (records: readonly ResultRecord[], set: string) =>
  records.map((r) => ({ ...r, set }));

export function storeContract(name: string, open: () => Promise<ResultStore>): void {
  describe(`ResultStore contract: ${name}`, () => {
    it('puts a set and gives back the same records, identical as canonical CSV', async () => {
      const store = await open();
      try {
        const records = seedRecords();
        expect(await store.listSets()).toEqual([]);
        const s = await store.putSet(describeSet('seed', records.length), records, 'alice@1');
        expect(s.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
        expect(await store.listSets()).toEqual([s]);
        expect(await store.getSet(s.id)).toEqual(s);
        const back = await store.getRecords(s.id);
        expect(back).not.toBeNull();
        expect(recordsToCsv(back!)).toBe(recordsToCsv(records));
        expect(back).toEqual(records);
        expect(await store.getSet('nope')).toBeNull();
        expect(await store.getRecords('nope')).toBeNull();
      } finally {
        await store.close();
      }
    });

    it('makes names unique among live sets and stores records under the stored name', async () => {
      const store = await open();
      try {
        const records = seedRecords().slice(0, 7);
        const a = await store.putSet(describeSet('nightly', 7), records, 'ci');
        const b = await store.putSet(describeSet('nightly', 7), records, 'ci');
        expect([a.name, b.name]).toEqual(['nightly', 'nightly (2)']);
        expect((await store.getRecords(b.id))!.map((r) => r.set)).toEqual(
          Array(7).fill('nightly (2)'),
        );
        expect(recordsToCsv((await store.getRecords(b.id))!)).toBe(
          recordsToCsv(named(records, 'nightly (2)')),
        );
      } finally {
        await store.close();
      }
    });

    it('moves sets to the trash and back, renaming on restore when the name was taken', async () => {
      const store = await open();
      try {
        const records = seedRecords().slice(0, 4);
        const old = await store.putSet(describeSet('nightly', 4), records, 'ci');
        expect(await store.trashSet(old.id, 'bob')).toBe(true);
        expect(await store.trashSet(old.id, 'bob')).toBe(false);
        expect(await store.trashSet('unknown', 'bob')).toBe(false);
        expect(await store.listSets()).toEqual([]);
        const trashed = await store.listSets({ trash: true });
        expect(trashed.map((s) => [s.id, s.name])).toEqual([[old.id, 'nightly']]);
        expect(trashed[0]!.deleted).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(await store.getRecords(old.id)).toBeNull();
        expect((await store.getSet(old.id))?.deleted).not.toBeNull();
        const fresh = await store.putSet(describeSet('nightly', 4), records, 'ci');
        expect(fresh.name).toBe('nightly');
        expect(await store.restoreSet(old.id, 'bob')).toBe(true);
        expect(await store.restoreSet(old.id, 'bob')).toBe(false);
        expect(await store.restoreSet('unknown', 'bob')).toBe(false);
        const live = await store.listSets();
        expect(live.map((s) => [s.id, s.name])).toEqual([
          [old.id, 'nightly (2)'],
          [fresh.id, 'nightly'],
        ]);
        expect(live[0]!.deleted).toBeNull();
        expect((await store.getRecords(old.id))!.map((r) => r.set)).toEqual(
          Array(4).fill('nightly (2)'),
        );
      } finally {
        await store.close();
      }
    });

    it("keeps a backup's id and creation time on import", async () => {
      const store = await open();
      try {
        const records = seedRecords().slice(0, 2);
        const identity = { id: 'Backup_id-01', created: '2025-01-02T03:04:05.678Z' };
        const s = await store.putSet(describeSet('old', 2), records, 'import', identity);
        expect([s.id, s.created]).toEqual([identity.id, identity.created]);
        expect(await store.getSet(identity.id)).toEqual(s);
        expect((await store.getRecords(identity.id))?.length).toBe(2);
        const log = await store.audit();
        expect(log.map((e) => [e.action, e.setId])).toEqual([['put', identity.id]]);
        expect(log[0]!.at).not.toBe(identity.created);
      } finally {
        await store.close();
      }
    });

    it('keeps an audit log of every write, oldest first', async () => {
      const store = await open();
      try {
        const records = seedRecords().slice(0, 3);
        const a = await store.putSet(describeSet('a', 3), records, 'token@127.0.0.1');
        await store.trashSet(a.id, 'ops@10.0.0.2');
        await store.restoreSet(a.id, 'ops@10.0.0.2');
        const log = await store.audit();
        expect(log.map((e) => [e.action, e.who, e.setId, e.detail])).toEqual([
          ['put', 'token@127.0.0.1', a.id, 'a: 3 records'],
          ['delete', 'ops@10.0.0.2', a.id, 'a'],
          ['restore', 'ops@10.0.0.2', a.id, 'a'],
        ]);
        for (const e of log) expect(Date.parse(e.at)).not.toBeNaN();
      } finally {
        await store.close();
      }
    });

    it('writes the canonical CSV as it reads (recordsCsv, when the store has it) = recordsToCsv(getRecords)', async () => {
      const store = await open();
      if (!store.recordsCsv) return void (await store.close());
      try {
        const seed = seedRecords();
        const odd = seed.slice(0, 6).map((r, i): ResultRecord => ({
          ...r,
          run: ['', ' lead', 'trail ', 'a,b', 'q"uote', 'line\nbreak'][i]!,
          iothread: [null, true, false, null, true, false][i]!,
          iops: [-0, 1e21, 0.1 + 0.2, 5e-324, null, 123456789.125][i] as Iops | null,
          restates: i === 5 ? seed[0]!.origin : null,
          // The same extra object before and after another: columns in first-seen order.
          extra: i % 2 ? { 'odd key,"x"': i === 1 ? '' : ' v ', plain: 'x' } : { plain: 'y' },
        }));
        const hostile = seed.slice(0, HOSTILE.length).map((r, i) => ({
          ...r,
          storage: HOSTILE[i]!,
          extra: { [HOSTILE[i]!]: HOSTILE[(i + 1) % HOSTILE.length]! },
        }));
        for (const [name, records] of [
          ['seed', seed],
          ['odd', odd],
          ['hostile', hostile],
          ['one', seed.slice(0, 1)],
        ] as const) {
          const s = await store.putSet(describeSet(name, records.length), records, 't');
          let csv = '';
          for await (const piece of (await store.recordsCsv(s.id))!) csv += piece;
          expect(csv).toBe(recordsToCsv((await store.getRecords(s.id))!));
          expect(csv).toBe(recordsToCsv(named(records, s.name)));
        }
        expect(await store.recordsCsv('nope')).toBeNull();
        const gone = await store.putSet(describeSet('gone', 1), seed.slice(0, 1), 't');
        await store.trashSet(gone.id, 't');
        expect(await store.recordsCsv(gone.id)).toBeNull();
      } finally {
        await store.close();
      }
    });

    it('stores hostile names, values and audit text as plain text', async () => {
      const store = await open();
      try {
        const seed = seedRecords().slice(0, HOSTILE.length);
        const records = seed.map((r, i) => ({
          ...r,
          storage: HOSTILE[i]!,
          host_kernel: HOSTILE[HOSTILE.length - 1 - i]!,
          extra: { [HOSTILE[i]!]: HOSTILE[(i + 1) % HOSTILE.length]! },
        }));
        const stored = [];
        for (const [i, h] of HOSTILE.entries())
          stored.push(await store.putSet(describeSet(h, i + 1), records.slice(0, i + 1), h));
        expect(stored.map((s) => s.name)).toEqual(HOSTILE);
        expect((await store.listSets()).map((s) => s.name).sort()).toEqual([...HOSTILE].sort());
        for (const [i, s] of stored.entries()) {
          const back = await store.getRecords(s.id);
          expect(back).toEqual(named(records.slice(0, i + 1), HOSTILE[i]!));
          expect(recordsToCsv(back!)).toBe(recordsToCsv(named(records.slice(0, i + 1), s.name)));
        }
        expect((await store.audit()).map((e) => e.who)).toEqual(HOSTILE);
        expect(await store.trashSet(stored[1]!.id, HOSTILE[1]!)).toBe(true);
        expect((await store.listSets()).length).toBe(HOSTILE.length - 1);
      } finally {
        await store.close();
      }
    });

    it('stores a set whole or not at all: a put that fails half-way shows nothing', async () => {
      const store = await open();
      try {
        const records = seedRecords();
        const good = await store.putSet(describeSet('good', records.length), records, 'ci');
        const broken = [...records.slice(0, 100), null as unknown as ResultRecord, ...records];
        await expect(
          store.putSet(describeSet('broken', broken.length), broken, 'ci'),
        ).rejects.toThrow();
        expect((await store.listSets()).map((s) => s.id)).toEqual([good.id]);
        expect((await store.audit()).map((e) => e.action)).toEqual(['put']);
        const after = await store.putSet(describeSet('after', 3), records.slice(0, 3), 'ci');
        expect((await store.getRecords(after.id))?.length).toBe(3);
        expect((await store.getRecords(good.id))?.length).toBe(records.length);
      } finally {
        await store.close();
      }
    });

    it('serves concurrent puts and reads without mixing them', async () => {
      const store = await open();
      try {
        const records = seedRecords();
        const puts = Array.from({ length: 4 }, (_, k) =>
          store.putSet(describeSet('same', records.length - k), records.slice(k), 'ci'),
        );
        const reads = Array.from({ length: 4 }, () => store.listSets());
        const stored = await Promise.all(puts);
        await Promise.all(reads);
        expect(new Set(stored.map((s) => s.name)).size).toBe(4);
        for (const [k, s] of stored.entries())
          expect((await store.getRecords(s.id))?.length).toBe(records.length - k);
      } finally {
        await store.close();
      }
    });
  });
}
