import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';
import type { SpecRow } from '../core/compare';

interface FioJob {
  'job options': Record<string, string>;
  read: { iops: number };
}

function capture(cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), cwd },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('aio-dash compare', () => {
  it('compares a host-layer-only set (aio-dash bench) with itself; next to guests it stays out of scope', async () => {
    const bench = 'data/bench-qemu-img-ext4-virtio.csv';
    const alone = capture();
    expect(await main(['compare', bench, '--format', 'json'], alone.io)).toBe(0);
    const rows = JSON.parse(alone.out()) as SpecRow[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.cell.layer === 'host' && r.cell.format === 'qcow2')).toBe(true);
    // Every non-flagged cell has its 5 repeats on both sides.
    expect(
      rows.filter((r) => r.baseline.n > 0).every((r) => r.baseline.n === 5 && r.candidate.n === 5),
    ).toBe(true);
    const mixed = capture();
    expect(
      await main(['compare', bench, 'data/zstack-2023q1.csv', '--format', 'json'], mixed.io),
    ).toBe(0);
    const mixedRows = JSON.parse(mixed.out()) as SpecRow[];
    expect(mixedRows.some((r) => r.cell.layer === 'host')).toBe(false);
  });

  it('prints the spec JSON for the seed data', async () => {
    const c = capture();
    expect(await main(['compare', 'data/zstack-2023q1.csv', '--format', 'json'], c.io)).toBe(0);
    const rows = JSON.parse(c.out()) as SpecRow[];
    const row = rows.find(
      (r) =>
        r.cell.storage === 'LocalStorage' &&
        r.cell.medium === 'SSD' &&
        r.cell.bus === 'virtio-blk' &&
        r.cell.prealloc === 'off' &&
        r.cell.prewritten === false &&
        r.cell.rw === 'randwrite' &&
        r.cell.vms === 1,
    )!;
    expect(row.baseline).toMatchObject({ n: 1, iops: 31336, lat_mean_us: 4083.38 });
    expect(row.candidate).toMatchObject({ n: 1, iops: 36213, lat_mean_us: 3533.6 });
    expect(row.delta).toMatchObject({ iops_pct: 15.56, lat_mean_pct: -13.46 });
    expect(row.verdict).toBe('improvement');
    expect(c.err()).toMatch(/compare: 211 records = 208 paired \+ 0 unpaired \+ 3 out of scope/);
  });

  it('prints an 80-column table by default and csv on request', async () => {
    const t = capture();
    expect(await main(['compare', 'data/zstack-2023q1.csv', '--by', 'medium'], t.io)).toBe(0);
    for (const line of t.out().split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(t.out()).toContain('Summary by medium');
    const c = capture();
    expect(
      await main(
        ['compare', 'data/zstack-2023q1.csv', '--format', 'csv', '--threshold', '20'],
        c.io,
      ),
    ).toBe(0);
    const lines = c.out().trim().split('\n');
    expect(lines[0]).toMatch(/^set,storage,/);
    const hit = lines.find((l) => l.includes(',31336,') && l.includes(',36213,'))!;
    expect(hit).toContain(',no-difference,'); // 15.6 % < the 20 % threshold
  });

  it('compares along --axis with --baseline/--candidate, and needs them off the aio axis', async () => {
    const c = capture();
    expect(
      await main(
        [
          'compare',
          'data/zstack-2023q1.csv',
          '--axis',
          'bus',
          '--baseline',
          'virtio-blk',
          '--candidate',
          'virtio-scsi',
          '--format',
          'json',
        ],
        c.io,
      ),
    ).toBe(0);
    const rows = JSON.parse(c.out()) as SpecRow[];
    expect(rows.length).toBeGreaterThan(20);
    expect(rows[0]!.cell).not.toHaveProperty('bus');
    expect(rows[0]!.cell).toHaveProperty('aio');
    const u = capture();
    expect(await main(['compare', 'data/zstack-2023q1.csv', '--axis', 'bus'], u.io)).toBe(2);
    expect(u.err()).toContain('--axis bus needs --baseline and --candidate');
  });

  it('exits 2 on usage errors and 1 on unreadable files', async () => {
    for (const argv of [
      ['compare'],
      ['compare', 'x.csv', '--format', 'xml'],
      ['compare', 'x.csv', '--by', 'colour'],
      ['compare', 'x.csv', '--threshold', '-1'],
    ]) {
      const c = capture();
      expect(await main(argv, c.io)).toBe(2);
      expect(c.err()).toContain('Usage: aio-dash compare');
    }
    const c = capture();
    expect(await main(['compare', 'no/such/file.csv'], c.io)).toBe(1);
    expect(c.err()).toContain('no/such/file.csv: cannot read');
  });

  describe('fio JSON folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aio-compare-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    // One real fio 3.33 output, written twice with different engines and IOPS.
    const fio = JSON.parse(
      readFileSync('src/core/ingest/fixtures/fio/native-ssd-randread.json', 'utf8'),
    ) as { jobs: FioJob[] };
    const write = (name: string, engine: string, factor: number) => {
      const copy = structuredClone(fio);
      for (const j of copy.jobs) {
        j['job options'].ioengine = engine;
        j.read.iops *= factor;
      }
      writeFileSync(join(dir, name), JSON.stringify(copy));
    };
    write('run-a.json', 'libaio', 1);
    write('run-b.json', 'io_uring', 1.25);

    const engines = ['--axis', 'ioengine', '--baseline', 'libaio', '--candidate', 'io_uring'];

    it('a folder is one set: its engines pair without --pool-sets', async () => {
      const c = capture();
      expect(await main(['compare', dir, ...engines, '--format', 'json'], c.io)).toBe(0);
      const rows = JSON.parse(c.out()) as SpecRow[];
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.delta.iops_pct).toBeCloseTo(25, 1);
    });

    it('one set per file (--set-per-file) pairs only with --pool-sets', async () => {
      const apart = capture();
      const perFile = ['compare', dir, '--set-per-file', ...engines, '--format', 'json'];
      expect(await main(perFile, apart.io)).toBe(0);
      expect(JSON.parse(apart.out())).toEqual([]);
      expect(apart.err()).toContain('--pool-sets');
      const pooled = capture();
      expect(await main([...perFile, '--pool-sets'], pooled.io)).toBe(0);
      const rows = JSON.parse(pooled.out()) as SpecRow[];
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.delta.iops_pct).toBeCloseTo(25, 1);
    });
  });
});
