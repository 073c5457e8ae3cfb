import { describe, expect, it } from 'vitest';
import { contentId, sha256Hex } from '../core/sets/content-id';
import { PART_ROWS, decodeParts } from './record-codec';
import { ingestCore, type IngestCore } from './ingest-core';
import { handleIngestRequest } from './ingest.handler';
import type { FileOutcome, IngestResponse } from './ingest.protocol';

const enc = (s: string): ArrayBuffer => new TextEncoder().encode(s).buffer;

const CSV = [
  'storage,medium,format,prealloc,cache,aio,rw,bs,iodepth,numjobs,iops,lat_mean_us',
  'LocalStorage,NVMe,qcow2,full,none,native,randread,4096,32,1,250000,128',
  'LocalStorage,NVMe,qcow2,full,none,threads,randread,4096,32,1,180000,177',
].join('\n');

const MARKDOWN = [
  '| 存储 | aio | rw | bs | iodepth | IOPS |',
  '| --- | --- | --- | --- | --- | --- |',
  '| NFS | native | randread | 4K | 16 | 12000 |',
].join('\n');

function run(data: unknown, core: IngestCore = ingestCore, now?: () => number) {
  const messages: IngestResponse[] = [];
  const transfers: Transferable[][] = [];
  handleIngestRequest(
    data,
    core,
    (m, t) => {
      messages.push(m);
      transfers.push(t);
    },
    now ? { now, progressIntervalMs: 50 } : {},
  );
  const done = messages.at(-1);
  return { messages, transfers, done, outcomes: done?.type === 'done' ? done.outcomes : [] };
}
const allRecords = (o: Extract<FileOutcome, { ok: true }>) =>
  o.groups.flatMap((g) => decodeParts(g.parts));
const okOutcome = (o: FileOutcome | undefined) => {
  if (!o?.ok) throw new Error(`expected a loaded file, got ${JSON.stringify(o)}`);
  return o;
};

