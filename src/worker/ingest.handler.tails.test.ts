/**
 * The worker attaches fio log files to their jobs' records (issue 15): real fio 3.33 json+ and
 * logs (e2e/fixtures-data/tails), the tail through the record codec and a structured clone (as
 * postMessage and IndexedDB do), and a log of no job reported as a note, not dropped.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIO_DEFAULT_RANKS } from '../core/tails/percentiles';
import { decodeParts } from './record-codec';
import { ingestCore } from './ingest-core';
import { handleIngestRequest } from './ingest.handler';
import type { FileOutcome, IngestResponse } from './ingest.protocol';

const dir = join(__dirname, '../../e2e/fixtures-data/tails/stalls/sparse-512M');
const bytes = (name: string): ArrayBuffer => {
  const b = readFileSync(join(dir, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};

function run(files: { name: string; bytes: ArrayBuffer }[]): FileOutcome[] {
  const messages: IngestResponse[] = [];
  handleIngestRequest(
    { id: 1, files: files.map((f) => ({ ...f, set: 'sparse-512M' })), options: {} },
    ingestCore,
    (m) => void messages.push(m),
  );
  const done = messages.at(-1);
  return done?.type === 'done' ? done.outcomes : [];
}

describe('worker ingest with fio log files', () => {
  it('attaches every log to the record; each log has its own row-less outcome and a note', () => {
    const names = readdirSync(dir).sort();
    const outcomes = run([
      ...names.map((name) => ({ name, bytes: bytes(name) })),
      { name: 'ghost_clat.1.log', bytes: bytes('randwrite_clat.1.log') },
    ]);
    expect(outcomes).toHaveLength(names.length + 1);
    const json = outcomes.find((o) => o.file === 'randwrite.json');
    if (!json?.ok) throw new Error('json not loaded');
    expect(json.report.rejected).toEqual([]);
    // through the codec and a structured clone, as postMessage / IndexedDB carry it
    const records = decodeParts(structuredClone(json.groups.map((g) => g.parts).flat()));
    expect(records).toHaveLength(1);
    const tail = records[0]!.tail!;
    expect(tail.series.map((s) => s.kind).sort()).toEqual(['bw', 'clat', 'iops', 'lat', 'slat']);
    expect(tail.series[0]!.tMs).toBeInstanceOf(Float64Array);
    expect(tail.curve!.ranks).toBe(FIO_DEFAULT_RANKS); // re-shared after the clone
    expect(tail.histogram!.counts.length).toBeGreaterThan(100);
    const logs = outcomes.filter((o) => o.file.endsWith('.log'));
    for (const o of logs) {
      if (!o.ok) throw new Error(o.reason);
      expect(o.report).toMatchObject({ format: 'fio-log', read: 0, accepted: 0, rejected: [] });
      expect(o.groups).toEqual([]);
    }
    const ghost = logs.find((o) => o.file === 'ghost_clat.1.log');
    expect(ghost?.ok && ghost.report.notes[0]).toMatch(/not attached: no fio job named 'ghost'/);
    const clat = logs.find((o) => o.file === 'randwrite_clat.1.log');
    expect(clat?.ok && clat.report.notes[0]).toMatch(/attached to randwrite\.json#jobs\[0\]/);
  });

  it('a tail broken on the way (not typed arrays) is dropped by the codec, the record kept', () => {
    const outcomes = run([{ name: 'randwrite.json', bytes: bytes('randwrite.json') }]);
    const json = outcomes[0];
    if (!json?.ok) throw new Error('json not loaded');
    const parts = json.groups[0]!.parts;
    const rest = parts[0]!.rest!;
    rest[0] = { tail: { series: [], curve: { ranks: [1], valuesUs: [2], source: 'fio-bins' } } };
    const records = decodeParts(parts);
    expect(records).toHaveLength(1);
    expect(records[0]!.tail).toBeUndefined();
  });
});
