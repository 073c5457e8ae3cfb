/* eslint-disable no-restricted-imports -- tests run in Node and read fixture files from disk */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestBytes, ingestText } from './ingest';
import { originPath, pathFacts } from './path.facts';

const fio = readFileSync(join(__dirname, 'fixtures/fio/native-ssd-randread.json'));
const psync = readFileSync(join(__dirname, 'fixtures/fio/psync-randrw.json'));
function one(bytes: Uint8Array, fileName: string) {
  const r = ingestBytes(bytes, { fileName });
  if (!r.ok) throw new Error(r.reason);
  expect(r.value.records).toHaveLength(1);
  return { record: r.value.records[0]!, report: r.value.report };
}

describe('paths relative to the set folder', () => {
  it('origin keeps the whole relative path: same-named files of two folders stay distinct', () => {
    const a = one(fio, 'vda-ext4/randread-16-4.json').record;
    const b = one(fio, 'loop0-ext4/randread-16-4.json').record;
    expect(a.origin).toBe('vda-ext4/randread-16-4.json#jobs[0]');
    expect(b.origin).toBe('loop0-ext4/randread-16-4.json#jobs[0]');
    const csv = 'rw,iops\nrandread,10\n';
    const t = ingestText(csv, { fileName: 'lab/2024/a.csv' });
    expect(t.ok && t.value.records[0]!.origin).toBe('lab/2024/a.csv:2');
  });
  it('normalises separators; an absolute path keeps its base name', () => {
    expect(originPath('a\\b\\c.json')).toBe('a/b/c.json');
    expect(originPath('./a//b.json')).toBe('a/b.json');
    expect(originPath('/home/me/runs/x.json')).toBe('x.json');
    expect(originPath('C:\\runs\\x.json')).toBe('x.json');
    expect(originPath('x.json')).toBe('x.json');
  });
});

describe('environment facts from every path segment', () => {
  it('folder names give facts as file names do (nvme0 → NVMe, sparse/fallocated → a file never written)', () => {
    const { record: r, report } = one(psync, 'nvme0/sparse/psync-randrw.json');
    expect([r.medium, r.prealloc, r.source, r.prewritten]).toEqual(['NVMe', 'off', 'file', false]);
    expect(report.notes).toContain('medium=NVMe taken from the path');
    const f = one(psync, 'NVMe/fallocated-randrw.json').record;
    expect([f.medium, f.prealloc, f.source, f.prewritten]).toEqual([
      'NVMe',
      'falloc',
      'file',
      false,
    ]);
    // The option's name alone says nothing about whether the image was written before the test.
    const option = one(psync, 'hosts/falloc/x.json').record;
    expect([option.prealloc, option.prewritten]).toEqual(['falloc', null]);
    expect(one(psync, 'ext4-runs/x.json').record.fs).toBe('ext4');
  });
  it('words are whole: no fact from a word that only contains one', () => {
    expect(pathFacts('nvmeish/sparsely/rawdata/x.json')).toEqual([]);
    expect(pathFacts('results_native_ssd/x.json').map((f) => [f.field, f.value])).toEqual([
      ['aio', 'native'],
      ['medium', 'SSD'],
    ]);
  });
  it("the file's own facts win over the path's, the file name over its folders", () => {
    // native-ssd-randread.json names aio native and medium SSD; the folder says HDD and threads.
    const r = one(fio, 'threads-hdd-raw/native-ssd-randread.json').record;
    expect([r.aio, r.medium, r.format]).toEqual(['native', 'SSD', 'raw']);
    const csv = 'medium,rw,iops\nSSD,randread,10\n,randread,20\n';
    const t = ingestText(csv, { fileName: 'nvme0/lab.csv' });
    expect(t.ok && t.value.records.map((x) => x.medium)).toEqual(['SSD', 'NVMe']);
  });
  it("the fio engine's own name in the path is not QEMU's aio mode", () => {
    const r = one(fio, 'io_uring-sparse-randread.json').record;
    expect(r.ioengine).toBe('libaio');
    expect(r.aio).toBe('io_uring');
    const u = ingestBytes(
      readFileSync(join(__dirname, 'fixtures/fio/io_uring-randwrite.jsonplus.json')),
      {
        fileName: 'io_uring/x.json',
        labels: {},
      },
    );
    // the engine is io_uring: the word describes the job; aio comes from the description only
    expect(u.ok && u.value.records[0]!.aio).toBe('io_uring');
  });
  it('labels override path facts', () => {
    const r = ingestBytes(psync, { fileName: 'sparse/x.json', labels: { prealloc: 'full' } });
    expect(r.ok && r.value.records[0]!.prealloc).toBe('full');
  });
});

describe('real layouts (e2e/fixtures-data/layouts, made with Debian fio 3.33)', () => {
  const layouts = join(__dirname, '../../../e2e/fixtures-data/layouts');
  it('host runs: sparse and fallocated files from the names, their reads flagged, writes not', () => {
    const dir = join(layouts, 'host-runs');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(12);
    for (const f of files) {
      const { record: r } = one(readFileSync(join(dir, f)), f);
      const [engine, alloc, rw] = f.replace('.json', '').split('-') as [string, string, string];
      expect(r.ioengine).toBe(engine);
      expect(r.aio).toBeNull(); // the engine's name is not QEMU's aio mode
      expect(r.source).toBe('file');
      expect(r.prealloc).toBe(alloc === 'sparse' ? 'off' : 'falloc');
      expect(r.prewritten).toBe(false); // a fresh sparse or fallocated file: both cells alike
      expect(r.rw).toBe(rw);
      expect(r.flags.includes('sparse-read')).toBe(rw === 'randread');
      expect(r.lat_max_us!).toBeGreaterThanOrEqual(r.lat_p999_us!);
    }
  });
  it('two device folders with the same file names: every record kept, origins distinct', () => {
    const origins = new Set<string>();
    let n = 0;
    for (const dev of readdirSync(join(layouts, 'devices'))) {
      const dir = join(layouts, 'devices', dev);
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
        const { record } = one(readFileSync(join(dir, f)), `${dev}/${f}`);
        expect(record.origin).toBe(`${dev}/${f}#jobs[0]`);
        origins.add(record.origin);
        n++;
      }
    }
    expect(n).toBe(196);
    expect(origins.size).toBe(n);
  });
});