describe('ingest worker handler', () => {
  it('ingests each file with the core, keeps accounting, and reports a non-result file per file', () => {
    const { outcomes, done } = run({
      id: 7,
      files: [
        { name: 'runs/nvme.csv', bytes: enc(CSV) },
        { name: 'empty.txt', bytes: enc('') },
      ],
      options: {},
    });
    expect(done?.id).toBe(7);
    expect(outcomes).toHaveLength(2);
    const csv = okOutcome(outcomes[0]);
    expect(csv.set).toBe('nvme');
    expect(csv.report.read).toBe(csv.report.accepted + csv.report.rejected.length);
    const records = allRecords(csv);
    expect(records).toHaveLength(2);
    expect(records.map((r) => r.aio)).toEqual(['native', 'threads']);
    expect(records[0]).toMatchObject({
      iops: 250000,
      lat_mean_us: 128,
      bs: 4096,
      storage: 'LocalStorage',
      origin: 'runs/nvme.csv:2',
    });
    expect(outcomes[1]).toEqual({
      file: 'empty.txt',
      ok: false,
      reason: expect.stringContaining('expected a result set'),
    });
  });

  it('hands back exactly what the core produced (records and report), odd rows included', () => {
    const odd = `${CSV}\nLocalStorage,NVMe,qcow2,full,none,native,randread,4K,32,1,,\n,,,,\n"unclosed,quote`;
    const direct = ingestCore.ingestBytes(new Uint8Array(enc(odd)), { fileName: 'odd.csv' });
    const o = okOutcome(
      run({ id: 9, files: [{ name: 'odd.csv', bytes: enc(odd) }], options: {} }).outcomes[0],
    );
    expect(direct.ok).toBe(true);
    if (!direct.ok) return;
    expect(allRecords(o)).toEqual(direct.value.records);
    expect(o.report).toEqual(direct.value.report);
    expect(o.report.read).toBe(o.report.accepted + o.report.rejected.length);
  });

  it('groups records by their own set, in parts of at most PART_ROWS', () => {
    const n = PART_ROWS + 2500;
    const rows = Array.from(
      { length: 2 * n },
      (_, i) => `${i % 2 ? 'lab-b' : 'lab-a'},native,randread,4096,1,${i + 1}`,
    );
    const { outcomes } = run({
      id: 8,
      files: [
        { name: 'export.csv', bytes: enc(['set,aio,rw,bs,iodepth,iops', ...rows].join('\n')) },
      ],
      options: {},
    });
    const o = okOutcome(outcomes[0]);
    expect(o.set).toBe('export');
    expect(o.groups.map((g) => [g.set, g.parts.map((p) => p.length)])).toEqual([
      ['lab-a', [PART_ROWS, 2500]],
      ['lab-b', [PART_ROWS, 2500]],
    ]);
    const b = decodeParts(o.groups[1]!.parts);
    expect(b.every((r) => r.set === 'lab-b')).toBe(true);
    expect(b.slice(0, 3).map((r) => r.iops)).toEqual([2, 4, 6]); // file order kept within a set
  });

  it('passes set and labels through to the core', () => {
    const { outcomes } = run({
      id: 1,
      files: [{ name: 'a.csv', bytes: enc(CSV) }],
      options: { set: 'lab-2024', labels: { host_kernel: '6.1' } },
    });
    const o = okOutcome(outcomes[0]);
    expect(o.set).toBe('lab-2024');
    expect(allRecords(o).every((r) => r.set === 'lab-2024' && r.host_kernel === '6.1')).toBe(true);
  });

  it('ingests pasted text (a wiki table) under the clipboard name', () => {
    const { outcomes } = run({ id: 2, paste: MARKDOWN, options: { set: 'clipboard' } });
    const o = okOutcome(outcomes[0]);
    expect(o.file).toBe('clipboard');
    expect(o.report.format).toBe('markdown');
    expect(allRecords(o)).toMatchObject([
      { storage: 'NFS', aio: 'native', bs: 4096, iodepth: 16, iops: 12000, set: 'clipboard' },
    ]);
  });

  it('survives a core that throws: that file fails, the others still load', () => {
    const flaky: IngestCore = {
      ...ingestCore,
      ingestBytes: (bytes, o) => {
        if (o.fileName === 'boom.csv') throw new TypeError('x is undefined');
        return ingestCore.ingestBytes(bytes, o);
      },
    };
    const { outcomes } = run(
      {
        id: 3,
        files: [
          { name: 'boom.csv', bytes: enc(CSV) },
          { name: 'fine.csv', bytes: enc(CSV) },
        ],
        options: {},
      },
      flaky,
    );
    expect(outcomes[0]).toEqual({
      file: 'boom.csv',
      ok: false,
      reason: 'internal error while reading boom.csv: x is undefined',
    });
    expect(okOutcome(outcomes[1]).report.accepted).toBeGreaterThan(0);
  });

  it('loads each file into its own set under its origin path, with its digest and the sets’ content ids', () => {
    const fio = JSON.stringify({
      'fio version': 'fio-3.33',
      jobs: [
        {
          jobname: 'test',
          'job options': { rw: 'randread', bs: '4k', iodepth: '1', ioengine: 'libaio' },
          read: { iops: 1000, clat_ns: { mean: 900000 }, bw: 4000 },
          write: { iops: 0 },
        },
      ],
    });
    const other = fio.replace('"iops":1000', '"iops":2000');
    const { outcomes, done } = run({
      id: 11,
      files: [
        { name: 'randread-1-1.json', set: 'vda', bytes: enc(fio) },
        { name: 'randread-1-1.json', set: 'vdb', bytes: enc(other) },
        { name: 'again.json', set: 'vdb', bytes: enc(fio) },
      ],
      options: { set: 'ignored: per-file sets win' },
    });
    const [a, b, c] = outcomes.map(okOutcome);
    expect([a!.set, b!.set, c!.set]).toEqual(['vda', 'vdb', 'vdb']);
    expect(allRecords(a!).map((r) => r.set)).toEqual(['vda']);
    expect(allRecords(b!).map((r) => r.set)).toEqual(['vdb']);
    expect(a!.sha256).toBe(sha256Hex(new TextEncoder().encode(fio)));
    expect(b!.sha256).toBe(sha256Hex(new TextEncoder().encode(other)));
    expect(c!.sha256).toBe(a!.sha256); // same bytes, another name: same digest
    expect(done?.type === 'done' && done.setSha256).toEqual({
      vda: contentId([a!.sha256]),
      vdb: contentId([b!.sha256, c!.sha256]),
    });
  });

  it('reads environment facts from the set folder, keeping origins relative to it', () => {
    const fio = JSON.stringify({
      'fio version': 'fio-3.33',
      jobs: [
        {
          jobname: 'test',
          'job options': { rw: 'randwrite', bs: '4k', iodepth: '1', ioengine: 'libaio' },
          write: { iops: 1000, clat_ns: { mean: 900000 }, bw: 4000 },
          read: { iops: 0 },
        },
      ],
    });
    const { outcomes } = run({
      id: 12,
      files: [{ name: 'run.json', set: 'sparse', folder: 'runs/sparse', bytes: enc(fio) }],
      options: {},
    });
    const [r] = allRecords(okOutcome(outcomes[0]));
    expect([r!.origin, r!.prealloc, r!.source, r!.prewritten]).toEqual([
      'run.json#jobs[0]',
      'off',
      'file',
      false,
    ]);
  });

  it('digests a paste as its UTF-8 text', () => {
    const { outcomes, done } = run({ id: 12, paste: MARKDOWN, options: { set: 'clipboard' } });
    const o = okOutcome(outcomes[0]);
    expect(o.sha256).toBe(sha256Hex(new TextEncoder().encode(MARKDOWN)));
    expect(done?.type === 'done' && done.setSha256).toEqual({ clipboard: contentId([o.sha256]) });
  });

  it('reads a table with the map given, or the one remembered for its header row, and says which', () => {
    const lab = ['Flavour,Workload,IOPS', 'threads,randread,1000', 'native,randread,1300'].join(
      '\n',
    );
    const header = ['Flavour', 'Workload', 'IOPS'];
    const map = { Flavour: { kind: 'field', field: 'aio' } } as const;
    const signature = ingestCore.headerSignature(header);

    const plain = okOutcome(
      run({ id: 13, files: [{ name: 'lab.csv', bytes: enc(lab) }], options: {} }).outcomes[0],
    );
    expect(plain.table).toEqual({ signature, remembered: false });
    expect(plain.report.columns?.map((c) => c.header)).toEqual(header);

    const given = okOutcome(
      run({ id: 14, files: [{ name: 'lab.csv', bytes: enc(lab), map }], options: {} }).outcomes[0],
    );
    expect(given.table).toEqual({ signature, remembered: false, map });
    expect(allRecords(given).map((r) => r.aio)).toEqual(['threads', 'native']);

    const remembered = okOutcome(
      run({
        id: 15,
        files: [{ name: 'lab-2.csv', bytes: enc(lab) }],
        options: { remembered: { [signature]: map, other: { X: { kind: 'bogus' } } } },
      }).outcomes[0],
    );
    expect(remembered.table).toEqual({ signature, remembered: true, map });
    expect(allRecords(remembered).map((r) => r.aio)).toEqual(['threads', 'native']);
    expect(remembered.report.columns?.find((c) => c.header === 'Flavour')).toMatchObject({
      how: 'explicit',
      choice: { kind: 'field', field: 'aio' },
    });

    // A malformed map is ignored, never passed to the core.
    const bad = okOutcome(
      run({
        id: 16,
        files: [{ name: 'lab.csv', bytes: enc(lab), map: { Flavour: 'aio' } }],
        options: {},
      }).outcomes[0],
    );
    expect(bad.table).toEqual({ signature, remembered: false });
  });

  it('answers a malformed request with an error message instead of throwing', () => {
    expect(run({ id: 4, files: [{ name: 'x' }] }).messages).toEqual([
      { id: 4, type: 'error', reason: expect.stringContaining('neither files') },
    ]);
    expect(run(null).messages).toEqual([
      { id: -1, type: 'error', reason: 'request is not an object' },
    ]);
  });

  it('lists the column buffers for transfer', () => {
    const { transfers, outcomes } = run({
      id: 5,
      files: [{ name: 'a.csv', bytes: enc(CSV) }],
      options: {},
    });
    const o = okOutcome(outcomes[0]);
    expect(transfers.at(-1)).toContain(o.groups[0]!.parts[0]!.numbers.iops.buffer);
  });

  it('posts progress from 0 to 1 per file, monotonic and throttled', () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `LocalStorage,NVMe,qcow2,full,none,native,randread,4096,32,1,${1000 + i},128`,
    );
    const big = [CSV.split('\n')[0], ...rows].join('\n');
    let t = 0;
    const clock = () => (t += 1); // every clock read advances 1 ms
    const { messages } = run(
      {
        id: 6,
        files: [
          { name: 'big.csv', bytes: enc(big) },
          { name: 'small.csv', bytes: enc(CSV) },
        ],
        options: {},
      },
      ingestCore,
      clock,
    );
    const progress = messages.filter((m) => m.type === 'progress');
    const big1 = progress.filter((m) => m.fileIndex === 0).map((m) => m.fraction);
    expect(big1[0]).toBe(0);
    expect(big1.at(-1)).toBe(1);
    expect(big1).toEqual([...big1].sort((a, b) => a - b));
    // Progress is throttled to one message per 50 ms of (fake) time at most, plus start and end.
    expect(big1.length).toBeLessThanOrEqual(Math.ceil(t / 50) + 2);
    expect(progress.filter((m) => m.fileIndex === 1).map((m) => m.fraction)).toEqual([0, 1]);
    expect(progress.every((m) => m.fileCount === 2)).toBe(true);
    expect(messages.at(-1)?.type).toBe('done');
  });
});
