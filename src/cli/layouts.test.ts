/**
 * Every command that reads files, on result folders laid out as engineers keep them: two device
 * folders with the same file names, same-named folders under different parents, loose files,
 * --set-per-file and --set. The files are real fio 3.33 JSON output (a fixture), copied into
 * temporary folders with the IOPS scaled per device so that the devices differ.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SpecRow } from '../core/compare';
import type { ResultRecord } from '../core/model/record.types';
import { sha256Hex } from '../core/sets/content-id';
import { fileDigest, loadSets, newLoadArgs, STREAM_BYTES } from './load-records';
import { fixOptions } from './compare.command';
import { main } from './main';
import { buildDataOverride } from './serve.command';

interface FioJob {
  'job options': Record<string, string>;
  read: { iops: number };
}

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), cwd },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

async function run(cwd: string, ...argv: string[]) {
  const c = capture(cwd);
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

const fio = JSON.parse(
  readFileSync('src/core/ingest/fixtures/fio/native-ssd-randread.json', 'utf8'),
) as { jobs: FioJob[] };
const SIZES = ['4k', '8k', '64k'];
const BYTES = [4096, 8192, 65536];

/**
 * Writes one device's folder into `dir`: randread-BS.json for each block size, IOPS × factor
 * (the queue depth and latency stay as measured, so Little's law still holds).
 */
function device(dir: string, factor: number): void {
  mkdirSync(dir, { recursive: true });
  for (const bs of SIZES) {
    const copy = structuredClone(fio);
    for (const j of copy.jobs) {
      j['job options'].bs = bs;
      j.read.iops = Math.round(j.read.iops * factor);
    }
    writeFileSync(join(dir, `randread-${bs}.json`), JSON.stringify(copy, null, 2));
  }
}

