/**
 * The host's environment as record fields (pure): what src/node/bench/probe.ts read from
 * /proc and /sys, mapped to `host_kernel`, `qemu`, `fs`, `medium`. Captured, never typed.
 */
import type { BlockDeviceFacts, EnvironmentProbe } from './bench.types';

export interface MountEntry {
  mountPoint: string;
  fsType: string;
  /** MAJ:MIN of the mounted device (0:NN for virtual filesystems). */
  majMin: string;
  source: string;
}

/** Unescapes mountinfo's octal escapes (\040 = space). */
const unescape = (s: string): string =>
  s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/**
 * The mount that holds `path` (an absolute, symlink-free path), from /proc/self/mountinfo: the
 * longest mount point that is a prefix of the path; the last such line wins (over-mounts).
 */
export function mountOf(mountinfo: string, path: string): MountEntry | null {
  let best: MountEntry | null = null;
  for (const line of mountinfo.split('\n')) {
    // id parent MAJ:MIN root mountpoint options [optional…] - fstype source superoptions
    const dash = line.indexOf(' - ');
    if (dash < 0) continue;
    const left = line.slice(0, dash).split(' ');
    const right = line.slice(dash + 3).split(' ');
    const mountPoint = unescape(left[4] ?? '');
    const majMin = left[2] ?? '';
    if (!mountPoint) continue;
    const inside =
      mountPoint === '/' ||
      path === mountPoint ||
      path.startsWith(mountPoint.endsWith('/') ? mountPoint : mountPoint + '/');
    if (!inside) continue;
    if (best === null || mountPoint.length >= best.mountPoint.length)
      best = { mountPoint, fsType: right[0] ?? '', majMin, source: unescape(right[1] ?? '') };
  }
  return best;
}

/**
 * The medium of a block device: NVMe by name or driver; a virtio disk (vd*, driver virtio_blk)
 * is `virtio` — its rotational flag is what the hypervisor advertises, not the medium behind it;
 * rotational → HDD; else SSD. Null when nothing is known.
 */
export function mediumOf(d: BlockDeviceFacts | null): string | null {
  if (d === null) return null;
  if (/^nvme/.test(d.name) || d.driver === 'nvme') return 'NVMe';
  if (/^x?vd[a-z]/.test(d.name) || d.driver === 'virtio_blk') return 'virtio';
  if (d.rotational === true) return 'HDD';
  if (d.rotational === false) return 'SSD';
  return null;
}

/** `qemu-img version 7.2.22 (Debian 1:7.2+dfsg-7)` → `7.2.22`. */
export function qemuVersionOf(line: string | null): string | null {
  const m = line ? /version\s+(\d+(?:\.\d+)+)/i.exec(line) : null;
  return m ? m[1]! : null;
}

/** `fio-3.33` → `3.33`. */
export function fioVersionOf(line: string | null): string | null {
  const m = line ? /fio-(\d+(?:\.\d+)*)/.exec(line) : null;
  return m ? m[1]! : null;
}

/** Record fields every run carries. */
export interface EnvironmentFields {
  host_kernel: string | null;
  qemu: string | null;
  fs: string | null;
  medium: string | null;
}

export function environmentFields(p: EnvironmentProbe): EnvironmentFields {
  return {
    host_kernel: p.kernel,
    qemu: qemuVersionOf(p.qemuImgVersion),
    fs: p.fsType,
    medium: mediumOf(p.device),
  };
}

/**
 * Why io_uring cannot be used, from `kernel.io_uring_disabled` (0 enabled, 1 only for the
 * io_uring_group, 2 disabled) before any probe; null when the sysctl does not forbid it.
 */
export function ioUringSysctlProblem(value: string | null, isRoot: boolean): string | null {
  const v = value === null ? null : value.trim();
  if (v === '2') return 'io_uring disabled by sysctl kernel.io_uring_disabled=2';
  if (v === '1' && !isRoot)
    return 'io_uring restricted by sysctl kernel.io_uring_disabled=1 (only the io_uring_group may use it)';
  return null;
}

/** One line for the start of a run: what was captured. */
export function describeEnvironment(p: EnvironmentProbe): string {
  const f = environmentFields(p);
  const dev = p.device
    ? `${p.device.name} (${p.device.majMin}, rotational ${p.device.rotational === null ? '?' : p.device.rotational ? 1 : 0}${p.device.driver ? `, ${p.device.driver}` : ''})`
    : 'unknown';
  const uring = (['qemu-img', 'fio'] as const)
    .map(
      (e) =>
        `${e} ${p.ioUringProblem[e] === null ? 'usable' : `not usable: ${p.ioUringProblem[e]}`}`,
    )
    .join('; ');
  return (
    `host: kernel ${f.host_kernel ?? '?'}, qemu-img ${f.qemu ?? 'missing'}, fio ${fioVersionOf(p.fioVersion) ?? 'missing'}, ` +
    `fs ${f.fs ?? '?'}, device ${dev} → medium ${f.medium ?? '?'}; io_uring: ${uring}`
  );
}
