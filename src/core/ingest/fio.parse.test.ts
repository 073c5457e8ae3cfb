/* eslint-disable no-restricted-imports -- tests run in Node and read fixture files from disk */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvToRecords, ingestBytes, recordsToCsv } from './ingest';

const dir = join(__dirname, 'fixtures/fio');
const raw = (name: string) => readFileSync(join(dir, name), 'utf8');
function load(name: string, labels: Record<string, string> = {}) {
  const r = ingestBytes(readFileSync(join(dir, name)), {
    fileName: name,
    labels,
  });
  if (!r.ok) throw new Error(r.reason);
  expect(r.value.report.format).toBe('fio-json');
  expect(r.value.report.read).toBe(r.value.report.accepted + r.value.report.rejected.length);
  return r.value;
}
interface Lat {
  mean: number;
  percentile: Record<string, number>;
}
interface Dir {
  iops: number;
  bw: number;
  total_ios: number;
  clat_ns: Lat;
}
interface Job {
  read: Dir;
  write: Dir;
}
interface Doc {
  jobs: Job[];
  client_stats: Job[];
}

/** The JSON objects of a fio output file, parsed independently of the importer (for expectations). */
function objects(name: string): Doc[] {
  const t = raw(name);
  const out: Doc[] = [];
  for (
    let i = t.indexOf('{\n  "fio version"');
    i >= 0;
    i = t.indexOf('{\n  "fio version"', i + 1)
  ) {
    let depth = 0;
    let end = i;
    for (let k = i, s = false; k < t.length; k++) {
      const c = t[k];
      if (s) {
        if (c === '\\') k++;
        else if (c === '"') s = false;
      } else if (c === '"') s = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        end = k + 1;
        break;
      }
    }
    out.push(JSON.parse(t.slice(i, end)) as Doc);
  }
  return out;
}

describe('fio JSON (shared legacy samples)', () => {
  it('fio 2.18: clat in µs, iodepth "01", p99 from "99.000000" despite duplicate "0.00" keys', () => {
    const { records } = load('01_fio-2.18_legacy-usec-keys_randread-qd1.json');
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect([r.rw, r.bs, r.iodepth, r.numjobs, r.ioengine, r.runtime_s]).toEqual([
      'randread',
      4096,
      1,
      1,
      'libaio',
      60,
    ]);
    expect([r.iops, r.lat_mean_us, r.lat_p99_us, r.bw_kib_s]).toEqual([
      73.184143, 13636.394809, 22912, 292,
    ]);
    expect(r.origin).toBe('01_fio-2.18_legacy-usec-keys_randread-qd1.json#jobs[0]');
    expect(r.flags).toEqual([]);
  });
  it('failed run after error text: error 22 → failed-run, latency null, zeros as reported', () => {
    const { records, report } = load('04_fio-3.33_failed-run-error22_text-prefix.json');
    const r = records[0]!;
    expect(r.flags).toEqual(['failed-run']);
    expect([
      r.rw,
      r.bs,
      r.ioengine,
      r.iops,
      r.bw_kib_s,
      r.lat_mean_us,
      r.extra['fio_error'],
    ]).toEqual(['write', 1048576, 'sync', 0, 0, null, '22']);
    expect(report.flagged).toBe(1);
  });
  it('fio 3.2 json+ inside normal output: ns → µs, numjobs 4 group-reported', () => {
    const { records } = load('06_fio-3.2_jsonplus-bins_normal+json_randread-qd16-nj4.fiolog');
    const r = records[0]!;
    expect([r.bs, r.iodepth, r.numjobs, r.runtime_s, r.iops]).toEqual([
      32768, 16, 4, 10, 31861.327734,
    ]);
    expect(r.lat_mean_us).toBeCloseTo(1986.250069625, 9);
    expect(r.lat_p99_us).toBe(3096.576);
    expect(r.flags).toEqual([]); // 31861 IOPS × 1.986 ms ≈ 63 ≈ 16 × 4 in flight
  });
});