const root = mkdtempSync(join(tmpdir(), 'aio-layouts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
device(join(root, 'devices', 'devA'), 1);
device(join(root, 'devices', 'devB'), 1.25);
device(join(root, 'lab', 'IBM_M1015', 'SAMSUNG_PM883'), 1);
device(join(root, 'lab', 'LSI', 'SAMSUNG_PM883'), 1.5);
// Not result files: a hidden file, and notes that a directory walk finds.
writeFileSync(join(root, 'devices', 'devA', '.DS_Store'), 'binary junk');
writeFileSync(join(root, 'devices', 'devB', 'notes.txt'), 'ran on Tuesday\n');

const json = (out: string) => JSON.parse(out) as ResultRecord[];
const setsOf = (rs: readonly ResultRecord[]) => [...new Set(rs.map((r) => r.set))];

describe('folders of result files', () => {
  it('ingest DIR: every folder that holds files is one set; junk is skipped, not fatal', async () => {
    const r = await run(root, 'ingest', 'devices', '--format', 'json');
    expect(r.code).toBe(0);
    const recs = json(r.out);
    expect(setsOf(recs)).toEqual(['devA', 'devB']);
    expect(recs).toHaveLength(2 * SIZES.length);
    // Same file names in both folders: origins stay the path relative to the set's folder.
    expect(recs.filter((x) => x.set === 'devA').map((x) => x.origin.split('#')[0])).toEqual(
      SIZES.map((bs) => `randread-${bs}.json`),
    );
    expect(r.err).toContain(
      `${join('devices', 'devA', 'randread-4k.json')}: 1 read, 1 accepted, 0 rejected`,
    );
    expect(r.err).toContain(`${join('devices', 'devB', 'notes.txt')}: skipped:`);
    expect(r.err).not.toContain('.DS_Store');
    expect(r.err).toContain(`set "devA": 3 files, 3 records`);
  });

  it('compare DIR_A DIR_B --axis set: the two devices pair file by file', async () => {
    const r = await run(
      join(root, 'devices'),
      'compare',
      'devA',
      'devB',
      '--axis',
      'set',
      '--baseline',
      'devA',
      '--candidate',
      'devB',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as SpecRow[];
    expect(rows.map((x) => x.cell.bs)).toEqual(BYTES);
    for (const row of rows) expect(row.delta.iops_pct).toBeCloseTo(25, 0);
    expect(r.err).toMatch(/compare: 6 records = 6 paired/);
  });

  it('same-named folders under different parents get the shortest distinguishing suffix', async () => {
    const r = await run(root, 'ingest', 'lab', '--format', 'json');
    expect(r.code).toBe(0);
    expect(setsOf(json(r.out))).toEqual(['IBM_M1015/SAMSUNG_PM883', 'LSI/SAMSUNG_PM883']);
    const c = await run(
      root,
      'compare',
      'lab',
      '--axis',
      'set',
      '--baseline',
      'IBM_M1015/SAMSUNG_PM883',
      '--candidate',
      'LSI/SAMSUNG_PM883',
      '--format',
      'json',
    );
    expect(c.code).toBe(0);
    const rows = JSON.parse(c.out) as SpecRow[];
    expect(rows).toHaveLength(SIZES.length);
    for (const row of rows) expect(row.delta.iops_pct).toBeCloseTo(50, 0);
  });

  it('loose files are one set named after their common folder; a single file after itself', async () => {
    const r = await run(
      root,
      'ingest',
      join('devices', 'devA', 'randread-4k.json'),
      join('devices', 'devB', 'randread-8k.json'),
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const recs = json(r.out);
    expect(setsOf(recs)).toEqual(['devices']);
    // origin: the path relative to the set's folder, so same-named files stay distinct.
    expect(recs.map((x) => x.origin.split('#')[0])).toEqual([
      'devA/randread-4k.json',
      'devB/randread-8k.json',
    ]);
    const one = await run(root, 'ingest', join('devices', 'devA', 'randread-4k.json'));
    expect(one.out.split('\n')[1]).toMatch(/^randread-4k,/);
  });

  it('--set-per-file: one set per file, same names told apart by folder; --set: one set', async () => {
    const per = await run(root, 'ingest', 'devices', '--set-per-file', '--format', 'json');
    expect(per.code).toBe(0);
    expect(setsOf(json(per.out))).toEqual(
      ['devA', 'devB'].flatMap((d) => SIZES.map((bs) => `${d}/randread-${bs}`)),
    );
    const one = await run(
      root,
      'ingest',
      'devices',
      'lab',
      '--set',
      'all of it',
      '--format',
      'json',
    );
    expect(one.code).toBe(0);
    const recs = json(one.out);
    expect(setsOf(recs)).toEqual(['all of it']);
    expect(recs).toHaveLength(4 * SIZES.length);
    const both = await run(root, 'ingest', 'devices', '--set', 'x', '--set-per-file');
    expect(both.code).toBe(2);
    expect(both.err).toContain('--set and --set-per-file exclude each other');
  });

  it('a folder identical to one loaded before is reported and not added', async () => {
    const copy = join(root, 'copy-of-devA');
    cpSync(join(root, 'devices', 'devA'), copy, { recursive: true });
    try {
      const r = await run(
        root,
        'ingest',
        join('devices', 'devA'),
        'copy-of-devA',
        '--format',
        'json',
      );
      expect(r.code).toBe(0);
      expect(setsOf(json(r.out))).toEqual(['devA']);
      expect(r.err).toMatch(
        /set "copy-of-devA": same content as set "devA" \(3 files, sha256 [0-9a-f]{12}\): not added/,
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a canonical CSV of several sets keeps them when read back', async () => {
    const out = join(root, 'both.csv');
    expect((await run(root, 'ingest', 'devices', '-o', out)).code).toBe(0);
    const r = await run(
      root,
      'compare',
      out,
      '--axis',
      'set',
      '--baseline',
      'devA',
      '--candidate',
      'devB',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as SpecRow[]).length).toBe(SIZES.length);
    rmSync(out);
  });

  it('recommend takes directories and the load options too', async () => {
    const r = await run(
      root,
      'recommend',
      'devices',
      '--label',
      'storage=LocalStorage',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain('set "devB": 3 files, 3 records');
    const bad = await run(root, 'recommend', 'devices', '--map', 'nothing');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--map nothing: expected HEADER=FIELD');
  });

  it('serve DIR: one manifest entry and canonical CSV per set', async () => {
    const c = capture(root);
    const loaded = await loadSets(['devices'], newLoadArgs(), c.io);
    const data = buildDataOverride(loaded.sets);
    const manifest = JSON.parse(data.get('manifest.json')!.join('')) as {
      sets: { name: string; file: string; records: number; files: string[] }[];
    };
    expect(manifest.sets.map((x) => [x.name, x.file, x.records, x.files.length])).toEqual([
      ['devA', 'devA.csv', SIZES.length, SIZES.length],
      ['devB', 'devB.csv', SIZES.length, SIZES.length],
    ]);
    expect(data.get('devB.csv')!.join('').split('\n')[1]).toMatch(/^devB,/);
  });

  it('a folder given again, or inside another argument, is read once', async () => {
    const r = await run(
      root,
      'ingest',
      'devices',
      join('devices', 'devB'),
      'devices',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    expect(setsOf(json(r.out))).toEqual(['devA', 'devB']);
    expect(json(r.out)).toHaveLength(2 * SIZES.length);
  });

  it('an empty directory or a missing path exits 1', async () => {
    mkdirSync(join(root, 'empty'));
    const r = await run(root, 'ingest', 'empty', 'devices');
    expect(r.code).toBe(1);
    expect(r.err).toContain('empty: no files in this directory');
    expect(r.out.split('\n')[0]).toMatch(/^set,run,/); // the readable files are still written
  });
});

describe('real fio output laid out as fio-plot keeps it', () => {
  const devices = 'e2e/fixtures-data/layouts/devices';
  const hostRuns = 'e2e/fixtures-data/layouts/host-runs';

  it('two device folders with equal file names → two sets, every file paired', async () => {
    const [a, b] = ['loop0-ext4', 'vda-ext4'];
    const r = await run(
      process.cwd(),
      'compare',
      join(devices, a),
      join(devices, b),
      '--axis',
      'set',
      '--baseline',
      a,
      '--candidate',
      b,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as SpecRow[];
    // 98 files each, {randread,randwrite}-{iodepth}-{numjobs}.json: every file pairs with its twin.
    expect(rows).toHaveLength(98);
    expect(r.err).toContain(`set "${a}": 98 files, 98 records`);
    expect(r.err).toContain(`set "${b}": 98 files, 98 records`);
    expect(r.err).toContain('compare: 196 records = 196 paired');
    const pairs = new Set(rows.map((x) => `${x.cell.rw}-${x.cell.iodepth}-${x.cell.numjobs}`));
    expect(pairs.size).toBe(98);
    // The parent folder read recursively gives the same two sets.
    const all = await run(process.cwd(), 'ingest', devices, '--format', 'json');
    expect(setsOf(json(all.out))).toEqual([a, b]);
  });

  it('runs whose environment is only in folder names: each folder a set, its name read for facts', async () => {
    // Real fio jobs under folders named by how the file was laid out; the files say nothing of
    // it and the origins stay relative to each set's folder.
    const dir = mkdtempSync(join(root, 'alloc-'));
    // (Two different runs: identical content in two folders would be one set, said so.)
    for (const [alloc, jobs] of [
      ['sparse', 1],
      ['fallocated', 2],
    ] as const) {
      mkdirSync(join(dir, 'runs', alloc), { recursive: true });
      cpSync(
        join(devices, 'vda-ext4', `randread-16-${jobs}.json`),
        join(dir, 'runs', alloc, 'run.json'),
      );
    }
    const r = await run(dir, 'ingest', 'runs', '--format', 'json');
    expect(r.code).toBe(0);
    const recs = json(r.out);
    expect(recs.map((x) => [x.set, x.origin, x.source, x.prealloc, x.prewritten, x.flags])).toEqual(
      [
        ['fallocated', 'run.json#jobs[0]', 'file', 'falloc', false, ['sparse-read']],
        ['sparse', 'run.json#jobs[0]', 'file', 'off', false, ['sparse-read']],
      ],
    );
  });

  it('a folder of host runs is one set whose engines pair', async () => {
    const r = await run(
      process.cwd(),
      'compare',
      hostRuns,
      '--axis',
      'ioengine',
      '--baseline',
      'libaio',
      '--candidate',
      'io_uring',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain(`set "${basename(hostRuns)}": 12 files`);
    const rows = JSON.parse(r.out) as SpecRow[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.cell.set).toBe('host-runs');
  });
});

describe('a lab sheet with its own headers: columns inferred, reported, and --map', () => {
  const sheet = 'e2e/fixtures-data/layouts/lab-sheet/qemu-img-bench.csv';

  it('reports each inferred column on stderr and fills the fields', async () => {
    const r = await run(process.cwd(), 'ingest', sheet, '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${sheet}: column "Mode" → aio (values threads, native, io_uring)\n`);
    expect(r.err).toMatch(/: column "Alloc" → prealloc /);
    const recs = json(r.out);
    expect(new Set(recs.map((x) => x.aio))).toEqual(new Set(['threads', 'native', 'io_uring']));
  });

  it('--map overrides: a column kept as extra, a column ignored', async () => {
    const r = await run(
      process.cwd(),
      'ingest',
      sheet,
      '--map',
      'mode=x:engine',
      '--map',
      'Note=',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain('column "Mode" → extra column "engine" (--map)');
    expect(r.err).toContain('column "Note" → ignored (--map)');
    const recs = json(r.out);
    expect(recs.every((x) => x.aio === null)).toBe(true);
    expect(new Set(recs.map((x) => x.extra.engine))).toEqual(
      new Set(['threads', 'native', 'io_uring']),
    );
    expect(recs.some((x) => 'Note' in x.extra)).toBe(false);
  });

  it('compare and recommend take --map too; a bad --map is a usage error', async () => {
    const c = await run(
      process.cwd(),
      'compare',
      sheet,
      '--map',
      'Mode=x:engine',
      '--axis',
      'x:engine',
      '--baseline',
      'threads',
      '--candidate',
      'io_uring',
      '--format',
      'json',
    );
    expect(c.code).toBe(0);
    expect((JSON.parse(c.out) as SpecRow[]).length).toBeGreaterThan(0);
    for (const cmd of ['ingest', 'compare', 'recommend']) {
      const bad = await run(process.cwd(), cmd, sheet, '--map', 'Mode=colour');
      expect(bad.code).toBe(2);
      expect(bad.err).toContain("--map Mode=colour: 'colour' is not a field");
    }
  });
});

describe('aio-dash compare says why nothing pairs and what to type', () => {
  const hostRuns = 'e2e/fixtures-data/layouts/host-runs';

  it('an empty axis: names the field that has values, and that advice pairs', async () => {
    const r = await run(process.cwd(), 'compare', hostRuns, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([]);
    const hint =
      /aio-dash compare: aio mode is empty in your files; fio engine has libaio, io_uring, psync .* try (--axis \S+ --baseline \S+ --candidate \S+)\n/.exec(
        r.err,
      );
    expect(hint, r.err).not.toBeNull();
    expect(hint![1]).toBe('--axis ioengine --baseline libaio --candidate io_uring');
    const fixed = await run(
      process.cwd(),
      'compare',
      hostRuns,
      ...hint![1]!.split(' '),
      '--format',
      'json',
    );
    expect((JSON.parse(fixed.out) as SpecRow[]).length).toBeGreaterThan(0);
  });

  it('sets that pair only when pooled: --pool-sets', async () => {
    const r = await run(
      process.cwd(),
      'compare',
      hostRuns,
      '--set-per-file',
      '--axis',
      'ioengine',
      '--baseline',
      'libaio',
      '--candidate',
      'io_uring',
    );
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /these sets pair only when pooled .* try --axis ioengine --baseline libaio --candidate io_uring --pool-sets\n/,
    );
  });

  it('two device folders: compare set A vs set B', async () => {
    const r = await run(join(root, 'devices'), 'compare', 'devA', 'devB');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /compare set devA vs set devB .* try --axis set --baseline devA --candidate devB\n/,
    );
  });

  it('values that are not plain words are quoted for the shell', () => {
    expect(
      fixOptions({
        axis: 'set',
        baseline: "Bob's disk",
        candidate: 'LSI/SAMSUNG_PM883',
        poolSets: true,
      }),
    ).toBe(`--axis set --baseline 'Bob'\\''s disk' --candidate LSI/SAMSUNG_PM883 --pool-sets`);
  });
});

describe('fileDigest', () => {
  it('equals core sha256Hex (node:crypto against @noble/hashes), small and streamed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aio-digest-'));
    try {
      for (const size of [0, 1000, STREAM_BYTES + 12345]) {
        const bytes = new Uint8Array(size);
        for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 255;
        const f = join(dir, `f${size}`);
        writeFileSync(f, bytes);
        expect(await fileDigest(f, size)).toBe(sha256Hex(bytes));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
