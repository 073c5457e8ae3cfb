/* eslint-disable no-restricted-imports -- tests run in Node and read fixture files from disk */
/**
 * Every real fio output of e2e/fixtures-data/layouts/ (host-runs/ and the two fio-plot device
 * folders, see the README there) goes through the current ingest. Expectations come from each
 * file's own JSON (fio's job options and job numbers), read here independently of the importer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from './ingest';

const LAYOUTS = join(__dirname, '../../../e2e/fixtures-data/layouts');
const DEPTHS = [1, 2, 4, 8, 16, 32, 64];

interface FioJob {
  jobname: string;
  error: number;
  'job options': Record<string, string>;
  read: { iops: number };
  write: { iops: number };
}
interface FioOutput {
  jobs: FioJob[];
}

const jsonFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

/** Ingests one file as the CLI loads a folder: file name relative to the folder, set = folder. */
function ingestFile(folder: string, set: string, name: string) {
  const bytes = readFileSync(join(folder, name));
  const fio = JSON.parse(bytes.toString('utf8')) as FioOutput;
  const r = ingestBytes(bytes, { fileName: name, set });
  if (!r.ok) throw new Error(`${set}/${name} refused: ${r.reason}`);
  return { fio, ...r.value };
}

/** What a record must say, taken from fio's own job options and numbers. */
function expectFromJobOptions(
  fio: FioOutput,
  out: ReturnType<typeof ingestFile>,
  name: string,
  set: string,
) {
  const { records, report } = out;
  // Accounting: every job read is accepted or rejected; with one job (group_reporting for the
  // device sweeps) one record per file.
  expect(fio.jobs).toHaveLength(1);
  expect(report.read).toBe(report.accepted + report.rejected.length);
  expect(report.rejected).toEqual([]);
  expect(report.accepted).toBe(1);
  expect(records).toHaveLength(1);
  const job = fio.jobs[0]!;
  const opts = job['job options'];
  const rec = records[0]!;
  expect(rec.set).toBe(set);
  expect(rec.origin).toBe(`${name}#jobs[0]`);
  expect(rec.ioengine).toBe(opts.ioengine);
  expect(rec.rw).toBe(opts.rw);
  expect(rec.iodepth).toBe(Number(opts.iodepth));
  expect(rec.bs).toBe(4096);
  expect(job.error).toBe(0);
  const side = opts.rw === 'randread' ? job.read : job.write;
  expect(rec.iops).toBeCloseTo(side.iops, 1);
  return { rec, opts };
}

describe('host-runs: 12 per-engine fio runs on the host', () => {
  const dir = join(LAYOUTS, 'host-runs');
  const names = jsonFiles(dir);

  it('holds the 12 files {libaio,io_uring,psync}-{sparse,fallocated}-{randread,randwrite}.json', () => {
    const expected = ['libaio', 'io_uring', 'psync'].flatMap((e) =>
      ['sparse', 'fallocated'].flatMap((a) =>
        ['randread', 'randwrite'].map((rw) => `${e}-${a}-${rw}.json`),
      ),
    );
    expect(names).toEqual([...expected].sort());
  });

  it.each(names)('%s: one accepted record with fio’s engine, rw and queue depth', (name) => {
    const out = ingestFile(dir, 'host-runs', name);
    const { rec, opts } = expectFromJobOptions(out.fio, out, name, 'host-runs');
    // The engine is named by the file too, and fio wrote what was asked.
    expect(name.startsWith(`${opts.ioengine}-`)).toBe(true);
    expect(rec.iodepth).toBe(opts.ioengine === 'psync' ? 1 : 16);
    expect(opts.numjobs).toBeUndefined();
  });

  it('engines are the only axis with more than one value besides rw (what the axis hint offers)', () => {
    const recs = names.flatMap((n) => ingestFile(dir, 'host-runs', n).records);
    expect(new Set(recs.map((r) => r.ioengine))).toEqual(new Set(['libaio', 'io_uring', 'psync']));
    expect(new Set(recs.map((r) => r.aio))).toEqual(new Set([null]));
  });
});

describe('devices: fio-plot layout, two folders with the same 98 file names', () => {
  const root = join(LAYOUTS, 'devices');
  const devices = readdirSync(root).sort();
  const expectedNames = ['randread', 'randwrite']
    .flatMap((rw) => DEPTHS.flatMap((d) => DEPTHS.map((j) => `${rw}-${d}-${j}.json`)))
    .sort();

  it('has two device folders of the same 98 names', () => {
    expect(devices).toHaveLength(2);
    for (const d of devices) expect(jsonFiles(join(root, d))).toEqual(expectedNames);
  });

  it('every file: one record per file (group_reporting), read = accepted + rejected', () => {
    const byName = new Map<string, number[]>();
    for (const dev of devices)
      for (const name of expectedNames) {
        const out = ingestFile(join(root, dev), dev, name);
        const { rec, opts } = expectFromJobOptions(out.fio, out, name, dev);
        // group_reporting: one job entry for all `numjobs` jobs (fio lists no option for it).
        expect(rec.numjobs).toBe(Number(opts.numjobs));
        // The file name says the same as fio's options (bench-fio's naming).
        expect(name).toBe(`${opts.rw}-${opts.iodepth}-${opts.numjobs}.json`);
        expect(rec.ioengine).toBe('libaio');
        byName.set(name, [...(byName.get(name) ?? []), rec.iops ?? Number.NaN]);
      }
    // Nothing in the files tells the devices apart but their numbers: same cell, other IOPS.
    expect(byName.size).toBe(98);
    for (const [, iops] of byName) {
      expect(iops).toHaveLength(2);
      expect(iops[0]).not.toBe(iops[1]);
    }
  });
});