describe('fio JSON produced with Debian fio 3.33 on this machine', () => {
  it('libaio randread: facts from the file name native-ssd-randread.json', () => {
    const j = objects('native-ssd-randread.json')[0]!.jobs[0]!;
    const r = load('native-ssd-randread.json').records[0]!;
    expect([r.aio, r.medium, r.rw, r.ioengine, r.iodepth]).toEqual([
      'native',
      'SSD',
      'randread',
      'libaio',
      16,
    ]);
    expect(r.iops).toBe(j.read.iops);
    expect(r.lat_mean_us).toBeCloseTo(j.read.clat_ns.mean / 1000, 9);
    expect(r.lat_p99_us).toBe(j.read.clat_ns.percentile['99.000000']! / 1000);
    expect(r.bw_kib_s).toBe(j.read.bw);
  });
  it('io_uring json+: description key:value facts; the engine name in the file name is not the aio mode', () => {
    const r = load('io_uring-randwrite.jsonplus.json').records[0]!;
    expect([r.aio, r.medium, r.storage, r.source, r.ioengine, r.rw, r.iodepth]).toEqual([
      'io_uring',
      'SSD',
      'LocalStorage',
      'file',
      'io_uring',
      'randwrite',
      32,
    ]);
    const other = ingestBytes(readFileSync(join(dir, 'io_uring-randwrite.jsonplus.json')), {
      fileName: 'io_uring-x.json',
      labels: { aio: 'threads' },
    });
    expect(other.ok && other.value.records[0]!.aio).toBe('threads'); // --label overrides the description
  });
  it('psync randrw: one record, both directions summed, I/O-weighted latency, sync engine depth 1', () => {
    const j = objects('psync-randrw.json')[0]!.jobs[0]!;
    const r = load('psync-randrw.json').records[0]!;
    expect(r.rw).toBe('randrw');
    expect(r.iops).toBeCloseTo(j.read.iops + j.write.iops, 6);
    const w =
      (j.read.clat_ns.mean * j.read.total_ios + j.write.clat_ns.mean * j.write.total_ios) /
      (j.read.total_ios + j.write.total_ios) /
      1000;
    expect(r.lat_mean_us).toBeCloseTo(w, 2);
    expect(Number(r.extra['read_iops'])).toBe(j.read.iops);
    expect(Number(r.extra['write_iops'])).toBe(j.write.iops);
    expect(r.flags).toEqual([]);
  });
  it('two jobs without group_reporting: one aggregated record, IOPS summed', () => {
    const jobs = objects('libaio-randread-2jobs-nogroup.json')[0]!.jobs;
    expect(jobs).toHaveLength(2);
    const { records, report } = load('libaio-randread-2jobs-nogroup.json');
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect([r.numjobs, r.origin]).toEqual([2, 'libaio-randread-2jobs-nogroup.json#jobs[0-1]']);
    expect(r.iops).toBeCloseTo(jobs[0]!.read.iops + jobs[1]!.read.iops, 6);
    expect(r.bw_kib_s).toBe(jobs[0]!.read.bw + jobs[1]!.read.bw);
    const w =
      (jobs[0]!.read.clat_ns.mean * jobs[0]!.read.total_ios +
        jobs[1]!.read.clat_ns.mean * jobs[1]!.read.total_ios) /
      (jobs[0]!.read.total_ios + jobs[1]!.read.total_ios) /
      1000;
    expect(r.lat_mean_us).toBeCloseTo(w, 2);
    expect(report.notes.join('\n')).toContain('aggregated');
  });
  it('--status-interval: three reports, the final one is used', () => {
    const objs = objects('libaio-randread-status-interval.json');
    expect(objs).toHaveLength(3);
    const { records, report } = load('libaio-randread-status-interval.json');
    expect(records).toHaveLength(1);
    expect(records[0]!.iops).toBe(objs[2]!.jobs[0]!.read.iops);
    expect(records[0]!.iops).not.toBe(objs[0]!.jobs[0]!.read.iops);
    expect(report.notes.join('\n')).toContain('superseded');
  });
  it('normal,json output: text before and after the JSON is skipped', () => {
    const r = load('libaio-randwrite-normal+json.txt').records[0]!;
    expect([r.rw, r.iodepth]).toEqual(['randwrite', 4]);
    expect(r.iops).toBe(objects('libaio-randwrite-normal+json.txt')[0]!.jobs[0]!.write.iops);
  });
  it('job file with [global]: global options merged under each job, job-name key:value facts', () => {
    const { records } = load('jobfile-global-options-2jobs.json');
    expect(
      records.map((r) => [r.aio, r.bus, r.iodepth, r.ioengine, r.bs, r.medium, r.cache, r.storage]),
    ).toEqual([
      ['native', 'virtio-blk', 8, 'libaio', 4096, 'NVMe', 'none', 'LocalStorage'],
      ['threads', 'virtio-blk', 8, 'libaio', 4096, 'NVMe', 'none', 'LocalStorage'],
    ]);
  });
  it('client/server mode: client_stats, one record per client', () => {
    const r = load('client-server-randwrite.json').records[0]!;
    expect([r.rw, r.extra['client'], r.origin]).toEqual([
      'randwrite',
      'localhost',
      'client-server-randwrite.json#client_stats[0]',
    ]);
    expect(r.iops).toBe(objects('client-server-randwrite.json')[0]!.client_stats[0]!.write.iops);
  });
});

