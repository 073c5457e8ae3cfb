/**
 * The command line attaches fio log files to the records of their jobs (issue 15), on the real
 * fio 3.33 runs of e2e/fixtures-data/tails, and reports a log it cannot attach instead of
 * dropping it or failing the load.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSets, newLoadArgs } from './load-records';
import { EXIT_OK } from './cli.types';

const tails = join(__dirname, '../../e2e/fixtures-data/tails');
const tmp = mkdtempSync(join(tmpdir(), 'aio-tails-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function capture(cwd: string) {
  const err: string[] = [];
  return { io: { stdout: () => {}, stderr: (t: string) => void err.push(t), cwd }, err };
}

describe('loadSets with fio log files', () => {
  it('attaches the five logs of each run to its record; logs are no rejected rows', async () => {
    const c = capture(tails);
    const loaded = await loadSets(['stalls', 'per-io'], newLoadArgs(), c.io);
    expect(loaded.code).toBe(EXIT_OK);
    expect(loaded.records.length).toBe(8);
    for (const r of loaded.records)
      expect(r.tail!.series.map((s) => s.kind).sort()).toEqual([
        'bw',
        'clat',
        'iops',
        'lat',
        'slat',
      ]);
    for (const s of loaded.sets) expect(s.rejected).toBe(0);
    expect(
      c.err.filter((l) => /fio log, \d+ points, attached to randwrite\.json#jobs\[0\]/.test(l))
        .length,
    ).toBe(40);
    expect(c.err.join('')).not.toMatch(/skipped|not attached/);
  });

  it('reports a log that matches no job, and still loads the rest', async () => {
    const dir = join(tmp, 'run');
    cpSync(join(tails, 'stalls/written-16M'), dir, { recursive: true });
    writeFileSync(join(dir, 'other_clat.1.log'), '1, 2, 1, 4096\n');
    const c = capture(tmp);
    const loaded = await loadSets(['run'], newLoadArgs(), c.io);
    expect(loaded.code).toBe(EXIT_OK);
    expect(loaded.records[0]!.tail!.series.length).toBe(5);
    expect(c.err.join('')).toMatch(
      /run\/other_clat\.1\.log: fio log not attached: no fio job named 'other'/,
    );
  });
});
