import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../model/record.types';
import { csvToRecords, detectFormat, ingestBytes, ingestText, recordsToCsv } from './ingest';
import { emptyRecord } from './record.build';
import type { ResultRecord as R } from '../model/record.types';

const enc = (s: string) => new TextEncoder().encode(s);
function ingest(text: string, fileName = 't.csv', extra: object = {}) {
  const r = ingestText(text, { fileName, ...extra });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('canonical CSV', () => {
  it('writes the spec column order, restates and extras after, and reads it back exactly', () => {
    const a: ResultRecord = {
      ...emptyRecord('s', 'f.md:3'),
      storage: 'LocalStorage',
      source: 'file',
      format: 'qcow2',
      aio: 'native',
      iothread: true,
      prewritten: false,
      vms: 1,
      layer: 'guest',
      rw: 'randread',
      iops: 1234 as R['iops'],
      lat_mean_us: 103700 as R['lat_mean_us'],
      lat_p999_us: 250112.5 as R['lat_p999_us'],
      lat_max_us: 301000 as R['lat_max_us'],
      cpu_us_per_io: 3.25 as R['cpu_us_per_io'],
      iodepth: 128,
      numjobs: 1,
      bs: 4096 as R['bs'],
      flags: ['sparse-read'],
      extra: { note: 'has, comma and "quotes"' },
    };
    const b: ResultRecord = {
      ...emptyRecord('s', 'f.md:4'),
      storage: 'My Storage',
      layer: 'host',
      rw: 'randwrite',
      flags: ['incomplete'],
      restates: 'f.md:3',
      run: '2',
      extra: { other: 'x' },
    };
    const csv = recordsToCsv([a, b]);
    const [header, row1] = csv.split('\n');
    expect(header).toBe(
      'set,run,storage,source,fs,medium,format,prealloc,cache,aio,bus,iothread,prewritten,vms,layer,rw,bs,iodepth,numjobs,ioengine,runtime_s,iops,iops_total,lat_mean_us,lat_p99_us,bw_kib_s,host_kernel,qemu,libvirt,flags,origin,lat_p999_us,lat_max_us,cpu_us_per_io,restates,note,other',
    );
    expect(row1).toBe(
      's,,LocalStorage,file,,,qcow2,,,native,,true,false,1,guest,randread,4096,128,1,,,1234,,103700,,,,,,sparse-read,f.md:3,250112.5,301000,3.25,,"has, comma and ""quotes""",',
    );
    const back = csvToRecords(csv);
    expect(back.ok && back.value).toEqual([a, b]);
  });
  it('does not neutralise formulas in the data file (that is for UI exports)', () => {
    const a: ResultRecord = { ...emptyRecord('s', 'x:1'), iops: 1 as R['iops'], storage: '=cmd' };
    expect(recordsToCsv([a]).split('\n')[1]!.split(',')[2]).toBe('=cmd');
  });
});

describe('format detection', () => {
  it('detects formats from content', () => {
    expect(detectFormat('a,b\n1,2')).toBe('csv');
    expect(detectFormat('a\tb\n1\t2')).toBe('tsv');
    expect(detectFormat('[{"iops":1}]')).toBe('json');
    expect(detectFormat('fio: warn\n{"fio version": "fio-3.33", "jobs": []}')).toBe('fio-json');
    expect(detectFormat('text\n| a | b |\n|---|---|\n| 1 | 2 |')).toBe('markdown');
    expect(detectFormat('   ')).toBeNull();
  });
});

describe('CSV vocabularies and rejection', () => {
  it('maps English and Chinese headers case-insensitively and keeps unknown columns', () => {
    const { records, report } = ingest(
      '存储类型,存储介质,AIO,读写模型,IOPS,延迟(ms),Host\r\nLocalStorage,nvme,√,4K随机写,"62.0k",1.5,node-1\r\n',
    );
    expect(report.read).toBe(1);
    const r = records[0]!;
    expect([
      r.storage,
      r.source,
      r.medium,
      r.aio,
      r.rw,
      r.bs,
      r.iops,
      r.lat_mean_us,
      r.extra['Host'],
    ]).toEqual([
      'LocalStorage',
      'file',
      'NVMe',
      'native',
      'randwrite',
      4096,
      62000,
      1500,
      'node-1',
    ]);
  });
  it('rejects rows with unusable values, with file, line and reason', () => {
    const { records, report } = ingest(
      'rw,aio,iops\nrandread,native,100\nrandread,sometimes,100\n\nrandwrite,threads,lots\n',
      'dir/r.csv',
    );
    expect(records).toHaveLength(1);
    expect(report.read).toBe(3);
    expect(report.rejected).toEqual([
      {
        file: 'dir/r.csv',
        line: 3,
        reason: "aio: 'sometimes' is not one of threads, native, io_uring (or √/x)",
      },
      { file: 'dir/r.csv', line: 5, reason: "iops: 'lots' is not a number" },
    ]);
    expect(records[0]!.origin).toBe('dir/r.csv:2'); // the path relative to the set's folder
  });
  it('counts lines across quoted line breaks', () => {
    const { report } = ingest('rw,iops,note\nrandread,1,"two\nlines"\nrandread,bad,x\n');
    expect(report.rejected[0]!.line).toBe(4);
  });
  it('fails clearly on a file that is not a result set', () => {
    const r = ingestText('name,age\nbob,3\n', { fileName: 'people.csv' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('expected columns such as');
    const e = ingestBytes(new Uint8Array(), { fileName: 'empty.csv' });
    expect(e.ok || e.reason).toContain('empty input');
  });
  it('applies --set and --label, labels overriding the file', () => {
    const { records } = ingest('rw,aio,iops\nrandread,native,100\n', 'x.csv', {
      set: 'mine',
      labels: { aio: 'io_uring', host: 'n1', storage: 'SharedBlock' },
    });
    expect([
      records[0]!.set,
      records[0]!.aio,
      records[0]!.extra['host'],
      records[0]!.source,
    ]).toEqual(['mine', 'io_uring', 'n1', 'block']);
    const bad = ingestText('rw,iops\nrandread,1\n', {
      fileName: 'x.csv',
      labels: { aio: 'maybe' },
    });
    expect(bad.ok).toBe(false);
  });
});

describe('JSON records', () => {
  it('reads arrays and {results:[...]} with line numbers of rejected records', () => {
    const { records, report } = ingest(
      '{"results": [\n {"rw": "randread", "iops": 10, "flags": ["incomplete"], "extra": {"k": "v"}},\n {"rw": "sideways", "iops": 1}\n]}',
      'r.json',
    );
    expect(records[0]!.extra).toEqual({ k: 'v' });
    expect(records[0]!.origin).toBe('r.json#results[0]');
    expect(report.rejected).toEqual([
      { file: 'r.json', line: 3, reason: expect.stringContaining("rw: 'sideways'") },
    ]);
  });
  it('fails on JSON that holds no records', () => {
    const r = ingestText('{"name": 1}', { fileName: 'x.json' });
    expect(!r.ok && r.reason).toContain('expected a JSON array of records');
  });
});

describe('encodings', () => {
  it('decodes UTF-8 with BOM', () => {
    const r = ingestBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('rw,iops\nrandread,5\n')]), {
      fileName: 'b.csv',
    });
    expect(r.ok && r.value.records[0]!.iops).toBe(5);
  });
});

