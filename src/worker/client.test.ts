import { describe, expect, it } from 'vitest';
import { createIngestClient, type WorkerLike } from './client';
import { loadBundledSets, parseManifest } from './bundled-sets';
import { decodeParts, encodedParts } from './record-codec';
import { ingestCore } from './ingest-core';
import { contentId, sha256Hex } from '../core/sets/content-id';
import { handleIngestRequest } from './ingest.handler';

const CSV = [
  'storage,medium,format,prealloc,cache,aio,rw,bs,iodepth,numjobs,iops,lat_mean_us',
  'LocalStorage,NVMe,qcow2,full,none,native,randread,4096,32,1,250000,128',
  'LocalStorage,NVMe,qcow2,full,none,threads,randread,4096,32,1,180000,177',
].join('\n');
const CSV2 = [
  'storage,medium,aio,rw,bs,iodepth,numjobs,iops',
  'SharedBlock,SSD,native,randwrite,4096,16,1,40000',
].join('\n');

/**
 * An in-process stand-in for the Web Worker: same handler, same core, messages go through
 * structuredClone with transfer lists exactly like postMessage (buffers are detached).
 */
class InProcessWorker implements WorkerLike {
  static created = 0;
  private listeners: Record<string, ((e: never) => void)[]> = {};
  terminated = false;
  constructor() {
    InProcessWorker.created++;
  }
  postMessage(message: unknown, transfer: Transferable[]): void {
    const data: unknown = structuredClone(message, { transfer: transfer });
    setTimeout(() => {
      if (this.terminated) return;
      handleIngestRequest(data, ingestCore, (m, t) => {
        const copy: unknown = structuredClone(m, { transfer: t });
        setTimeout(() => !this.terminated && this.emit('message', { data: copy }), 0);
      });
    }, 0);
  }
  addEventListener(type: string, listener: (e: never) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }
  emit(type: string, event: unknown): void {
    for (const l of this.listeners[type] ?? []) l(event as never);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const at = new Date('2024-05-01T08:00:00.000Z');
const makeClient = () => {
  const workers: InProcessWorker[] = [];
  const client = createIngestClient({
    createWorker: () => {
      const w = new InProcessWorker();
      workers.push(w);
      return w;
    },
    now: () => at,
  });
  return { client, workers };
};
const file = (name: string, text: string) => new File([text], name, { type: 'text/plain' });

describe('ingest client', () => {
  it('loads each file as its own set, with records decoded from columns, and lists failures', async () => {
    const { client } = makeClient();
    const batch = await client.ingestFiles([
      file('nvme.csv', CSV),
      file('notes.txt', '   '),
      file('ssd.csv', CSV2),
    ]);
    expect(batch.sets.map((s) => [s.name, s.records.length, s.source, s.loadedAt])).toEqual([
      ['nvme', 2, 'nvme.csv', at.toISOString()],
      ['ssd', 1, 'ssd.csv', at.toISOString()],
    ]);
    const direct = ingestCore.ingestText(CSV, { fileName: 'nvme.csv' });
    expect(direct.ok && batch.sets[0]!.records).toEqual(direct.ok && direct.value.records);
    expect(batch.sets[0]!.reports).toEqual([direct.ok && direct.value.report]);
    expect(batch.failures).toEqual([
      { file: 'notes.txt', reason: expect.stringContaining('expected a result set') },
    ]);
    // The worker's encoding is kept for saving without re-encoding on the main thread.
    const parts = encodedParts.get(batch.sets[0]!.records);
    expect(parts && decodeParts(parts)).toEqual(batch.sets[0]!.records);
    client.dispose();
  });

  it('groups files loaded under one set name into one set with a report per file', async () => {
    const { client } = makeClient();
    const batch = await client.ingestFiles([file('a.csv', CSV), file('b.csv', CSV2)], {
      set: 'lab',
    });
    expect(batch.sets).toHaveLength(1);
    expect(batch.sets[0]).toMatchObject({ name: 'lab', source: 'a.csv, b.csv' });
    expect(batch.sets[0]!.reports.map((r) => r.file)).toEqual(['a.csv', 'b.csv']);
    expect(batch.sets[0]!.records.map((r) => r.origin)).toEqual(['a.csv:2', 'a.csv:3', 'b.csv:2']);
    expect(encodedParts.get(batch.sets[0]!.records)).toBeUndefined(); // two files: no single encoding
    client.dispose();
  });

  it('loads planned files into their sets: origin paths, per-file digests and the set’s content id', async () => {
    const { client } = makeClient();
    const digest = (text: string) => sha256Hex(new TextEncoder().encode(text));
    const batch = await client.ingestFiles([
      { file: file('nvme.csv', CSV), name: 'run-1/nvme.csv', set: 'lab' },
      { file: file('nvme.csv', CSV2), name: 'run-2/nvme.csv', set: 'lab' },
      { file: file('x.csv', CSV), name: 'x.csv', set: 'copy' },
    ]);
    expect(batch.sets.map((s) => [s.name, s.files, s.records.length])).toEqual([
      ['lab', ['run-1/nvme.csv', 'run-2/nvme.csv'], 3],
      ['copy', ['x.csv'], 2],
    ]);
    const [lab, copy] = batch.sets;
    expect(lab!.fileSha256).toEqual([digest(CSV), digest(CSV2)]);
    expect(lab!.sha256).toBe(contentId([digest(CSV2), digest(CSV)]));
    expect(copy!.sha256).toBe(contentId([digest(CSV)]));
    expect(lab!.records.map((r) => r.set)).toEqual(['lab', 'lab', 'lab']);
    expect(lab!.mapping).toBeUndefined();
    client.dispose();
  });

  it('lists the table files of a load with their header signature and columns, and keeps a mapping as provenance', async () => {
    const { client } = makeClient();
    const lab = ['Flavour,Workload,IOPS', 'threads,randread,1000', 'native,randread,1300'].join(
      '\n',
    );
    const map = { Flavour: { kind: 'field', field: 'aio' } } as const;
    const plain = await client.ingestFiles([
      { file: file('lab.csv', lab), name: 'lab.csv', set: 'lab' },
    ]);
    expect(plain.tables).toEqual([
      {
        set: 'lab',
        file: 'lab.csv',
        signature: ingestCore.headerSignature(['Flavour', 'Workload', 'IOPS']),
        columns: plain.sets[0]!.reports[0]!.columns,
        remembered: false,
      },
    ]);
    const mapped = await client.ingestFiles([
      { file: file('lab.csv', lab), name: 'lab.csv', set: 'lab', map },
    ]);
    expect(mapped.sets[0]!.mapping).toEqual(map);
    expect(mapped.sets[0]!.records.map((r) => r.aio)).toEqual(['threads', 'native']);
    expect(mapped.sets[0]!.sha256).toBe(plain.sets[0]!.sha256); // same bytes, same identity
    client.dispose();
  });

  it('splits a file whose rows name several sets, so every record matches its set name', async () => {
    const { client } = makeClient();
    const multi = [
      'set,aio,rw,bs,iodepth,iops',
      'lab-a,native,randread,4096,1,100',
      'lab-b,native,randread,4096,1,90',
      'lab-a,threads,randread,4096,1,80',
    ].join('\n');
    const batch = await client.ingestFiles([
      file('export.csv', multi),
      file('junk.csv', 'aio,iops\n'),
    ]);
    expect(
      batch.sets.map((s) => [s.name, s.records.map((r) => r.iops), s.reports.map((r) => r.file)]),
    ).toEqual([
      ['lab-a', [100, 80], ['export.csv']],
      ['lab-b', [90], ['export.csv']],
      ['junk', [], ['junk.csv']],
    ]);
    expect(batch.sets.every((s) => s.records.every((r) => r.set === s.name))).toBe(true);
    // Each set of the file keeps its own encoding from the worker.
    expect(decodeParts(encodedParts.get(batch.sets[1]!.records)!)).toEqual(batch.sets[1]!.records);
    expect(batch.sets[2]!.reports[0]).toMatchObject({ read: 0, accepted: 0 });
    client.dispose();
  });

  it('ingests a paste and reports progress up to 1', async () => {
    const { client } = makeClient();
    const seen: number[] = [];
    const batch = await client.ingestPaste(
      '| aio | iops |\n|---|---|\n| native | 100 |\n| threads | 80 |',
      { set: 'clipboard-2' },
      (p) => seen.push(p.overall),
    );
    expect(batch.sets.map((s) => [s.name, s.source, s.records.map((r) => r.iops)])).toEqual([
      ['clipboard-2', 'clipboard', [100, 80]],
    ]);
    const text = '| aio | iops |\n|---|---|\n| native | 100 |\n| threads | 80 |';
    expect(batch.sets[0]!.sha256).toBe(contentId([sha256Hex(new TextEncoder().encode(text))]));
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    client.dispose();
  });

  it('rejects pending requests when the worker fails, and starts a new worker next time', async () => {
    const { client, workers } = makeClient();
    const pending = client.ingestPaste('a,b\n1,2');
    workers[0]!.emit('error', new Event('error'));
    await expect(pending).rejects.toThrow(/ingest worker failed/);
    expect(workers[0]!.terminated).toBe(true);
    const again = await client.ingestPaste('aio,iops\nnative,5');
    expect(again.sets[0]!.records[0]!.iops).toBe(5);
    expect(workers).toHaveLength(2);
    client.dispose();
  });

  it('dispose terminates the worker and rejects pending and later calls', async () => {
    const { client, workers } = makeClient();
    const pending = client.ingestPaste('aio,iops\nnative,5');
    client.dispose();
    await expect(pending).rejects.toThrow('ingest client disposed');
    await expect(client.ingestPaste('aio,iops\nnative,5')).rejects.toThrow(
      'ingest client disposed',
    );
    expect(workers[0]!.terminated).toBe(true);
  });
});

describe('bundled sets', () => {
  it('reads the manifest shapes it may meet and refuses paths outside data/', () => {
    expect(
      parseManifest({
        sets: [
          {
            name: 'zstack-2023q1',
            file: 'zstack-2023q1.csv',
            description: 'seed',
            source: 'data/sources/aio-plan-2023q1.md',
            records: 208,
          },
        ],
      }),
    ).toEqual({
      ok: true,
      value: [
        {
          name: 'zstack-2023q1',
          file: 'zstack-2023q1.csv',
          description: 'seed',
          source: 'data/sources/aio-plan-2023q1.md',
        },
      ],
    });
    expect(parseManifest(['data/a.csv'])).toEqual({
      ok: true,
      value: [{ name: 'a', file: 'a.csv', description: '', source: 'data/a.csv' }],
    });
    expect(parseManifest({ sets: [{ path: '../secret.csv' }] }).ok).toBe(false);
    expect(parseManifest({ sets: [{ file: '.env' }] }).ok).toBe(false);
    expect(parseManifest({ nothing: true })).toEqual({
      ok: false,
      reason: expect.stringContaining('expected { "sets"'),
    });
  });

  const fakeFetch = (files: Record<string, string>) => {
    const asked: string[] = [];
    const f = (url: string): Promise<Response> => {
      const u = url;
      asked.push(u);
      const body = files[u];
      return Promise.resolve(
        body === undefined ? new Response('not found', { status: 404 }) : new Response(body),
      );
    };
    return { fetch: f as typeof fetch, asked };
  };

  it('loads every listed set through the worker; a missing file is a failure, not a crash', async () => {
    const { client } = makeClient();
    const { fetch, asked } = fakeFetch({
      '/data/manifest.json': JSON.stringify({
        sets: [
          { name: 'seed set', file: 'seed set.csv', description: 'The seed' },
          { name: 'gone', file: 'gone.csv' },
        ],
      }),
      '/data/seed%20set.csv': CSV,
    });
    const batch = await loadBundledSets({ client, fetch, baseUrl: '/' });
    expect(asked).toEqual(['/data/manifest.json', '/data/seed%20set.csv', '/data/gone.csv']);
    expect(batch.sets.map((s) => [s.name, s.description, s.source, s.records.length])).toEqual([
      ['seed set', 'The seed', 'data/seed set.csv', 2],
    ]);
    expect(batch.sets[0]!.records.every((r) => r.set === 'seed set')).toBe(true);
    // Bundled sets have a content identity too: loading the same file again is recognised.
    expect(batch.sets[0]!.sha256).toBe(contentId([sha256Hex(new TextEncoder().encode(CSV))]));
    expect(batch.sets[0]!.files).toEqual(['seed set.csv']);
    expect(batch.failures).toEqual([{ file: 'gone.csv', reason: 'HTTP 404' }]);
    client.dispose();
  });

  it('treats a missing manifest as "nothing bundled" and a broken one as a failure', async () => {
    const { client } = makeClient();
    expect(await loadBundledSets({ client, fetch: fakeFetch({}).fetch })).toEqual({
      sets: [],
      failures: [],
    });
    const broken = await loadBundledSets({
      client,
      fetch: fakeFetch({ '/data/manifest.json': '{not json' }).fetch,
    });
    expect(broken.sets).toEqual([]);
    expect(broken.failures).toEqual([{ file: 'data/manifest.json', reason: expect.any(String) }]);
    client.dispose();
  });
});
