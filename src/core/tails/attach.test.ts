/* eslint-disable no-restricted-imports -- tests run in Node and read real fio output from disk */
/**
 * fio log files (real fio 3.33 logs made here, e2e/fixtures-data/tails; a fio 2.x-layout log
 * constructed from the documented format) parsed and attached to the records of their jobs, and
 * the tail fio.parse.ts gives each record.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../ingest/ingest';
import type { ResultRecord } from '../model/record.types';
import { attachLogs, type LogInput } from './attach';
import { isFioLogName, parseFioLog, parseLogName } from './fio-log';
import { parseFioLogReference } from './fio-log.reference';
import { FIO_DEFAULT_RANKS, curveAt } from './percentiles';

const tails = join(__dirname, '../../../e2e/fixtures-data/tails');

/** A folder as one load: records of its fio JSON files, and its log files (paths relative). */
function loadFolder(dir: string): { records: ResultRecord[]; logs: LogInput[] } {
  const records: ResultRecord[] = [];
  const logs: LogInput[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      const path = relative(dir, abs).split('\\').join('/');
      if (statSync(abs).isDirectory()) walk(abs);
      else if (isFioLogName(path)) logs.push({ path, text: readFileSync(abs, 'utf8') });
      else if (name.endsWith('.json')) {
        const r = ingestBytes(readFileSync(abs), { fileName: path });
        if (!r.ok) throw new Error(r.reason);
        records.push(...r.value.records);
      }
    }
  };
  walk(dir);
  return { records, logs };
}

describe('fio log names', () => {
  it('reads prefix, kind and job number', () => {
    expect(parseLogName('a/b/randwrite_clat.1.log')).toEqual({
      folder: 'a/b',
      prefix: 'randwrite',
      kind: 'clat',
      jobNumber: 1,
    });
    expect(parseLogName('x_y_iops.log')).toMatchObject({
      prefix: 'x_y',
      kind: 'iops',
      jobNumber: null,
    });
    expect(parseLogName('run_clat_hist.1.log')).toBeNull();
    expect(parseLogName('notes.log')).toBeNull();
    expect(parseLogName('_lat.1.log')).toBeNull();
  });
});

