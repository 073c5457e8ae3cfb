/* eslint-disable no-restricted-imports -- tests run in Node and read fixture files from disk */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fioArgs,
  fioRunName,
  FIO_LOG_AVG_MSEC,
  fioMeasurement,
  parseQemuImgBench,
  qemuImgBenchArgs,
  qemuImgMeasurement,
} from './engines';
import {
  describeEnvironment,
  environmentFields,
  ioUringSysctlProblem,
  mediumOf,
  mountOf,
  qemuVersionOf,
} from './environment';
import { interleavedRuns } from './plan';
import { buildMatrix } from './matrix';
import { benchRecord, failedRecord } from './record';
import type { EnvironmentProbe } from './bench.types';

const dir = join(__dirname, 'fixtures');
const raw = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('qemu-img bench output', () => {
  const files = readdirSync(dir).filter((f) =>
    /^qemu-img-bench-\w+-falloc-(read|write)\.txt$/.test(f),
  );

  it('every captured run parses; IOPS = requests ÷ seconds of the same text', () => {
    expect(files.length).toBe(6);
    for (const f of files) {
      const text = raw(f);
      const p = parseQemuImgBench(text);
      expect(p.ok, f).toBe(true);
      if (!p.ok) continue;
      const [, count, op, bs, depth] = /Sending (\d+) (\w+) requests, (\d+) bytes each, (\d+)/.exec(
        text,
      )!;
      const seconds = Number(/completed in ([\d.]+)/.exec(text)![1]);
      expect(p.value).toMatchObject({
        count: Number(count),
        bs: Number(bs),
        depth: Number(depth),
        write: op === 'write',
        step: Number(bs),
        offset: 0,
        seconds,
      });
      const m = qemuImgMeasurement(p.value, 0.5);
      expect(m.iops).toBeCloseTo(Number(count) / seconds, 6);
      expect(m.bwKibS).toBeCloseTo((Number(count) * Number(bs)) / 1024 / seconds, 6);
      expect(m.latMeanUs).toBeNull(); // qemu-img bench reports no per-request latency
      expect(m.ios).toBe(Number(count));
    }
  });

  it('errors and too-short runs are reasons, never numbers', () => {
    const missing = parseQemuImgBench(raw('qemu-img-bench-missing-image.txt'));
    expect(missing.ok ? '' : missing.reason).toMatch(/not qemu-img bench output/);
    const short = parseQemuImgBench(raw('qemu-img-bench-too-short.txt'));
    expect(short.ok).toBe(true);
    const zero = parseQemuImgBench(
      raw('qemu-img-bench-too-short.txt').replace(/[\d.]+ seconds/, '0.000 seconds'),
    );
    expect(zero.ok ? '' : zero.reason).toMatch(/too short/);
    const cut = parseQemuImgBench(raw('qemu-img-bench-native-falloc-read.txt').split('\n')[0]!);
    expect(cut.ok ? '' : cut.reason).toMatch(/did not complete/);
  });

  it('the command line: -t none -i AIO, write with a non-zero pattern', () => {
    const m = buildMatrix({}, { aio: 'io_uring', prealloc: 'full', prefill: 'yes', size: '64M' });
    if (!m.ok) throw new Error(m.reason);
    const [read, write] = interleavedRuns(m.value);
    expect(qemuImgBenchArgs(read!, '/d/i.qcow2')).toEqual([
      'bench',
      '-f',
      'qcow2',
      '-t',
      'none',
      '-i',
      'io_uring',
      '-c',
      '16384',
      '-d',
      '32',
      '-s',
      '4096',
      '/d/i.qcow2',
    ]);
    expect(qemuImgBenchArgs(write!, '/d/i.qcow2')).toContain('-w');
  });
});

