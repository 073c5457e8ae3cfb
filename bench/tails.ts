/**
 * Bench section 6 (issue 15): the tail's cost.
 *
 * - Time: 2 × 98 fio json+ files WITH their log files, ingested and the logs attached, against
 *   today's fio ingest of e2e/fixtures-data/layouts/devices (2 × 98 plain fio JSON), interleaved
 *   in one run; target ≤ 2×. The json+ inputs are the real fio 3.33 runs of
 *   e2e/fixtures-data/tails/stalls (6 runs: json+ with bins, five logs each at log_avg_msec=100,
 *   as `aio-dash bench --engine fio` writes them), laid out as the devices folders are: the same
 *   file names in two folders, each file a copy of one real run with its job (and its logs)
 *   renamed so that every log has exactly one owner. A per-I/O variant (e2e/fixtures-data/tails/
 *   per-io: every I/O logged, ~1,000 lines per log) is measured too, for information.
 * - Memory: bytes per record retained by the tail — fio's percentile curve only (the common
 *   case, ranks shared), curve + json+ histogram, and curve + histogram + five averaged logs —
 *   measured as the heap difference of 20k records with and without their tails.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestApi } from './adapters';
import { gc, measurePair } from './harness';
import type { ResultRecord } from '../src/core/model/record.types';
import { attachLogs, type LogInput } from '../src/core/tails/attach';

interface Row {
  id: string;
  name: string;
  status: 'measured' | 'info' | 'error';
  unit: 'ms' | 'MB' | '';
  median?: number;
  samples?: number[];
  ratio?: number;
  ratioTo?: string;
  target?: string;
  pass?: boolean | null;
  note?: string;
}

interface InputFile {
  folder: string;
  name: string;
  text: string;
}

/** One real run (its json+ and logs), copied under job name `job`. */
function runCopy(dir: string, job: string, folder: string, stem: string): InputFile[] {
  const json = readFileSync(join(dir, 'randwrite.json'), 'utf8')
    .replace(/"jobname" : "randwrite"/, `"jobname" : "${job}"`)
    .replace(/"(write_(?:lat|iops|bw)_log)" : "randwrite"/g, `"$1" : "${job}"`);
  const out: InputFile[] = [{ folder, name: `${stem}.json`, text: json }];
  for (const f of readdirSync(dir))
    if (f.endsWith('.log'))
      out.push({
        folder,
        name: f.replace(/^randwrite/, job),
        text: readFileSync(join(dir, f), 'utf8'),
      });
  return out;
}

/** 2 × 98 json+ files with logs, named like the devices folders' files. */
function tailInputs(root: string, group: 'stalls' | 'per-io', names: readonly string[]) {
  const base = join(root, 'e2e/fixtures-data/tails', group);
  const runs = readdirSync(base).sort();
  const files: InputFile[] = [];
  for (const folder of ['devA', 'devB'])
    names.forEach((n, i) => {
      const stem = n.replace(/\.json$/, '');
      files.push(...runCopy(join(base, runs[i % runs.length]!), stem, folder, stem));
    });
  return files;
}

/** Ingests a folder load: result files, then its logs attached (what the CLI and worker do). */
function ingestWithLogs(ingest: IngestApi, files: readonly InputFile[]): ResultRecord[] {
  const out: ResultRecord[] = [];
  const byFolder = new Map<string, { records: ResultRecord[]; logs: LogInput[] }>();
  for (const f of files) {
    let g = byFolder.get(f.folder);
    if (!g) byFolder.set(f.folder, (g = { records: [], logs: [] }));
    if (f.name.endsWith('.log')) g.logs.push({ path: f.name, text: f.text });
    else for (const r of ingest.ingestInSet(f.text, f.name, f.folder).records) g.records.push(r);
  }
  for (const g of byFolder.values()) {
    const rep = attachLogs(g.records, g.logs);
    if (rep.unmatched.length > 0) throw new Error(`unattached log: ${rep.unmatched[0]!.reason}`);
    for (const r of g.records) out.push(r);
  }
  return out;
}