describe('markdown and clipboard', () => {
  it('reads a plain English wiki table and ignores a non-result table', () => {
    const md = [
      '# Results',
      '| Policy | Meaning |',
      '|---|---|',
      '| none | no cache |',
      '',
      '| storage | medium | aio | rw | IOPS | latency |',
      '| --- | --- | --- | --- | ---: | --- |',
      '| NFS | SSD | native | randread | 12.5k | 2.5 ms |',
      '| NFS | SSD | threads | randread | 11,000 | 2900us |',
      '| NFS | SSD | sometimes | randread | 1 | 1 ms |',
    ].join('\n');
    const { records, report } = ingest(md, 'wiki.md');
    expect(report.format).toBe('markdown');
    expect(
      records.map((r) => [r.storage, r.source, r.aio, r.iops, r.lat_mean_us, r.origin]),
    ).toEqual([
      ['NFS', 'file', 'native', 12500, 2500, 'wiki.md:8'],
      ['NFS', 'file', 'threads', 11000, 2900, 'wiki.md:9'],
    ]);
    expect(report.rejected).toEqual([
      {
        file: 'wiki.md',
        line: 10,
        reason: "aio: 'sometimes' is not one of threads, native, io_uring (or √/x)",
      },
    ]);
    expect(report.notes.some((n) => n.includes('line 2') && n.includes('not a result table'))).toBe(
      true,
    );
  });
  it('reads a spreadsheet selection pasted from the clipboard (TSV)', () => {
    const { records, report } = ingest(
      '存储介质\t读写模型\tIOPS\n SSD \t4K随机写\t 62.0k \n',
      'clipboard',
    );
    expect(report.format).toBe('tsv');
    expect(records.map((r) => [r.medium, r.rw, r.bs, r.iops])).toEqual([
      ['SSD', 'randwrite', 4096, 62000],
    ]);
  });
  it('explains that fio text output needs --output-format=json', () => {
    const r = ingestText('job1: (g=0): rw=randread\nfio-3.33\n  read: IOPS=31.9k, BW=996MiB/s\n', {
      fileName: 'run.log',
    });
    expect(!r.ok && r.reason).toContain('--output-format=json');
  });
});
