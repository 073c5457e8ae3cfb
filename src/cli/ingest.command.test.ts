import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';
import { buildDataOverride } from './serve.command';
import { loadSets, newLoadArgs } from './load-records';

/** Temp dirs of these tests, removed when they end. */
const made: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'aio-ingest-'));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const root = resolve(__dirname, '../..');

function capture(cwd = root) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), cwd },
    out,
    err,
  };
}

describe('aio-dash ingest', () => {
  it('prints canonical CSV on stdout and the per-file summary on stderr', async () => {
    const c = capture();
    expect(
      await main(['ingest', 'data/sources/aio-plan-2023q1.md', '--set', 'zstack-2023q1'], c.io),
    ).toBe(0);
    expect(c.out.join('')).toBe(readFileSync(resolve(root, 'data/zstack-2023q1.csv'), 'utf8'));
    const err = c.err.join('').split('\n');
    expect(err[0]).toBe(
      'data/sources/aio-plan-2023q1.md: 211 read, 211 accepted, 0 rejected, 88 flagged',
    );
    // Then how the wiki table's Chinese headers were mapped (none names a field exactly).
    expect(err).toContain(
      'data/sources/aio-plan-2023q1.md: column "已开启内核 aio" → aio (values x 默认, √)',
    );
    for (const line of err.slice(1).filter(Boolean))
      expect(line).toMatch(/^data\/sources\/aio-plan-2023q1\.md: column "[^"]+" → /);
  });

  it('lists rejected rows as FILE:LINE: reason, exits 0, and writes JSON with -o', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.csv'), 'rw,aio,iops\nrandread,native,100\nrandread,threads,much\n');
    const c = capture(dir);
    expect(
      await main(
        ['ingest', 'r.csv', '--label', 'medium=nvme', '--format', 'json', '-o', 'out.json'],
        c.io,
      ),
    ).toBe(0);
    expect(c.err.join('')).toBe(
      "r.csv: 2 read, 1 accepted, 1 rejected, 0 flagged\nr.csv:3: iops: 'much' is not a number\n",
    );
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as {
      medium: string;
      set: string;
      iops: number;
    }[];
    expect(json.map((r) => [r.set, r.medium, r.iops])).toEqual([['r', 'NVMe', 100]]);
  });

  it('exits 1 when a file is missing or not a result set, 2 on usage errors', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'people.csv'), 'name,age\nbob,3\n');
    let c = capture(dir);
    expect(await main(['ingest', 'people.csv'], c.io)).toBe(1);
    expect(c.err.join('')).toContain('people.csv: not a result table');
    c = capture(dir);
    expect(await main(['ingest', 'nope.csv'], c.io)).toBe(1);
    expect(c.err.join('')).toContain('nope.csv: cannot read');
    for (const argv of [
      ['ingest'],
      ['ingest', 'x', '--format', 'xml'],
      ['ingest', 'x', '--label', 'novalue'],
      ['ingest', 'x', '--bogus'],
      ['ingest', 'x', '--label', 'aio=sometimes'],
    ]) {
      c = capture(dir);
      expect(await main(argv, c.io), argv.join(' ')).toBe(2);
    }
  });
});

describe('aio-dash serve FILE...', () => {
  it('builds a manifest and one canonical CSV per set', async () => {
    const c = capture();
    const loaded = await loadSets(['data/sources/aio-plan-2023q1.md'], newLoadArgs(), c.io);
    expect(loaded.code).toBe(0);
    const data = buildDataOverride(loaded.sets);
    const manifest = JSON.parse(data.get('manifest.json')!.join('')) as {
      sets: { name: string; file: string; records: number; sha256: string; files: string[] }[];
    };
    expect(manifest.sets).toEqual([
      expect.objectContaining({
        name: 'aio-plan-2023q1',
        file: 'aio-plan-2023q1.csv',
        records: 211,
        files: ['aio-plan-2023q1.md'],
      }),
    ]);
    expect(manifest.sets[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(data.get('aio-plan-2023q1.csv')!.join('').split('\n')[1]).toMatch(
      /^aio-plan-2023q1,,LocalStorage,file,xfs,HDD/,
    );
  });

  it('refuses to serve when a file cannot be loaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aio-serve-'));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html>');
    const c = capture(dir);
    expect(await main(['serve', 'missing.csv', '--port', '4299'], c.io)).toBe(1);
    rmSync(dir, { recursive: true, force: true });
    expect(c.err.join('')).toContain('missing.csv: cannot read');
  });
});