/** V8 heap + typed-array backing stores (off-heap above 64 B), after a full GC and its sweep. */
async function heapBytes(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Bytes per record its tail holds: `n` records of `make()` kept with their tails, then the tails
 * taken away (the records stay), heap compared. Shared arrays (fio's default ranks) stay alive
 * either way, so they count as 0 — as they should: one copy for all records.
 */
async function bytesPerRecord(make: () => ResultRecord[], n: number): Promise<number> {
  const keep: ResultRecord[] = [];
  while (keep.length < n) for (const r of make()) keep.push(r);
  const withTail = await heapBytes();
  for (const r of keep) delete r.tail;
  const without = await heapBytes();
  const perRecord = (withTail - without) / keep.length;
  keep.length = 0;
  return perRecord;
}

export async function tailsSection(
  root: string,
  ingest: IngestApi,
  runs: number,
  devicesDir: string,
): Promise<Row[]> {
  const rows: Row[] = [];
  const devNames = readdirSync(devicesDir).filter((n) => !n.startsWith('.'));
  const devFiles = devNames.flatMap((d) =>
    readdirSync(join(devicesDir, d)).map((f) => ({
      folder: d,
      name: f,
      text: readFileSync(join(devicesDir, d, f), 'utf8'),
    })),
  );
  const names = readdirSync(join(devicesDir, devNames[0]!)).sort();
  const today = () =>
    devFiles.reduce((n, f) => n + ingest.ingestInSet(f.text, f.name, f.folder).records.length, 0);
  for (const group of ['stalls', 'per-io'] as const) {
    const files = tailInputs(root, group, names);
    const jsonCount = files.filter((f) => f.name.endsWith('.json')).length;
    const logCount = files.length - jsonCount;
    const lines = files
      .filter((f) => f.name.endsWith('.log'))
      .reduce((n, f) => n + f.text.split('\n').length - 1, 0);
    const check = ingestWithLogs(ingest, files);
    const series = check.reduce((n, r) => n + (r.tail?.series.length ?? 0), 0);
    const m = await measurePair(() => ingestWithLogs(ingest, files), today, { runs });
    const perIo = group === 'per-io';
    rows.push({
      id: perIo ? 'tails-196-perio' : 'tails-196',
      name: perIo
        ? 'fio 2×98 json+ + per-I/O logs: ingest'
        : 'fio 2×98 json+ + logs: ingest+attach',
      status: perIo ? 'info' : 'measured',
      unit: 'ms',
      median: Math.round(m.a.median * 100) / 100,
      samples: m.a.samples.map((x) => Math.round(x * 100) / 100),
      ratio: Math.round(m.ratio * 100) / 100,
      ratioTo: `today's fio ingest of layouts/devices (${devFiles.length} JSON, median ${Math.round(m.b.median * 10) / 10} ms)`,
      ...(perIo ? {} : { target: '≤ 2×', pass: m.ratio <= 2 }),
      note: `${jsonCount} json+ files, ${logCount} logs (${lines} lines, ${series} series attached) from the real runs in e2e/fixtures-data/tails/${group}`,
    });
  }
  // Memory per record: the same real run ingested 20k times; tails removed, heap compared.
  const one = (group: string, run: string, withLogs: boolean) => {
    const dir = join(root, 'e2e/fixtures-data/tails', group, run);
    const files = runCopy(dir, 'randwrite', 'x', 'randwrite').filter(
      (f) => withLogs || f.name.endsWith('.json'),
    );
    return () => ingestWithLogs(ingest, files);
  };
  const N = 20_000;
  const curveOnly = () =>
    one('stalls', 'written-16M', false)().map((r) => {
      const { histogram: _h, ...tail } = r.tail!;
      r.tail = tail;
      return r;
    });
  const cases: [string, string, () => ResultRecord[]][] = [
    ['tail-bytes-curve', 'tail bytes/record: fio percentile curve', curveOnly],
    [
      'tail-bytes-bins',
      'tail bytes/record: curve + json+ bins',
      one('stalls', 'written-16M', false),
    ],
    [
      'tail-bytes-logs',
      'tail bytes/record: curve + bins + 5 logs (100 ms)',
      one('stalls', 'written-16M', true),
    ],
  ];
  for (const [id, name, make] of cases) {
    const b = await bytesPerRecord(make, N);
    const sample = make()[0]!.tail!;
    rows.push({
      id,
      name,
      status: 'info',
      unit: '',
      median: Math.round(b),
      note: `bytes per record; ${N} records of one real fio 3.33 run; curve ${sample.curve?.ranks.length ?? 0} ranks (shared), ${sample.histogram?.counts.length ?? 0} bins, ${sample.series.reduce((n, s) => n + s.tMs.length, 0)} log points; a record without tail: 0 B`,
    });
  }
  return rows;
}