describe('fio output through the ingest parser', () => {
  for (const engine of ['libaio', 'io_uring', 'psync'])
    for (const rw of ['randread', 'randwrite'])
      it(`${engine} ${rw}`, () => {
        const text = raw(`fio-${engine}-${rw}.json`);
        const job = (
          JSON.parse(text.slice(text.indexOf('{'))) as {
            jobs: Record<string, Record<string, unknown>>[];
          }
        ).jobs[0]!;
        const side = job[rw === 'randread' ? 'read' : 'write']!;
        const clat = side['clat_ns'] as {
          mean: number;
          max: number;
          percentile: Record<string, number>;
        };
        const m = fioMeasurement(text, 1.25);
        expect(m.ok).toBe(true);
        if (!m.ok) return;
        expect(m.value.iops).toBeCloseTo(side['iops'] as number, 6);
        expect(m.value.bwKibS).toBe(side['bw']);
        expect(m.value.latMeanUs).toBeCloseTo(clat.mean / 1000, 3);
        expect(m.value.latP99Us).toBeCloseTo(clat.percentile['99.000000']! / 1000, 3);
        expect(m.value.runtimeS).toBe(1);
        // Spec v2 fields (contract A): p99.9 and max from the same clat block.
        expect(m.value.latP999Us).toBeCloseTo(clat.percentile['99.900000']! / 1000, 3);
        expect(m.value.latMaxUs).toBeCloseTo(clat.max / 1000, 3);
        expect(m.value.ios).toBe(Math.round(m.value.iops * 1));
      });

  it('a count-bound run takes its run time from the report', () => {
    const m = fioMeasurement(raw('fio-libaio-read-count.json'), null);
    expect(m.ok && m.value.runtimeS).toBeGreaterThan(0);
    expect(m.ok && m.value.cpuS).toBeNull();
  });

  it('not fio output is a reason', () => {
    expect(fioMeasurement('fio: engine io_uring not loadable', null).ok).toBe(false);
  });

  it('the command line: direct, JSON, timed', () => {
    const m = buildMatrix(
      {},
      { engine: 'fio', ioengine: 'io_uring', rw: 'randwrite', runtime: '2' },
    );
    if (!m.ok) throw new Error(m.reason);
    const args = fioArgs(interleavedRuns(m.value)[0]!, '/d/f', 1 << 20);
    expect(args).toEqual(
      expect.arrayContaining([
        '--ioengine=io_uring',
        '--rw=randwrite',
        '--direct=1',
        '--output-format=json+',
        '--runtime=2',
        '--time_based',
      ]),
    );
    expect(args.some((a) => a.startsWith('--write_lat_log'))).toBe(false);
  });

  it('with a log prefix: json+ and the latency, IOPS and bandwidth logs, averaged (issue 15)', () => {
    const m = buildMatrix({}, { engine: 'fio', rw: 'randread', runtime: '1' });
    if (!m.ok) throw new Error(m.reason);
    const run = interleavedRuns(m.value)[0]!;
    const name = fioRunName(run);
    expect(name).toMatch(/^\d{4}-libaio-randread-bs\d+-qd\d+-r\d+$/);
    const args = fioArgs(run, '/d/f', 1 << 20, `/out/x.fio/${name}`);
    expect(args).toEqual(
      expect.arrayContaining([
        '--output-format=json+',
        `--write_lat_log=/out/x.fio/${name}`,
        `--write_iops_log=/out/x.fio/${name}`,
        `--write_bw_log=/out/x.fio/${name}`,
        `--log_avg_msec=${FIO_LOG_AVG_MSEC}`,
      ]),
    );
  });
});