describe('broken fio output', () => {
  it('fails clearly on truncated fio JSON', () => {
    const t = raw('native-ssd-randread.json');
    const r = ingestBytes(new TextEncoder().encode(t.slice(0, t.length / 2)), {
      fileName: 'cut.json',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('expected fio --output-format=json');
  });
  it('rejects a job whose rw is not comparable, with its line', () => {
    const t = raw('native-ssd-randread.json').replace('"rw" : "randread"', '"rw" : "trim"');
    const r = ingestBytes(new TextEncoder().encode(t), { fileName: 'trim.json' });
    expect(r.ok && r.value.report.rejected).toEqual([
      {
        file: 'trim.json',
        line: 8,
        reason: "jobs[0]: rw 'trim' is not a read/write mode this tool compares",
      },
    ]);
  });
});

describe('fio JSON: the spec’s second-version fields', () => {
  interface Extremes {
    max: number;
    percentile: Record<string, number>;
  }
  /** One direction's completion-latency block, as fio wrote it (µs in fio 2.x, ns in 3.x). */
  const clat = (side: unknown): { o: Extremes; toUs: number } => {
    const s = side as { clat_ns?: Extremes; clat?: Extremes };
    return s.clat_ns ? { o: s.clat_ns, toUs: 1 / 1000 } : { o: s.clat!, toUs: 1 };
  };
  it('fio 2.18 (µs keys): p99.9 and max straight from clat', () => {
    const j = objects('01_fio-2.18_legacy-usec-keys_randread-qd1.json')[0]!.jobs[0]!;
    const r = load('01_fio-2.18_legacy-usec-keys_randread-qd1.json').records[0]!;
    const c = clat(j.read);
    expect(c.toUs).toBe(1);
    expect(r.lat_p999_us).toBe(c.o.percentile['99.900000']);
    expect(r.lat_max_us).toBe(c.o.max);
    expect(r.lat_max_us!).toBeGreaterThanOrEqual(r.lat_p999_us!);
    expect(r.lat_p999_us!).toBeGreaterThanOrEqual(r.lat_p99_us!);
  });
  it('fio 3.33 (ns keys): p99.9 and max converted to µs', () => {
    const j = objects('native-ssd-randread.json')[0]!.jobs[0]!;
    const r = load('native-ssd-randread.json').records[0]!;
    const c = clat(j.read);
    expect(r.lat_p999_us).toBe(c.o.percentile['99.900000']! / 1000);
    expect(r.lat_max_us).toBe(c.o.max / 1000);
  });
  it('fio 3.2 json+ inside normal output: p99.9 and max read too', () => {
    const r = load('06_fio-3.2_jsonplus-bins_normal+json_randread-qd16-nj4.fiolog').records[0]!;
    expect(r.lat_p999_us).not.toBeNull();
    expect(r.lat_max_us!).toBeGreaterThanOrEqual(r.lat_p999_us!);
  });
  it('mixed job and aggregated jobs: the larger p99.9 and max of the parts', () => {
    const m = objects('psync-randrw.json')[0]!.jobs[0]!;
    const r = load('psync-randrw.json').records[0]!;
    const [cr, cw] = [clat(m.read), clat(m.write)];
    expect(r.lat_max_us).toBe(Math.max(cr.o.max, cw.o.max) / 1000);
    expect(r.lat_p999_us).toBe(
      Math.max(cr.o.percentile['99.900000']!, cw.o.percentile['99.900000']!) / 1000,
    );
    const jobs = objects('libaio-randread-2jobs-nogroup.json')[0]!.jobs;
    const a = load('libaio-randread-2jobs-nogroup.json').records[0]!;
    expect(a.lat_max_us).toBe(Math.max(...jobs.map((j) => clat(j.read).o.max)) / 1000);
  });
  it('a direction without I/O gives no latency: the failed run has null p99.9 and max', () => {
    const r = load('04_fio-3.33_failed-run-error22_text-prefix.json').records[0]!;
    expect([r.lat_p999_us, r.lat_max_us, r.cpu_us_per_io]).toEqual([null, null, null]);
  });
  it('cpu_us_per_io: fio’s usr+sys share of the job runtime per completed I/O', () => {
    const doc = JSON.parse(
      raw('native-ssd-randread.json').slice(raw('native-ssd-randread.json').indexOf('{')),
    ) as {
      jobs: {
        usr_cpu: number;
        sys_cpu: number;
        job_runtime: number;
        read: { total_ios: number };
      }[];
    };
    const j = doc.jobs[0]!;
    const r = load('native-ssd-randread.json').records[0]!;
    const expected = (((j.usr_cpu + j.sys_cpu) / 100) * j.job_runtime * 1000) / j.read.total_ios;
    expect(r.cpu_us_per_io).toBeCloseTo(expected, 3);
    // A job known to run in a guest: its CPU is not the host's, so the field stays empty.
    const guest = ingestBytes(readFileSync(join(dir, 'native-ssd-randread.json')), {
      fileName: 'guest-native-ssd-randread.json',
    });
    expect(
      guest.ok && [guest.value.records[0]!.layer, guest.value.records[0]!.cpu_us_per_io],
    ).toEqual(['guest', null]);
  });
  it('the fields survive the canonical CSV (the tail never travels in CSV)', () => {
    const { records } = load('psync-randrw.json');
    expect(records[0]!.tail?.fioJob?.name).toBe('mixed');
    const back = csvToRecords(recordsToCsv(records));
    expect(back.ok && back.value).toEqual(records.map(({ tail: _tail, ...r }) => r));
  });
});