describe('parseFioLog', () => {
  it('reads a real fio 3.33 per-I/O clat log in ns as µs', () => {
    const text = readFileSync(join(tails, 'per-io/written/randwrite_clat.1.log'), 'utf8');
    const r = parseFioLog(text, { kind: 'clat', file: 'c.log', latencyNs: true, avgMs: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const first = text.split('\n')[0]!.split(',').map(Number);
    expect(r.value.tMs.length).toBe(text.trim().split('\n').length);
    expect(r.value.tMs[0]).toBe(first[0]);
    expect(r.value.values[0]).toBeCloseTo(first[1]! / 1000, 9);
    expect(r.value.ddir[0]).toBe(1);
    for (let i = 1; i < r.value.tMs.length; i++)
      expect(r.value.tMs[i]!).toBeGreaterThanOrEqual(r.value.tMs[i - 1]!);
  });

  it('keeps iops and bw values as written; reads CRLF; sorts a stepped-back line', () => {
    const r = parseFioLog('100, 5, 0, 4096\r\n90, 7, 1, 4096\r\n', {
      kind: 'iops',
      file: 'i.log',
      latencyNs: true,
      avgMs: 100,
    });
    expect(r.ok && [...r.value.tMs]).toEqual([90, 100]);
    expect(r.ok && [...r.value.values]).toEqual([7, 5]);
    expect(r.ok && r.value.avgMs).toBe(100);
  });

  it('fails (never throws) on text that is not a log', () => {
    const opts = { kind: 'lat' as const, file: 'x.log', latencyNs: true, avgMs: null };
    expect(parseFioLog('hello world\n', opts)).toMatchObject({ ok: false });
    expect(parseFioLog('1, 2, 7, 4096\n', opts)).toMatchObject({ ok: false });
    expect(parseFioLog('', opts)).toMatchObject({ ok: false });
  });
});

describe('the tail of fio records', () => {
  it("every real run made here has fio's curve (shared ranks), its bins and p99.9/max as fio says", () => {
    const { records } = loadFolder(join(tails, 'stalls'));
    expect(records.length).toBe(6);
    for (const r of records) {
      const doc = JSON.parse(
        readFileSync(join(tails, 'stalls', r.origin.split('#')[0]!), 'utf8'),
      ) as {
        jobs: {
          write: {
            total_ios: number;
            clat_ns: { max: number; percentile: Record<string, number> };
          };
        }[];
      };
      const w = doc.jobs[0]!.write;
      const tail = r.tail!;
      expect(tail.curve!.source).toBe('fio-percentiles');
      expect(tail.curve!.ranks).toBe(FIO_DEFAULT_RANKS);
      expect(curveAt(tail.curve!, 99.9)).toBeCloseTo(w.clat_ns.percentile['99.900000']! / 1000, 9);
      expect(r.lat_p999_us).toBeCloseTo(w.clat_ns.percentile['99.900000']! / 1000, 9);
      expect(r.lat_max_us).toBeCloseTo(w.clat_ns.max / 1000, 9);
      let n = 0;
      for (const c of tail.histogram!.counts) n += c;
      expect(n).toBe(w.total_ios);
      expect(tail.fioJob).toMatchObject({ name: 'randwrite', latencyNs: true, logAvgMs: 100 });
    }
  });

  it('fio 2.18 (µs keys): curve in µs, no bins, latency logs in µs', () => {
    const { records } = loadFolder(join(tails, 'fio2-layout'));
    const r = records[0]!;
    expect(r.tail!.curve!.valuesUs.length).toBeGreaterThan(10);
    expect(r.tail!.histogram).toBeUndefined();
    expect(curveAt(r.tail!.curve!, 99)).toBe(r.lat_p99_us);
    expect(r.tail!.fioJob).toMatchObject({
      name: 'random-io',
      latencyNs: false,
      logAvgMs: 500,
      logPrefixes: ['random-io', 'randread-4k-01'],
    });
  });

  it('numjobs=4 without group_reporting: one record, bins summed, curve from them', () => {
    const text = readFileSync(
      join(__dirname, '../ingest/fixtures/fio/libaio-randread-2jobs-nogroup.json'),
    );
    const r = ingestBytes(text, { fileName: 'x.json' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const rec of r.value.records) {
      expect(rec.tail!.fioJob!.jobNumbers.length).toBeGreaterThanOrEqual(1);
      // without json+ bins, an aggregated record has no curve: percentiles do not merge
      if (rec.tail!.fioJob!.jobNumbers.length > 1 && !rec.tail!.histogram)
        expect(rec.tail!.curve).toBeUndefined();
    }
  });
});

describe('attachLogs', () => {
  it('attaches every log of the real runs to its job (with and without log_avg_msec)', () => {
    for (const group of ['stalls', 'per-io']) {
      const { records, logs } = loadFolder(join(tails, group));
      const rep = attachLogs(records, logs);
      expect(rep.unmatched).toEqual([]);
      expect(rep.attached.length).toBe(logs.length);
      for (const r of records) {
        const kinds = r.tail!.series.map((s) => s.kind).sort();
        expect(kinds).toEqual(['bw', 'clat', 'iops', 'lat', 'slat']);
        const folder = r.origin.slice(0, r.origin.lastIndexOf('/'));
        for (const s of r.tail!.series) {
          expect(s.file.startsWith(folder + '/')).toBe(true);
          expect(s.avgMs).toBe(group === 'stalls' ? 100 : null);
          // As the plain parser reads the file.
          const text = logs.find((l) => l.path === s.file)!.text;
          const ref = parseFioLogReference(text, {
            kind: s.kind,
            file: s.file,
            latencyNs: true,
            avgMs: s.avgMs,
          });
          expect(ref.ok && [...ref.value.tMs, ...ref.value.values, ...ref.value.ddir]).toEqual([
            ...s.tMs,
            ...s.values,
            ...s.ddir,
          ]);
        }
        // the largest logged clat is fio's max (per-I/O logs) or a window max (log_max_value=1)
        const clat = r.tail!.series.find((s) => s.kind === 'clat')!;
        expect(Math.max(...clat.values)).toBeLessThanOrEqual(r.lat_max_us! + 1e-6);
        if (group === 'per-io') expect(Math.max(...clat.values)).toBeCloseTo(r.lat_max_us!, 3);
      }
    }
  });

  it('the fio 2.x-layout logs attach by write_lat_log prefix, values in µs', () => {
    const { records, logs } = loadFolder(join(tails, 'fio2-layout'));
    const rep = attachLogs(records, logs);
    expect(rep.unmatched).toEqual([]);
    const clat = records[0]!.tail!.series.find((s) => s.kind === 'clat')!;
    const mean = clat.values.reduce((a, b) => a + b, 0) / clat.values.length;
    // constructed around the JSON's clat mean (µs): same order of magnitude, not ×1000 off
    expect(mean / records[0]!.lat_mean_us!).toBeGreaterThan(0.8);
    expect(mean / records[0]!.lat_mean_us!).toBeLessThan(1.2);
  });

  it('reports logs of no job, of another folder, of two jobs, and unreadable ones', () => {
    const { records, logs } = loadFolder(join(tails, 'stalls'));
    const clat = logs.find((l) => l.path === 'sparse-16M/randwrite_clat.1.log')!;
    const rep = attachLogs(records, [
      { path: 'other_clat.1.log', text: clat.text },
      { path: 'elsewhere/randwrite_clat.1.log', text: clat.text },
      { path: 'sparse-16M/randwrite_bw.1.log', text: 'not, a log\n' },
    ]);
    expect(rep.attached).toEqual([]);
    expect(rep.unmatched.map((u) => u.path)).toEqual([
      'elsewhere/randwrite_clat.1.log',
      'other_clat.1.log',
      'sparse-16M/randwrite_bw.1.log',
    ]);
    const twin = records.filter((r) => r.origin.startsWith('sparse-16M/'));
    const both = [...twin, ...twin.map((r) => ({ ...r, origin: r.origin.replace('#', '#2') }))];
    const amb = attachLogs(both, [{ path: 'sparse-16M/randwrite_clat.log', text: clat.text }]);
    expect(amb.unmatched[0]!.reason).toMatch(/2 fio jobs/);
  });
});
