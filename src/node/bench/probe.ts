/**
 * Reads this host's environment for `aio-dash bench`: kernel (os.release), qemu-img and fio
 * versions, the filesystem of DIR and the block device under it (/proc/self/mountinfo →
 * /sys/dev/block/MAJ:MIN, a partition's parent disk, queue/rotational, driver), and whether
 * io_uring is usable (kernel.io_uring_disabled, then a real one-request run of each engine).
 * Nothing is typed by the user; what cannot be read stays null.
 */
import {
  existsSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { release } from 'node:os';
import { basename, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { BlockDeviceFacts, EnvironmentProbe } from '../../core/bench/bench.types';
import { ioUringSysctlProblem, mountOf } from '../../core/bench/environment';
import { qemuImgBenchCommand, qemuImgCreateArgs } from '../../core/bench/engines';
import type { ChildSlot } from './child';
import { runChild } from './child';

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** First line of `cmd --version`, or null when the command is missing. */
export function versionLine(cmd: string): string | null {
  try {
    const out = execFileSync(cmd, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    });
    return out.split('\n')[0]?.trim() || null;
  } catch {
    return null;
  }
}

/** The whole disk under MAJ:MIN (a partition's parent), its rotational flag and driver. */
export function blockDevice(majMin: string): BlockDeviceFacts | null {
  const sys = `/sys/dev/block/${majMin}`;
  if (!existsSync(sys)) return null;
  let dir: string;
  try {
    dir = realpathSync(sys);
  } catch {
    return null;
  }
  if (existsSync(join(dir, 'partition'))) dir = join(dir, '..');
  const name = basename(dir);
  const rot = readText(join(dir, 'queue/rotational'))?.trim();
  let driver: string | null = null;
  try {
    driver = basename(readlinkSync(join(dir, 'device/driver')));
  } catch {
    // virtio disks link device/driver one level up (virtioN/driver); nvme namespaces under the controller
    try {
      driver = basename(readlinkSync(join(dir, 'device/../driver')));
    } catch {
      driver = null;
    }
  }
  if (/^nvme/.test(name)) driver = driver ?? 'nvme';
  return { name, majMin, rotational: rot === '1' ? true : rot === '0' ? false : null, driver };
}

/** Filesystem and device of `dir` (an existing directory). */
export function fsAndDevice(dir: string): {
  fsType: string | null;
  device: BlockDeviceFacts | null;
} {
  const info = readText('/proc/self/mountinfo');
  if (info === null) return { fsType: null, device: null };
  const m = mountOf(info, realpathSync(dir));
  if (!m) return { fsType: null, device: null };
  return {
    fsType: m.fsType || null,
    device: m.majMin.startsWith('0:') ? null : blockDevice(m.majMin),
  };
}

/**
 * Whether io_uring works for each engine: the sysctl first, then one tiny real run in
 * `workDir` (a 1 MiB image / file, removed). Null = usable, else the reason.
 */
export async function probeIoUring(
  workDir: string,
  engines: readonly ('qemu-img' | 'fio')[],
  slot: ChildSlot,
): Promise<EnvironmentProbe['ioUringProblem']> {
  const out: EnvironmentProbe['ioUringProblem'] = { 'qemu-img': null, fio: null };
  const sysctl = ioUringSysctlProblem(
    readText('/proc/sys/kernel/io_uring_disabled'),
    process.getuid?.() === 0,
  );
  for (const e of engines) {
    if (sysctl !== null) {
      out[e] = sysctl;
      continue;
    }
    if (e === 'qemu-img') {
      const img = join(workDir, 'io_uring-probe.qcow2');
      const created = await runChild('qemu-img', qemuImgCreateArgs(img, 'off', 1 << 20), slot);
      const r =
        created.code === 0
          ? await runChild(
              'qemu-img',
              qemuImgBenchCommand(
                { aio: 'io_uring', count: 16, depth: 4, bs: 4096, write: false },
                img,
              ),
              slot,
            )
          : created;
      rmSync(img, { force: true });
      if (r.code !== 0)
        out[e] =
          `qemu-img bench -i io_uring failed: ${(r.stderr || r.stdout).trim().split('\n')[0] ?? `exit ${r.code}`}`;
    } else {
      const file = join(workDir, 'io_uring-probe.dat');
      writeFileSync(file, Buffer.alloc(1 << 20, 0xa5));
      const r = await runChild(
        'fio',
        [
          '--name=probe',
          `--filename=${file}`,
          '--size=1M',
          '--rw=read',
          '--bs=4k',
          '--ioengine=io_uring',
          '--direct=1',
          '--number_ios=16',
          '--output-format=json',
        ],
        slot,
      );
      rmSync(file, { force: true });
      if (r.code !== 0 || /"error"\s*:\s*[1-9]/.test(r.stdout))
        out[e] =
          `fio --ioengine=io_uring failed: ${(r.stderr || 'error in the job').trim().split('\n').pop() ?? ''}`;
    }
  }
  return out;
}

/** The environment of a bench run in DIR (io_uring from probeIoUring). */
export function probeHost(
  dir: string,
  ioUringProblem: EnvironmentProbe['ioUringProblem'],
): EnvironmentProbe {
  const { fsType, device } = fsAndDevice(dir);
  return {
    kernel: release(),
    qemuImgVersion: versionLine('qemu-img'),
    fioVersion: versionLine('fio'),
    fsType,
    device,
    ioUringProblem,
  };
}
