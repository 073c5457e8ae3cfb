/**
 * `aio-dash bench` for real, at a tiny size: qemu-img bench and fio run on this machine.
 * qemu-utils and fio are installed by scripts/ensure-debian-package.sh when missing (as root
 * with apt-get); otherwise these tests are skipped with the reason printed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from '../server/api-server.test-helper';
import { main } from './main';
import { recordRunKey } from '../core/bench/plan';
import { readOut } from '../node/bench/out-file';
import { parseTimes } from '../node/bench/child';
import { loadSets, newLoadArgs } from './load-records';

const root = join(__dirname, '../..');
const ensure = spawnSync(
  'bash',
  [join(root, 'scripts/ensure-debian-package.sh'), 'qemu-img:qemu-utils', 'fio:fio'],
  {
    encoding: 'utf8',
  },
);
const skipReason = ensure.status === 0 ? null : `bench run tests skipped: ${ensure.stderr.trim()}`;
if (skipReason) console.warn(skipReason);

// Under /var/tmp (a disk-backed filesystem) rather than /tmp, which may be tmpfs (no O_DIRECT).
const base = existsSync('/var/tmp') ? '/var/tmp' : tmpdir();
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(base, 'aio-dash-bench-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['bench', ...argv], {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    cwd: root,
  });
  return { code, out, err };
}

const qemuVersion = () =>
  /version\s+(\d+(?:\.\d+)+)/.exec(
    spawnSync('qemu-img', ['--version'], { encoding: 'utf8' }).stdout,
  )?.[1];

it('parses the CPU times bash prints', () => {
  expect(parseTimes('0m0.000s 0m0.008s\n0m0.129s 0m0.484s\n')).toBeCloseTo(0.613, 6);
  expect(parseTimes('1m2.500s 0m0.500s\n0m1.000s 1m0.000s\n')).toBeCloseTo(61, 6);
  expect(parseTimes('')).toBeNull();
});

describe.skipIf(skipReason !== null)('aio-dash bench on this host (tiny)', () => {
  it('qemu-img: one record per run with the captured environment, values > 0, no image left', async () => {
    const dir = tmp();
    const out = join(dir, 'out.csv');
    const r = await run([
      '--dir',
      dir,
      '--size',
      '8M', // 2048 requests per run: even reads of holes last a few ms (the clock has 1 ms)
      '--prealloc',
      'falloc',
      '--rw',
      'read,write',
      '--repeats',
      '1',
      '--set',
      't',
      '-o',
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    const records = readOut(out).records;
    expect(records).toHaveLength(3 * 2 * 2);
    for (const rec of records) {
      expect(rec).toMatchObject({
        set: 't',
        layer: 'host',
        source: 'file',
        format: 'qcow2',
        cache: 'none',
        bs: 4096,
        iodepth: 32,
        run: '1',
      });
      expect(rec.host_kernel).toBe(release());
      expect(rec.qemu).toBe(qemuVersion());
      expect(rec.fs).toBeTruthy();
      if (rec.flags.includes('failed-run')) {
        // Only a mode this host cannot run may fail, and it says why.
        expect(rec.aio).toBe('io_uring');
        expect(rec.extra['note']).toMatch(/io_uring/);
        continue;
      }
      expect(rec.iops).toBeGreaterThan(0);
      expect(rec.bw_kib_s).toBeGreaterThan(0);
      expect(rec.runtime_s).toBeGreaterThan(0);
      expect(rec.cpu_us_per_io).toBeGreaterThan(0);
      expect(rec.lat_mean_us).toBeNull(); // qemu-img bench has no per-request latency
    }
    expect(new Set(records.map(recordRunKey)).size).toBe(records.length);
    expect(readdirSync(dir)).toEqual(['out.csv']);
    // It ends with the comparison of what it measured.
    expect(r.out).toMatch(/aio threads → native/);
    expect(r.out).toMatch(/prealloc=falloc/);
  }, 120_000);

  it('fio: ioengines on one pre-filled file, with latency percentiles', async () => {
    const dir = tmp();
    const out = join(dir, 'fio.csv');
    const r = await run([
      '--dir',
      dir,
      '--engine',
      'fio',
      '--ioengine',
      'libaio,psync',
      '--rw',
      'randread',
      '--size',
      '4M',
      '--runtime',
      '1',
      '--repeats',
      '1',
      '-o',
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    const records = readOut(out).records;
    expect(records.map((x) => x.ioengine).sort()).toEqual(['libaio', 'psync']);
    for (const rec of records) {
      expect(rec).toMatchObject({
        layer: 'host',
        aio: null,
        prewritten: true,
        rw: 'randread',
        runtime_s: 1,
      });
      expect(rec.iops).toBeGreaterThan(0);
      expect(rec.lat_mean_us).toBeGreaterThan(0);
      expect(rec.lat_p99_us).toBeGreaterThanOrEqual(rec.lat_mean_us! * 0.5);
      expect(rec.lat_p999_us).toBeGreaterThanOrEqual(rec.lat_p99_us!);
      // fio's percentiles are histogram bin values (up to ~1.6% above the sample they stand
      // for), so p99.9 may exceed the exact maximum by that much.
      expect(rec.lat_max_us).toBeGreaterThanOrEqual(rec.lat_p999_us! * 0.97);
      expect(rec.cpu_us_per_io).toBeGreaterThan(0);
    }
    // Each measured run's json+ and log files (issue 15), beside OUT: loading that folder gives
    // the records with fio's percentile curve, its bins and the five time series.
    expect(readdirSync(dir).sort()).toEqual(['fio.csv', 'fio.fio']);
    const logDir = join(dir, 'fio.fio');
    expect(readdirSync(logDir).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    const loaded = await loadSets([logDir], newLoadArgs(), {
      stdout: () => {},
      stderr: () => {},
      cwd: dir,
    });
    expect(loaded.records).toHaveLength(2);
    for (const rec of loaded.records) {
      expect(rec.tail?.curve?.valuesUs.length).toBe(17);
      expect(rec.tail?.histogram?.counts.length).toBeGreaterThan(0);
      // psync has no submission latency: fio leaves its slat log empty (reported, not attached)
      expect(rec.tail?.series.map((x) => x.kind).sort()).toEqual(
        rec.ioengine === 'psync'
          ? ['bw', 'clat', 'iops', 'lat']
          : ['bw', 'clat', 'iops', 'lat', 'slat'],
      );
      expect(rec.tail?.series.every((x) => x.avgMs === 100)).toBe(true);
    }
  }, 120_000);

  it('--push sends the set to a team server when the runs are done; unreachable keeps OUT and exits 3', async () => {
    const server = await startTestApiServer({ token: 'bench-token-0123456789' });
    try {
      const dir = tmp();
      const out = join(dir, 'pushed.csv');
      const tiny = [
        '--dir',
        dir,
        '--size',
        '8M',
        '--aio',
        'threads,native',
        '--prealloc',
        'falloc',
      ];
      const more = ['--rw', 'read', '--repeats', '1', '--set', 'nightly', '-o', out];
      const r = await run([
        ...tiny,
        ...more,
        '--push',
        server.url,
        '--token',
        'bench-token-0123456789',
      ]);
      expect(r.code, r.err).toBe(0);
      const measured = readOut(out).records;
      expect(measured).toHaveLength(2 * 2); // threads, native × not pre-filled, pre-filled
      expect(r.out).toMatch(
        /set "nightly": stored as [A-Za-z0-9_-]+ \(4 records\) http:\/\/127\.0\.0\.1:\d+\/\?set=/,
      );
      const [stored] = await server.store.listSets();
      expect(stored?.name).toBe('nightly');
      expect(await server.store.getRecords(stored!.id)).toEqual(measured);

      const away = join(dir, 'away.csv');
      const gone = await run([
        ...tiny,
        ...more.slice(0, -1),
        away,
        '--push',
        'http://127.0.0.1:9/',
      ]);
      expect(gone.code).toBe(3);
      expect(gone.err).toContain(
        `send them later with: aio-dash push ${away} --server http://127.0.0.1:9/`,
      );
      expect(readOut(away).records).toHaveLength(measured.length);

      const bad = await run([...tiny, ...more, '--push', 'ftp://x']);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('--push: not an http(s) URL');
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('--dry-run prints the plan and runs nothing; too little free space exits 2 before any run', async () => {
    const dir = tmp();
    const dry = await run(['--dir', dir, '--dry-run', '-o', join(dir, 'x.csv')]);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/runs: 144 measured \+ 8 warm-up/);
    expect(dry.out).toMatch(/disk space in DIR: /);
    expect(dry.out).toMatch(/estimated time: /);
    expect(readdirSync(dir)).toEqual([]);
    const full = await run([
      '--dir',
      dir,
      '--size',
      '100000G',
      '--aio',
      'threads',
      '--count',
      '1',
      '-o',
      join(dir, 'x.csv'),
    ]);
    expect(full.code).toBe(2);
    expect(full.err).toMatch(/not enough free space/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('SIGINT keeps the finished runs and leaves no image; --resume completes the set without duplicates', async () => {
    const dir = tmp();
    const out = join(dir, 'int.csv');
    const args = [
      'bench',
      '--dir',
      dir,
      '--size',
      '8M',
      '--prealloc',
      'full',
      '--rw',
      'write',
      '--count',
      '512',
      '--repeats',
      '2',
      '-o',
      out,
    ];
    const total = 3 * 2 * 2; // aio × prefill × repeats
    const child = spawn(process.execPath, [join(root, 'bin/aio-dash.js'), ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((res) => child.once('close', (code) => res(code)));
    // Wait until a few runs are in OUT, then interrupt.
    const t0 = Date.now();
    const lines = () =>
      existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').length - 1 : 0;
    while (lines() < 3 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await exited;
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/SIGINT: stopped/);
    const kept = readOut(out).records;
    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(kept.length).toBeLessThan(total);
    expect(readdirSync(dir)).toEqual(['int.csv']); // no image, no work directory

    // Without --resume an existing OUT is refused (no silent duplicates).
    const refused = await run(args.slice(1));
    expect(refused.code).toBe(2);
    const resumed = await run([...args.slice(1), '--resume']);
    expect(resumed.code, resumed.err).toBe(0);
    const all = readOut(out).records;
    expect(all).toHaveLength(total);
    expect(new Set(all.map(recordRunKey)).size).toBe(total);
    // The runs kept from the first attempt are still there, unchanged.
    expect(all.slice(0, kept.length).map((x) => x.iops)).toEqual(kept.map((x) => x.iops));
    expect(readdirSync(dir)).toEqual(['int.csv']);
  }, 120_000);
});