describe('environment', () => {
  it('finds the mount of a path in a real mountinfo', () => {
    const info = raw('mountinfo.txt');
    const root = mountOf(info, '/work/main/data');
    expect(root).toMatchObject({ mountPoint: '/' });
    expect(root!.fsType).toMatch(/^ext4$|^xfs$|^overlay$/);
    const shm = mountOf(info, '/dev/shm/x');
    expect(shm?.fsType).toBe('tmpfs');
    expect(mountOf('21 26 0:20 / /a\\040b rw - xfs /dev/sdb rw', '/a b/c')).toEqual({
      mountPoint: '/a b',
      fsType: 'xfs',
      majMin: '0:20',
      source: '/dev/sdb',
    });
    expect(mountOf('garbage', '/x')).toBeNull();
  });

  it('medium from the device', () => {
    expect(mediumOf({ name: 'nvme0n1', majMin: '259:0', rotational: false, driver: 'nvme' })).toBe(
      'NVMe',
    );
    expect(mediumOf({ name: 'sda', majMin: '8:0', rotational: true, driver: 'sd' })).toBe('HDD');
    expect(mediumOf({ name: 'sdb', majMin: '8:16', rotational: false, driver: 'sd' })).toBe('SSD');
    expect(mediumOf({ name: 'vda', majMin: '254:0', rotational: true, driver: 'virtio_blk' })).toBe(
      'virtio',
    );
    expect(mediumOf({ name: 'dm-0', majMin: '253:0', rotational: null, driver: null })).toBeNull();
    expect(mediumOf(null)).toBeNull();
  });

  it('versions and io_uring sysctl', () => {
    expect(qemuVersionOf(raw('qemu-img-version.txt'))).toMatch(/^\d+\.\d+\.\d+$/);
    expect(ioUringSysctlProblem('0\n', false)).toBeNull();
    expect(ioUringSysctlProblem('2', true)).toMatch(/disabled/);
    expect(ioUringSysctlProblem('1', false)).toMatch(/io_uring_group/);
    expect(ioUringSysctlProblem('1', true)).toBeNull();
    expect(ioUringSysctlProblem(null, false)).toBeNull();
  });

  const probe: EnvironmentProbe = {
    kernel: '6.1.0-test',
    qemuImgVersion: raw('qemu-img-version.txt').split('\n')[0]!,
    fioVersion: 'fio-3.33',
    fsType: 'xfs',
    device: { name: 'nvme0n1', majMin: '259:0', rotational: false, driver: 'nvme' },
    ioUringProblem: {
      'qemu-img': null,
      fio: 'io_uring disabled by sysctl kernel.io_uring_disabled=2',
    },
  };

  it('records carry the captured environment and the run', () => {
    const m = buildMatrix({}, { aio: 'native', prealloc: 'off', prefill: 'no', rw: 'read' });
    if (!m.ok) throw new Error(m.reason);
    const run = interleavedRuns(m.value)[0]!;
    const p = parseQemuImgBench(raw('qemu-img-bench-native-falloc-read.txt'));
    if (!p.ok) throw new Error(p.reason);
    const r = benchRecord(
      run,
      'my-set',
      environmentFields(probe),
      qemuImgMeasurement(p.value, 0.8),
    );
    expect(r).toMatchObject({
      set: 'my-set',
      run: '1',
      layer: 'host',
      source: 'file',
      format: 'qcow2',
      cache: 'none',
      aio: 'native',
      prealloc: 'off',
      prewritten: false,
      rw: 'read',
      bs: 4096,
      iodepth: 32,
      host_kernel: '6.1.0-test',
      fs: 'xfs',
      medium: 'NVMe',
      lat_mean_us: null,
      origin: `bench#${run.key}`,
    });
    expect(r.qemu).toMatch(/^\d+\.\d+/);
    expect(r.iops).toBeGreaterThan(0);
    expect(r.cpu_us_per_io).toBeCloseTo((0.8 * 1e6) / p.value.count, 2);
    // A read of a not-pre-filled qcow2 image reads holes: flagged by the project's rule.
    expect(r.flags).toContain('sparse-read');
    const f = failedRecord(
      run,
      'my-set',
      environmentFields(probe),
      'io_uring not usable:\n  sysctl',
    );
    expect(f.flags).toEqual(['failed-run']);
    expect(f.iops).toBeNull();
    expect(f.extra['note']).toBe('io_uring not usable: sysctl');
    expect(Object.keys(f.extra)).toEqual(Object.keys(r.extra));
    expect(describeEnvironment(probe)).toMatch(/fio not usable: io_uring disabled/);
  });
});
